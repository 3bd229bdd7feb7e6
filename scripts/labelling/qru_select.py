"""Selection of documents for gold/ruuk/quotes_heldout.jsonl (issue 17 item 3, quote targets). Deterministic.

Pool 1: the 76 documents of gold/ruuk/indicators_heldout.jsonl (already reserved, split rule checked again here).
Pool 2 (only if pool 1 is not enough): other documents of milblogger-telegram-ru, ru-news-telegram-war and the
Ukrainian items of resistinua-addresses that are reserved by the split rule
int(sha1(corpus + ":" + id)) % 5 == 0 (id exactly as stored), and not in any other gold/ file.
Pool 2 also drops a document that shares more than half of its word trigrams with a non-reserved document of the
same corpora (reposts under another channel id; see gold/ruuk/README.md).
Filter: at least 2 attribution cues (qru/common.py: заявил/заявив, сообщил/повідомив, сказал/сказав, по словам/
за словами, по данным/за даними, пишет/пише, «...» after a capitalised word, dialogue dashes).
Order: per language (ru, uk), random.Random(1717).shuffle over the sorted ids of the pool; pool 1 before pool 2.
The annotator takes documents in this order and records every skip with its reason (QUOTES.md).

Usage: python qru_select.py [--pool2]   (prints: lang, pool, rank, id, chars, cues)
"""
import json
import random
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/qru")
from common import CORPORA, GOLD_RUUK, cues, load, near_dup_outside, reserved  # noqa: E402

SEED = 1717


def pool1():
    out = []
    for line in open(f"{GOLD_RUUK}/indicators_heldout.jsonl", encoding="utf-8"):
        d = json.loads(line)
        out.append((d["corpus"], d["id"], d["lang"]))
    return out


def gold_ids():
    import glob
    import re
    ids = set()
    for f in glob.glob("/work/main/gold/**/*", recursive=True):
        if f.endswith((".jsonl", ".json", ".txt")):
            try:
                ids.update(re.findall(r"(?:milblogger-telegram-ru|ru-news-telegram-war|resistinua-addresses):[\w:.-]+",
                                      open(f, encoding="utf-8").read()))
            except (UnicodeDecodeError, IsADirectoryError):
                pass
    return ids


def ordered(with_pool2=False):
    docs = {c: load(c) for c in CORPORA}
    p1 = pool1()
    rows = []
    for pool, items in [(1, p1)] + ([(2, None)] if with_pool2 else []):
        if items is None:
            used = gold_ids()
            items = [(c, i, docs[c][i]["lang"]) for c in CORPORA for i in docs[c]
                     if reserved(c, i) and i not in used and docs[c][i]["lang"] in ("ru", "uk")]
        for lang in ("ru", "uk"):
            cand = sorted((c, i) for c, i, lg in items if lg == lang)
            cand = [(c, i) for c, i in cand if reserved(c, i) and cues(docs[c][i]["text"]) >= 2]
            if pool == 2:  # reposts of non-reserved posts would leak into development
                cand = [(c, i) for c, i in cand if not near_dup_outside(c, i, docs)]
            random.Random(SEED).shuffle(cand)
            for r, (c, i) in enumerate(cand, 1):
                t = docs[c][i]["text"]
                rows.append((lang, pool, r, i, len(t), cues(t)))
    return rows


if __name__ == "__main__":
    for row in ordered("--pool2" in sys.argv):
        print(*row, sep="\t")
