"""Print the labelled spans of gold/heldout2 for a visual check (local use only; prints corpus text to the terminal)."""
import json, sys, os
sys.path.insert(0, os.path.dirname(__file__))
from lib import load_doc
path = os.path.join(os.path.dirname(__file__), "..", "..", "gold", "heldout2", "indicators_heldout2.jsonl")
want = set(sys.argv[1:])
for line in open(path):
    d = json.loads(line)
    if want and d["id"] not in want: continue
    t = load_doc(d["id"])["text"]
    for i in d["indicators"]:
        fl = "".join(k[0] for k in ("hedged", "negated", "testimony") if i[k])
        print(f'{d["id"][:40]:40} {i["indicator"]:24} {i["subject_side"]:3} {i["claimant_side"]:11} {fl:3} | {t[i["start"]:i["end"]][:110]!r}')
