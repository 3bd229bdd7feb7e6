"""Morale indicators of the codebook (issue 3): cue rules from data files, evidence spans, subject side, claimant,
hedging, negation and a calibrated confidence. See :mod:`.tagger` for how each field is decided."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document
from ..pipeline import stage
from .tagger import tag


@stage("indicators.v1", requires=("paragraphs", "sentences", "marks", "quotes"), provides=("indicators",))
def tag_indicators(doc: Document, config: Mapping[str, Any]) -> None:
    """Fill ``doc.indicators`` from the quotes (when the quote stage found any) and the claim sentences."""
    doc.indicators = tag(doc)
