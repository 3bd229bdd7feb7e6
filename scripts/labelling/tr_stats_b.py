"""Counts for the held-out B section of gold/transcripts/README.md (turns_heldout_b.jsonl)."""

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
    for line in open(ROOT / "scripts/labelling/trb" / fn):
        r = json.loads(line)
        if r["pick"] in ("main", "phase2"):
            sel[r["id"]] = r
G = [json.loads(x) for x in open(ROOT / "gold/transcripts/turns_heldout_b.jsonl")]


def src(g):
    return "whitehouse" if g["corpus"].startswith("white") else "kremlin"


print("documents", len(G), Counter(src(g) for g in G))
print("docs by source x kind", sorted(Counter((src(g), g["kind"]) for g in G).items()))
print("docs by source x subkind (selection stratum)", sorted(Counter((src(g), sel[g["id"]]["subkind"]) for g in G).items()))
print("docs by pick x tier", sorted(Counter((sel[g["id"]]["pick"], sel[g["id"]]["tier"]) for g in G).items()))
T = [(src(g), g, t) for g in G for t in g["turns"]]
print("turns", len(T), Counter(s for s, _, _ in T))
print("turns by kind", Counter(g["kind"] for _, g, _ in T))
print("turns per document: min", min(len(g["turns"]) for g in G), "max", max(len(g["turns"]) for g in G),
      "mean", round(len(T) / len(G), 1))
print("roles", Counter(t["role"] for _, _, t in T).most_common())
print("roles by source", sorted(Counter((s, t["role"]) for s, _, t in T).items()))
print("sides", Counter(t["side"] for _, _, t in T).most_common())
print("role x side", sorted(Counter((t["role"], t["side"]) for _, _, t in T).items()))
print("speaker null", len([1 for _, _, t in T if t["speaker"] is None]),
      Counter(t["role"] for _, _, t in T if t["speaker"] is None))
print("distinct speakers", len({t["speaker"] for _, _, t in T if t["speaker"]}))
labels = Counter(docs[g["id"]]["text"][t["label_start"]:t["label_end"]] for _, g, t in T)
print("distinct label strings", len(labels))
print("labelled chars total", sum(g["labelled_chars"] for g in G))
print("regions past 6000 (two-turn minimum)", sum(g["labelled_chars"] > 6000 for g in G),
      "under 1000", sum(g["labelled_chars"] < 1000 for g in G))
notes = sum(len(re.findall(r"\([A-Za-z][^)]{2,80}\)|\[[^\]]+\]", docs[g["id"]]["text"][t["start"]:t["end"]])) for _, g, t in T)
print("bracketed notes/insertions inside spans", notes)
print("turns of <= 3 words", sum(len(docs[g["id"]]["text"][t["start"]:t["end"]].split()) <= 3 for _, g, t in T))
print("Q turns", labels["Q"], "Q with a named speaker", sum(1 for _, g, t in T if docs[g["id"]]["text"][t["label_start"]:t["label_end"]] == "Q" and t["speaker"]))
print("speakers", sorted(Counter(t["speaker"] for _, _, t in T if t["speaker"]).items()))
