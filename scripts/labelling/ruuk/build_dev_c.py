"""Build and verify dev c (brief l-ruuk5) from an answers file.
Usage: build_dev_c.py ANSWERS main|uk OUT_JSONL OUT_OFFSETS_TXT
       build_dev_c.py --from-offsets OFFSETS_TXT main|uk OUT_JSONL
Answers lines: '@ DOC_ID source_type [first4000]' then items
  'sent | indicator | subject | claimant | claimant_side | flags | substring'   (as build.py; substring empty = whole
  sentence; flags h hedged, n negated, b borderline, t testimony).
'first4000': a document over 4,000 characters whose paragraphs starting before character 4,000 were read whole and
labelled; the line gets "excerpt": {"end": E} (E = end of the last paragraph read) and every item must end before E.
Checks: ids in the committed id list of the set and in its order, not reserved, not named in gold/ (the selection's
rule), offsets in bounds, sha1, identifiers, sides, flags, no duplicate items; the written file is re-read and
re-verified. The scratch answers (with substrings) stay outside the repository; OUT_OFFSETS_TXT is text-free."""
import os, sys, json, re
from common import *
from build import INDICATORS, SIDES, CSIDES, STYPES
import select_dev_c as S

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "gold", "ruuk", "")

def excerpt_end(t, limit=4000):
    end = 0
    for ps, pe in paragraphs(t):
        if ps < limit:
            end = max(end, pe)
    return end

def parse(path, from_offsets):
    docs, cur = [], None
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@"):
            f = line.split()
            cur = {"id": f[1], "source_type": f[2], "first4000": "first4000" in f[3:], "items": []}
            docs.append(cur)
            continue
        parts = [p.strip() for p in line.split("|")]
        if from_offsets:
            sent, rs, re_, ind, subj, cl, cs, fl = parts
            cur["items"].append((ln, int(sent), (int(rs), int(re_)), ind, subj, cl, cs, fl))
        else:
            sent, ind, subj, cl, cs, fl = parts[:6]
            sub = "|".join(line.split("|")[6:]).strip()
            cur["items"].append((ln, int(sent), sub, ind, subj, cl, cs, fl))
    return docs

def items_of(d, t, from_offsets, lim, errs, offlines):
    """The verified items of one answered document ``d`` over its text ``t`` (labels past ``lim`` refused), sorted;
    problems go to ``errs``, the text-free offsets lines to ``offlines``. Shared with build_dev_c_second.py."""
    sents = sentences(t)
    items = []
    for ln, si, sub, ind, subj, cl, cs, fl in d["items"]:
        if ind not in INDICATORS: errs.append(f"line {ln}: indicator {ind}")
        if subj not in SIDES: errs.append(f"line {ln}: subject {subj}")
        if cs not in CSIDES: errs.append(f"line {ln}: claimant_side {cs}")
        if set(fl) - set("hnbt"): errs.append(f"line {ln}: flags {fl}")
        if not cl: errs.append(f"line {ln}: claimant")
        if not (0 <= si < len(sents)): errs.append(f"line {ln}: sentence {si}"); continue
        ss, se = sents[si]
        if from_offsets:
            rs, re_ = sub
        elif sub:
            # a blank in the answer matches any blank of the text (the corpus has no-break spaces)
            pat = re.compile(r"\s+".join(re.escape(w) for w in sub.split()))
            ms = list(pat.finditer(t[ss:se]))
            if not ms: errs.append(f"line {ln}: substring not in sentence {si}"); continue
            if len(ms) > 1: errs.append(f"line {ln}: substring ambiguous")
            rs, re_ = ms[0].start(), ms[0].end()
        else:
            rs, re_ = 0, se - ss
        s, e = ss + rs, ss + re_
        if not (ss <= s < e <= se): errs.append(f"line {ln}: offsets"); continue
        if e > lim: errs.append(f"line {ln}: past the part read"); continue
        it = {"indicator": ind, "start": s, "end": e, "subject_side": subj, "claimant": cl, "claimant_side": cs,
              "hedged": "h" in fl, "negated": "n" in fl, "sha1": sha12(t[s:e]), "testimony": "t" in fl}
        if "b" in fl: it["note"] = "borderline"
        if (ind, s, e, subj) in {(x["indicator"], x["start"], x["end"], x["subject_side"]) for x in items}:
            errs.append(f"line {ln}: duplicate item")
        items.append(it)
        offlines.append(f"{si} | {rs} | {re_} | {ind} | {subj} | {cl} | {cs} | {fl}")
    items.sort(key=lambda x: (x["start"], x["end"], x["indicator"]))
    return items


def main():
    from_offsets = "--from-offsets" in sys.argv
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    ans, which, out = args[:3]
    outoff = None if from_offsets else args[3]
    ids = [l.strip() for l in open(ROOT + ("indicators_dev_c_ids.txt" if which == "main" else "indicators_dev_c_uk_ids.txt"))]
    blob, full, milb = S.gold_names(() if which == "main" else ("/stories/",))
    docs = parse(ans, from_offsets)
    errs, lines = [], []
    offlines = ["# dev c, text-free labels (sentence number, clause offsets relative to the sentence); "
                "build_dev_c.py --from-offsets"]
    if [d["id"] for d in docs] != ids[:len(docs)]:
        errs.append("documents are not the first N of the id list, in order")
    for d in docs:
        did = d["id"]; D = doc(did); t = D["text"]; c = corpus_of(did)
        if reserved(c, did): errs.append(f"{did}: reserved")
        if S.in_gold(did, blob, full, milb): errs.append(f"{did}: named in gold/")
        if d["source_type"] not in STYPES: errs.append(f"{did}: source_type")
        # over 4,000 characters: either read whole (no mark; the addresses are one paragraph, so the paragraphs
        # starting before character 4,000 are the whole text anyway) or marked first4000
        lim = excerpt_end(t) if d["first4000"] else len(t)
        offlines.append(f"@ {did} {d['source_type']}" + (" first4000" if d["first4000"] else ""))
        items = items_of(d, t, from_offsets, lim, errs, offlines)
        ex = {"end": lim, "note": "paragraphs starting before character 4000 read whole and labelled"} if d["first4000"] else None
        lines.append(json.dumps({"id": did, "corpus": c, "lang": D["lang"], "source_type": d["source_type"],
                                 "excerpt": ex, "indicators": items}, ensure_ascii=False))
    if errs:
        print("\n".join(errs)); sys.exit(1)
    open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
    if outoff:
        open(outoff, "w", encoding="utf-8").write("\n".join(offlines) + "\n")
    for l in open(out, encoding="utf-8"):
        r = json.loads(l); t = doc(r["id"])["text"]
        for it in r["indicators"]:
            assert 0 <= it["start"] < it["end"] <= len(t) and sha12(t[it["start"]:it["end"]]) == it["sha1"]
            assert it["indicator"] in INDICATORS and it["subject_side"] in SIDES and it["claimant_side"] in CSIDES
    print(f"ok: {len(lines)} documents, {sum(len(d['items']) for d in docs)} items -> {out}")

if __name__ == "__main__":
    main()
