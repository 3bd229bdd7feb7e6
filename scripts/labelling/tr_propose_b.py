"""Draft turn boundaries for the second held-out set (scripts/labelling/trb/selected.jsonl), an annotation aid only:
the first annotator's loose patterns (tr_propose.py; not the product's code), the same region rule (turns ending at
or before character 6,000; at least the first two turns). Writes scripts/labelling/trb/draft.txt in the answers
format of tr_convert.py; every line is then checked by hand and copied to trb/answers.txt with my decisions."""

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tr_propose as P  # noqa: E402

# the first set's White House pattern took only ASCII capitals, which missed "PRESIDENT NIINISTÖ:"; same pattern with
# any upper-case letter
P.WH_LINE = re.compile(r"^(?:(Q)(?= )|([^\W\d_a-z][^\Wa-z\d_]*(?:[ .'’\-]+[^\W\d_a-z][^\Wa-z\d_]*)*\.?):(?= |$))", re.M)
ROOT = Path(__file__).resolve().parents[2]
TRB = ROOT / "scripts/labelling/trb"


def main():
    docs = P.load()
    sel = [json.loads(x) for x in open(TRB / "selected.jsonl")]
    if (TRB / "selected2.jsonl").exists():
        sel += [json.loads(x) for x in open(TRB / "selected2.jsonl")]
    out = []
    for r in sel:
        if r["pick"] not in ("main", "phase2"):
            continue
        text = docs[r["id"]]["text"]
        turns = P.wh_turns(text) if r["source"] == "whitehouse" else P.kr_turns(text)
        keep = P.region(turns)
        end = keep[-1][3] if keep else 0
        out.append(f"=== {r['id']} | {r['kind']} | n{r['n']} {r['subkind']} region {end}")
        for lab in dict.fromkeys(text[a:b] for a, b, _, _ in keep):
            out.append(f"MAP {lab} => ? | ? | ?")
        for a, b, s, e in keep:
            out.append(f"T {a} {b} {s} {e}    # {text[a:b]} ({len(text[s:e].split())} words)")
        out.append("")
    (TRB / "draft.txt").write_text("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
