"""indicators.v11 (issue 12, session 11): the cue words' other senses in ordinary words refused
(data/indicators/refusals_v11.txt), paraphrase of the official register and of soldiers found (cue rules flagged
[v11]), and v8's and v10's output unchanged. Every example is invented (no corpus sentence); each test of a side has
its mirror for the other army (codebook rule 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from moralewatch.api import analyze_text, extract_line
from moralewatch.eval import indicators as indicator_eval
from moralewatch.indicators import refusals
from moralewatch.indicators.lexicon import load
from moralewatch.pipeline import Pipeline
from moralewatch.stages import default_pipeline


def _pipeline(stage: str) -> Pipeline:
    return Pipeline([n if not n.startswith("indicators.v") else stage for n in default_pipeline().names])


V10, V11 = _pipeline("indicators.v10"), _pipeline("indicators.v11")
ROOT = Path(__file__).resolve().parents[1]
LEAD = "The fighting near the river went on for a third week, with shelling on both banks. "


def found(text: str, pipeline: Pipeline) -> set[tuple[str, str]]:
    return {(i.indicator, i.subject_side) for i in analyze_text(LEAD + text, pipeline).indicators}


def indicators(text: str, pipeline: Pipeline) -> set[str]:
    return {i.indicator for i in analyze_text(LEAD + text, pipeline).indicators}


def _both(text: str) -> list[str]:
    """The sentence about each army ("{a}" is one side's adjective, "{b}" the other's)."""
    return [text.format(a="Russian", b="Ukrainian"), text.format(a="Ukrainian", b="Russian")]


#: (sentence template, indicator): the cue word in another sense; v10 fires on each, v11 must not
OTHER_SENSES = [
    ('"My mom was scared when she heard the news on TV," said a {a} soldier on leave.', "fear"),
    ('"My sister panicked when she could not reach me," said a {a} soldier.', "fear"),
    ("Markets panicked after the {a} troops crossed the border, and the currency fell.", "fear"),
    ("Investors panicked as the {a} army advanced and stocks fell sharply.", "fear"),
    ("Oil prices panicked traders as {a} forces advanced.", "fear"),
    ("Reporters sent panicked messages as {a} forces shelled the city.", "fear"),
    ("Panicked calls flooded the newsroom as {a} missiles hit the city.", "fear"),
    ("{a} troops were scared of the weather, the forecast said, as winter came.", "fear"),
    ("{a} troops are afraid the rain will turn roads to mud, the commander said.", "fear"),
    ('"I\'m scared of the cold more than anything," joked a {a} soldier.', "fear"),
    ("{a} soldiers were exhausted after the marathon held at the base on Sunday.", "morale_low"),
    ("The {a} negotiator surrendered the point on prisoner lists during the talks with the {b} side.",
     "surrender_desertion"),
    ("The senator surrendered the point, agreeing that {a} troops need more shells.", "surrender_desertion"),
    ("The government surrendered its demand on {a} troops' withdrawal in the talks.", "surrender_desertion"),
    ("{a} leaders' determination to fight on was clear, {a} troops kept advancing.", "morale_high"),
    ("The president's determination to fight on was clear as {a} troops kept advancing.", "morale_high"),
    ("The {a} army's ice hockey team suffered heavy losses in the league this season.", "heavy_losses"),
]

#: the cue words in another sense where v10 has no rule but a [v11] rule would fire without its refusal
NEW_RULES_OTHER_SENSES = [
    ("The president keeps pressing Congress to show some courage and ban assault weapons, as {a} troops advance.",
     "morale_high"),
    ("A war photographer who followed the {a} army for a year was decorated with a state award on Monday.",
     "morale_boosting"),
    ("Our soldiers and civilians are being killed and wounded, and {a} civilian infrastructure is being destroyed.",
     "heavy_losses"),
]


@pytest.mark.parametrize(("template", "indicator"), NEW_RULES_OTHER_SENSES)
def test_v11_rules_keep_out_of_other_senses(template: str, indicator: str) -> None:
    """Politicians' courage (the precision check of session 11), a photographer's award, civilians killed."""
    for text in _both(template):
        assert indicator not in indicators(text, V11)


@pytest.mark.parametrize(("template", "indicator"), OTHER_SENSES)
def test_v11_refuses_other_senses_v10_took(template: str, indicator: str) -> None:
    for text in _both(template):
        assert indicator in indicators(text, V10)  # the false alarm the refusal is for
        assert indicator not in indicators(text, V11)


#: (sentence template, indicator, the side of "{a}"): the right sense, near the same words; both versions keep it
RIGHT_SENSES = [
    ('"We were terrified under the shelling, nobody slept," said a {a} soldier who was taken prisoner.', "fear"),
    ("{a} soldiers panicked and fled their positions when the {b} drones appeared.", "fear"),
    ("Panicked radio messages from the {a} unit showed the troops were running out of ammunition.", "fear"),
    ('"I\'m scared every time the drones fly over our trench," said a {a} soldier.', "fear"),
    ("The {a} soldiers were exhausted after weeks of fighting without rotation.", "morale_low"),
    ("Hundreds of {a} soldiers surrendered to {b} forces near the village.", "surrender_desertion"),
    ("The whole {a} company surrendered its weapons and positions to the {b} marines.", "surrender_desertion"),
    ("The {a} troops suffered heavy losses in the assault on the town.", "heavy_losses"),
]


@pytest.mark.parametrize(("template", "indicator"), RIGHT_SENSES)
def test_v11_keeps_the_right_sense(template: str, indicator: str) -> None:
    for text, side in zip(_both(template), ("ru", "ua"), strict=True):
        assert (indicator, side) in found(text, V11)
        assert (indicator, side) in found(text, V10)


def _refused_v11(sentence: str, cue: str, indicator: str = "fear") -> tuple[bool, bool]:
    """Whether v10's and v11's refusals take the cue ``cue`` of ``sentence`` (v10: the v8 refusal files)."""
    start = sentence.index(cue)
    args = (sentence, f"{indicator}/afraid", indicator, (start, start + len(cue)), (0, len(sentence)), True)
    return refusals.refused(*args, version=10), refusals.refused(*args, version=11)


def test_a_relatives_own_fear_is_refused_not_what_a_relative_says_of_the_soldier() -> None:
    """The refusal takes the relative's own feeling ("my mom was scared"); what a relative says of the soldier ("his
    mother said he was terrified") stays a cue."""
    assert _refused_v11("my mom was scared when she heard the news", "scared") == (False, True)
    assert _refused_v11("his mother said he was terrified before each assault", "terrified") == (False, False)
    assert _refused_v11("we are afraid it will rain on the trenches", "afraid") == (False, True)
    assert _refused_v11("we are afraid of the drones over the trenches", "afraid") == (False, False)


#: (sentence template, indicator, side of "{a}"): paraphrase the [v11] rules find; v10 misses each
RECALL = [
    ("The {a} command does not pay attention to the thousands of its killed soldiers.", "expendable"),
    ("The frontline near the village was piled with the bodies of {a} soldiers.", "heavy_losses"),
    ("The {a} warriors are exhausted after months of fighting at the front.", "morale_low"),
    ("{a} forces have relied on strikes on homes, malls and transit centers since spring.",
     "orders_against_civilians"),
    ("The {a} army relied on untargeted artillery barrages to take the town.", "orders_against_civilians"),
]


@pytest.mark.parametrize(("template", "indicator"), RECALL)
def test_v11_paraphrase_rules(template: str, indicator: str) -> None:
    for text, side in zip(_both(template), ("ru", "ua"), strict=True):
        assert indicator not in indicators(text, V10)
        assert (indicator, side) in found(text, V11)


#: an address of each side (its voice words: "the occupiers", "glory to Ukraine"; "the special military operation",
#: "the Kyiv regime") that praises "our soldiers" in a sentence naming the other side's assault
ADDRESSES = [
    ("Our defenders hold the line against the occupiers. Today I thank all our soldiers who defend the city and "
     "demonstrate maximum resilience against the Russian assault. Glory to Ukraine! The occupiers will be driven out "
     "of our land.", "ua"),
    ("Our defenders hold the line near the river. Today I thank all our soldiers who defend the city and demonstrate "
     "maximum resilience against the Ukrainian assault. The special military operation goes on. The Kyiv regime "
     "will fail.", "ru"),
]


@pytest.mark.parametrize(("text", "side"), ADDRESSES)
def test_v11_praise_without_a_speaker_is_the_addresss_side(text: str, side: str) -> None:
    """In an address that speaks for a side, forces that "demonstrate resilience" are that side's, not the side of the
    nearest nationality word; v10 had no rule for it."""
    assert ("morale_high", side) in found(text, V11)
    assert "morale_high" not in indicators(text, V10)


#: an address of each side that counts the awarded as "combatants" (a word FORCE lacks), far from any force word
AWARD_COUNTS = [
    ("Our defenders hold the line. Glory to Ukraine! The occupiers will be driven out of our land. In the evening I "
     "signed a decree. Today 140 combatants were awarded state awards, 9 of them posthumously.", "ua"),
    ("Our soldiers hold the line. The special military operation goes on in Donbass, and our Fatherland is proud of "
     "them. In the evening I signed a decree. Today 140 combatants were awarded state awards, 9 of them "
     "posthumously.", "ru"),
]


@pytest.mark.parametrize(("text", "side"), AWARD_COUNTS)
def test_v11_combatants_are_a_force_for_awards(text: str, side: str) -> None:
    """v11 reads "combatants" and "our warriors" as a military context for awards and praise; v10 did not."""
    assert ("morale_boosting", side) in found(text, V11)
    assert "morale_boosting" not in indicators(text, V10)


def test_v11_rules_are_flagged_for_v11_only() -> None:
    """The [v11] rules and refusals exist, and older versions skip them (their output cannot change)."""
    v11 = [r for r in load().rules if r.since == 11]
    assert {r.indicator for r in v11} >= {"expendable", "heavy_losses", "morale_low", "morale_high",
                                          "morale_boosting", "orders_against_civilians"}
    assert len(refusals.refusal_sets(11)) > len(refusals.refusal_sets(10))
    assert refusals.calibration_file(11).endswith("calibration_v11.json")
    assert refusals.calibration_file(10).endswith("calibration_v8.json")


def test_v11_refusal_file_parses_line_by_line() -> None:
    """Each line of refusals_v11.txt is its own refusal (a bad line raises at load)."""
    extra = refusals.refusal_sets(11)[len(refusals.refusal_sets(10)):]
    assert extra and all(ref.patterns for ref in extra)


def _predict_v11(docs: list[indicator_eval.GoldDoc], mode: str | None = None) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for d in docs:
        res = extract_line(json.dumps({"id": d.id, "text": d.text}), 0, V11)
        assert res["error"] is None
        out[d.id] = res["indicators"]
    return out


@pytest.mark.parametrize("gold", ["seed_gold", "dev_v11"])
def test_v11_floors(shared: Path, gold: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """v11 on the seed gold (every seed indicator still found) and on dev v1.1 (the tuning set), pinned at what v11
    measured (tests/floors/indicators.json, key ``v11``)."""
    floors = json.loads((ROOT / "tests" / "floors" / "indicators.json").read_text(encoding="utf-8"))["v11"][gold]
    monkeypatch.setattr(indicator_eval, "predict", _predict_v11)
    path = shared / "examples" / "gold" if gold == "seed_gold" else ROOT / "gold" / "v11" / "indicators_dev.jsonl"
    scores = indicator_eval.evaluate(path)
    assert scores["sha1_mismatches"] == 0
    for key, floor in floors["min"].items():
        assert scores[key] >= floor, f"v11 {gold} {key} {scores[key]} fell below its floor {floor}"
    for key, ceiling in floors.get("max", {}).items():
        assert scores[key] <= ceiling, f"v11 {gold} {key} {scores[key]} rose above its ceiling {ceiling}"


@pytest.mark.parametrize(("key", "gold"), [("indicators_v11", "gold/v11/heldout/indicators_heldout.jsonl"),
                                           ("indicators_heldout2", "gold/heldout2/indicators_heldout2.jsonl")])
def test_v11_heldout_floors(shared: Path, key: str, gold: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """v11 on the held-out sets (measured once, never tuned on), pinned in tests/floors/heldout.json."""
    floors = json.loads((ROOT / "tests" / "floors" / "heldout.json").read_text(encoding="utf-8"))["v11"][key]
    monkeypatch.setattr(indicator_eval, "predict", _predict_v11)
    scores = indicator_eval.evaluate(ROOT / gold)
    assert scores["sha1_mismatches"] == 0
    for metric, floor in floors.items():
        assert scores[metric] >= floor, f"v11 {key} {metric} {scores[metric]} fell below its floor {floor}"
