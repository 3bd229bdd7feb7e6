"""Shared helpers: load a document, cut sentences with the project's splitter, print numbered sentences."""
import json, sys, hashlib
sys.path.insert(0, "/work/main/src")
from moralewatch.segment import paragraphs, sentences_in

CORP = "/work/shared/data/corpora"
_cache = {}

def corpus_of(did):
    if did.startswith(("nyt-", "guardian-")):
        return "nyt-guardian-407"
    return did.split(":", 1)[0]

def load_doc(did):
    c = corpus_of(did)
    if c not in _cache:
        with open(f"{CORP}/{c}.jsonl") as fh:
            _cache[c] = {d["id"]: d for d in map(json.loads, fh)}
    return _cache[c][did]

def sentences(text):
    return [s for p in paragraphs(text) for s in sentences_in(text, *p)]

def sha12(s):
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:12]

if __name__ == "__main__":
    did = sys.argv[1]
    lo = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    hi = int(sys.argv[3]) if len(sys.argv) > 3 else 10**9
    d = load_doc(did)
    t = d["text"]
    print(f"== {did} | {d.get('title')} | {d.get('date')} | len={len(t)}")
    for i, (s, e) in enumerate(sentences(t)):
        if e <= lo or s >= hi:
            continue
        print(f"[{i}] ({s}) {t[s:e]}".replace("\n", " ⏎ "))
