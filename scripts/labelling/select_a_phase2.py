"""Phase 2 of annotator a's selection (seed 20261207): APPENDS to the fixed pool (append only; earlier indices unchanged).

Why: phase 1 (select_a.py) yielded mostly morale_boosting / orders_against_civilians / morale_high / heavy_losses;
the rarer indicators need more candidates. Same training pool (select_a.pool_docs), not already in the pool,
per-document cap 25 in total over both phases.
kinds: keyword (detail "rare_indicator"): a recall-oriented regex for the rarer indicators' content words
(morale, desertion, surrender, refusal, mobilisation/conscripts/convicts/Wagner recruiting, cannon fodder, meat,
untrained, shortages, lies and deception, fear/panic, exhaustion, trauma, bodies/cremation, executions of own,
sabotage ...), co-occurring with a force word or a force pronoun context;
hard_negative (detail "cue_other_sense_2"): the same rare cue words WITHOUT any force word;
random: random war-document sentences.
"""
import collections
import json
import os
import random
import re

import common_a as C
import select_a as S

SEED = 20261207
N_KW, N_HN, N_RND = int(os.environ.get("N_KW", "520")), int(os.environ.get("N_HN", "200")), int(os.environ.get("N_RND", "80"))
CAP_TOTAL = 25

RARE = re.compile(r"\b(morale|demorali|dispirit|desert|defect|surrender|capitulat|lay down (their|your) (arms|weapons)|"
                  r"refus|mutin|disobey|self-inflicted|shot himself|go home|want to go home|don't want to fight|"
                  r"do not want to fight|unwilling|reluctan|mobiliz|mobilis|conscript|draft|recruit|convict|prison|"
                  r"inmates|Wagner|mercenar|cannon fodder|fodder|meat|sent to die|sent to their deaths|throw(n|ing)? into|"
                  r"untrained|poorly trained|not trained|without training|inexperienced|unprepared|raw recruits|"
                  r"shortage|short of|lack of|lacking|running out|ran out|run out|no ammunition|without ammunition|"
                  r"supplies|logistic|fuel|food|hungry|starv|frostbite|equipment problems|obsolete|old weapons|"
                  r"lied|lie to|lies|lying|deceiv|decepti|fooled|told (they|them) (were|would)|exercise|"
                  r"afraid|fear|panic|terrified|scared|cry|crying|despair|breakdown|exhaust|fatigue|tired|"
                  r"trauma|PTSD|nightmare|psycholog|mental|"
                  r"bodies|corpses|cremat|crematori|hide (the|their) losses|conceal|cover up|losses|casualties|"
                  r"execut|shoot (those|anyone) who|barrier|punish|threat|intimidat|criminal case|"
                  r"sabotag|commanders?|officers?|abandon|left behind|betray|motivat|spirit|will to fight|"
                  r"looting|looted|marauder|drunk|alcohol)", re.I)


def main():
    rng = random.Random(SEED)
    pool_path = "/work/labels/pools/a.jsonl"
    pool = [json.loads(l) for l in open(pool_path)]
    have = {(r["corpus"], r["id"], r["start"]) for r in pool}
    per_doc = collections.Counter((r["corpus"], r["id"]) for r in pool)
    docs = S.pool_docs()
    kw, hn, rnd = [], [], []
    for corpus, d in docs:
        t = d["text"]
        for s, e in C.sentences(t):
            if (corpus, d["id"], s) in have:
                continue
            st = t[s:e]
            nw = len(st.split())
            if nw < S.MIN_WORDS or nw > S.MAX_WORDS:
                continue
            if not S.WAR.search(st) and corpus == "whitehouse-ukraine-en":
                para = next(((ps, pe) for ps, pe in C.paragraphs(t) if ps <= s < pe), (s, e))
                if not S.WAR.search(t[para[0]:para[1]]):
                    continue
            key = (corpus, d["id"], s, e)
            r, f = RARE.search(st), S.FORCE.search(st)
            if r and f:
                kw.append(key)
            elif r and not f:
                hn.append(key)
            rnd.append(key)
    out = []
    for kind, lst, n, detail in (("keyword", kw, N_KW, "rare_indicator"), ("hard_negative", hn, N_HN, "cue_other_sense_2"),
                                 ("random", rnd, N_RND, None)):
        lst = lst[:]
        rng.shuffle(lst)
        got = 0
        for k in lst:
            if got >= n:
                break
            if (k[0], k[1], k[2]) in have or per_doc[(k[0], k[1])] >= CAP_TOTAL:
                continue
            have.add((k[0], k[1], k[2]))
            per_doc[(k[0], k[1])] += 1
            out.append((k, kind, detail))
            got += 1
        print(kind, "candidates", len(lst), "chosen", got)
    # order: shuffled docs then offset (same style as phase 1)
    docs_o = sorted({(k[0], k[1]) for k, _, _ in out})
    rng.shuffle(docs_o)
    rank = {dk: i for i, dk in enumerate(docs_o)}
    out.sort(key=lambda x: (rank[(x[0][0], x[0][1])], x[0][2]))
    start_idx = len(pool)
    lines = []
    for i, ((corpus, did, s, e), kind, detail) in enumerate(out):
        t = C.doc_text(corpus, did)
        rec = {"pool_index": start_idx + i, "corpus": corpus, "id": did, "start": s, "end": e,
               "sha1": C.sha12(t[s:e]), "selection": kind}
        if detail:
            rec["selection_detail"] = detail
        rec["phase"] = 2
        lines.append(json.dumps(rec, ensure_ascii=False))
    for p in [pool_path, os.path.join(os.path.dirname(__file__), "../../gold/train/pool_a.jsonl")]:
        with open(p, "a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    print("appended", len(lines), "items:", start_idx, "-", start_idx + len(lines) - 1)


if __name__ == "__main__":
    main()
