"""Revision 2 of the speaker rules (quotes.v4, the default, and quotes.v5, its strict form): the speaker in the
appositions news writing puts around a name, and the speaker of a partial quote inside someone's reported clause.
quotes.v2 and quotes.v3 keep reading as before (their stored rows must not change)."""

from __future__ import annotations

import pytest

from moralewatch.model import Document
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY


def pipeline(version: str) -> Pipeline:
    return Pipeline(tuple(version if s.startswith("quotes.v") else s for s in DEFAULT), None, REGISTRY)


PIPES = {v: pipeline(v) for v in ("quotes.v2", "quotes.v3", "quotes.v4", "quotes.v5")}


def speakers(version: str, text: str) -> list[tuple[str, str | None]]:
    doc = PIPES[version].run(Document(text=text))
    return [(q.text, q.speaker) for q in doc.quotes]


CASES = [
    # the name after an age and a home town, and after a description of someone else
    ("A longtime friend of the soldier’s, Corey Mesimer, 29, of Myrtle Beach, S.C., confirmed on Sunday that the "
     "family had been informed.", "that the family had been informed", "Corey Mesimer"),
    ("Olena Petrenko, 34, of Bakhmut, said that the shelling never stopped.", "that the shelling never stopped",
     "Olena Petrenko"),
    # a name inside the description ("Ukraine’s president, Volodymyr Zelenskiy") is not the speaker
    ("Mykhailo Podolyak, an adviser to Ukraine’s president, Volodymyr Zelenskiy, said Ukraine was trusting in the UN.",
     "Ukraine was trusting in the UN", "Mykhailo Podolyak"),
    # "according to a description, NAME, …": the name speaks, and the content starts after it
    ("According to one lieutenant patrol officer on duty, Ihor Yunusov, this makes it easier for the police to "
     "identify suspicious behaviour.", "this makes it easier for the police to identify suspicious behaviour",
     "Ihor Yunusov"),
    # a possessive description after the cue, and the name in apposition to it
    ("Russia is ready to discuss a prisoner swap for imprisoned Americans, said its foreign minister, Sergei Lavrov.",
     "Russia is ready to discuss a prisoner swap for imprisoned Americans", "Sergei Lavrov"),
    # a partial quote inside someone's reported clause is theirs, not the clause subject's
    ("But Lavrov also warned that Russia would not respond to “megaphone diplomacy”.", "megaphone diplomacy",
     "Lavrov"),
    # "the Russian plan": a stance noun after a nationality is no speaker
    ("He urged diplomats to support the Russian plan, “if, of course, the fate of the project is important.”",
     "if, of course, the fate of the project is important.", "He"),
]


@pytest.mark.parametrize("version", ["quotes.v4", "quotes.v5"])
@pytest.mark.parametrize(("text", "content", "speaker"), CASES)
def test_revision_2_finds_the_speaker(version: str, text: str, content: str, speaker: str) -> None:
    assert (content, speaker) in speakers(version, text)


@pytest.mark.parametrize(("text", "content", "speaker"), [c for c in CASES if "Olena" not in c[0]])
def test_v2_and_v3_read_as_before(text: str, content: str, speaker: str) -> None:
    """The revision is set per extract call: the older stages still give their rows (here: not the new speaker;
    quotes.v2 and v3 read "Olena Petrenko, 34, of Bakhmut, said" right already)."""
    for version in ("quotes.v2", "quotes.v3"):
        assert (content, speaker) not in speakers(version, text)


@pytest.mark.parametrize("version", ["quotes.v4", "quotes.v5"])
@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("In Kyiv, the mayor, Vitali Klitschko, said the city was ready.", "the city was ready", "Vitali Klitschko"),
    ("Dmytro Kuleba, the foreign minister, said the talks had failed.", "the talks had failed", "Dmytro Kuleba"),
    ("Andrei Ivanov, 22, a conscript from Buryatia, said that they had no food.", "that they had no food",
     "Andrei Ivanov"),
    ("According to the Ukrainian military, Russian troops have withdrawn from the area.",
     "Russian troops have withdrawn from the area", "the Ukrainian military"),
    ("According to Ukraine's defence ministry, Russian Forces, the claims are false.",
     "Russian Forces, the claims are false", "Ukraine's defence ministry"),
    ("“We are ready,” said their commander.", "We are ready,", "their commander"),
])
def test_what_was_right_stays_right(version: str, text: str, content: str, speaker: str) -> None:
    assert (content, speaker) in speakers(version, text)


def test_the_revision_does_not_leak_out_of_a_call() -> None:
    from moralewatch.quotes.revision import at_least, revision

    assert not at_least(2)
    with pytest.raises(RuntimeError), revision(2):
        assert at_least(2)
        raise RuntimeError("a stage that fails")
    assert not at_least(2)
