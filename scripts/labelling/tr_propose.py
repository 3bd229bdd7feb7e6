"""Draft turn boundaries for the selected transcripts (an annotation aid; every line is checked by hand).

Writes scripts/labelling/tr/draft.txt in the answers format read by tr_convert.py:

    === <doc id> | <kind> | <region cap>
    MAP <label as written> => <speaker or null> | <role> | <side>
    T <label_start> <label_end> <start> <end>      # <label> :: <first words> ... <last words>

and prints, per document, the places in the labelled region that look like a label but were not taken (for review).
My own loose patterns, written for this task; not the product's code.
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEL = ROOT / "scripts/labelling/tr/selected.jsonl"
CORPORA = Path("/work/shared/data/corpora")
CAP = 6000

WH_LINE = re.compile(r"^(?:(Q)(?= )|([A-Z][A-Z.'’ \-]{0,60}[A-Z.]):(?= |$))", re.M)
KR_LAB = re.compile(
    r"(?:(?<=^)|(?<=[.!?…\"”»)\]] ))((?:[A-Z][\w.'’\-]*,? |of |the |and |for |on )*?[A-Z][\w.'’\-]+)(?: \([^)]{1,40}\))?: "
)
STAGE = re.compile(r"^\s*(?:\([^)]*\)|\[[^\]]*\])\s*$")
END = re.compile(r"^\s*(?:END\b.*|# # #)\s*$")


def load():
    docs = {}
    for f in ("whitehouse-ukraine-en.jsonl", "press-releases-2022-en.jsonl"):
        for line in open(CORPORA / f):
            d = json.loads(line)
            docs[d["id"]] = d
    return docs


def trim_tail(text, s, e):
    """trim whitespace, trailing stage-note lines and END lines from [s, e)."""
    while True:
        while e > s and text[e - 1].isspace():
            e -= 1
        ls = text.rfind("\n", s, e) + 1
        if ls > s and (STAGE.match(text[ls:e]) or END.match(text[ls:e])):
            e = ls
            continue
        break
    while s < e and text[s].isspace():
        s += 1
    return s, e


def wh_turns(text):
    labs = []
    for m in WH_LINE.finditer(text):
        g = 1 if m.group(1) else 2
        labs.append((m.start(g), m.end(g), m.end()))
    turns = []
    for i, (ls, le, after) in enumerate(labs):
        nxt = labs[i + 1][0] if i + 1 < len(labs) else len(text)
        s = after + 1 if after < len(text) and text[after] in ":" else after
        s, e = trim_tail(text, s, nxt)
        turns.append((ls, le, s, e))
    return turns


SMALL = {"of", "the", "and", "for", "on", "–", "-", "in"}
ONE_WORD = {"Question", "Remark", "Reply", "Response", "Answer", "Comment"}


def kr_labels(text):
    """label = the longest run of capitalised tokens (with 'of', 'the' ... inside) right before ': ' or ':…'."""
    labs = []
    for m in re.finditer(r"(?:\s\([^)]{1,40}\))?:(?= |…|\()", text):
        toks = []
        pos = m.start()
        for t in reversed(list(re.finditer(r"\S+", text[max(0, pos - 160) : pos]))):
            w = t.group()
            if w[0].isupper() and not w.endswith((".", ",", "?", "!", ":", ";")) or w in SMALL:
                toks.append((t.start() + max(0, pos - 160), w))
            else:
                break
        while toks and toks[-1][1] in SMALL:
            toks.pop()
        caps = [w for _, w in toks if w[0].isupper()]
        if not toks or not (len(caps) >= 2 or (len(caps) == 1 and caps[0] in ONE_WORD)):
            continue
        labs.append((toks[-1][0], pos, m.end()))
    return labs


def kr_turns(text):
    labs = kr_labels(text)
    turns = []
    for i, (ls, le, after) in enumerate(labs):
        nxt = labs[i + 1][0] if i + 1 < len(labs) else len(text)
        s, e = after, nxt
        while True:
            while e > s and text[e - 1].isspace():
                e -= 1
            if text[s:e].endswith(("<…>", "* * *")):
                e -= len("<…>") if text[s:e].endswith("<…>") else len("* * *")
                continue
            break
        while s < e and text[s].isspace():
            s += 1
        turns.append((ls, le, s, e))
    return turns


def region(turns):
    keep = [t for t in turns if t[3] <= CAP]
    if len(keep) < 2:
        keep = turns[:2]
    return keep


def main():
    docs = load()
    sel = [json.loads(x) for x in open(SEL)]
    if (SEL.parent / "selected2.jsonl").exists():
        sel += [json.loads(x) for x in open(SEL.parent / "selected2.jsonl")]
    only = set(sys.argv[1:])
    out = []
    for r in sel:
        if r["pick"] not in ("main", "phase2") and r["id"] not in only:
            continue
        if only and r["id"] not in only and str(r["n"]) not in only:
            continue
        d = docs[r["id"]]
        text = d["text"]
        turns = wh_turns(text) if r["source"] == "whitehouse" else kr_turns(text)
        keep = region(turns)
        end = keep[-1][3] if keep else 0
        out.append(f"=== {r['id']} | {r['kind']} | {end}")
        for lab in dict.fromkeys(text[a:b] for a, b, _, _ in keep):
            out.append(f"MAP {lab} => ? | ? | ?")
        for a, b, s, e in keep:
            sp = text[s:e].replace("\n", " / ")
            out.append(f"T {a} {b} {s} {e}    # {text[a:b]} ({len(sp.split())} words)")
        out.append("")
    Path(ROOT / "scripts/labelling/tr/draft.txt").write_text("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
