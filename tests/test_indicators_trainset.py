"""The sentence-level scorer of the training rounds (moralewatch.indicators.trainset, scripts/score_train_indicators.py):
invented rows and predictions, no corpus text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moralewatch.errors import MoraleWatchError
from moralewatch.indicators import trainset

TEXT = "Our soldiers are tired. The enemy lost many men. Thank you, warriors of the brigade! Prices rose."


def _row(start: int, end: int, labels: list[tuple[str, str]], note: str = "") -> dict[str, object]:
    row: dict[str, object] = {"corpus": "c", "id": "d1", "start": start, "end": end, "sha1": "x",
                              "source_type": "official", "labels": [{"indicator": i, "subject_side": s}
                                                                    for i, s in labels]}
    return row | ({"note": note} if note else {})


@pytest.fixture()
def train(tmp_path: Path) -> Path:
    spans = [(0, 23), (24, 48), (49, 84), (85, 97)]
    rows = [_row(*spans[0], [("supply_shortage", "ua")]), _row(*spans[1], [("heavy_losses", "ru")]),
            _row(*spans[2], [("morale_boosting", "ua")], note="thanks"), _row(*spans[3], [])]
    (tmp_path / "indicators_train_a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return tmp_path


def test_sentence_scores_per_indicator_with_side(train: Path) -> None:
    sentences = trainset.read_rounds(train, ["a"])
    preds = {"d1": [
        {"indicator": "heavy_losses", "subject_side": "ua", "start": 24, "end": 48, "confidence": 0.7},
        {"indicator": "morale_low", "subject_side": "ua", "start": 0, "end": 23, "confidence": 0.4, "rule": "r2"},
        {"indicator": "morale_low", "subject_side": "ua", "start": 0, "end": 22, "confidence": 0.6},
        {"indicator": "morale_boosting", "subject_side": "ua", "start": 49, "end": 84, "confidence": 0.9},
        # a neighbour's evidence that touches the last sentence by two characters does not belong to it
        {"indicator": "fear", "subject_side": "ru", "start": 70, "end": 87, "confidence": 0.5},
    ]}
    results = trainset.outcomes(sentences, preds)
    tab = trainset.table(results)
    rows = tab["per_indicator"]
    assert rows["heavy_losses"] == {"tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0,
                                    "side": 0.0}
    assert rows["supply_shortage"]["fn"] == 1 and rows["morale_low"]["fp"] == 1
    assert ("d1", "morale_low", False, 0.6, "") in trainset.calibration_pairs(results)  # highest confidence
    assert rows["fear"]["fp"] == 1  # belongs to the thanks sentence (most of the evidence is there), not the last
    # annotator a's thanks are neither a miss nor a false alarm unless asked for
    assert "morale_boosting" not in rows
    kinds = {(e["kind"], e["indicator"]) for e in trainset.errors(results, {"d1": TEXT})}
    assert kinds == {("miss", "supply_shortage"), ("false_alarm", "morale_low"), ("side", "heavy_losses"),
                     ("false_alarm", "fear")}
    assert ("d1", "heavy_losses", True, 0.7, "") in trainset.calibration_pairs(results)
    counted = trainset.table(trainset.outcomes(trainset.read_rounds(train, ["a"], thanks=True), preds))
    assert counted["per_indicator"]["morale_boosting"]["tp"] == 1


def test_unknown_round_is_a_coded_error(train: Path) -> None:
    with pytest.raises(MoraleWatchError):
        trainset.read_rounds(train, ["z"])


def test_moved_offsets_are_counted(train: Path) -> None:
    sentences = trainset.read_rounds(train, ["a"])
    assert trainset.mismatched(sentences, {"d1": TEXT}, train, ["a"]) == 4  # every sha1 is "x"
    assert trainset.mismatched(sentences, {}, train, ["a"]) == 4
