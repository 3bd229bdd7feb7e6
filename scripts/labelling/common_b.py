"""Shared helpers for annotator b's labelling scripts (deterministic)."""
import hashlib, json, re, sys
sys.path.insert(0, "/work/main/src")
from moralewatch.segment import paragraphs, sentences_in

CORPORA = "/work/shared/data/corpora"
GOLD = "/work/main/gold"

def sha12(s):
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:12]

def reserved(corpus, did):
    return int(hashlib.sha1((corpus + ":" + did).encode()).hexdigest(), 16) % 5 == 0

def load(corpus):
    with open(f"{CORPORA}/{corpus}.jsonl", encoding="utf-8") as f:
        return [json.loads(l) for l in f]

_gold_tokens = None
def in_gold(did):
    """True when the document id appears as a token anywhere in a file under gold/."""
    global _gold_tokens
    if _gold_tokens is None:
        import glob, os
        _gold_tokens = set()
        for p in glob.glob(GOLD + "/**/*", recursive=True):
            if os.path.isfile(p):
                _gold_tokens.update(re.findall(r"[\w:/.-]+", open(p, encoding="utf-8", errors="replace").read()))
                _gold_tokens.update(t.rstrip(".:-/") for t in list(_gold_tokens))
    return did in _gold_tokens

_gold_text = None
def in_gold_regex(did):
    """First version of the gold check (used for tranche 1 of the pool, kept so the pool reproduces): misses an id
    followed by a full stop; exclude_b.py then drops pool sentences whose text is in a gold or reserved document."""
    global _gold_text
    if _gold_text is None:
        import glob, os
        parts = []
        for p in glob.glob(GOLD + "/**/*", recursive=True):
            if os.path.isfile(p):
                parts.append(open(p, encoding="utf-8", errors="replace").read())
        _gold_text = "\n".join(parts)
    return re.search(r'(?<![\w:/.-])' + re.escape(did) + r'(?![\w/.-])', _gold_text) is not None

def sentences(text):
    out = []
    for ps, pe in paragraphs(text):
        out.extend(sentences_in(text, ps, pe))
    return out

IND = {"fe": "fear", "de": "deceived", "co": "coerced", "bc": "betrayed_by_command", "ex": "expendable",
       "hl": "heavy_losses", "uw": "unwilling", "sd": "surrender_desertion", "sa": "sabotage", "ut": "untrained",
       "ss": "supply_shortage", "cc": "casualty_concealment", "fr": "forced_recruitment", "tr": "trauma",
       "oc": "orders_against_civilians", "ml": "morale_low", "mb": "morale_boosting", "mh": "morale_high"}
INDICATORS = set(IND.values())
SIDES = {"ru", "ua", "unknown"}
CSIDES = {"ru", "ua", "west", "independent", "third_state", "unknown"}
SOURCE_TYPES = {"testimony", "news", "official", "analysis", "finance", "other"}
SELECTIONS = {"keyword", "random", "hard_negative"}
