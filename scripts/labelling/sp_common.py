"""Second-pass / adjudication helpers (L-adjudicate): load documents, cut sentences with the project's splitter,
resolve span specifications to offsets, and check items. Deterministic; no corpus text is written anywhere."""
import hashlib
import json
import sys

sys.path.insert(0, "/work/main/src")
from moralewatch.segment import paragraphs, sentences_in  # noqa: E402

CORP = "/work/shared/data/corpora"
INDICATORS = {
    "fear", "deceived", "coerced", "betrayed_by_command", "expendable", "heavy_losses", "unwilling",
    "surrender_desertion", "sabotage", "untrained", "supply_shortage", "casualty_concealment",
    "forced_recruitment", "trauma", "orders_against_civilians", "morale_low", "morale_boosting", "morale_high",
}
SUBJECT_SIDES = {"ru", "ua", "unknown"}
CLAIMANT_SIDES = {"ru", "ua", "west", "independent", "third_state", "unknown"}
SOURCE_TYPES = {"testimony", "news", "official", "analysis", "finance", "other"}
_cache = {}


def corpus_of(did):
    if did.startswith(("nyt-", "guardian-")):
        return "nyt-guardian-407"
    return did.split(":", 1)[0]


def load_doc(did, corpus=None):
    c = corpus or corpus_of(did)
    if c not in _cache:
        with open(f"{CORP}/{c}.jsonl") as fh:
            _cache[c] = {d["id"]: d for d in map(json.loads, fh)}
    return _cache[c][did]


def sentences(text, lo=0, hi=None):
    hi = len(text) if hi is None else hi
    out = [s for p in paragraphs(text) for s in sentences_in(text, *p)]
    return [(s, e) for s, e in out if s < hi and e > lo]


def sha12(s):
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:12]


def resolve(text, spec):
    """spec: 'N' (sentence N), 'N-M' (sentences N..M), 'N|sub' (first occurrence of sub inside sentence N),
    'N|sub#k' (k-th occurrence), '@S:E' (absolute offsets)."""
    sents = sentences(text)
    spec = spec.strip()
    if spec.startswith("@"):
        s, e = spec[1:].split(":")
        return int(s), int(e)
    if "|" in spec:
        n, sub = spec.split("|", 1)
        k = 1
        if "#" in sub and sub.rsplit("#", 1)[1].isdigit():
            sub, k = sub.rsplit("#", 1)
            k = int(k)
        s0, e0 = sents[int(n)]
        pos = s0 - 1
        for _ in range(k):
            pos = text.find(sub, pos + 1, e0)
            if pos < 0:
                raise ValueError(f"substring not found in sentence {n}: {sub[:30]!r}")
        return pos, pos + len(sub)
    if "-" in spec:
        a, b = spec.split("-")
        return sents[int(a)][0], sents[int(b)][1]
    return sents[int(spec)]


def check_item(text, it):
    errs = []
    if it["indicator"] not in INDICATORS:
        errs.append("bad indicator " + it["indicator"])
    if it["subject_side"] not in SUBJECT_SIDES:
        errs.append("bad subject_side")
    if it["claimant_side"] not in CLAIMANT_SIDES:
        errs.append("bad claimant_side")
    if not (0 <= it["start"] < it["end"] <= len(text)):
        errs.append("offsets out of bounds")
    elif sha12(text[it["start"]:it["end"]]) != it["sha1"]:
        errs.append("sha1 mismatch")
    for k in ("hedged", "negated"):
        if not isinstance(it[k], bool):
            errs.append(k + " not bool")
    return errs


if __name__ == "__main__":  # print a document's numbered sentences (to the terminal only)
    did = sys.argv[1]
    t = load_doc(did)["text"]
    for i, (s, e) in enumerate(sentences(t)):
        print(f"[{i}] ({s}) {t[s:e]}".replace("\n", " ⏎ "))
