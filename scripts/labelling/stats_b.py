"""Counts for annotator b's data card (markdown to stdout)."""
import json, collections, sys

def table(counter, head):
    out = [f"| {head} | n |", "|---|---:|"]
    for k, v in sorted(counter.items(), key=lambda x: (-x[1], str(x[0]))):
        out.append(f"| {k} | {v} |")
    return "\n".join(out)

def main():
    rows = [json.loads(l) for l in open("gold/train/indicators_train_b.jsonl")]
    pos = [r for r in rows if r["labels"]]
    print(f"Real sentences: {len(rows)}; positive: {len(pos)}; labels: {sum(len(r['labels']) for r in rows)}; "
          f"hedged labels: {sum(l['hedged'] for r in rows for l in r['labels'])}; "
          f"negated labels: {sum(l['negated'] for r in rows for l in r['labels'])}; "
          f"notes 'borderline': {sum(1 for r in rows if r.get('note','').startswith('borderline'))}\n")
    inds = sorted({l["indicator"] for r in rows for l in r["labels"]} | {
        "fear","deceived","coerced","betrayed_by_command","expendable","heavy_losses","unwilling","surrender_desertion",
        "sabotage","untrained","supply_shortage","casualty_concealment","forced_recruitment","trauma",
        "orders_against_civilians","morale_low","morale_boosting","morale_high"})
    c = collections.Counter((l["indicator"], l["subject_side"]) for r in rows for l in r["labels"])
    print("| indicator | ru | ua | unknown | total |\n|---|---:|---:|---:|---:|")
    for i in inds:
        print(f"| {i} | {c[(i,'ru')]} | {c[(i,'ua')]} | {c[(i,'unknown')]} | {c[(i,'ru')]+c[(i,'ua')]+c[(i,'unknown')]} |")
    print()
    for key, head in (("source_type", "source type"), ("selection", "selection"), ("corpus", "corpus")):
        allc = collections.Counter(r[key] for r in rows); pc = collections.Counter(r[key] for r in pos)
        print(f"| {head} | sentences | positive |\n|---|---:|---:|")
        for k in sorted(allc, key=lambda x: -allc[x]): print(f"| {k} | {allc[k]} | {pc[k]} |")
        print()
    cs = collections.Counter(l["claimant_side"] for r in rows for l in r["labels"])
    print(table(cs, "claimant side (labels)")); print()
    docs = len({(r["corpus"], r["id"]) for r in rows}); print(f"Documents: {docs}\n")
    syn = [json.loads(l) for l in open("gold/train/synthetic_b.jsonl")]
    sc = collections.Counter((l["indicator"], l["subject_side"]) for s in syn for l in s["labels"])
    print(f"Synthetic: {len(syn)} sentences, {sum(1 for s in syn if not s['labels'])} negatives")
    print("| indicator | ru | ua |\n|---|---:|---:|")
    for i in inds: print(f"| {i} | {sc[(i,'ru')]} | {sc[(i,'ua')]} |")
    ag = [json.loads(l) for l in open("gold/train/agreement/b_on_a.jsonl")]
    print(f"\nAgreement pass on a's pool: {len(ag)} sentences, {sum(1 for r in ag if r['labels'])} positive, "
          f"{sum(len(r['labels']) for r in ag)} labels")

if __name__ == "__main__":
    main()
