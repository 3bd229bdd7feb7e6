"""Round d, tranche 3 (seed 12007): testimony-oriented. In nyt-guardian-407 training-side documents (same document and
sentence rules as select_d.py), every not-yet-labelled sentence of a paragraph that holds a quotation mark AND names a
soldier / fighter / commander / conscript / POW / relative / unit (QACTOR): where soldiers, POWs and relatives are
quoted, paraphrase of the thin indicators lives without cue words, so no cue filter is applied. Documents in a seeded
order, paragraphs in text order (one block per paragraph). Appends to gold/train/pool_d.jsonl ("tranche": 3).
Usage: /work/main/.venv/bin/python scripts/labelling/select_d3.py [--dry]"""
import json, os, random, re, sys
from collections import Counter
sys.path.insert(0, os.path.dirname(__file__))
import select_d as S
from common_b import load, reserved, sha12
from moralewatch.segment import paragraphs, sentences_in

SEED = 12007
C = "nyt-guardian-407"
QUOTE = re.compile(r"[“\"]")
QACTOR = re.compile(r"\b(soldiers?|fighters?|commanders?|servicem[ae]n|troops|sergeant|private|lieutenant|captain|"
                    r"colonel|marines?|paratroopers?|conscripts?|recruits?|mobili[sz]ed|volunteers?|deserters?|"
                    r"prisoners?|pows?|captured|his (?:wife|mother)|her (?:son|husband)|mother of|wife of|battalion|"
                    r"brigade|unit|platoon|company commander|front ?line|trench\w*)\b", re.I)

def main(dry=False):
    rng = random.Random(SEED)
    path = os.path.join(S.ROOT, "gold/train/pool_d.jsonl")
    old = [json.loads(l) for l in open(path)]
    assert len(old) == 1259 and all(p.get("tranche", 1) in (1, 2) for p in old), "tranche 3 already appended"
    have = {(p["corpus"], p["id"], p["start"]) for p in old}; have_txt = {p["sha1"] for p in old}
    blk = max(p["block"] for p in old) + 1
    tok = S.gold_tokens(); off, txt = S.taken()
    docs = load(C)
    blocked = "\n\u0000".join(d["text"] for d in docs if reserved(C, d["id"]) or d["id"] in tok)
    ok_docs = sorted((d for d in docs if not (reserved(C, d["id"]) or d["id"] in tok)), key=lambda d: d["id"])
    rng.shuffle(ok_docs)
    pool = []
    for d in ok_docs:
        t = d["text"]
        for ps, pe in paragraphs(t):
            para = t[ps:pe]
            if not (QUOTE.search(para) and QACTOR.search(para)): continue
            new = []
            for s, e in sentences_in(t, ps, pe):
                x = t[s:e]; h = sha12(x)
                if not (25 <= e - s <= 600) or (C, d["id"], s, e) in off or h in txt or (C, d["id"], s) in have \
                        or h in have_txt or (e - s >= 40 and x in blocked):
                    continue
                have_txt.add(h); new.append((s, e, h))
            if not new: continue
            for s, e, h in new:
                pool.append(dict(corpus=C, id=d["id"], start=s, end=e, sha1=h, selection="quote_paragraph",
                                 block=blk, cues=[], tranche=3))
            blk += 1
    for i, p in enumerate(pool): p["idx"] = len(old) + i
    print(len(pool), "sentences in", len({p['block'] for p in pool}), "blocks,", len({p['id'] for p in pool}), "documents",
          file=sys.stderr)
    if dry: return
    with open(path, "a") as f:
        for p in pool:
            f.write(json.dumps({k: p[k] for k in ["idx", "corpus", "id", "start", "end", "sha1", "selection", "block",
                                                  "cues", "tranche"]}) + "\n")

if __name__ == "__main__":
    main("--dry" in sys.argv)
