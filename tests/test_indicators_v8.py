"""indicators.v8 (issue 12, session 9): cue rules for the official register flagged ``[v8]`` (written from the misses of
the training rounds a-c of gold/train, scored by scripts/score_train_indicators.py), the side of a praise or of what is
done to the other side, the refusals of data/indicators/refusals_v8.txt and its own confidence; v7 keeps its output.
Every example is invented (no corpus sentence); side tests have their mirror (codebook rule 2)."""

from __future__ import annotations

import pytest

from moralewatch.api import analyze_text
from moralewatch.indicators import refusals
from moralewatch.pipeline import Pipeline
from moralewatch.stages import default_pipeline


def _pipeline(stage: str) -> Pipeline:
    return Pipeline([n if not n.startswith("indicators.v") else stage for n in default_pipeline().names])


V7, V8 = _pipeline("indicators.v7"), _pipeline("indicators.v8")


def found(text: str, pipeline: Pipeline) -> set[tuple[str, str]]:
    return {(i.indicator, i.subject_side) for i in analyze_text(text, pipeline).indicators}


UA_ADDRESS = ("Good evening! The occupiers keep attacking near the river. Our defenders hold on. "
              "Glory to Ukraine! ")
RU_ADDRESS = ("The special military operation goes on. The Kyiv regime keeps attacking near the river. "
              "Our servicemen hold on. ")

#: (text, indicator, subject side): found by v8, not by v7
RECALL = [
    # morale_high: the speaker's praise of the forces' courage (override 9), the side of the speaker
    (UA_ADDRESS + "I thank the soldiers of the 40th brigade for their courage and endurance near the river.",
     "morale_high", "ua"),
    (RU_ADDRESS + "I thank the soldiers of the 40th brigade for their courage and endurance near the river.",
     "morale_high", "ru"),
    (UA_ADDRESS + "The marines of the coastal unit are bravely defending the bridgehead against the enemy.",
     "morale_high", "ua"),
    (RU_ADDRESS + "The marines of the coastal unit are bravely defending the bridgehead against the enemy.",
     "morale_high", "ru"),
    # heavy_losses: kill claims of dozens or more in the official register's words
    ("The war goes on. During the week about 400 invaders were eliminated near the river, the army said.",
     "heavy_losses", "ru"),
    (UA_ADDRESS + "The commander reported that about 700 enemies were killed in his direction this week.",
     "heavy_losses", "ru"),
    (RU_ADDRESS + "The commander reported that about 700 enemies were killed in his direction this week.",
     "heavy_losses", "ua"),
    # forced_recruitment: unlawful mobilisation; the side named, else the other side of the speaker
    (UA_ADDRESS + "They forcibly mobilize the men of the occupied villages into their army.",
     "forced_recruitment", "ru"),
    (RU_ADDRESS + "They forcibly mobilize the men of the villages into their army.", "forced_recruitment", "ua"),
    (UA_ADDRESS + "Russia meets the Ukrainian proposals for peace with a criminal mobilization.",
     "forced_recruitment", "ru"),
    # supply_shortage: the enemy's logistics destroyed
    (UA_ADDRESS + "This week our warriors were destroying the logistics of the Russian army in the south.",
     "supply_shortage", "ru"),
    (RU_ADDRESS + "This week our units were destroying the logistics of the Ukrainian army in the south.",
     "supply_shortage", "ua"),
    # orders_against_civilians: a force as the agent of killing people, with a count; the victims' killers
    ("The war goes on. Since spring the Russian army has killed 90 children in the region, the ombudsman said.",
     "orders_against_civilians", "ru"),
    ("The war goes on. Since spring the Ukrainian army has killed 90 children in the region, the Kremlin said.",
     "orders_against_civilians", "ua"),
    ("The war goes on. Two villagers were killed by Russian soldiers in the yard of the school.",
     "orders_against_civilians", "ru"),
    # morale_boosting: the count of the awarded in an address (override 10), the speaker's side
    (UA_ADDRESS + "Today 214 soldiers were awarded, 19 of them posthumously.", "morale_boosting", "ua"),
    (RU_ADDRESS + "Today 214 servicemen were awarded, 19 of them posthumously.", "morale_boosting", "ru"),
    # expendable: the side named last before the cue, "the enemy" included
    (UA_ADDRESS + "The Ukrainian army holds the line, while the enemy does not count its soldiers at all.",
     "expendable", "ru"),
    (RU_ADDRESS + "The Russian army holds the line, while the enemy does not count its soldiers at all.",
     "expendable", "ua"),
    # the agent after "by", not the victims' nationality before it
    ("The war goes on. Ukrainian villagers were killed by Russian soldiers at the checkpoint, the police said.",
     "orders_against_civilians", "ru"),
    ("The war goes on. Russian villagers were killed by Ukrainian soldiers at the checkpoint, the Kremlin said.",
     "orders_against_civilians", "ua"),
    # expendable: men thrown at the fight as a mass
    ("The war goes on. The Russian command keeps throwing wave after wave of soldiers into the fight near the town.", "expendable", "ru"),
    ("The war goes on. The Ukrainian command keeps throwing wave after wave of soldiers into the fight near the town.", "expendable", "ua"),
]


@pytest.mark.parametrize(("text", "indicator", "side"), RECALL)
def test_v8_finds_the_official_register_that_v7_misses(text: str, indicator: str, side: str) -> None:
    assert (indicator, side) in found(text, V8)
    assert (indicator, side) not in found(text, V7)


#: (text, indicator): found by v7, refused by v8 (forecasts, a political withdrawal, civilians' trauma)
PRECISION = [
    ("The war goes on. The heavy losses of the Russian troops will be even greater next month, the Ukrainian general "
     "said.", "heavy_losses"),
    ("The war goes on. Our army has the potential for the infliction of significant new losses on the Russian troops.",
     "heavy_losses"),
    ("The war goes on. The Ukrainian army is preparing for new heavy losses in the east, the Russian ministry claimed.",
     "heavy_losses"),
    ("The talks failed because Moscow refused to want peace unless the Ukrainian troops are withdrawn from the region.",
     "unwilling"),
]


@pytest.mark.parametrize(("text", "indicator"), PRECISION)
def test_v8_refuses_what_v7_read_wrongly(text: str, indicator: str) -> None:
    assert indicator in {i for i, _ in found(text, V7)}
    assert indicator not in {i for i, _ in found(text, V8)}


#: (text, indicator): the new rules stay out of these (a people's courage, supplies in another sense, prisoners of war)
KEPT_OUT = [
    ("The war goes on. We thank the people of the city for their courage and their patience.", "morale_high"),
    ("The war goes on. The nation heroically resists, and the cities heroically hold on.", "morale_high"),
    ("The war goes on. The Russian troops tortured the prisoners of war in the camp.", "orders_against_civilians"),
    ("The strike cut the gas supplies to the neighbouring country, the Russian army said.", "supply_shortage"),
    ("A Russian missile strike on a town in eastern Ukraine on Monday killed at least 17 people, officials said.",
     "orders_against_civilians"),
    ("The war goes on. Russia's army had killed about 40 people in an airstrike on the market, he said.",
     "orders_against_civilians"),
    ("The war goes on. The Russian troops are trying to destroy the supply routes of the aid from partner states.",
     "supply_shortage"),
    ("The war goes on. Today 35 medical workers of the front-line hospitals were awarded state awards.",
     "morale_boosting"),
    ("The war goes on. Over 400 enemy shells and drones were destroyed by the air defence.", "heavy_losses"),
]


def test_a_denial_between_the_agent_and_the_act_stays_negated() -> None:
    text = "The war goes on. Russia denies killing civilians in the village, the ministry said."
    assert {(i.indicator, i.negated) for i in analyze_text(text, V8).indicators} == \
        {(i.indicator, i.negated) for i in analyze_text(text, V7).indicators}


@pytest.mark.parametrize(("text", "indicator"), KEPT_OUT)
def test_v8_new_rules_keep_out_of_other_senses(text: str, indicator: str) -> None:
    assert indicator not in {i for i, _ in found(text, V8)}


#: a soldier's own words (testimony) of every kind are not refused by v8's refusals (session 8's worry that the
#: refusals written for official rhetoric remove testimony): (text, indicator, side)
TESTIMONY = [
    ('"I am so afraid, every night I cry in the dugout," said a Russian soldier captured near the river.', "fear", "ru"),
    ('"Nobody in our company wants to serve any more, the morale is gone," the Russian private said.',
     "morale_low", "ru"),
    ('"We have no bandages, no painkillers, we bought our own sights," a Ukrainian soldier said.',
     "supply_shortage", "ua"),
    ('"We were 120 men, only 14 came back," a Ukrainian sergeant said of his company.', "heavy_losses", "ua"),
    ('"I do not want to fight, I just want to go home," the Russian soldier said.', "unwilling", "ru"),
    ('"I will never recover from what I saw there, I have nightmares," the Ukrainian soldier said.', "trauma", "ua"),
]


@pytest.mark.parametrize(("text", "indicator", "side"), TESTIMONY)
def test_v8_keeps_soldiers_testimony(text: str, indicator: str, side: str) -> None:
    assert (indicator, side) in found(text, V8)


def test_v8_has_its_own_confidence_and_refusals() -> None:
    assert refusals.calibration_file(8) == refusals.CALIBRATION_V8
    assert refusals.calibration_file(7) == refusals.CALIBRATION_V7
    assert 0.0 < refusals.precision(8)["*"] <= 1.0
    assert len(refusals.refusal_sets(8)) > len(refusals.refusal_sets(7))
