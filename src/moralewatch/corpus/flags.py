"""Quality flags a document's own text shows (issue 16): ``machine_garbled``, ``spun_copy``, ``byline_mismatch``.

Signals, each general (none names a site or an article):

- **dangling fragments**: a quotation closed after its final punctuation and then a few words closed again with
  no opening quote between (``… from home.” receive”``, ``operation.” Break.”``). Spinners and machine translation
  move and split quoted phrases; an edited article keeps its quotes balanced.
- **detached punctuation**: a space before a comma or a full stop inside a sentence (``the kind , which``), which
  no copy desk leaves and word-by-word substitution does.
- **substituted names**: synonym spinners' renderings of fixed names (``Protection Ministry`` for Defense
  Ministry, ``Overseas Ministry`` for Foreign Ministry), listed in :data:`SPUN_NAMES`.
- **title echo**: the headline repeated verbatim at the end of a body paragraph, glued to its last sentence, the
  trace of a scraped page re-assembled by a copier.

``machine_garbled`` needs two strong signals (fragments, substituted names), or one with detached punctuation
(which alone is a common scraping artefact: measured on nyt-guardian-407, 5 of 407 texts have three or more).
``spun_copy`` is a garbled text that also shows a copying trace: a title echo, or a rewrite relation to an
earlier document of another source (the grouping adds that one, :mod:`moralewatch.corpus.index`).

``byline_mismatch``: the byline the text gives (a ``By NAME`` line among the first paragraphs, or an author's note
among the last: ``NAME is a reporter ...``) names nobody of the document's metadata author (no name word in
common), or the text is a spun copy and still carries a byline (a copier's fake byline: the copy's author is not
whoever wrote the original). The grouping adds a third case: a copy of another source's document whose byline
names someone else than the original's. No byline in the text, or no author to compare with: no flag (unknown
is better than wrong).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: synonym-spinner substitutions of fixed names (the original in the comment); lower case
SPUN_NAMES: tuple[str, ...] = (
    "protection ministry",   # defense ministry
    "protection minister",   # defense minister
    "protection division",   # defense department
    "overseas ministry",     # foreign ministry
    "overseas minister",     # foreign minister
    "inside ministry",       # interior ministry
    "armed forces of the russian federation forces",
    "particular army operation",  # special military operation
    "particular navy operation",
    "nationwide guard",      # national guard
    "safety service of ukraine",  # security service of ukraine
    "state division",        # state department
)

_SPUN = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in SPUN_NAMES) + r")\b", re.IGNORECASE)
_DETACHED = re.compile(r"[^\W\d_] [,;](?= [^\W\d_])|[^\W\d_] \.(?= [A-Z])")
_FRAGMENT = re.compile(r"[.,!?]” [^\W\d_][^“”\n]{0,30}”")


def _spun_candidate(text: str) -> bool:
    """A necessary condition for :data:`_SPUN` to match: one of the names is in the lower-cased text (substring
    tests are much cheaper than the case-insensitive alternation over every text)."""
    low = text.lower()
    return any(n in low for n in SPUN_NAMES)


def title_echo(text: str, title: str | None) -> bool:
    """The headline repeated at the end of a body paragraph, glued after its last sentence."""
    if not title or len(title) < 20:
        return False
    t = title.strip()
    for para in text.split("\n")[1:]:
        p = para.rstrip()
        if p.endswith(t) and len(p) > len(t) + 20:
            return True
    return False


@dataclass
class Signals:
    fragments: int = 0
    detached: int = 0
    spun_names: int = 0
    title_echo: bool = False
    kinds: list[str] = field(default_factory=list)


def signals(text: str, title: str | None = None) -> Signals:
    s = Signals()
    # cheap tests first: most texts have no closing curly quote after punctuation and no detached comma
    s.fragments = len(_FRAGMENT.findall(text)) if "” " in text else 0
    s.detached = len(_DETACHED.findall(text)) if " ," in text or " ;" in text or " ." in text else 0
    s.spun_names = len(_SPUN.findall(text)) if _spun_candidate(text) else 0
    s.title_echo = title_echo(text, title)
    s.kinds = [k for k, v in (("fragments", s.fragments), ("detached", s.detached),
                              ("spun_names", s.spun_names)) if v]
    return s


def garbled(s: Signals) -> bool:
    strong = s.fragments + s.spun_names
    return strong >= 2 or strong >= 1 and s.detached >= 1


_NAME = r"([A-ZА-ЯЁІЇЄҐ][\w'’.-]+(?:\s+(?:de |van |von |al-)?[A-ZА-ЯЁІЇЄҐ][\w'’.-]+){0,3})"
_BY_LINE = re.compile(r"^\s*(?:By|BY|Written by|Автор:?|Від)\s+" + _NAME + r"\s*(?:[,|;(—–-].*)?$")
_AUTHOR_NOTE = re.compile(r"^\s*" + _NAME + r"\s+(?:is|was)\s+(?:an?|the)\s+(?:[^.\n]|(?<=\b[A-Z])\.){0,80}?\b(?i:reporter|correspondent|"
                          r"journalist|writer|editor|columnist|contributor)\b")
_NAME_WORD = re.compile(r"[^\W\d_]{2,}")
_NOT_NAMES = frozenset("by the staff reuters associated press agency news editor editors reporter".split())


def byline(text: str) -> str | None:
    """The author the text names: a ``By NAME`` line among its first three paragraphs, else an author's note
    (``NAME is a ... reporter``) among its last five. None when it names nobody."""
    paras = [p for p in text.split("\n") if p.strip()]
    for p in paras[:3]:
        if len(p) <= 120:
            m = _BY_LINE.match(p)
            if m:
                return m.group(1).strip()
    for p in paras[-5:]:
        m = _AUTHOR_NOTE.match(p)
        if m:
            return m.group(1).strip()
    return None


def name_words(name: str | None) -> set[str]:
    return {w.lower() for w in _NAME_WORD.findall(name or "")} - _NOT_NAMES


def names_disagree(a: str | None, b: str | None) -> bool:
    """Both name someone, and no name word is common to the two (``J. Smith`` and ``John Smith`` agree)."""
    wa, wb = name_words(a), name_words(b)
    return bool(wa) and bool(wb) and not (wa & wb)


def text_flags(text: str, title: str | None = None, author: str | None = None) -> list[str]:
    """The flags the text alone shows (``machine_garbled``, ``spun_copy``, ``byline_mismatch``), sorted.
    ``author``: the document's metadata author, if any."""
    return flags_with_byline(text, title, author, byline(text))


def flags_with_byline(text: str, title: str | None, author: str | None, named: str | None) -> list[str]:
    """:func:`text_flags` with :func:`byline` of the text already known (``named``): the corpus stage asks it once."""
    s = signals(text, title)
    flags = []
    if garbled(s):
        flags.append("machine_garbled")
        if s.title_echo:
            flags.append("spun_copy")
    if named and (names_disagree(named, author) or "spun_copy" in flags):
        flags.append("byline_mismatch")
    return sorted(flags)
