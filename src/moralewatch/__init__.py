"""MoraleWatch: who said what about the morale of armies, through whom, with evidence spans.

The library (loaded on first use, so ``import moralewatch`` and the command line stay fast)::

    import moralewatch as mw
    doc = mw.analyze_text(text, published="2023-05-01")       # -> Document (quotes, indicators, entities)
    results = list(mw.analyze_file("articles.jsonl"))         # -> Analysed(outcome, document) per input
    summary = mw.analyze(["articles/"], "war.db")             # into a store
    with mw.open_store("war.db") as store:                    # read-only
        rows = list(store.evidence(subject_side=["ru"], q="morale"))

See :mod:`moralewatch.library` for the details; a mistyped keyword raises ``TypeError``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: name -> module that defines it (imported on first use)
_EXPORTS = {
    "analyze": "library", "analyze_text": "library", "analyze_file": "library", "open_store": "library",
    "StoreReader": "library", "Analysed": "library", "Filters": "web.filters", "MoraleWatchError": "errors",
    "Document": "model", "Quote": "model", "Indicator": "model", "Entity": "model", "Outcome": "model",
}

__all__ = ["__version__", "analyze", "analyze_text", "analyze_file", "open_store", "StoreReader", "Analysed",
           "Filters", "MoraleWatchError", "Document", "Quote", "Indicator", "Entity", "Outcome"]

if TYPE_CHECKING:
    from .errors import MoraleWatchError
    from .library import Analysed, StoreReader, analyze, analyze_file, analyze_text, open_store
    from .model import Document, Entity, Indicator, Outcome, Quote
    from .web.filters import Filters


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'moralewatch' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
