"""The stage ``indicators.v11`` (issue 12, session 11): ``indicators.v10`` with the other senses of the cue words
refused and more of the official register's and soldiers' paraphrase.

* ``data/indicators/refusals_v11.txt``: the cue words in senses that are not a force's morale, found in soldiers' and
  civilians' ordinary words (fear of the weather, a relative's fear, the fatigue of sport or of a training
  exercise, markets' panic, a politician "surrendering" a point or territory in talks, reporters' "panicked
  messages", a leader's "determination").
* cue rules flagged ``[v11]`` in ``data/indicators/cues/*.txt``: paraphrase from the misses of the training rounds
  a-c and dev ("our warriors are exhausted", "the occupiers are fleeing", "throwing their people to certain death").
* "combatants", "our warriors" as a military context for the award and praise rules (:func:`.tagger.military_context`),
  and praise in an address with no speaker's side given the address's side (:func:`.tagger._v8_side`).
* its own confidence, ``calibration_v11.json`` (:mod:`.calibrate`).

One module, like :mod:`.v10`: the rules are the tagger's (:func:`.tagger.tag` with version 11).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document
from ..pipeline import stage
from .tagger import tag


@stage("indicators.v11", requires=("paragraphs", "sentences", "marks", "quotes"), provides=("indicators",))
def tag_indicators_v11(doc: Document, config: Mapping[str, Any]) -> None:
    """``indicators.v10`` with the refusals of ``data/indicators/refusals_v11.txt`` (the cue words' other senses in
    ordinary words), the cue rules flagged ``[v11]`` (paraphrase of the official register and of soldiers) and its
    own confidence, ``calibration_v11.json`` (issue 12, session 11)."""
    doc.indicators = tag(doc, 11)
