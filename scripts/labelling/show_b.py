"""Print pool sentences [lo, hi) with the previous sentence as context (reading aid only; prints to stdout)."""
import json, sys, os
sys.path.insert(0, os.path.dirname(__file__))
from common_b import load, sentences

def main(pool_path, lo, hi):
    pool = [json.loads(l) for l in open(pool_path)][lo:hi]
    need = {}
    for r in pool: need.setdefault(r["corpus"], set()).add(r["id"])
    docs = {}
    for c, ids in need.items():
        for d in load(c):
            if d["id"] in ids: docs[(c, d["id"])] = d
    last = None
    for r in pool:
        d = docs[(r["corpus"], r["id"])]; t = d["text"]
        if (r["corpus"], r["id"]) != last:
            print(f"=== {r['id'][-60:]} | {(d.get('title') or '')[:70]}")
            last = (r["corpus"], r["id"])
        ss = sentences(t); prev = ""
        for i, (a, b) in enumerate(ss):
            if a == r["start"]:
                if i: prev = t[ss[i-1][0]:ss[i-1][1]]
                break
        prev = prev.replace("\n", " ")
        if len(prev) > 110: prev = "…" + prev[-110:]
        s = t[r["start"]:r["end"]].replace("\n", " ")
        print(f"[{r['idx']}] {r['selection'][0]}  <{prev}>\n    {s}")

if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
