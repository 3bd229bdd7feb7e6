"""labels_raw_b.txt -> gold/stories/pairs_heldout_b.jsonl, with checks; prints counts.

Sheet lines: `<candidate index> <letter>  # note` (candidate of gold/stories/candidates_b.jsonl; `m<index>`: of
candidates_b_more.jsonl; `r<index>`: of candidates_b_reuters.jsonl) or
`+ <id a> <id b> <letter>  # note` (a pair picked by hand, see the README). Letters: D duplicate, U update,
A abridged, R rewrite, T translation, E same_event, h unrelated and hard, u unrelated not hard, x undecidable (left out).
"""
import json
import signal
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
ST = ROOT / "gold/stories"
CORPORA = Path("/work/shared/data/corpora")
LAB = {"D": "duplicate", "U": "update", "A": "abridged", "R": "rewrite", "T": "translation", "E": "same_event",
       "h": "unrelated", "u": "unrelated"}
OWN = {"pairs_heldout_b.jsonl", "labels_raw_b.txt", "candidates_b.jsonl", "candidates_b.py", "candidates_b_more.jsonl",
       "candidates_b_reuters.jsonl"}


signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def main():
    docs = {}
    for f in CORPORA.glob("*.jsonl"):
        for line in open(f, encoding="utf-8"):
            d = json.loads(line)
            docs[d["id"]] = (f.stem, d.get("lang"), d.get("date"))
    used = set()
    for top in ("gold", "tests", "bench", "examples", "docs"):
        for p in (ROOT / top).rglob("*"):
            if p.is_file() and p.name not in OWN:
                try:
                    txt = p.read_text(encoding="utf-8")
                except (UnicodeDecodeError, OSError):
                    continue
                for tok in re.findall(r"[\w:/.\-]+", txt):
                    for t in (tok, tok.rstrip(".:-/")):
                        if t in docs:
                            used.add(t)
    cands = [json.loads(l) for l in open(ST / "candidates_b.jsonl", encoding="utf-8")]
    more = [json.loads(l) for l in open(ST / "candidates_b_more.jsonl", encoding="utf-8")]
    reut = [json.loads(l) for l in open(ST / "candidates_b_reuters.jsonl", encoding="utf-8")]
    out, seen, errs = [], set(), []
    meta = []
    for ln, line in enumerate(open(ST / "labels_raw_b.txt", encoding="utf-8"), 1):
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        parts = body.split()
        if parts[0] == "+":
            a, b, L = parts[1], parts[2], parts[3]
            src = "hand"
        else:
            c = (more[int(parts[0][1:])] if parts[0].startswith("m") else
                 reut[int(parts[0][1:])] if parts[0].startswith("r") else cands[int(parts[0])])
            a, b, L = c["a"], c["b"], parts[1]
            src = c["pool"]
        if L == "x":
            continue
        if L not in LAB:
            errs.append(f"line {ln}: bad letter {L}")
            continue
        for i in (a, b):
            if i not in docs:
                errs.append(f"line {ln}: unknown id {i}")
            if i in used:
                errs.append(f"line {ln}: id used elsewhere {i}")
        key = tuple(sorted((a, b)))
        if key in seen or a == b:
            errs.append(f"line {ln}: repeated pair {key}")
        seen.add(key)
        row = {"a": key[0], "b": key[1], "label": LAB[L]}
        if row["label"] == "unrelated":
            row["hard"] = L == "h"
        out.append(row)
        meta.append((row, src))
    if errs:
        print("\n".join(errs), file=sys.stderr)
        sys.exit(1)
    with open(ST / "pairs_heldout_b.jsonl", "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    lab = Counter(r["label"] + ("/hard" if r.get("hard") else "") for r in out)
    print(len(out), "pairs;", dict(sorted(lab.items())))
    cor = Counter(); lang = Counter(); srcs = Counter()
    for r, src in meta:
        ca, cb = docs[r["a"]][0], docs[r["b"]][0]
        cor[(" + ".join(sorted({ca, cb})), r["label"])] += 1
        lang[("-".join(sorted((docs[r["a"]][1], docs[r["b"]][1]))), r["label"])] += 1
        srcs[(src, r["label"])] += 1
    for name, c in (("corpus", cor), ("language", lang), ("candidate pool", srcs)):
        print(f"\nby {name}:")
        for k, v in sorted(c.items()):
            print(f"  {k[0]:55s} {k[1]:12s} {v}")


if __name__ == "__main__":
    main()
