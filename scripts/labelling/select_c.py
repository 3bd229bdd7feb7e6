"""Annotator c's active-learning pool (issue 12 item 1, brief L-active). Deterministic (seed 12003).

Pool: training-side documents (not reserved by the split rule, not named in gold/) of nyt-guardian-407,
whitehouse-ukraine-en, press-releases-2022-en; sentences (moralewatch.segment) of 25-600 chars, not already in
gold/train/*.jsonl (offsets or identical text), whose text does not occur in a reserved or gold document.
Selections: uncertain (model prob within +-0.25 of threshold for some indicator; since the thresholds are low,
that holds for every sentence, so the smallest margins (rounded to 0.01, news first within a tie) are taken),
disagree (model above threshold, rules silent in the sentence, or the reverse), rare (rare-indicator words).
Writes /work/labels/pools/c.jsonl and gold/train/pool_c.jsonl (ids, offsets, sha1, selection only; no text).
Usage: PYTHONPATH=src .venv/bin/python scripts/labelling/select_c.py
"""
import glob, hashlib, json, os, random, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from common_b import load, reserved, in_gold, sentences, sha12
from moralewatch.indicators import learned
from moralewatch.indicators.tagger import tag
from moralewatch.model import Document

SEED = 12003
CORP = ["nyt-guardian-407", "whitehouse-ukraine-en", "press-releases-2022-en"]
N = {"uncertain": 700, "disagree": 350, "rare": 350}
CAP = 12  # per document, over all selections
RARE = re.compile(r"\b(afraid|fear(?:ed|ful|s)?|panic\w*|terrified|scared|lied|lying|lies|deceiv\w+|tricked|misled|"
                  r"forced|threat\w*|coerc\w+|refus\w+|desert(?:ed|ion|ions|er|ers)|surrender\w*|defect\w*|"
                  r"sabotag\w+|nightmares?|trauma\w*|ptsd|untrained|poorly trained|without training|"
                  r"demorali[sz]ed|morale|betray\w*|abandon\w*|hide (?:the )?bodies|cremat\w+|cannon fodder|"
                  r"conscripts?|go home|want(?:ed)? to go home|exhausted|shell.?shock\w*|crying|wept|"
                  r"unwilling|mutin\w+|executed|barrier troops|low morale)\b", re.I)
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

def main():
    rng = random.Random(SEED)
    model = learned.load("both")
    thr = model.thresholds
    taken_off, taken_txt = set(), set()
    for p in glob.glob(os.path.join(ROOT, "gold/train/**/*.jsonl"), recursive=True):
        if os.path.basename(p).startswith("pool_c"): continue
        for l in open(p):
            r = json.loads(l)
            if "corpus" in r and "start" in r:
                taken_off.add((r["corpus"], r["id"], r["start"], r["end"]))
                if "sha1" in r: taken_txt.add(r["sha1"])
    cands = []
    for c in CORP:
        docs = load(c)
        big = "\n\u0000".join(d["text"] for d in docs if reserved(c, d["id"]) or in_gold(d["id"]))
        for d in docs:
            if reserved(c, d["id"]) or in_gold(d["id"]): continue
            t = d["text"]
            sents = [(s, e) for s, e in sentences(t) if 25 <= e - s <= 600]
            sents = [(s, e) for s, e in sents if (c, d["id"], s, e) not in taken_off
                     and sha12(t[s:e]) not in taken_txt and not (e - s >= 40 and t[s:e] in big)]
            if not sents: continue
            cands.append((c, d, sents))
    texts = [d["text"][s:e] for c, d, ss in cands for s, e in ss]
    probs = model.probabilities(texts, [learned.SentenceContext()] * len(texts))
    rows, k = [], 0
    for c, d, ss in cands:
        for s, e in ss:
            rows.append(dict(corpus=c, id=d["id"], start=s, end=e, p=probs[k], doc=d)); k += 1
    print(len(rows), "candidate sentences in", len(cands), "documents", file=sys.stderr)
    # uncertainty margin
    for r in rows:
        m = abs(r["p"] - thr)
        r["margin"] = float(m.min()); r["above"] = bool((r["p"] >= thr).any())
    uncertain = [r for r in rows if r["margin"] <= 0.25]
    rare = [r for r in rows if RARE.search(r["doc"]["text"][r["start"]:r["end"]])]
    # disagreement: rules on the documents that hold a candidate that is above threshold or in a doc with rule hits
    rule_spans = {}
    for c, d, ss in cands:
        try:
            inds = tag(Document(text=d["text"], source=c))
        except Exception as ex:  # a document the tagger cannot read: no rule information
            print("tag failed", d["id"], ex, file=sys.stderr); continue
        rule_spans[d["id"]] = [(i.start, i.end) for i in inds]
    disagree = []
    for r in rows:
        if r["id"] not in rule_spans: continue
        rule = any(a < r["end"] and b > r["start"] for a, b in rule_spans[r["id"]])
        if rule != r["above"]: disagree.append(r)
    print(len(uncertain), "uncertain", len(disagree), "disagree", len(rare), "rare", file=sys.stderr)
    per_doc, seen, pool = {}, set(), []
    def take(lst, sel, n, weight=None):
        lst = sorted(lst, key=lambda r: (r["corpus"], r["id"], r["start"]))
        rng.shuffle(lst)
        # news first (the brief's focus): nyt-guardian sentences get priority half of each selection
        lst.sort(key=lambda r: 0 if (r["corpus"] == "nyt-guardian-407" and rng.random() < 0.7) else 1)
        if sel == "uncertain":  # every candidate is within 0.25 of some (low) threshold: take the closest first
            lst.sort(key=lambda r: round(r["margin"], 2))
        got = []
        for r in lst:
            key = (r["corpus"], r["id"], r["start"])
            if key in seen or per_doc.get(r["id"], 0) >= CAP: continue
            seen.add(key); per_doc[r["id"]] = per_doc.get(r["id"], 0) + 1
            got.append(dict(corpus=r["corpus"], id=r["id"], start=r["start"], end=r["end"],
                            sha1=sha12(r["doc"]["text"][r["start"]:r["end"]]), selection=sel))
            if len(got) >= n: break
        return got
    parts = {"rare": take(rare, "rare", N["rare"]), "disagree": take(disagree, "disagree", N["disagree"]),
             "uncertain": take(uncertain, "uncertain", N["uncertain"])}
    # interleave 2:1:1 so that any prefix of the pool keeps the brief's proportions
    order = []
    it = {k: iter(v) for k, v in parts.items()}
    while any(True for _ in [0]):
        added = False
        for sel in ["uncertain", "disagree", "uncertain", "rare"]:
            x = next(it[sel], None)
            if x is not None: order.append(x); added = True
        if not added: break
    for i, x in enumerate(order): x["idx"] = i
    os.makedirs("/work/labels/pools", exist_ok=True)
    for path in ["/work/labels/pools/c.jsonl", os.path.join(ROOT, "gold/train/pool_c.jsonl")]:
        assert not os.path.exists(path), f"{path} exists: the pool is append-only"
        with open(path, "w") as f:
            for x in order:
                f.write(json.dumps({k: x[k] for k in ["idx", "corpus", "id", "start", "end", "sha1", "selection"]}) + "\n")
    print({k: len(v) for k, v in parts.items()}, len(order), file=sys.stderr)

if __name__ == "__main__":
    main()
