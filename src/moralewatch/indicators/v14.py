"""The stage ``indicators.v14`` (issue 12, session 15): ``indicators.v12`` with the general mechanisms a CheckList
suite of the codebook's constructions (``tests/checklist/en_templates.py``) showed missing.

* a named speaker's role from their apposition ("said Oleksandr, a Ukrainian infantryman": :mod:`.apposition`);
* the cue rules flagged ``[v14]`` in ``data/indicators/voice_cues.txt`` and ``data/indicators/cues/``: a family of
  supply nouns under negative-possession frames, losses as fractions or counts of one's own unit, intent and refusal
  before surrender or desertion, and a hedge between a cue's words;
* a morale statement denied in its own words ("morale is not low") is negated (:func:`.tagger.is_negated`).

One module, like :mod:`.v12`: the rules are the tagger's (:func:`.tagger.tag` with version 14); its confidence is
``indicators.v11``'s (``calibration_v11.json``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document
from ..pipeline import stage
from .tagger import tag


@stage("indicators.v14", requires=("paragraphs", "sentences", "marks", "quotes"), provides=("indicators",))
def tag_indicators_v14(doc: Document, config: Mapping[str, Any]) -> None:
    """``indicators.v12`` with a named speaker's role from their apposition, the cue rules flagged ``[v14]``
    (supply nouns under negative possession, losses of one's own unit, intent to surrender or desert) and a morale
    statement denied in its own words negated (issue 12, session 15). Its confidence is ``indicators.v11``'s."""
    doc.indicators = tag(doc, 14)
