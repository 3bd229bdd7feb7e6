"""Counts of the blind second pass on dev c (gold/ruuk/indicators_dev_c_second.jsonl). Usage: stats_dev_c_second.py
--b: the second pass b (gold/ruuk/indicators_dev_c_second_b.jsonl, l-agree6b)"""
import json, os, sys
from collections import Counter
from common import doc, sentences
GOLD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "gold", "ruuk")
rows = [json.loads(l) for l in open(os.path.join(GOLD, "indicators_dev_c_second_b.jsonl" if "--b" in sys.argv else "indicators_dev_c_second.jsonl"), encoding="utf-8")]
corp, st, ind, cs, fl = Counter(), Counter(), Counter(), Counter(), Counter()
nsent = npos = 0
for r in rows:
    items = r["indicators"]; t = doc(r["id"])["text"]; ss = sentences(t)
    nsent += len(ss)
    npos += sum(1 for s, e in ss if any(x["start"] < e and x["end"] > s for x in items))
    corp[(r["corpus"], "docs")] += 1; corp[(r["corpus"], "with")] += bool(items); corp[(r["corpus"], "items")] += len(items)
    st[r["source_type"]] += 1
    for x in items:
        ind[(x["indicator"], x["subject_side"])] += 1
        cs[(x["claimant_side"], x["subject_side"])] += 1
        for k in ("hedged", "negated", "testimony"):
            fl[k] += x[k]
        fl["borderline"] += x.get("note") == "borderline"
print(f"documents {len(rows)}, sentences {nsent}, positive sentences {npos}, items {sum(len(r['indicators']) for r in rows)}")
for c in sorted({c for c, _ in corp}):
    print(f"  {c}: documents {corp[(c, 'docs')]}, with indicators {corp[(c, 'with')]}, items {corp[(c, 'items')]}")
print("source types:", dict(sorted(st.items())))
print("flags:", dict(fl))
print("indicator x subject side:")
for k, v in sorted(ind.items()):
    print(f"  {k[0]} {k[1]}: {v}")
print("claimant side -> subject side:", {f"{a}->{b}": v for (a, b), v in sorted(cs.items())})
