"""Shared helpers for the Russian/Ukrainian quote held-out set (gold/ruuk/quotes_heldout.jsonl, issue 17 item 3)."""
import hashlib
import json
import re

CORPORA_DIR = "/work/shared/data/corpora"
CORPORA = ["milblogger-telegram-ru", "ru-news-telegram-war", "resistinua-addresses"]
GOLD_RUUK = "/work/main/gold/ruuk"


def load(corpus):
    out = {}
    with open(f"{CORPORA_DIR}/{corpus}.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            out[d["id"]] = d
    return out


def reserved(corpus, did):
    return int(hashlib.sha1((corpus + ":" + did).encode()).hexdigest(), 16) % 5 == 0


def sha12(s):
    return hashlib.sha1(s.encode()).hexdigest()[:12]


# Attribution cues named in the brief (both languages), counted as matches.
VERBS = re.compile(
    r"\b(?:заяви(?:л|ла|ли|в)|сообщи(?:л|ла|ли|ло)|повідоми(?:в|ла|ли|ло)|сказа(?:л|ла|ли|в)|"
    r"по\s+словам|за\s+словами|по\s+данным|за\s+даними|пиш(?:ет|ут|е|уть))\b", re.I)
# «...» right after a name-like capitalised word (optionally with a colon or dash in between)
QUOTE_AFTER_NAME = re.compile(r"[А-ЯЁІЇЄҐ][а-яёіїєґ'’-]+\s*[:—–-]?\s*«")
# dialogue dash: a line that opens with a dash
DIALOGUE = re.compile(r"^\s*[—–]\s*\S", re.M)


def cues(text):
    return len(VERBS.findall(text)) + len(QUOTE_AFTER_NAME.findall(text)) + len(DIALOGUE.findall(text))


_TRI = {}


def trigrams(text):
    w = re.findall(r"\w+", text.lower())
    return set(zip(w, w[1:], w[2:]))


def near_dup_outside(corpus, did, docs, thr=0.5):
    """True when the document shares more than `thr` of its word trigrams (relative to the shorter text) with a
    document of the same corpora that is NOT reserved (a repost under another channel id, which the id-based split
    rule can put on the development side)."""
    a = trigrams(docs[corpus][did]["text"])
    if len(a) < 5:
        return False
    for c in CORPORA:
        if (c == "resistinua-addresses") != (corpus == "resistinua-addresses"):
            continue
        for o, d in docs[c].items():
            if o == did or reserved(c, o):
                continue
            key = (c, o)
            if key not in _TRI:
                _TRI[key] = trigrams(d["text"])
            b = _TRI[key]
            if b and len(a & b) / min(len(a), len(b)) > thr:
                return True
    return False
