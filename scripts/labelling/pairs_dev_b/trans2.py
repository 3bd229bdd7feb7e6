"""Translation candidates, interleaved: paragraph k of A then paragraph k of B (each cut at --cut chars, marked),
and both number sequences. Labeller's aid for checking order, names and numbers.  python3 trans2.py 623,624 --cut 350"""
import json
import re
import sys
from itertools import zip_longest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(Path(__file__).parent))
from show import docs_for  # noqa: E402

cut = int(sys.argv[sys.argv.index("--cut") + 1]) if "--cut" in sys.argv else 350
cands = [json.loads(l) for l in open(ROOT / "gold/stories/candidates_dev_b.jsonl", encoding="utf-8")]
sel = [(int(i), cands[int(i)]) for i in sys.argv[1].split(",")]
docs = docs_for({c[x] for _, c in sel for x in ("a", "b")})
for n, c in sel:
    a, b = docs[c["a"]], docs[c["b"]]
    print(f"\n######## {n} {c['pool']} score={c['j']} days={c['days']}")
    for s, d in (("A", a), ("B", b)):
        print(f"{s} {d['id']} | {d['date']} | {d['lang']} | {len(d['text'])} chars | {d.get('title')}")
        print(f"{s} NUMBERS:", " ".join(re.findall(r"\d+", d["text"])))
    pa = [p for p in a["text"].split("\n") if p.strip()]
    pb = [p for p in b["text"].split("\n") if p.strip()]
    print(f"paragraphs: {len(pa)} / {len(pb)}")
    for k, (x, y) in enumerate(zip_longest(pa, pb, fillvalue="")):
        print(f"[{k}A] {x[:cut]}{' [..]' if len(x) > cut else ''}")
        print(f"[{k}B] {y[:cut]}{' [..]' if len(y) > cut else ''}")
