"""Round d, tranche 4 (seed 12008): paraphrase-oriented, no cue filter. Sentences that name Russian soldiers, their
mothers/sons, mobilised men, conscripts, Wagner/convicts, North Korean troops or "the occupiers/invaders" as the actor
(FORCE), in zelensky-addresses-en, whitehouse-ukraine-en and press-releases-2022-en training-side documents (same
document and sentence rules as select_d.py), each with the sentence after it (one block). Seeded shuffle, at most 2
blocks per document, until BUDGET sentences. Appends to gold/train/pool_d.jsonl ("tranche": 4, selection "force"/"context").
Usage: /work/main/.venv/bin/python scripts/labelling/select_d4.py [--dry]"""
import json, os, random, re, sys
from collections import Counter
sys.path.insert(0, os.path.dirname(__file__))
import select_d as S
from common_b import load, reserved, sentences, sha12

SEED = 12008
BUDGET = 420
CORP = ["zelensky-addresses-en", "whitehouse-ukraine-en", "press-releases-2022-en"]
FORCE = re.compile(r"\b(russian (?:soldiers?|servicemen|conscripts|troops|forces|military|army|mothers|men)|"
                   r"your (?:sons|husbands|soldiers|children will|brothers)|mobili[sz]ed|mobili[sz]ation|conscripts?|"
                   r"wagner|convicts?|north korean (?:troops|soldiers|forces)|occupiers'|the occupiers (?:are|were|have|"
                   r"had|do|did|fled|left)|invaders (?:are|were|have|had|fled))\b", re.I)

def main(dry=False):
    rng = random.Random(SEED)
    path = os.path.join(S.ROOT, "gold/train/pool_d.jsonl")
    old = [json.loads(l) for l in open(path)]
    assert len(old) == 1423 and all(p.get("tranche", 1) in (1, 2, 3) for p in old), "tranche 4 already appended"
    have = {(p["corpus"], p["id"], p["start"]) for p in old}; have_txt = {p["sha1"] for p in old}
    blk0 = max(p["block"] for p in old) + 1
    tok = S.gold_tokens(); off, txt = S.taken()
    cands = []
    for c in CORP:
        docs = load(c)
        blocked = "\n\u0000".join(d["text"] for d in docs if reserved(c, d["id"]) or d["id"] in tok)
        for d in sorted(docs, key=lambda d: d["id"]):
            if reserved(c, d["id"]) or d["id"] in tok: continue
            t = d["text"]
            ss = [(s, e) for s, e in sentences(t) if 25 <= e - s <= 600]
            def ok(s, e):
                x = t[s:e]; h = sha12(x)
                return not ((c, d["id"], s, e) in off or h in txt or (c, d["id"], s) in have or h in have_txt
                            or (e - s >= 40 and x in blocked))
            for i, (s, e) in enumerate(ss):
                if FORCE.search(t[s:e]) and ok(s, e):
                    win = [(s, e)] + ([ss[i + 1]] if i + 1 < len(ss) and ok(*ss[i + 1]) else [])
                    cands.append((c, d, win))
    print(len(cands), "candidate windows", Counter(c for c, _, _ in cands), file=sys.stderr)
    rng.shuffle(cands)
    per_doc, pool, blk, seen = Counter(), [], blk0, set(have_txt)
    for c, d, win in cands:
        if per_doc[d["id"]] >= 2: continue
        t = d["text"]
        new = [(s, e) for s, e in win if sha12(t[s:e]) not in seen]
        if not new or new[0] != win[0]: continue
        per_doc[d["id"]] += 1
        for j, (s, e) in enumerate(new):
            seen.add(sha12(t[s:e]))
            pool.append(dict(corpus=c, id=d["id"], start=s, end=e, sha1=sha12(t[s:e]),
                             selection="force" if j == 0 else "context", block=blk, cues=[], tranche=4))
        blk += 1
        if len(pool) >= BUDGET: break
    for i, p in enumerate(pool): p["idx"] = len(old) + i
    print(len(pool), "sentences in", blk - blk0, "blocks", Counter(p["corpus"] for p in pool), file=sys.stderr)
    if dry: return
    with open(path, "a") as f:
        for p in pool:
            f.write(json.dumps({k: p[k] for k in ["idx", "corpus", "id", "start", "end", "sha1", "selection", "block",
                                                  "cues", "tranche"]}) + "\n")

if __name__ == "__main__":
    main("--dry" in sys.argv)
