"""Counts for gold/heldout2/README.md (markdown tables), from gold/heldout2/indicators_heldout2.jsonl."""
import json, os, collections
P = os.path.join(os.path.dirname(__file__), "..", "..", "gold", "heldout2", "indicators_heldout2.jsonl")
docs = [json.loads(l) for l in open(P)]
items = [(d, i) for d in docs for i in d["indicators"]]
print(f"documents: {len(docs)} (with indicators {sum(1 for d in docs if d['indicators'])}, without {sum(1 for d in docs if not d['indicators'])}); items: {len(items)}")
print(f"hedged {sum(i['hedged'] for _, i in items)}, negated {sum(i['negated'] for _, i in items)}, borderline {sum('note' in i for _, i in items)}, testimony {sum(i['testimony'] for _, i in items)} ({100*sum(i['testimony'] for _, i in items)/len(items):.1f}%)")
print(f"excerpts: {sum(1 for d in docs if d['excerpt'])} documents\n")
sides = ["ru", "ua", "unknown"]
c = collections.Counter((i["indicator"], i["subject_side"]) for _, i in items)
inds = sorted({k[0] for k in c}, key=lambda k: -sum(c[(k, s)] for s in sides))
print("| indicator | ru | ua | total | testimony |\n|---|---:|---:|---:|---:|")
for k in inds:
    t = sum(1 for _, i in items if i["indicator"] == k and i["testimony"])
    print(f"| {k} | {c[(k,'ru')]} | {c[(k,'ua')]} | {sum(c[(k,s)] for s in sides)} | {t} |")
print(f"| **total** | {sum(v for (k,s),v in c.items() if s=='ru')} | {sum(v for (k,s),v in c.items() if s=='ua')} | {len(items)} | {sum(i['testimony'] for _, i in items)} |\n")
print("| source_type (document) | documents | without indicators | items | testimony items |\n|---|---:|---:|---:|---:|")
for st in ["testimony", "news", "analysis", "official", "finance"]:
    ds = [d for d in docs if d["source_type"] == st]
    print(f"| {st} | {len(ds)} | {sum(1 for d in ds if not d['indicators'])} | {sum(len(d['indicators']) for d in ds)} | {sum(i['testimony'] for d in ds for i in d['indicators'])} |")
print("\n| corpus | documents | items |\n|---|---:|---:|")
for corp in sorted({d["corpus"] for d in docs}):
    ds = [d for d in docs if d["corpus"] == corp]
    print(f"| {corp} | {len(ds)} | {sum(len(d['indicators']) for d in ds)} |")
cs = collections.Counter(i["claimant_side"] for _, i in items)
print("\nclaimant_side: " + ", ".join(f"{k} {v}" for k, v in cs.most_common()))
