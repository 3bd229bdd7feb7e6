"""Round 2 (pool_ruuk_c.jsonl): print pool sentences of one half (C or D) in pool order, for reading (no system output is shown).
Usage: show_ra.py HALF FROM TO [--every10]   (--every10: only pool_idx % 10 == 0, the agreement subset)"""
import json
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
CORP = os.path.join(ROOT, "..", "shared", "data", "corpora")


def main():
    half, a, b = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    every10 = "--every10" in sys.argv
    pool = [json.loads(x) for x in open(os.path.join(ROOT, "gold", "train", "ruuk", "pool_ruuk_c.jsonl"))]
    docs = {}
    for c in {p["corpus"] for p in pool}:
        for x in open(os.path.join(CORP, c + ".jsonl")):
            d = json.loads(x)
            docs[d["id"]] = d
    last = None
    for p in pool:
        if p["half"] != half or not a <= p["pool_idx"] <= b or (every10 and p["pool_idx"] % 10):
            continue
        d = docs[p["id"]]
        if p["id"] != last:
            src = (d.get("source") or "").replace(" (compiled by resistinua, github:Amice13/resistinua)", "")
            print(f"\n=== {p['id']} | {src} | {(d.get('date') or '')[:10]} | {len(d['text'])} chars")
            last = p["id"]
        print(f"{p['pool_idx']} [b{p['block']}] {d['text'][p['start']:p['end']]}".replace("\n", " / "))


if __name__ == "__main__":
    main()
