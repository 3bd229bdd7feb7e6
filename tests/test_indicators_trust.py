"""Indicators an analyst can trust on unseen reporting (issue 12): other senses of the cue words never fire, the
subject side comes from the actor, boilerplate is never evidence, and transcripts' turns are claims of their speakers.
Every example here is invented."""

from __future__ import annotations

import pytest

from moralewatch.indicators.tagger import tag
from moralewatch.model import Document, Quote
from moralewatch.segment import segment


def make_doc(text: str, quotes: list[Quote] | None = None, title: str | None = None) -> Document:
    doc = Document(text=text, title=title)
    segment(doc, {})
    doc.quotes = quotes or []
    return doc


def found(text: str, **kw: object) -> set[tuple[str, str]]:
    return {(i.indicator, i.subject_side) for i in tag(make_doc(text, **kw))}  # type: ignore[arg-type]


def indicators_of(text: str) -> set[str]:
    return {i.indicator for i in tag(make_doc(text))}


# -- 1. off-domain false alarms: business news is not war reporting --------------------------------------------------

BUSINESS = [
    "The company said its retail subsidiary suffered heavy losses in the fiscal year.",
    "Holders surrendering debentures for conversion after March 15 must pay the accrued interest.",
    "A tranche of the Treasury stock due 1997 was exhausted in early trading, dealers said.",
    "Traders are confident the currency will recover, and the board will not panic, the chairman said.",
    "The firm agreed to surrender its inventory and receivables to the lender.",
    "Talks broke down when the union walked out, and the division's staff morale is low.",
    "General Motors said it is confident its offer can be completed, and men who refused to leave were paid.",
    "The airline reported huge losses as the price war went on.",
]


@pytest.mark.parametrize("text", BUSINESS)
def test_business_news_yields_no_indicator(text: str) -> None:
    assert tag(make_doc(text)) == []


def test_money_sense_in_a_war_report_does_not_fire_but_the_war_sense_does() -> None:
    text = ("Russian troops pushed towards the town. Ukraine's economy suffered heavy losses, the finance ministry "
            "said, as exports fell. Ukrainian forces suffered heavy losses near the river.")
    items = tag(make_doc(text))
    assert [(i.indicator, i.subject_side) for i in items] == [("heavy_losses", "ua")]
    assert "forces" in items[0].text


@pytest.mark.parametrize("side", ["Russian", "Ukrainian"])
def test_war_senses_still_fire_on_either_army(side: str) -> None:
    assert indicators_of(f"{side} units ran out of food and fuel within days.") == {"supply_shortage"}
    assert indicators_of(f"Many {side} soldiers surrendered after the assault.") == {"surrender_desertion"}
    assert indicators_of(f"{side} commanders hid the losses from the families.") == {"casualty_concealment"}


def test_talks_breaking_down_are_not_fear_in_a_war_report() -> None:
    assert indicators_of("Russian troops shelled the city. Ceasefire talks broke down on Friday.") == set()


# -- 2. soldiers' words (paraphrase) and senses that were too loose -------------------------------------------------

PARAPHRASES = [
    ("Nobody in the company wants to serve any more, the {A} soldier said.", "morale_low"),
    ("The {A} troops say they have not slept in a week and nobody has been rotated for months.", "supply_shortage"),
    ("{A} soldiers say they had to buy their own sights and drones.", "supply_shortage"),
    ("{A} commanders drive their mobilized soldiers to their deaths.", "expendable"),
    ("Captured {A} conscripts say they do not know how to hold a rifle.", "untrained"),
]


@pytest.mark.parametrize("template,indicator", PARAPHRASES)
def test_soldiers_words_are_found_for_either_army(template: str, indicator: str) -> None:
    ru = found(template.format(A="Russian"))
    ua = found(template.format(A="Ukrainian"))
    assert (indicator, "ru") in ru and (indicator, "ua") in ua


def test_epithets_and_offers_are_not_claims() -> None:
    assert indicators_of("Glory to our heroic Armed Forces! May God protect our brave troops.") == set()
    assert "surrender_desertion" not in indicators_of("Ukraine guarantees every Russian soldier who surrenders "
                                                        "three things, and the only way out for them is to surrender.")
    assert "surrender_desertion" in indicators_of("Nearly 300 Russian soldiers have surrendered near the town.")
    assert "heavy_losses" not in indicators_of("The theatre was destroyed by the Russian army and its troops.")


# -- 3. the subject side from the actor -------------------------------------------------------------------------------


def test_the_side_of_a_massacre_is_the_perpetrators_not_the_nearest_nationality() -> None:
    assert found("Survivors described a massacre of civilians committed by Russian troops near a Ukrainian town.") \
        == {("orders_against_civilians", "ru")}
    assert found("Survivors said residents were tortured by Ukrainian soldiers near a Russian village.") \
        == {("orders_against_civilians", "ua")}


@pytest.mark.parametrize("voice,other", [("ua", "ru"), ("ru", "ua")])
def test_a_sides_own_voice_our_defenders_and_the_enemy(voice: str, other: str) -> None:
    words = {"ua": "The occupiers shelled the city again. The occupiers will not break us.",
             "ru": "The special military operation goes on. The Kiev regime and its neo-Nazis shelled Donbass."}[voice]
    text = (f"{words} Our defenders are showing great courage and fortitude. We inflict heavy losses on the enemy. "
            "They tortured our people.")
    got = found(text)
    assert ("morale_high", voice) in got
    assert ("heavy_losses", other) in got
    assert ("orders_against_civilians", other) in got


def test_a_side_awards_its_own_troops() -> None:
    text = ("The occupiers shelled the city again; we will not forget the occupiers. Today I presented state awards "
            "to the soldiers who drove the occupiers out of the villages.")
    assert ("morale_boosting", "ua") in found(text)


# -- 4. standing boilerplate and furniture are never evidence ----------------------------------------------------------

FOOTER = ("Note: We do not report in detail on Russian war crimes because these activities are well-covered in "
          "Western media and do not directly affect the military operations we are assessing. We will continue to "
          "evaluate and report on the effects of these criminal activities, including the deliberate targeting of "
          "civilians, on the Russian military and the Ukrainian population.")


def test_a_standing_disclaimer_is_never_evidence_but_the_report_above_it_is() -> None:
    text = ("Russian forces suffered heavy losses near the river on Tuesday, the report said.\n\n" + FOOTER)
    assert found(text) == {("heavy_losses", "ru")}
    assert found(FOOTER) == set()


@pytest.mark.parametrize("line", [
    "Photo: Ukrainian soldiers who surrendered, in a file picture. © 2023 Example Wire. All rights reserved.",
    "(Reporting by Jane Doe, whose series on the heavy losses of Russian troops won a prize; editing by John Roe)",
    "Key takeaways: Russian forces are demoralized; click here to subscribe to our daily update.",
])
def test_credits_licences_and_prompts_are_never_evidence(line: str) -> None:
    assert found("Ukrainian troops held the line.\n\n" + line) == set()
    assert found("Ukrainian troops held the line.\n\n" + line + "\n\nRussian troops suffered heavy losses.") == {
        ("heavy_losses", "ru")}  # only the sentence of furniture is out, not what follows it


# -- 5. indicators on the turns of a transcript (issue 19 item 2) -----------------------------------------------------


def transcript(text: str) -> Document:
    from moralewatch.clean.document import _transcript_document
    from moralewatch.ingest import RawInput
    from moralewatch.stages import default_pipeline

    return default_pipeline().run(_transcript_document(RawInput("call.txt", text=text), text, "text"))


@pytest.mark.parametrize("army,other,side", [("Russian", "Ukrainians", "ru"), ("Ukrainian", "Russians", "ua")])
def test_a_soldiers_turns_are_his_claims_about_his_own_side(army: str, other: str, side: str) -> None:
    doc = transcript(f"Intercepted call of a {army} soldier with his mother, published by a security service\n\n"
                     "Soldier: Mom, nobody in the company wants to serve any more. We haven't slept in a week.\n"
                     "Mother: I am so scared for you, son.\n"
                     f"Soldier: The {other} shell us every night, and we are all terrified.\n")
    got = {(i.indicator, i.subject_side, i.claimant, i.claimant_side) for i in doc.indicators}
    assert got == {("morale_low", side, "Soldier", side), ("supply_shortage", side, "Soldier", side),
                   ("fear", side, "Soldier", side)}  # the mother's own fear is not a force's


@pytest.mark.parametrize("army,side", [("Russian", "ru"), ("Ukrainian", "ua")])
def test_a_relative_speaking_of_a_soldier_is_the_claimant_relative_with_the_soldiers_side(army: str, side: str) -> None:
    doc = transcript(f"Intercepted call between a {army} soldier's mother and his wife, published online\n\n"
                     "Mother: He says they have not slept in a week and he is terrified. The commanders lied to them.\n"
                     "Wife: I am so scared, I cry every night.\n")
    got = {(i.indicator, i.subject_side, i.claimant) for i in doc.indicators}
    assert {("supply_shortage", side, "relative"), ("fear", side, "relative"), ("deceived", side, "relative")} <= got
    assert all(i.claimant == "relative" and i.subject_side == side for i in doc.indicators)
    wife = doc.text.index("Wife:")
    assert all(i.start < wife for i in doc.indicators)  # her own fear and tears are a civilian's, not evidence


# -- 6. what the precision audit found ----------------------------------------------------------------------------------


def test_other_wars_idioms_and_the_possessor_of_war_crimes() -> None:
    assert found("The strikes will degrade Houthi offensive capabilities and their supply lines are broken.") == set()
    assert found("Hamas fighters committed a brutal massacre, the spokesman said.") == set()
    assert found("I'm afraid I'm not going to go into more detail, he told reporters about the troops.") == set()
    assert found("Ukraine is defending itself from Russia's war crimes and atrocities.") == {
        ("orders_against_civilians", "ru")}
    assert found("Kyiv says Moscow is carrying out a genocide against the people of Ukraine.") == {
        ("orders_against_civilians", "ru")}
