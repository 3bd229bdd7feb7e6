"""Counts for gold/transcripts/README.md."""

import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
docs = {}
for f in ("whitehouse-ukraine-en.jsonl", "press-releases-2022-en.jsonl"):
    for line in open(Path("/work/shared/data/corpora") / f):
        d = json.loads(line)
        docs[d["id"]] = d
sel = {}
for fn in ("selected.jsonl", "selected2.jsonl"):
    for line in open(ROOT / "scripts/labelling/tr" / fn):
        r = json.loads(line)
        sel[r["id"]] = r
G = [json.loads(x) for x in open(ROOT / "gold/transcripts/turns.jsonl")]


def src(g):
    return "whitehouse" if g["corpus"].startswith("white") else "kremlin"


print("docs by source x kind", sorted(Counter((src(g), g["kind"]) for g in G).items()))
print("docs by source", Counter(src(g) for g in G))
T = [(src(g), t) for g in G for t in g["turns"]]
print("turns", len(T), Counter(s for s, _ in T))
print("turns by kind", Counter(g["kind"] for g in G for _ in g["turns"]))
print("roles", Counter(t["role"] for _, t in T))
print("roles by source", sorted(Counter((s, t["role"]) for s, t in T).items()))
print("sides", Counter(t["side"] for _, t in T))
print("speaker null", Counter((t["role"]) for _, t in T if t["speaker"] is None))
print("distinct speakers", len({t["speaker"] for _, t in T if t["speaker"]}))
print(
    "distinct label strings",
    len({docs[g["id"]]["text"][t["label_start"] : t["label_end"]] for g in G for t in g["turns"]}),
)
print("labelled chars total", sum(g["labelled_chars"] for g in G))
over = [(g["id"].split(":", 1)[1][:60], g["labelled_chars"]) for g in G if g["labelled_chars"] > 6000]
print("regions past 6000 (two-turn minimum)", len(over), over)
small = [(g["id"].split(":", 1)[1][:60], g["labelled_chars"]) for g in G if g["labelled_chars"] < 1000]
print("regions under 1000", small)
print("tier", Counter(sel[g["id"]]["tier"] for g in G), [g["id"] for g in G if sel[g["id"]]["tier"] == 1])
notes = 0
for g in G:
    text = docs[g["id"]]["text"]
    for t in g["turns"]:
        notes += len(re.findall(r"\([A-Z][^)]{2,80}\)|\[[^\]]+\]", text[t["start"] : t["end"]]))
print("bracketed notes/insertions inside spans", notes)
print(
    "one-word turns (<=3 words)",
    sum(len(docs[g["id"]]["text"][t["start"] : t["end"]].split()) <= 3 for g in G for t in g["turns"]),
)
