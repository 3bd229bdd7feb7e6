"""Draft turns of the dev_b documents (an aid for labelling, my own loose patterns, not the product's code):
line-initial upper-case labels (``MS. JEAN-PIERRE:``, ``PRESIDENT BIDEN:``) and ``Q``; a turn runs to the last
speech line before the next label; a stage note at a turn's edge ("(Laughter.)") and lines that are only a stage note,
a time or ``END`` are outside. Writes dev_b/draft.json; ``review.py`` prints it for reading.

Run from the repository root: python gold/transcripts/dev_b/propose.py
"""

import json
import re
from pathlib import Path

HERE = Path(__file__).parent
CORPUS = Path("/work/shared/data/corpora/whitehouse-ukraine-en.jsonl")
LABEL = re.compile(r"(?m)^(?:(Q)(?=[ \t]|$)|([A-Z][A-Z.'’ \-ÁÉÍÓÚÖÜŠŽĖČ]{1,60}?)[ \t]*:)")
NOTE = r"[(\[][^()\[\]\n]{1,80}[)\]]"
NOT_SPEECH = re.compile(rf"(?m)^[ \t]*(?:{NOTE}[ \t]*)+$|^[ \t]*END[ \t]*[\d:.APMESTD ]*$|^[ \t]*\d{{1,2}}:\d\d [AP]\.M\. [A-Z]{{2,4}}[ \t]*$")
LEAD = re.compile(rf"^[\s:]*(?:{NOTE}\s*)*")
TRAIL = re.compile(rf"(?:\s*{NOTE})*\s*$")
REGION = 6000


def turns(text: str) -> list[dict]:
    labs = list(LABEL.finditer(text))
    out = []
    for k, m in enumerate(labs):
        nxt = labs[k + 1].start() if k + 1 < len(labs) else len(text)
        body = text[m.end():nxt]
        # cut lines that are not speech at the end (notes, END, time)
        lines = body.split("\n")
        while len(lines) > 1 and (not lines[-1].strip() or NOT_SPEECH.fullmatch(lines[-1])):
            lines.pop()
        body = "\n".join(lines)
        lead = LEAD.match(body).end()
        trail = TRAIL.search(body[lead:]).start() + lead if body[lead:].strip() else len(body)
        start, end = m.end() + lead, m.end() + trail
        if end <= start:  # a turn that is only a note: the note is the span
            start, end = m.end() + len(body) - len(body.lstrip(" \t:")), m.end() + len(body.rstrip())
        lab_end = m.end(1) if m.group(1) else m.end(2)
        out.append({"label_start": m.start(), "label_end": lab_end, "label": text[m.start():lab_end],
                    "start": start, "end": end})
    keep = [t for t in out if t["end"] <= REGION]
    if len(keep) < 2:
        keep = out[:2]
    else:
        keep = out[:len(keep)] if all(t["end"] <= REGION for t in out[:len(keep)]) else keep
    return keep


def main() -> None:
    ids = [json.loads(line)["id"] for line in open(HERE / "selected.jsonl") if json.loads(line)["pick"] in ("main", "phase2")]
    docs = {}
    for line in open(CORPUS):
        d = json.loads(line)
        if d["id"] in ids:
            docs[d["id"]] = d
    draft = {i: turns(docs[i]["text"]) for i in ids}
    (HERE / "draft.json").write_text(json.dumps(draft, indent=1))
    print({i.split("/")[-1][:40]: len(t) for i, t in draft.items()})


if __name__ == "__main__":
    main()
