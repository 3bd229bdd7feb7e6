"""``indicators.v14``: the role of a named speaker from the apposition that describes them.

"…," said Oleksandr, a Ukrainian infantryman. The quote stage gives "Oleksandr" with no role, and the soldier is in
the apposition after the name, which :func:`.testimony.description` (up to the first comma) never reads; a soldier's
first-person words then miss every cue of ``voice_cues.txt``. From v14 the tagger reads, for a quote whose speaker
has no role, the apposition right after the speaker's name (", a/an/the …" up to the next punctuation or clause
word): a soldier word there makes the speaker a soldier for the tagger, a civilian word a civilian (whose hardship
is not a force's: codebook rule 13's civilians). The quote itself is not changed: the tagger works on a copy.
"""

from __future__ import annotations

import dataclasses
import re

from ..lexicons import compile_regex
from ..model import Quote
from .testimony import _CIVILIAN_WORDS, _NOT_SOLDIER_WORDS, _RELATIVE_WORDS, _SOLDIER_WORDS

#: ", a Ukrainian infantryman", ", 34, a captured Russian marine", ", the commander of a platoon" (at most 8 words)
_APPOSITION = compile_regex(r",\s{1,3}+(?:\d{1,2},\s{1,3}+)?(?:a|an|the|one)\s{1,3}+((?:[\w'’-]{1,40}+\s{0,3}+){1,8}?)"
                            r"(?=[.,;:!?\"“”()\n]|\s(?:who|which|that|said|says|told|tells|wrote|writes|added)\b|$)",
                            re.I)


def apposition(quote: Quote, text: str) -> str:
    """The words of the apposition right after the speaker's name, or ``""``."""
    if quote.speaker_end is None:
        return ""
    m = _APPOSITION.match(text, quote.speaker_end, min(len(text), quote.speaker_end + 120))
    return m.group(1) if m else ""


def role_of(quote: Quote, text: str) -> str | None:
    """``soldier``, ``relative`` or ``civilian`` from the apposition of a speaker the quote stage gave no role, else
    ``None`` (nothing to change)."""
    if quote.speaker_role not in ("unknown", "", None):
        return None
    words = apposition(quote, text)
    if not words or _NOT_SOLDIER_WORDS.search(words):
        return None
    if _RELATIVE_WORDS.search(words):
        return "relative"
    if _SOLDIER_WORDS.search(words):
        return "soldier"
    return "civilian" if _CIVILIAN_WORDS.search(words) else None


def described(quote: Quote, text: str) -> Quote:
    """``quote``, or a copy with the role its apposition gives (:func:`role_of`)."""
    role = role_of(quote, text)
    return quote if role is None else dataclasses.replace(quote, speaker_role=role)
