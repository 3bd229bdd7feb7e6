"""Build gold/heldout2/agreement/second_pass.jsonl from answers_second_pass_heldout2.txt (offsets only) and
verify every item (offsets in bounds, sha1, identifiers, sides). Documents in the order of the sample file."""
import json
import os
import sys
from sp_common import load_doc, sha12, check_item, SOURCE_TYPES

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SAMPLE = "/work/labels/second/heldout2_sample.jsonl"
ANS = os.path.join(os.path.dirname(__file__), "answers_second_pass_heldout2.txt")
OUT = os.path.join(ROOT, "gold/heldout2/agreement/second_pass.jsonl")

docs, stype = {}, {}
for ln in open(ANS):
    f = ln.rstrip("\n").split("\t")
    if f[0] == "#doc":
        stype[f[1]] = f[2]
        docs.setdefault(f[1], [])
        continue
    did, s, e, ind, subj, cl, cs, h, n, t, note = f
    text = load_doc(did)["text"]
    it = {"indicator": ind, "start": int(s), "end": int(e), "subject_side": subj, "claimant": cl,
          "claimant_side": cs, "hedged": h == "1", "negated": n == "1", "sha1": sha12(text[int(s):int(e)]),
          "testimony": t == "1"}
    if note:
        it["note"] = note
    docs[did].append(it)

errors = 0
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as fh:
    for row in map(json.loads, open(SAMPLE)):
        did = row["id"]
        if did not in docs:
            sys.exit(f"document not labelled: {did}")
        text = load_doc(did, row["corpus"])["text"]
        if stype[did] not in SOURCE_TYPES:
            errors += 1
            print("bad source_type", did)
        items = sorted(docs[did], key=lambda i: (i["start"], i["end"], i["indicator"]))
        seen = set()
        for it in items:
            for err in check_item(text, it):
                errors += 1
                print(did, it["start"], err)
            key = (it["indicator"], it["start"], it["end"], it["subject_side"])
            if key in seen:
                errors += 1
                print("duplicate", did, key)
            seen.add(key)
            ex = row.get("excerpt")
            if ex and not (ex[0] <= it["start"] and it["end"] <= ex[1]):
                errors += 1
                print("outside excerpt", did, it["start"])
        fh.write(json.dumps({"id": did, "corpus": row["corpus"], "source_type": stype[did],
                             "excerpt": row.get("excerpt"), "indicators": items}, ensure_ascii=False) + "\n")
print(f"{len(docs)} documents, {sum(map(len, docs.values()))} items, {errors} errors -> {OUT}")
sys.exit(1 if errors else 0)
