"""Print documents with numbered lines and their character offsets (terminal only; no text is written to disk).
Usage: show.py ID ..."""
import sys

sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/qru")
from common import CORPORA, load  # noqa: E402

docs = {}
for c in CORPORA:
    docs.update(load(c))
for did in sys.argv[1:]:
    d = docs[did]
    t = d["text"]
    print(f"=== {did} | {d['source']} | {d['date']} | {len(t)} chars")
    pos = 0
    for n, line in enumerate(t.split("\n")):
        print(f"[{n:02d}@{pos}] {line}")
        pos += len(line) + 1
    print()
