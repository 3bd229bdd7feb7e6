"""Print candidate pairs of gold/stories/candidates_dev_b.jsonl by index, both texts (labeller's eyes only).

    python3 scripts/labelling/pairs_dev_b/show.py 0 10            # candidates 0..9
    python3 scripts/labelling/pairs_dev_b/show.py 0 10 --max 3000 # cut each text at 3000 chars (marked)
    python3 scripts/labelling/pairs_dev_b/show.py --idx 3,7,12    # these candidates
    python3 scripts/labelling/pairs_dev_b/show.py --pair ID_A ID_B
"""
import json
import re
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPORA = Path("/work/shared/data/corpora")
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
STOP = {"President", "Ukraine", "Ukrainian", "Volodymyr", "Zelenskyy", "Office", "Prime", "Minister", "Address",
        "Speech", "Remarks", "Statement", "Readout", "Republic", "Russia", "Russian", "With", "Held", "Head", "About"}


def docs_for(ids):
    out = {}
    for f in CORPORA.glob("*.jsonl"):
        for line in open(f, encoding="utf-8"):
            d = json.loads(line)
            if d["id"] in ids:
                out[d["id"]] = d
    return out


def main():
    args = sys.argv[1:]
    mx = None
    paras = None
    if "--paras" in args:  # print each paragraph cut at N chars (marked), to see what a long text covers
        k = args.index("--paras"); paras = int(args[k + 1]); del args[k:k + 2]
    if "--max" in args:
        k = args.index("--max"); mx = int(args[k + 1]); del args[k:k + 2]
    name = "candidates_dev_b.jsonl"
    if "--file" in args:  # another candidate file of gold/stories (candidates_dev_b_more.jsonl, ..._event.jsonl)
        k = args.index("--file"); name = args[k + 1]; del args[k:k + 2]
    cands = [json.loads(l) for l in open(ROOT / "gold/stories" / name, encoding="utf-8")]
    if args[0] == "--idx":
        sel = [(int(i), cands[int(i)]) for i in args[1].split(",")]
    elif args[0] == "--pair":
        sel = [("+", {"pool": "hand", "corpora": "", "a": args[1], "b": args[2]})]
    else:
        sel = list(enumerate(cands))[int(args[0]):int(args[1])]
    docs = docs_for({c[x] for _, c in sel for x in ("a", "b")})
    for n, c in sel:
        print(f"\n######## {n} {c['pool']} {c.get('corpora', '')} j={c.get('j')} jn={c.get('jn')} days={c.get('days')}")
        for side in ("a", "b"):
            d = docs[c[side]]
            t = d["text"]
            cut = mx and len(t) > mx
            print(f"--- {side.upper()} {d['id']} | {d['date']} | {d['source']} | {d['lang']} | {len(t)} chars")
            if d.get("title"):
                print("TITLE:", d["title"])
            if paras and len(t) > 2500:
                other = docs[c["b" if side == "a" else "a"]]
                names = {w for w in re.findall(r"\b[A-Z][\w'-]{3,}\b", other.get("title") or "") if w not in STOP}
                for k, p in enumerate(t.split("\n")):
                    if any(n in p for n in names):  # paragraphs naming someone of the other title: in full
                        print(f"[{k}*] {p}")
                    else:
                        print(f"[{k}] {p[:paras]}{' [..]' if len(p) > paras else ''}")
                continue
            print(t[:mx] + ("\n[...CUT...]" if cut else "") if mx else t)


if __name__ == "__main__":
    main()
