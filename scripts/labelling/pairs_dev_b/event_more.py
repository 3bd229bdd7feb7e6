"""More same_event candidates for dev b (seeded), drawn after the event pool gave few same_event pairs.

  rel-addr  a president.gov.ua release (press-releases-2022-en) whose title reports a call, talk or meeting, and a
            zelensky-addresses-en address of the same day or the next, where a capitalised name of the release title
            (not a stop word such as President, Ukraine, Zelenskyy) occurs in the address text
  wh-addr   a whitehouse-ukraine-en document of at most 12,000 characters and a zelensky-addresses-en address within
            one day, where the address names Biden, the United States or America
Documents named in another gold/stories file are excluded (as in candidates_dev_b.py). Each list is sorted, shuffled
with seed 1617-devb-<pool> and capped (rel-addr 30, wh-addr 12).

    python3 scripts/labelling/pairs_dev_b/event_more.py > gold/stories/candidates_dev_b_event.jsonl
"""
import json
import random
import re
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "gold/stories"))
import candidates_dev_b as C  # noqa: E402

STOP = {"President", "Ukraine", "Ukrainian", "Volodymyr", "Zelenskyy", "Head", "Office", "The", "Prime", "Minister",
        "Andriy", "Yermak", "Deputy", "Republic", "Federation", "Russia", "Russian", "European", "Union", "Foreign",
        "Affairs", "Secretary", "State", "General", "Chancellor", "King", "United", "Kingdom", "States", "During",
        "With", "Held", "First", "Lady", "Olena", "Zelenska", "Denys", "Shmyhal", "Iryna", "Vereshchuk", "Kyiv",
        "National", "Security", "Council", "Defense", "Minister", "Speaker", "Parliament", "Ihor", "Zhovkva"}
CALL = re.compile(r"phone|telephone|conversation|talks|met with|meeting with|discussed|spoke", re.I)


def day(s):
    return date.fromisoformat(s[:10])


def main():
    docs = C.load()
    used = C.used_ids(set(docs))
    free = {i: d for i, d in docs.items() if i not in used and len(d["text"]) <= C.MAXLEN}
    rel = [d for d in free.values() if d["corpus"] == "press-releases-2022-en" and ":presidentua-" in d["id"]
           and CALL.search(d["title"] or "")]
    addr = [d for d in free.values() if d["corpus"] == "zelensky-addresses-en"]
    wh = [d for d in free.values() if d["corpus"] == "whitehouse-ukraine-en"]
    pools = {"rel-addr": [], "wh-addr": []}
    for r in rel:
        names = {w for w in re.findall(r"\b[A-Z][a-zA-Zéáíóúčšžłńąęćś'-]{3,}\b", r["title"]) if w not in STOP}
        for a in addr:
            dd = (day(a["date"]) - day(r["date"])).days
            if 0 <= dd <= 1 and any(re.search(rf"\b{re.escape(n)}", a["text"]) for n in names):
                pools["rel-addr"].append((r["id"], a["id"], dd))
    for w in wh:
        for a in addr:
            dd = abs((day(a["date"]) - day(w["date"])).days)
            if dd <= 1 and re.search(r"\bBiden\b|United States|America", a["text"]):
                pools["wh-addr"].append((w["id"], a["id"], dd))
    cap = {"rel-addr": 30, "wh-addr": 12}
    for pool, rows in pools.items():
        rows = sorted(set(rows))
        print(f"# {pool}: {len(rows)}", file=sys.stderr)
        random.Random(f"{C.SEED}-{pool}").shuffle(rows)
        for a, b, dd in rows[:cap[pool]]:
            print(json.dumps({"pool": pool, "a": a, "b": b, "days": dd}, ensure_ascii=False))


if __name__ == "__main__":
    main()
