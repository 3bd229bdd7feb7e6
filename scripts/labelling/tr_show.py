"""Print the labelled region of documents of gold/transcripts/turns.jsonl with turn marks, for reading:
«label» where a label is, ⟦ where a turn's span starts, ⟧ where it ends, and the turn's number and speaker."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
docs = {}
for f in ("whitehouse-ukraine-en.jsonl", "press-releases-2022-en.jsonl"):
    for line in open(Path("/work/shared/data/corpora") / f):
        d = json.loads(line)
        docs[d["id"]] = d
sel = sys.argv[1:]
for i, line in enumerate(open(ROOT / "gold/transcripts/turns.jsonl")):
    g = json.loads(line)
    if sel and str(i) not in sel:
        continue
    t = docs[g["id"]]["text"]
    marks = []
    for k, u in enumerate(g["turns"]):
        marks += [
            (u["label_start"], "«"),
            (u["label_end"], f"»[{k}:{u['speaker']}|{u['role']}|{u['side']}]"),
            (u["start"], "⟦"),
            (u["end"], "⟧"),
        ]
    marks.sort(key=lambda x: x[0])
    out, p = [], 0
    for pos, m in marks:
        out.append(t[p:pos])
        out.append(m)
        p = pos
    out.append(t[p : g["labelled_chars"] + 200])
    print(f"########## [{i}] {g['id']} | {g['kind']} | labelled_chars {g['labelled_chars']} of {len(t)}")
    print(docs[g["id"]]["title"])
    print("".join(out))
    print()
