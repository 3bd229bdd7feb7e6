"""Counts for CARD_c.md from gold/train/indicators_train_c.jsonl (markdown to stdout)."""
import json, os, collections
H = os.path.dirname(__file__)
rows = [json.loads(l) for l in open(os.path.join(H, "../../gold/train/indicators_train_c.jsonl"))]
pool = [json.loads(l) for l in open(os.path.join(H, "../../gold/train/pool_c.jsonl"))]
IND = ["fear", "deceived", "coerced", "betrayed_by_command", "expendable", "heavy_losses", "unwilling",
       "surrender_desertion", "sabotage", "untrained", "supply_shortage", "casualty_concealment", "forced_recruitment",
       "trauma", "orders_against_civilians", "morale_low", "morale_boosting", "morale_high"]
labs = [l for r in rows for l in r["labels"]]
print(f"Sentences: {len(rows)} (pool {len(pool)}); positive: {sum(1 for r in rows if r['labels'])}; labels: {len(labs)}; "
      f"hedged: {sum(l['hedged'] for l in labs)}; negated: {sum(l['negated'] for l in labs)}; "
      f"notes 'borderline': {sum(1 for r in rows if r.get('note') == 'borderline')}; documents: {len({r['id'] for r in rows})}\n")
c = collections.Counter((l["indicator"], l["subject_side"]) for l in labs)
print("| indicator | ru | ua | unknown | total | of which negated |\n|---|---:|---:|---:|---:|---:|")
for i in IND:
    print(f"| {i} | {c[(i,'ru')]} | {c[(i,'ua')]} | {c[(i,'unknown')]} | {c[(i,'ru')]+c[(i,'ua')]+c[(i,'unknown')]} | "
          f"{sum(1 for l in labs if l['indicator']==i and l['negated'])} |")
def table(key, name):
    t = collections.Counter(key(r) for r in rows); p = collections.Counter(key(r) for r in rows if r["labels"])
    print(f"\n| {name} | sentences | positive |\n|---|---:|---:|")
    for k, n in t.most_common(): print(f"| {k} | {n} | {p[k]} |")
table(lambda r: r["selection"], "selection")
table(lambda r: pool[r["pool_idx"]].get("tranche", 1), "tranche")
table(lambda r: r["source_type"], "source type")
table(lambda r: r["corpus"], "corpus")
cs = collections.Counter(l["claimant_side"] for l in labs)
print("\n| claimant side (labels) | n |\n|---|---:|")
for k, n in cs.most_common(): print(f"| {k} | {n} |")
sel = collections.Counter((r["selection"], l["indicator"]) for r in rows for l in r["labels"])
print("\n| selection | labels by indicator |\n|---|---|")
for s in sorted({r["selection"] for r in rows}):
    print(f"| {s} | " + ", ".join(f"{i} {sel[(s,i)]}" for i in IND if sel[(s,i)]) + " |")
