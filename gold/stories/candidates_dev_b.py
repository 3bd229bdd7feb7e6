"""Candidate document pairs for the second DEV set of stories (issue 16, "dev b"): run once, then read and label.

Standalone on purpose: it imports nothing from moralewatch (the labeller stays blind to the grouping stage); it
computes only plain word 3-shingle Jaccard (j) and names-and-numbers Jaccard (jn), like candidates_b.py.

Documents: those of the eight corpora whose id occurs in no other file of gold/stories/ (this set's own files
excepted), and whose text is at most MAXLEN characters (so both texts of a pair can be read in full).

Pools (labels are the labeller's reading of both texts, not these numbers):
  copy     same corpus, dates within 3 days (Reuters: 1 day; undated pairs of one corpus: 0), j >= 0.3
  rewrite  same corpus, dates within 3 days (Reuters: 1 day), 0.1 <= j < 0.3 and jn >= 0.25 (reworded / updated copies)
  event    dates within 1 day, different channel/source (Reuters: same day), jn >= 0.12, j < 0.1
  hardneg  same corpus, dates within 3 days (Reuters: 1 day), 0.08 <= jn < 0.5, j < 0.1
  trans    a Ukrainian resistinua item and a zelensky-addresses-en address within 1 day, scored by the Jaccard of their
           numbers and the length ratio; the CAP best (likely translations) in score order
  transneg the other pairs of that list (same president, same or next day: hard-negative candidates), seeded shuffle
  easy     two documents of one corpus more than 30 days apart (or of two corpora), jn < 0.05: easy unrelated
Each (pool, corpora) list is sorted, shuffled with its own seed (SEED-pool-corpora) and capped; written in pool order.

    python3 gold/stories/candidates_dev_b.py > gold/stories/candidates_dev_b.jsonl
    python3 gold/stories/candidates_dev_b.py --more event ru-news-telegram-war 40 > gold/stories/candidates_dev_b_more.jsonl

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
CORPORA = Path("/work/shared/data/corpora")
FILES = ["ru-news-telegram-war", "milblogger-telegram-ru", "resistinua-addresses", "zelensky-addresses-en",
         "press-releases-2022-en", "whitehouse-ukraine-en", "nyt-guardian-407", "reuters21578"]
OWN = {"candidates_dev_b.py", "candidates_dev_b.jsonl", "candidates_dev_b_more.jsonl", "candidates_dev_b_event.jsonl", "labels_raw_dev_b.txt", "pairs_dev_b.jsonl", "README.md"}
SEED = "1617-devb"
MAXLEN = 12000
CAP = {"copy": 25, "rewrite": 30, "event": 40, "hardneg": 20, "trans": 40, "transneg": 20, "easy": 6}


def load() -> dict[str, dict]:
    docs = {}
    for f in FILES:
        for line in open(CORPORA / f"{f}.jsonl", encoding="utf-8"):
            d = json.loads(line)
            d["corpus"] = f
            docs[d["id"]] = d
    return docs


def used_ids(all_ids: set[str]) -> set[str]:
    """Every id named by any other file of gold/stories/ (pairs, candidates, sheets, scores)."""
    used: set[str] = set()
    for p in (ROOT / "gold" / "stories").iterdir():
        if not p.is_file() or p.name in OWN:
            continue
        txt = p.read_text(encoding="utf-8")
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
    import os
    if os.environ.get("PYTHONHASHSEED") != "0":  # str hashes in the shingles: fix them for reproducible numbers
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable] + sys.argv)
    docs = load()
    used = used_ids(set(docs))
    ids = sorted(i for i in docs if i not in used and len(docs[i]["text"]) <= MAXLEN)
    print(f"# {len(docs)} documents, {len(used)} named in gold/stories, {len(ids)} free and <= {MAXLEN} chars",
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
        elif same and 0.1 <= j < 0.3 and jn >= 0.25 and dd <= 3:
            pools["rewrite"][key].append(row)
        elif dd <= 1 and (da["date"] or db["date"]) and (channel(da) != channel(db) or same and da["corpus"] == "reuters21578" and dd == 0) \
                and jn >= 0.12 and j < 0.1:
            pools["event"][key].append(row)
        elif same and dd <= 3 and 0.08 <= jn < 0.5 and j < 0.1:
            pools["hardneg"][key].append(row)

    for k, day in enumerate(daylist):
        window = list(byday[day])
        for nxt in daylist[k + 1:k + 4]:
            if days(day, nxt) <= (1 if day < "2000" else 3):  # Reuters (1987): next day only, for speed
                for a in byday[day]:
                    for b in byday[nxt]:
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
    trans: list[tuple] = []
    zen = [i for i in ids if docs[i]["corpus"] == "zelensky-addresses-en"]
    for a in ids:
        if docs[a]["corpus"] == "resistinua-addresses" and docs[a]["lang"] == "uk":
            for b in zen:
                dd = days(docs[a]["date"], docs[b]["date"])
                if dd <= 1:
                    na = set(re.findall(r"\d+", docs[a]["text"]))
                    nb = set(re.findall(r"\d+", docs[b]["text"]))
                    la, lb = len(docs[a]["text"].split()), len(docs[b]["text"].split())
                    score = jac(na, nb) * min(la, lb) / max(la, lb)
                    trans.append((round(score, 3), a, b, round(jac(F[a][1], F[b][1]), 3), dd))
    trans.sort(key=lambda r: (-r[0], r[1], r[2]))
    for sc, a, b, jn, dd in trans[:CAP["trans"]]:
        pools["trans"]["resistinua-addresses+zelensky-addresses-en"].append((a, b, sc, jn, dd))
    for sc, a, b, jn, dd in trans[CAP["trans"]:]:
        pools["transneg"]["resistinua-addresses+zelensky-addresses-en"].append((a, b, sc, jn, dd))
    rnd = random.Random(f"{SEED}-easy")
    non_reuters = [i for i in ids if docs[i]["corpus"] != "reuters21578"]
    for _ in range(400):
        a, b = sorted(rnd.sample(non_reuters, 2))
        if days(docs[a]["date"], docs[b]["date"]) > 30 and jac(F[a][1], F[b][1]) < 0.05:
            key = "+".join(sorted({docs[a]["corpus"], docs[b]["corpus"]}))
            pools["easy"][key].append((a, b, round(jac(F[a][0], F[b][0]), 3), round(jac(F[a][1], F[b][1]), 3),
                                       days(docs[a]["date"], docs[b]["date"])))
    more = sys.argv[sys.argv.index("--more") + 1:] if "--more" in sys.argv else None
    for pool in ("copy", "rewrite", "event", "hardneg", "trans", "transneg", "easy"):
        for key in sorted(pools[pool]):
            rnd = random.Random(f"{SEED}-{pool}-{key}")
            rows = list(pools[pool][key]) if pool == "trans" else sorted(set(pools[pool][key]))
            print(f"# {pool} {key}: {len(rows)}", file=sys.stderr)
            if pool != "trans":
                rnd.shuffle(rows)
            if more and (pool, key) != (more[0], more[1]):
                continue
            sel = rows[CAP[pool]:CAP[pool] + int(more[2])] if more else rows[:CAP[pool]]
            for a, b, j, jn, dd in sel:
                print(json.dumps({"pool": pool, "corpora": key, "a": a, "b": b, "j": j, "jn": jn, "days": dd},
                                 ensure_ascii=False))


if __name__ == "__main__":
    main()
