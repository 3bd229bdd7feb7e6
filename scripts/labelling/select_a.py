"""Deterministic candidate selection for annotator a (seed 20261206).

Pool: docs of zelensky-addresses-en, press-releases-2022-en, resistinua-addresses (lang en only, and only when
the Ukrainian item with the same YouTube id is not reserved either), whitehouse-ukraine-en (file lines 0..238,
the first half: 479 // 2 = 239 lines), minus documents reserved for evaluation (common_a.reserved) and minus
documents named in /work/main/gold (none of these corpora are named there at selection time; checked anyway).

selection kinds: keyword (force word AND morale-ish content word, recall-oriented), random (any sentence of a war
document; for whitehouse only paragraphs that mention Ukraine/Russia/war), hard_negative (cue words in another
sense: cue word without any force word; operational facts: force word + operational word without morale word;
repeated boilerplate sentences).
Output: /work/labels/pools/a.jsonl and gold/train/pool_a.jsonl (ids and offsets only; ordered by shuffled doc,
then offset; prefixes are a mix of kinds).
"""
import collections
import json
import os
import random
import re
import subprocess

import common_a as C

SEED = 20261206
N_TOTAL = int(os.environ.get("N_TOTAL", "1600"))
SHARE = {"keyword": 0.60, "random": 0.15, "hard_negative": 0.25}
PER_DOC_CAP = 14
MIN_WORDS, MAX_WORDS = 5, 90

FORCE = re.compile(r"\b(soldier|troop|force|army|armies|armed|unit|brigade|battalion|regiment|division|defender|warrior|"
                   r"occupier|occupant|invader|conscript|mobiliz|mobilis|recruit|POW|prisoners?|captive|commander|officer|"
                   r"servicem[ae]n|servicewom|fighter|personnel|Wagner|mercenar|marine|paratroop|guardsm|military|"
                   r"hero|combatant|infantry|tank crew|sniper|pilot|sailor|crew|volunteer|Azov|garrison|enemy|"
                   r"the Russians|our guys|our people at the front|front line|frontline|the front|trench|"
                   r"convict|draft|draftee|reservist|veteran)", re.I)
MORALE = re.compile(r"\b(afraid|fear|panic|cry|cried|crying|tear|tired|exhaust|fatigue|sleep|hungry|hunger|starv|food|"
                    r"water|ammunition|ammo|shells|armou?r|equipment|supplies|supply|shortage|lack|running out|ran out|"
                    r"lie|lied|lies|lying|told|promise|deceiv|decept|forced|force them|threat|shot|shoot|punish|"
                    r"execut|desert|surrender|refus|flee|fled|flight|run away|ran away|go home|went home|peace|losses|"
                    r"lost|killed|kill|wounded|injur|dead|die|died|dying|bodies|body|corpse|cremat|burn|morale|spirit|"
                    r"motivat|brave|bravery|heroism|heroic|courage|courageous|determin|resolve|resilien|steadfast|"
                    r"award|medal|order of|decorat|honou?r|rest|rotation|relief|civilian|torture|loot|rape|meat|fodder|"
                    r"training|trained|untrained|unprepared|betray|abandon|left behind|demorali|disarray|chaos|mutin|"
                    r"don't want|do not want|did not want|didn't want|unwilling|reluctan|drunk|alcohol|nightmare|"
                    r"trauma|stress|psycholog|hold on|holding on|holding|stand firm|unbreakable|invincib|"
                    r"fight to the end|ready to|will to|captured|captivity|exchange|sacrific|expendable|"
                    r"throw|thrown|sent to die|to die|grave|mass grave|mothers|wives|families|relatives|salary|paid|pay|"
                    r"contract|evad|hide|hiding|conceal|cover up|heavy|huge|thousands|hundreds|dozens|destroyed|"
                    r"eliminated|neutrali|suffer|cold|freez|winter|defeat|retreat|withdr|collapse|broke|broken|"
                    r"confident|confidence|faith|believe|proud|pride|thank|gratitude|glory)", re.I)
CUE = re.compile(r"\b(surrender|capitulat|losses|lost|casualt|morale|panic|fear|afraid|exhaust|desert|meat grinder|"
                 r"fodder|betray|deceiv|lied|brave|courage|heroi|determin|resolve|spirit|motivat|refus|flee|fled|"
                 r"shortage|running out|trauma|nightmare|award|demorali|sacrific|punish|forced|crying|tears|"
                 r"executed|tortur|burn|bodies|hungry|starv|tired)", re.I)
OPER = re.compile(r"\b(strike|struck|shelling|shelled|missile|rocket|drone|liberat|captured|advance|counteroffensive|"
                  r"counter-offensive|HIMARS|artillery|weapons|package|deliver|air defen|tanks|operation|offensive|"
                  r"attack|positions|front|direction|territory|occupied|bridgehead|assault)", re.I)
WAR = re.compile(r"\b(Ukrain|Russia|Putin|Kremlin|war|invasion|Kyiv|Donbas|Zelensk)", re.I)


def gold_named_ids():
    out = subprocess.run(["grep", "-rhoE", r'"id": "[^"]+"', "/work/main/gold"], capture_output=True, text=True).stdout
    return {l.split('"')[3] for l in out.splitlines()}


def pool_docs():
    gold = gold_named_ids()
    docs = []
    for corpus in C.MY_CORPORA:
        rows = C.load(corpus)
        if corpus == "whitehouse-ukraine-en":
            rows = rows[: len(rows) // 2]
        if corpus == "resistinua-addresses":
            by_id = {r["id"] for r in rows}
            keep = []
            for r in rows:
                if r["lang"] != "en":
                    continue
                yt = r["id"].split(":")[1]
                sib = f"resistinua-addresses:{yt}:uk"
                if sib in by_id and C.reserved(corpus, sib):
                    continue
                keep.append(r)
            rows = keep
        for r in rows:
            if C.reserved(corpus, r["id"]) or r["id"] in gold:
                continue
            docs.append((corpus, r))
    return docs


def main():
    rng = random.Random(SEED)
    docs = pool_docs()
    cands = {k: [] for k in SHARE}
    counts = collections.Counter()
    for corpus, d in docs:
        t = d["text"]
        sents = C.sentences(t)
        freq_ok = True
        prev_end = 0
        for i, (s, e) in enumerate(sents):
            st = t[s:e]
            nw = len(st.split())
            if nw < MIN_WORDS or nw > MAX_WORDS:
                continue
            if corpus == "whitehouse-ukraine-en" and not WAR.search(st):
                # whitehouse: sentence itself or its paragraph must be about the war
                para = next(((ps, pe) for ps, pe in C.paragraphs(t) if ps <= s < pe), (s, e))
                war_para = bool(WAR.search(t[para[0]:para[1]]))
            else:
                war_para = True
            f, m, c, o = FORCE.search(st), MORALE.search(st), CUE.search(st), OPER.search(st)
            key = (corpus, d["id"], s, e)
            if f and m and war_para:
                cands["keyword"].append(key)
            if war_para:
                if c and not f:
                    cands["hard_negative"].append(key + ("cue_other_sense",))
                elif f and o and not m:
                    cands["hard_negative"].append(key + ("operational",))
                cands["random"].append(key)
    # corpus weights for keyword / hard negatives so that every corpus contributes
    weight = {"zelensky-addresses-en": 0.45, "whitehouse-ukraine-en": 0.30, "press-releases-2022-en": 0.19,
              "resistinua-addresses": 0.06}
    chosen = {}
    per_doc = collections.Counter()
    order = ["keyword", "hard_negative", "random"]
    for kind in order:
        want = round(N_TOTAL * SHARE[kind])
        lst = cands[kind][:]
        rng.shuffle(lst)
        if kind == "random":
            byc = {None: lst}
            quotas = {None: want}
        else:
            byc = collections.defaultdict(list)
            for k in lst:
                byc[k[0]].append(k)
            quotas = {c: round(want * w) for c, w in weight.items()}
            # resistinua is small: move its unfilled quota to zelensky later
        got_total = 0
        spill = 0
        for c in (list(quotas) if kind != "random" else [None]):
            q = quotas[c] + (spill if c == "resistinua-addresses" else 0)
            got = 0
            for k in byc.get(c, []):
                if got >= q:
                    break
                ck = k[:4]
                if ck in chosen or per_doc[(k[0], k[1])] >= PER_DOC_CAP:
                    continue
                # for hard negatives, spread sub-kinds roughly half/half
                chosen[ck] = (kind, k[4] if len(k) > 4 else None)
                per_doc[(k[0], k[1])] += 1
                got += 1
            got_total += got
        # top up from any corpus if short
        if got_total < want:
            for k in lst:
                if got_total >= want:
                    break
                ck = k[:4]
                if ck in chosen or per_doc[(k[0], k[1])] >= PER_DOC_CAP:
                    continue
                chosen[ck] = (kind, k[4] if len(k) > 4 else None)
                per_doc[(k[0], k[1])] += 1
                got_total += 1
    # order: shuffled documents, then offset
    doc_keys = sorted({(k[0], k[1]) for k in chosen})
    rng.shuffle(doc_keys)
    rank = {dk: i for i, dk in enumerate(doc_keys)}
    items = sorted(chosen.items(), key=lambda kv: (rank[(kv[0][0], kv[0][1])], kv[0][2]))
    lines = []
    for idx, ((corpus, did, s, e), (kind, sub)) in enumerate(items):
        t = C.doc_text(corpus, did)
        rec = {"pool_index": idx, "corpus": corpus, "id": did, "start": s, "end": e, "sha1": C.sha12(t[s:e]),
               "selection": kind}
        if sub:
            rec["selection_detail"] = sub
        lines.append(json.dumps(rec, ensure_ascii=False))
    out = "\n".join(lines) + "\n"
    for p in ["/work/labels/pools/a.jsonl", os.path.join(os.path.dirname(__file__), "../../gold/train/pool_a.jsonl")]:
        with open(p, "w", encoding="utf-8") as f:
            f.write(out)
    c = collections.Counter((json.loads(l)["corpus"], json.loads(l)["selection"]) for l in lines)
    print(len(lines), "sentences from", len(doc_keys), "docs;", len(docs), "pool docs")
    for k, v in sorted(c.items()):
        print(k, v)
    print({k: len(v) for k, v in cands.items()})


if __name__ == "__main__":
    main()
