"""Task A (l-ind / annotator d): print every 10th sentence of pool_c (idx % 10 == 0) with the previous sentence as
context, WITHOUT annotator c's labels (reads only pool_c.jsonl, never indicators_train_c.jsonl)."""
import json, sys, os
sys.path.insert(0, os.path.dirname(__file__))
from common_b import load, sentences
H = os.path.dirname(__file__)
pool = [json.loads(l) for l in open(os.path.join(H, "../../gold/train/pool_c.jsonl"))]
items = [p for p in pool if p["idx"] % 10 == 0]
texts = {}
for c in {p["corpus"] for p in items}:
    texts.update({(c, d["id"]): d for d in load(c)})
for p in items:
    t = texts[(p["corpus"], p["id"])]["text"]
    prev = [s for s in sentences(t) if s[1] <= p["start"]]
    ctx = t[prev[-1][0]:prev[-1][1]] if prev else ""
    print(f"## {p['idx']} [{p['corpus'][:5]} {p['id'][-40:]}] ctx: {ctx[-220:]}".replace("\n", " "))
    print("   >> " + t[p["start"]:p["end"]].replace("\n", " "))
