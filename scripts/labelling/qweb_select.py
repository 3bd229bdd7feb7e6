"""Selection of documents for gold/quotes_web/quotes_heldout.jsonl (issue 13 item 2). Deterministic.

Candidates: documents reserved by the split rule int(sha1(corpus + ":" + id)) % 5 == 0 (id as stored in the record)
of nyt-guardian-407 (minus every id of gold/quotes_war_dev.jsonl and gold/heldout/quotes_war_heldout.jsonl, and minus
any document whose text equals that of an excluded or of an earlier candidate), press-releases-2022-en and
whitehouse-ukraine-en; at most 1,200 whitespace words (eval/quotes.py has no labelled-region option, so whole
documents are labelled); at least 6 attribution cues (quotation-mark pairs plus said/says/told/according to/
speaker labels), so that the document has quotes at all.
Order: per corpus, testimony-rich documents first (at least 2 hits of soldier/witness/resident words), each tier in
the order of random.Random(13).shuffle over the sorted ids. The annotator takes documents in this order, skipping
only with a recorded reason (printed list + README), with quotas nyt-guardian-407 20, press-releases-2022-en 8,
whitehouse-ukraine-en 4, transcript-style documents (speaker-labelled turns) at most a third of the set.

Usage: python qweb_select.py   (prints the ordered candidate list: corpus, rank, id, words, cues, tier)
"""
import json
import random
import re
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/qweb")
from common import CORPORA, load, reserved  # noqa: E402

GOLD = "/work/main/gold"
EXCL_FILES = [GOLD + "/quotes_war_dev.jsonl", GOLD + "/heldout/quotes_war_heldout.jsonl"]
TESTIMONY = re.compile(r"\b(soldiers?|servicem[ae]n|fighters?|troops|residents?|witness(?:es)?|villagers?|survivors?|"
                       r"refugees?|prisoners?|POWs?|volunteers?|medics?|evacuees?|told the (?:Guardian|Observer|New York Times|Times))\b")
CUES = re.compile(r"\b(said|says|told|according to|added|stated|noted)\b|^[A-Z][A-Z .'-]+:|[A-Z][a-z]+ [A-Z][a-z]+:", re.M)


def excluded_ids():
    ids = set()
    for f in EXCL_FILES:
        for line in open(f):
            if line.strip():
                ids.add(json.loads(line)["id"])
    return ids


def cues(text):
    return text.count("\u201c") + text.count('"') // 2 + len(CUES.findall(text))


def ordered():
    excl = excluded_ids()
    out = []
    for c in CORPORA:
        docs = load(c)
        seen_text = {docs[i]["text"] for i in excl if i in docs}
        tiers = {1: [], 2: []}
        for did in sorted(docs):
            d = docs[did]
            if not reserved(c, did) or did in excl or d["text"] in seen_text:
                continue
            seen_text.add(d["text"])
            w = len(d["text"].split())
            k = cues(d["text"])
            if w > 1200 or k < 6:
                continue
            tier = 1 if len(TESTIMONY.findall(d["text"])) >= 2 else 2
            tiers[tier].append((did, w, k, tier))
        rank = 0
        for t in (1, 2):
            lst = tiers[t]
            random.Random(13).shuffle(lst)
            for did, w, k, tier in lst:
                rank += 1
                out.append((c, rank, did, w, k, tier))
    return out


if __name__ == "__main__":
    for c, rank, did, w, k, tier in ordered():
        print(f"{c}\t{rank}\t{did}\t{w}\t{k}\t{tier}")
