"""Re-check gold/ruuk/quotes_dev_b.jsonl against the corpora and print the counts used in gold/ruuk/QUOTES.md
("dev b"). Checks: development side (not reserved), in qrub/order_b.tsv (the seeded selection), named in no other
gold/ file, offsets in bounds, sha1, span trimmed and on one line, identifiers, text order, no overlap, `continues`,
speaker mention in bounds, lang equal to the corpus record's.
Usage: validate.py [FILE]"""
import collections
import glob
import json
import sys

sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/qru")
sys.path.insert(0, __file__.rsplit("/", 1)[0])
from common import CORPORA, load, reserved, sha12  # noqa: E402
from convert import CHANNELS, KINDS, ROLES, SIDES, ORDER  # noqa: E402

ROOT = __file__.rsplit("/", 4)[0]
FILE = sys.argv[1] if len(sys.argv) > 1 else ROOT + "/gold/ruuk/quotes_dev_b.jsonl"
docs = {c: load(c) for c in CORPORA}
order = {line.split("\t")[4]: line.split("\t")[3] for line in open(ORDER, encoding="utf-8") if not line.startswith("#")}
other_gold = ""
for f in glob.glob(ROOT + "/gold/**/*", recursive=True):
    if f.endswith("quotes_dev_b.jsonl"):
        continue
    try:
        other_gold += open(f, encoding="utf-8").read()
    except (UnicodeDecodeError, IsADirectoryError):
        pass
C = collections.defaultdict(collections.Counter)
ndoc = collections.Counter()
seen = set()
for line in open(FILE, encoding="utf-8"):
    d = json.loads(line)
    c, did = d["corpus"], d["id"]
    assert did not in seen, did
    seen.add(did)
    assert not reserved(c, did) and did in order and did not in other_gold, did
    rec = docs[c][did]
    t = rec["text"]
    lang = rec["lang"]
    assert d["lang"] == lang
    ndoc[(c, lang)] += 1
    C["docs by pick"][order[did]] += 1
    C["docs with 0 quotes"][c] += not d["quotes"]
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
        C["kind x corpus"][(q["kind"], c)] += 1
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
