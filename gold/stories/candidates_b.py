"""Candidate document pairs for the second held-out set (issue 16, "held-out b"): run once, then read and label.

Standalone on purpose: it imports nothing from moralewatch (the labeller stays blind to the grouping stage), only
plain word 3-shingle Jaccard and names-and-numbers Jaccard computed here.

Documents: those of the eight corpora below whose id occurs nowhere in gold/** (any file, any field; this folder's
own held-out b files excepted), tests/, bench/, examples/ or docs/.

Pools (each pair tagged with its pool; labels are the labeller's reading of both texts, not these numbers):
  copy     same corpus, dates within 3 days (Reuters: 1 day) (undated pairs of one corpus count as 0 days), shingle Jaccard >= 0.3
  event    dates within 1 day, different channel/source (Reuters: same day, one wire), names-and-numbers Jaccard >= 0.12, shingle Jaccard < 0.2
  hardneg  same corpus, dates within 3 days (Reuters: 1 day), names-and-numbers Jaccard in [0.08, 0.5), shingle Jaccard < 0.2
  trans    resistinua Ukrainian item and a zelensky-addresses-en address of the same day (translation candidates)
Each (pool, corpora) list is shuffled with its own seed (1616-pool-corpora), capped per corpus pair, and written in pool order.

    python3 gold/stories/candidates_b.py > gold/stories/candidates_b.jsonl
    python3 gold/stories/candidates_b.py --more event ru-news-telegram-war 60 > gold/stories/candidates_b_more.jsonl

`--more POOL KEY N` prints, instead, the next N rows of one (pool, corpora) list after the first CAP (same seeded
order), drawn when the first sample held too few same_event pairs.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent.parent / "shared" / "data" / "corpora"
if not CORPORA.exists():
    CORPORA = Path("/work/shared/data/corpora")
FILES = ["ru-news-telegram-war", "milblogger-telegram-ru", "resistinua-addresses", "zelensky-addresses-en",
         "press-releases-2022-en", "whitehouse-ukraine-en", "nyt-guardian-407", "reuters21578"]
OWN = {"pairs_heldout_b.jsonl", "labels_raw_b.txt", "candidates_b.jsonl", "candidates_b_more.jsonl", "candidates_b_reuters.jsonl",
       "candidates_b.py"}
SEED = 1616
CAP = {"copy": 40, "event": 60, "hardneg": 40, "trans": 30}


def load() -> dict[str, dict]:
    docs = {}
    for f in FILES:
        for line in open(CORPORA / f"{f}.jsonl", encoding="utf-8"):
            d = json.loads(line)
            d["corpus"] = f
            docs[d["id"]] = d
    return docs


def used_ids(all_ids: set[str]) -> set[str]:
    used: set[str] = set()
    for top in ("gold", "tests", "bench", "examples", "docs"):
        for p in (ROOT / top).rglob("*"):
            if not p.is_file() or p.name in OWN:
                continue
            try:
                txt = p.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            for tok in re.findall(r"[\w:/.\-]+", txt):
                for t in (tok, tok.rstrip(".:-/")):
                    if t in all_ids:
                        used.add(t)
    return used


def days(a: str | None, b: str | None) -> int:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) if a and b else 999
    except ValueError:
        return 999


def feats(d: dict) -> tuple[set[int], set[str]]:
    text = (d.get("title") or "") + "\n" + d["text"]
    toks = re.findall(r"\w+", text.lower())
    sh = {hash((toks[i], toks[i + 1], toks[i + 2])) for i in range(len(toks) - 2)}
    nn = {t.lower() for t in re.findall(r"\b(?:[A-ZА-ЯЁІЇЄҐ][\w'’-]{2,}|\d[\d.,]*\d|\d)\b", text)}
    return sh, nn


def jac(x: set, y: set) -> float:
    return len(x & y) / len(x | y) if x and y else 0.0


def channel(d: dict) -> str:
    return d["source"] or d["corpus"]


def main() -> None:
    docs = load()
    used = used_ids(set(docs))
    ids = sorted(i for i in docs if i not in used)
    print(f"# {len(docs)} documents, {len(used)} used in gold/tests/bench/examples/docs, {len(ids)} free",
          file=sys.stderr)
    F = {i: feats(docs[i]) for i in ids}
    byday: dict[str, list[str]] = defaultdict(list)
    undated: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        dt = docs[i]["date"]
        if dt:
            byday[dt[:10]].append(i)
        else:
            undated[docs[i]["corpus"]].append(i)
    daylist = sorted(byday)
    pools: dict[str, dict[str, list[tuple]]] = defaultdict(lambda: defaultdict(list))

    def consider(a: str, b: str) -> None:
        da, db = docs[a], docs[b]
        same = da["corpus"] == db["corpus"]
        dd = 0 if same and not da["date"] and not db["date"] else days(da["date"], db["date"])
        (sa, na), (sb, nb) = F[a], F[b]
        if not (na & nb) and not (sa & sb):
            return
        j, jn = jac(sa, sb), jac(na, nb)
        key = "+".join(sorted({da["corpus"], db["corpus"]}))
        row = (a, b, round(j, 3), round(jn, 3), dd)
        if same and j >= 0.3 and dd <= 3:
            pools["copy"][key].append(row)
        elif dd <= 1 and (da["date"] or db["date"]) and (channel(da) != channel(db) or same and da["corpus"] == "reuters21578" and dd == 0) \
                and jn >= 0.12 and j < 0.2:
            pools["event"][key].append(row)
        elif same and dd <= 3 and 0.08 <= jn < 0.5 and j < 0.2:
            pools["hardneg"][key].append(row)

    for k, day in enumerate(daylist):
        window = list(byday[day])
        for nxt in daylist[k + 1:k + 4]:
            if days(day, nxt) <= (1 if day < "2000" else 3):  # Reuters (1987): next day only, for speed
                window_b = byday[nxt]
                for a in byday[day]:
                    for b in window_b:
                        consider(min(a, b), max(a, b))
        for x in range(len(window)):
            for y in range(x + 1, len(window)):
                a, b = sorted((window[x], window[y]))
                consider(a, b)
    for corp, members in undated.items():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = sorted((members[x], members[y]))
                consider(a, b)
    zen = [i for i in ids if docs[i]["corpus"] == "zelensky-addresses-en"]
    for a in ids:
        if docs[a]["corpus"] == "resistinua-addresses" and docs[a]["lang"] == "uk":
            for b in zen:
                if days(docs[a]["date"], docs[b]["date"]) == 0:
                    pools["trans"]["resistinua-addresses+zelensky-addresses-en"].append((a, b, 0.0, 0.0, 0))
    more = sys.argv[sys.argv.index("--more") + 1:] if "--more" in sys.argv else None
    for pool in ("copy", "event", "hardneg", "trans"):
        for key in sorted(pools[pool]):
            rnd = random.Random(f"{SEED}-{pool}-{key}")
            rows = sorted(pools[pool][key])
            print(f"# {pool} {key}: {len(rows)}", file=sys.stderr)
            rnd.shuffle(rows)
            if more and (pool, key) != (more[0], more[1]):
                continue
            sel = rows[CAP[pool]:CAP[pool] + int(more[2])] if more else rows[:CAP[pool]]
            for a, b, j, jn, dd in sel:
                print(json.dumps({"pool": pool, "corpora": key, "a": a, "b": b, "j": j, "jn": jn, "days": dd},
                                 ensure_ascii=False))


if __name__ == "__main__":
    main()
