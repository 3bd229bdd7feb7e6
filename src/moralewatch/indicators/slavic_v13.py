"""``indicators.ruuk.v13`` (issue 17, session 15): ``indicators.ruuk.v8`` plus the general mechanisms a CheckList
suite of codebook v1.1's constructions (``tests/checklist/ruuk_templates.py``, both languages, no gold item) showed
missing:

* **Families of cue rules** (``data/ruuk/indicators_v13/cues.txt``, v7's format, read like v10's): a set of nouns or
  subjects crossed with a set of frames, in Russian and Ukrainian alike (a military supply with «нет / закончились /
  без / не подвезли / покупаем сами / не хватает»; a share or the remnant of a unit with «ранена / убита / осталось»;
  an intent «хотят / собираются / думают» with «сдаться / дезертировать / уйти в СЗЧ»; a state of morale; ...). Their
  "mil" condition reads v6's military words plus ``military.txt`` (fighting, attacks, war), their "men" condition
  v6's soldiers plus ``soldiers.txt`` (prisoners). Each new
  item goes through v8's refusals and side corrections and is kept only where v8 has no item of that indicator in the
  sentence (:func:`.slavic_v10.extra`'s rule): v8's items stay as they were.
* **Hedges** (``hedges.txt``, «вроде бы»): an item whose sentence has one is hedged.
* **A prisoner's "we"** (``prisoners.txt``): an item in the words of a prisoner of war whose army nothing names (the
  quote stage gives the speaker no side, the item's sentence names no force, the document is about no one force) gets
  the subject side ``unknown``: «"Нас кинули командири", — сказав полонений» in a Ukrainian text is most likely about
  the Russian army, but nothing says so, and codebook v1.1 does not guess a side.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from typing import Any

from ..lexicons import compile_regex, lines, load_json
from ..model import Document, Indicator
from ..pipeline import stage
from . import slavic
from .slavic import V6, V7, Lexicon, fold
from .slavic_v8 import tag_v8
from .slavic_v10 import where_free

#: the data of ``indicators.ruuk.v13`` (its own files; v7's and v6's are read from their directories)
V13 = "ruuk/indicators_v13"
CUES = f"{V13}/cues.txt"
MILITARY = f"{V13}/military.txt"
SOLDIERS = f"{V13}/soldiers.txt"
HEDGES = f"{V13}/hedges.txt"
PRISONERS = f"{V13}/prisoners.txt"
#: the rule field's tag of the new items
TAG = "v13"


def _words(*paths: str) -> Any:
    body = "|".join(f"(?:{line})" for path in paths for line in lines(path))
    return compile_regex(rf"(?<!\w)(?:{body})")


@cache
def _lexicon() -> Lexicon:
    """v7's lexicon with v13's cue rules, and v6's military words, soldiers and hedges with v13's."""
    cues, rules = slavic.cue_rules(CUES)
    return replace(slavic._load(V7), cues=cues, rules=rules, military=_words(f"{V6}/military.txt", MILITARY),
                   soldiers=_words(f"{V6}/soldiers.txt", SOLDIERS), hedges=_words(f"{V6}/hedges.txt", HEDGES))


@cache
def _more() -> tuple[Any, Any]:
    return _words(HEDGES), _words(PRISONERS)


def load() -> Lexicon:
    """The lexicon (the files are checked on every call: the loaders refuse a stage that does not declare them)."""
    for path in (CUES, MILITARY, SOLDIERS, HEDGES, PRISONERS):
        lines(path)
    for name in slavic.FILES:
        path = slavic._file(V7, name)
        load_json(path) if name.endswith(".json") else lines(path)
    return _lexicon()


def extra(doc: Document, have: list[Indicator], lexicon: slavic.Lexicon | None = None,
          voice: slavic.Voice | None = None) -> list[Indicator]:
    """v13's new items on ``doc`` where ``have`` carries no item of the same indicator in the same sentence; each
    through v8's refusals and side corrections (``lexicon``, ``voice``: v13's rules as ``indicators.ruuk.v14`` reads
    them)."""
    rules = load() if lexicon is None else lexicon
    return where_free(doc, slavic.tag(doc, structural=True, root=V7, v7=True, lexicon=rules, rule_tag=f"{TAG}-",
                                      voice=voice), have)


def hedged(doc: Document, found: list[Indicator]) -> list[Indicator]:
    """``found`` with the items whose evidence has one of v13's hedges marked hedged."""
    if not found:
        return found
    more, _ = _more()
    low = fold(doc.text)
    return [replace(i, hedged=True) if not i.hedged and more.search(low, i.start, i.end) else i for i in found]


def _forces(lex: Lexicon, low: str, s: int, e: int) -> bool:
    """Whether ``[s, e)`` names a force (ВСУ, российский, окупант ...; not «наши», «противник» or a country)."""
    return any(lex.actor_sides[slavic._which(m)] in ("ru", "ua") for m in lex.actors.finditer(low, s, e))


def _prisoner_quotes(doc: Document) -> list[tuple[int, int]]:
    """The spans of the quotes whose speaker is a prisoner of war of no side the quote stage knows."""
    _, pow_words = _more()
    return [(q.start, q.end) for q in doc.quotes
            if q.side not in ("ru", "ua") and q.speaker and pow_words.search(fold(q.speaker))]


def prisoners(doc: Document, found: list[Indicator]) -> list[Indicator]:
    """``found`` with the side ``unknown`` for the items in a prisoner's words when nothing names his army."""
    spans = _prisoner_quotes(doc) if found else []
    if not spans:
        return found
    lex = slavic.load(V7)
    low = fold(doc.text)
    if slavic.topic(lex, low) is not None:
        return found
    out = []
    for i in found:
        mine = (i.rule or "").startswith("ruuk:") and any(s < i.end and i.start < e for s, e in spans)
        out.append(replace(i, subject_side="unknown") if mine and not _forces(lex, low, i.start, i.end) else i)
    return out


def tag_v13(doc: Document) -> list[Indicator]:
    """The indicators ``indicators.ruuk.v13`` adds to ``doc``: v8's, then v13's new ones; hedges and prisoners'
    sides read over all of them."""
    found = tag_v8(doc)
    found = [*found, *extra(doc, found)]
    return prisoners(doc, hedged(doc, found))


@stage("indicators.ruuk.v13", requires=("language", "sentences", "quotes", "indicators"), provides=("indicators_ruuk",))
def tag_ruuk_v13(doc: Document, config: Mapping[str, Any]) -> None:
    """``indicators.ruuk.v8`` plus the rule families, hedges and prisoners' sides of ``data/ruuk/indicators_v13``
    (the CheckList suite's failures)."""
    found = tag_v13(doc)
    if found:
        doc.indicators = sorted([*doc.indicators, *found], key=lambda i: (i.start, i.end, i.indicator))


__all__ = ["TAG", "V13", "extra", "hedged", "load", "prisoners", "tag_ruuk_v13", "tag_v13"]
