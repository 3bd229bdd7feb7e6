"""Print pool_c sentences idx A..B with the previous sentence as context (for reading only; no model output)."""
import json, sys, os
sys.path.insert(0, os.path.dirname(__file__))
from common_b import load, sentences
pool = [json.loads(l) for l in open(os.path.join(os.path.dirname(__file__), "../../gold/train/pool_c.jsonl"))]
a, b = int(sys.argv[1]), int(sys.argv[2])
texts = {}
for c in {p["corpus"] for p in pool[a:b]}:
    texts.update({(c, d["id"]): d for d in load(c)})
for p in pool[a:b]:
    d = texts[(p["corpus"], p["id"])]; t = d["text"]
    prev = [s for s in sentences(t) if s[1] <= p["start"]]
    ctx = t[prev[-1][0]:prev[-1][1]] if prev else ""
    print(f"## {p['idx']} [{p['id'][-50:]}] ctx: {ctx[-200:]}".replace("\n", " "))
    print("   >> " + t[p["start"]:p["end"]].replace("\n", " "))
