"""Print documents with numbered sentences (project splitter). Usage: show.py ID [ID ...]"""
import sys
from common import *
for did in sys.argv[1:]:
    d = doc(did); t = d["text"]
    print(f"== {did} | {d['source'][:60]} | len={len(t)}")
    for i, (s, e) in enumerate(sentences(t)):
        print(f"[{i}] {t[s:e]}".replace("\n", " ⏎ "))
    print()
