"""Counts for CARD_d.md from gold/train/indicators_train_d.jsonl (Markdown on stdout)."""
import json, os
from collections import Counter, defaultdict
H = os.path.dirname(os.path.abspath(__file__)); ROOT = os.path.dirname(os.path.dirname(H))
rows = [json.loads(l) for l in open(os.path.join(ROOT, "gold/train/indicators_train_d.jsonl"))]
pool = [json.loads(l) for l in open(os.path.join(ROOT, "gold/train/pool_d.jsonl"))]
tr = {p["idx"]: p.get("tranche", 1) for p in pool}
IND = ["fear", "deceived", "coerced", "betrayed_by_command", "expendable", "heavy_losses", "unwilling",
       "surrender_desertion", "sabotage", "untrained", "supply_shortage", "casualty_concealment", "forced_recruitment",
       "trauma", "orders_against_civilians", "morale_low", "morale_boosting", "morale_high"]
THIN = {"fear", "deceived", "coerced", "betrayed_by_command", "unwilling", "sabotage", "trauma", "surrender_desertion",
        "casualty_concealment", "untrained", "morale_low", "expendable"}
labs = [l for r in rows for l in r["labels"]]
def bl(r, ind):
    """a label is borderline when the note says so; "borderline (X)" names the one indicator meant"""
    n = r.get("note", "")
    if "borderline (" in n:
        return ind in n.split("borderline (", 1)[1].split(")", 1)[0]
    return "borderline" in n
print(f"Sentences: {len(rows)} (pool {len(pool)}); positive: {sum(1 for r in rows if r['labels'])}; labels: {len(labs)}; "
      f"hedged: {sum(l['hedged'] for l in labs)}; negated: {sum(l['negated'] for l in labs)}; "
      f"notes 'borderline': {sum(1 for r in rows if 'borderline' in r.get('note', ''))}; documents: {len({r['id'] for r in rows})}\n")
print("| indicator | ru | ua | unknown | total | of which borderline | thin |\n|---|---:|---:|---:|---:|---:|---|")
for i in IND:
    c = Counter(l["subject_side"] for r in rows for l in r["labels"] if l["indicator"] == i)
    b = sum(1 for r in rows for l in r["labels"] if l["indicator"] == i and bl(r, i))
    print(f"| {i} | {c['ru']} | {c['ua']} | {c['unknown']} | {sum(c.values())} | {b} | {'yes' if i in THIN else ''} |")
thin_pos = [r for r in rows if any(l["indicator"] in THIN for l in r["labels"])]
print(f"\nSentences with a thin-indicator label: {len(thin_pos)} "
      f"({sum(1 for r in thin_pos if any(l['indicator'] in THIN and not bl(r, l['indicator']) for l in r['labels']))} "
      f"with a thin label that is not borderline)\n")
def table(key, name):
    c, p = Counter(), Counter()
    for r in rows:
        k = key(r); c[k] += 1; p[k] += bool(r["labels"])
    print(f"| {name} | sentences | positive |\n|---|---:|---:|")
    for k in sorted(c, key=lambda k: -c[k]): print(f"| {k} | {c[k]} | {p[k]} |")
    print()
table(lambda r: r["source_type"], "source type")
table(lambda r: r["corpus"], "corpus")
table(lambda r: r["selection"], "selection")
table(lambda r: f"tranche {tr[r['pool_idx']]}", "tranche")
print("| thin indicator x selection | labels |\n|---|---:|")
for k, v in sorted(Counter((l["indicator"], r["selection"]) for r in rows for l in r["labels"] if l["indicator"] in THIN).items()):
    print(f"| {k[0]} / {k[1]} | {v} |")
print()
print("| claimant side (labels) | n |\n|---|---:|")
for k, v in Counter(l["claimant_side"] for l in labs).most_common(): print(f"| {k} | {v} |")
