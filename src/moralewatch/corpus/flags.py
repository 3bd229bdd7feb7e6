"""Quality flags a document's own text shows (issue 16): ``machine_garbled``, ``spun_copy``.

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

_SPUN_HEADS = re.compile(r"(?i)ministry|minister|division|operation|guard|service|forces")
_SPUN = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in SPUN_NAMES) + r")\b", re.IGNORECASE)
_DETACHED = re.compile(r"[^\W\d_] [,;](?= [^\W\d_])|[^\W\d_] \.(?= [A-Z])")
_FRAGMENT = re.compile(r"[.,!?]” [^\W\d_][^“”\n]{0,30}”")


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
    s.spun_names = len(_SPUN.findall(text)) if _SPUN_HEADS.search(text) else 0
    s.title_echo = title_echo(text, title)
    s.kinds = [k for k, v in (("fragments", s.fragments), ("detached", s.detached),
                              ("spun_names", s.spun_names)) if v]
    return s


def garbled(s: Signals) -> bool:
    strong = s.fragments + s.spun_names
    return strong >= 2 or strong >= 1 and s.detached >= 1


def text_flags(text: str, title: str | None = None) -> list[str]:
    """The flags the text alone shows (``machine_garbled``, ``spun_copy``), sorted."""
    s = signals(text, title)
    flags = []
    if garbled(s):
        flags.append("machine_garbled")
        if s.title_echo:
            flags.append("spun_copy")
    return sorted(flags)
