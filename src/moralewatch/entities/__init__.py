"""People, organisations, places and dates (issue 4). Not built yet: the stage adds no entities."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document
from ..pipeline import stage


@stage("entities.v0", requires=("sentences",), provides=("entities",))
def find_entities(doc: Document, config: Mapping[str, Any]) -> None:
    doc.entities = []
