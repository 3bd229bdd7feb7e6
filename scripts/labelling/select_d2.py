"""Round d, tranche 2 (seed 12006): the same THIN cue filter as select_d.py, with a broader actor list (ACTOR2 adds
the Russian / Ukrainian army and forces in other words: military, Russians, Russia's forces, the enemy, personnel,
aircrew, sailors, veterans, wounded, captivity, exchange...) and a per-document cap of 6 blocks (3 in tranche 1);
windows already in pool_d are skipped. Appends to gold/train/pool_d.jsonl (idx continues, field "tranche": 2).
Usage: /work/main/.venv/bin/python scripts/labelling/select_d2.py [--dry]"""
import json, os, random, re, sys
from collections import Counter
sys.path.insert(0, os.path.dirname(__file__))
import select_d as S
from common_b import load, reserved, sentences, sha12

SEED = 12006
BUDGET = 450
S.ACTOR = re.compile(S.ACTOR.pattern[:-3] + r"|military|militar\w+|russians|russia'?s (?:forces|army|troops)|"
                     r"ukraine'?s (?:forces|army|troops)|the enemy|personnel|aircrew|sailors|crew|veterans?|"
                     r"wounded|captivity|exchange|the russian side|kremlin|putin|men|people)\b", re.I)

def main(dry=False):
    rng = random.Random(SEED)
    path = os.path.join(S.ROOT, "gold/train/pool_d.jsonl")
    old = [json.loads(l) for l in open(path)]
    assert len(old) == 808 and all(p.get("tranche", 1) == 1 for p in old), "tranche 2 already appended"
    have = {(p["corpus"], p["id"], p["start"]) for p in old}
    have_txt = {p["sha1"] for p in old}
    blocks0 = max(p["block"] for p in old) + 1
    tok = S.gold_tokens(); off, txt = S.taken()
    allblocks = []
    for c in S.CORP:
        docs = load(c)
        if c == "resistinua-addresses":
            docs = [d for d in docs if d.get("lang") == "en"]
        blocked = "\n\u0000".join(d["text"] for d in docs if reserved(c, d["id"]) or d["id"] in tok)
        for d in sorted(docs, key=lambda d: d["id"]):
            if reserved(c, d["id"]) or d["id"] in tok: continue
            t = d["text"]
            sents = [(s, e) for s, e in sentences(t) if 25 <= e - s <= 600]
            okc = {}
            def ok(j):
                if j not in okc:
                    s, e = sents[j]
                    okc[j] = not ((c, d["id"], s, e) in off or sha12(t[s:e]) in txt or (c, d["id"], s) in have
                                  or sha12(t[s:e]) in have_txt or (e - s >= 40 and t[s:e] in blocked))
                return okc[j]
            for win, fams, i in S.blocks_of(c, d, sents):
                if not ok(i): continue
                win = [j for j in win if ok(j)]
                allblocks.append(dict(corpus=c, id=d["id"], sents=[sents[j] for j in win], fams=sorted(fams),
                                      hit=sents[i], doc=d))
    print(len(allblocks), "new hit windows", Counter(b["corpus"] for b in allblocks), file=sys.stderr)
    def tier(b):
        hit = b["doc"]["text"][b["hit"][0]:b["hit"][1]]
        strong = len({m.lower() for m in S.STRONG.findall(hit)})
        return (-min(strong, 2), 0 if b["corpus"] == "nyt-guardian-407" else 1, -len(b["fams"]))
    keys = list(range(len(allblocks))); rng.shuffle(keys)
    order = sorted(keys, key=lambda k: tier(allblocks[k]))
    print("tiers:", sorted(Counter(tier(allblocks[k])[:2] for k in keys).items()), file=sys.stderr)
    per_doc = Counter(p["id"] for p in old if p["selection"] == "hit")
    seen, seen_txt, pool, blk = set(have), set(have_txt), [], blocks0
    for k in order:
        b = allblocks[k]
        if per_doc[b["id"]] >= 6: continue
        new = [(s, e) for s, e in b["sents"] if (b["corpus"], b["id"], s) not in seen
               and sha12(b["doc"]["text"][s:e]) not in seen_txt]
        if not new: continue
        per_doc[b["id"]] += 1
        for s, e in new:
            seen.add((b["corpus"], b["id"], s)); seen_txt.add(sha12(b["doc"]["text"][s:e]))
            pool.append(dict(corpus=b["corpus"], id=b["id"], start=s, end=e, sha1=sha12(b["doc"]["text"][s:e]),
                             selection="hit" if (s, e) == b["hit"] else "context", block=blk,
                             cues=b["fams"] if (s, e) == b["hit"] else [], tranche=2))
        blk += 1
        if len(pool) >= BUDGET: break
    for i, p in enumerate(pool): p["idx"] = len(old) + i
    print(len(pool), "sentences in", blk - blocks0, "blocks;", Counter(p["corpus"] for p in pool),
          Counter(p["selection"] for p in pool), file=sys.stderr)
    if dry: return
    with open(path, "a") as f:
        for p in pool:
            f.write(json.dumps({k: p[k] for k in ["idx", "corpus", "id", "start", "end", "sha1", "selection", "block",
                                                  "cues", "tranche"]}) + "\n")

if __name__ == "__main__":
    main("--dry" in sys.argv)
