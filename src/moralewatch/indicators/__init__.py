"""Morale indicators of the codebook (issue 3): cue rules from data files, evidence spans, subject side, claimant,
hedging, negation and a calibrated confidence. See :mod:`.tagger` for how each field is decided."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document
from ..pipeline import stage
from .detector import MODES, check_detector, tag_v2
from .tagger import tag


@stage("indicators.v3", requires=("paragraphs", "sentences", "marks", "quotes"), provides=("indicators",))
def tag_indicators(doc: Document, config: Mapping[str, Any]) -> None:
    """Fill ``doc.indicators`` from the quotes (when the quote stage found any) and the claim sentences."""
    doc.indicators = tag(doc)


@stage("indicators.v4", requires=("paragraphs", "sentences", "marks", "quotes"), provides=("indicators",))
def tag_indicators_v4(doc: Document, config: Mapping[str, Any]) -> None:
    """``indicators.v3`` and the refusals of session 6 (``data/indicators/refusals.txt``: official rhetoric read as
    a claim, strikes reported as events, aid language, other senses)."""
    doc.indicators = tag(doc, 4)


@stage("indicators.v5", requires=("paragraphs", "sentences", "marks", "quotes"), provides=("indicators",))
def tag_indicators_v5(doc: Document, config: Mapping[str, Any]) -> None:
    """``indicators.v4`` with the evidence of a cue inside a transcript's turn the cue's sentence, as in an
    article, not the whole turn (issue 19); the turn's speaker stays the claimant."""
    doc.indicators = tag(doc, 5)


@stage("indicators.v6", requires=("paragraphs", "sentences", "marks", "quotes"), provides=("indicators",))
def tag_indicators_v6(doc: Document, config: Mapping[str, Any]) -> None:
    """``indicators.v5`` with the subject side from the clause's actor (:mod:`.actor`: the agent or the victims of
    violence against civilians, "they" in a side's own voice, a weaker test of the document's voice), appeals and
    vows refused, the refusals of ``data/indicators/refusals_v6.txt`` and its own confidence (issue 12, session 7)."""
    doc.indicators = tag(doc, 6)


@stage("indicators.v7", requires=("paragraphs", "sentences", "marks", "quotes"), provides=("indicators",))
def tag_indicators_v7(doc: Document, config: Mapping[str, Any]) -> None:
    """``indicators.v6`` with the cue rules flagged ``[v7]`` (paraphrase: how soldiers and official addresses say it),
    the refusals of ``data/indicators/refusals_v7.txt`` (briefings' other senses) and its own confidence
    (issue 12, session 8)."""
    doc.indicators = tag(doc, 7)


@stage("indicators.v8", requires=("paragraphs", "sentences", "marks", "quotes"), provides=("indicators",))
def tag_indicators_v8(doc: Document, config: Mapping[str, Any]) -> None:
    """``indicators.v7`` with the cue rules flagged ``[v8]`` (the official register: praise of the forces' courage,
    kill claims, unlawful mobilisation, the enemy's logistics destroyed; written from the misses of the training rounds
    a-c, ``scripts/score_train_indicators.py``) and its own confidence, fitted on dev v1.1 and the training rounds
    (issue 12, session 9)."""
    doc.indicators = tag(doc, 8)


@stage("indicators.v2", requires=("paragraphs", "sentences", "quotes"), provides=("indicators",),
       defaults={"mode": "both", "keep": 0.0, "add": 0.85})
def detect_indicators(doc: Document, config: Mapping[str, Any]) -> None:
    """The cue rules and the learned model together (:mod:`.detector`); ``mode`` is ``both``, ``rules`` or
    ``model``."""
    tag_v2(doc, config)


__all__ = ["MODES", "check_detector", "detect_indicators", "tag", "tag_indicators", "tag_indicators_v4", "tag_indicators_v5",
           "tag_indicators_v6", "tag_indicators_v7", "tag_indicators_v8"]
