"""Shared helpers for annotator a's labelling scripts (no corpus text is written by these helpers)."""
import hashlib
import json
import sys

sys.path.insert(0, "/work/main/src")
from moralewatch.segment import paragraphs, sentences_in  # noqa: E402

CORPORA_DIR = "/work/shared/data/corpora"
MY_CORPORA = ["zelensky-addresses-en", "press-releases-2022-en", "resistinua-addresses", "whitehouse-ukraine-en"]


def sha12(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:12]


def _h5(key: str) -> bool:
    return int(hashlib.sha1(key.encode()).hexdigest(), 16) % 5 == 0


def reserved(corpus: str, doc_id: str) -> bool:
    """Evaluation split of INDICATORS_V11.md. The ids of these corpora already carry the corpus prefix
    ("zelensky-addresses-en:2022..."), so the rule could be read with the id as stored or with the prefix
    stripped; a document reserved under EITHER reading is kept out of training (when in doubt, leave out)."""
    keys = {corpus + ":" + doc_id}
    if doc_id.startswith(corpus + ":"):
        keys.add(corpus + ":" + doc_id[len(corpus) + 1:])
    return any(_h5(k) for k in keys)


def load(corpus):
    with open(f"{CORPORA_DIR}/{corpus}.jsonl", encoding="utf-8") as f:
        return [json.loads(l) for l in f]


def sentences(text):
    out = []
    for ps, pe in paragraphs(text):
        for s, e in sentences_in(text, ps, pe):
            out.append((s, e))
    return out


_cache = {}


def doc_text(corpus, doc_id):
    if corpus not in _cache:
        _cache[corpus] = {d["id"]: d for d in load(corpus)}
    return _cache[corpus][doc_id]["text"]
