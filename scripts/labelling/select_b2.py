"""Annotator b, pool tranche 2 (appended to the pool, idx >= 1200): a denser recall-oriented keyword filter.

Tranche 1 (select_b.py) admitted any morale-ish word near any force word and yielded ~4% positives. Tranche 2 keeps
paraphrase-friendly vocabulary but needs a force word (or a first-person plural/quote) AND one of a list of
morale-content stems in the same sentence, ranks by the number of distinct stems, and samples (seeded) with a
per-document cap of 25 sentences over both tranches. Plus a few hard negatives of the same documents.
Only sentences with a war term (Ukraine, Russia, Putin, places ...) in them or in the three sentences before.
Documents: as tranche 1, minus documents reserved or named in gold (token check) and their text duplicates.
"""
import json, random, re, sys, os
sys.path.insert(0, os.path.dirname(__file__))
from common_b import load, reserved, in_gold, sentences, sha12
from select_b import FORCE, HN_CUE

SEED = 2026120602
STRONG = re.compile(r"(morale|demorali|motivat|afraid|\bfear|panic|scared|terrif|desert|surrend|refus|mutin|\bfle[de]\b|flee|"
    r"\blied\b|deceiv|misled|\btold (them|us|they|we)|promis|forced|threat|punish|barrier|fodder|\bmeat\b|cannon|"
    r"sent to (die|their death|the slaughter|the front)|casualt|losses|\bkilled|\bdead\b|bodies|wounded|decimat|surviv|"
    r"exhaust|tired|fatigue|sleep|rotation|\brest\b|shortage|\black|ran out|running out|ration|ammunition|equipment|"
    r"armou?r|outgunned|outnumbered|training|untrained|inexperienc|raw recruit|conscript|convict|inmate|prison|mobili[sz]|"
    r"brave|courage|hero|determin|resolve|resilien|award|medal|honou?r|execut|tortur|\brap(e|ed|ing)\b|loot|"
    r"trauma|PTSD|nightmare|psycholog|mental|betray|abandon|drunk|alcohol|sabotag|cremat|conceal|\bhid(e|den|ing)\b|"
    r"funeral|coffin|missing|go home|want(ed)? to (go|leave|fight)|peace|spirit|will to|cohesion|disarray|chaos|"
    r"discipline|complain|angry|anger|furious|suicid|self-inflicted|criminal case|pay\b|paid|salary|bonus|contract|"
    r"volunteer|hung out|left behind|no support|no one (came|helped)|sacrific|fight(ing)? on|hold(ing)? (the line|out)|"
    r"stand(ing)? firm|grinding|attrition|depleted|under-?strength|replenish|reinforcement|recruit)", re.I)
WAR = re.compile(r"(Ukrain|Russia|Putin|Kremlin|Moscow|Kyiv|Kiev|Wagner|Prigozhin|Donbas|Donetsk|Luhansk|Bakhmut|"
    r"Avdiivka|Kharkiv|Kherson|Zaporizhzhia|Mariupol|Crimea|North Korean (troops|soldiers)|DPRK (troops|soldiers)|Kursk)")
VOICE = re.compile(r"(“|\"|\bwe\b|\bour\b|\bI\b)")

def main(pool_path):
    rng = random.Random(SEED)
    pool = [json.loads(l) for l in open(pool_path)]
    assert len(pool) == 1200, "tranche 2 is appended once, after the 1200 sentences of tranche 1"
    have = {(p["corpus"], p["id"], p["start"]) for p in pool}
    per_doc = {}
    for p in pool: per_doc[(p["corpus"], p["id"])] = per_doc.get((p["corpus"], p["id"]), 0) + 1
    new = []
    plan = {"nyt-guardian-407": (200, 25, 40), "whitehouse-ukraine-en": (440, 20, 50)}
    for corpus, (nkw, cap, nhn) in plan.items():
        docs = load(corpus)
        if corpus == "whitehouse-ukraine-en": docs = docs[240:]
        blocked = {d["text"][:300] for d in docs if reserved(corpus, d["id"]) or in_gold(d["id"])}
        docs = [d for d in docs if not reserved(corpus, d["id"]) and not in_gold(d["id"]) and d["text"][:300] not in blocked]
        kw, hn = [], []
        for d in docs:
            t = d["text"]
            ss = sentences(t)
            for i, (a, b) in enumerate(ss):
                if not (25 <= b - a <= 600) or (corpus, d["id"], a) in have: continue
                s = t[a:b]
                ctx = t[ss[max(0, i - 3)][0]:b]
                if not WAR.search(ctx): continue
                stems = {m.group(0).lower()[:6] for m in STRONG.finditer(s)}
                if stems and (FORCE.search(s) or VOICE.search(s) or corpus == "nyt-guardian-407"):
                    kw.append((len(stems) + (1 if FORCE.search(s) else 0) + rng.random() * 1.5, d["id"], a, b))
                elif HN_CUE.search(s) and not stems:
                    hn.append((d["id"], a, b))
        kw.sort(key=lambda x: -x[0])
        n = 0
        for sc, did, a, b in kw:
            if n >= nkw: break
            k = (corpus, did)
            if per_doc.get(k, 0) < cap:
                per_doc[k] = per_doc.get(k, 0) + 1; new.append((corpus, did, a, b, "keyword")); n += 1
        rng.shuffle(hn); n = 0
        for did, a, b in hn:
            if n >= nhn: break
            k = (corpus, did)
            if per_doc.get(k, 0) < cap:
                per_doc[k] = per_doc.get(k, 0) + 1; new.append((corpus, did, a, b, "hard_negative")); n += 1
    order = sorted({(c, d) for c, d, *_ in new}); rng.shuffle(order)
    rank = {k: i for i, k in enumerate(order)}
    new.sort(key=lambda x: (rank[(x[0], x[1])], x[2]))
    texts = {}
    for c in plan:
        for d in load(c): texts[(c, d["id"])] = d["text"]
    out = []
    for j, (c, did, a, b, sel) in enumerate(new):
        out.append({"idx": 1200 + j, "corpus": c, "id": did, "start": a, "end": b,
                    "sha1": sha12(texts[(c, did)][a:b]), "selection": sel, "tranche": 2})
    return out

if __name__ == "__main__":
    src = sys.argv[1]; dst = sys.argv[2]
    out = main(src)
    with open(dst, "w") as f:
        for r in out: f.write(json.dumps(r) + "\n")
    print(len(out), file=sys.stderr)
