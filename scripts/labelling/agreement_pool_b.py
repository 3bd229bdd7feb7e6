"""Blind agreement pass of annotator b on annotator a's pool: every sentence whose index in /work/labels/pools/a.jsonl
is a multiple of 10, in pool order, re-indexed 0..n-1 (field a_pool_index keeps a's index). Reads only the pool file,
never a's labels."""
import json, sys
src, dst = sys.argv[1], sys.argv[2]
rows = [json.loads(l) for l in open(src)]
out = []
for i, r in enumerate(rows):
    if i % 10 == 0:
        assert r.get("pool_index", i) == i, ("pool_index differs from position", i)
        out.append({"idx": len(out), "a_pool_index": i, "corpus": r["corpus"], "id": r["id"], "start": r["start"],
                    "end": r["end"], "sha1": r["sha1"], "selection": r["selection"]})
with open(dst, "w") as f:
    for r in out: f.write(json.dumps(r) + "\n")
print(len(out))
