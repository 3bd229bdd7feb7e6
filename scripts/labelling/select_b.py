"""Annotator b: build the candidate pool (seeded, reproducible).

python scripts/labelling/select_b.py  -> /work/labels/pools/b.jsonl (+ copy gold/train/pool_b.jsonl)
Corpora: nyt-guardian-407 (all non-reserved, non-gold docs), whitehouse-ukraine-en (second half of the file's
lines: index >= 240 of 479), reuters21578 (finance-sense hard negatives only).
"""
import json, random, re, sys, os
sys.path.insert(0, os.path.dirname(__file__))
from common_b import load, reserved, in_gold_regex as in_gold, sentences, sha12

SEED = 20261206
FORCE = re.compile(r"\b(soldier|troop|forces|army|armies|unit|units|brigade|battalion|regiment|platoon|company|companies|"
    r"defenders?|occupiers?|invaders?|conscript|mobili[sz]|recruit|POWs?|prisoners?|captives?|commanders?|officers?|"
    r"servicem[ae]n|fighters?|Wagner|marines?|paratroop|mercenar|volunteers?|military|infantry|snipers?|crews?|division|"
    r"front ?line|the front|trench|assault|warriors?|combatants?|reservists?|draft|deserter|generals?|sergeant|"
    r"lieutenant|colonel|captain|private|men\b|guys|comrades?|veterans?|wounded|garrison|Azov|battlefield|kadyrov|"
    r"Chechen|Rosgvardia|national guard|separatist|militia|airborne|tank crew|gunners?|medics?)", re.I)
MORALE = re.compile(r"(afraid|fear|scared|terrif|panic|\bcr(y|ied|ying)\b|tears|tired|exhaust|fatigue|sleep|slept|"
    r"hungry|hunger|starv|\bfood|water|ration|ammunition|ammo|shells?\b|armou?r|helmet|equipment|suppl|shortage|"
    r"\black|without|\blie[ds]?\b|\blied|lying|\btold\b|promis|deceiv|trick|forced|threat|shot\b|shoot|punish|prison|"
    r"jail|desert|surrend|refus|\bfle[de]|flee|retreat|go home|went home|\bhome\b|peace|losses|\bkilled|wounded|dead\b|"
    r"bodies|corpse|morale|spirit|motivat|brave|heroi|hero\b|heroes|courage|determin|resolve|award|medal|\brest\b|"
    r"rotation|civilian|tortur|execut|loot|\brap(e|ed|ing)\b|\bmeat|fodder|grinder|training|trained|betray|abandon|"
    r"drunk|alcohol|vodka|mutin|sabotag|contract|\bpaid|salary|money|nightmare|trauma|PTSD|mental|psycholog|suicid|"
    r"casualt|decimat|surviv|believe|\bcause\b|fight for|want|nobody|no one|funeral|coffin|missing|conceal|\bhid(e|den|ing)|"
    r"convict|inmate|summons|fuel|medicine|bandage|tourniquet|evacuat|\bcold\b|freez|\bmud\b|hopeless|despair|"
    r"broken|angry|anger|furious|complain|proud|pride|ready to|willing|unwilling|disarray|chaos|confus|"
    r"sent to|thrown|wave|hell|horror|scream|shell-?shock|burn|mobile crematori|self-inflicted|refusenik|"
    r"criminal case|barrier|shot in the leg|outgunned|outnumbered|pinned|artillery support|no support|left behind|"
    r"friendly fire|lost (his|her|their|my|our)|comrade|buried|grave|relief|replace|reinforce|under-?strength|depleted)", re.I)
HN_CUE = re.compile(r"(fear|afraid|panic|surrend|loss(es)?\b|morale|casualt|killed|wounded|attack|strike|struck|shell|"
    r"missile|drone|captur|liberat|advanc|offensive|civilians?|brave|heroi|courage|determin|exhaust|tired|shortage|"
    r"\black|desert|refus|betray|trauma|meat ?grinder|cannon fodder|spirit|resolve|resilien|sacrific|sanction|"
    r"terror|victory|defeat|retreat|ceasefire|negotiat|concession)", re.I)
FIN_CUE = re.compile(r"(\blosses\b|\bloss\b|surrender|exhaust|morale|casualt|panic|\bfear|desert|retreat|"
    r"\battack|offensive|battle|defen[cs]e|\bwar\b|hostile|raid|troubled|weak|refus|cut ?back|shortage|slump)", re.I)
NOT_FIN = re.compile(r"(troop|soldier|army|military|iran|iraq|gulf|navy|naval|missile|warship|tanker|ship|"
    r"guerrill|rebel|killed|wounded|contra|afghan|israel|lebanon|war zone|bomb)", re.I)
QUOTE = re.compile(r"[\"“”]")

def doc_sents(text):
    return [(a, b) for a, b in sentences(text) if 25 <= b - a <= 600]

def build():
    rng = random.Random(SEED)
    pool = []  # (corpus, id, start, end, selection)
    plan = {"nyt-guardian-407": dict(keyword=480, random=90, hard_negative=90, cap=15),
            "whitehouse-ukraine-en": dict(keyword=250, random=60, hard_negative=70, cap=10)}
    stats = {}
    for corpus, quota in plan.items():
        docs = load(corpus)
        if corpus == "whitehouse-ukraine-en":
            docs = docs[240:]
        docs = [d for d in docs if not reserved(corpus, d["id"]) and not in_gold(d["id"])]
        stats[corpus] = len(docs)
        kw, hn, allc = [], [], []
        for d in docs:
            t = d["text"]; ss = doc_sents(t)
            for i, (a, b) in enumerate(ss):
                s = t[a:b]
                prev = t[ss[i-1][0]:ss[i-1][1]] if i else ""
                allc.append((d["id"], a, b))
                m = set(x.group(0).lower() for x in MORALE.finditer(s))
                f = FORCE.search(s) or FORCE.search(prev)
                if m and (f or QUOTE.search(s)):
                    kw.append((len(m) + (1 if FORCE.search(s) else 0) + rng.random(), d["id"], a, b))
                elif HN_CUE.search(s):
                    hn.append((d["id"], a, b))
        per_doc = {}
        def take(did):
            if per_doc.get(did, 0) >= quota["cap"]:
                return False
            per_doc[did] = per_doc.get(did, 0) + 1
            return True
        chosen = set()
        # keyword: weighted by score, random order among ties; cap per doc
        rng.shuffle(kw)
        kw.sort(key=lambda x: -x[0] * rng.uniform(0.5, 1.0))
        n = 0
        for sc, did, a, b in kw:
            if n >= quota["keyword"]: break
            if take(did):
                pool.append((corpus, did, a, b, "keyword")); chosen.add((did, a)); n += 1
        rng.shuffle(hn); n = 0
        for did, a, b in hn:
            if n >= quota["hard_negative"]: break
            if (did, a) not in chosen and take(did):
                pool.append((corpus, did, a, b, "hard_negative")); chosen.add((did, a)); n += 1
        rng.shuffle(allc); n = 0
        for did, a, b in allc:
            if n >= quota["random"]: break
            if (did, a) not in chosen and take(did):
                pool.append((corpus, did, a, b, "random")); chosen.add((did, a)); n += 1
    # reuters: finance-sense hard negatives, max 2 per doc
    corpus = "reuters21578"
    fin = []
    for d in load(corpus):
        if reserved(corpus, d["id"]) or in_gold(d["id"]):
            continue
        t = d["text"]
        for a, b in doc_sents(t):
            s = t[a:b]
            if FIN_CUE.search(s) and not NOT_FIN.search(s):
                fin.append((d["id"], a, b))
    rng.shuffle(fin); per = {}; n = 0
    for did, a, b in fin:
        if n >= 160: break
        if per.get(did, 0) < 2:
            per[did] = per.get(did, 0) + 1
            pool.append((corpus, did, a, b, "hard_negative")); n += 1
    # order: documents in seeded shuffled order, sentences in text order within a document
    docs_order = sorted(set((c, d) for c, d, *_ in pool))
    rng.shuffle(docs_order)
    rank = {k: i for i, k in enumerate(docs_order)}
    pool.sort(key=lambda x: (rank[(x[0], x[1])], x[2]))
    texts = {}
    for c in plan.keys() | {"reuters21578"}:
        ids = {d for cc, d, *_ in pool if cc == c}
        for d in load(c):
            if d["id"] in ids: texts[(c, d["id"])] = d["text"]
    out = []
    for i, (c, did, a, b, sel) in enumerate(pool):
        out.append({"idx": i, "corpus": c, "id": did, "start": a, "end": b,
                    "sha1": sha12(texts[(c, did)][a:b]), "selection": sel})
    return out, stats

if __name__ == "__main__":
    out, stats = build()
    print(stats, len(out), file=sys.stderr)
    dst = sys.argv[1] if len(sys.argv) > 1 else "/work/labels/pools/b.jsonl"
    with open(dst, "w") as f:
        for r in out: f.write(json.dumps(r) + "\n")
