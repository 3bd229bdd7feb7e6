"""quote_roles.v1: the role, side and channel of English quotes read from the speaker's own description, for
both armies alike, on invented sentences. The stage rewrites these three fields only: spans and speakers stay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moralewatch import quote_roles as roles
from moralewatch.model import Document
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY


def _with_stage() -> tuple[str, ...]:
    stages = tuple(s for s in DEFAULT if s != "quote_roles.v1")
    i = stages.index("turns.v4") + 1
    return stages[:i] + ("quote_roles.v1",) + stages[i:]


WITH = Pipeline(_with_stage(), None, REGISTRY)
WITHOUT = Pipeline(tuple(s for s in DEFAULT if s != "quote_roles.v1"), None, REGISTRY)


def labels(text: str, pipe: Pipeline = WITH) -> list[tuple[str, str | None, str, str, str]]:
    doc = pipe.run(Document(text=text))
    return [(doc.text[q.start:q.end], q.speaker, q.speaker_role, q.side, q.channel) for q in doc.quotes]


def only(text: str) -> tuple[str, str, str]:
    """Role, side and channel of the one quote the text has."""
    got = labels(text)
    assert len(got) == 1, got
    return got[0][2:]


# -- descriptions: the head noun decides, modifiers refine, both armies alike ----------------------------------


@pytest.mark.parametrize("description,role,side", [
    ("a Russian contract soldier", "soldier", "ru"),
    ("a Ukrainian contract soldier", "soldier", "ua"),
    ("the wife of a mobilised man", "relative", None),
    ("the mother of a Russian conscript", "relative", "ru"),
    ("a spokesman for the Ukrainian army", "official", "ua"),
    ("a spokesman for the Russian army", "official", "ru"),
    ("the head of the regional administration", "local_authority", None),
    ("the Russian-installed head of the city administration", "local_authority", "ru"),
    ("one lieutenant patrol officer on duty", "official", None),
    ("who runs a private high school in Novosibirsk", "civilian", "ru"),
    ("who runs a private high school in Poltava", "civilian", "ua"),
    ("a longtime friend of the volunteer", "civilian", None),
    ("Western diplomats", "diplomat", "west"),
])
def test_a_description_is_read_from_its_head(description: str, role: str, side: str | None) -> None:
    got = roles.read(description)
    assert (got.role, got.side) == (role, side)


def test_a_modifier_that_is_a_role_word_does_not_decide() -> None:
    assert roles.read("a private high school").role is None  # "private" is a soldier only as a head
    assert roles.read("a private in the 3rd brigade").role == "soldier"


def test_a_possessor_gives_the_side_of_an_office() -> None:
    assert roles.read("Sergei Lavrov’s office") == roles.Reading("official", "ru")
    assert roles.read("Dmytro Kuleba’s office") == roles.Reading("official", "ua")


def test_a_noun_phrase_stops_at_the_verb_before_it() -> None:
    text = "Both armies continue to capture Russian soldiers"
    assert roles.noun_phrase_before(text, len(text)) == "Russian soldiers"


# -- in documents ------------------------------------------------------------------------------------------------


def test_a_contract_soldier_is_a_soldier_of_his_army() -> None:
    role, side, _ = only("“We have not slept for days,” a Russian contract soldier said.")
    assert (role, side) == ("soldier", "ru")
    role, side, _ = only("“We have not slept for days,” a Ukrainian contract soldier said.")
    assert (role, side) == ("soldier", "ua")


def test_the_side_never_comes_from_another_word_of_the_sentence() -> None:
    got = only("A local man said the shelling near the Russian border had lasted all night.")
    assert got[1] == "unknown"
    got = only("A local man said the Ukrainian drones had flown over the village all night.")
    assert got[1] == "unknown"


def test_a_public_figure_has_the_role_and_side_of_the_knowledge_base() -> None:
    assert only("Sergei Lavrov said the talks had stalled.")[:2] == ("official", "ru")
    assert only("Dmytro Kuleba said the talks had stalled.")[:2] == ("official", "ua")


def test_a_later_mention_takes_the_earlier_apposition() -> None:
    text = ("Oleksandr Petrenko, the patrol police chief for Kramatorsk, walked the empty square.\n\n"
            "“People are tired but they stay,” Petrenko said.")
    assert only(text)[:2] == ("official", "ua")
    text = ("Ivan Sidorov, the mayor of Belgorod, visited the damaged school.\n\n"
            "“The children will study online,” Sidorov said.")
    assert only(text)[:2] == ("local_authority", "ru")


def test_another_soldier_has_the_side_of_the_soldiers_described_before() -> None:
    text = ("Ukrainian forces keep capturing Russian soldiers in the east.\n\n"
            "“We were told it was an exercise,” another soldier said.")
    assert only(text)[:2] == ("soldier", "ru")
    text = ("Russian forces keep capturing Ukrainian soldiers in the south.\n\n"
            "“We were told to hold the line,” another soldier said.")
    assert only(text)[:2] == ("soldier", "ua")


# -- channel -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("attribution,channel", [
    ("the governor told reporters", "press_briefing"),
    ("the ministry said in a statement", "statement"),
    ("the governor wrote on Telegram", "social_media_post"),
    ("the commander said in an interview", "interview"),
    ("the commander said in a video", "video"),
    ("the soldier's mother said by phone", "phone_call"),
])
def test_the_channel_comes_from_the_attribution(attribution: str, channel: str) -> None:
    assert only(f"“The bridge is still standing,” {attribution}.")[2] == channel


def test_a_channel_word_inside_the_quote_is_not_the_channel() -> None:
    text = "Oleksandr Petrenko said there were Telegram groups that paid residents for photos of checkpoints."
    assert only(text)[2] != "social_media_post"


def test_a_continuation_keeps_the_channel_of_its_first_paragraph() -> None:
    text = ("“The bridge is still standing,” the governor wrote on Telegram. “The road is closed.”")
    got = labels(text)
    assert [g[4] for g in got] == ["social_media_post", "social_media_post"]


def test_a_named_speaker_keeps_the_one_channel_the_text_names() -> None:
    text = ("Giving an interview to a regional newspaper, Ivan Sidorov said the city would hold.\n\n"
            "“We have enough water for a month,” Sidorov said.")
    assert [g[4] for g in labels(text)] == ["interview", "interview"]


# -- what it leaves alone ----------------------------------------------------------------------------------------


def test_spans_and_speakers_are_unchanged() -> None:
    text = ("Oleksandr Petrenko, the patrol police chief for Kramatorsk, said the square was empty.\n\n"
            "“People are tired,” he told reporters. A Russian contract soldier said the shelling went on.")
    with_stage = [g[:2] for g in labels(text)]
    without = [g[:2] for g in labels(text, WITHOUT)]
    assert with_stage == without


def test_russian_paragraphs_are_left_to_their_own_stage() -> None:
    text = "«Мы держимся», — сказал российский контрактник в интервью."
    assert labels(text) == labels(text, WITHOUT)


def test_a_captured_soldier_is_a_prisoner_of_his_army() -> None:
    assert roles.read("a captured Russian soldier") == roles.Reading("pow", "ru")
    assert roles.read("a captured Ukrainian soldier") == roles.Reading("pow", "ua")


def test_a_clause_after_a_name_is_no_description_of_the_person() -> None:
    text = ("KYIV - A captured Russian soldier, Ivan Petrov, 22, said in a video released by Ukraine's security "
            "service that his unit had no food.")
    assert only(text)[:2] == ("pow", "ru")  # not the security service's role and side
    text = "According to Petrenko, Russia withdrew its tanks from the village."
    assert only(text)[1] == "unknown"  # the clause after the name says nothing of him


def test_a_body_s_location_is_not_its_side() -> None:
    assert roles.read("The Swiss embassy in Moscow").side is None
    assert roles.read("the governor of Ukraine's Luhansk region") == roles.Reading("local_authority", "ua")
    assert roles.read("an official of the separatist administration of Luhansk") == roles.Reading("official", "ru")


def test_a_possessor_gives_a_side_only_to_an_office() -> None:
    assert roles.read("Vladimir Putin’s closest ally").side is None  # an ally is not his office


def test_a_group_of_people_is_read_from_the_people() -> None:
    assert roles.read("a group of Russian POWs") == roles.Reading("pow", "ru")
    assert roles.read("a group of Ukrainian POWs") == roles.Reading("pow", "ua")


def test_a_clause_before_a_name_is_no_title() -> None:
    text = ("Both armies denied killing civilians. Petrenko said the shelling had stopped at dawn.")
    assert only(text)[0] != "civilian"
    text = ("The region offered to rebuild the town as an ecological city, the Kyiv Independent reports.")
    assert all(g[2] != "local_authority" for g in labels(text))


def test_an_adjective_of_nationality_is_no_place() -> None:
    text = ("The talks went on after the Australian prime minister, Anthony Doe, arrived. Doe said the aid would "
            "continue.")
    assert all(g[3] != "ru" for g in labels(text))


def test_a_representative_of_an_agency_speaks_for_the_agency() -> None:
    assert roles.read("FSB representative") == roles.Reading("intelligence_agency", "ru")
    assert roles.read("SBU representative") == roles.Reading("intelligence_agency", "ua")


# -- floors (tests/floors/quotes.json, "quote_roles_v1") --------------------------------------------------------


def test_war_dev_and_seed_floors_with_the_stage(shared: Path) -> None:
    from moralewatch.eval.quotes import evaluate

    root = Path(__file__).resolve().parents[1]
    floors = json.loads((root / "tests" / "floors" / "quotes.json").read_text(encoding="utf-8"))["quote_roles_v1"]
    got = evaluate(str(root / "gold" / "quotes_war_dev.jsonl"), pipeline=WITH)["all"]
    for key, floor in floors["war_dev"].items():
        share = got[key.replace("_share", "_right")] / got["found"]
        assert share >= floor - 5e-4, f"war dev {key} {share:.4f} fell below {floor}"
    seeds = evaluate(str(shared / "examples" / "gold"), pipeline=WITH)["all"]
    for key, floor in floors["seeds"].items():
        assert seeds[key] >= floor, f"seeds {key} {seeds[key]} fell below {floor}"
