"""Counts of the second labelling (gold/ruuk/indicators_heldout_second.jsonl). Usage: stats.py [JSONL]"""
import sys, os, json, collections
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ruuk"))
from common import doc, sentences
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "gold/ruuk/indicators_heldout_second.jsonl")
rows = [json.loads(l) for l in open(path)]
C = collections.Counter
bycorp, withind, items, nsent, st = C(), C(), C(), C(), C()
ind_side, cs_ss, flags = C(), C(), C()
possent = set()
for r in rows:
    c = r["corpus"]; bycorp[c] += 1; st[r["source_type"]] += 1
    t = doc(r["id"])["text"]; sents = sentences(t); nsent[c] += len(sents)
    if r["indicators"]: withind[c] += 1
    items[c] += len(r["indicators"])
    for it in r["indicators"]:
        ind_side[(it["indicator"], it["subject_side"])] += 1
        cs_ss[(it["claimant_side"], it["subject_side"])] += 1
        for f in ("hedged", "negated", "testimony"):
            flags[f] += it[f]
        flags["borderline"] += it.get("note") == "borderline"
        for i, (s, e) in enumerate(sents):
            if s <= it["start"] < e: possent.add((r["id"], i))
print("| corpus | documents | sentences | with indicators | items |\n|---|---:|---:|---:|---:|")
for c in sorted(bycorp):
    print(f"| {c} | {bycorp[c]} | {nsent[c]} | {withind[c]} | {items[c]} |")
print(f"| total | {sum(bycorp.values())} | {sum(nsent.values())} | {sum(withind.values())} | {sum(items.values())} |")
print(f"\npositive sentences: {len(possent)}; source types (documents): {dict(sorted(st.items()))}")
print(f"flags: {dict(flags)}\n")
print("| indicator | ru | ua | unknown |\n|---|---:|---:|---:|")
for ind in sorted({k[0] for k in ind_side}):
    print(f"| {ind} | {ind_side[(ind,'ru')]} | {ind_side[(ind,'ua')]} | {ind_side[(ind,'unknown')]} |")
print("\n| claimant side \\ subject side | ru | ua |\n|---|---:|---:|")
for cs in sorted({k[0] for k in cs_ss}):
    print(f"| {cs} | {cs_ss[(cs,'ru')]} | {cs_ss[(cs,'ua')]} |")
