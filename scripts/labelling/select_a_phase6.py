"""Phase 6 of annotator a's selection (seed 20261211): APPENDS to the fixed pool (append only).

keyword / "rare_paraphrase_6": paraphrase-style cues for the rare indicators that the phase-2/3 filters did not use
(Wagner/penal units, waves/human flesh/sent to die/graves/coffins, mothers and wives of soldiers, what for / why they
fight, fled/ran away/abandoned, captured/prisoners of war/laid down arms/hand themselves in/"I want to live"/give up/
save your life, go home, hid/hide/concealed losses, no training/weeks of training, no equipment/own money/bought,
commanders/generals blamed, drink), with a force word or a war word;
hard_negative / "cue_other_sense_6": the same cues without force or war word; random.
Per-document cap 25 over all phases. Dry run: DRY=1.
"""
import collections
import json
import os
import random
import re

import common_a as C
import select_a as S

SEED = 20261211
CAP_TOTAL = 25
N_K, N_H, N_R = int(os.environ.get("N_K", "200")), int(os.environ.get("N_H", "40")), int(os.environ.get("N_R", "20"))
P6 = re.compile(r"\b(wagner|penal|storm-z|human waves?|waves of|human flesh|flesh|sent to die|send(ing)? .{0,20}to (die|death|slaughter)|"
                r"graves?|coffins?|mothers? of|wives|relatives of (the )?(soldiers|servicemen|prisoners)|what for|why (they|he|we) (are )?fight|"
                r"fled|flee|ran away|running away|abandon(ed|ing)|captured|prisoners? of war|POWs?|laid down|lay down|"
                r"hand(ed|ing)? themselves|give up|gave up|i want to live|save (your|their) li(fe|ves)|go home|went home|return home|"
                r"hid(e|ing|den)?|conceal|cover(ed|ing)? up|secret(ly)?|no training|without training|weeks of training|"
                r"own money|bought (their|his|our) own|no equipment|without (equipment|weapons|body armou?r|helmets)|"
                r"generals|incompeten|blame|drinking|vodka|commit suicide|suicide|self-harm|shot (himself|themselves))\b", re.I)


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
            war = bool(S.WAR.search(st))
            if corpus == "whitehouse-ukraine-en" and not war:
                para = next(((ps, pe) for ps, pe in C.paragraphs(t) if ps <= s < pe), (s, e))
                if not S.WAR.search(t[para[0]:para[1]]):
                    continue
            key = (corpus, d["id"], s, e)
            if P6.search(st):
                (kw if (S.FORCE.search(st) or war) else hn).append(key)
            rnd.append(key)
    out = []
    for kind, lst, n, detail in (("keyword", kw, N_K, "rare_paraphrase_6"), ("hard_negative", hn, N_H, "cue_other_sense_6"),
                                 ("random", rnd, N_R, None)):
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
    if os.environ.get("DRY"):
        return
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
        rec["phase"] = 6
        lines.append(json.dumps(rec, ensure_ascii=False))
    for p in [pool_path, os.path.join(os.path.dirname(__file__), "../../gold/train/pool_a.jsonl")]:
        with open(p, "a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    print("appended", len(lines), "items:", start_idx, "-", start_idx + len(lines) - 1)


if __name__ == "__main__":
    main()
