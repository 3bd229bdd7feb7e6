"""`moralewatch eval indicators`: the scorer's arithmetic, the gold readers, the CLI, and the pinned floors."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from moralewatch.cli import main
from moralewatch.errors import MoraleWatchError
from moralewatch.eval.indicators import GoldDoc, ece, evaluate, match, prf, read_dev, score

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "floors" / "indicators.json").read_text(encoding="utf-8"))


def item(ind: str, s: int, e: int, side: str = "ru", **kw: object) -> dict:
    return {"indicator": ind, "start": s, "end": e, "subject_side": side, **kw}


def test_prf_and_ece_arithmetic() -> None:
    assert prf(3, 1, 2) == (0.75, 0.6, 0.6667)
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)
    assert ece([(0.9, True)] * 9 + [(0.9, False)]) == 0.0  # 90% sure, 90% right
    assert ece([(1.0, False), (0.0, True)]) == 1.0
    assert ece([(0.75, True), (0.75, False)]) == 0.25


def test_matching_is_one_to_one_same_indicator_largest_overlap_first() -> None:
    gold = [item("fear", 0, 10), item("fear", 20, 30), item("trauma", 0, 10)]
    pred = [item("fear", 5, 25), item("fear", 22, 40), item("trauma", 40, 50)]
    pairs = dict(match(gold, pred))
    assert pairs == {1: 1, 0: 0}  # pred 0 overlaps both golds; pred 1 takes gold 1 (larger overlap)


def test_score_counts_spans_documents_sides_flags_and_unannotated_regions() -> None:
    gold = GoldDoc("d", "x" * 100, [item("fear", 0, 10, hedged=True, negated=False), item("expendable", 50, 60)],
                   regions=[(0, 10), (50, 60)])
    preds = {"d": [item("fear", 2, 8, "ua", hedged=True, negated=False, confidence=0.9),
                   item("trauma", 50, 55, confidence=0.2),
                   item("morale_low", 80, 90, confidence=0.5)]}  # outside the annotated quotes: unscored
    s = score([gold], preds).as_dict()
    assert (s["tp"], s["pred"], s["gold"], s["unscored_predictions"]) == (1, 2, 2, 1)
    assert s["span_f1"] == 0.5 and s["doc_f1"] == 0.5
    assert s["subject_side_agreement"] == 0.0 and s["hedged_accuracy"] == 1.0
    assert s["per_indicator"]["trauma"]["pred"] == 1 and s["per_indicator"]["expendable"]["gold"] == 1


def _fake_shared(tmp_path: Path, text: str) -> Path:
    corpora = tmp_path / "shared" / "data" / "corpora"
    corpora.mkdir(parents=True)
    (corpora / "toy.jsonl").write_text(json.dumps({"id": "a1", "text": text}) + "\n", encoding="utf-8")
    return tmp_path / "shared"


def test_dev_reader_checks_sha1_and_reads_text_from_shared(tmp_path: Path) -> None:
    text = "Officials said Russian troops were demoralized and short of fuel."
    shared = _fake_shared(tmp_path, text)
    s, e = text.index("Russian"), len(text)
    good = hashlib.sha1(text[s:e].encode()).hexdigest()[:12]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a1", "corpus": "toy", "indicators": [
        item("morale_low", s, e, sha1=good), item("supply_shortage", s, e, sha1="000000000000")]}) + "\n")
    docs, bad = read_dev(gold, shared)
    assert bad == 1 and docs[0].text == text and [i["indicator"] for i in docs[0].items] == ["morale_low"]
    gold.write_text(json.dumps({"id": "zz", "corpus": "toy", "indicators": []}) + "\n")
    with pytest.raises(MoraleWatchError):
        read_dev(gold, shared)


def test_cli_scores_a_prediction_file_and_documents_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Officials said Russian troops were demoralized."
    monkeypatch.setenv("MORALEWATCH_SHARED", str(_fake_shared(tmp_path, text)))
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a1", "corpus": "toy", "indicators": [item("morale_low", 0, len(text))]}))
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"id": "a1", "indicators": [item("morale_low", 15, 30, confidence=1.0)]}))
    runner = CliRunner()
    res = runner.invoke(main, ["eval", "indicators", str(gold), str(pred), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["span_f1"] == 1.0 and out["ece"] == 0.0
    res = runner.invoke(main, ["eval", "indicators", str(gold)])  # no PRED: the pipeline runs
    assert res.exit_code == 0 and "span" in res.output and "morale_low" in res.output
    helptext = runner.invoke(main, ["eval", "indicators", "--help"]).output
    assert "Example:" in helptext


def _check(scores: dict, floors: dict) -> None:
    for key, floor in floors.get("min", {}).items():
        assert scores[key] >= floor, f"{key} {scores[key]} fell below its floor {floor}"
    for key, ceiling in floors.get("max", {}).items():
        assert scores[key] <= ceiling, f"{key} {scores[key]} rose above its ceiling {ceiling}"


def test_seed_gold_floors(shared: Path) -> None:
    _check(evaluate(shared / "examples" / "gold"), FLOORS["seed_gold"])


def test_dev_set_floors(shared: Path) -> None:
    gold = ROOT / "gold" / "indicators_dev.jsonl"
    scores = evaluate(gold)
    assert scores["sha1_mismatches"] == 0
    _check(scores, FLOORS["dev"])


def test_dev_v11_floors(shared: Path) -> None:
    """The dev set adjudicated to codebook v1.1 (the set the figures of the README use)."""
    scores = evaluate(ROOT / "gold" / "v11" / "indicators_dev.jsonl")
    assert scores["sha1_mismatches"] == 0
    _check(scores, FLOORS["dev_v11"])
