#!/usr/bin/env python3
"""Convert gold/stories/second_pass_b_raw.txt (N<TAB>label<TAB>reason, one line per pair of
gold/stories/second_pass_b_ids.txt in file order) to gold/stories/second_pass_b.jsonl ({"a","b","label"}).

Checks: numbers run 1..n without gaps, labels in the README's set (or x, which needs a reason), both ids exist in
/work/shared/data/corpora/*.jsonl, a != b. Writes only ids and labels (no text). Deterministic.
"""
import glob, json, os, sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LABELS = {"duplicate", "update", "abridged", "rewrite", "translation", "same_event", "unrelated", "x"}


def main():
    pairs = [tuple(l.rstrip("\n").split("\t")) for l in open(os.path.join(ROOT, "gold", "stories", "second_pass_b_ids.txt"), encoding="utf-8") if l.strip()]
    ids = set()
    for p in glob.glob("/work/shared/data/corpora/*.jsonl"):
        for line in open(p, encoding="utf-8"):
            ids.add(json.loads(line)["id"])
    out, errs = [], []
    raw = [l.rstrip("\n") for l in open(os.path.join(ROOT, "gold/stories/second_pass_b_raw.txt"), encoding="utf-8") if l.strip()]
    for k, line in enumerate(raw, 1):
        parts = line.split("\t")
        if len(parts) != 3:
            errs.append(f"line {k}: expected 3 tab fields"); continue
        n, label, reason = parts
        if int(n) != k:
            errs.append(f"line {k}: number {n} out of order")
        if label not in LABELS:
            errs.append(f"line {k}: bad label {label}")
        if not reason.strip():
            errs.append(f"line {k}: empty reason")
        a, b = pairs[int(n) - 1]
        if a not in ids or b not in ids or a == b:
            errs.append(f"line {k}: bad ids {a} {b}")
        out.append({"a": a, "b": b, "label": label})
    if errs:
        print("\n".join(errs)); sys.exit(1)
    with open(os.path.join(ROOT, "gold/stories/second_pass_b.jsonl"), "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(out)} of {len(pairs)} pairs written")
    for lab, c in sorted(Counter(r["label"] for r in out).items()):
        print(f"  {lab}: {c}")


if __name__ == "__main__":
    main()
