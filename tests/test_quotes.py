"""The quote stage (quotes.v2): marks, kinds, attribution, speakers and their codebook labels, invariants."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from moralewatch.api import analyze_text
from moralewatch.clean import RejectedInput
from moralewatch.layers.marks import find_marked
from moralewatch.model import CHANNELS, QUOTE_KINDS, ROLES, SIDES, Quote
from moralewatch.quotes.lexicon import Phrases
from moralewatch.segment import paragraphs


def quotes(text: str) -> list[Quote]:
    return analyze_text(text).quotes


def by_text(text: str) -> dict[str, Quote]:
    return {q.text: q for q in quotes(text)}


# -- quotation marks ---------------------------------------------------------------------------------------------


def test_every_kind_of_mark_is_paired() -> None:
    text = ("“Curly double,” he said.\n\n\"Straight double,\" he said.\n\n«Guillemets here» he said.\n\n"
            "„German style“ he said.\n\nRussian soldier breaks down: ‘We’re just meat here’")
    spans = [text[m.start:m.end] for m in find_marked(text, paragraphs(text))]
    assert spans == ["Curly double,", "Straight double,", "Guillemets here", "German style", "We’re just meat here"]


def test_apostrophes_and_nested_single_marks_are_not_quotes() -> None:
    text = "“We were thrown as ‘gun meat’, and Putin’s men don’t care,” another soldier said."
    spans = [text[m.start:m.end] for m in find_marked(text, paragraphs(text))]
    assert spans == ["We were thrown as ‘gun meat’, and Putin’s men don’t care,"]


def test_an_unbalanced_mark_affects_its_own_paragraph_only() -> None:
    text = ("The minister said it was “a chance to rest. Nobody closed this.\n\n"
            "“We are tired,” one soldier said.\n\nA stray closing mark” here.")
    got = by_text(text)
    assert got["We are tired,"].speaker == "one soldier"
    assert all("stray" not in q.text and "tired" not in q.text or q.text == "We are tired," for q in got.values())


# -- kinds and attribution ---------------------------------------------------------------------------------------


def test_split_quote_is_two_quotes_with_one_speaker() -> None:
    text = "“Mom, I’m in Ukraine,” he said. “There is a real war raging here.”"
    qs = quotes("An unidentified Russian soldier sent messages to his mother.\n\n" + text)
    direct = [q for q in qs if q.kind == "direct"]
    assert [q.text for q in direct] == ["Mom, I’m in Ukraine,", "There is a real war raging here."]
    assert {q.speaker for q in direct} == {"An unidentified Russian soldier"}


def test_multi_paragraph_quote_continues_its_first_paragraph() -> None:
    text = ("“At the beginning we were told we were going for training,” another soldier said.\n\n"
            "“Nobody wanted to fight.\n\n“We were thrown as ‘gun meat’, they just want to go home.”")
    qs = quotes(text)
    first = next(i for i, q in enumerate(qs) if q.text == "Nobody wanted to fight.")
    second = next(q for q in qs if q.text.startswith("We were thrown"))
    assert second.continues == first and qs[first].continues is None
    assert second.speaker == qs[first].speaker == "another soldier"


def test_partial_quote_inside_a_reported_clause_is_partial_and_mixed() -> None:
    text = "A group of Russian POWs claimed they had been used as “cannon meat” by their commanders."
    got = by_text(text)
    assert got["cannon meat"].kind == "partial"
    mixed = [q for q in got.values() if q.kind == "mixed"]
    assert mixed and "“cannon meat”" in mixed[0].text
    assert got["cannon meat"].speaker == "A group of Russian POWs" == mixed[0].speaker


def test_indirect_speech_with_that_and_a_relay() -> None:
    text = ("The Pentagon revealed on Tuesday that many soldiers have even begun sabotaging vehicles, "
            "the New York Post reported.")
    (q,) = [q for q in quotes(text) if q.kind == "indirect"]
    assert q.text == "that many soldiers have even begun sabotaging vehicles"
    assert (q.speaker, q.speaker_role, q.side, q.via) == ("The Pentagon", "official", "west", ["the New York Post"])


def test_according_to_before_and_after() -> None:
    text = ("According to the TASS news agency, the pause was announced to journalists on Thursday.\n\n"
            "Authorities have started burning the bodies of dead soldiers, according to Ukrainian intelligence.")
    got = {q.speaker: q for q in quotes(text)}
    assert got["the TASS news agency"].text == "the pause was announced to journalists on Thursday"
    assert got["the TASS news agency"].side == "ru"
    intel = got["Ukrainian intelligence"]
    assert intel.text == "Authorities have started burning the bodies of dead soldiers"
    assert (intel.speaker_role, intel.side) == ("intelligence_agency", "ua")


def test_trailing_attribution_after_a_reported_clause() -> None:
    text = "Secret Service protocol called for her to be taken to a trauma center, sources said."
    (q,) = quotes(text)
    assert (q.kind, q.text, q.speaker) == ("indirect", "Secret Service protocol called for her to be taken to a "
                                                       "trauma center", "sources")


def test_passive_cue_has_no_speaker_of_its_own() -> None:
    assert not [q for q in quotes("We were told that the war would be over in a week.") if q.kind == "indirect"]


def test_headline_with_a_speaker_and_a_colon() -> None:
    (q,) = quotes("Graham: Trump rhetoric destroying party’s chance to win")
    assert (q.speaker, q.text, q.kind) == ("Graham", "Trump rhetoric destroying party’s chance to win", "indirect")


# -- speakers ------------------------------------------------------------------------------------------------------


def test_apposition_gives_role_and_side_and_the_cue_gives_the_channel() -> None:
    text = ("\"The whole effort seems shambolic,\" tweeted Michael Kofman, an expert on the Russian military at the "
            "Woodrow Wilson International Center in Washington, DC.")
    (q,) = quotes(text)
    assert (q.speaker, q.speaker_role, q.side, q.channel) == ("Michael Kofman", "expert", "independent",
                                                             "social_media_post")
    assert text[q.speaker_start:q.speaker_end] == "Michael Kofman"


def test_pronoun_and_surname_resolve_to_the_fullest_name() -> None:
    text = ("Russian Defense Ministry spokesman Igor Konashenkov spoke on Thursday.\n\n"
            "“The troops will rest,” Konashenkov said.\n\n“They have earned it,” he added.")
    got = by_text(text)
    assert got["The troops will rest,"].speaker == "Igor Konashenkov"
    assert got["They have earned it,"].speaker == "Igor Konashenkov"
    assert got["They have earned it,"].side == "ru"


def test_definite_description_resolves_to_the_earlier_indefinite_one() -> None:
    text = ("The envoy read the last text messages an unidentified Russian soldier sent to his mother.\n\n"
            "Later the soldier revealed that he was on the front lines.")
    (q,) = [q for q in quotes(text) if q.kind == "indirect" and "front" in q.text]
    assert (q.speaker, q.speaker_role, q.side, q.channel) == ("an unidentified Russian soldier", "soldier", "ru",
                                                             "text_message")


def test_video_obtained_by_an_outlet_is_a_via_and_capture_makes_a_pow() -> None:
    text = ("In one video obtained by The Mirror, a group of Russian POWs claimed they had been used as "
            "“cannon meat”.\n\nUkrainian forces continue to capture Russian soldiers, many of whom have claimed "
            "they were instructed to “fire at everyone, even civilians”.")
    got = by_text(text)
    meat = got["cannon meat"]
    assert (meat.channel, meat.via, meat.speaker_role) == ("video", ["The Mirror"], "pow")
    fire = got["fire at everyone, even civilians"]
    assert (fire.speaker, fire.speaker_role, fire.side) == ("Russian soldiers", "pow", "ru")


def test_briefing_and_phone_call_channels() -> None:
    text = ("“Not all of them were fully trained,” a senior Defense Department official told reporters during a "
            "background briefing.\n\nIn a call shared by Ukraine’s security service, a man identified as a Russian "
            "soldier can be heard as he tells a family member: “There’s only meat here.”")
    got = by_text(text)
    assert (got["Not all of them were fully trained,"].channel, got["Not all of them were fully trained,"].side) \
        == ("press_briefing", "west")
    meat = got["There’s only meat here."]
    assert (meat.channel, meat.via) == ("phone_call", ["Ukraine’s security service"])


def test_phrase_lookup_respects_word_boundaries() -> None:
    p = Phrases(["said", "point out", "U.S."], fold=True)
    assert [k for _, _, k in p.find("She said; they unsaid it. Point out the U.S. role.")] == ["said", "point out",
                                                                                               "U.S."]


# -- invariants ----------------------------------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "“We are tired,” one soldier said.", "He said that morale was low.", "\"Straight", "’", "‘", "«x»",
    "According to officials, the unit fled.", "The army, sources said, is short of shells.", "„Hallo“",
    "Kofman tweeted: “It is bad.", "\n\n", " ", "he added.", "“", "”", "a soldier", "Russian", ",", ".",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=25).map(" ".join))
def test_invariants_hold_on_any_text(text: str) -> None:
    try:
        doc = analyze_text(text)
    except RejectedInput:  # nothing but blanks: the cleaner rejects it before any stage runs
        return
    starts = [q.start for q in doc.quotes]
    assert starts == sorted(starts)
    for i, q in enumerate(doc.quotes):
        assert 0 <= q.start < q.end <= len(doc.text) and doc.text[q.start:q.end] == q.text
        assert q.kind in QUOTE_KINDS and q.speaker_role in ROLES and q.side in SIDES and q.channel in CHANNELS
        assert 0.0 <= q.confidence <= 1.0
        if q.speaker_start is not None:
            assert q.speaker_end is not None and 0 <= q.speaker_start < q.speaker_end <= len(doc.text)
        if q.continues is not None:
            assert 0 <= q.continues < i


def test_capitals_speak_for_governments_and_named_spokesmen_are_found_after_the_cue() -> None:
    text = ("Moscow claims a strike killed 53 prisoners of war last week.\n\n"
            "“We may have a narrowing window,” said the spokesman, John Kirby.\n\n"
            "The Kremlin’s comments came after an interview.")
    qs = quotes(text)
    moscow = next(q for q in qs if q.speaker == "Moscow")
    assert (moscow.speaker_role, moscow.side, moscow.kind) == ("official", "ru", "indirect")
    kirby = next(q for q in qs if q.text == "We may have a narrowing window,")
    assert kirby.speaker == "John Kirby" and text[kirby.speaker_start:kirby.speaker_end] == "John Kirby"
    assert not [q for q in qs if q.cue == "comments"]  # a possessive makes "comments" a noun


def test_relative_pronoun_is_the_mention_and_its_antecedent_the_speaker() -> None:
    text = "The plan was backed by Martin O’Malley, who noted that he had raised the minimum wage."
    (q,) = [q for q in quotes(text) if q.cue == "noted"]
    assert q.speaker == "Martin O’Malley" and text[q.speaker_start:q.speaker_end] == "who"
    assert q.text == "that he had raised the minimum wage"


def test_according_to_an_outlet_after_an_attribution_is_a_relay_and_told_an_outlet_is_an_interview() -> None:
    got = by_text("“We will not retreat,” the Kremlin said, according to TASS.\n\n"
                  "“The troops are exhausted,” a Ukrainian commander told the BBC on Sunday.")
    kremlin, commander = got["We will not retreat,"], got["The troops are exhausted,"]
    assert (kremlin.speaker, kremlin.speaker_role, kremlin.side, kremlin.via) == ("the Kremlin", "official", "ru",
                                                                                 ["TASS"])
    assert (commander.speaker_role, commander.side, commander.channel) == ("commander", "ua", "interview")


def test_a_paragraph_ending_in_a_colon_introduces_the_next_paragraphs_quote() -> None:
    text = "After the rally, one volunteer, Jared Potts, observed:\n\n“He speaks his mind, and that is what we need.”"
    (q,) = [q for q in quotes(text) if q.kind == "direct"]
    assert q.speaker == "Jared Potts" and q.cue == "observed"


# -- who speakers are, across a document --------------------------------------------------------------------------


def test_a_public_figure_the_article_does_not_introduce_is_labelled_from_the_people_lexicon() -> None:
    q = quotes("“The West does not want talks,” Lavrov said on Friday.")[0]
    assert (q.speaker, q.speaker_role, q.side) == ("Lavrov", "official", "ru")
    q = quotes("“We will not be intimidated,” Zelenskiy said in his nightly address.")[0]
    assert (q.speaker_role, q.side) == ("official", "ua")


def test_the_article_s_own_description_wins_over_the_lexicon() -> None:
    q = quotes("“We need more shells,” said Oleksii Reznikov, a Ukrainian expert at a Kyiv think tank.")[0]
    assert q.speaker_role == "expert"


def test_a_common_surname_alone_is_not_a_public_figure() -> None:
    q = quotes("“I saw the tanks,” Miller said.")[0]
    assert (q.speaker, q.speaker_role, q.side) == ("Miller", "unknown", "unknown")


def test_one_named_speaker_keeps_one_role_and_side_through_the_document() -> None:
    text = ("“Aggressors, invaders, occupants,” said the veteran Russian diplomat Sergei Lavrov.\n\n"
            "“We have heard such things before,” Lavrov added.")
    a, b = quotes(text)
    assert (a.speaker_role, a.side) == ("diplomat", "ru") and (b.speaker_role, b.side) == ("diplomat", "ru")


def test_a_speaker_s_one_specific_channel_carries_to_their_other_quotes() -> None:
    text = ("Giving an interview to regional newspapers, Macron said: “We must not humiliate Russia.”\n\n"
            "“I have lost count of the conversations,” Macron said.")
    assert [q.channel for q in quotes(text)] == ["interview", "interview"]


def test_channel_words_inside_the_quote_do_not_make_its_channel() -> None:
    q = quotes("“I cannot even call these people Ukrainians,” said Oleksandr Malish, a police chief.")[0]
    assert q.channel != "phone_call"


def test_outlets_are_independent_and_state_media_take_their_state_s_side() -> None:
    a = quotes("Russian forces control the plant, Reuters reported.")[0]
    b = quotes("Ukrainian forces shelled the city, TASS reported.")[0]
    assert (a.speaker, a.side) == ("Reuters", "independent") and (b.speaker, b.side) == ("TASS", "ru")


def test_an_age_after_a_name_introduces_an_ordinary_person_unless_a_role_follows() -> None:
    a = quotes("“We had nothing left,” said Olena Petrenko, 34, who fled Mariupol in March.")[0]
    b = quotes("“We were sent like cattle,” said Andrei Ivanov, 22, a conscript captured near Kyiv.")[0]
    c = quotes("Andrei Ivanov, 22, a conscript from Buryatia, said his unit had no food.")[0]
    assert (a.speaker, a.speaker_role) == ("Olena Petrenko", "civilian")
    assert (b.speaker, b.speaker_role) == ("Andrei Ivanov", "pow")
    assert (c.speaker, c.speaker_role) == ("Andrei Ivanov", "soldier")
