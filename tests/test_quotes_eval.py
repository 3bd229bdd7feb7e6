"""The quote scorer: its matching conventions, and the pinned floors on PolNeAR dev and the seed gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from moralewatch.eval.quotes import GoldDoc, Unit, command, drop_nested, evaluate, match, score, speaker_right

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "floors" / "quotes.json").read_text())


@pytest.fixture(scope="module")
def dev(shared: Path) -> dict:
    return evaluate(str(shared / "data" / "quotes" / "polnear_dev.jsonl"))


@pytest.mark.parametrize("group", sorted(FLOORS["polnear_dev"]))
def test_polnear_dev_meets_floors(dev: dict, group: str) -> None:
    got = dev[group]
    figures = {"ggt30_f1": got["ggt30"]["f1"], "ggt80_f1": got["ggt80"]["f1"], "exact_f1": got["exact"]["f1"],
               "speaker_accuracy": got["speaker_accuracy"]}
    for key, floor in FLOORS["polnear_dev"][group].items():
        assert figures[key] >= floor, f"{group} {key} {figures[key]} fell below its floor {floor}"


def test_seed_gold_meets_floors(shared: Path) -> None:
    got = evaluate(str(shared / "examples" / "gold"))["all"]
    assert got["gold"] == 28
    for key, floor in FLOORS["seeds"].items():
        assert got[key] >= floor, f"seeds {key} {got[key]} fell below its floor {floor}"


def test_matching_is_one_to_one_and_maximal() -> None:
    text = "x" * 200
    gold = [Unit(0, 40, "indirect"), Unit(42, 80, "partial")]
    pred = [Unit(0, 80, "mixed"), Unit(42, 80, "partial")]
    assert match(text, gold, pred, 0.3) == [(0, 0), (1, 1)]  # the long one must not take the partial's gold
    assert match(text, gold, [Unit(0, 10, "indirect")], 0.3) == []  # 25% of the gold is not enough
    assert match(text, gold, [Unit(0, 13, "indirect")], 0.3) == [(0, 0)]


def test_exact_match_ignores_marks_and_punctuation() -> None:
    text = "He said: “We are tired.” Then he left."
    gold = [Unit(9, 24, "direct")]  # “We are tired.”
    assert match(text, gold, [Unit(10, 22, "direct")], None) == [(0, 0)]
    assert match(text, gold, [Unit(10, 16, "direct")], None) == []


def test_speaker_by_span_or_by_name() -> None:
    g = Unit(0, 5, "direct", "Hillary Clinton", 10, 25)
    assert speaker_right(g, Unit(0, 5, "direct", "she", 20, 23))
    assert speaker_right(g, Unit(0, 5, "direct", "Clinton", 40, 47))
    assert not speaker_right(g, Unit(0, 5, "direct", "Donald Trump", 40, 52))


def test_nested_partials_are_dropped_for_polnear_only_when_asked() -> None:
    preds = [Unit(0, 50, "mixed"), Unit(10, 20, "partial"), Unit(60, 70, "partial")]
    assert [p.start for p in drop_nested(preds)] == [0, 60]
    doc = GoldDoc("d", "x" * 100, [Unit(0, 50, "mixed")])
    assert score([doc], {"d": preds}, "drop")["all"]["pred"] == 2
    assert score([doc], {"d": preds}, "keep")["all"]["pred"] == 3


def test_command_help_ends_with_an_example(shared: Path) -> None:
    r = CliRunner().invoke(command, ["--help"])
    assert r.exit_code == 0 and "Example:" in r.output
    r = CliRunner().invoke(command, [str(shared / "examples" / "gold"), "--json"])
    assert r.exit_code == 0 and json.loads(r.output)["all"]["found"] == 28


def _offset_gold(tmp_path: Path, sha1: str) -> Path:
    corpora = tmp_path / "shared" / "data" / "corpora"
    corpora.mkdir(parents=True)
    text = "Troops were exhausted, a commander said. “We have no fuel,” one soldier told the BBC."
    (corpora / "mini.jsonl").write_text(json.dumps({"id": "a1", "text": text}) + "\n", encoding="utf-8")
    start = text.index("We have")
    end = text.index(",”")
    quote = {"start": start, "end": end, "sha1": sha1, "kind": "direct", "speaker": "one soldier",
             "speaker_start": text.index("one soldier"), "speaker_end": text.index(" told"),
             "speaker_role": "soldier", "side": "unknown", "channel": "interview", "via": ["the BBC"]}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a1", "corpus": "mini", "quotes": [quote]}) + "\n", encoding="utf-8")
    return gold


def test_offset_gold_reads_its_text_from_the_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib

    monkeypatch.setenv("MORALEWATCH_SHARED", str(tmp_path / "shared"))
    sha = hashlib.sha1(b"We have no fuel").hexdigest()[:12]
    got = evaluate(str(_offset_gold(tmp_path, sha)))["all"]
    assert got["gold"] == 1 and got["found"] == 1 and got["speaker_right"] == 1
    assert got["role_right"] == 1 and got["channel_right"] == 1  # the labels of offset gold are scored too


def test_offset_gold_with_a_moved_span_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from moralewatch.errors import MoraleWatchError

    monkeypatch.setenv("MORALEWATCH_SHARED", str(tmp_path / "shared"))
    with pytest.raises(MoraleWatchError, match="sha1"):
        evaluate(str(_offset_gold(tmp_path, "000000000000")))


def _figures(got: dict) -> dict[str, float]:
    found = got["found"]
    return {"ggt30_p": got["ggt30"]["p"], "ggt30_f1": got["ggt30"]["f1"], "exact_f1": got["exact"]["f1"],
            "speaker_accuracy": got["speaker_accuracy"], "role_share": got["role_right"] / found,
            "side_share": got["side_right"] / found, "channel_share": got["channel_right"] / found}


WAR_AND_WEB = [("war_dev", "gold/quotes_war_dev.jsonl"), ("war_heldout", "gold/heldout/quotes_war_heldout.jsonl"),
               ("web_heldout", "gold/quotes_web/quotes_heldout.jsonl")]


@pytest.mark.parametrize("name,path", WAR_AND_WEB)
def test_war_reporting_gold_meets_floors(shared: Path, name: str, path: str) -> None:
    figures = _figures(evaluate(str(ROOT / path))["all"])
    for key, floor in FLOORS[name].items():
        assert figures[key] >= floor - 5e-4, f"{name} {key} {figures[key]:.4f} fell below its floor {floor}"


@pytest.mark.parametrize("version", ["quotes.v3", "quotes.v4", "quotes.v5", "quotes.v6"])
@pytest.mark.parametrize("name,path", WAR_AND_WEB + [("polnear_dev", "")])
def test_registered_quote_stages_meet_their_floors(shared: Path, name: str, path: str, version: str) -> None:
    """quotes.v3, v4 and v5 (registered, not the default: see the floors' notes) measured with the default
    pipeline's other stages, so that their figures are pinned as well."""
    from moralewatch.pipeline import Pipeline
    from moralewatch.stages import DEFAULT, REGISTRY

    floors = FLOORS[version.replace(".", "_")].get(name)
    if floors is None:
        pytest.skip(f"no {name} floor for {version}")
    pipe = Pipeline(tuple(version if s.startswith("quotes.v") else s for s in DEFAULT), None, REGISTRY)
    gold = str(shared / "data/quotes/polnear_dev.jsonl") if name == "polnear_dev" else str(ROOT / path)
    got = evaluate(gold, pipeline=pipe)["all"]
    figures = {"ggt30_f1": got["ggt30"]["f1"], "speaker_accuracy": got["speaker_accuracy"]} \
        if name == "polnear_dev" else _figures(got)
    for key, floor in floors.items():
        assert figures[key] >= floor - 5e-4, f"{version} {name} {key} {figures[key]:.4f} fell below its floor {floor}"


def test_polnear_dev_direct_and_mixed_with_kinds_read_off_the_marks(shared: Path) -> None:
    got = evaluate(str(shared / "data" / "quotes" / "polnear_dev.jsonl"), kinds="marks")["direct+mixed"]
    figures = {"ggt30_f1": got["ggt30"]["f1"], "exact_f1": got["exact"]["f1"], "speaker_accuracy": got["speaker_accuracy"]}
    for key, floor in FLOORS["polnear_dev_kinds_from_marks"]["direct+mixed"].items():
        assert figures[key] >= floor, f"direct+mixed (kinds from marks) {key} {figures[key]} fell below {floor}"


def test_a_lone_pronoun_piece_of_a_polnear_quote_stays_with_the_next_piece() -> None:
    from moralewatch.eval.quotes import _polnear_units

    text = "Spending fell to 1.08 percent, which he said would be its lowest ever."
    a = text.index("which")
    b = text.index("would")
    q = {"kind": "indirect", "fragments": [[a, a + 5], [b, len(text) - 1]], "speaker": "he"}
    units = _polnear_units(text, q, "spec")
    assert len(units) == 1 and units[0].extra["fragments"] == [(a, a + 5), (b, len(text) - 1)]
    pred = [Unit(b, len(text) - 1, "indirect")]
    assert match(text, units, pred, 0.3) == [(0, 0)]  # the words said cover the quote; "which" is nobody's words
