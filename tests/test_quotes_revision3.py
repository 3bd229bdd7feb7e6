"""Revision 3 of the reported-clause and speaker rules (quotes.v6: quotes.v5's strict reading, registered, not the
default): reported clauses quotes.v5 refused for their shape, requests with their addressee, and coordinated
speakers. quotes.v5 keeps reading as before (its stored rows must not change)."""

from __future__ import annotations

import pytest

from moralewatch.model import Document
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY


def pipeline(version: str) -> Pipeline:
    return Pipeline(tuple(version if s.startswith("quotes.v") else s for s in DEFAULT), None, REGISTRY)


PIPES = {v: pipeline(v) for v in ("quotes.v5", "quotes.v6")}


def quotes(version: str, text: str) -> list[tuple[str, str | None]]:
    doc = PIPES[version].run(Document(text=text))
    return [(doc.text[q.start:q.end], q.speaker) for q in doc.quotes]


FOUND = [
    # a quantifier subject, a contraction, "cannot", a floating word, a plural subject with a common verb
    ("Mike Pence says too much is made of the tweets.", "too much is made of the tweets", "Mike Pence"),
    ("The commander's team says she'll continue her visits to the front this week.",
     "she'll continue her visits to the front this week", "The commander's team"),
    ("The battalion’s spokesman, Ihor Kovalenko, said he cannot comment on the losses.",
     "he cannot comment on the losses", "Ihor Kovalenko"),
    ("The nominee says they both share the belief that the war must end.",
     "they both share the belief that the war must end", "The nominee"),
    ("Olena Marchenko, a volunteer, said families still want news of the missing.",
     "families still want news of the missing", "Olena Marchenko"),
    ("A lawyer for the family, Andriy Bondar, said the videos show the men surrendering.",
     "the videos show the men surrendering", "Andriy Bondar"),
    # a request and its addressee
    ("Zelensky called on NATO leaders to close the sky.", "NATO leaders to close the sky", "Zelensky"),
    ("The governor asked residents to leave the city before the weekend.",
     "residents to leave the city before the weekend", "The governor"),
    # coordinated speakers: the whole noun phrase
    ("Soldiers and their relatives say the unit was sent forward without armour.",
     "the unit was sent forward without armour", "Soldiers and their relatives"),
    ("Ukrainian officials and fighters claimed Russian troops had entered the plant.",
     "Russian troops had entered the plant", "Ukrainian officials and fighters"),
]


@pytest.mark.parametrize("text,content,speaker", FOUND)
def test_revision_3_reads_what_quotes_v5_refused(text: str, content: str, speaker: str) -> None:
    assert (content, speaker) in quotes("quotes.v6", text)


@pytest.mark.parametrize("text,content,speaker", FOUND[:8])
def test_quotes_v5_still_reads_as_before(text: str, content: str, speaker: str) -> None:
    assert (content, speaker) not in quotes("quotes.v5", text)


REFUSED_OR_NARROW = [
    # a time after "called on" is no addressee
    ("Zelensky called on Tuesday to discuss the deal.", None),
    # a clause before "and" is no conjunct of the speaker
    ("The shelling stopped and residents said they would return.", "residents"),
    ("The army retreated and commanders said the line had collapsed.", "commanders"),
    # adjectives coordinated inside a description are not two speakers
    ("The minister for economic and energy affairs said the gas would run short.", None),
]


@pytest.mark.parametrize("text,speaker", REFUSED_OR_NARROW)
def test_revision_3_keeps_its_limits(text: str, speaker: str | None) -> None:
    got = quotes("quotes.v6", text)
    if speaker is None and "called on Tuesday" in text:
        assert got == []
    elif speaker is None:
        assert all(s != "energy affairs" and not (s or "").startswith("economic") for _, s in got)
    else:
        assert [s for _, s in got] == [speaker]


SOURCES = [
    ("Twelve percent said they would not vote.", "Twelve percent"),
    ("Another 19 percent said they would not pick either candidate.", "19 percent"),
    ("Those close to him say he would have to consider other candidates.", "Those close to him"),
    ("The ruling said the detention of the sailors was unlawful.", "The ruling"),
    ("The commission said the shelling of the hospital was deliberate.", "The commission"),
]


@pytest.mark.parametrize("text,speaker", SOURCES)
def test_revision_3_keeps_shares_groups_and_records_as_speakers(text: str, speaker: str) -> None:
    assert speaker in [s for _, s in quotes("quotes.v6", text)]


def test_the_claimant_check_of_the_indicator_stage_is_unchanged() -> None:
    """Revision 3 widens what the quote stage keeps as a source, only while a quote stage runs."""
    from moralewatch.speaker_check import source_ok

    assert not source_ok("Twelve percent") and not source_ok("The ruling")
