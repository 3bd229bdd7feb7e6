"""Blind relabelling sheet of session 14 (issue 16, h-stories11): the pairs of gold/stories/pairs_dev.jsonl labelled
same_event, rewrite or update (all 41), plus a seeded 20% of pairs_dev_b.jsonl's same_event and rewrite pairs (15 of
75, seed 1611), shuffled together (seed 16112) and shown WITHOUT their labels and without running the grouping stage.
`show.py list` prints the order (Q number, split, line index of the pair in its file); `show.py FROM TO [CHARS]` prints
the two texts (date, source, title, first CHARS characters) of Q numbers FROM..TO-1. The labels typed from this are in
sheet.txt; convert.py turns them into the gold files."""
import glob
import json
import os
import random
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
CORPORA = os.path.join(ROOT, "..", "shared", "data", "corpora")


def _load(name, labels, tag):
    out = []
    with open(os.path.join(ROOT, "gold", "stories", name), encoding="utf-8") as f:
        for i, line in enumerate(f):
            p = json.loads(line)
            if p["label"] in labels:
                out.append((tag, i, p))
    return out


def order():
    """[(split, line index, pair)] in the sheet's order."""
    dev = _load("pairs_dev.jsonl", {"same_event", "rewrite", "update"}, "dev")
    devb = _load("pairs_dev_b.jsonl", {"same_event", "rewrite"}, "devb")
    sample = sorted(random.Random(1611).sample(devb, round(len(devb) * 0.2)), key=lambda t: t[1])
    items = dev + sample
    random.Random(16112).shuffle(items)
    return items


def main(argv):
    items = order()
    if argv[0] == "list":
        for n, (tag, i, _) in enumerate(items):
            print(n, tag, i)
        return
    need = {x for _, _, p in items for x in (p["a"], p["b"])}
    docs = {}
    for path in glob.glob(os.path.join(CORPORA, "*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d["id"] in need:
                    docs[d["id"]] = d
    lim = int(argv[2]) if len(argv) > 2 else 1500
    for n in range(int(argv[0]), int(argv[1])):
        tag, i, p = items[n]
        print(f"######## Q{n} ({tag}:{i})")
        for k in "ab":
            d = docs[p[k]]
            t = d["text"]
            print(f"--- {k.upper()} {d['id']} | {d['date']} | {d['source'][:40]} | len {len(t)}\nTITLE: {d['title']}\n"
                  f"{t[:lim]}{' [...]' if len(t) > lim else ''}")


if __name__ == "__main__":
    main(sys.argv[1:])
