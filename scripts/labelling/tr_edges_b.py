"""Apply decision 3 (stage notes at the edge of a turn are outside the span) to the T lines of a draft/answers file:
trim leading and trailing bracketed notes "(Laughs.)", "(As interpreted.)", "[...]"-only notes, trailing "<…>" and
"* * *", and whitespace. Prints every change (for review) and, with --write, rewrites the file in place.
A note between sentences of one turn stays inside. A turn that is only a note keeps it (decision 4)."""

import json
import re
import sys
from pathlib import Path

CORPORA = Path("/work/shared/data/corpora")
docs = {}
for f in ("whitehouse-ukraine-en.jsonl", "press-releases-2022-en.jsonl"):
    for line in open(CORPORA / f):
        d = json.loads(line)
        docs[d["id"]] = d["text"]
NOTE = r"(?:\([A-Z][^()]{0,80}\)\.?|\((?:laughter|laughs|applause|inaudible|cross-talk)[^()]{0,20}\)\.?)"


def trim(text, s, e):
    while True:
        s0, e0 = s, e
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        m = re.match(NOTE, text[s:e])
        if m and m.end() < e - s:
            s += m.end()
        m = re.search(NOTE + r"$", text[s:e])
        if m and m.start() > 0:
            e = s + m.start()
        for tail in ("<…>", "* * *", "***"):
            if text[s:e].endswith(tail) and len(text[s:e]) > len(tail):
                e -= len(tail)
        if (s, e) == (s0, e0):
            return s, e


path = Path(sys.argv[1])
out, cur = [], None
for line in path.read_text().splitlines():
    if line.startswith("=== "):
        cur = line[4:].split(" | ")[0].strip()
    elif line.startswith("T "):
        body, _, comment = line.partition("#")
        head, eq, who = body.partition("=")
        a, b, s, e = map(int, head.split()[1:5])
        t = docs[cur]
        s2, e2 = trim(t, s, e)
        if (s2, e2) != (s, e):
            print(f"{cur[-50:]} {s}-{e} -> {s2}-{e2}: cut {t[s:s2]!r} | {t[e2:e]!r}")
            line = f"T {a} {b} {s2} {e2}" + (f" ={who.rstrip()}" if eq else "") + "    #" + comment
    out.append(line)
if "--write" in sys.argv:
    path.write_text("\n".join(out) + "\n")
