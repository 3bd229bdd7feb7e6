"""The segment stage: the shared text layers of a document, computed once (see :mod:`moralewatch.layers`).

Paragraphs and sentences of the canonical text (a fast rule-based splitter; no model), the spans between quotation
marks, and the text with those spans blanked. The quote, indicator and entity stages read these layers (they name
them in ``requires``) instead of deriving them again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .layers.marks import blank, find_marked
from .layers.sentences import ABBREVIATIONS, paragraphs, sentences_in
from .model import Document
from .pipeline import stage

__all__ = ["ABBREVIATIONS", "paragraphs", "segment", "sentences_in"]


@stage("segment.v1", requires=("text",), provides=("paragraphs", "sentences", "marks", "masked"))
def segment(doc: Document, config: Mapping[str, Any]) -> None:
    doc.paragraphs = paragraphs(doc.text)
    doc.sentences = [s for p in doc.paragraphs for s in sentences_in(doc.text, *p)]
    doc.marks = find_marked(doc.text, doc.paragraphs)
    doc.masked = blank(doc.text, 0, len(doc.text), doc.marks)
