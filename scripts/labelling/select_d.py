"""Round d (annotator d, brief l-ind): recall-oriented selection of sentences for the thin indicators.
Deterministic (seed 12005); writes gold/train/pool_d.jsonl (ids, offsets, sha1, selection, block; no text).

Documents: training side only (sha1(corpus:id) % 5 != 0), not named by any gold file OUTSIDE gold/train/ (dev,
held-out, heldout2, transcripts, pages, quotes, entities...); documents used by rounds a-c are allowed, but no
sentence already in gold/train/*.jsonl (offsets or identical text) and no sentence whose text (>= 40 chars) occurs in a
reserved or gold-named document. Corpora: nyt-guardian-407, zelensky-addresses-en, press-releases-2022-en,
whitehouse-ukraine-en, resistinua-addresses (lang == en only).
Filter: a HIT is a sentence with a thin-indicator cue (THIN: fear, deceived, coerced, betrayed_by_command, unwilling,
sabotage, trauma, surrender_desertion, casualty_concealment, untrained, morale_low, expendable; the codebook words
and their paraphrases) that also names, in the sentence or its neighbours, soldiers/POWs/relatives/deserters/mobilised
men/units (ACTOR). Context: every sentence of a window around each hit (the paragraph when it has <= 7 sentences,
else the hit +-2 sentences) is taken as one BLOCK, so paraphrase next to the cue is labelled too.
Order: blocks ranked by the number of distinct STRONG cues in the hit sentence (capped at 2), then nyt-guardian first (the
only corpus with soldier testimony), then by the number of thin cue families, ties broken by a seeded shuffle; per-document cap of 3 blocks; taken until BUDGET sentences.
Usage: /work/main/.venv/bin/python scripts/labelling/select_d.py [--dry]
"""
import glob, json, os, random, re, sys
from collections import Counter, defaultdict
sys.path.insert(0, os.path.dirname(__file__))
from common_b import load, reserved, sentences, sha12

SEED = 12005
BUDGET = 1150
CAP_BLOCKS = 3
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORP = ["nyt-guardian-407", "zelensky-addresses-en", "press-releases-2022-en", "whitehouse-ukraine-en",
        "resistinua-addresses"]
W = r"\w*"
THIN = {
    "fear": r"\b(afraid|fear(?:ed|ful)?|scared|panic\w*|terrified|frighten\w*|crying|cried|wept|in tears|"
            r"despair\w*|hysteri\w+|breakdown|broke down|horrified|dread\w*|shaking|trembl\w+)\b",
    "deceived": r"\b(lied|lying|lies|deceiv\w+|decept\w+|tricked|misled|mislead\w*|fooled|duped|brainwash\w*|"
                r"were told|was told|been told|told (?:them|us|him) (?:that|they|we|it)|exercises? in|"
                r"promised (?:them|us|him)|didn'?t know (?:where|what|why|they)|had no idea (?:where|what|why|they)|"
                r"thought (?:they|we) (?:were|would)|welcome(?:d)? (?:them|us) with flowers|flowers)\b",
    "coerced": r"\b(forced to (?:fight|go|attack|advance|storm|serve)|threaten\w* (?:them|to shoot|with)|at gunpoint|"
               r"barrier (?:troops|units)|blocking (?:detachments?|units)|criminal (?:case|charges?|liability)|"
               r"shot (?:for|if|on the spot)|shoot (?:them|anyone|those|their own)|executed|no choice|pits|jail\w*|"
               r"retreat(?:ing)? (?:is|was) (?:not|forbidden))\b",
    "betrayed_by_command": r"\b(betray\w*|abandon\w*|left (?:behind|to die|us|them)|hung out|officers? fled|"
                           r"commanders? (?:fled|left|ran|abandoned|lied|don'?t care|didn'?t care)|don'?t care|"
                           r"didn'?t care|distrust\w*|no help|nobody came|incompeten\w+|"
                           r"blame\w* (?:the )?(?:command|generals?|officers?|ministry))\b",
    "expendable": r"\b(cannon fodder|fodder|meat|sent to (?:die|their deaths?|slaughter|certain death)|human waves?|"
                  r"thrown (?:into|at|to)|throw(?:ing)? (?:them|their|people|soldiers|men) (?:into|at)|disposable|"
                  r"expendable|suicid\w+|slaughter\w*|without regard for|no regard for|don'?t (?:count|value)|"
                  r"sacrific\w+ (?:their|its|his) (?:own )?(?:men|soldiers|troops))\b",
    "unwilling": r"\b(go home|going home|want(?:ed|s)? to (?:go home|live|leave|return home)|don'?t want to|"
                 r"didn'?t want to|did not want to|do not want to|unwilling\w*|reluctan\w+|refus\w+|"
                 r"avoid\w* (?:the )?(?:draft|mobili[sz]ation|service|call-?up)|draft dodg\w+|"
                 r"fle(?:e|d|eing) (?:the )?(?:country|draft|mobili[sz]ation|russia|military)|"
                 r"evad\w+ (?:the )?(?:draft|mobili[sz]ation|service)|no reason to fight|"
                 r"why (?:we|they) (?:are|were) (?:here|fighting)|not our war|(?:doesn'?t|don'?t) understand why)\b",
    "surrender_desertion": r"\b(surrend\w+|desert(?:ed|er|ers|ion|ions|ing)|defect\w*|lay down (?:their |your )?arms|"
                           r"laid down (?:their )?arms|prisoners of war|pows?|"
                           r"hand(?:ed)? (?:themselves|yourself|yourselves) (?:over|in)|i want to live|"
                           r"self-inflicted|shot (?:himself|themselves)|mutin\w+|disobey\w*|insubordinat\w+|"
                           r"refused (?:to obey|orders?|to go|to fight|to advance|to attack)|absent without leave|awol|"
                           r"ran away|run away|fled (?:their|the) (?:positions?|front|units?)|abandoned (?:their|the) "
                           r"(?:positions?|tanks?|vehicles?|equipment|weapons))\b",
    "sabotage": r"\b(sabotag\w+|saboteur\w*|punctur\w+|disabl\w+ (?:their|its) own|damag\w+ (?:their|its) own|"
                r"deliberately (?:broke|damaged|disabled)|sugar in)\b",
    "trauma": r"\b(trauma\w*|ptsd|post-traumatic|nightmares?|psycholog\w+ (?:help|support|state|condition|trauma|"
              r"damage|rehabilitation)|mental health|shell.?shock\w*|never (?:be the same|recover)|haunt\w*|"
              r"rehabilitat\w+)\b",
    "casualty_concealment": r"\b(bodies|corpses?|crematori\w+|cremat\w+|conceal\w*|cover(?:ed|ing)? up|"
                            r"hid(?:e|ing|den)? (?:the |their )?(?:losses|casualties|dead|bodies|deaths?|figures?)|"
                            r"missing|morgues?|refrigerat\w+|unclaimed|not (?:return|returned)|"
                            r"no one knows how many|don'?t (?:report|count|disclose)|undercount\w*|under-?report\w*|"
                            r"do not disclose|official (?:figures?|death toll))\b",
    "untrained": r"\b(untrained|undertrained|poorly trained|ill-trained|barely trained|no training|"
                 r"without (?:any |proper )?training|little training|(?:two|three|few|several) (?:days|weeks) of "
                 r"training|inexperienc\w+|raw recruits?|never (?:fired|held|served|been in combat)|unprepared|"
                 r"ill-prepared|conscripts?)\b",
    "morale_low": r"\b(morale|demorali[sz]\w+|motivat\w+|exhaust\w+|tired|weary|weariness|fatigu\w+|worn out|"
                  r"giving up|lost (?:heart|hope|the will)|low spirits|dispirit\w+|broken (?:spirit|morale)|"
                  r"disillusion\w*|apath\w+|drunk\w*|vodka|alcohol|looting|disarray|disorgani[sz]\w+)\b",
}
THIN_RE = {k: re.compile(v, re.I) for k, v in THIN.items()}
# the cues that most often carry a thin indicator (rank only; the filter is THIN x ACTOR)
STRONG = re.compile(r"\b(afraid|scared|panic\w*|terrified|despair|lied|deceiv\w+|misled|tricked|were told|"
                    r"forced to fight|barrier|blocking detachment|threaten\w+|betray\w*|abandon\w*|cannon fodder|"
                    r"meat|human waves?|go home|refus\w+|surrend\w+|desert(?:ed|er|ers|ion|ions)|defect\w+|mutin\w+|"
                    r"sabotag\w+|trauma\w*|ptsd|nightmares?|crematori\w+|conceal\w*|hide|untrained|without training|"
                    r"demorali[sz]\w+|morale|unmotivated|exhausted|lay down|laid down|i want to live|self-inflicted)\b", re.I)
ACTOR = re.compile(r"\b(soldiers?|troops?|servicem[ae]n|servicewom[ae]n|service members?|military personnel|"
                   r"fighters?|infantry\w*|paratroopers?|marines?|conscripts?|recruits?|mobili[sz]\w+|draft\w*|"
                   r"reservists?|contract (?:soldiers?|servicemen)|volunteers?|mercenar\w+|wagner|convicts?|"
                   r"prisoners?|pows?|captives?|deserters?|defectors?|units?|battalions?|brigades?|regiments?|"
                   r"platoons?|squads?|army|armies|armed forces|commanders?|officers?|generals?|sergeants?|"
                   r"our guys|boys|sons?|husbands?|mothers?|wives|relatives|occupiers?|invaders?|defenders?|"
                   r"warriors?|front ?line|at the front|trenches?)\b", re.I)


def gold_tokens():
    tok = set()
    for g in glob.glob("/work/main/gold/**/*", recursive=True) + glob.glob(os.path.join(ROOT, "gold/**/*"), recursive=True):
        if os.path.isfile(g) and "/gold/train/" not in g:
            tok.update(re.findall(r"[\w:/.-]+", open(g, encoding="utf-8", errors="replace").read()))
    tok.update(t.rstrip(".:-/") for t in list(tok))
    return tok

def taken():
    off, txt = set(), set()
    for p in glob.glob(os.path.join(ROOT, "gold/train/**/*.jsonl"), recursive=True):
        if os.path.basename(p) in ("pool_d.jsonl", "indicators_train_d.jsonl"): continue  # round d itself
        for l in open(p):
            r = json.loads(l)
            if "corpus" in r and "start" in r:
                off.add((r["corpus"], r["id"], r["start"], r["end"]))
                if "sha1" in r: txt.add(r["sha1"])
    return off, txt

def blocks_of(c, d, sents):
    """Windows around hits: list of (sentence indices, families hit) for one document."""
    t = d["text"]
    out = []
    # paragraph of each sentence
    from moralewatch.segment import paragraphs
    paras = paragraphs(t)
    def para_of(s):
        for i, (a, b) in enumerate(paras):
            if a <= s < b: return i
        return -1
    pidx = [para_of(s) for s, e in sents]
    for i, (s, e) in enumerate(sents):
        st = t[s:e]
        fams = {k for k, r in THIN_RE.items() if r.search(st)}
        if not fams: continue
        lo, hi = max(0, i - 1), min(len(sents), i + 2)
        near = " ".join(t[a:b] for a, b in sents[lo:hi])
        if not ACTOR.search(near): continue
        same = [j for j in range(len(sents)) if pidx[j] == pidx[i]]
        win = same if len(same) <= 7 else [j for j in range(max(0, i - 2), min(len(sents), i + 3)) if pidx[j] == pidx[i]]
        out.append((win, fams, i))
    return out

def main(dry=False):
    rng = random.Random(SEED)
    tok = gold_tokens()
    off, txt = taken()
    allblocks = []
    stats = Counter()
    for c in CORP:
        docs = load(c)
        if c == "resistinua-addresses":
            docs = [d for d in docs if d.get("lang") == "en"]
        blocked = "\n\u0000".join(d["text"] for d in docs if reserved(c, d["id"]) or d["id"] in tok)
        for d in sorted(docs, key=lambda d: d["id"]):
            if reserved(c, d["id"]) or d["id"] in tok: stats[c, "doc_excluded"] += 1; continue
            stats[c, "doc_ok"] += 1
            t = d["text"]
            sents = [(s, e) for s, e in sentences(t) if 25 <= e - s <= 600]
            okc = {}
            def ok(j):
                if j not in okc:
                    s, e = sents[j]
                    okc[j] = not ((c, d["id"], s, e) in off or sha12(t[s:e]) in txt or (e - s >= 40 and t[s:e] in blocked))
                return okc[j]
            for win, fams, i in blocks_of(c, d, sents):
                if not ok(i): continue
                win = [j for j in win if ok(j)]
                allblocks.append(dict(corpus=c, id=d["id"], sents=[sents[j] for j in win], fams=sorted(fams),
                                      hit=sents[i], doc=d))
    # merge overlapping blocks of one document (same sentence in two windows)
    print(stats, file=sys.stderr)
    print(len(allblocks), "hit windows", Counter(b["corpus"] for b in allblocks), file=sys.stderr)
    def tier(b):
        hit = b["doc"]["text"][b["hit"][0]:b["hit"][1]]
        strong = len({m.lower() for m in STRONG.findall(hit)})
        return (-min(strong, 2), 0 if b["corpus"] == "nyt-guardian-407" else 1, -len(b["fams"]))
    keys = list(range(len(allblocks)))
    rng.shuffle(keys)
    order = sorted(keys, key=lambda k: tier(allblocks[k]))
    print("tiers:", sorted(Counter(tier(allblocks[k])[:2] for k in keys).items()), file=sys.stderr)
    seen, seen_txt, per_doc, pool = set(), set(), Counter(), []
    blk = 0
    for k in order:
        b = allblocks[k]
        if per_doc[b["id"]] >= CAP_BLOCKS: continue
        new = [(s, e) for s, e in b["sents"] if (b["corpus"], b["id"], s) not in seen
               and sha12(b["doc"]["text"][s:e]) not in seen_txt]
        if not new: continue
        per_doc[b["id"]] += 1
        for s, e in new:
            seen.add((b["corpus"], b["id"], s)); seen_txt.add(sha12(b["doc"]["text"][s:e]))
            pool.append(dict(corpus=b["corpus"], id=b["id"], start=s, end=e, sha1=sha12(b["doc"]["text"][s:e]),
                             selection="hit" if (s, e) == b["hit"] else "context", block=blk,
                             cues=b["fams"] if (s, e) == b["hit"] else []))
        blk += 1
        if len(pool) >= BUDGET: break
    for i, p in enumerate(pool): p["idx"] = i
    print(len(pool), "sentences in", blk, "blocks;", Counter(p["corpus"] for p in pool), Counter(p["selection"] for p in pool), file=sys.stderr)
    if dry: return
    path = os.path.join(ROOT, "gold/train/pool_d.jsonl")
    assert not os.path.exists(path), f"{path} exists: the pool is append-only"
    with open(path, "w") as f:
        for p in pool:
            f.write(json.dumps({k: p[k] for k in ["idx", "corpus", "id", "start", "end", "sha1", "selection", "block", "cues"]}) + "\n")

if __name__ == "__main__":
    main("--dry" in sys.argv)
