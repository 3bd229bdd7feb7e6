"""Printer for labelling the evidence-date held-out items from the text alone (session 12, l-edates8).

    python3 scripts/labelling/edates_show.py FIRST LAST        # items FIRST..LAST of edates_selected.jsonl
    python3 scripts/labelling/edates_show.py --second           # the second pass: edates_second.py's shuffled list

Per item: the document's publication date (the corpus record's `date`, with weekday and ISO week), the title, the
item's paragraph (text between line breaks) with the item's start marked ⟦ and its sentence's start marked ‖, and
the date-like expressions of the paragraph (a regex aid, before / in / after the item's sentence). Nothing from the
pipeline but kind and start is known here: the selection kept nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parents[2] / "shared" / "data" / "corpora"
SEL = HERE / "edates_selected.jsonl"
SECOND = HERE / "edates_second_list.json"
MAX_BEFORE = 2500
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|"
          "Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?")
DATE_RE = re.compile(
    rf"\b(?:(?:early|mid|late)[- ])?(?:{MONTHS})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+\d{{4}})?\b|"
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\b|"
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b|"
    r"\b(?:yesterday|today|tonight|tomorrow|this (?:morning|afternoon|evening|week|month|year)|last (?:night|week|"
    r"month|year|weekend|spring|summer|autumn|winter|fall)|next week|(?:earlier|later) (?:this|that) (?:week|month|"
    r"year)|weekend|overnight|recently|(?:two|three|\d+) (?:days|weeks|months|years) ago)\b|"
    r"\b(?:19|20)\d\d\b|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b", re.I)
ABBR = {"Mr", "Ms", "Mrs", "Dr", "Gen", "Lt", "Col", "Sgt", "Capt", "St", "Sen", "Rep", "Gov", "Maj", "Adm",
        "U.S", "U.N", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "No", "Jr", "Prof"}
_cache: dict[str, dict[str, dict]] = {}


def record(corpus: str, did: str) -> dict:
    if corpus not in _cache:
        with open(CORPORA / f"{corpus}.jsonl", encoding="utf-8") as fh:
            _cache[corpus] = {r["id"]: r for r in map(json.loads, fh)}
    return _cache[corpus][did]


def sentence_start(text: str, lo: int, pos: int) -> int:
    """Start of the sentence holding ``pos`` (a crude splitter: . ! ? followed by space and a capital or quote)."""
    best = lo
    for m in re.finditer(r"[.!?][\"”’']?\s+(?=[\"“‘'A-Z0-9])", text[lo:pos]):
        if not _abbrev(text, lo + m.start()):
            best = lo + m.end()
    return best


def _abbrev(text: str, dot: int) -> bool:
    """A dot after an initial or a title (V., Mr., Ms., Gen.) ends no sentence."""
    word = re.search(r"(\S+)$", text[max(0, dot - 12):dot])
    w = word.group(1).lstrip("“\"(") if word else ""
    return text[dot] == "." and (bool(re.fullmatch(r"[A-Z]", w)) or w in ABBR)


def sentence_end(text: str, pos: int, hi: int) -> int:
    for m in re.compile(r"[.!?][\"”’']?(?=\s+[\"“‘'A-Z0-9]|\s*$)").finditer(text, pos, hi):
        if not _abbrev(text, m.start()):
            return m.end()
    return hi


def show(label: str, item: dict) -> None:
    rec = record(item["corpus"], item["id"])
    text, start = rec["text"], item["start"]
    day = dt.date.fromisoformat(rec["date"][:10])
    iso = day.isocalendar()
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    hi = len(text) if hi < 0 else hi
    s0 = sentence_start(text, lo, start)
    s1 = sentence_end(text, start + 1, hi)
    shown_lo = max(lo, start - MAX_BEFORE)
    print(f"=== {label} {item['id']} {item['kind']} @{start} | published {rec['date']} ({day:%A}, "
          f"{iso[0]}-W{iso[1]:02d}) | {rec.get('title')}")
    para = (("…" if shown_lo > lo else "") + text[shown_lo:s0] + "‖" + text[s0:start] + "⟦" + text[start:s1] +
            "‖" + text[s1:min(hi, s1 + 400)] + ("…" if hi > s1 + 400 else ""))
    print(para)
    found = []
    for m in DATE_RE.finditer(text, lo, hi):
        where = "BEFORE" if m.start() < s0 else "IN" if m.start() < s1 else "after"
        found.append(f"{where}:{m.group(0)}")
    print("   dates:", "; ".join(found) if found else "-")
    print()


def main() -> None:
    items = [json.loads(x) for x in SEL.read_text(encoding="utf-8").splitlines() if x.strip()]
    if sys.argv[1:] == ["--second"]:
        for k, n in enumerate(json.loads(SECOND.read_text(encoding="utf-8"))):
            show(f"line {k + 1}:", items[n])  # the item's number is not shown
        return
    first, last = int(sys.argv[1]), int(sys.argv[2])
    for n in range(first, min(last, len(items) - 1) + 1):
        show(f"#{n}", items[n])


if __name__ == "__main__":
    main()
