"""quotes.v8 (session 16): quotes.v7 with three English speaker fixes, each a resolver or reader option that v2-v7 do
not set. Invented sentences, each with its mirror for the other side (codebook rule 2).

1. "…, said a Russian soldier." is the soldier's (v7 read the speaker "a Russian", an official).
2. A nameless institutional speaker ("Military doctors", "a ministry spokesman") takes no side from the side word
   of an army's action before it ("the Russian advance"); a body named before it still gives one.
3. A group speaker in sentence case ("Soldiers near Bakhmut") is no named person: its quotes do not share labels.
"""

from __future__ import annotations

import pytest

from moralewatch.model import Document
from moralewatch.pipeline import Pipeline
from moralewatch.quotes.document import _named
from moralewatch.stages import DEFAULT, REGISTRY


def _with(version: str) -> Pipeline:
    return Pipeline(tuple(version if s.startswith("quotes.v") else s for s in DEFAULT), None, REGISTRY)


V7, V8 = _with("quotes.v7"), _with("quotes.v8")
SIDES = [("Russian", "ru", "Russia"), ("Ukrainian", "ua", "Ukraine")]


def labels(text: str, pipe: Pipeline) -> list[tuple[str | None, str | None, str | None]]:
    return [(q.speaker, q.speaker_role, q.side) for q in pipe.run(Document(text=text)).quotes]


# 1. the inverted speaker "said a Russian soldier"

@pytest.mark.parametrize(("adjective", "side", "country"), SIDES)
@pytest.mark.parametrize("template", ["\"Morale in the unit is collapsing,\" said a {a} soldier.",
                                      "Morale in the unit is collapsing, said a {a} soldier."])
def test_said_a_nationality_soldier_is_the_soldier(template: str, adjective: str, side: str, country: str) -> None:
    text = template.format(a=adjective)
    assert labels(text, V8) == [(f"a {adjective} soldier", "soldier", side)]
    assert labels(text, V7)[0][0] != f"a {adjective} soldier"  # v7 unchanged: "a Russian" (or a broken reading)


@pytest.mark.parametrize(("adjective", "side", "country"), SIDES)
def test_said_a_nationality_soldier_then_his_name_is_the_named_soldier(adjective: str, side: str,
                                                                      country: str) -> None:
    text = f"\"We have no food,\" said a {adjective} soldier, Ivan Petrenko."
    assert labels(text, V8) == [("Ivan Petrenko", "soldier", side)]


@pytest.mark.parametrize(("adjective", "side", "country"), SIDES)
def test_said_a_nationality_body_keeps_its_capitalised_name(adjective: str, side: str, country: str) -> None:
    text = f"\"The attack was repelled,\" said the {adjective} Defence Ministry."
    assert labels(text, V8) == labels(text, V7)
    assert labels(text, V8)[0][2] == side


# 2. a nameless institutional speaker's side

@pytest.mark.parametrize(("adjective", "side", "country"), SIDES)
def test_an_institutional_group_takes_no_side_from_a_nationality_word_of_an_action(adjective: str, side: str,
                                                                                   country: str) -> None:
    text = (f"The {adjective} advance slowed in the east. Military doctors said the wounded were arriving faster "
            "than they could treat them.")
    assert labels(text, V7)[0][2] == side  # v7: the nearest nationality word
    assert labels(text, V8)[0][1:] == ("official", "unknown")


@pytest.mark.parametrize(("adjective", "side", "country"), SIDES)
def test_a_ministry_spokesman_takes_the_side_of_the_ministry_named_before(adjective: str, side: str,
                                                                         country: str) -> None:
    other = "Ukrainian" if side == "ru" else "Russian"
    text = (f"{country}'s defence ministry said the attack had failed. A ministry spokesman said the {other} "
            "advance had stalled.")
    assert [s for _, _, s in labels(text, V8)] == [side, side]


# 3. a group in sentence case is no named person

HEADLINE = ("Soldiers near Bakhmut say supplies are running out.\n\nThe town has been shelled for months.\n\n"
            "A {a} soldier said he had not slept for days. Soldiers near Bakhmut said they had no shells left.")


@pytest.mark.parametrize(("adjective", "side", "country"), SIDES)
def test_a_sentence_case_group_shares_no_side_with_its_namesake(adjective: str, side: str, country: str) -> None:
    text = HEADLINE.format(a=adjective)
    assert labels(text, V7)[0] == ("Soldiers near Bakhmut", "soldier", side)  # v7: agreed "by name"
    got = labels(text, V8)
    assert got[0] == ("Soldiers near Bakhmut", "soldier", "unknown")
    assert got[2][2] == side  # the passage's own soldier side (v7's rule) stays


def test_named_tells_names_from_sentence_case_descriptions() -> None:
    assert _named("Sergei Lavrov") and _named("The Kremlin") and _named("President Zelensky")
    assert _named("SEC officials") and _named("The Pentagon spokesman") and _named("Economics Minister Martin Bangemann")
    assert _named("Reuters") and _named("Bankers Trust Co")
    assert not _named("Soldiers near Bakhmut") and not _named("Residents of Kharkiv") and not _named("Officials")


def test_v7_reads_as_before() -> None:
    text = "\"Morale in the unit is collapsing,\" said a Russian soldier."
    assert labels(text, V7) == [("a Russian", "official", "ru")]


# quotes.v9: quotes.v2 with the same fixes, without v7's soldier-side rule

V2, V9 = _with("quotes.v2"), _with("quotes.v9")


@pytest.mark.parametrize(("adjective", "side", "country"), SIDES)
def test_v9_has_the_fixes_on_v2(adjective: str, side: str, country: str) -> None:
    said = f"\"Morale in the unit is collapsing,\" said a {adjective} soldier."
    assert labels(said, V9) == [(f"a {adjective} soldier", "soldier", side)]
    assert labels(said, V2) == labels(said, V7)  # v2 reads "a Russian" as v7 does
    doctors = (f"The {adjective} advance slowed in the east. Military doctors said the wounded were arriving faster "
               "than they could treat them.")
    assert labels(doctors, V2)[0][2] == side and labels(doctors, V9)[0][1:] == ("official", "unknown")


@pytest.mark.parametrize(("army", "enemy", "side"), [("Russian", "Ukrainian", "ru"), ("Ukrainian", "Russian", "ua")])
def test_v9_keeps_the_side_a_transcripts_header_gives_its_turns(army: str, enemy: str, side: str) -> None:
    """Why v9 and not v8 for the default: v7's rule loses the side of "an intercepted call between a Russian soldier
    and his mother" for the SOLDIER turns; v9 keeps v2's."""
    text = (f"Transcript of an intercepted call between a {army} soldier and his mother.\n\n"
            f"SOLDIER: Mom, the {enemy} artillery hits us every hour and the guys have nothing left.\n"
            "MOTHER: My God, son, are you all right?\n"
            "SOLDIER: I can't come home, they said anyone who leaves the position will be shot.\n")
    soldier = [s for _, role, s in labels(text, V9) if role == "soldier"]
    assert soldier and set(soldier) == {side}
    assert labels(text, V9) == labels(text, V2)
