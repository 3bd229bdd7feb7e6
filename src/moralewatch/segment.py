"""Paragraphs and sentences of the canonical text (a fast rule-based splitter; no model)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .lexicons import compile_regex
from .model import Document
from .pipeline import stage

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt cpl pvt adm cmdr gov sen rep st jr sr inc corp co ltd no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k e.g i.e a.m p.m approx est dept mt ft pres"
    .split()
)
# a sentence ends at . ! ? or … (optionally followed by closing quotes or brackets), then space, then a capital,
# an opening quote, a digit or a bracket
_END = compile_regex(r"(?<![.!?…])[.!?…]++[\"'”’»)\]]*+(?=\s++[\"'“‘«(\[]?[A-Z0-9А-ЯЁІЇЄҐ])")
_PARA = compile_regex(r"\n\s*\n")


def paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _PARA.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


_CLOSERS = "\"'”’»)]"


def _word_before_stop(text: str, s: int, e: int) -> str | None:
    r"""The word before the stop that ends ``text[s:e]``, lower-cased, without its dots ("gen" for "Gen.", "u.s" for
    "U.S."); None when the stop is not a dot. A scan back over the run of word characters and dots (what the
    regex ``([\w.]+)[.]+["'”’»)\]]*$`` found by trying every start of the sentence: quadratic on "A. A. A. …")."""
    while e > s and text[e - 1] in _CLOSERS:
        e -= 1
    i = e
    while i > s and (text[i - 1] == "." or text[i - 1].isalnum() or text[i - 1] == "_"):  # [\w.]
        i -= 1
    if e - i < 2 or text[e - 1] != ".":
        return None
    return text[i:e].lower().rstrip(".")


def sentences_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``."""
    out: list[tuple[int, int]] = []
    s = start
    chunk = text[start:end]
    for m in _END.finditer(chunk):
        e = start + m.end()
        w = _word_before_stop(text, s, e)
        if w is not None and (w in ABBREVIATIONS or (len(w) == 1 and w.isalpha())):
            continue
        out.append((s, e))
        s = e
        while s < end and text[s].isspace():
            s += 1
    if s < end and text[s:end].strip():
        out.append((s, end))
    return out


@stage("segment.v1", requires=("text",), provides=("paragraphs", "sentences"))
def segment(doc: Document, config: Mapping[str, Any]) -> None:
    doc.paragraphs = paragraphs(doc.text)
    doc.sentences = [s for p in doc.paragraphs for s in sentences_in(doc.text, *p)]
