"""Phase 4 of annotator a's selection (seed 20261209): APPENDS to the fixed pool (append only).

keyword / "targeted_losses_supply_morale": sentences with a heavy-losses, supply-shortage or morale/exhaustion pattern
(sizes of losses, shortage words, morale words) in a war context (force word or war word), all not yet in the pool;
keyword / "phase1_filter": more sentences of the phase-1 filter (force word AND morale-ish word);
hard_negative / "cue_other_sense_4": strong cue words without a force word; random.
Per-document cap 25 over all phases.
"""
import collections
import json
import os
import random
import re

import common_a as C
import select_a as S
import select_a_phase3 as P3

SEED = 20261209
CAP_TOTAL = 25
N_T, N_K, N_H, N_R = 250, 250, 100, 50
HL = re.compile(r"\b(losses|casualties|killed|lost|eliminated|dead|bodies|corpses)\b.*\b(heavy|huge|significant|thousand|hundreds|dozens|\d{2,}|enormous|massive|tremendous|serious)|\b(heavy|huge|significant|enormous|massive|serious|irreversible)\b.*\b(losses|casualties)", re.I)
SS = re.compile(r"\b(shortage|lack of|lacking|running out|ran out|run out|not enough|insufficient|outgunned|superiority|logistic|resupply|replenish)", re.I)
ML = re.compile(r"\b(morale|demorali|motivat|spirit|exhaust|tired|fatigue|resilien|determination|will to)", re.I)


def main(seed=SEED, n_t=N_T, n_k=N_K, n_h=N_H, n_r=N_R, phase=4):
    rng = random.Random(seed)
    pool_path = "/work/labels/pools/a.jsonl"
    pool = [json.loads(l) for l in open(pool_path)]
    have = {(r["corpus"], r["id"], r["start"]) for r in pool}
    per_doc = collections.Counter((r["corpus"], r["id"]) for r in pool)
    tgt, kw, hn, rnd = [], [], [], []
    for corpus, d in S.pool_docs():
        t = d["text"]
        for s, e in C.sentences(t):
            if (corpus, d["id"], s) in have:
                continue
            st = t[s:e]
            if not (S.MIN_WORDS <= len(st.split()) <= S.MAX_WORDS):
                continue
            war = bool(S.WAR.search(st))
            if corpus == "whitehouse-ukraine-en" and not war:
                para = next(((ps, pe) for ps, pe in C.paragraphs(t) if ps <= s < pe), (s, e))
                if not S.WAR.search(t[para[0]:para[1]]):
                    continue
            key = (corpus, d["id"], s, e)
            f = S.FORCE.search(st)
            if (HL.search(st) or SS.search(st) or ML.search(st)) and (f or war):
                tgt.append(key)
            elif f and S.MORALE.search(st):
                kw.append(key)
            elif P3.STRONG.search(st) and not f:
                hn.append(key)
            rnd.append(key)
    out = []
    for kind, lst, n, detail in (("keyword", tgt, n_t, "targeted_losses_supply_morale"), ("keyword", kw, n_k, "phase1_filter"),
                                 ("hard_negative", hn, n_h, "cue_other_sense_%d" % phase), ("random", rnd, n_r, None)):
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
        print(kind, detail, "candidates", len(lst), "chosen", got)
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
        rec["phase"] = phase
        lines.append(json.dumps(rec, ensure_ascii=False))
    for p in [pool_path, os.path.join(os.path.dirname(__file__), "../../gold/train/pool_a.jsonl")]:
        with open(p, "a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    print("appended", len(lines), "items:", start_idx, "-", start_idx + len(lines) - 1)


if __name__ == "__main__":
    main()
