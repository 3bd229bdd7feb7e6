"""Markdown count tables of gold/stories/pairs_dev_b.jsonl (by corpora, by languages, by candidate pool)."""
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
ST = ROOT / "gold/stories"
COLS = ["duplicate", "update", "abridged", "rewrite", "translation", "same_event", "unrelated (hard)",
        "unrelated (not hard)"]


def main():
    meta = {}
    for f in Path("/work/shared/data/corpora").glob("*.jsonl"):
        for line in open(f, encoding="utf-8"):
            d = json.loads(line)
            meta[d["id"]] = (f.stem, d["lang"])
    pairs = [json.loads(l) for l in open(ST / "pairs_dev_b.jsonl", encoding="utf-8")]
    cands = {"": [json.loads(l) for l in open(ST / "candidates_dev_b.jsonl", encoding="utf-8")],
             "e": [json.loads(l) for l in open(ST / "candidates_dev_b_event.jsonl", encoding="utf-8")]}
    if (ST / "candidates_dev_b_more.jsonl").exists():
        cands["m"] = [json.loads(l) for l in open(ST / "candidates_dev_b_more.jsonl", encoding="utf-8")]
    pool = {}
    for line in open(ST / "labels_raw_dev_b.txt", encoding="utf-8"):
        body = line.split("#", 1)[0].split()
        if not body or body[1] == "x":
            continue
        m = re.match(r"([em]?)(\d+)$", body[0])
        c = cands[m.group(1)][int(m.group(2))]
        pool[tuple(sorted((c["a"], c["b"])))] = (m.group(1) and {"e": "event_more ", "m": "more "}[m.group(1)]) + c["pool"]

    def col(p):
        return p["label"] if p["label"] != "unrelated" else ("unrelated (hard)" if p["hard"] else "unrelated (not hard)")

    for title, key in (("corpora", lambda p: " + ".join(sorted({meta[p["a"]][0], meta[p["b"]][0]}))),
                       ("languages", lambda p: "-".join(sorted((meta[p["a"]][1], meta[p["b"]][1])))),
                       ("candidate pool", lambda p: pool[(p["a"], p["b"])])):
        t = defaultdict(Counter)
        for p in pairs:
            t[key(p)][col(p)] += 1
        print(f"| {title} | " + " | ".join(COLS) + " | total |")
        print("|---|" + "---:|" * (len(COLS) + 1))
        tot = Counter()
        for k in sorted(t):
            tot.update(t[k])
            print(f"| {k} | " + " | ".join(str(t[k][c] or "") for c in COLS) + f" | {sum(t[k].values())} |")
        print("| **all** | " + " | ".join(str(tot[c] or "") for c in COLS) + f" | {sum(tot.values())} |\n")


if __name__ == "__main__":
    main()
