"""Shared helpers for the Russian/Ukrainian sets (gold/ruuk): load documents, split rule, sentences."""
import json, sys, hashlib, re, glob, os
# this repository's own src (was /work/main/src: a script run from a worktree measured main's code)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "src"))
from moralewatch.segment import paragraphs, sentences_in

CORP = "/work/shared/data/corpora"
CORPORA = ["milblogger-telegram-ru", "ru-news-telegram-war", "resistinua-addresses"]
_cache = {}

def load(corpus):
    if corpus not in _cache:
        with open(f"{CORP}/{corpus}.jsonl") as fh:
            _cache[corpus] = {d["id"]: d for d in map(json.loads, fh)}
    return _cache[corpus]

def corpus_of(did):
    return did.split(":", 1)[0]

def doc(did):
    return load(corpus_of(did))[did]

def reserved(corpus, did):
    return int(hashlib.sha1((corpus + ":" + did).encode()).hexdigest(), 16) % 5 == 0

def reserved_id(did):
    # the split rule of INDICATORS_V11 uses corpus + ":" + id, where id already starts with the corpus name
    return reserved(corpus_of(did), did)

def sentences(text):
    return [s for p in paragraphs(text) for s in sentences_in(text, *p)]

def sha12(s):
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:12]

def gold_ids():
    """Every document id (and every resistinua youtube id) named in /work/main/gold."""
    ids, yt = set(), set()
    for f in glob.glob("/work/main/gold/**/*.jsonl", recursive=True):
        for m in re.finditer(r'"((?:nyt|guardian|resistinua-addresses|milblogger-telegram-ru|ru-news-telegram-war|zelensky-addresses-en|press-releases-2022-en|whitehouse-ukraine-en|reuters21578)[^"]*)"', open(f).read()):
            ids.add(m.group(1))
            if m.group(1).startswith("resistinua-addresses:"):
                yt.add(m.group(1).split(":")[1])
    return ids, yt
