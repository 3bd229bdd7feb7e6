"""The default pipeline, in flow order. Importing a stage module registers its stages."""

from __future__ import annotations

from . import entities, indicators, quotes, segment  # noqa: F401  (registration)
from .pipeline import Pipeline

DEFAULT = (
    "segment.v1",
    "quotes.v2",
    "indicators.v1",
    "entities.v1",
    "links.v1",
)


def default_pipeline(config: dict | None = None) -> Pipeline:
    return Pipeline(DEFAULT, config)
