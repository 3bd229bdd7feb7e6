"""The stage ``indicators.v12`` (issue 12, session 12): ``indicators.v11`` with the subject side from the actor.

The side errors of dev v1.1 and of the training rounds a-c, grouped by cause, each fixed for both armies alike
(codebook v1.1): see :func:`.tagger.subject_side` (the branches marked ``indicators.v12``) and :mod:`.actor`.

One module, like :mod:`.v11`: the rules are the tagger's (:func:`.tagger.tag` with version 12); its confidence is
``indicators.v11``'s (``calibration_v11.json``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document
from ..pipeline import stage
from .tagger import tag


@stage("indicators.v12", requires=("paragraphs", "sentences", "marks", "quotes"), provides=("indicators",))
def tag_indicators_v12(doc: Document, config: Mapping[str, Any]) -> None:
    """``indicators.v11`` with the subject side from the clause's actor, the speaker's own side for "our", a
    pronoun's antecedent, the address's side for "our warriors" and the enemy for "the occupiers" (issue 12,
    session 12). Its confidence is ``indicators.v11``'s (``calibration_v11.json``)."""
    doc.indicators = tag(doc, 12)
