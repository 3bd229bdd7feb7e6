"""Re-check gold/ruuk/quotes_heldout.jsonl against the corpora and print the counts used in gold/ruuk/QUOTES.md.
Checks: split rule, id in the selection's candidate list, offsets in bounds, sha1, span trimmed and on one line,
identifiers, text order, no overlap, `continues`, speaker mention in bounds.
Usage: validate.py [FILE]"""
import collections
import json
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
sys.path.insert(0, __file__.rsplit("/", 2)[0])
from common import CORPORA, load, reserved, sha12  # noqa: E402
from convert import CHANNELS, KINDS, ROLES, SIDES  # noqa: E402
from qru_select import ordered  # noqa: E402

FILE = sys.argv[1] if len(sys.argv) > 1 else __file__.rsplit("/", 4)[0] + "/gold/ruuk/quotes_heldout.jsonl"
docs = {c: load(c) for c in CORPORA}
cands = {row[3] for row in ordered(True)}
C = collections.defaultdict(collections.Counter)
ndoc = collections.Counter()
for line in open(FILE, encoding="utf-8"):
    d = json.loads(line)
    c, did = d["corpus"], d["id"]
    assert reserved(c, did) and did in cands, did
    rec = docs[c][did]
    t = rec["text"]
    lang = rec["lang"]
    ndoc[(c, lang)] += 1
    prev_end = 0
    for i, q in enumerate(d["quotes"]):
        s, e = q["start"], q["end"]
        assert 0 <= s < e <= len(t) and sha12(t[s:e]) == q["sha1"], (did, i)
        assert t[s:e] == t[s:e].strip() and "\n" not in t[s:e], (did, i)
        assert s >= prev_end, (did, i)
        prev_end = e
        assert q["kind"] in KINDS and q["speaker_role"] in ROLES and q["side"] in SIDES and q["channel"] in CHANNELS
        if q["speaker_start"] is not None:
            assert 0 <= q["speaker_start"] < q["speaker_end"] <= len(t)
        assert q["continues"] is None or 0 <= q["continues"] < i
        C["lang"][lang] += 1
        C["corpus"][c] += 1
        C["kind"][q["kind"]] += 1
        C["kind x lang"][(q["kind"], lang)] += 1
        C["role"][q["speaker_role"]] += 1
        C["side"][q["side"]] += 1
        C["channel"][q["channel"]] += 1
        C["with via"][bool(q["via"])] += 1
        C["continues"][q["continues"] is not None] += 1
        C["speaker null"][q["speaker"] is None] += 1
print("documents:", sum(ndoc.values()), dict(ndoc))
print("quotes:", sum(C["lang"].values()))
for k, v in C.items():
    print(f"{k}: " + ", ".join(f"{a} {b}" for a, b in v.most_common()))
