"""``moralewatch eval`` never scores a document it could not read as a document where nothing was found: a stage
that fails on a gold document (here: one that loads a data file it does not declare, E106), an error line in a
prediction file, or a gold document missing from it, is a coded error naming the documents."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from moralewatch import api, lexicons
from moralewatch.errors import MoraleWatchError
from moralewatch.eval import entities as eval_entities
from moralewatch.eval import indicators as eval_indicators
from moralewatch.eval import quotes as eval_quotes
from moralewatch.eval import turns as eval_turns
from moralewatch.eval.common import read_pred
from moralewatch.model import Document
from moralewatch.pipeline import Pipeline, Registration, registry_of, stage


def _undeclared(doc: Document, config: Mapping[str, Any]) -> None:
    lexicons.lines("quotes/cues.tsv")  # declared by no registration below: E106 at run time


def _failing_pipeline() -> Pipeline:
    sneaky = stage("evalfail_sneaky.v1", requires=("text",), provides=("y",))(_undeclared)
    return Pipeline(["evalfail_sneaky.v1"], registry=registry_of([Registration(sneaky, data=("indicators/",))]))


def test_the_failing_stage_really_fails_the_extract_line() -> None:
    """The premise: extract_line never raises; it gives an error line with empty predictions."""
    out = api.extract_line(json.dumps({"id": "d1", "text": "Morale is low."}), 1, _failing_pipeline())
    assert out["quotes"] == [] and out["error"] is not None


def test_quotes_eval_refuses_a_document_the_pipeline_failed_on() -> None:
    docs = [eval_quotes.GoldDoc("gold-7", "He said: \"We have no shells.\"", [])]
    with pytest.raises(MoraleWatchError) as e:
        eval_quotes.predict(docs, None, pipeline=_failing_pipeline())
    assert e.value.code == "E403" and "gold-7" in e.value.message


def test_indicators_eval_refuses_a_document_the_pipeline_failed_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("moralewatch.stages.default_pipeline", lambda *a, **k: _failing_pipeline())
    with pytest.raises(MoraleWatchError) as e:
        eval_indicators.predict([eval_indicators.GoldDoc("gold-8", "Morale is low.", [])])
    assert e.value.code == "E403" and "gold-8" in e.value.message


def test_entities_eval_refuses_a_document_the_pipeline_failed_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "_PIPELINE", _failing_pipeline())
    with pytest.raises(MoraleWatchError) as e:
        eval_entities._predict([{"id": "gold-9", "text": "Shelling near Kramatorsk."}])
    assert e.value.code == "E403" and "gold-9" in e.value.message


def test_turns_eval_refuses_a_transcript_the_pipeline_failed_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("moralewatch.stages.default_pipeline", lambda *a, **k: _failing_pipeline())
    doc = eval_turns.GoldTranscript("t1", "c", "interview", "Q: Are you tired?\nA: Very.", 25, [], {})
    with pytest.raises(MoraleWatchError) as e:
        eval_turns.predict(doc)
    assert e.value.code == "E403" and "t1" in e.value.message


def _pred_file(tmp_path: Path, lines: list[dict[str, Any]]) -> Path:
    p = tmp_path / "pred.jsonl"
    p.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return p


def test_an_error_line_for_a_gold_document_is_refused(tmp_path: Path) -> None:
    pred = _pred_file(tmp_path, [
        {"id": "a", "quotes": [{"start": 0, "end": 3}], "indicators": [], "entities": [], "error": None},
        {"id": "b", "quotes": [], "indicators": [], "entities": [],
         "error": {"code": "stage_failed", "message": "PipelineError: E106"}},
    ])
    with pytest.raises(MoraleWatchError) as e:
        read_pred(pred, "quotes", ["a", "b"])
    assert e.value.code == "E408" and "b (stage_failed)" in e.value.message
    # the same file scores when the failed document is not one the gold set names
    assert read_pred(pred, "quotes", ["a"]) == {"a": [{"start": 0, "end": 3}], "b": []}


def test_a_gold_document_missing_from_the_predictions_is_refused(tmp_path: Path) -> None:
    pred = _pred_file(tmp_path, [{"id": "a", "quotes": [], "indicators": [], "entities": [], "error": None}])
    with pytest.raises(MoraleWatchError) as e:
        read_pred(pred, "indicators", ["a", "gold-missing"])
    assert e.value.code == "E409" and "gold-missing" in e.value.message
