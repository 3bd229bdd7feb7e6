"""Counts for gold/ruuk/README.md: documents per corpus/language/source type, items per indicator x subject side,
claimant side x subject side, hedged/negated/borderline/testimony."""
import json, sys
from collections import Counter
IND = ["fear", "deceived", "coerced", "betrayed_by_command", "expendable", "heavy_losses", "unwilling",
       "surrender_desertion", "sabotage", "untrained", "supply_shortage", "casualty_concealment",
       "forced_recruitment", "trauma", "orders_against_civilians", "morale_low", "morale_boosting", "morale_high"]
for path in sys.argv[1:]:
    rows = [json.loads(l) for l in open(path, encoding="utf-8")]
    print(f"## {path.split('/')[-1]}\n")
    docs = Counter((r["corpus"], r["lang"]) for r in rows)
    pos = Counter((r["corpus"], r["lang"]) for r in rows if r["indicators"])
    print("| corpus | lang | documents | with indicators | items |\n|---|---|---:|---:|---:|")
    for k in sorted(docs):
        n = sum(len(r["indicators"]) for r in rows if (r["corpus"], r["lang"]) == k)
        print(f"| {k[0]} | {k[1]} | {docs[k]} | {pos[k]} | {n} |")
    its = [(r, i) for r in rows for i in r["indicators"]]
    print(f"| total | | {len(rows)} | {sum(1 for r in rows if r['indicators'])} | {len(its)} |\n")
    st = Counter(r["source_type"] for r in rows)
    print("source types (documents): " + ", ".join(f"{k} {v}" for k, v in sorted(st.items())))
    print(f"hedged {sum(i['hedged'] for _, i in its)}, negated {sum(i['negated'] for _, i in its)}, "
          f"borderline {sum(i.get('note') == 'borderline' for _, i in its)}, testimony {sum(i['testimony'] for _, i in its)}\n")
    c = Counter((i["indicator"], i["subject_side"], r["lang"]) for r, i in its)
    print("| indicator | ru (ru text) | ua (ru text) | ru (uk text) | ua (uk text) | total |\n|---|---:|---:|---:|---:|---:|")
    for ind in IND:
        v = [c[(ind, "ru", "ru")], c[(ind, "ua", "ru")], c[(ind, "ru", "uk")], c[(ind, "ua", "uk")]]
        print(f"| {ind} | " + " | ".join(map(str, v)) + f" | {sum(v)} |")
    cs = Counter((i["claimant_side"], i["subject_side"]) for _, i in its)
    print("\n| claimant side \\ subject side | ru | ua |\n|---|---:|---:|")
    for s in ["ru", "ua", "west", "independent"]:
        print(f"| {s} | {cs[(s, 'ru')]} | {cs[(s, 'ua')]} |")
    print()
