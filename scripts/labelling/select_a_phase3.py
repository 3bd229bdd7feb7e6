"""Phase 3 of annotator a's selection (seed 20261208): APPENDS to the fixed pool (append only).

Narrower than phase 2: sentences with a STRONG rare-indicator cue (morale, desertion, surrender, refusal, mutiny,
convicts/prisons, mobilisation/conscripts, cannon fodder/meat, untrained, shortages/running out, lies/deception,
fear/panic/exhaustion/trauma, bodies/cremation, executions/barrier troops/punishment, sabotage, abandonment/betrayal,
drunkenness, looting) and a force word; hard negatives: the same cues without a force word; random: any sentence.
Same training pool and per-document cap 25 over all phases.
"""
import collections
import json
import os
import random
import re

import common_a as C
import select_a as S

SEED = 20261208
N_KW, N_HN, N_RND = int(os.environ.get("N_KW", "400")), int(os.environ.get("N_HN", "120")), int(os.environ.get("N_RND", "80"))
CAP_TOTAL = 25
STRONG = re.compile(r"\b(morale|demorali|desert|defect|surrender|capitulat|refus|mutin|disobey|convict|prison|inmate|"
                    r"mobiliz|mobilis|conscript|cannon fodder|fodder|meat|untrained|poorly trained|not trained|"
                    r"unprepared|raw recruits|shortage|short of|running out|ran out|run out|lied|lie to|lies|deceiv|"
                    r"decepti|afraid|fear|panic|terrified|scared|exhaust|fatigue|tired|trauma|PTSD|psycholog|bodies|"
                    r"corpses|cremat|execut|barrier|punish|sabotag|abandon|left behind|betray|drunk|alcohol|loot|"
                    r"marauder|don't want to fight|do not want to fight|unwilling|reluctan)", re.I)


def main():
    rng = random.Random(SEED)
    pool_path = "/work/labels/pools/a.jsonl"
    pool = [json.loads(l) for l in open(pool_path)]
    have = {(r["corpus"], r["id"], r["start"]) for r in pool}
    per_doc = collections.Counter((r["corpus"], r["id"]) for r in pool)
    kw, hn, rnd = [], [], []
    for corpus, d in S.pool_docs():
        t = d["text"]
        for s, e in C.sentences(t):
            if (corpus, d["id"], s) in have:
                continue
            st = t[s:e]
            if not (S.MIN_WORDS <= len(st.split()) <= S.MAX_WORDS):
                continue
            if corpus == "whitehouse-ukraine-en" and not S.WAR.search(st):
                para = next(((ps, pe) for ps, pe in C.paragraphs(t) if ps <= s < pe), (s, e))
                if not S.WAR.search(t[para[0]:para[1]]):
                    continue
            key = (corpus, d["id"], s, e)
            r, f = STRONG.search(st), S.FORCE.search(st)
            if r and f:
                kw.append(key)
            elif r:
                hn.append(key)
            rnd.append(key)
    out = []
    for kind, lst, n, detail in (("keyword", kw, N_KW, "rare_indicator_strong"), ("hard_negative", hn, N_HN, "cue_other_sense_3"),
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
        rec["phase"] = 3
        lines.append(json.dumps(rec, ensure_ascii=False))
    for p in [pool_path, os.path.join(os.path.dirname(__file__), "../../gold/train/pool_a.jsonl")]:
        with open(p, "a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    print("appended", len(lines), "items:", start_idx, "-", start_idx + len(lines) - 1)


if __name__ == "__main__":
    main()
