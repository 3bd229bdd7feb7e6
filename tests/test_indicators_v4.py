"""indicators.v4 (issue 12, session 6): the refusals of data/indicators/refusals.txt take away the error classes the
precision audits found (official rhetoric read as a claim, strikes reported as events, aid language, other senses),
while the same indicators said as claims about either army still fire; indicators.v3 is unchanged. Every example
here is invented."""

from __future__ import annotations

import pytest

from moralewatch.indicators import refusals
from moralewatch.indicators.tagger import tag
from moralewatch.model import Document, Quote
from moralewatch.segment import segment


def make_doc(text: str, quotes: list[Quote] | None = None) -> Document:
    doc = Document(text=text)
    segment(doc, {})
    doc.quotes = quotes or []
    return doc


def found(text: str, version: int = 4) -> set[tuple[str, str]]:
    return {(i.indicator, i.subject_side) for i in tag(make_doc(text), version)}


#: (text, the indicator v3 reads into it and v4 refuses)
REFUSED = [
    # strikes reported as events (codebook convention 10)
    ("The war goes on. At least nine people were killed by Russian shelling of the market on Sunday.",
     "orders_against_civilians"),
    ("The war goes on. A Ukrainian missile strike hit residential buildings in the town, officials said.",
     "orders_against_civilians"),
    # purposes
    ("Our defenders hold the line against the occupiers. So that Ukrainians are not tortured.",
     "orders_against_civilians"),
    # aid language
    ("The war goes on. The package gives Ukraine's army the weapons its soldiers need to defend their country.",
     "morale_high"),
    ("The war goes on. The security assistance will put urgently needed equipment into the hands of Ukraine's army.",
     "supply_shortage"),
    # epistemic confidence, commitments of governments, citizens
    ("The war goes on. We are confident that the support of our partners for the Ukrainian army will continue.",
     "morale_high"),
    ("The war goes on. Our troops are there: we have committed as allies that we would defend every inch of NATO "
     "territory.",
     "morale_high"),
    # a state's losses, aims
    ("Russian troops attacked. As long as the invasion continues, the Russian state is suffering losses.",
     "heavy_losses"),
    ("Our soldiers hold their positions and do everything to inflict maximum losses on the enemy.",
     "heavy_losses"),
    # other senses
    ("The war goes on in Ukraine. I won't forget it, the minister told soldiers.", "trauma"),
    ("Russian troops crossed the river; the talks were held without any American boots on the ground.",
     "supply_shortage"),
]


@pytest.mark.parametrize(("text", "indicator"), REFUSED)
def test_v4_refuses_what_v3_reads_as_a_claim(text: str, indicator: str) -> None:
    assert indicator in {i for i, _ in found(text, 3)}, "the example must exercise a v3 cue"
    assert indicator not in {i for i, _ in found(text, 4)}


@pytest.mark.parametrize(("army", "side"), [("Russian", "ru"), ("Ukrainian", "ua")])
def test_v4_keeps_the_claims_about_either_army(army: str, side: str) -> None:
    assert ("heavy_losses", side) in found(f"{army} forces suffered heavy losses near the river.")
    assert ("supply_shortage", side) in found(f"{army} units ran out of food and fuel within days.")
    assert ("orders_against_civilians", side) in found(
        f"{army} troops deliberately shelled residential areas of the town, killing civilians.")
    assert ("morale_high", side) in found(f"{army} soldiers are determined to fight to the end.")


def test_v4_strike_with_a_word_of_intent_is_still_coded() -> None:
    text = "The war goes on. Russian rockets deliberately targeted residential buildings of the town."
    assert ("orders_against_civilians", "ru") in found(text)


def test_v4_side_of_an_accusation_in_a_speakers_own_words() -> None:
    """An address of one side: violence against civilians by those who also shoot at 'our soldiers' is the other
    side's (v3 read the victims' side); a soldier's confession ('we') stays the speaker's own."""
    address = ("We thank our defenders and our warriors. The occupiers will answer. "
               "Those who shoot at our soldiers also shoot civilians in the back of the head.")
    assert ("orders_against_civilians", "ru") in found(address)
    assert ("orders_against_civilians", "ua") in found(address, 3)


def test_refusal_lines_parse_and_bad_lines_are_refused() -> None:
    ref = refusals.parse(["off :: heavy_losses/heavy", "fear sentence :: panicked reporters", "* :: other sense"])
    assert "heavy_losses/heavy" in ref.off
    assert ref.get("fear", "sentence") is not None and ref.get("*", "cue") is not None
    with pytest.raises(ValueError):
        refusals.parse(["fear nowhere :: x"])
    with pytest.raises(ValueError):
        refusals.parse(["fear sentence"])


def test_the_shipped_refusals_name_existing_rules() -> None:
    from moralewatch.indicators.lexicon import load

    names = {r.name for r in load().rules} | {r.indicator for r in load().rules} | {"*"}
    ref = refusals.load()
    assert ref.off and ref.off <= names
    assert {key for key, _ in ref.patterns} <= names


def test_v4_confidence_is_the_precision_of_v4_and_v3_keeps_its_own() -> None:
    from moralewatch.indicators.lexicon import load

    text = "Russian forces suffered heavy losses near the river."
    v4 = [i for i in tag(make_doc(text), 4) if i.indicator == "heavy_losses"]
    v3 = [i for i in tag(make_doc(text), 3) if i.indicator == "heavy_losses"]
    assert v4 and v3
    assert v4[0].confidence == refusals.precision_v4()["heavy_losses"]
    assert v3[0].confidence == load().calibration["heavy_losses"]
    assert all(0.0 < p <= 1.0 for p in refusals.precision_v4().values())
