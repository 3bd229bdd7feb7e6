"""Counts for CARD_ruuk_c.md (round 2): gold/train/ruuk/indicators_train_ruuk_c.jsonl (or a file given as argument)."""
import collections
import json
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "gold", "train", "ruuk", "indicators_train_ruuk_c.jsonl")
    rows = [json.loads(x) for x in open(path, encoding="utf-8")]
    labs = [(r, x) for r in rows for x in r["labels"]]
    pos = [r for r in rows if r["labels"]]
    print(f"{len(rows)} sentences, {len(pos)} positive, {len(labs)} labels, "
          f"{len({r['id'] for r in rows})} documents")
    for key in ("corpus", "lang", "selection", "source_type"):
        c = collections.Counter(r[key] for r in rows)
        p = collections.Counter(r[key] for r in pos)
        print(f"by {key}: " + ", ".join(f"{k} {v} ({p[k]} positive)" for k, v in c.most_common()))
    bl = sum(1 for r in pos if (r.get("note") or "").startswith("borderline"))
    print(f"positive sentences with a borderline note: {bl}; hedged labels {sum(x['hedged'] for _, x in labs)}, "
          f"negated {sum(x['negated'] for _, x in labs)}")
    t = sum(x["testimony"] for _, x in labs)
    print(f"testimony labels (soldiers', POWs', relatives' own words): {t} of {len(labs)} ({t / len(labs):.1%})")
    inds = [i for i in ("fear deceived coerced betrayed_by_command expendable heavy_losses unwilling "
                        "surrender_desertion sabotage untrained supply_shortage casualty_concealment forced_recruitment "
                        "trauma orders_against_civilians morale_low morale_boosting morale_high").split()]
    c = collections.Counter((x["indicator"], r["lang"], x["subject_side"]) for r, x in labs)
    print("\n| indicator | ru text: ru | ru text: ua | uk text: ru | uk text: ua | total |\n|---|---:|---:|---:|---:|---:|")
    for i in inds:
        v = [c[(i, "ru", "ru")], c[(i, "ru", "ua")], c[(i, "uk", "ru")], c[(i, "uk", "ua")]]
        tot = sum(n for (a, _, _), n in c.items() if a == i)
        print(f"| {i} | " + " | ".join(map(str, v)) + f" | {tot} |")
    s = collections.Counter((x["indicator"], r["selection"]) for r, x in labs)
    sels = ["thin", "context", "keyword", "random", "hard_negative"]
    print("\n| indicator | " + " | ".join(sels) + " |\n|---|" + "---:|" * len(sels))
    for i in inds:
        if any(s[(i, k)] for k in sels):
            print(f"| {i} | " + " | ".join(str(s[(i, k)]) for k in sels) + " |")
    cs = collections.Counter((x["claimant_side"], x["subject_side"]) for _, x in labs)
    print("\nclaimant side -> subject side: " + ", ".join(f"{a}->{b} {n}" for (a, b), n in cs.most_common()))


if __name__ == "__main__":
    main()
