"""Task A of l-ind: answers_d_on_c.txt (annotator d, blind labels of every 10th pool_c sentence) ->
gold/train/agreement/d_on_c.jsonl, then validation of every line.
Answer line: IDX [src] [; label]* [# note]   where src in n/o/t/a (news, official, testimony, analysis; default by
corpus) and label = CODE SIDE [h] [x] claimant|side  (CODE from common_b.IND; h hedged, x negated).
Example: 12 t ; fe ru Russian soldier|ru ; hl ru h writer|independent # borderline"""
import json, sys, os, hashlib
sys.path.insert(0, os.path.dirname(__file__))
from common_b import load, IND, SIDES, CSIDES, SOURCE_TYPES, sha12, reserved
import glob, re
_tok = set()
for g in glob.glob("/work/main/gold/**/*", recursive=True):  # main's gold: c's own files are not there
    if os.path.isfile(g) and "/gold/train/" not in g:  # the training files themselves name c's documents
        _tok.update(re.findall(r"[\w:/.-]+", open(g, encoding="utf-8", errors="replace").read()))
_tok.update(t.rstrip(".:-/") for t in list(_tok))
in_gold = lambda did: did in _tok
H = os.path.dirname(__file__)
pool = [json.loads(l) for l in open(os.path.join(H, "../../gold/train/pool_c.jsonl"))]
ST = {"n": "news", "o": "official", "t": "testimony", "a": "analysis", "f": "finance"}
DEF = {"nyt-guardian-407": "news", "whitehouse-ukraine-en": "official", "press-releases-2022-en": "official"}
texts = {}
for c in {p["corpus"] for p in pool}:
    texts.update({(c, d["id"]): d["text"] for d in load(c)})
out, seen = [], set()
for ln in open(os.path.join(H, "answers_d_on_c.txt")):
    ln = ln.rstrip("\n")
    if not ln.strip() or ln.startswith("//"): continue
    note = None
    if "#" in ln: ln, note = ln.split("#", 1); note = note.strip()
    parts = [x.strip() for x in ln.split(";")]
    head = parts[0].split()
    idx = int(head[0]); assert idx not in seen, idx; seen.add(idx)
    p = pool[idx]
    st = ST[head[1]] if len(head) > 1 else DEF[p["corpus"]]
    labels = []
    for lab in parts[1:]:
        spec, claim = lab.split("|")
        w = spec.split()
        code, side, flags, claimant = w[0], w[1], set(), []
        rest = w[2:]
        while rest and rest[0] in ("h", "x"): flags.add(rest.pop(0))
        claimant = " ".join(rest)
        assert code in IND and side in SIDES and claim.strip() in CSIDES and claimant, (idx, lab)
        labels.append(dict(indicator=IND[code], subject_side=side, hedged="h" in flags, negated="x" in flags,
                           claimant=claimant, claimant_side=claim.strip()))
    t = texts[(p["corpus"], p["id"])]
    assert idx % 10 == 0, idx
    assert 0 <= p["start"] < p["end"] <= len(t) and sha12(t[p["start"]:p["end"]]) == p["sha1"], idx
    assert not reserved(p["corpus"], p["id"]), idx  # gold check dropped: 7 of c's documents were named by
    # gold/transcripts and gold/pages after round c was drawn (reported in CARD_d.md); the agreement pass keeps c's pool
    r = dict(corpus=p["corpus"], id=p["id"], start=p["start"], end=p["end"], sha1=p["sha1"], source_type=st,
             selection=p["selection"], annotator="d", labels=labels, pool_idx=idx)
    assert st in SOURCE_TYPES
    if note: r["note"] = note
    out.append(r)
with open(os.path.join(H, "../../gold/train/agreement/d_on_c.jsonl"), "w") as f:
    for r in out: f.write(json.dumps(r) + "\n")
assert sorted(seen) == list(range(0, len(pool), 10)), "not every 10th item answered"
print(len(out), "sentences,", sum(1 for r in out if r["labels"]), "positive,", sum(len(r["labels"]) for r in out), "labels; all valid")
