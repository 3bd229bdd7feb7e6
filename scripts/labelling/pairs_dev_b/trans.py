"""Print translation candidates (uk item, en address) for reading: both texts in full, paragraphs numbered, and the
numbers of each text in order (labeller's aid for checking dates, numbers and order).  python3 trans.py 621,622"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(Path(__file__).parent))
from show import docs_for  # noqa: E402

cands = [json.loads(l) for l in open(ROOT / "gold/stories/candidates_dev_b.jsonl", encoding="utf-8")]
sel = [(int(i), cands[int(i)]) for i in sys.argv[1].split(",")]
docs = docs_for({c[x] for _, c in sel for x in ("a", "b")})
for n, c in sel:
    print(f"\n######## {n} {c['pool']} score={c['j']} days={c['days']}")
    for side in ("a", "b"):
        d = docs[c[side]]
        print(f"--- {side.upper()} {d['id']} | {d['date']} | {d['source']} | {d['lang']} | {len(d['text'])} chars")
        print("TITLE:", d.get("title"))
        print("NUMBERS:", " ".join(re.findall(r"\d+", d["text"])))
        for k, p in enumerate(d["text"].split("\n")):
            print(f"[{k}] {p}")
