"""Reported speech without marks (issue 7): speakers written as quantifiers or plural agent nouns, and where a
reported clause ends."""

from __future__ import annotations

import pytest

from moralewatch.api import analyze_text
from moralewatch.model import Quote


def indirect(text: str) -> list[Quote]:
    return [q for q in analyze_text(text).quotes if q.kind == "indirect"]


@pytest.mark.parametrize(("text", "speaker", "content"), [
    ("Many believe the offensive has already stalled near the river.", "Many",
     "the offensive has already stalled near the river"),
    ("Some said the brigade had run out of shells weeks ago.", "Some", "the brigade had run out of shells weeks ago"),
    ("Others have said they are not willing to fight for the regime.", "Others",
     "they are not willing to fight for the regime"),
])
def test_a_quantifier_is_the_speaker_of_the_verb_after_it(text: str, speaker: str, content: str) -> None:
    [q] = indirect(text)
    assert (q.text, q.speaker) == (content, speaker)


def test_a_quantifier_before_a_noun_is_no_speaker() -> None:
    assert indirect("Many reports of desertion reached the capital in the spring.") == []


@pytest.mark.parametrize(("text", "speaker"), [
    ("If the front breaks, forecasters say the economy will collapse within months.", "forecasters"),
    ("But military analysts warn that the reserves are poorly trained.", "military analysts"),
    ("Hacking specialists say the most harmful material might not even be genuine.", "Hacking specialists"),
])
def test_a_plural_agent_noun_is_a_speaker(text: str, speaker: str) -> None:
    [q] = indirect(text)
    assert q.speaker == speaker


@pytest.mark.parametrize(("text", "content"), [
    ("The general said that the troops were exhausted, saying nobody had slept for days.",
     "that the troops were exhausted"),
    ("The ministry said the convoy was delayed by mines, but the soldiers at the checkpoint disagreed.",
     "the convoy was delayed by mines"),
])
def test_a_reported_clause_ends_before_a_new_attribution_or_a_contrast(text: str, content: str) -> None:
    assert indirect(text)[0].text == content


def test_an_ing_word_that_is_no_cue_keeps_the_clause_going() -> None:
    [q] = indirect("The commander said the unit held the bridge, destroying two tanks in the process.")
    assert q.text == "the unit held the bridge, destroying two tanks in the process"


@pytest.mark.parametrize(("text", "speaker", "content"), [
    ("We fear that the next wave of mobilisation will take our sons.", "We",
     "that the next wave of mobilisation will take our sons"),
    ("Democrats claim that the aid package has been stalled for months.", "Democrats",
     "that the aid package has been stalled for months"),
])
def test_a_base_form_that_is_also_a_noun_is_a_verb_after_a_subject_or_before_that(
        text: str, speaker: str, content: str) -> None:
    [q] = indirect(text)
    assert (q.text, q.speaker) == (content, speaker)


def test_a_base_form_that_is_also_a_noun_is_no_cue_after_a_determiner() -> None:
    assert indirect("The fear of another winter without power kept families in the west.") == []


@pytest.mark.parametrize("title", ["former defence minister", "lobbyist and GOP strategist", "military analyst"])
def test_an_inverted_speaker_after_lower_case_titles(title: str) -> None:
    text = f"The brigade had lost half its men by March, said {title} Charlie Black, a former adviser."
    [q] = indirect(text)
    assert (q.text, q.speaker) == ("The brigade had lost half its men by March", "Charlie Black")
