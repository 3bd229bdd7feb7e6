"""pymorphy3's analyzers for Russian and Ukrainian, one per language per process, shared by the stages that read
cases and lemmas (the Russian/Ukrainian entity, quote and indicator stages): a stage package must not import another
(tests/test_provenance.py), so the analyzer lives here. Loaded on first use only, for documents with Russian or
Ukrainian paragraphs (0.3 s and ~35 MB a language); the dictionaries' versions are checked by
``entities.cyrillic.check_morphology`` when a pipeline is built."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def analyzer(lang: str) -> Any:
    """pymorphy3's analyzer for ``lang`` (``ru`` or ``uk``), loaded once per process."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


__all__ = ["analyzer"]
