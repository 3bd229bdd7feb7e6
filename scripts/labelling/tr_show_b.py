"""Print, for reading, the labelled region of documents of a draft/answers file (trb/draft.txt or trb/answers.txt):
«label» where a label is, ⟦ ⟧ around each turn's span with its number, and 400 characters after the region; then
every ':' , '(' , '[' , '<…>' and line-initial 'Q' in the region that is not a taken label.
Usage: python tr_show_b.py FILE N [N ...]   (N = the n of selected.jsonl, as written on the === line)"""

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
COMPACT = "-c" in sys.argv
args = [a for a in sys.argv[1:] if a != "-c"]
path, want = args[0], set(args[1:])
blocks, cur = [], None
for line in open(path):
    if line.startswith("=== "):
        did = line[4:].split(" | ")[0].strip()
        n = re.search(r"\bn(\d+)\b", line).group(1)
        cur = (n, did, [])
        blocks.append(cur)
    elif line.startswith("T ") and cur:
        cur[2].append(tuple(int(x) for x in line.split("#")[0].split("=")[0].split()[1:5]))
for n, did, turns in blocks:
    if want and n not in want:
        continue
    t = docs[did]["text"]
    print("#" * 30, n, did, "len", len(t))
    print("TITLE:", docs[did]["title"])
    marks = []
    for k, (a, b, s, e) in enumerate(turns):
        marks += [(a, "«"), (b, "»"), (s, f"⟦{k}:"), (e, f"⟧{k}")]
    marks.sort(key=lambda x: x[0])
    if COMPACT:  # -c: only the edges of each turn (160 characters each side) and everything between turns
        prev = 0
        for k, (a, b, s, e) in enumerate(turns):
            print(f"  gap {t[prev:a]!r}" if t[prev:a].strip() else "", end="")
            body = t[s:e]
            body = body if len(body) < 360 else body[:160] + f" [..{len(body) - 320}..] " + body[-160:]
            print(f"\n  [{k}] «{t[a:b]}» {t[b:s]!r} ⟦{body}⟧ ({s}-{e})")
            prev = e
        print("  AFTER:", repr(t[prev : prev + 300]))
    out, p = [], 0
    for pos, m in marks:
        out.append(t[p:pos])
        out.append(m)
        p = pos
    R = turns[-1][3] if turns else 0
    out.append(t[p : R + 400])
    if not COMPACT:
        print("".join(out))
    print("----- not labels:")
    labs = {b for a, b, _, _ in turns}
    for m in re.finditer(r":|\(|\[|<…>|(?m:^Q\b)", t[:R]):
        if m.start() in labs:
            continue
        print(f"   {m.group()!r} @{m.start()}: {t[max(0, m.start() - 60) : m.start() + 30]!r}")
    print()
