"""Tables of annotator rd's data card (gold/train/ruuk/CARD_ruuk_d.md) from the committed files (no corpus text read).
Usage: /work/main/.venv/bin/python scripts/labelling/ruuk_train/stats_d.py"""
import collections
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
IND = ["fear", "deceived", "coerced", "betrayed_by_command", "expendable", "heavy_losses", "unwilling",
       "surrender_desertion", "sabotage", "untrained", "supply_shortage", "casualty_concealment", "forced_recruitment",
       "trauma", "orders_against_civilians", "morale_low", "morale_boosting", "morale_high"]


def load(rel):
    return [json.loads(x) for x in open(os.path.join(ROOT, rel), encoding="utf-8")]


def report(name, rows):
    labs = [(r, x) for r in rows for x in r["labels"]]
    pos = [r for r in rows if r["labels"]]
    print(f"## {name}\n")
    print(f"{len(rows)} sentences, {len(pos)} positive ({100 * len(pos) / len(rows):.0f}%), {len(labs)} labels; "
          f"borderline sentences {sum(1 for r in pos if r.get('note', '').startswith('borderline'))}; "
          f"hedged {sum(x['hedged'] for _, x in labs)}, negated {sum(x['negated'] for _, x in labs)}, "
          f"testimony labels {sum(x['testimony'] for _, x in labs)}\n")
    for key in ("corpus", "lang", "source_type", "selection"):
        c = collections.Counter(r.get(key) for r in rows)
        p = collections.Counter(r.get(key) for r in pos)
        print(f"- by {key}: " + ", ".join(f"{k} {v} ({p[k]} positive)" for k, v in c.most_common()))
    print("\n| indicator | ru (ru text) | ua (ru text) | ru (uk text) | ua (uk text) | unknown | total |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    cell = collections.Counter((x["indicator"], x["subject_side"], r["lang"]) for r, x in labs)
    for i in IND:
        v = [cell[(i, "ru", "ru")], cell[(i, "ua", "ru")], cell[(i, "ru", "uk")], cell[(i, "ua", "uk")],
             sum(cell[(i, "unknown", lg)] for lg in ("ru", "uk"))]
        print(f"| {i} | " + " | ".join(map(str, v)) + f" | {sum(v)} |")
    cs = collections.Counter((x["claimant_side"], x["subject_side"]) for _, x in labs)
    print("\nclaimant side -> subject side: " + ", ".join(f"{a}->{b} {n}" for (a, b), n in sorted(cs.items())))
    print()


def extra(rows):
    pos = [r for r in rows if r["labels"]]
    docs = collections.Counter(r["id"] for r in pos)
    print(f"- {len({r['id'] for r in rows})} documents, {len(docs)} with a label; most labelled: "
          + ", ".join(f"{d} {n}" for d, n in docs.most_common(5)))
    tst = sum(1 for r in rows if r["source_type"] == "testimony")
    labs = [x for r in rows for x in r["labels"]]
    print(f"- testimony: {tst} of {len(rows)} sentences; {sum(x['testimony'] for x in labs)} of {len(labs)} labels")
    thin = ("fear", "deceived", "unwilling", "sabotage", "trauma", "coerced", "casualty_concealment", "untrained",
            "morale_low")
    print("- the brief's thin indicators: " + ", ".join(f"{i} {sum(x['indicator'] == i for x in labs)}" for i in thin))
    print()


D = load("gold/train/ruuk/indicators_train_ruuk_d.jsonl")
report("half D (indicators_train_ruuk_d.jsonl)", D)
extra(D)
C = load("gold/train/ruuk/agreement/rd_on_c.jsonl")
report("every 10th of half C, blind (agreement/rd_on_c.jsonl)", C)
extra(C)
