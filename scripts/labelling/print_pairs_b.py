#!/usr/bin/env python3
"""Print pairs of gold/stories/second_pass_b_ids.txt (second labelling pass b) for reading.

Usage: print_pairs_b.py FIRST [LAST] [--max N] [--diff]
Pairs are numbered from 1 in file order. Prints both documents with id, source, date, title, length and text
(cut at --max characters, default 3000; 0 = whole). --diff adds a word-level difference summary (difflib),
a reading aid only. Deterministic; reads /work/shared/data/corpora/*.jsonl.
"""
import argparse, difflib, glob, json, os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPORA = "/work/shared/data/corpora"


def load_pairs():
    pairs = []
    with open(os.path.join(ROOT, "gold", "stories", "second_pass_b_ids.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                a, b = line.split("\t")
                pairs.append((a, b))
    return pairs


def load_docs(ids):
    docs = {}
    for path in sorted(glob.glob(os.path.join(CORPORA, "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d["id"] in ids:
                    docs[d["id"]] = d
    return docs


def show(d, mx):
    t = d["text"]
    print(f"  id={d['id']}  source={d.get('source')}  date={d.get('date')}  lang={d.get('lang')}  chars={len(t)}")
    print(f"  title={d.get('title')}")
    print("  ---")
    print(t if not mx or len(t) <= mx else t[:mx] + f"\n  [... {len(t) - mx} more chars]")


def diff(a, b):
    wa, wb = a["text"].split(), b["text"].split()
    sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    print(f"  DIFF words a={len(wa)} b={len(wb)} ratio={sm.ratio():.3f}")
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        print(f"   {op}: a[{i1}:{i2}] {' '.join(wa[i1:i2])[:300]!r} -> b[{j1}:{j2}] {' '.join(wb[j1:j2])[:300]!r}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("first", type=int)
    ap.add_argument("last", type=int, nargs="?")
    ap.add_argument("--max", type=int, default=3000)
    ap.add_argument("--diff", action="store_true")
    args = ap.parse_args()
    pairs = load_pairs()
    last = args.last or args.first
    sel = list(range(args.first, last + 1))
    docs = load_docs({x for n in sel for x in pairs[n - 1]})
    for n in sel:
        a, b = pairs[n - 1]
        print(f"===== PAIR {n} =====")
        for side, i in (("A", a), ("B", b)):
            print(f" [{side}]")
            if i in docs:
                show(docs[i], args.max)
            else:
                print(f"  MISSING {i}")
        if args.diff and a in docs and b in docs:
            diff(docs[a], docs[b])
        print()


if __name__ == "__main__":
    main()
