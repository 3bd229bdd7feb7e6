"""``turns.v4`` (issue 19, dev set B): an office's field in a header, a teleconference's operator, heads of
international organisations, and a dash line that resumes a labelled speaker's sentence. Invented texts."""

from __future__ import annotations

from moralewatch.clean.transcript import build
from moralewatch.speaker_labels import header_names, office_role, resolve

from .test_turns_roles import _turns


def test_an_office_with_its_field_before_a_name_is_no_part_of_the_name() -> None:
    names = header_names("Press Briefing by Press Secretary Ann Lane and NSC Coordinator for Strategic "
                         "Communications Tom Brand")
    brand = resolve("MR. BRAND", names)
    assert brand is not None and (brand.name, brand.role) == ("Tom Brand", "official")
    kirby = resolve("MR. KIRBY", header_names("Briefing by NSC Coordinator for Strategic Communications John Kirby"))
    assert kirby is not None and (kirby.name, kirby.role, kirby.side) == ("John Kirby", "official", "west")
    # a name of three words without an office's field before it stays whole
    assert [n for n, _ in header_names("Remarks by Mary Anne Smith")["smith"]] == ["Mary Anne Smith"]


def test_the_operator_of_a_government_teleconference_is_its_staff() -> None:
    text = ("OPERATOR: Please note all participants are in listen-only mode. I will now turn the call over to Ann Lane.\n"
            "MS. LANE: Thank you. Good afternoon.\n"
            "Q Thanks. What about the aid?\n")
    turns = _turns(text, title="Press Briefing by Press Secretary Ann Lane")
    assert [q.speaker_role for q in turns] == ["official", "official", "journalist"]
    other = _turns(text, title="Episode 12: a podcast about drones")
    assert other[0].speaker_role == "unknown"  # whose operator it is, the context does not say


def test_heads_of_international_organisations_speak_as_ngo_and_party_secretaries_as_politicians() -> None:
    assert office_role("SECRETARY GENERAL STOLTENBERG") == "ngo"
    assert office_role("UN Secretary-General") == "ngo"
    assert office_role("General Secretary of the Communist Party") == "politician"
    assert office_role("SECRETARY BLINKEN") == "official"  # a minister stays an official
    guterres = resolve("Antonio Guterres", {})  # by name alone: the knowledge base says official (v1.0)
    assert guterres is not None and guterres.role == "ngo"


def test_a_dash_line_in_lower_case_resumes_the_labelled_speakers_sentence() -> None:
    text = ("PRESIDENT LANE: They include key parts of the financial sector —\n"
            "(An aircraft is heard.) I'll wait until it goes over.\n"
            "— as well as the firms that supply its army.\n"
            "Q Thank you.\n")
    t = build(text, "text")
    assert [tr["label"] for tr in t.meta["turns"]] == ["PRESIDENT LANE", "Q"]
    assert t.text[t.meta["turns"][0]["start"]:t.meta["turns"][0]["end"]].endswith("supply its army.")
    dialogue = build("Where are you?\n— At home.\n— and the others?\n", "text")  # no labels: every dash is a turn
    assert sum(bool(tr["dash"]) for tr in dialogue.meta["turns"]) == 2


def test_a_title_case_preposition_ends_a_name_in_a_title() -> None:
    names = header_names("Press Gaggle by Press Secretary Ann Lane and National Security Advisor Tom Brand En Route "
                         "Anchorage, AK")
    brand = resolve("MR. BRAND", names)
    assert brand is not None and (brand.name, brand.role) == ("Tom Brand", "official")
    assert [n for n, _ in header_names("Remarks by President Tom Brand Before Marine One Departure")["brand"]] == \
        ["Tom Brand"]
