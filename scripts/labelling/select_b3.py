"""Annotator b, pool tranche 3 (appended, idx >= 1930): a dense filter for positives in whitehouse-ukraine-en
(second half) and nyt-guardian-407, after tranches 1-2 yielded ~5% positives.

A sentence qualifies when it (or the sentence before it) names a party's forces or the war (Russian/Ukrainian/
North Korean troops, soldiers, forces, army, military, Putin's ..., Wagner, occupiers, defenders) AND the sentence has
one of a list of dense morale stems (casualties, dead or wounded, losses, running out, ration, brave, courage,
desert, surrender, conscript, recruit, convicts, waves, poorly trained, atrocities, execut-, tortur-, deliberately,
terroriz-, morale, exhausted, rotation ...). Sentences already in the pool are skipped; per-document cap 30 over all
tranches; ranked by number of distinct stems with seeded jitter. Plus tier B: a party named in the sentence and
a dense stem but no force word, seeded sample (220 whitehouse, 60 nyt-guardian). Selection label: keyword.
"""
import json, random, re, sys, os
sys.path.insert(0, os.path.dirname(__file__))
from common_b import load, reserved, in_gold, sentences, sha12

SEED = 2026120603
PARTY = re.compile(r"(Russia|Russian|Ukrain|Putin|Kremlin|Moscow|Kyiv|Wagner|Prigozhin|North Korean|DPRK|occupier|"
    r"invader|defender|Zelensk)", re.I)
FORCE = re.compile(r"(troop|soldier|forces|army|military|fighters|servicem|units?\b|brigade|battalion|conscript|"
    r"recruit|frontline|front line|battlefield|Wagner|convict|prisoner)", re.I)
DENSE = re.compile(r"(casualt|dead or wounded|killed (or|and) wounded|killed|losses|lost \d|\b\d[\d,]* (dead|killed)|"
    r"running out|ran out|run out|rationing|ration\b|short(age)? of|lack of|without (proper )?(training|equipment)|"
    r"poorly (trained|equipped)|untrained|ill-equipped|brave|bravery|courage|heroi|resilien|determin|resolve|morale|"
    r"motivat|desert|surrender|mutin|refus|conscript|recruit|convict|prison|waves?\b|meat|fodder|cannon|"
    r"atrocit|execut|tortur|\brap(e|ed|ing)\b|deliberate|terroriz|terrorise|brutal|civilians?|exhaust|fatigue|"
    r"rotation|\brest\b|desperat|stretch|depleted|attrition|ground down|decimat|hollow|body bags|cremat|"
    r"conceal|hide|hidden|afraid|fear|panic|pressur|forced|coerc|threat|shot|punish|sabotag|trauma)", re.I)

def main(pool_path):
    rng = random.Random(SEED)
    pool = [json.loads(l) for l in open(pool_path)]
    assert len(pool) == 1930, "tranche 3 is appended once, after tranches 1-2 (1930 sentences)"
    have = {(p["corpus"], p["id"], p["start"]) for p in pool}
    per_doc = {}
    for p in pool: per_doc[(p["corpus"], p["id"])] = per_doc.get((p["corpus"], p["id"]), 0) + 1
    plan = {"whitehouse-ukraine-en": (520, 30), "nyt-guardian-407": (120, 30)}
    N_B = {"whitehouse-ukraine-en": 220, "nyt-guardian-407": 60}
    new = []
    for corpus, (n_take, cap) in plan.items():
        n_b = N_B[corpus]
        docs = load(corpus)
        if corpus == "whitehouse-ukraine-en": docs = docs[240:]
        blocked = {d["text"][:300] for d in docs if reserved(corpus, d["id"]) or in_gold(d["id"])}
        docs = [d for d in docs if not reserved(corpus, d["id"]) and not in_gold(d["id"]) and d["text"][:300] not in blocked]
        cand, tier_b = [], []
        for d in docs:
            t = d["text"]; ss = sentences(t)
            for i, (a, b) in enumerate(ss):
                if not (25 <= b - a <= 600) or (corpus, d["id"], a) in have: continue
                s = t[a:b]; prev = t[ss[i-1][0]:ss[i-1][1]] if i else ""
                stems = {m.group(0).lower()[:6] for m in DENSE.finditer(s)}
                if not stems: continue
                if not (PARTY.search(s) or PARTY.search(prev)): continue
                if not (FORCE.search(s) or FORCE.search(prev)):
                    if PARTY.search(s): tier_b.append((d["id"], a, b))
                    continue
                cand.append((len(stems) + (1 if FORCE.search(s) else 0) + rng.random() * 1.5, d["id"], a, b))
        cand.sort(key=lambda x: -x[0]); n = 0
        for sc, did, a, b in cand:
            if n >= n_take: break
            k = (corpus, did)
            if per_doc.get(k, 0) < cap:
                per_doc[k] = per_doc.get(k, 0) + 1; new.append((corpus, did, a, b, "keyword")); n += 1
        # tier B: a party named in the sentence and a dense stem, no force word (mostly "brave people of Ukraine",
        # attacks on cities, sanctions): seeded sample, for hard negatives and the occasional positive
        rng.shuffle(tier_b); nb = 0
        for did, a, b in tier_b:
            if nb >= n_b: break
            k = (corpus, did)
            if per_doc.get(k, 0) < cap:
                per_doc[k] = per_doc.get(k, 0) + 1; new.append((corpus, did, a, b, "keyword")); nb += 1
        print(corpus, len(cand), "candidates", n, "taken; tier B", len(tier_b), nb, file=sys.stderr)
    order = sorted({(c, d) for c, d, *_ in new}); rng.shuffle(order)
    rank = {k: i for i, k in enumerate(order)}
    new.sort(key=lambda x: (rank[(x[0], x[1])], x[2]))
    texts = {}
    for c in plan:
        for d in load(c): texts[(c, d["id"])] = d["text"]
    return [{"idx": 1930 + j, "corpus": c, "id": did, "start": a, "end": b, "sha1": sha12(texts[(c, did)][a:b]),
             "selection": sel, "tranche": 3} for j, (c, did, a, b, sel) in enumerate(new)]

if __name__ == "__main__":
    out = main(sys.argv[1])
    with open(sys.argv[2], "w") as f:
        for r in out: f.write(json.dumps(r) + "\n")
    print(len(out), file=sys.stderr)
