"""Markdown tables for the README section "held-out b": counts of gold/stories/pairs_heldout_b.jsonl by label,
corpus pair, language pair and hardness, and the candidate pool each pair came from (from labels_raw_b.txt)."""
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
ST = ROOT / "gold/stories"
docs = {}
for f in Path("/work/shared/data/corpora").glob("*.jsonl"):
    for line in open(f, encoding="utf-8"):
        d = json.loads(line)
        docs[d["id"]] = (f.stem, d.get("lang"))
pairs = [json.loads(l) for l in open(ST / "pairs_heldout_b.jsonl", encoding="utf-8")]
LABELS = ["duplicate", "update", "abridged", "rewrite", "translation", "same_event", "unrelated (hard)",
          "unrelated (not hard)"]


def lab(p):
    if p["label"] == "unrelated":
        return "unrelated (hard)" if p["hard"] else "unrelated (not hard)"
    return p["label"]


def table(key, title):
    c = Counter((key(p), lab(p)) for p in pairs)
    rows = sorted({k for k, _ in c})
    cols = [l for l in LABELS if any(c[(r, l)] for r in rows)]
    print(f"| {title} | " + " | ".join(cols) + " | total |")
    print("|---|" + "---:|" * (len(cols) + 1))
    for r in rows:
        print(f"| {r} | " + " | ".join(str(c[(r, l)] or "") for l in cols) + f" | {sum(c[(r, l)] for l in cols)} |")
    print(f"| **all** | " + " | ".join(str(sum(c[(r, l)] for r in rows)) for l in cols) + f" | {len(pairs)} |\n")


table(lambda p: " + ".join(sorted({docs[p['a']][0], docs[p['b']][0]})), "corpora")
table(lambda p: "-".join(sorted((docs[p["a"]][1], docs[p["b"]][1]))), "languages")
se = [p for p in pairs if p["label"] == "same_event"]
same_c = sum(docs[p["a"]][0] == docs[p["b"]][0] for p in se)
cross_l = sum(docs[p["a"]][1] != docs[p["b"]][1] for p in se)
print(f"same_event: {len(se)} pairs, {same_c} within one corpus, {len(se) - same_c} across corpora, "
      f"{cross_l} across languages")
