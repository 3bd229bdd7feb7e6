"""Sentence-level agreement between annotator b's labels (gold/train/indicators_train_b.jsonl) and annotator a's
independent second labels of b's pool (/work/labels/second/a_on_b.jsonl): Cohen's kappa per indicator (presence, any
side) and for (indicator, side) pairs pooled; sentences excluded by b (text in reserved/gold documents) are skipped.
Aggregate numbers only."""
import json, collections, sys

def kappa(a, b):
    n = len(a); po = sum(x == y for x, y in zip(a, b)) / n
    pa = sum(a) / n; pb = sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return (po - pe) / (1 - pe) if pe < 1 else float("nan")

def key(r): return (r["corpus"], r["id"], r["start"], r["end"])

def main(path_a):
    mine = {key(r): r for r in map(json.loads, open("gold/train/indicators_train_b.jsonl"))}
    theirs = {key(r): r for r in map(json.loads, open(path_a))}
    common = [k for k in theirs if k in mine]
    print(f"a's second labels: {len(theirs)} sentences; in b's labelled set: {len(common)}")
    inds = sorted({l["indicator"] for k in common for r in (mine[k], theirs[k]) for l in r["labels"]})
    print("| indicator | b+ | a+ | both | kappa |\n|---|---:|---:|---:|---:|")
    for i in inds:
        x = [any(l["indicator"] == i for l in mine[k]["labels"]) for k in common]
        y = [any(l["indicator"] == i for l in theirs[k]["labels"]) for k in common]
        print(f"| {i} | {sum(x)} | {sum(y)} | {sum(p and q for p, q in zip(x, y))} | {kappa(x, y):.2f} |")
    x = [bool(mine[k]["labels"]) for k in common]; y = [bool(theirs[k]["labels"]) for k in common]
    print(f"| any indicator (positive sentence) | {sum(x)} | {sum(y)} | {sum(p and q for p, q in zip(x, y))} | {kappa(x, y):.2f} |")
    pairs_b = {(k, l["indicator"], l["subject_side"]) for k in common for l in mine[k]["labels"]}
    pairs_a = {(k, l["indicator"], l["subject_side"]) for k in common for l in theirs[k]["labels"]}
    inter = len(pairs_b & pairs_a)
    print(f"\n(indicator, side) items: b {len(pairs_b)}, a {len(pairs_a)}, both {inter}; "
          f"F1 {2*inter/(len(pairs_a)+len(pairs_b)) if pairs_a or pairs_b else float('nan'):.2f}")
    same_ind = {(k, i) for k, i, s in pairs_b} & {(k, i) for k, i, s in pairs_a}
    side_ok = sum(1 for k, i in same_ind if {s for kk, ii, s in pairs_b if (kk, ii) == (k, i)} ==
                  {s for kk, ii, s in pairs_a if (kk, ii) == (k, i)})
    print(f"side agreement where both coded the indicator: {side_ok}/{len(same_ind)}")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/labels/second/a_on_b.jsonl")
