"""indicators.v12 (issue 12, session 12): the subject side from the actor; and the long-quote slowness of the
tagger fixed with the same output. Every example is invented (no corpus sentence); each test of a side has its
mirror for the other army (codebook rule 2)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from moralewatch.api import analyze_text, extract_line
from moralewatch.eval import indicators as indicator_eval
from moralewatch.indicators import tagger
from moralewatch.indicators.tagger import Hit
from moralewatch.pipeline import Pipeline
from moralewatch.stages import default_pipeline


def _pipeline(stage: str) -> Pipeline:
    return Pipeline([n if not n.startswith("indicators.v") else stage for n in default_pipeline().names])


V8, V10, V11, V12 = (_pipeline(f"indicators.v{v}") for v in (8, 10, 11, 12))
ROOT = Path(__file__).resolve().parents[1]
LEAD = "The fighting near the river went on for a third week, with shelling on both banks. "


def found(text: str, pipeline: Pipeline) -> set[tuple[str, str]]:
    return {(i.indicator, i.subject_side) for i in analyze_text(LEAD + text, pipeline).indicators}


@pytest.mark.parametrize("pipeline", [V8, V10, V11, V12], ids=["v8", "v10", "v11", "v12"])
@pytest.mark.parametrize(("speaker", "side"), [("Zelensky", "ua"), ("Putin", "ru")])
def test_a_long_quote_repeating_a_cue(pipeline: Pipeline, speaker: str, side: str) -> None:
    """One quote of 600 sentences "Our defenders surrendered the …" (hostile input: every cue of a long quote read
    all of the quote's side mentions, each with a search of the text between: minutes at a few thousand
    repetitions). The result is the one item of the quote, about the speaker's own forces."""
    text = f'{LEAD}{speaker} said: "' + "Our defenders surrendered the … " * 600 + '"'
    items = analyze_text(text, pipeline).indicators
    assert {(i.indicator, i.subject_side) for i in items} == {("surrender_desertion", side)}


@pytest.mark.parametrize("pipeline", [V8, V11, V12], ids=["v8", "v11", "v12"])
def test_a_long_quote_with_no_word_of_war_in_it(pipeline: Pipeline) -> None:
    """One quote of 300 clauses "he surrendered the …" and no word of war: each cue's off-topic test read the whole
    quote. The result is the one item of the quote (no side is named anywhere)."""
    text = LEAD + '"' + "he surrendered the … " * 300 + '," he said.'
    items = analyze_text(text, pipeline).indicators
    assert [(i.indicator, i.subject_side, i.start) for i in items] == [("surrender_desertion", "unknown", len(LEAD) + 1)]


def _distance_before(text: str, hit: Hit, lo: int, m: tuple[str, int, int, int]) -> float:
    """The weighted distance as :func:`tagger._mention_distance` computed it before session 12 (a clause end
    searched for between the cue and each mention after it)."""
    prefer_after = bool(tagger._INFLICT.search(text[max(lo, hit.start - 30):hit.end]))
    if m[1] >= hit.start and m[2] <= hit.end:
        d = (m[1] - hit.start) / 2
    elif m[2] <= hit.start:
        d = float(hit.start - m[2]) * (2 if prefer_after else 1)
    else:
        d = (m[1] - hit.end) * (0.5 if prefer_after else 1.5)
        if not prefer_after and tagger._CLAUSE_END.search(text, hit.end, m[1]):
            d *= 3
    return d if m[3] else d * 2 + 40


def test_mention_distance_is_unchanged() -> None:
    """The clause end found once per cue gives the same distance as the search per mention it replaces."""
    rng = random.Random(12)
    words = ["troops", "lost", "heavy losses", ",", ";", "and", "—", "killed", "Russian", "Ukrainian", "the"]
    rule = next(r for r in tagger.load().rules if r.indicator == "heavy_losses")
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(40))
        start = rng.randrange(0, len(text) - 12)
        hit = Hit(rule, start, start + rng.randrange(1, 12))
        distance = tagger._mention_distance(text, hit, 0)
        for _ in range(10):
            a = rng.randrange(0, len(text) - 5)
            m = ("ru", a, a + rng.randrange(1, 5), rng.randrange(0, 3))
            assert distance(m) == _distance_before(text, hit, 0, m)


def _both(text: str) -> list[tuple[str, str]]:
    """The text about each army: "{a}" is the side the item is about, "{b}" the other; with that side's code."""
    return [(text.format(a="Russian", b="Ukrainian", A="Russia", B="Ukraine"), "ru"),
            (text.format(a="Ukrainian", b="Russian", A="Ukraine", B="Russia"), "ua")]


#: (text, indicator): the side of "{a}" / "{A}" is the item's; v11 gives the other side (the nearest side word)
ACTOR = [
    # a pronoun's antecedent, not the side word nearest the cue
    ("For months, {A} kept the {b} attacks at bay, until they started to run out of ammunition near {B}'s border.",
     "supply_shortage"),
    ("The officials said they were proud of the {a} soldiers; their efforts to push back on the {b} military came "
     "thanks to their bravery.", "morale_high"),
    # the place of a mobilisation
    ("In {A}, covert mobilization continues, the {b} intelligence service said.", "forced_recruitment"),
    # the side word is the place of the act, the force before it its agent
    ("Officials said that the {a} soldiers in {B} rape women and kidnap children.", "orders_against_civilians"),
]


@pytest.mark.parametrize(("template", "indicator"), ACTOR)
def test_v12_side_from_the_actor(template: str, indicator: str) -> None:
    for text, side in _both(template):
        assert (indicator, side) in found(text, V12), text
        assert (indicator, side) not in found(text, V11), text  # what v12 fixes


#: (text, indicator, side): a side's own address, its enemy word, its praise of its forces
ADDRESSES = [
    ("Our defenders hold the line near the river. Glory to Ukraine! The occupiers will be driven out of our land. We "
     "defend our positions and inflict significant losses on the enemy.", "heavy_losses", "ru"),
    ("Our soldiers hold the line in Donbass, and our Fatherland is proud of them. We defend our positions and inflict "
     "significant losses on the enemy.", "heavy_losses", "ua"),
    ("Our defenders hold the line. Glory to Ukraine! The occupiers will be driven out of our land. Today our defenders are showing the utmost courage, despite the "
     "fact that the Russian army still has an advantage in equipment.", "morale_high", "ua"),
    ("Our soldiers hold the line in Donbass, and our Fatherland is proud of them. Today our soldiers are showing the "
     "utmost courage, despite the fact that the Ukrainian army still has an advantage in equipment.",
     "morale_high", "ru"),
]


@pytest.mark.parametrize(("text", "indicator", "side"), ADDRESSES)
def test_v12_an_addresss_enemy_and_own_forces(text: str, indicator: str, side: str) -> None:
    """"The enemy" of an address is the other side; "our defenders" praised are the address's side, not the side of
    the army named after the cue."""
    assert (indicator, side) in found(text, V12)


def test_v11_got_the_addresses_wrong() -> None:
    """What v12 fixes there: v11 took the side of the army named after the cue, or of "the enemy" in the other
    side's address."""
    wrong = [(text, indicator, side) for text, indicator, side in ADDRESSES if (indicator, side) not in found(text, V11)]
    assert len(wrong) == 3


def test_v12_the_occupiers_are_russias_the_neo_nazis_ukraines() -> None:
    """Each side's words for the other's forces name that force, whoever says them."""
    assert ("supply_shortage", "ru") in found(
        "We are strengthening our positions, reducing the capabilities of the occupiers, destroying their logistics "
        "and preparing good news for Ukraine.", V12)
    assert ("orders_against_civilians", "ua") in found(
        "The main threat is posed by neo-Nazi military units in Donbass that are committing numerous war crimes "
        "against civilians, the Russian ministry said.", V12)


def test_v12_a_title_names_its_country() -> None:
    for title, side in (("Hero of Ukraine", "ua"), ("Hero of Russia", "ru")):
        text = (f"The Head of State conferred the title of {title} upon one warrior and awarded him the Golden Star "
                "for his personal courage and heroism in the battles near the river.")
        assert ("morale_boosting", side) in found(text, V12)


def test_v12_a_pronoun_of_the_victims_is_not_the_agent() -> None:
    """"They are being killed": "they" suffers the act; its antecedent is not the perpetrator."""
    for text, side in _both("The {b} villagers were detained by {a} soldiers. They are being tortured, they are being "
                            "raped, and they are being killed."):
        assert ("orders_against_civilians", {"ru": "ua", "ua": "ru"}[side]) not in found(text, V12)


def _predict_v12(docs: list[indicator_eval.GoldDoc], mode: str | None = None) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for d in docs:
        res = extract_line(json.dumps({"id": d.id, "text": d.text}), 0, V12)
        assert res["error"] is None
        out[d.id] = res["indicators"]
    return out


@pytest.mark.parametrize("gold", ["seed_gold", "dev_v11"])
def test_v12_floors(shared: Path, gold: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """v12 on the seed gold (every seed indicator still found) and on dev v1.1 (the tuning set), pinned at what v12
    measured (tests/floors/indicators.json, key ``v12``)."""
    floors = json.loads((ROOT / "tests" / "floors" / "indicators.json").read_text(encoding="utf-8"))["v12"][gold]
    monkeypatch.setattr(indicator_eval, "predict", _predict_v12)
    path = shared / "examples" / "gold" if gold == "seed_gold" else ROOT / "gold" / "v11" / "indicators_dev.jsonl"
    scores = indicator_eval.evaluate(path)
    assert scores["sha1_mismatches"] == 0
    for key, floor in floors["min"].items():
        assert scores[key] >= floor, f"v12 {gold} {key} {scores[key]} fell below its floor {floor}"
    for key, ceiling in floors.get("max", {}).items():
        assert scores[key] <= ceiling, f"v12 {gold} {key} {scores[key]} rose above its ceiling {ceiling}"


@pytest.mark.parametrize(("key", "gold"), [("indicators_v11", "gold/v11/heldout/indicators_heldout.jsonl"),
                                           ("indicators_heldout2", "gold/heldout2/indicators_heldout2.jsonl")])
def test_v12_heldout_floors(shared: Path, key: str, gold: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """v12 on the held-out sets (measured once, never tuned on), pinned in tests/floors/heldout.json."""
    floors = json.loads((ROOT / "tests" / "floors" / "heldout.json").read_text(encoding="utf-8"))["v12"][key]
    monkeypatch.setattr(indicator_eval, "predict", _predict_v12)
    scores = indicator_eval.evaluate(ROOT / gold)
    assert scores["sha1_mismatches"] == 0
    for metric, floor in floors.items():
        assert scores[metric] >= floor, f"v12 {key} {metric} {scores[metric]} fell below its floor {floor}"
