"""Clean: one canonical text per input, with its metadata and the map back to the input (``document``), from plain
or scraped text (``text``) and HTML (``html``)."""

from __future__ import annotations

from .document import LINE_FORMATS, MIN_HTML_WORDS, RejectedInput, line_breaks, to_document, usable_date

__all__ = ["LINE_FORMATS", "MIN_HTML_WORDS", "RejectedInput", "line_breaks", "to_document", "usable_date"]
