"""Paragraphs and sentences: the one sentence splitter of the pipeline (fast rules; no model).

Two modes of one splitter:

* :func:`sentences_in` splits the canonical text (the segment stage's ``doc.sentences``, which the indicator and
  entity stages read);
* :func:`masked_sentences` splits a paragraph whose quote contents are blanked (``doc.masked``), for the quote
  stage: it never ends a sentence inside a quote, and a caller's rule can keep a quote's trailing attribution
  ("…?” Sanders replied.") in the quote's sentence. Its sentence end also accepts an opening ``''`` (the New York
  Times' straight double mark) and its abbreviations are the capitalised ones; the two modes have always differed
  there, and the quote stage's results depend on its mode.
"""

from __future__ import annotations

from collections.abc import Callable

from ..lexicons import compile_regex

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


# -- the quote stage's mode: sentences of a masked paragraph -----------------------------------------------------

_SENT_END = compile_regex(r"(?<![.!?…])[.!?…]++[\"'”’»)\]]*+(?=\s++(?:''|[\"'“‘«(\[])?[A-Z0-9])")
_ABBR = compile_regex(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Rep|Gov|St|Jr|Sr|No|Prof|Adm|"
                      r"Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|vs|etc|U\.S|U\.N|U\.K)\.)$")


def has_sentence_end(masked: str) -> bool:
    """Whether a sentence ends inside ``masked`` (before a following sentence) in the masked mode."""
    return _SENT_END.search(masked) is not None


#: the longest sentence the quote stage reads (characters): the reader's per-cue work looks at the rest of its
#: sentence, which in one sentence of a megabyte (lines that never end a sentence, such as dialogue dashes after a
#: stop) is quadratic; a longer one is read in pieces cut at a line break, else at a blank. Prose never comes near.
MAX_SENTENCE = 20_000


def capped(text: str, spans: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """``spans`` of ``text`` with every span longer than ``limit`` characters cut into pieces at most that long, at
    a line break, else a blank, in the piece's second half (else at the limit)."""
    return _capped(text, 0, spans, limit)


def _capped(masked: str, lo: int, spans: list[tuple[int, int]], limit: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    """``spans`` with every span longer than ``limit`` (:data:`MAX_SENTENCE`) cut into pieces at most that long."""
    if all(e - s <= limit for s, e in spans):
        return spans
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while e - s > limit:
            a, b = s - lo, s - lo + limit
            cut = masked.rfind("\n", a + limit // 2, b)
            if cut < 0:
                cut = max(masked.rfind(" ", a + limit // 2, b), masked.rfind("\t", a + limit // 2, b))
            piece_end = lo + (cut if cut > 0 else b)
            out.append((s, piece_end))
            s = piece_end
            while s < e and masked[s - lo].isspace():
                s += 1
        if s < e:
            out.append((s, e))
    return out


def masked_sentences(masked: str, lo: int, keeps: Callable[[str, int], bool] | None = None) -> list[tuple[int, int]]:
    """Sentence spans of a masked paragraph that starts at offset ``lo``. ``keeps(masked, pos)`` says whether the
    words after a closing quotation mark at ``pos`` stay in the quote's sentence (its trailing attribution). A
    sentence longer than :data:`MAX_SENTENCE` characters comes in pieces (:func:`_capped`)."""
    return _capped(masked, lo, _masked_sentences(masked, lo, keeps))


def _masked_sentences(masked: str, lo: int, keeps: Callable[[str, int], bool] | None) -> list[tuple[int, int]]:
    out, s = [], 0
    for m in _SENT_END.finditer(masked):
        if _ABBR.search(masked[max(0, m.start() - 6):m.start() + 1]):
            continue
        if keeps is not None and masked[m.end() - 1] in "”\"'»’" and keeps(masked, m.end()):
            continue
        out.append((lo + s, lo + m.end()))
        s = m.end()
        while s < len(masked) and masked[s].isspace():
            s += 1
    if masked[s:].strip():
        out.append((lo + s, lo + len(masked.rstrip())))
    return out
