"""Quotes and speakers: who said what, through whom (issue 7).

``quotes.v2`` is rule-based and runs on the canonical text alone: quotation marks are paired per paragraph
(the segment stage's ``marks`` and ``masked`` layers), each sentence is read once for attribution clauses and
reported speech (finder.py runs reader.py over a paragraph; speaker_phrases.py, cues.py and clauses.py read the parts
of a sentence), speakers are resolved (resolver.py) and described in the codebook's terms (speakers.py), and
document.py puts a document's quotes together. No model is loaded: the stage must run at corpus speed, and its
decisions must be explainable (every quote records the ``rule`` that produced it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document
from ..pipeline import stage
from .document import extract

__all__ = ["extract", "find_quotes"]


@stage("quotes.v2", requires=("paragraphs", "sentences", "marks", "masked"), provides=("quotes",))
def find_quotes(doc: Document, config: Mapping[str, Any]) -> None:
    doc.quotes = extract(doc)
