"""Line diff of the two texts of candidates (labeller's aid for copy pairs): python3 diff.py 4,5,6"""
import difflib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(Path(__file__).parent))
from show import docs_for  # noqa: E402

cands = [json.loads(l) for l in open(ROOT / "gold/stories/candidates_dev_b.jsonl", encoding="utf-8")]
sel = [(int(i), cands[int(i)]) for i in sys.argv[1].split(",")]
docs = docs_for({c[x] for _, c in sel for x in ("a", "b")})
for n, c in sel:
    a, b = docs[c["a"]], docs[c["b"]]
    print(f"\n######## {n} {c['pool']} j={c['j']} | A {a['id']} {a['date']} {a['source']} {len(a['text'])} | "
          f"B {b['id']} {b['date']} {b['source']} {len(b['text'])}")
    print("TITLES:", a.get("title"), "||", b.get("title"))
    sa = a["text"].replace(". ", ".\n").splitlines()
    sb = b["text"].replace(". ", ".\n").splitlines()
    for line in difflib.unified_diff(sa, sb, lineterm="", n=0):
        if line.startswith(("---", "+++")):
            continue
        print(line[:400])
