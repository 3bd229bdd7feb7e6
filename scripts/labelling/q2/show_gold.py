"""Print the quotes of an offset-only quotes gold file with their text (terminal only)."""
import json
import sys

from show_doc import load

path = sys.argv[1]
want = set(sys.argv[2:])
for line in open(path, encoding="utf-8"):
    doc = json.loads(line)
    if want and doc["id"] not in want:
        continue
    text = load(doc["id"])["text"]
    print("=====", doc["id"])
    for i, q in enumerate(doc["quotes"]):
        sp = text[q["speaker_start"]:q["speaker_end"]] if q.get("speaker_start") is not None else None
        print(f"{i:2d} {q['kind']:8s} [{q['start']}:{q['end']}] «{text[q['start']:q['end']]}»\n"
              f"     spk={q['speaker']!r} mention={sp!r} {q['speaker_role']}/{q['side']}/{q['channel']} via={q['via']} cont={q['continues']}")
