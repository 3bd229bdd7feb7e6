"""Annotator rc's text-free answers -> JSONL, with validation of every line (round 2, pool_ruuk_c.jsonl).

    PYTHONPATH=src python scripts/labelling/ruuk_train/convert_rc.py            # half C -> indicators_train_ruuk_c.jsonl
    PYTHONPATH=src python scripts/labelling/ruuk_train/convert_rc.py --on-d     # every 10th of half D -> agreement/rc_on_d.jsonl

The answer format and every check are round 1's (convert_ra.py, whose parser is imported): "read A-B" declares
pool_idx A..B read (a read sentence without a label line is a negative); label lines
    IDX [n|o|t|a|x] ; CODE SIDE [h] [x] [t] claimant|claimant_side ; ... [# note]
Checks: labels only on read idx, identifiers and sides valid, offsets in bounds, sha1 equal to the pool's and to the
corpus text, training side of the split, document not named by a gold/ruuk indicator file, no claimant longer than
30 characters copied from the sentence, no Cyrillic in notes. --partial allows a half not yet read to the end (the
output then holds the read sentences only); without it every sentence of the half (or of its agreement subset) must
be read.
"""
import argparse
import glob
import hashlib
import importlib.util
import json
import os
import re
import sys

H = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("convert_ra", os.path.join(H, "convert_ra.py"))
RA = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(RA)
ROOT, CORP = RA.ROOT, RA.CORP


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--on-d", action="store_true", help="the agreement subset of half D")
    ap.add_argument("--partial", action="store_true", help="allow unread sentences (work in progress)")
    args = ap.parse_args()
    half = "D" if args.on_d else "C"
    src = os.path.join(H, "answers_rc_on_d.txt" if args.on_d else "answers_rc.txt")
    out_path = os.path.join(ROOT, "gold", "train", "ruuk",
                            "agreement/rc_on_d.jsonl" if args.on_d else "indicators_train_ruuk_c.jsonl")
    pool = {p["pool_idx"]: p for p in map(json.loads, open(os.path.join(ROOT, "gold", "train", "ruuk", "pool_ruuk_c.jsonl"),
                                                           encoding="utf-8")) if p["half"] == half}
    read, ans = RA.parse(src)
    want = {i for i in pool if i % 10 == 0} if args.on_d else set(pool)
    if args.on_d:
        assert all(i % 10 == 0 for i in ans), "labels only on every 10th idx"
        read = {i for i in read if i % 10 == 0}
    assert read <= set(pool), f"read idx not in half {half}: {sorted(read - set(pool))[:10]}"
    if not args.partial:
        assert want <= read, f"unread idx of half {half}: {sorted(want - read)[:10]} ({len(want - read)})"
    gold = set()
    for f in glob.glob(os.path.join(ROOT, "gold", "ruuk", "indicators_*.jsonl")):
        gold.update(re.findall(r'"id": "([^"]+)"', open(f, encoding="utf-8").read()))
    a_keys = {(p["id"], p["start"]) for p in map(json.loads, open(
        os.path.join(ROOT, "gold", "train", "ruuk", "pool_ruuk_a.jsonl"), encoding="utf-8"))}
    texts = {}
    for c in {pool[i]["corpus"] for i in read}:
        for x in open(os.path.join(CORP, c + ".jsonl"), encoding="utf-8"):
            d = json.loads(x)
            texts[d["id"]] = d["text"]
    out = []
    for idx in sorted(read):
        p = pool[idx]
        t = texts[p["id"]]
        s, e = p["start"], p["end"]
        assert 0 <= s < e <= len(t), idx
        sent = t[s:e]
        assert hashlib.sha1(sent.encode()).hexdigest()[:12] == p["sha1"], f"sha1 {idx}"
        assert not RA.reserved(p["corpus"], p["id"]), f"reserved {p['id']}"
        assert p["id"] not in gold, f"in indicator gold {p['id']}"
        assert (p["id"], s) not in a_keys, f"round 1 sentence {idx}"
        st, labels, note = ans.get(idx, (None, [], None))
        for x in labels:
            assert len(x["claimant"]) <= 30 or x["claimant"] not in sent, f"claimant copies text {idx}"
        if note:
            assert not re.search("[\u0400-\u04ff]", note), f"Cyrillic (corpus text) in the note of {idx}"
        r = {"corpus": p["corpus"], "id": p["id"], "lang": p["lang"], "start": s, "end": e, "sha1": p["sha1"],
             "source_type": st or RA.DEF_ST[p["corpus"]], "selection": p["selection"], "annotator": "rc",
             "labels": labels, "pool_idx": idx, "half": half, "block": p["block"]}
        if note:
            r["note"] = note
        out.append(r)
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    with open(out_path, "w", encoding="utf-8") as fh:
        for r in out:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    pos = sum(bool(r["labels"]) for r in out)
    print(f"{os.path.relpath(out_path, ROOT)}: {len(out)} sentences, {pos} positive, "
          f"{sum(len(r['labels']) for r in out)} labels", file=sys.stderr)


if __name__ == "__main__":
    main()
