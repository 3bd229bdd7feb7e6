"""Shared helpers for the quotes_web held-out set (issue 13 item 2). No corpus text is written by these helpers."""
import hashlib
import json
import sys

sys.path.insert(0, "/work/main/src")
from moralewatch.segment import paragraphs, sentences_in  # noqa: E402,F401

CORP = "/work/shared/data/corpora"
CORPORA = ["nyt-guardian-407", "press-releases-2022-en", "whitehouse-ukraine-en"]


def reserved(corpus: str, did: str) -> bool:
    """The split rule of the brief, with the id exactly as stored in the corpus record."""
    return int(hashlib.sha1((corpus + ":" + did).encode()).hexdigest(), 16) % 5 == 0


def sha12(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:12]


_cache: dict = {}


def load(corpus: str) -> dict:
    if corpus not in _cache:
        with open(f"{CORP}/{corpus}.jsonl", encoding="utf-8") as fh:
            _cache[corpus] = {d["id"]: d for d in map(json.loads, fh) if d}
    return _cache[corpus]


def corpus_of(did: str) -> str:
    for c in CORPORA:
        if did.startswith(c + ":"):
            return c
    return "nyt-guardian-407"
