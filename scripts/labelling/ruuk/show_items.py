"""Print labelled items with their evidence text (to the terminal only) for a self-check."""
import sys, json
from common import doc
for l in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(l)
    if len(sys.argv) > 2 and sys.argv[2] not in r["corpus"]:
        continue
    t = doc(r["id"])["text"]
    for i in r["indicators"]:
        fl = "".join(k[0] for k in ("hedged", "negated") if i[k]) + ("b" if i.get("note") else "")
        print(f"{r['id'][-22:]} | {i['indicator']}:{i['subject_side']} {i['claimant_side']} {fl} | {t[i['start']:i['end']][:140]}".replace("\n", " "))
