"""Morale indicators of the codebook (issue 3). Not built yet: the stage adds no indicators."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document
from ..pipeline import stage


@stage("indicators.v0", requires=("sentences", "quotes"), provides=("indicators",))
def tag_indicators(doc: Document, config: Mapping[str, Any]) -> None:
    doc.indicators = []
