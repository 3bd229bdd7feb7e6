"""Counts of dev c (DEV_C.md tables). Usage: stats_dev_c.py"""
import os, json, collections
from common import *
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "gold", "ruuk", "")
IND = ["fear", "deceived", "coerced", "betrayed_by_command", "expendable", "heavy_losses", "unwilling",
       "surrender_desertion", "sabotage", "untrained", "supply_shortage", "casualty_concealment", "forced_recruitment",
       "trauma", "orders_against_civilians", "morale_low", "morale_boosting", "morale_high"]
for name in ("indicators_dev_c.jsonl", "indicators_dev_c_uk.jsonl"):
    rows = [json.loads(l) for l in open(ROOT + name)]
    print(f"## {name}")
    nsent = sum(len(sentences(doc(r["id"])["text"])) for r in rows)
    pos = set()
    for r in rows:
        ss = sentences(doc(r["id"])["text"])
        for it in r["indicators"]:
            for k, (s, e) in enumerate(ss):
                if s < it["end"] and e > it["start"]:
                    pos.add((r["id"], k))
    items = [(r, it) for r in rows for it in r["indicators"]]
    print(f"documents {len(rows)}, sentences {nsent}, positive sentences {len(pos)}, items {len(items)}, "
          f"documents with items {sum(1 for r in rows if r['indicators'])}")
    print("| corpus | documents | with items | items |\n|---|---:|---:|---:|")
    for c in sorted({r["corpus"] for r in rows}):
        R = [r for r in rows if r["corpus"] == c]
        print(f"| {c} | {len(R)} | {sum(1 for r in R if r['indicators'])} | {sum(len(r['indicators']) for r in R)} |")
    st = collections.Counter(r["source_type"] for r in rows)
    sti = collections.Counter(r["source_type"] for r, it in items)
    print("source types (documents / items):", ", ".join(f"{k} {v}/{sti[k]}" for k, v in sorted(st.items())))
    print(f"hedged {sum(it['hedged'] for _, it in items)}, negated {sum(it['negated'] for _, it in items)}, "
          f"borderline {sum('note' in it for _, it in items)}, testimony {sum(it['testimony'] for _, it in items)}")
    print("| indicator | ru | ua | unknown | total |\n|---|---:|---:|---:|---:|")
    for i in IND:
        c = collections.Counter(it["subject_side"] for _, it in items if it["indicator"] == i)
        if c:
            print(f"| {i} | {c['ru']} | {c['ua']} | {c['unknown']} | {sum(c.values())} |")
    cs = collections.Counter((it["claimant_side"], it["subject_side"]) for _, it in items)
    print("claimant side -> subject side:", ", ".join(f"{a}->{b} {v}" for (a, b), v in sorted(cs.items())))
    print()
