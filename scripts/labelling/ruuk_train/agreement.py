"""Agreement of the two annotators of the Russian/Ukrainian training round: Cohen's kappa per indicator.

    PYTHONPATH=src python scripts/labelling/ruuk_train/agreement.py [--rb-on-a PATH] [--rb-b PATH]

Pairs: ra's labels of every 10th sentence of half A (gold/train/ruuk/indicators_train_ruuk_a.jsonl, pool_idx % 10 == 0)
with rb's blind labels of the same sentences (agreement/rb_on_a.jsonl); and, when rb's half-B file exists, ra's blind
labels of every 10th sentence of half B (agreement/ra_on_b.jsonl) with rb's labels of those sentences. Sentences are
matched by corpus id, offsets and sha1. Per indicator, each sentence is one binary decision (the indicator present,
any side); "any" is the decision positive/negative. Side agreement is over sentences where both give the indicator.
Only aggregates are printed.
"""
import argparse
import collections
import json
import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
R = os.path.join(ROOT, "gold", "train", "ruuk")
IND = ["fear", "deceived", "coerced", "betrayed_by_command", "expendable", "heavy_losses", "unwilling",
       "surrender_desertion", "sabotage", "untrained", "supply_shortage", "casualty_concealment", "forced_recruitment",
       "trauma", "orders_against_civilians", "morale_low", "morale_boosting", "morale_high"]


def load(path, every10=False):
    out = {}
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        if every10 and r["pool_idx"] % 10:
            continue
        out[(r["id"], r["start"], r["end"], r["sha1"])] = r
    return out


def kappa(a, b):
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return None if pe == 1 else (po - pe) / (1 - pe)


def fmt(k):
    return "n/a" if k is None else f"{k:.2f}"


def compare(name, x, y, lx, ly):
    keys = sorted(set(x) & set(y))
    print(f"\n## {name}: {len(keys)} sentences compared ({len(x)} {lx}, {len(y)} {ly})")
    if not keys:
        return
    sx = [{lab["indicator"] for lab in x[k]["labels"]} for k in keys]
    sy = [{lab["indicator"] for lab in y[k]["labels"]} for k in keys]
    a, b = [bool(s) for s in sx], [bool(s) for s in sy]
    print(f"any indicator: kappa {fmt(kappa(a, b))}, positive {sum(a)} ({lx}) / {sum(b)} ({ly}), "
          f"raw agreement {sum(p == q for p, q in zip(a, b)) / len(a):.2f}")
    print(f"| indicator | {lx} | {ly} | both | kappa |\n|---|---:|---:|---:|---:|")
    for ind in IND:
        a = [ind in s for s in sx]
        b = [ind in s for s in sy]
        if any(a) or any(b):
            both = sum(p and q for p, q in zip(a, b))
            print(f"| {ind} | {sum(a)} | {sum(b)} | {both} | {fmt(kappa(a, b))} |")
    same = tot = 0
    for k in keys:
        sa = collections.defaultdict(set)
        sb = collections.defaultdict(set)
        for lab in x[k]["labels"]:
            sa[lab["indicator"]].add(lab["subject_side"])
        for lab in y[k]["labels"]:
            sb[lab["indicator"]].add(lab["subject_side"])
        for ind in set(sa) & set(sb):
            tot += 1
            same += sa[ind] == sb[ind]
    print(f"subject side identical on {same} of {tot} indicator matches")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rb-on-a", default=os.path.join(ROOT, "..", "ruukb9", "gold", "train", "ruuk", "agreement", "rb_on_a.jsonl"))
    ap.add_argument("--rb-b", default=os.path.join(ROOT, "..", "ruukb9", "gold", "train", "ruuk", "indicators_train_ruuk_b.jsonl"))
    args = ap.parse_args()
    compare("half A (ra labels vs rb blind)", load(os.path.join(R, "indicators_train_ruuk_a.jsonl"), every10=True),
            load(args.rb_on_a), "ra", "rb")
    if os.path.exists(args.rb_b):
        compare("half B (ra blind vs rb labels)", load(os.path.join(R, "agreement", "ra_on_b.jsonl")),
                load(args.rb_b, every10=True), "ra", "rb")


if __name__ == "__main__":
    main()
