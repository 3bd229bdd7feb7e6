"""Convert annotator b's written paraphrases (scripts/labelling/synthetic/*.txt) to gold/train/synthetic_b.jsonl.
Every line is validated: indicator ids, sides, flags, no duplicate texts. These are the annotator's own sentences,
training only, never evaluation."""
import glob, json, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from common_b import IND, INDICATORS, SIDES, CSIDES

def main(out):
    rows, seen = [], set()
    for path in sorted(glob.glob(os.path.join(os.path.dirname(__file__), "synthetic", "*.txt"))):
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            if not line.strip() or line.startswith("#"): continue
            meta, text = line.rstrip("\n").split("|", 1)
            text = text.strip()
            assert text and text not in seen, (path, n); seen.add(text)
            codes, side, claimant, csd, flags = [x.strip() for x in meta.split(";")]
            labels = []
            if codes != "-":
                assert side in SIDES and csd in CSIDES and claimant, (path, n)
                assert set(flags) <= {"h", "n"}, (path, n)
                for c in codes.split("+"):
                    ind = IND.get(c, c); assert ind in INDICATORS, (path, n, c)
                    labels.append({"indicator": ind, "subject_side": side, "hedged": "h" in flags,
                                   "negated": "n" in flags, "claimant": claimant, "claimant_side": csd})
            rows.append({"text": text, "labels": labels, "synthetic": True, "annotator": "b"})
    with open(out, "w") as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    import collections
    c = collections.Counter((l["indicator"], l["subject_side"]) for r in rows for l in r["labels"])
    print(len(rows), "lines,", sum(1 for r in rows if not r["labels"]), "negatives")
    for k in sorted(c): print(" ", k, c[k])

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "gold/train/synthetic_b.jsonl")
