"""labels_raw_dev_b.txt -> gold/stories/pairs_dev_b.jsonl, with checks; prints counts (stats for the README).

Sheet lines: `<candidate index> <letter>  # note` (index into gold/stories/candidates_dev_b.jsonl) or
`+ <id a> <id b> <letter>  # note` (a pair picked by hand); `e<index>` / `m<index>`: a row of
candidates_dev_b_event.jsonl / candidates_dev_b_more.jsonl. Letters: D duplicate, U update, A abridged, R rewrite,
T translation, E same_event, h unrelated and hard, u unrelated not hard, x undecidable (left out).
Checks: ids exist; no id is named by any other file of gold/stories/; no pair repeated; letters valid.
"""
import json
import re
import signal
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
ST = ROOT / "gold/stories"
CORPORA = Path("/work/shared/data/corpora")
LAB = {"D": "duplicate", "U": "update", "A": "abridged", "R": "rewrite", "T": "translation", "E": "same_event",
       "h": "unrelated", "u": "unrelated"}
OWN = {"candidates_dev_b.py", "candidates_dev_b.jsonl", "candidates_dev_b_more.jsonl", "candidates_dev_b_event.jsonl", "labels_raw_dev_b.txt", "pairs_dev_b.jsonl", "README.md"}
signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def main():
    docs = {}
    for f in CORPORA.glob("*.jsonl"):
        for line in open(f, encoding="utf-8"):
            d = json.loads(line)
            docs[d["id"]] = (f.stem, d.get("lang"), d.get("date"))
    used = set()
    for p in ST.iterdir():
        if p.is_file() and p.name not in OWN:
            for tok in re.findall(r"[\w:/.\-]+", p.read_text(encoding="utf-8")):
                for t in (tok, tok.rstrip(".:-/")):
                    if t in docs:
                        used.add(t)
    cands = [json.loads(l) for l in open(ST / "candidates_dev_b.jsonl", encoding="utf-8")]
    extra = {p: [json.loads(l) for l in open(ST / f, encoding="utf-8")] if (ST / f).exists() else []
             for p, f in (("e", "candidates_dev_b_event.jsonl"), ("m", "candidates_dev_b_more.jsonl"))}
    out, seen, errs, meta = [], set(), [], []
    nx = 0
    for ln, line in enumerate(open(ST / "labels_raw_dev_b.txt", encoding="utf-8"), 1):
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        parts = body.split()
        if parts[0] == "+":
            a, b, L = parts[1], parts[2], parts[3]
            src = "hand"
        else:
            c = extra[parts[0][0]][int(parts[0][1:])] if parts[0][0] in extra else cands[int(parts[0])]
            a, b, L = c["a"], c["b"], parts[1]
            src = c["pool"]
        key = tuple(sorted((a, b)))
        if key in seen or a == b:
            errs.append(f"line {ln}: repeated pair {key}")
        seen.add(key)
        if L == "x":
            nx += 1
            continue
        if L not in LAB:
            errs.append(f"line {ln}: bad letter {L}")
            continue
        for i in (a, b):
            if i not in docs:
                errs.append(f"line {ln}: unknown id {i}")
            if i in used:
                errs.append(f"line {ln}: id named in another gold/stories file {i}")
        row = {"a": key[0], "b": key[1], "label": LAB[L]}
        if row["label"] == "unrelated":
            row["hard"] = L == "h"
        out.append(row)
        meta.append((row, src))
    if errs:
        print("\n".join(errs), file=sys.stderr)
        sys.exit(1)
    with open(ST / "pairs_dev_b.jsonl", "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    lab = Counter(r["label"] + ("/hard" if r.get("hard") else "/easy" if "hard" in r else "") for r in out)
    print(len(out), "pairs;", nx, "x left out;", dict(sorted(lab.items())))
    cor, lang, srcs = Counter(), Counter(), Counter()
    for r, src in meta:
        ca, cb = docs[r["a"]][0], docs[r["b"]][0]
        L = r["label"] + ("/hard" if r.get("hard") else "/easy" if "hard" in r else "")
        cor[(" + ".join(sorted({ca, cb})), L)] += 1
        lang[("-".join(sorted((docs[r["a"]][1], docs[r["b"]][1]))), L)] += 1
        srcs[(src, L)] += 1
    for name, c in (("corpus", cor), ("language", lang), ("candidate pool", srcs)):
        print(f"\nby {name}:")
        for k, v in sorted(c.items()):
            print(f"  {k[0]:60s} {k[1]:16s} {v}")


if __name__ == "__main__":
    main()
