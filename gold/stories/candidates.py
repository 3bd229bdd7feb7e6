"""Candidate document pairs for labelling (issue 16): run once, then read and label the pairs by hand.

Finds pairs in ../shared/data/corpora that share LSH buckets of the 3-shingle or the salient-token MinHash, plus
same-source/same-week pairs (hard negatives), leaves out every document id that any other gold set uses, and
prints them with both signals so that the labeller can spread the sample over the whole range. The labels are
the labeller's reading of both documents, not these numbers.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
from moralewatch.corpus.features import jaccard, salient, shingle_hashes, sketch, tokens  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "data" / "corpora"
FILES = ["ru-news-telegram-war", "milblogger-telegram-ru", "resistinua-addresses", "zelensky-addresses-en",
         "press-releases-2022-en", "whitehouse-ukraine-en", "reuters21578"]


def used_ids() -> set[str]:
    ids: set[str] = set()
    for p in (ROOT / "gold").rglob("*.jsonl"):
        if "stories" in p.parts:
            continue
        ids.update(re.findall(r'"(?:id|doc_id|document)": *"([^"]+)"', p.read_text(encoding="utf-8")))
    return ids


def main() -> None:
    used = used_ids()
    docs = {}
    for f in FILES:
        for line in open(CORPORA / f"{f}.jsonl", encoding="utf-8"):
            d = json.loads(line)
            if d["id"] in used:
                continue
            docs[d["id"]] = d
    print(len(docs), "documents", file=sys.stderr)
    sk = {i: sketch(d["text"], d.get("title")) for i, d in docs.items()}
    pairs: set[tuple[str, str]] = set()
    for attr, rows in (("sig", 4), ("ssig", 2)):
        buckets: dict[tuple[int, bytes], list[str]] = defaultdict(list)
        for i, s in sk.items():
            v = getattr(s, attr)
            for b in range(len(v) // rows):
                buckets[(b, v[b * rows:(b + 1) * rows].tobytes())].append(i)
        for members in buckets.values():
            if 1 < len(members) < 40:
                for x in range(len(members)):
                    for y in range(x + 1, len(members)):
                        pairs.add(tuple(sorted((members[x], members[y]))))  # type: ignore[arg-type]
    # hard-negative pool: same source, dates within 3 days
    rnd = random.Random(16)
    by_src = defaultdict(list)
    for i, d in docs.items():
        by_src[d["source"]].append(i)
    for ids in by_src.values():
        for _ in range(min(60, len(ids))):
            a, b = rnd.sample(ids, 2) if len(ids) > 1 else (ids[0], ids[0])
            if a != b:
                pairs.add(tuple(sorted((a, b))))  # type: ignore[arg-type]
    out = []
    for a, b in pairs:
        ta, tb = docs[a]["text"], docs[b]["text"]
        j3 = jaccard(shingle_hashes(tokens(ta)), shingle_hashes(tokens(tb)))
        j5 = jaccard(shingle_hashes(tokens(ta), 5), shingle_hashes(tokens(tb), 5))
        js = jaccard(salient(ta), salient(tb))
        out.append({"a": a, "b": b, "j3": round(j3, 3), "j5": round(j5, 3), "js": round(js, 3)})
    for row in sorted(out, key=lambda r: (-r["j3"], -r["js"])):
        print(json.dumps(row))


if __name__ == "__main__":
    main()
