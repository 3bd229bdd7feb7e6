"""Candidate document pairs for the third DEV set of stories (issue 16, "dev c", session 16): the RELAY ZONE.

Sessions 12-16 found that the same-story pairs the stage misses are same-day relays of one source text (two channels
rewording one statement, two takes of one release) whose word overlap is low and whose names are shared like an
independent report's; dev + dev b hold 11 such pairs in 10 components, too few to fit a signal on (session 16's
sentence-alignment probe). This draws more pairs from exactly that zone, for labelling by two independent labellers.

Standalone on purpose, as candidates_dev_b.py (whose functions it reuses by copy of its logic: plain word 3-shingle
Jaccard j, names-and-numbers Jaccard jn; nothing from moralewatch). Documents: of the eight corpora, whose id occurs
in no file of gold/stories/ (this set's own files excepted), at most MAXLEN characters.

Pools:
  relay    dated, at most 1 day apart, 0.03 <= j < 0.3 and jn >= 0.15 (same corpus or not): a rewrite, a same_event
           report or a same-template hard negative; the labels decide which
  hardneg  same corpus, same day, 0.10 <= jn < 0.5, j < 0.03: independent reports or other events of one day
Each (pool, corpora) list is sorted, shuffled with its own seed (SEED-pool-corpora) and capped; written in pool order.

    python3 gold/stories/candidates_dev_c.py > gold/stories/candidates_dev_c.jsonl
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
OWN = {"candidates_dev_c.py", "candidates_dev_c.jsonl", "labels_dev_c_a.jsonl", "labels_dev_c_b.jsonl", "pairs_dev_c.jsonl", "README.md"}
SEED = "1616-devc"
MAXLEN = 12000
CAP = {"relay": 40, "hardneg": 12}


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
        if dd <= 1 and da["date"] and db["date"] and 0.03 <= j < 0.3 and jn >= 0.15:
            pools["relay"][key].append(row)
        elif same and dd == 0 and da["date"] and 0.10 <= jn < 0.5 and j < 0.03:
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
    more = sys.argv[sys.argv.index("--more") + 1:] if "--more" in sys.argv else None
    for pool in ("relay", "hardneg"):
        for key in sorted(pools[pool]):
            rnd = random.Random(f"{SEED}-{pool}-{key}")
            rows = sorted(set(pools[pool][key]))
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
