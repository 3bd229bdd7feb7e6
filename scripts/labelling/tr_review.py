"""Print, per document of an answers/draft file, each turn's edges in context and every ':' / stage-note-like
mark in the labelled region that is not a label (for reading by hand)."""

import json
import re
import sys
from pathlib import Path

CORPORA = Path("/work/shared/data/corpora")
docs = {}
for f in ("whitehouse-ukraine-en.jsonl", "press-releases-2022-en.jsonl"):
    for line in open(CORPORA / f):
        d = json.loads(line)
        docs[d["id"]] = d
path, want = sys.argv[1], set(sys.argv[2:])
cur = None
blocks = {}
for line in open(path):
    if line.startswith("=== "):
        cur = line[4:].split(" | ")[0].strip()
        blocks[cur] = []
    elif line.startswith("T ") and cur:
        blocks[cur].append(tuple(int(x) for x in line.split("#")[0].split()[1:5]))
for did, turns in blocks.items():
    if want and not any(w in did for w in want):
        continue
    t = docs[did]["text"]
    print("=" * 20, did, len(t))
    if not turns:
        continue
    print("  BEFORE FIRST:", repr(t[max(0, turns[0][0] - 80) : turns[0][0]]))
    for i, (a, b, s, e) in enumerate(turns):
        print(
            f"  [{i}] {t[a:b]!r} | start {t[s : s + 40]!r} ... end {t[max(s, e - 50) : e]!r} || after: {t[e : e + 30]!r}"
        )
    R = turns[-1][3]
    labs = {(a, b) for a, b, _, _ in turns}
    inside = [(s, e) for _, _, s, e in turns]
    for m in re.finditer(r":|\(|\[|<…>|\bQ\b|\n", t[:R]):
        p = m.start()
        if m.group() == "\n":
            continue
        if any(b == p for a, b in labs):
            continue
        ctx = t[max(0, p - 50) : p + 30].replace("\n", " / ")
        print(f"    . {m.group()!r} @{p}: {ctx!r}")
