"""indicators.v7 (issue 12, session 8): cue rules for paraphrase (how soldiers and official addresses say it, flagged
``[v7]`` in data/indicators/cues/), the refusals of data/indicators/refusals_v7.txt (briefings' other senses) and its
own confidence; v6 keeps its output. Every example is invented; side tests have their mirror (codebook rule 2)."""

from __future__ import annotations

import pytest

from moralewatch.api import analyze_text
from moralewatch.indicators import refusals
from moralewatch.indicators.lexicon import load, parse_rules
from moralewatch.pipeline import Pipeline
from moralewatch.stages import default_pipeline


def _pipeline(stage: str) -> Pipeline:
    return Pipeline([n if not n.startswith("indicators.v") else stage for n in default_pipeline().names])


V6, V7 = _pipeline("indicators.v6"), _pipeline("indicators.v7")


def found(text: str, pipeline: Pipeline) -> set[tuple[str, str]]:
    return {(i.indicator, i.subject_side) for i in analyze_text(text, pipeline).indicators}


#: (text, indicator, subject side): found by v7, not by v6
RECALL = [
    # betrayed_by_command in soldiers' words (issue 12's examples)
    ('"The ones at the top don\'t care that we haven\'t slept in a week," a Ukrainian soldier said.',
     "betrayed_by_command", "ua"),
    ('"The commanders don\'t care about us at all," a Russian soldier said in a call to his wife.',
     "betrayed_by_command", "ru"),
    ('"We get no support from the command, we are on our own out here," a Ukrainian soldier said.',
     "betrayed_by_command", "ua"),
    # deceived: a contract or a short war that turned out false (convention 6)
    ('"They signed us up for a year and then the decree made it forever," a Russian soldier told his wife.',
     "deceived", "ru"),
    ('"We were promised a six-month contract, and now nobody is letting us go," a Ukrainian soldier said.',
     "deceived", "ua"),
    ('"We were told it would be over in three days," the captured Russian soldier said.', "deceived", "ru"),
    # supply_shortage: rotation (convention 8), one for all, paid for themselves; a call's "intercepted"
    ('"Our guys have been in the trenches for four months without rotation," a Ukrainian soldier said.',
     "supply_shortage", "ua"),
    ('"Our guys have been in the trenches for four months without rotation," a Russian soldier said.',
     "supply_shortage", "ru"),
    ('"We have one drone for the whole battalion and we paid for it ourselves," a Ukrainian soldier said.',
     "supply_shortage", "ua"),
    ('"We have not had water for three days," said a Russian soldier in an intercepted call.',
     "supply_shortage", "ru"),
    # surrender_desertion: the official register of flight
    ("The occupiers flee from their positions, the president said of the Russian troops near the city.",
     "surrender_desertion", "ru"),
    # heavy_losses: a shortage of men because of losses (convention 7)
    ("Russian commanders have no one left to send into the assaults, a Ukrainian officer said.",
     "heavy_losses", "ru"),
    ('"My friends are all dead, I do not know how I am still alive," a Ukrainian soldier wrote in his diary.',
     "heavy_losses", "ua"),
    ("The Russian army faces a severe manpower shortage after the winter offensive, analysts say.",
     "heavy_losses", "ru"),
    # morale_low, unwilling, expendable in soldiers' words
    ('"Everyone in the battalion is fed up with this war," a Russian soldier said.', "morale_low", "ru"),
    ('"Nobody in my platoon wants to go back to the front," a Ukrainian soldier said.', "unwilling", "ua"),
    ('"We are just consumables to them," a Russian soldier said in an intercepted call.', "expendable", "ru"),
    # morale_high: an address's statement about the forces' spirit (override 9)
    ("Our defenders are holding their positions heroically in Bakhmut, the Ukrainian president said.",
     "morale_high", "ua"),
    ("Our soldiers and officers are heroically doing their duty, the Russian president said.", "morale_high", "ru"),
    # morale_boosting: awards in an official address (override 10)
    ("The war goes on. Today 156 Ukrainian servicemen were awarded state awards, 48 of them posthumously.",
     "morale_boosting", "ua"),
    ("The war goes on. Today 156 Russian servicemen were awarded state awards, 48 of them posthumously.",
     "morale_boosting", "ru"),
    # orders_against_civilians: a force that shells or kills civilians, told as what it does (override 6)
    ("The war goes on. The Russian troops are shelling our cities and villages every night.",
     "orders_against_civilians", "ru"),
    ("The war goes on. The Ukrainian troops are shelling peaceful residents every night, the Kremlin said.",
     "orders_against_civilians", "ua"),
    # heavy_losses: the official register's running counts
    ("The total losses of the Russian army in terms of killed soldiers are approaching 65,000.", "heavy_losses", "ru"),
    ("Many Russian conscripts died in the first week of the offensive.", "heavy_losses", "ru"),
    # forced_recruitment, expendable, supply_shortage in the official register
    ("The war goes on. The occupiers are trying to mobilize the local residents of the occupied territories.",
     "forced_recruitment", "ru"),
    ("The Russian generals do not care about even such a level of losses among their troops.", "expendable", "ru"),
    ("Ukrainian units are marshalling their ammunition very closely, a Pentagon official said.",
     "supply_shortage", "ua"),
]


@pytest.mark.parametrize(("text", "indicator", "side"), RECALL)
def test_v7_finds_paraphrase_that_v6_misses(text: str, indicator: str, side: str) -> None:
    assert (indicator, side) in found(text, V7)
    assert indicator not in {i for i, _ in found(text, V6)}


#: (text, indicator): found by v6, refused by v7 (briefings' other senses, accountability, vows)
PRECISION = [
    ("Will you be providing depleted uranium ammunition for the Ukrainian army's tanks?", "supply_shortage"),
    ("Now that the dam has broken on the tanks, how many do you expect the Ukrainian troops to be getting?",
     "supply_shortage"),
    ("The coalition is providing Ukraine's army with critically needed military equipment and air defense systems.",
     "supply_shortage"),
    ("Russian forces invaded, but history shows how occupations give way to acts of mass civil disobedience.",
     "surrender_desertion"),
    ("Unsecured weapons are a big contributor to self-inflicted wounds that children suffer, the official said "
     "after a briefing on Ukraine's army.", "surrender_desertion"),
    ("The Ukrainian army managed to inflict significant logistical losses on the Russian invaders.", "heavy_losses"),
    ("The Russian troops said the enemy's weapons, military equipment and logistics units were damaged and destroyed.",
     "heavy_losses"),
    ("The State Department determined that the Burmese military committed genocide against the Rohingya.",
     "orders_against_civilians"),
    ("We thank the partners who help bring the verdicts closer to the occupiers, Russian murderers and war "
     "criminals.", "orders_against_civilians"),
    ("The Russian army fights on; strategically it is hopeless for the occupiers, the Ukrainian general said.",
     "fear"),
]


@pytest.mark.parametrize(("text", "indicator"), PRECISION)
def test_v7_refuses_what_v6_read_in_another_sense(text: str, indicator: str) -> None:
    assert indicator in {i for i, _ in found(text, V6)}
    assert indicator not in {i for i, _ in found(text, V7)}


#: (text, indicator): the new rules stay out of these (another sense, or an operational fact)
KEPT_OUT = [
    ("Much-needed relief at the grocery store came as the Russian troops withdrew, the official said.",
     "supply_shortage"),
    ("Such terror began right after the Russian army was forced to flee from the region.", "surrender_desertion"),
    ("Hundreds of homes destroyed by the Russian army have to be rebuilt from scratch.", "heavy_losses"),
    ("Russian soldiers fired on men fleeing the town, and killed civilians at will.", "surrender_desertion"),
    ("Ukrainian troops said four Russian missiles were intercepted over Kyiv and the shortage of ammunition "
     "remained.", "supply_shortage"),
    ("It is still unclear how many Russian sailors were killed in the attack.", "heavy_losses"),
    ("Russian tank plants suffer a chronic lack of parts and a shortage of qualified personnel, officials said.",
     "heavy_losses"),
    ("Russian troops killed three people in a strike on the town, officials said.", "orders_against_civilians"),
    ("The Kremlin accused the Ukrainian troops of shelling residential areas of Donetsk.", "heavy_losses"),
]


@pytest.mark.parametrize(("text", "indicator"), KEPT_OUT)
def test_v7_new_rules_keep_out_of_other_senses(text: str, indicator: str) -> None:
    assert indicator not in {i for i, _ in found(text, V7)}


def test_a_v7_rule_is_skipped_by_older_versions_and_v7_stays_registered() -> None:
    rule = parse_rules("unwilling", "x [mil v7] :: nobody wants")[0]
    assert rule.since == 7 and rule.needs_military
    assert parse_rules("unwilling", "x [mil] :: nobody wants")[0].since == 3
    assert any(r.since == 7 for r in load().rules)
    assert "indicators.v7" in V7.names and "indicators.v6" not in default_pipeline().names


def test_retiring_a_refusal_line_needs_the_line_to_exist() -> None:
    assert refusals.merged(["a :: x", "b :: y"], ["retire :: a :: x", "c :: z"]) == ["b :: y", "c :: z"]
    with pytest.raises(ValueError, match="retires a line"):
        refusals.merged(["a :: x"], ["retire :: a :: nothing"])
    assert refusals.load_v7()  # the shipped file's retirements all name a line of refusals_v6.txt


def test_v7_has_its_own_confidence() -> None:
    assert refusals.calibration_file(7) == refusals.CALIBRATION_V7
    assert refusals.calibration_file(6) == refusals.CALIBRATION_V6
    assert 0.0 < refusals.precision(7)["*"] <= 1.0
