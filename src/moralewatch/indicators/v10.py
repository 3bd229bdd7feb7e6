"""The stage ``indicators.v10`` (issue 12, session 10): ``indicators.v8`` with soldiers' own voice (:mod:`.testimony`).

Kept apart from the package's ``__init__`` so that the stage of this session is one module: the rules are the
tagger's (:func:`.tagger.tag` with version 10), the voice rules are :mod:`.testimony` and
``data/indicators/voice_cues.txt``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document
from ..pipeline import stage
from .tagger import tag


@stage("indicators.v10", requires=("paragraphs", "sentences", "marks", "quotes"), provides=("indicators",))
def tag_indicators_v10(doc: Document, config: Mapping[str, Any]) -> None:
    """``indicators.v8`` with soldiers' own voice (:mod:`.testimony`): a first-person cue in a quote or turn whose
    speaker's side is known is about the speaker's side, not the nearest nationality word; and the cue rules of
    ``data/indicators/voice_cues.txt`` (how soldiers, POWs and their relatives say it), which fire only in their
    own words (issue 12, session 10). Its confidence is ``indicators.v8``'s (``calibration_v8.json``)."""
    doc.indicators = tag(doc, 10)
