"""Quotes and speakers: who said what, through whom (issue 7). Not built yet: the stage adds no quotes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document
from ..pipeline import stage


@stage("quotes.v0", requires=("paragraphs", "sentences"), provides=("quotes",))
def find_quotes(doc: Document, config: Mapping[str, Any]) -> None:
    doc.quotes = []
