"""indicators.v14 (issue 12, session 15): the CheckList suite of the codebook's constructions
(``tests/checklist/en_templates.py``) pinned as floors for v14, a handful of its cases named, and v14's floors on the
seed gold and dev v1.1. Every sentence is invented from the codebook; each side test has its mirror (rule 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from moralewatch.api import extract_line
from moralewatch.eval import indicators as indicator_eval
from moralewatch.pipeline import Pipeline
from moralewatch.stages import default_pipeline
from tests.checklist import en_templates as suite

ROOT = Path(__file__).resolve().parents[1]


def _pipeline(stage: str) -> Pipeline:
    return Pipeline([n if not n.startswith("indicators.v") else stage for n in default_pipeline().names])


V8, V12, V14 = (_pipeline(f"indicators.v{v}") for v in (8, 12, 14))


def items(text: str, pipeline: Pipeline) -> list[dict[str, Any]]:
    res = extract_line(json.dumps({"id": "t", "text": text}), 0, pipeline)
    assert res["error"] is None
    return res["indicators"]


def found(text: str, pipeline: Pipeline) -> set[tuple[str, str, bool, bool]]:
    return {(i["indicator"], i["subject_side"], bool(i["hedged"]), bool(i["negated"])) for i in items(text, pipeline)}


#: pass-rate floors of v14 on the suite (measured when pinned: MFT 728/728, INV 499/499, DIR 72/72; suite b, written
#: after the rules were final and never used to change one, MFT-b 56/110, v8 and v12 26/110). A capability check on
#: invented sentences, not an accuracy figure: the rules of v14 were written against MFT, INV and DIR.
FLOORS = {"MFT": 0.99, "INV": 0.99, "DIR": 0.99, "MFT-b": 0.5}


def test_suite_is_deterministic_and_sized() -> None:
    a, b = suite.cases(), suite.cases()
    assert [c.id for c in a] == [c.id for c in b] and [c.text for c in a] == [c.text for c in b]
    assert len({c.id for c in a}) == len(a)
    assert 300 <= len(a) <= 2000
    assert {c.test for c in a} == {"MFT", "INV", "DIR", "MFT-b"}
    assert all(c.base in {x.id for x in a} for c in a if c.kind == "same_as")


def test_v14_suite_pass_rates() -> None:
    cases = suite.cases()
    outputs = {c.id: items(c.text, V14) for c in cases}
    for test, floor in FLOORS.items():
        mine = [c for c in cases if c.test == test]
        rate = sum(suite.check(c, outputs[c.id], outputs) for c in mine) / len(mine)
        assert rate >= floor, f"v14 {test} pass rate {rate:.3f} fell below {floor}"


@pytest.mark.parametrize(("words", "indicator"), [
    ("We have no shells", "supply_shortage"),
    ("We have not had artillery shells for a week", "supply_shortage"),
    ("The fuel never arrived", "supply_shortage"),
    ("Half of my company is wounded", "heavy_losses"),
    ("Of 120 men in our battalion, 12 came back", "heavy_losses"),
    ("Many soldiers in the company want to surrender", "surrender_desertion"),
    ("I refused to go on the assault", "surrender_desertion"),
    ("They send us to our deaths", "expendable"),
])
def test_named_cases_v14_finds_and_v8_missed(words: str, indicator: str) -> None:
    """The session-15 probe's misses: a soldier's first-person words named by an apposition, both armies."""
    for side, adjective in suite.SIDES.items():
        text = f'"{words}," said Oleksandr, a {adjective} infantryman.'
        assert (indicator, side, False, False) in found(text, V14), text
        assert not any(k[0] == indicator for k in found(text, V8)), text  # what v14 adds


@pytest.mark.parametrize("text", [
    '"We have no water," said Olena, a villager in Kupiansk.',  # a civilian's hardship (codebook rule 13)
    '"We ran out of medicine," said Olena, a pensioner who stayed in Bakhmut.',
    "The airline ran out of cash and filed for bankruptcy protection on Monday.",  # another sense
    "The team surrendered a two-goal lead in the second half.",
])
def test_v14_hard_negatives(text: str) -> None:
    assert not any(k[0] == "supply_shortage" or k[0] == "surrender_desertion" for k in found(text, V14))


def test_v14_hedge_and_denial() -> None:
    assert ("surrender_desertion", "ru", True, False) in found(
        "Dozens of Russian soldiers near Bakhmut have reportedly deserted.", V14)
    assert ("morale_low", "ua", True, False) in found("Morale among Ukrainian troops near Avdiivka is reportedly low.", V14)
    denied = found('"Morale in our company is not low," said Oleksandr, a Ukrainian infantryman.', V14)
    assert ("morale_low", "ua", False, True) in denied and ("morale_low", "ua", False, False) not in denied
    assert ("morale_low", "ua", False, False) in found(
        '"Morale in our company is not low," said Oleksandr, a Ukrainian infantryman.', V12)  # what v14 fixes


@pytest.mark.parametrize(("adjective", "side"), [("Russian", "ru"), ("Ukrainian", "ua")])
def test_v14_a_soldiers_confession_is_his_own_sides(adjective: str, side: str) -> None:
    """"We were ordered to fire at everyone, even civilians" in a soldier's words is his own side's act (v12 gave
    `ru` for both armies); "they fire at everyone" stays the other side's."""
    text = f'"We were ordered to fire at everyone, even civilians," a {adjective} soldier said.'
    assert {k[:2] for k in found(text, V14)} == {("orders_against_civilians", side)}
    other = suite.OTHER[side]
    assert {k[:2] for k in found(f'"They fire at everyone, even civilians," a {adjective} soldier said.', V14)} == \
        {("orders_against_civilians", other)}


def test_v14_leaves_the_quote_unchanged() -> None:
    """The apposition's role is the tagger's reading only: the quote keeps the quote stage's role."""
    text = '"We have no shells," said Oleksandr, a Ukrainian infantryman.'
    res = extract_line(json.dumps({"id": "t", "text": text}), 0, V14)
    base = extract_line(json.dumps({"id": "t", "text": text}), 0, V8)
    assert res["quotes"] == base["quotes"]


def _predict_v14(docs: list[indicator_eval.GoldDoc], mode: str | None = None) -> dict[str, list[dict[str, Any]]]:
    return {d.id: items(d.text, V14) for d in docs}


@pytest.mark.parametrize("gold", ["seed_gold", "dev_v11"])
def test_v14_floors(shared: Path, gold: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """v14 on the seed gold (every seed indicator still found) and dev v1.1, pinned in tests/floors/indicators.json
    (key ``v14``)."""
    floors = json.loads((ROOT / "tests" / "floors" / "indicators.json").read_text(encoding="utf-8"))["v14"][gold]
    monkeypatch.setattr(indicator_eval, "predict", _predict_v14)
    path = shared / "examples" / "gold" if gold == "seed_gold" else ROOT / "gold" / "v11" / "indicators_dev.jsonl"
    scores = indicator_eval.evaluate(path)
    assert scores["sha1_mismatches"] == 0
    for key, floor in floors["min"].items():
        assert scores[key] >= floor, f"v14 {gold} {key} {scores[key]} fell below its floor {floor}"
    for key, ceiling in floors.get("max", {}).items():
        assert scores[key] <= ceiling, f"v14 {gold} {key} {scores[key]} rose above its ceiling {ceiling}"


@pytest.mark.parametrize(("key", "gold"), [("indicators_v11", "gold/v11/heldout/indicators_heldout.jsonl"),
                                           ("indicators_heldout2", "gold/heldout2/indicators_heldout2.jsonl")])
def test_v14_heldout_floors(shared: Path, key: str, gold: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """v14 on the held-out sets (measured once, never tuned on), pinned in tests/floors/heldout.json (key ``v14``)."""
    floors = json.loads((ROOT / "tests" / "floors" / "heldout.json").read_text(encoding="utf-8"))["v14"][key]
    monkeypatch.setattr(indicator_eval, "predict", _predict_v14)
    scores = indicator_eval.evaluate(ROOT / gold)
    assert scores["sha1_mismatches"] == 0
    for metric, floor in floors.items():
        assert scores[metric] >= floor, f"v14 {key} {metric} {scores[metric]} fell below its floor {floor}"
