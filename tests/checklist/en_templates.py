"""A CheckList suite (Ribeiro et al. 2020, "Beyond Accuracy: Behavioral Testing of NLP models with CheckList") for the
English indicator stage: the constructions codebook v1.1 defines, as templates with slot lists, and a deterministic
generator of the test cases.

Written from ``../shared/spec/codebook.md`` only (definitions, inclusion and exclusion notes, conventions 6-13); no
gold file was read to write it. Three kinds of test:

* ``MFT`` (minimum functionality): the indicator is found, with the right subject side (a soldier's "we" is the
  speaker's own army);
* ``INV`` (invariance): swapping Ukrainian and Russian in the speaker changes only the side; an irrelevant sentence
  or a place name changes nothing; a civilian subject or another sense of the cue word (codebook rule 13) is no
  soldier indicator;
* ``DIR`` (directional): a hedge ("reportedly", "may have") sets ``hedged``; a denial ("we have enough shells")
  removes the indicator or sets ``negated``.

:func:`cases` returns the cases; :func:`check` judges one case against a stage's indicators.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

SIDES = {"ua": "Ukrainian", "ru": "Russian"}
OTHER = {"ua": "ru", "ru": "ua"}

# -- slot lists -------------------------------------------------------------------------------------------------------

#: what a force runs short of (codebook: equipment, food, fuel, medical care)
SUPPLY_NOUNS = ("shells", "ammunition", "artillery shells", "food", "water", "fuel", "bandages", "body armour",
                "drones", "medicine")
#: what soldiers buy for themselves
OWN_KIT = ("body armour", "drones", "helmets", "tourniquets", "boots", "fuel")
DURATIONS = ("a week", "three days", "two weeks", "ten days")
UNITS = ("company", "platoon", "battalion", "unit")
COUNTS = (("120", "12"), ("100", "9"), ("80", "15"))
PLACES = ("Bakhmut", "Avdiivka", "Kupiansk", "Pokrovsk")
NAMES = ("Oleksandr", "Dmitry", "Ivan", "Andriy")

#: speaker frames: how testimony reaches the page ({Q} the quoted words, {S} the speaker's army as an adjective,
#: {N} a first name); the frame's label names the channel
SPEAKERS: tuple[tuple[str, str], ...] = (
    ("said_infantryman", '"{Q}," said {N}, a {S} infantryman.'),
    ("soldier_said", '"{Q}," a {S} soldier said.'),
    ("conscript_told", 'A {S} conscript told the BBC: "{Q}."'),
    ("pow", '"{Q}," a captured {S} soldier told reporters.'),
    ("intercept", 'In an intercepted call, a {S} soldier told his wife: "{Q}."'),
    ("letter", 'In a letter home, a {S} paratrooper wrote: "{Q}."'),
)

#: first-person constructions per indicator (the codebook's definitions, inclusion notes and conventions):
#: template label -> words of the speaker, with slots {X} (a slot list named in ``SLOTS``), {D}, {U}, {A}/{B}
FIRST_PERSON: dict[str, tuple[tuple[str, str], ...]] = {
    "supply_shortage": (
        ("we_have_no", "We have no {X}"),
        ("left_with_no", "We have been left with no {X}"),
        ("not_had_for", "We have not had {X} for {D}"),
        ("ran_out", "We ran out of {X}"),
        ("running_out", "We are running out of {X}"),
        ("without", "We are fighting without {X}"),
        ("never_arrived", "The {X} never arrived"),
        ("buy_own", "We buy our own {K}"),
        ("no_sleep", "We have not slept for {D}"),
        ("no_rotation", "There has been no rotation for {D} and the men are exhausted"),
    ),
    "heavy_losses": (
        ("half_wounded", "Half of my {U} is wounded"),
        ("half_dead", "Half of my {U} is dead"),
        ("only_left", "Only {B} of us are left"),
        ("of_came_back", "Of {A} men in our {U}, {B} came back"),
        ("we_lost_most", "We lost most of our {U}"),
        ("decimated", "Our {U} was decimated"),
        ("huge_losses", "Our losses are huge"),
    ),
    "surrender_desertion": (
        ("want_surrender", "Many soldiers in the {U} want to surrender"),
        ("want_desert", "Half of our {U} wants to desert"),
        ("talk_surrender", "The guys are talking about surrendering"),
        ("decided_surrender", "We decided to surrender"),
        ("deserted", "Two men from our {U} deserted"),
        ("refused_assault", "I refused to go on the assault"),
        ("shot_leg", "He shot himself in the leg to get out"),
    ),
    "unwilling": (
        ("nobody_fight", "Nobody here wants to fight"),
        ("go_home", "We just want to go home"),
        ("not_want_fight", "I do not want to fight this war"),
    ),
    "fear": (
        ("terrified", "I am terrified"),
        ("panicking", "Everyone in the trench is panicking"),
        ("crying", "The guys were crying in the dugout"),
    ),
    "morale_low": (
        ("morale_low", "Morale in our {U} is very low"),
        ("demoralized", "We are completely demoralized"),
        ("lost_will", "The men have lost the will to fight"),
    ),
    "betrayed_by_command": (
        ("betrayed", "Our commanders betrayed us"),
        ("officers_fled", "The officers fled and left us"),
        ("abandoned", "The command abandoned us"),
    ),
    "deceived": (
        ("exercise", "We were told it was an exercise"),
        ("training", "They told us we were going for training"),
        ("welcome", "They told us the locals would welcome us with flowers"),
    ),
    "expendable": (
        ("cannon_fodder", "We are cannon fodder"),
        ("to_deaths", "They send us to our deaths"),
        ("meat", "We are just meat to them"),
    ),
    "coerced": (
        ("shoot_retreat", "They said they would shoot us if we retreated"),
        ("barrier", "Barrier troops shoot anyone who retreats"),
    ),
    "untrained": (
        ("no_training", "We were sent to the front without any training"),
        ("two_days", "We had two days of training before the front"),
    ),
    "trauma": (
        ("nightmares", "I still have nightmares every night"),
        ("never_recover", "I will never recover from what I saw"),
    ),
    "casualty_concealment": (
        ("bodies", "Our command does not return the bodies of our dead to the families"),
        ("hide_dead", "The command hides how many of us died"),
    ),
    "forced_recruitment": (
        ("grabbed", "They grabbed me on the street and sent me to the front"),
        ("prison", "I was recruited straight from prison"),
    ),
    "sabotage": (
        ("punctured", "We punctured the fuel tanks so we would not have to go"),
    ),
    "orders_against_civilians": (
        ("fire_everyone", "We were ordered to fire at everyone, even civilians"),
    ),
    "morale_high": (
        ("morale_high", "Morale in our {U} is high"),
        ("determined", "We are determined to fight to the end"),
    ),
}

#: the writer's own report of a force's state, with a hedge (codebook: "reportedly", "allegedly", "may have")
HEDGED: tuple[tuple[str, str, str], ...] = (
    ("supply_shortage", "reportedly_ran_out", "{S} troops near {P} have reportedly run out of {X}."),
    ("supply_shortage", "may_have_run_out", "{S} troops near {P} may have run out of {X}."),
    ("supply_shortage", "allegedly_short", "{S} units near {P} are allegedly short of {X}."),
    ("heavy_losses", "reportedly_heavy", "{S} forces near {P} have reportedly suffered heavy losses."),
    ("surrender_desertion", "reportedly_deserted", "Dozens of {S} soldiers near {P} have reportedly deserted."),
    ("morale_low", "reportedly_low", "Morale among {S} troops near {P} is reportedly low."),
)

#: a soldier denies the indicator: it must not come out as a plain (un-negated) claim
DENIALS: tuple[tuple[str, str, str], ...] = (
    ("supply_shortage", "have_enough", "We have enough {X}"),
    ("supply_shortage", "plenty", "We have plenty of {X}"),
    ("supply_shortage", "no_shortage", "There is no shortage of {X}"),
    ("surrender_desertion", "no_desertions", "There were no desertions in our {U}"),
    ("morale_low", "not_low", "Morale in our {U} is not low"),
    ("heavy_losses", "no_losses", "Our {U} has had no losses this month"),
)

#: civilians: the same constructions are not a soldier indicator (codebook: civilians' feelings and hardship)
CIVILIAN_SPEAKERS: tuple[tuple[str, str], ...] = (
    ("villager", '"{Q}," said {N}, a villager in {P}.'),
    ("pensioner", '"{Q}," said {N}, a pensioner who stayed in {P}.'),
)
CIVILIAN_WORDS: tuple[tuple[str, str, str], ...] = (
    ("supply_shortage", "civ_no_water", "We have no water"),
    ("supply_shortage", "civ_no_food", "We have had no food for {D}"),
    ("supply_shortage", "civ_ran_out", "We ran out of medicine"),
    ("fear", "civ_afraid", "I am terrified of the shelling"),
)
CIVILIAN_NARRATION: tuple[tuple[str, str, str], ...] = (
    ("supply_shortage", "villagers_water", "The villagers near {P} have no water after the {S} shelling."),
    ("supply_shortage", "residents_food", "Residents of {P} ran out of food during the {S} shelling."),
)

#: other senses of the cue words (codebook rule 13): nothing at all may come out
OTHER_SENSES: tuple[tuple[str, str], ...] = (
    ("market_losses", "Shares of the steel company fell after it reported heavy losses for the quarter."),
    ("ran_out_cash", "The airline ran out of cash and filed for bankruptcy protection on Monday."),
    ("surrender_lead", "The team surrendered a two-goal lead in the second half."),
    ("no_fuel_shortage", "Refiners said there was a shortage of diesel fuel in the Midwest this winter."),
    ("morale_staff", "Staff morale at the bank is low after the layoffs, the union said."),
    ("troops_of_scouts", "The scouts ran out of water on the hike and were rescued by the park service."),
    ("political_surrender", "The senator accused the president of a political surrender to the unions."),
)

#: irrelevant additions (INV): a sentence before the quote, a place after the speaker
IRRELEVANT: tuple[tuple[str, str], ...] = (
    ("weather_before", "It was raining heavily on Tuesday. {T}"),
    ("place_after", "{T} The interview took place near {P}."),
)


#: suite b (session 15): constructions and slots written after v14's rules were final and run once on them, never
#: used to write or change a rule: a check of whether the mechanisms generalise beyond the suite they were written
#: against (test type ``MFT-b``)
UNSEEN_NOUNS = ("mortar rounds", "grenades", "diesel", "rations", "night-vision goggles", "batteries", "helmets",
                "painkillers")
UNSEEN_SPEAKERS: tuple[tuple[str, str], ...] = (
    ("said_marine", '"{Q}," said Serhiy, a {S} marine.'),
    ("video", 'A {S} mobilised soldier said in a video: "{Q}."'),
    ("sergeant", '"{Q}," a {S} sergeant told the newspaper.'),
)
UNSEEN: dict[str, tuple[tuple[str, str], ...]] = {
    "supply_shortage": (
        ("got_no", "We got no {X} this week"),
        ("nobody_brought", "Nobody has brought us {X} for {D}"),
        ("hasnt_been_any", "There hasn't been any {X} for {D}"),
        ("down_to_last", "We are down to our last {X}"),
        ("without_any", "They sent us forward without any {X}"),
    ),
    "heavy_losses": (
        ("three_quarters", "Three quarters of my {U} are dead"),
        ("left_out_of", "There are {B} of us left out of {A}"),
        ("lost_most_men", "Our {U} has lost most of its men"),
    ),
    "surrender_desertion": (
        ("give_up", "Some of the guys are planning to give themselves up"),
        ("ready_desert", "Half the {U} is ready to desert"),
    ),
}


# -- the cases ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One generated test: its text, what it expects, and where it came from."""

    id: str
    test: str  # MFT, INV, DIR
    kind: str  # the check: found, absent, nothing, hedged, denied, same_as
    indicator: str
    side: str  # the expected subject side (``found``); "" for any
    template: str
    text: str
    #: for INV ``same_as``: the id of the case whose output this one must reproduce, and the side map (a swap)
    base: str = ""
    swap: bool = False
    meta: dict[str, Any] = field(default_factory=dict)


def _slots(template: str, i: int) -> dict[str, str]:
    """The slot values of the ``i``-th filling of ``template`` (deterministic, cycling through the lists)."""
    a, b = COUNTS[i % len(COUNTS)]
    return {"X": SUPPLY_NOUNS[i % len(SUPPLY_NOUNS)], "K": OWN_KIT[i % len(OWN_KIT)],
            "D": DURATIONS[i % len(DURATIONS)], "U": UNITS[i % len(UNITS)], "A": a, "B": b,
            "P": PLACES[i % len(PLACES)], "N": NAMES[i % len(NAMES)]}


def _fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template


def _fillings(words: str) -> int:
    """How many fillings a template gets: one per supply noun for the supply slots, else one per speaker frame."""
    if "{X}" in words:
        return len(SUPPLY_NOUNS)
    if "{K}" in words:
        return len(OWN_KIT)
    return len(SPEAKERS)


def _first_person() -> Iterator[Case]:
    for indicator, templates in FIRST_PERSON.items():
        for label, words in templates:
            for i in range(_fillings(words)):
                frame_label, frame = SPEAKERS[i % len(SPEAKERS)]
                values = _slots(words, i)
                quote = _fill(words, values)
                for side, adjective in SIDES.items():
                    text = _fill(frame, {**values, "Q": quote, "S": adjective})
                    cid = f"{indicator}/{label}/{i}/{frame_label}/{side}"
                    yield Case(cid, "MFT", "found", indicator, side, f"{indicator}/{label}", text)
                    if side == "ru":
                        yield Case(cid + "/swap", "INV", "same_as", indicator, side, f"swap:{indicator}/{label}", text,
                                   base=cid.removesuffix("/ru") + "/ua", swap=True)
                    if i < 2 and side == "ua":
                        add_label, add = IRRELEVANT[i % len(IRRELEVANT)]
                        yield Case(f"{cid}/{add_label}", "INV", "same_as", indicator, side,
                                   f"{add_label}:{indicator}/{label}", _fill(add, {**values, "T": text}), base=cid)


def _hedged() -> Iterator[Case]:
    for indicator, label, words in HEDGED:
        for i in range(4 if "{X}" in words else 2):
            values = _slots(words, i)
            for side, adjective in SIDES.items():
                text = _fill(words, {**values, "S": adjective})
                yield Case(f"{indicator}/{label}/{i}/{side}", "DIR", "hedged", indicator, side,
                           f"hedge:{indicator}/{label}", text)


def _denials() -> Iterator[Case]:
    for indicator, label, words in DENIALS:
        for i in range(4 if "{X}" in words else 2):
            frame_label, frame = SPEAKERS[i % len(SPEAKERS)]
            values = _slots(words, i)
            for side, adjective in SIDES.items():
                text = _fill(frame, {**values, "Q": _fill(words, values), "S": adjective})
                yield Case(f"{indicator}/{label}/{i}/{frame_label}/{side}", "DIR", "denied", indicator, "",
                           f"deny:{indicator}/{label}", text)


def _civilians() -> Iterator[Case]:
    for indicator, label, words in CIVILIAN_WORDS:
        for i, (frame_label, frame) in enumerate(CIVILIAN_SPEAKERS):
            values = _slots(words, i)
            text = _fill(frame, {**values, "Q": _fill(words, values)})
            yield Case(f"{indicator}/{label}/{frame_label}", "INV", "absent", indicator, "",
                       f"civilian:{indicator}/{label}", text)
    for indicator, label, words in CIVILIAN_NARRATION:
        for i in range(2):
            values = _slots(words, i)
            for side, adjective in SIDES.items():
                text = _fill(words, {**values, "S": adjective})
                yield Case(f"{indicator}/{label}/{i}/{side}", "INV", "absent", indicator, "",
                           f"civilian:{indicator}/{label}", text)
    for label, text in OTHER_SENSES:
        yield Case(f"other_sense/{label}", "INV", "nothing", "", "", f"other_sense:{label}", text)


def _unseen() -> Iterator[Case]:
    for indicator, templates in UNSEEN.items():
        for label, words in templates:
            for i in range(len(UNSEEN_NOUNS) if "{X}" in words else len(UNSEEN_SPEAKERS)):
                frame_label, frame = UNSEEN_SPEAKERS[i % len(UNSEEN_SPEAKERS)]
                values = {**_slots(words, i), "X": UNSEEN_NOUNS[i % len(UNSEEN_NOUNS)]}
                for side, adjective in SIDES.items():
                    text = _fill(frame, {**values, "Q": _fill(words, values), "S": adjective})
                    yield Case(f"b/{indicator}/{label}/{i}/{frame_label}/{side}", "MFT-b", "found", indicator, side,
                               f"b:{indicator}/{label}", text)


def cases() -> list[Case]:
    """Every case of the suite, in a fixed order (the same list on every run)."""
    return [*_first_person(), *_hedged(), *_denials(), *_civilians(), *_unseen()]


# -- judging --------------------------------------------------------------------------------------------------------


def _key(items: list[dict[str, Any]], swap: bool = False) -> set[tuple[str, str, bool, bool]]:
    def side(s: str) -> str:
        return OTHER.get(s, s) if swap else s

    return {(i["indicator"], side(i["subject_side"]), bool(i.get("hedged")), bool(i.get("negated"))) for i in items}


def check(case: Case, items: list[dict[str, Any]], outputs: dict[str, list[dict[str, Any]]]) -> bool:
    """Whether the indicators ``items`` a stage gave ``case.text`` pass the case (``outputs``: every case's items by
    id, for the invariance tests that compare with another case)."""
    mine = [i for i in items if i["indicator"] == case.indicator]
    plain = [i for i in mine if not i.get("hedged") and not i.get("negated")]
    if case.kind == "found":
        return any(i["subject_side"] == case.side for i in plain)
    if case.kind == "hedged":
        return any(i.get("hedged") and i["subject_side"] == case.side for i in mine)
    if case.kind == "denied":
        return not plain
    if case.kind == "absent":
        return not mine
    if case.kind == "nothing":
        return not items
    if case.kind == "same_as":
        return _key(items) == _key(outputs[case.base], swap=case.swap)
    raise ValueError(f"unknown check {case.kind!r}")
