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
    ("Others have said they will refuse a second tour at the front.", "Others",
     "they will refuse a second tour at the front"),
])
def test_a_quantifier_is_the_speaker_of_the_verb_after_it(text: str, speaker: str, content: str) -> None:
    [q] = indirect(text)
    assert (q.text, q.speaker) == (content, speaker)


def test_a_quantifier_before_a_noun_is_no_speaker() -> None:
    assert indirect("Many reports of desertion reached the capital in the spring.") == []


@pytest.mark.parametrize(("text", "speaker"), [
    ("If the bridge falls, strategists say the garrison will be cut off within days.", "strategists"),
    ("But military analysts warn that the reserves are poorly trained.", "military analysts"),
    ("Demining specialists say the fields north of the town will take years to clear.", "Demining specialists"),
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


@pytest.mark.parametrize("title", ["former defence minister", "analyst and NATO planner", "military analyst"])
def test_an_inverted_speaker_after_lower_case_titles(title: str) -> None:
    text = f"The brigade had lost half its men by March, said {title} Ivan Petrenko, a former adviser."
    [q] = indirect(text)
    assert (q.text, q.speaker) == ("The brigade had lost half its men by March", "Ivan Petrenko")


@pytest.mark.parametrize(("text", "content"), [
    ("Russia threatened to cut gas supplies to Europe before the winter.", "to cut gas supplies to Europe before the winter"),
    ("The commander has vowed to retake the city within a month.", "to retake the city within a month"),
])
def test_a_commissive_verb_reports_its_to_complement(text: str, content: str) -> None:
    [q] = indirect(text)
    assert q.text == content


def test_a_speech_verb_with_to_after_it_is_no_report() -> None:
    assert indirect("The general said to the assembled officers nothing they did not know.") == []


def test_an_adverb_before_that_is_not_content() -> None:
    [q] = indirect("The pilot feared instantly that the convoy was under fire.")
    assert q.text == "that the convoy was under fire"


@pytest.mark.parametrize("text", ["It was reported that the army had withdrawn from the town.",
                                  "It is widely believed that the commander was killed in the strike."])
def test_an_impersonal_passive_reports_without_a_speaker(text: str) -> None:
    [q] = indirect(text)
    assert q.text.startswith("that ") and q.speaker is None


def test_an_impersonal_passive_without_a_clause_is_no_report() -> None:
    assert indirect("It was said in jest at the end of a long evening.") == []


@pytest.mark.parametrize(("text", "speaker"), [
    ("The ministry's claim that the soldiers were volunteers was quickly disproved.", "The ministry"),
    ("Moscow's repeated assertion that the strike hit only military targets was false.", "Moscow"),
])
def test_a_possessor_of_a_noun_of_saying_is_the_speaker(text: str, speaker: str) -> None:
    [q] = indirect(text)
    assert q.speaker == speaker and q.text.startswith("that ") and q.cue is not None


def test_a_noun_of_saying_without_a_possessor_is_no_report() -> None:
    assert indirect("The claim that the soldiers were volunteers is false.") == []


def test_a_participle_after_an_attribution_has_that_attributions_speaker() -> None:
    text = "“The front is holding,” Syrskyi said on Monday, citing the arrival of fresh brigades in the east."
    q = next(q for q in indirect(text) if q.cue == "citing")
    assert q.speaker == "Syrskyi" and q.text == "the arrival of fresh brigades in the east"


def test_a_participle_after_an_introductory_participle_has_the_main_subject() -> None:
    text = "Alarmed by the losses, the general changed course, promising to rotate the exhausted units."
    [q] = indirect(text)
    assert q.speaker == "the general" and q.text == "to rotate the exhausted units"


def test_a_coordinated_second_report_ends_the_first_and_keeps_its_speaker() -> None:
    text = ("The Defence Minister said on Friday that the army would keep the bridgehead through the winter and hinted "
            "that reserves would be called up in the spring.")
    first, second = indirect(text)
    assert first.text == "that the army would keep the bridgehead through the winter"
    assert second.text == "that reserves would be called up in the spring"
    assert first.speaker == second.speaker == "The Defence Minister"


def test_and_before_a_word_that_is_no_cue_keeps_the_clause_going() -> None:
    [q] = indirect("The officer said the shelling stopped at dawn and resumed after noon.")
    assert q.text == "the shelling stopped at dawn and resumed after noon"


def test_an_outlet_whose_name_ends_in_a_common_word_can_speak() -> None:
    [q] = analyze_text("“The offensive has stalled,” the Global Times wrote.").quotes
    assert q.speaker == "Global Times"


@pytest.mark.parametrize("text", ["“We must stop them,” Mitch McConnell, R-Ky., said.",
                                  "Mitch McConnell, R-Ky., said the vote on aid would happen next week."])
def test_a_party_and_state_tag_describes_the_name_before_it(text: str) -> None:
    [q] = analyze_text(text).quotes
    assert q.speaker == "Mitch McConnell" and "R-Ky" not in q.text


def test_the_second_piece_of_a_split_quote_after_an_insertion_keeps_the_speaker() -> None:
    text = ("“These men know how to hold a line,” said Syrskyi, speaking of the marines, “and they will hold this "
            "one too.”")
    first, second = analyze_text(text).quotes
    assert first.speaker == second.speaker == "Syrskyi"
    assert second.text.startswith("and they will hold")


def test_told_with_a_longer_object_starts_the_clause_at_that() -> None:
    [q] = indirect("The general told battalion staff on Thursday that the brigade would be rotated out.")
    assert q.text == "that the brigade would be rotated out"


def test_so_that_after_asked_is_no_reported_clause() -> None:
    text = "After the mother asked about his location so that she could send a parcel, the soldier revealed that he was at the front."
    assert [q.text for q in indirect(text)] == ["that he was at the front"]


def test_according_to_after_an_introductory_adverbial_attributes_the_clause_after_it() -> None:
    text = "On Tuesday, according to the General Staff, Russian units withdrew from the village near the river."
    [q] = indirect(text)
    assert q.text == "Russian units withdrew from the village near the river"
    assert q.speaker_start is not None and text[q.speaker_start:q.speaker_end].endswith("General Staff")


def test_according_to_after_a_clause_keeps_that_clause() -> None:
    text = "The brigade lost 300 men in a week, according to Ukrainian intelligence, which monitors radio traffic."
    [q] = indirect(text)
    assert q.text == "The brigade lost 300 men in a week"
