"""Annotator b, pool tranche 5 (appended, idx >= 2677): rebalancing the selection mix after tranches 2-4 (which were
all keyword-selected). Adds (seeded): 240 random sentences of the training documents (nyt-guardian-407 and
whitehouse-ukraine-en second half), 80 hard negatives from reuters21578 (finance senses, as in tranche 1, other
documents) and 100 hard negatives from the war corpora: cue words in other senses (surrender/morale/panic/fear/
losses/exhausted/brave/heroic/courage/casualties/grinder/deserted/killed ... in sentences with no force word)."""
import json, random, re, sys, os
sys.path.insert(0, os.path.dirname(__file__))
from common_b import load, reserved, in_gold, sentences, sha12
from select_b import FIN_CUE, NOT_FIN

SEED = 2026120605
FORCE = re.compile(r"(soldier|troop|forces|army|military|fighters|servicem|brigade|battalion|conscript|recruit|"
    r"defender|occupier|invader|Wagner|POW|prisoners of war|frontline|front line|battlefield|commander)", re.I)
OTHER_SENSE = re.compile(r"(surrend|morale|panic|\bfear|afraid|losses|exhaust|brave|heroi|courage|casualt|grinder|"
    r"desert|killed|wounded|spirit|resilien|determin|resolve|tired|shortage|terror|brutal|sacrific|refus|betray)", re.I)

def main(pool_path):
    rng = random.Random(SEED)
    pool = [json.loads(l) for l in open(pool_path)]
    assert len(pool) == 2677, "tranche 5 is appended once, after tranches 1-4 (2677 sentences)"
    have = {(p["corpus"], p["id"], p["start"]) for p in pool}
    have_docs = {(p["corpus"], p["id"]) for p in pool}
    new, texts = [], {}
    rnd, hn = [], []
    for corpus in ("nyt-guardian-407", "whitehouse-ukraine-en"):
        docs = load(corpus)
        if corpus == "whitehouse-ukraine-en": docs = docs[240:]
        blocked = {d["text"][:300] for d in docs if reserved(corpus, d["id"]) or in_gold(d["id"])}
        docs = [d for d in docs if not reserved(corpus, d["id"]) and not in_gold(d["id"]) and d["text"][:300] not in blocked]
        for d in docs:
            t = d["text"]; texts[(corpus, d["id"])] = t
            for a, b in sentences(t):
                if not (25 <= b - a <= 600) or (corpus, d["id"], a) in have: continue
                s = t[a:b]
                rnd.append((corpus, d["id"], a, b))
                if OTHER_SENSE.search(s) and not FORCE.search(s): hn.append((corpus, d["id"], a, b))
    rng.shuffle(rnd); rng.shuffle(hn)
    taken = set(); per = {}
    def take(lst, n, sel, cap):
        k = 0
        for c, did, a, b in lst:
            if k >= n: break
            if (c, did, a) in taken or per.get((c, did), 0) >= cap: continue
            taken.add((c, did, a)); per[(c, did)] = per.get((c, did), 0) + 1
            new.append((c, did, a, b, sel)); k += 1
    take(hn, 100, "hard_negative", 3)
    take(rnd, 240, "random", 3)
    fin = []
    for d in load("reuters21578"):
        if reserved("reuters21578", d["id"]) or in_gold(d["id"]) or ("reuters21578", d["id"]) in have_docs: continue
        t = d["text"]
        for a, b in sentences(t):
            if not (25 <= b - a <= 600): continue
            s = t[a:b]
            if FIN_CUE.search(s) and not NOT_FIN.search(s):
                fin.append(("reuters21578", d["id"], a, b)); texts[("reuters21578", d["id"])] = t
    rng.shuffle(fin)
    take(fin, 80, "hard_negative", 1)
    order = sorted({(c, d) for c, d, *_ in new}); rng.shuffle(order)
    rank = {k: i for i, k in enumerate(order)}
    new.sort(key=lambda x: (rank[(x[0], x[1])], x[2]))
    return [{"idx": 2677 + j, "corpus": c, "id": did, "start": a, "end": b, "sha1": sha12(texts[(c, did)][a:b]),
             "selection": sel, "tranche": 5} for j, (c, did, a, b, sel) in enumerate(new)]

if __name__ == "__main__":
    out = main(sys.argv[1])
    with open(sys.argv[2], "w") as f:
        for r in out: f.write(json.dumps(r) + "\n")
    print(len(out), file=sys.stderr)
