"""The learned indicator detector (issue 12): the shipped model loads and answers, the stage's modes, the rules
alone unchanged, and a missing or damaged model file stopping the pipeline's build with E109 and its fix."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from moralewatch.api import analyze_text
from moralewatch.indicators import learned
from moralewatch.indicators.learned import SentenceContext, ngrams
from moralewatch.model import INDICATORS
from moralewatch.stages import default_pipeline

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "moralewatch" / "data"
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))


def test_the_shipped_model_loads_and_gives_probabilities() -> None:
    model = learned.load("both")
    assert model.indicators == INDICATORS
    assert len(model.data_hash) == 64 and model.version.startswith("indicators-model.")
    texts = ["Morale in the unit is very low, nobody wants to fight.", "The bank reported losses in the quarter.", ""]
    p = model.probabilities(texts, [SentenceContext()] * 3)
    assert p.shape == (3, len(INDICATORS))
    assert np.all((p >= 0) & (p <= 1))
    assert np.all(model.thresholds > 0) and np.all(model.thresholds < 1)


def test_the_rules_verdict_is_a_feature() -> None:
    """The same sentence with the rules having fired on it for an indicator is more likely that indicator."""
    model = learned.load("both")
    text = "Soldiers said they were exhausted and had run out of ammunition."
    k = INDICATORS.index("supply_shortage")
    without = model.probabilities([text], [SentenceContext()])[0, k]
    with_rule = model.probabilities([text], [SentenceContext(frozenset({"supply_shortage"}))])[0, k]
    assert with_rule > without


def test_ngrams_are_words_and_pairs() -> None:
    assert ngrams("We were told it's training") == ["we", "were", "told", "it's", "training", "we were", "were told",
                                                    "told it's", "it's training"]


def test_side_model_abstains_or_names_a_party() -> None:
    model = learned.load("both")
    for text in ("Russian soldiers surrendered in droves.", "It was raining."):
        side, p = model.side(text, SentenceContext())
        assert side in ("ru", "ua", "unknown") and 0 <= p <= 1


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_rules_mode_is_indicators_v1(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    from moralewatch.pipeline import Pipeline

    names = default_pipeline().names
    v1 = analyze_text(text, Pipeline([n if n != "indicators.v8" else "indicators.v5" for n in names]))
    v2 = analyze_text(text, Pipeline([n if n != "indicators.v8" else "indicators.v2" for n in names],
                                     {"indicators.v2": {"mode": "rules"}}))
    assert [(i.indicator, i.start, i.end, i.subject_side) for i in v1.indicators] == \
        [(i.indicator, i.start, i.end, i.subject_side) for i in v2.indicators]


@pytest.mark.parametrize("mode", ["both", "model"])
def test_model_modes_give_valid_evidence(mode: str) -> None:
    from moralewatch.pipeline import Pipeline

    names = [n if n != "indicators.v8" else "indicators.v2" for n in default_pipeline().names]
    pipe = Pipeline(names, {"indicators.v2": {"mode": mode}})
    for path in EXAMPLES:
        doc = analyze_text(path.read_text(encoding="utf-8"), pipe)
        assert doc.indicators, path.name
        for ind in doc.indicators:
            assert doc.text[ind.start:ind.end] == ind.text and ind.end > ind.start
            assert ind.indicator in INDICATORS and ind.subject_side in ("ru", "ua", "unknown")
            assert 0.0 <= ind.confidence <= 1.0


def test_an_unknown_mode_is_refused_when_built() -> None:
    from moralewatch.errors import PipelineError
    from moralewatch.pipeline import Pipeline

    with pytest.raises(PipelineError) as e:
        Pipeline(["segment.v1", "quotes.v2", "indicators.v2"], {"indicators.v2": {"mode": "guess"}})
    assert e.value.code == "E105"


@pytest.mark.parametrize("damage", ["missing", "corrupt", "truncated"])
def test_a_missing_or_damaged_model_stops_the_build_with_E109(tmp_path: Path, damage: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    target = data / "models" / "indicators" / "weights.npz"
    if damage == "missing":
        target.unlink()
    elif damage == "corrupt":
        target.write_bytes(b"not a numpy archive")
    else:
        target.write_bytes(target.read_bytes()[:1000])
    code = ("from moralewatch.pipeline import Pipeline\n"
            "from moralewatch.errors import MoraleWatchError\n"
            "try:\n"
            "    Pipeline(['segment.v1', 'quotes.v2', 'indicators.v2'])\n"
            "except MoraleWatchError as e:\n"
            "    print(e.code, e.fix)\n")
    proc = subprocess.run([sys.executable, "-c", code], env={**os.environ, "MORALEWATCH_DATA": str(data)},
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("E109 "), proc.stdout + proc.stderr
    assert "make train" in proc.stdout


def test_meta_records_what_the_model_learned_from() -> None:
    meta = json.loads((DATA / "models" / "indicators" / "meta.json").read_text(encoding="utf-8"))
    assert meta["training"]["sentences"] > 0 and meta["data_hash"]
    assert set(meta["cross_validation"]) >= {"both", "model", "side"}


def test_the_ablations_replace_the_english_indicator_stage_only() -> None:
    """``eval indicators --mode`` swaps the default English indicator stage for the learned detector and keeps the
    Russian/Ukrainian one (it used to turn indicators.ruuk.* into a second indicators.v2)."""
    from moralewatch.eval.indicators import ablation_stages
    from moralewatch.stages import default_pipeline

    names = ablation_stages(default_pipeline().names)
    assert names.count("indicators.v2") == 1
    assert any(n.startswith("indicators.ruuk.") for n in names)
