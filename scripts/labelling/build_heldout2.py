"""Convert scripts/labelling/answers_heldout2.txt into gold/heldout2/indicators_heldout2.jsonl and verify it.

Answers format (one item per line, fields separated by " | "):
  @ DOC_ID | source_type | excerpt          document header; excerpt is "-" or "START-END"
  N | SPAN | indicator | subject_side | claimant | claimant_side | flags
      N     sentence number (moralewatch.segment sentences over the raw text, as printed by lib.py)
      SPAN  "*" for the whole sentence, or "A:B", character offsets relative to the start of that sentence
            (the clause is text[sent_start + A : sent_start + B]); no corpus text is stored in the answers file
      flags letters: h hedged, n negated, t testimony, b borderline (adds "note": "borderline")
Lines starting with "#" are comments.
"""
import json, sys, os, hashlib
sys.path.insert(0, os.path.dirname(__file__))
from lib import load_doc, sentences, sha12, corpus_of
from select_heldout2 import reserved, gold_ids

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ANS = os.path.join(os.path.dirname(__file__), "answers_heldout2.txt")
OUT = os.path.join(ROOT, "gold", "heldout2", "indicators_heldout2.jsonl")
IND = set("""fear deceived coerced betrayed_by_command expendable heavy_losses unwilling surrender_desertion sabotage
untrained supply_shortage casualty_concealment forced_recruitment trauma orders_against_civilians morale_low
morale_boosting morale_high""".split())
SUBJ = {"ru", "ua", "unknown"}
CSIDE = {"ru", "ua", "west", "independent", "third_state", "unknown"}
STYPE = {"testimony", "news", "official", "analysis", "finance", "other"}
CORPORA = {"nyt-guardian-407", "zelensky-addresses-en", "whitehouse-ukraine-en", "press-releases-2022-en",
           "resistinua-addresses", "reuters21578"}

def main():
    errors = []
    docs, order = {}, []
    cur = None
    gold = gold_ids()
    for ln, raw in enumerate(open(ANS, encoding="utf-8"), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        f = [x.strip() for x in line.split(" | ")]
        if f[0].startswith("@"):
            did = f[0][1:].strip()
            if did in docs:
                errors.append(f"{ln}: duplicate document {did}")
            c = corpus_of(did)
            d = load_doc(did)
            if c not in CORPORA: errors.append(f"{ln}: corpus {c} not allowed")
            if not reserved(c, did): errors.append(f"{ln}: {did} is not reserved for evaluation")
            if (c, did) in gold or (None, did) in gold: errors.append(f"{ln}: {did} is in /work/main/gold")
            if (d.get("lang") or "en") != "en": errors.append(f"{ln}: {did} is not English")
            if f[1] not in STYPE: errors.append(f"{ln}: bad source_type {f[1]}")
            ex = None
            if f[2] != "-":
                s, e = map(int, f[2].split("-"))
                if not (0 <= s < e <= len(d["text"])): errors.append(f"{ln}: excerpt out of bounds")
                if e - s > 6500: errors.append(f"{ln}: excerpt longer than ~6000 chars ({e-s})")
                ex = [s, e]
            cur = {"id": did, "corpus": c, "source_type": f[1], "excerpt": ex, "indicators": []}
            docs[did] = cur; order.append(did)
            cur["_text"] = d["text"]; cur["_sents"] = sentences(d["text"])
            continue
        if cur is None:
            errors.append(f"{ln}: item before any document"); continue
        if len(f) != 7:
            errors.append(f"{ln}: expected 7 fields, got {len(f)}: {line}"); continue
        n, span, ind, subj, claimant, cside, flags = f
        t, sents = cur["_text"], cur["_sents"]
        try:
            ss, se = sents[int(n)]
        except (ValueError, IndexError):
            errors.append(f"{ln}: bad sentence number {n}"); continue
        if span == "*":
            start, end = ss, se
        else:
            try:
                a, b = map(int, span.split(":"))
            except ValueError:
                errors.append(f"{ln}: span must be * or A:B, got {span[:40]}"); continue
            start, end = ss + a, ss + b
            if not (ss <= start < end <= se):
                errors.append(f"{ln}: span {span} outside sentence {n} of {cur['id']}"); continue
        if ind not in IND: errors.append(f"{ln}: bad indicator {ind}")
        if subj not in SUBJ: errors.append(f"{ln}: bad subject_side {subj}")
        if cside not in CSIDE: errors.append(f"{ln}: bad claimant_side {cside}")
        if set(flags) - set("hntb-"): errors.append(f"{ln}: bad flags {flags}")
        if cur["excerpt"] and not (cur["excerpt"][0] <= start and end <= cur["excerpt"][1]):
            errors.append(f"{ln}: item outside excerpt")
        item = {"indicator": ind, "start": start, "end": end, "subject_side": subj, "claimant": claimant,
                "claimant_side": cside, "hedged": "h" in flags, "negated": "n" in flags,
                "sha1": sha12(t[start:end]), "testimony": "t" in flags}
        if "b" in flags: item["note"] = "borderline"
        key = (ind, start, end, subj)
        if any((i["indicator"], i["start"], i["end"], i["subject_side"]) == key for i in cur["indicators"]):
            errors.append(f"{ln}: duplicate item {key}")
        cur["indicators"].append(item)
    if errors:
        print("\n".join(errors)); print(f"{len(errors)} errors"); sys.exit(1)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as fh:
        for did in order:
            d = docs[did]
            d["indicators"].sort(key=lambda i: (i["start"], i["end"], i["indicator"]))
            fh.write(json.dumps({k: v for k, v in d.items() if not k.startswith("_")}, ensure_ascii=False) + "\n")
    verify(OUT)

def verify(path):
    """Re-read the output and check every line against the corpora."""
    n_docs = n_items = 0
    for line in open(path, encoding="utf-8"):
        d = json.loads(line); n_docs += 1
        t = load_doc(d["id"])["text"]
        for i in d["indicators"]:
            n_items += 1
            assert 0 <= i["start"] < i["end"] <= len(t), (d["id"], i)
            assert sha12(t[i["start"]:i["end"]]) == i["sha1"], (d["id"], i)
            assert i["indicator"] in IND and i["subject_side"] in SUBJ and i["claimant_side"] in CSIDE
    print(f"OK {path}: {n_docs} documents, {n_items} items")

if __name__ == "__main__":
    main()
