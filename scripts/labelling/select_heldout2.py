"""Candidate documents for gold/heldout2 (issue 12 item 5).

Candidates = documents reserved for evaluation by the split rule of gold/INDICATORS_V11.md
(int(sha1(corpus + ":" + id)) % 5 == 0), English only, from the corpora named in the brief,
minus every document id named in any gold/*.jsonl or gold/heldout/*.jsonl of /work/main.
Deterministic: no randomness except a seeded shuffle used to order the reuters candidates.

Usage: select_heldout2.py [--list CORPUS] [--counts]
"""
import hashlib, json, glob, os, sys, random, re

CORP = "/work/shared/data/corpora"
GOLD = "/work/main/gold"
CORPORA = ["nyt-guardian-407", "zelensky-addresses-en", "whitehouse-ukraine-en",
           "press-releases-2022-en", "resistinua-addresses", "reuters21578"]
RU_CORPORA = ["milblogger-telegram-ru", "ru-news-telegram-war"]

def reserved(corpus, did):
    return int(hashlib.sha1((corpus + ":" + did).encode()).hexdigest(), 16) % 5 == 0

def gold_ids():
    ids = set()
    for f in glob.glob(GOLD + "/*.jsonl") + glob.glob(GOLD + "/heldout/*.jsonl"):
        for line in open(f):
            if line.strip():
                d = json.loads(line)
                ids.add((d.get("corpus"), d["id"]))
                ids.add((None, d["id"]))  # some files may omit corpus
    return ids

def load(corpus):
    with open(f"{CORP}/{corpus}.jsonl") as fh:
        return [json.loads(l) for l in fh if l.strip()]

def candidates():
    g = gold_ids()
    out = {}
    for c in CORPORA:
        docs = [d for d in load(c) if reserved(c, d["id"])
                and (c, d["id"]) not in g and (None, d["id"]) not in g
                and (d.get("lang") or "en") == "en"]
        out[c] = docs
    return out

WAR = re.compile(r"\b(morale|soldier|troops|surrender|desert|casualt|losses|war|army|military|panic|fear)", re.I)

if __name__ == "__main__":
    cand = candidates()
    if "--counts" in sys.argv:
        for c in CORPORA:
            print(c, len(cand[c]))
        for c in RU_CORPORA:
            n = sum(1 for d in load(c) if reserved(c, d["id"]))
            print("reserved (not used, Russian):", c, n)
        n = sum(1 for d in load("resistinua-addresses") if reserved("resistinua-addresses", d["id"]) and d.get("lang") != "en")
        print("reserved (not used, Ukrainian):", "resistinua-addresses", n)
    if "--list" in sys.argv:
        c = sys.argv[sys.argv.index("--list") + 1]
        docs = cand[c]
        if c == "reuters21578":
            docs = [d for d in docs if WAR.search(d["text"])]
            random.Random(12).shuffle(docs)
        for d in docs:
            t = d["text"]
            kw = len(WAR.findall(t))
            print(f'{d["id"]}\t{len(t)}\t{kw}\t{(d.get("date") or "")[:10]}\t{(d.get("title") or "")[:90]}')
