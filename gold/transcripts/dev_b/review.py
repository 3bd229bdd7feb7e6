"""Print dev_b drafts for reading: title, the text before the first label, every turn (label, offsets, its first
and last words), the text between turns (must be empty, notes or END), and every line inside a span that starts like
a label or with ``Q`` or holds a colon in its first 40 characters (a label the draft missed?).

Run from the repository root: python gold/transcripts/dev_b/review.py [N ...]
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
CORPUS = Path("/work/shared/data/corpora/whitehouse-ukraine-en.jsonl")
SUSPECT = re.compile(r"(?m)^(?:Q\b|[^\n]{0,40}:|[A-Z][A-Z. ]{3,}\b)[^\n]{0,60}")


def main() -> None:
    draft = json.loads((HERE / "draft.json").read_text())
    docs = {}
    for line in open(CORPUS):
        d = json.loads(line)
        if d["id"] in draft:
            docs[d["id"]] = d
    only = {int(a) for a in sys.argv[1:]}
    for n, (i, ts) in enumerate(draft.items()):
        if only and n not in only:
            continue
        text = docs[i]["text"]
        print(f"\n##### {n} {i}\nTITLE {docs[i]['title']}\nHEAD {text[:ts[0]['label_start']]!r}")
        prev = ts[0]["label_start"]
        for k, t in enumerate(ts):
            gap = text[prev:t["label_start"]]
            if gap.strip():
                print(f"   GAP {gap!r}")
            span = text[t["start"]:t["end"]]
            print(f" [{k}] {t['label']!r} {t['start']}-{t['end']} between={text[t['label_end']:t['start']]!r}")
            print(f"      {span[:160]!r}" + (f" ... {span[-100:]!r}" if len(span) > 160 else ""))
            for m in SUSPECT.finditer(span):
                if m.start() > 0:
                    print(f"      ? {m.group()!r}")
            prev = t["end"]
        after = text[ts[-1]["end"]:ts[-1]["end"] + 200]
        print(f"   AFTER {after!r}")


if __name__ == "__main__":
    main()
