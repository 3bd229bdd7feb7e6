"""Turns of real transcripts (issue 19): the scores of `moralewatch eval turns` on gold/transcripts, pinned as
floors (tests/floors/turns.json). Needs the corpora under ``shared/`` (the ``shared`` fixture skips without it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moralewatch.eval.turns import evaluate

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "floors" / "turns.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("split", ["dev", "dev_b", "heldout", "heldout_b"])
def test_turns_of_real_transcripts(shared: Path, split: str) -> None:
    r = evaluate(str(ROOT / "gold" / "transcripts" / f"turns_{split}.jsonl"))
    assert r["gold_turns"] > 50
    for metric, floor in FLOORS[split].items():
        assert r[metric] >= floor, f"{split} turns {metric} {r[metric]} fell below its floor {floor}"
