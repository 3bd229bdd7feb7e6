"""Print each unit of a converted file with its span and mention in context (terminal only). Usage: check.py OUT [ID]"""
import json
import sys

sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/qru")
from common import CORPORA, load  # noqa: E402

docs = {}
for c in CORPORA:
    docs.update(load(c))
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    if len(sys.argv) > 2 and d["id"] not in sys.argv[2:]:
        continue
    t = docs[d["id"]]["text"]
    print("==", d["id"])
    for i, q in enumerate(d["quotes"]):
        m = t[q["speaker_start"]:q["speaker_end"]] if q["speaker_start"] is not None else None
        print(f"{i:2d} {q['kind'][:3]} [{q['start']}:{q['end']}] {t[q['start']:q['end']][:70]!r}..{t[q['start']:q['end']][-25:]!r}"
              f" <{m}@{q['speaker_start']}> {q['speaker']} {q['speaker_role']} {q['side']} {q['channel']} {q['via']} {q['continues']}")
