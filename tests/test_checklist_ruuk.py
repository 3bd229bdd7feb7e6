"""The CheckList suite of the Russian and Ukrainian indicators (tests/checklist/ruuk_templates.py) and
indicators.ruuk.v13, the version written from its failures (issue 17, session 15).

The suite's pass rates are a capability check (invented sentences of codebook v1.1's constructions), not an accuracy
figure: v13's floors below say which mechanisms it has; its dev floors (tests/floors/ruuk.json) say it costs nothing on
labelled text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moralewatch import lexicons
from moralewatch.errors import PipelineError
from moralewatch.indicators import slavic_v13
from moralewatch.pipeline import Pipeline

from .checklist import ruuk_suite
from .checklist.ruuk_templates import Case, cases, form, verdict
from .test_ruuk_v10 import _scores  # the same scoring of a gold/ruuk set with a given pipeline

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "floors" / "ruuk.json").read_text(encoding="utf-8"))

#: v13's pass rates, pinned about 0.02 below those measured when pinned (session 15: MFT ru 0.927, uk 0.913; INV ru
#: 0.992, uk 0.984; DIR ru 0.940, uk 0.940; all 0.945). v8 passed 0.429 of the cases.
SUITE_FLOORS = {("MFT", "ru"): 0.90, ("MFT", "uk"): 0.89, ("INV", "ru"): 0.97, ("INV", "uk"): 0.96,
                ("DIR", "ru"): 0.92, ("DIR", "uk"): 0.92}


@pytest.fixture(scope="module")
def v13() -> Pipeline:
    return ruuk_suite.pipeline("v13")


@pytest.fixture(scope="module")
def v8() -> Pipeline:
    return ruuk_suite.pipeline("v8")


@pytest.fixture(scope="module")
def results() -> dict[str, ruuk_suite.Result]:
    return {v: ruuk_suite.run(v) for v in ("v8", "v13")}


def test_the_suite_is_deterministic_and_of_its_size() -> None:
    first = cases()
    cases.cache_clear()
    assert cases() == first
    assert 1500 <= len(first) <= 2500
    assert len({c.id for c in first}) == len(first)
    for lang in ("ru", "uk"):
        mine = [c for c in first if c.lang == lang]
        assert {c.test for c in mine} == {"MFT", "INV", "DIR"}
        assert {c.kind for c in mine} == {"found", "army", "clause", "civilian", "sense", "hedge", "negation"}
        assert len({c.indicator for c in mine}) == 18  # every codebook identifier


def test_the_slots_are_inflected() -> None:
    assert form("ru", "снаряд", "plur", "gent") == "снарядов"
    assert form("uk", "набій", "plur", "gent") == "набоїв"
    assert form("ru", "вода", "sing", "ablt") == "водой"
    assert form("uk", "пальне", "sing", "gent") == "пального"
    texts = {c.text for c in cases()}
    assert "Набоїв немає вже тиждень." in texts and "БК закінчився ще позавчора." in texts
    assert "«Со снарядами проблем нет», — сказал российский боец." in texts


def test_verdicts() -> None:
    found = Case("x", "ru", "fear", "MFT", "found", "t", "…", "ru")
    assert verdict(found, [("fear", "ru", False, False)]) is None
    assert verdict(found, [("fear", "ua", False, False)]) == "side ua"
    assert verdict(found, []) == "missed"
    negation = Case("x", "ru", "fear", "DIR", "negation", "t", "…")
    assert verdict(negation, [("fear", "ru", False, True)]) is None
    assert verdict(negation, [("fear", "ru", False, False)]) == "found, not negated"
    hedge = Case("x", "ru", "fear", "DIR", "hedge", "t", "…")
    assert verdict(hedge, [("fear", "ru", False, False)]) == "not hedged"
    clause = Case("x", "ru", "fear", "INV", "clause", "t", "…", None, "base")
    assert verdict(clause, [("fear", "ru", False, False)], [("fear", "ua", False, False)]) == "changed"


def test_v13_pass_rates_hold_their_floors(results: dict[str, ruuk_suite.Result]) -> None:
    got = ruuk_suite.table(results["v13"], "test")
    for key, floor in SUITE_FLOORS.items():
        passed, total = got[key]
        assert passed / total >= floor, f"{key}: {passed}/{total} under {floor}"
    base = ruuk_suite.table(results["v8"], "test")
    for key in SUITE_FLOORS:  # the mechanisms are new: v8 is far under every floor
        assert base[key][0] / base[key][1] < SUITE_FLOORS[key] - 0.2


def test_v13_keeps_the_negatives(results: dict[str, ruuk_suite.Result]) -> None:
    """Other senses of the cue words stay silent, and no denial becomes a plain indicator, in v13 as in v8."""
    for c in cases():
        if c.kind == "sense":
            assert c.id not in results["v13"].failures, c.text
        if c.kind in ("civilian", "negation") and c.id not in results["v8"].failures:
            assert c.id not in results["v13"].failures, c.text


def _one(pipe: Pipeline, lang: str, text: str) -> set[tuple[str, str]]:
    return {(i[0], i[1]) for i in ruuk_suite.items(pipe, lang, text)}


# each: the brief's probe (session 15) and what v13 finds; v8 misses or mis-sides it
NAMED = [
    ("uk", "«Набоїв немає вже тиждень», — розповів український військовий.", ("supply_shortage", "ua")),
    ("ru", "«Половина роты ранена», — сказал украинский боец.", ("heavy_losses", "ua")),
    ("ru", "По словам пленного, многие в роте хотят сдаться.", ("surrender_desertion", "unknown")),
    ("uk", "«Нас кинули командири», — сказав полонений.", ("betrayed_by_command", "unknown")),
    ("ru", "«Снарядов нет уже неделю», — сказал военнопленный.", ("supply_shortage", "unknown")),
    ("uk", "«Бойовий дух у роті на нулі», — сказав російський боєць.", ("morale_low", "ru")),
    ("ru", "«Бойцы специально ломают технику, чтобы не ехать на штурм», — сказал боец ВСУ.", ("sabotage", "ua")),
]


@pytest.mark.parametrize(("lang", "text", "want"), NAMED)
def test_named_cases(v8: Pipeline, v13: Pipeline, lang: str, text: str, want: tuple[str, str]) -> None:
    assert want in _one(v13, lang, text)
    assert want not in _one(v8, lang, text)


def test_a_named_army_keeps_its_side(v13: Pipeline) -> None:
    """The prisoner's «нас» is unknown only when nothing names his army."""
    assert ("betrayed_by_command", "ua") in _one(v13, "ru", "«Нас бросили командиры», — сказал пленный боец ВСУ.")
    assert ("betrayed_by_command", "ru") in _one(v13, "ru",
                                                 "«Нас бросили командиры», — сказал пленный российский солдат.")


@pytest.mark.parametrize(("lang", "text", "indicator"), [
    ("ru", "«Снарядов хватает», — сказал командир роты.", "supply_shortage"),
    ("ru", "«Со снарядами проблем нет», — сказал командир роты.", "supply_shortage"),
    ("uk", "Ми не можемо допустити, аби українці залишилися без їжі.", "supply_shortage"),  # civilians
    ("ru", "Приказ командования: стоять до последнего.", "morale_high"),  # an order, not a state
    ("ru", "Пишут и украинские военные, которые хотят сдаться.", "surrender_desertion"),  # a group, not an intent
    ("ru", "«Командиры нас не бросили», — сказал боец.", "betrayed_by_command"),
])
def test_negatives(v13: Pipeline, lang: str, text: str, indicator: str) -> None:
    assert indicator not in {i[0] for i in _one(v13, lang, text)}


def test_a_v13_hedge_marks_any_item(v8: Pipeline, v13: Pipeline) -> None:
    text = "Снарядов вроде бы не хватает, говорит боец."
    assert ruuk_suite.items(v8, "ru", text) == (("supply_shortage", "ru", False, False),)
    assert ruuk_suite.items(v13, "ru", text) == (("supply_shortage", "ru", True, False),)


def test_a_malformed_v13_cue_line_is_a_coded_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "data"
    (root / "ruuk" / "indicators_v13").mkdir(parents=True)
    (root / "ruuk" / "indicators_v13" / "cues.txt").write_text("fear * - :: паник\\w*\n", encoding="utf-8")
    monkeypatch.setenv("MORALEWATCH_DATA", str(root))
    lexicons._lines.cache_clear()
    slavic_v13._lexicon.cache_clear()
    try:
        with pytest.raises(PipelineError) as e:
            slavic_v13._lexicon()
        assert e.value.code == "E110" and "indicators_v13/cues.txt" in e.value.message
    finally:
        lexicons._lines.cache_clear()
        slavic_v13._lexicon.cache_clear()


@pytest.mark.parametrize(("name", "key"), [("indicators_dev.jsonl", "dev_v13"),
                                           ("indicators_dev_c.jsonl", "dev_c_v13")])
def test_ruuk_v13_dev_floors(shared: Path, v13: Pipeline, name: str, key: str) -> None:
    scores = _scores(v13, ROOT / "gold" / "ruuk" / name)
    assert scores["sha1_mismatches"] == 0
    for metric, floor in FLOORS[key]["min"].items():
        assert scores[metric] >= floor, f"{key} {metric} {scores[metric]} fell below its floor {floor}"
