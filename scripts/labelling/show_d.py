"""Print pool_d sentences idx A..B, block by block (reading aid: the text only, no model or rule output).
Usage: /work/main/.venv/bin/python scripts/labelling/show_d.py A B"""
import json, sys, os
sys.path.insert(0, os.path.dirname(__file__))
from common_b import load
pool = [json.loads(l) for l in open(os.path.join(os.path.dirname(__file__), "../../gold/train/pool_d.jsonl"))]
a, b = int(sys.argv[1]), int(sys.argv[2])
texts = {}
for c in {p["corpus"] for p in pool[a:b]}:
    docs = load(c)
    texts.update({(c, d["id"]): d for d in docs})
blk = None
for p in pool[a:b]:
    if p["block"] != blk:
        blk = p["block"]; d = texts[(p["corpus"], p["id"])]
        print(f"==== block {blk} [{p['id'][-60:]}] {d.get('date', '')} | {(d.get('title') or '')[:90]}")
    t = texts[(p["corpus"], p["id"])]["text"]
    print(f"{p['idx']}{'*' if p['selection'] == 'hit' else ''}: " + t[p["start"]:p["end"]].replace("\n", " "))
