"""indicators.v6 (issue 12, session 7): the subject side from the clause's actor (the agent or the victims of violence
against civilians, "they" in a side's own voice, a weaker test of the document's voice), appeals and vows refused,
and the refusals of data/indicators/refusals_v6.txt; v5 keeps its output. Every example here is invented, and each
side test has its mirror (codebook rule 2: nothing favours a side)."""

from __future__ import annotations

import json

import pytest

from moralewatch import lexicons
from moralewatch.indicators import actor, refusals
from moralewatch.indicators.tagger import tag
from moralewatch.model import Document
from moralewatch.segment import segment


def make_doc(text: str) -> Document:
    doc = Document(text=text)
    segment(doc, {})
    doc.quotes = []
    return doc


def found(text: str, version: int = 6) -> set[tuple[str, str]]:
    return {(i.indicator, i.subject_side) for i in tag(make_doc(text), version)}


#: (text, indicator, the side v6 gives, the side v5 gave)
SIDES = [
    # the agent after "by" inside the cue, though a victims' nationality word is nearer
    ("The war goes on. Ukrainians held captive by the occupiers are tortured every day.",
     "orders_against_civilians", "ru", "ua"),
    # a side word attached to the cue across a preposition is not the actor ("eastern Ukraine shifted from ...")
    ("Russian troops pressed on, as their offensive in eastern Ukraine shifted from indiscriminate shelling to "
     "street fighting.", "orders_against_civilians", "ru", "ua"),
    ("Ukrainian troops pressed on, as their offensive in western Russia shifted from indiscriminate shelling to "
     "street fighting.", "orders_against_civilians", "ua", "ru"),
    # the victims named: the perpetrator is the other side
    ("The war goes on. Our Ukrainian children who were actually kidnapped are still in camps.",
     "orders_against_civilians", "ru", "ua"),
    ("The war goes on. Our Russian children who were actually kidnapped are still in camps.",
     "orders_against_civilians", "ua", "ru"),
]


@pytest.mark.parametrize(("text", "indicator", "v6", "v5"), SIDES)
def test_the_side_is_the_actor_and_v5_keeps_the_nearest_word(text: str, indicator: str, v6: str, v5: str) -> None:
    assert (indicator, v6) in found(text)
    assert (indicator, v5) in found(text, 5)


ADDRESS_UA = ("Glory to Ukraine! Our warriors hold the line against the occupiers. The invaders are everywhere. "
              "They wasted their regular army there, they lose hundreds of mobilized men there every day.")
ADDRESS_RU = ("The special military operation goes on. Our servicemen are brave; the Kiev regime uses neo-Nazis. "
              "They wasted their regular army there, they lose hundreds of mobilized men there every day.")


def test_they_in_a_sides_own_voice_is_the_other_side() -> None:
    assert ("heavy_losses", "ru") in found(ADDRESS_UA)
    assert ("heavy_losses", "ua") in found(ADDRESS_RU)


def test_the_weaker_voice_needs_our_country_and_one_sides_words_only() -> None:
    from moralewatch.indicators.lexicon import load

    lex_voice = load().voice
    ua = "Our state stands. Our warriors fight. The occupiers will leave."
    assert actor.weak_voice(ua, lex_voice) == "ua"
    assert actor.weak_voice("Our state stands. Our troops fight. The Kiev regime will fall.", lex_voice) == "ru"
    assert actor.weak_voice(ua + " The special military operation goes on.", lex_voice) == "unknown"
    assert actor.weak_voice("Our state stands. The occupiers will leave.", lex_voice) == "unknown"


APPEALS = [
    "Our warriors hold the line against the occupiers. Or surrender to Ukrainian captivity at the first opportunity.",
    "The war goes on. Hide from the Russian mobilization by any means, Russian soldiers.",
    "The war goes on. He urges Russian soldiers to lay down their arms and return home.",
    "The war goes on. We have no right to weaken our resistance, to lay down our arms, our soldiers said.",
]


@pytest.mark.parametrize("text", APPEALS)
def test_appeals_and_vows_are_not_claims(text: str) -> None:
    assert not {i for i, _ in found(text)} & actor.APPEAL_INDICATORS
    assert {i for i, _ in found(text, 5)} & actor.APPEAL_INDICATORS


def test_a_claim_of_surrender_still_fires() -> None:
    assert ("surrender_desertion", "ru") in found("The war goes on. Russian soldiers surrendered in droves near Izium.")
    assert ("surrender_desertion", "ua") in found("The war goes on. Ukrainian soldiers surrendered in droves near Izium.")


#: (text, the indicator v5 reads into it and v6 refuses)
REFUSED = [
    ("Our warriors hold the line against the occupiers. We never wanted this war.", "unwilling"),
    ("Our warriors hold the line against the occupiers. Peaceful, clear, blue and without missiles.",
     "supply_shortage"),
    ("Our warriors hold the line against the occupiers. Out of 24 Russian drones, 13 were shot down.",
     "supply_shortage"),
    ("Our warriors hold the line against the occupiers. Killing civilians is a crime.", "orders_against_civilians"),
    ("Our warriors hold the line. This year, Russia will lose a hundred thousand of its soldiers killed.",
     "heavy_losses"),
    ("Our warriors hold the line against the occupiers. We are not afraid of the dark.", "morale_high"),
]


@pytest.mark.parametrize(("text", "indicator"), REFUSED)
def test_v6_refuses_what_v5_read_into_rhetoric(text: str, indicator: str) -> None:
    assert indicator in {i for i, _ in found(text, 5)}
    assert indicator not in {i for i, _ in found(text)}


def test_each_v6_refusal_line_is_checked_on_its_own() -> None:
    from moralewatch.indicators.lexicon import load

    names = {r.name for r in load().rules} | {r.indicator for r in load().rules} | {"*"}
    lines = refusals.load_v6()
    assert len(lines) >= 20 and all(len(r.patterns) + len(r.off) == 1 for r in lines)
    assert {key for r in lines for key, _ in r.patterns} <= names
    # v4's refusals alone do not refuse what only v6's lines name
    norm = "We never wanted this war."
    assert not refusals.refused(norm, "unwilling/dont_want", "unwilling", (9, 24), (0, len(norm)), False, 5)
    assert refusals.refused(norm, "unwilling/dont_want", "unwilling", (9, 24), (0, len(norm)), False, 6)


def test_v6_has_its_own_confidence() -> None:
    text = "The war goes on. Russian soldiers surrendered in droves near Izium."
    v6 = [i for i in tag(make_doc(text), 6) if i.indicator == "surrender_desertion"]
    assert v6 and v6[0].confidence == refusals.precision(6)["surrender_desertion"]
    assert all(0.0 < p <= 1.0 for p in refusals.precision(6).values())


def test_calibration_fit_smooths_and_the_cross_validated_ece_holds_each_fold_out() -> None:
    from moralewatch.indicators import calibrate

    seen = [calibrate.Seen(f"d{i}", "dev", "fear", i % 2 == 0) for i in range(40)] + \
        [calibrate.Seen(f"l{i}", "labels", "heavy_losses", True) for i in range(40)]
    cal = calibrate.fit(seen)
    assert cal["*"] == 0.75 and 0.5 < cal["fear"] < 0.75 < cal["heavy_losses"] < 1.0
    # fear's dev items are half right; every fold's confidence comes from the other folds and the labels
    assert 0.0 < calibrate.cross_validated_ece(seen) < 0.25
    assert calibrate.cross_validated_ece([calibrate.Seen("x", "dev", "fear", True)]) > 0.0
    stored = json.loads(lexicons.read_text(refusals.CALIBRATION_V6))
    assert stored["precision"] == refusals.precision(6) and stored["ece_dev_cross_validated"] <= 0.08


def test_another_topic_of_a_war_document_is_not_evidence() -> None:
    war = "Russian troops shelled Kharkiv again on Monday. Ukraine's army held its positions near the city. "
    other = ("Turning to domestic matters, the press secretary took questions on the budget. Reporters asked about a "
             "new city law and the schools. One asylum seeker said he was misled about where the plane was going.")
    assert "deceived" in {i for i, _ in found(war + other, 5)}
    assert "deceived" not in {i for i, _ in found(war + other)}
    soldier = war + "The soldiers told us they were misled about where they were going."
    assert "deceived" in {i for i, _ in found(soldier)}


def test_a_side_word_qualifying_the_cue_is_its_side_not_an_object() -> None:
    ua = "Russian troops attacked. This week the world witnessed courageous, determined Ukrainian resistance."
    assert ("morale_high", "ua") in found(ua) and ("morale_high", "ru") in found(ua, 5)
    ru = "Ukrainian troops attacked. This week the world witnessed courageous, determined Russian resistance."
    assert ("morale_high", "ru") in found(ru) and ("morale_high", "ua") in found(ru, 5)


def test_a_bare_title_speaks_for_the_documents_side() -> None:
    from moralewatch.model import Quote

    def sides(head: str, version: int) -> set[str]:
        said = "We know of thousands of people tortured, raped women, murdered children."
        text = head + " The President said: \u201c" + said + "\u201d"
        start = text.index(said)
        doc = Document(text=text)
        segment(doc, {})
        doc.quotes = [Quote(start, start + len(said), said, speaker="the President", speaker_role="official",
                            side="ru")]
        return {i.subject_side for i in tag(doc, version) if i.indicator == "orders_against_civilians"}

    ua_voice = "Our state stands. Our warriors fight. The occupiers are in retreat. The invaders are beaten."
    assert sides(ua_voice, 6) == {"ru"} and sides(ua_voice, 5) == {"ua"}


def test_the_accused_side_did_it() -> None:
    assert ("orders_against_civilians", "ru") in found(
        "The war goes on. Zelenskiy accuses Russians of hospital atrocity in plea for world's assistance.")
    assert ("orders_against_civilians", "ua") in found(
        "The war goes on. Peskov accuses Ukrainians of hospital atrocity in plea for world's assistance.")
