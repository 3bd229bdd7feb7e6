"""Held-out sets: articles no stage was tuned on (gold/heldout/README.md). Their scores are pinned as floors like
the dev sets', so that generalisation is measured, not claimed; they are not for error analysis."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moralewatch.eval.entities import evaluate as evaluate_entities
from moralewatch.eval.indicators import evaluate as evaluate_indicators

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "gold" / "heldout"
FLOORS = json.loads((ROOT / "tests" / "floors" / "heldout.json").read_text(encoding="utf-8"))


def test_indicators_heldout(shared: Path) -> None:
    s = evaluate_indicators(HELDOUT / "indicators_heldout.jsonl")
    assert s["sha1_mismatches"] == 0, "the corpus text changed under the annotations"
    for metric, floor in FLOORS["indicators"].items():
        assert s[metric] >= floor, f"held-out indicators {metric} {s[metric]} fell below its floor {floor}"


@pytest.mark.parametrize("kind", ["place", "person", "org", "date"])
def test_entities_heldout(shared: Path, kind: str) -> None:
    r = evaluate_entities(str(HELDOUT / "entities_heldout.jsonl"),
                          corpus=str(shared / "data" / "corpora" / "nyt-guardian-407.jsonl"))
    for metric, floor in FLOORS["entities"][kind].items():
        got = r["scores"][kind][metric]
        assert got >= floor, f"held-out {kind} {metric} {got} fell below its floor {floor}"


def test_indicators_heldout_v11(shared: Path) -> None:
    s = evaluate_indicators(ROOT / "gold" / "v11" / "heldout" / "indicators_heldout.jsonl")
    assert s["sha1_mismatches"] == 0
    for metric, floor in FLOORS["indicators_v11"].items():
        if not metric.startswith("_"):
            assert s[metric] >= floor, f"held-out (v1.1) indicators {metric} {s[metric]} fell below its floor {floor}"


@pytest.mark.parametrize("mode", ["default", "rules", "both"])
def test_indicators_heldout2(shared: Path, mode: str) -> None:
    """The held-out set of issue 12 (labelled before any training): the default pipeline (cue rules only:
    ``indicators.v6`` in session 7, ``indicators.v7`` in session 8, ``indicators.v8`` since session 9), and ``indicators.v2`` with its rules alone
    (``indicators.v5``) and with the learned model."""
    s = evaluate_indicators(ROOT / "gold" / "heldout2" / "indicators_heldout2.jsonl",
                            mode=None if mode == "default" else mode)
    assert s["sha1_mismatches"] == 0
    for metric, floor in FLOORS["indicators_heldout2"][mode].items():
        assert s[metric] >= floor, f"held-out2 ({mode}) indicators {metric} {s[metric]} fell below its floor {floor}"
