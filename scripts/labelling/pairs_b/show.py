"""Print candidate pairs of gold/stories/candidates_b.jsonl by index, both texts in full (labeller's eyes only).

    python3 scripts/labelling/pairs_b/show.py 0 10          # candidates 0..9
    python3 scripts/labelling/pairs_b/show.py 5 6 --max 4000  # cut each text at 4000 chars (marked)
"""
import json
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPORA = Path("/work/shared/data/corpora")


def docs_for(ids):
    out = {}
    for f in CORPORA.glob("*.jsonl"):
        for line in open(f, encoding="utf-8"):
            d = json.loads(line)
            if d["id"] in ids:
                out[d["id"]] = d
    return out


signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def main():
    args = sys.argv[1:]
    mx = None
    args = [a for a in args if a not in ("--once", "--more", "--reuters")]
    if "--max" in args:
        k = args.index("--max"); mx = int(args[k + 1]); del args[k:k + 2]
    lo, hi = int(args[0]), int(args[1])
    name = ("candidates_b_more.jsonl" if "--more" in sys.argv else
            "candidates_b_reuters.jsonl" if "--reuters" in sys.argv else "candidates_b.jsonl")
    cands = [json.loads(l) for l in open(ROOT / "gold/stories" / name, encoding="utf-8")]
    sel = list(enumerate(cands))[lo:hi]
    docs = docs_for({c[x] for _, c in sel for x in ("a", "b")})
    seen = set()
    for n, c in sel:
        print(f"\n######## {n} {c['pool']} {c['corpora']} j={c.get('j')} jn={c.get('jn')} days={c.get('days')}")
        for side in ("a", "b"):
            d = docs[c[side]]
            t = d["text"]
            if "--once" in sys.argv and d["id"] in seen:
                print(f"--- {side.upper()} {d['id']} (printed above in this batch)")
                continue
            seen.add(d["id"])
            cut = mx and len(t) > mx
            print(f"--- {side.upper()} {d['id']} | {d['date']} | {d['source']} | {d['lang']} | {len(t)} chars")
            if d.get("title"):
                print("TITLE:", d["title"])
            print(t[:mx] + ("\n[...CUT...]" if cut else "") if mx else t)


if __name__ == "__main__":
    main()
