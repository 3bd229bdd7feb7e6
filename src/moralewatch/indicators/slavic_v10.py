"""``indicators.ruuk.v10`` (issue 17, session 14): ``indicators.ruuk.v8`` plus RECALL, the cues, forms and structures
that v8 missed on the Russian/Ukrainian training rounds (``gold/train/ruuk``, labelled blind; rules written from
halves A and C only, halves B and D scored once as the unseen estimate, docs/languages.md).

v8 (:mod:`.slavic_v8`, on v7's lexicon, both left untouched) finds its items; this stage then runs the cue rules of
``data/ruuk/indicators_v10/cues.txt`` (v7's format, :mod:`.slavic`: ``INDICATORS LANG SIDE FLAGS :: REGEX``) over the
same Russian and Ukrainian paragraphs, with v7's actors, sizes, soldiers, military words, hedges and calibration (read
from v7's and v6's files by path), the same conditions (``sized``, ``men``, ``mil``) and the same subject side
(:mod:`.slavic_actor`'s structure, the document's topic, the fallback). Each new item then goes through v8's refusals
and side corrections (:func:`.slavic_v8.revise`), and is kept only where v8 has no item of that indicator in that
sentence: a sentence carries an indicator once, and v8's items stay exactly as they were.

The new items' ``rule`` is ``ruuk:<lang>:v10-<line of cues.txt>`` (``ruuk:`` and the language first, as v8's
:func:`.slavic_v8.revise` and the scorers read it). :func:`tag_v10` is the composable function: v8's items plus the
new ones; :func:`extra` gives the new ones alone for a list of items another version found (``indicators.ruuk.v11``'s
side pass can be composed with it: ``[*v11, *extra(doc, v11)]``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from typing import Any

from ..lexicons import lines, load_json
from ..model import Document, Indicator
from ..pipeline import stage
from . import slavic
from .slavic import V7, Lexicon
from .slavic_v8 import revise, tag_v8

#: the data of ``indicators.ruuk.v10``: its own cue rules only (everything else is v7's, read by path)
V10 = "ruuk/indicators_v10"
CUES = f"{V10}/cues.txt"
#: the rule field's tag of the new items
TAG = "v10"


@cache
def _lexicon() -> Lexicon:
    """v7's lexicon with v10's cue rules in place of v7's."""
    cues, rules = slavic.cue_rules(CUES)
    return replace(slavic._load(V7), cues=cues, rules=rules)


def load() -> Lexicon:
    """The lexicon (the files are checked on every call: the loaders refuse a stage that does not declare them)."""
    lines(CUES)
    for name in slavic.FILES:
        path = slavic._file(V7, name)
        load_json(path) if name.endswith(".json") else lines(path)
    return _lexicon()


def _new(doc: Document) -> list[Indicator]:
    """The items of v10's own cue rules on the Russian and Ukrainian paragraphs of ``doc``: v7's procedure
    (:func:`.slavic.tag`) with v10's lexicon, each ``rule`` tagged ``v10-``."""
    return slavic.tag(doc, structural=True, root=V7, v7=True, lexicon=load(), rule_tag=f"{TAG}-")


def extra(doc: Document, have: list[Indicator]) -> list[Indicator]:
    """v10's new items on ``doc`` that ``have`` (another version's items: v8's, v11's) does not already carry: no item
    of the same indicator in the same sentence; each through v8's refusals and side corrections."""
    return where_free(doc, _new(doc), have)


def where_free(doc: Document, new: list[Indicator], have: list[Indicator]) -> list[Indicator]:
    """``new`` through v8's refusals and side corrections, without the items of an indicator ``have`` already
    carries in the same sentence (a later version's rules add only where the earlier ones found nothing)."""
    if not new:
        return []
    new, _ = revise(doc, new)
    sents = slavic._Sentences(doc)
    taken = {(sents.index(i.start), i.indicator) for i in have}
    return [i for i in new if (sents.index(i.start), i.indicator) not in taken]


def tag_v10(doc: Document) -> list[Indicator]:
    """The indicators ``indicators.ruuk.v10`` adds to ``doc``: v8's, then v10's new ones."""
    found = tag_v8(doc)
    return [*found, *extra(doc, found)]


@stage("indicators.ruuk.v10", requires=("language", "sentences", "quotes", "indicators"), provides=("indicators_ruuk",))
def tag_ruuk_v10(doc: Document, config: Mapping[str, Any]) -> None:
    """``indicators.ruuk.v8`` plus the items of the recall rules of ``data/ruuk/indicators_v10`` (the training
    rounds' misses) where v8 has none of that indicator in the sentence."""
    found = tag_v10(doc)
    if found:
        doc.indicators = sorted([*doc.indicators, *found], key=lambda i: (i.start, i.end, i.indicator))


__all__ = ["TAG", "V10", "extra", "load", "tag_ruuk_v10", "tag_v10"]
