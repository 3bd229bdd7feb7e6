"""Build and verify the blind second pass on dev c (brief l-agree6) from an answers file.
Usage: build_dev_c_second.py ANSWERS OUT_JSONL OUT_OFFSETS_TXT
       build_dev_c_second.py --from-offsets answers_dev_c_second_offsets.txt OUT_JSONL
       --b (brief l-agree6b): the documents are those of gold/ruuk/indicators_dev_c_second_b_ids.txt instead, e.g.
       build_dev_c_second.py --b --from-offsets answers_dev_c_second_b_offsets.txt OUT_JSONL
Answers: the format of build_dev_c.py (its parser is imported): '@ DOC_ID source_type', then items
  'sent | indicator | subject | claimant | claimant_side | flags | substring' (sentence number of moralewatch.segment;
  substring empty = whole sentence; flags h hedged, n negated, b borderline, t testimony).
The text-free offsets file has 'sent | start | end | ...' with offsets relative to the sentence.
Checks: the documents are the first N of gold/ruuk/indicators_dev_c_second_ids.txt in order; none reserved; offsets
in bounds; sha1; identifiers, sides, flags; no duplicate item; the written file is re-read and re-verified.
The scratch answers (with clause strings) stay outside the repository."""
import os, re, sys, json
from common import doc, corpus_of, reserved, sentences, sha12
from build import INDICATORS, SIDES, CSIDES, STYPES
from build_dev_c import items_of, parse

GOLD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "gold", "ruuk")

def main():
    from_offsets = "--from-offsets" in sys.argv
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    ans, out = args[:2]
    outoff = None if from_offsets else args[2]
    b = "--b" in sys.argv
    idfile = "indicators_dev_c_second_b_ids.txt" if b else "indicators_dev_c_second_ids.txt"
    ids = [l.strip() for l in open(os.path.join(GOLD, idfile), encoding="utf-8") if l.strip()]
    docs = parse(ans, from_offsets)
    errs, lines = [], []
    offlines = ["# dev c second pass" + (" b (l-agree6b)" if b else " (l-agree6)") + ", text-free labels: sentence number | start | end (relative to the "
                "sentence) | indicator | subject | claimant | claimant_side | flags; build_dev_c_second.py --from-offsets"]
    if [d["id"] for d in docs] != ids[:len(docs)]:
        errs.append("documents are not the first N of the id list, in order")
    for d in docs:
        did = d["id"]; D = doc(did); t = D["text"]; c = corpus_of(did)
        if reserved(c, did): errs.append(f"{did}: reserved")
        if d["source_type"] not in STYPES: errs.append(f"{did}: source_type")
        offlines.append(f"@ {did} {d['source_type']}")
        items = items_of(d, t, from_offsets, len(t), errs, offlines)
        lines.append(json.dumps({"id": did, "corpus": c, "lang": D["lang"], "source_type": d["source_type"],
                                 "excerpt": None, "indicators": items}, ensure_ascii=False))
    if errs:
        print("\n".join(errs)); sys.exit(1)
    open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
    if outoff:
        open(outoff, "w", encoding="utf-8").write("\n".join(offlines) + "\n")
    n = 0
    for l in open(out, encoding="utf-8"):
        r = json.loads(l); t = doc(r["id"])["text"]
        for it in r["indicators"]:
            n += 1
            assert 0 <= it["start"] < it["end"] <= len(t) and sha12(t[it["start"]:it["end"]]) == it["sha1"]
            assert it["indicator"] in INDICATORS and it["subject_side"] in SIDES and it["claimant_side"] in CSIDES
    print(f"ok: {len(lines)} documents, {n} items -> {out}")

if __name__ == "__main__":
    main()
