"""Round d (annotator d): answers_d.txt -> gold/train/indicators_train_d.jsonl, then validation of every line.
answers_d.txt: "read A-B" declares that pool sentences A..B (inclusive) were all read; a read sentence without a
label line is a negative. Label line: IDX [n|o|t|a|f] ; CODE SIDE [h] [x] claimant|claimant_side ... [# note]
(CODE from common_b.IND; h hedged, x negated; source type defaults by corpus).
Sentences whose document has since been named by a gold file outside gold/train/ are left out (listed).
Checks: offsets in bounds, sha1, identifiers, sides, training side of the split, document not named by a gold file
outside gold/train/, sentence not in rounds a-c, every pool idx answered at most once, labels only on read idx.
Usage: /work/main/.venv/bin/python scripts/labelling/convert_d.py"""
import json, sys, os, re
sys.path.insert(0, os.path.dirname(__file__))
from common_b import load, IND, SIDES, CSIDES, SOURCE_TYPES, sha12, reserved
import select_d
H = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(H))
pool = [json.loads(l) for l in open(os.path.join(ROOT, "gold/train/pool_d.jsonl"))]
ST = {"n": "news", "o": "official", "t": "testimony", "a": "analysis", "f": "finance"}
DEF = {"nyt-guardian-407": "news"}
tok = select_d.gold_tokens()
off, txt = select_d.taken()
texts = {}
for c in {p["corpus"] for p in pool}:
    texts.update({(c, d["id"]): d["text"] for d in load(c)})
read, ans = set(), {}
for ln in open(os.path.join(H, "answers_d.txt")):
    ln = ln.rstrip("\n")
    if not ln.strip() or ln.startswith("//"): continue
    if ln.startswith("read "):
        a, b = map(int, ln.split()[1].split("-")); read.update(range(a, b + 1)); continue
    note = None
    if "#" in ln: ln, note = ln.split("#", 1); note = note.strip()
    parts = [x.strip() for x in ln.split(";")]
    head = parts[0].split()
    idx = int(head[0]); assert idx not in ans, f"idx {idx} answered twice"
    ans[idx] = (head[1] if len(head) > 1 else None, parts[1:], note)
assert set(ans) <= read, sorted(set(ans) - read)
assert read <= set(range(len(pool))), "read beyond the pool"
out, dropped = [], []
for idx in sorted(read):
    p = pool[idx]
    assert p["idx"] == idx
    if p["id"] in tok:  # named by a gold file after the pool was drawn (main's gold keeps growing): left out
        dropped.append((idx, p["id"])); continue
    st_code, labs, note = ans.get(idx, (None, [], None))
    st = ST[st_code] if st_code else DEF.get(p["corpus"], "official")
    labels = []
    for lab in labs:
        spec, claim = lab.split("|")
        w = spec.split()
        code, side, flags = w[0], w[1], set()
        rest = w[2:]
        while rest and rest[0] in ("h", "x"): flags.add(rest.pop(0))
        claimant = " ".join(rest)
        assert code in IND and side in SIDES and claim.strip() in CSIDES and claimant, (idx, lab)
        labels.append(dict(indicator=IND[code], subject_side=side, hedged="h" in flags, negated="x" in flags,
                           claimant=claimant, claimant_side=claim.strip()))
    assert len({(l["indicator"], l["subject_side"]) for l in labels}) == len(labels), (idx, "duplicate label")
    t = texts[(p["corpus"], p["id"])]
    assert 0 <= p["start"] < p["end"] <= len(t) and sha12(t[p["start"]:p["end"]]) == p["sha1"], idx
    assert not reserved(p["corpus"], p["id"]) and p["id"] not in tok, (idx, "split / gold document")
    assert (p["corpus"], p["id"], p["start"], p["end"]) not in off and p["sha1"] not in txt, (idx, "already in a-c")
    assert st in SOURCE_TYPES
    r = dict(corpus=p["corpus"], id=p["id"], start=p["start"], end=p["end"], sha1=p["sha1"], source_type=st,
             selection=p["selection"], annotator="d", labels=labels, pool_idx=idx, block=p["block"])
    if note: r["note"] = note
    out.append(r)
with open(os.path.join(ROOT, "gold/train/indicators_train_d.jsonl"), "w") as f:
    for r in out: f.write(json.dumps(r) + "\n")
if dropped:
    print(len(dropped), "read sentences left out: their document is now named by a gold file:",
          sorted({d for _, d in dropped}))
print(len(out), "sentences,", sum(1 for r in out if r["labels"]), "positive,", sum(len(r["labels"]) for r in out),
      "labels; all valid")
