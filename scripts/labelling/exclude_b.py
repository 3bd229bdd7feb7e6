"""Pool sentences that must not be used for training: the sentence's text occurs verbatim in a document that is
reserved for evaluation or named in gold/ (the corpora contain duplicate documents and live blogs that repeat
paragraphs). Writes the pool indices to scripts/labelling/excluded_b.json."""
import json, sys, os
sys.path.insert(0, os.path.dirname(__file__))
from common_b import load, reserved, in_gold

def main(pool_path, out):
    pool = [json.loads(l) for l in open(pool_path)]
    excl = {}
    for c in sorted({p["corpus"] for p in pool}):
        docs = load(c)
        blocked = [d["text"] for d in docs if reserved(c, d["id"]) or in_gold(d["id"])]
        big = "\n\u0000".join(blocked)
        byid = {d["id"]: d["text"] for d in docs}
        for p in pool:
            if p["corpus"] != c: continue
            s = byid[p["id"]][p["start"]:p["end"]]
            if len(s) >= 40 and s in big:
                excl[p["idx"]] = "text occurs in a reserved or gold document"
    json.dump(excl, open(out, "w"), indent=0, sort_keys=True)
    print(len(excl), "excluded:", sorted(map(int, excl)))

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
