"""Annotator b, pool tranche 4 (appended, idx >= 2290): the remaining sentences of the training documents that name a
force or a morale/casualty/courage term, not yet in the pool. nyt-guardian-407: any such sentence; whitehouse-ukraine-en
(second half): such a sentence with a party (Russia, Ukraine, Putin, Wagner, North Korean ...) named in it or in the
sentence before. Per-document cap 40 over all tranches. Selection label: keyword."""
import json, random, re, sys, os
sys.path.insert(0, os.path.dirname(__file__))
from common_b import load, reserved, in_gold, sentences, sha12
from select_b3 import PARTY

SEED = 2026120604
TERM = re.compile(r"(soldier|troops|fighters|servicem|conscript|mobilis|mobiliz|brigade|battalion|army\b|forces|"
    r"commander|defenders|occupiers|POW|prisoners of war|Wagner|morale|casualt|killed|wounded|desert|surrend|brave|"
    r"courage|heroi)", re.I)

def main(pool_path):
    rng = random.Random(SEED)
    pool = [json.loads(l) for l in open(pool_path)]
    assert len(pool) == 2290, "tranche 4 is appended once, after tranches 1-3 (2290 sentences)"
    have = {(p["corpus"], p["id"], p["start"]) for p in pool}
    per_doc = {}
    for p in pool: per_doc[(p["corpus"], p["id"])] = per_doc.get((p["corpus"], p["id"]), 0) + 1
    new, texts = [], {}
    for corpus in ("nyt-guardian-407", "whitehouse-ukraine-en"):
        docs = load(corpus)
        if corpus == "whitehouse-ukraine-en": docs = docs[240:]
        blocked = {d["text"][:300] for d in docs if reserved(corpus, d["id"]) or in_gold(d["id"])}
        docs = [d for d in docs if not reserved(corpus, d["id"]) and not in_gold(d["id"]) and d["text"][:300] not in blocked]
        for d in docs:
            t = d["text"]; texts[(corpus, d["id"])] = t; ss = sentences(t)
            for i, (a, b) in enumerate(ss):
                if not (25 <= b - a <= 600) or (corpus, d["id"], a) in have: continue
                s = t[a:b]; prev = t[ss[i-1][0]:ss[i-1][1]] if i else ""
                if not TERM.search(s): continue
                if corpus == "whitehouse-ukraine-en" and not (PARTY.search(s) or PARTY.search(prev)): continue
                k = (corpus, d["id"])
                if per_doc.get(k, 0) >= 40: continue
                per_doc[k] = per_doc.get(k, 0) + 1
                new.append((corpus, d["id"], a, b, "keyword"))
    order = sorted({(c, d) for c, d, *_ in new}); rng.shuffle(order)
    rank = {k: i for i, k in enumerate(order)}
    new.sort(key=lambda x: (rank[(x[0], x[1])], x[2]))
    return [{"idx": 2290 + j, "corpus": c, "id": did, "start": a, "end": b, "sha1": sha12(texts[(c, did)][a:b]),
             "selection": sel, "tranche": 4} for j, (c, did, a, b, sel) in enumerate(new)]

if __name__ == "__main__":
    out = main(sys.argv[1])
    with open(sys.argv[2], "w") as f:
        for r in out: f.write(json.dumps(r) + "\n")
    print(len(out), file=sys.stderr)
