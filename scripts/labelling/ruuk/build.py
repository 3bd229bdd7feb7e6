"""Convert an answers file into gold/ruuk JSONL and verify every item.
Usage: build.py ANSWERS SPLIT(heldout|dev) OUT_JSONL OUT_OFFSETS_TXT
ANSWERS lines:  '@ DOC_ID source_type'  then items
  'sent | indicator | subject | claimant | claimant_side | flags | substring'
  flags: h hedged, n negated, b borderline, t testimony; substring empty = whole sentence.
The scratch answers (with substrings) stay outside the repository; OUT_OFFSETS_TXT is the text-free version that is
committed (sentence number, offsets relative to the sentence) and can be rebuilt with --from-offsets."""
import sys, json
from common import *

INDICATORS = {"fear", "deceived", "coerced", "betrayed_by_command", "expendable", "heavy_losses", "unwilling",
              "surrender_desertion", "sabotage", "untrained", "supply_shortage", "casualty_concealment",
              "forced_recruitment", "trauma", "orders_against_civilians", "morale_low", "morale_boosting", "morale_high"}
SIDES = {"ru", "ua", "unknown"}
CSIDES = {"ru", "ua", "west", "independent", "third_state", "unknown"}
STYPES = {"testimony", "news", "official", "analysis", "finance", "other"}

def parse(path, from_offsets=False):
    docs, cur = [], None
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@"):
            _, did, st = line.split()
            cur = {"id": did, "source_type": st, "items": []}
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

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    from_offsets = "--from-offsets" in sys.argv
    ans, split, out, outoff = args
    docs = parse(ans, from_offsets)
    gids, _ = gold_ids()
    errs, seen = [], set()
    lines, offlines = [], ["# text-free labels (sentence number, clause offsets relative to the sentence); build.py --from-offsets"]
    for d in docs:
        did = d["id"]
        if did in seen: errs.append(f"duplicate doc {did}")
        seen.add(did)
        D = doc(did); t = D["text"]; c = corpus_of(did)
        if reserved(c, did) != (split == "heldout"): errs.append(f"{did}: wrong split")
        if did in gids: errs.append(f"{did}: already in gold/")
        if d["source_type"] not in STYPES: errs.append(f"{did}: source_type")
        sents = sentences(t)
        items = []
        offlines.append(f"@ {did} {d['source_type']}")
        for ln, si, sub, ind, subj, cl, cs, fl in d["items"]:
            if ind not in INDICATORS: errs.append(f"line {ln}: indicator {ind}")
            if subj not in SIDES: errs.append(f"line {ln}: subject {subj}")
            if cs not in CSIDES: errs.append(f"line {ln}: claimant_side {cs}")
            if set(fl) - set("hnbt"): errs.append(f"line {ln}: flags {fl}")
            if not (0 <= si < len(sents)): errs.append(f"line {ln}: sentence {si}"); continue
            ss, se = sents[si]
            if from_offsets:
                rs, re_ = sub
            elif sub:
                k = t[ss:se].find(sub)
                if k < 0: errs.append(f"line {ln}: substring not in sentence {si}"); continue
                if t[ss:se].find(sub, k + 1) >= 0: errs.append(f"line {ln}: substring ambiguous")
                rs, re_ = k, k + len(sub)
            else:
                rs, re_ = 0, se - ss
            s, e = ss + rs, ss + re_
            if not (ss <= s < e <= se): errs.append(f"line {ln}: offsets"); continue
            it = {"indicator": ind, "start": s, "end": e, "subject_side": subj, "claimant": cl, "claimant_side": cs,
                  "hedged": "h" in fl, "negated": "n" in fl, "sha1": sha12(t[s:e]), "testimony": "t" in fl}
            if "b" in fl: it["note"] = "borderline"
            key = (ind, s, e, subj)
            if key in {(x["indicator"], x["start"], x["end"], x["subject_side"]) for x in items}:
                errs.append(f"line {ln}: duplicate item")
            items.append(it)
            offlines.append(f"{si} | {rs} | {re_} | {ind} | {subj} | {cl} | {cs} | {fl}")
        items.sort(key=lambda x: (x["start"], x["end"], x["indicator"]))
        lines.append(json.dumps({"id": did, "corpus": c, "lang": D["lang"], "source_type": d["source_type"],
                                 "excerpt": None, "indicators": items}, ensure_ascii=False))
    if errs:
        print("\n".join(errs)); sys.exit(1)
    open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
    if not from_offsets:
        open(outoff, "w", encoding="utf-8").write("\n".join(offlines) + "\n")
    # re-verify what was written
    for l in open(out, encoding="utf-8"):
        r = json.loads(l); t = doc(r["id"])["text"]
        for it in r["indicators"]:
            assert 0 <= it["start"] < it["end"] <= len(t) and sha12(t[it["start"]:it["end"]]) == it["sha1"]
    print(f"ok: {len(lines)} documents, {sum(len(d['items']) for d in docs)} items -> {out}")

if __name__ == "__main__":
    main()
