"""quotes.v7 (session 16): quotes.v2 with no guessed side for a soldier speaker. A soldier or prisoner whose own
words and introduction give no side takes the previous speaker's only when that one is a soldier (or a side's people
named by nationality) of the same paragraph or the one before, never the document's majority soldier side; quotes.v2
stays as it was. Invented sentences, each with its mirror (codebook rule 2)."""

from __future__ import annotations

import pytest

from moralewatch.model import Document
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY


def _with(version: str) -> Pipeline:
    return Pipeline(tuple(version if s.startswith("quotes.v") else s for s in DEFAULT), None, REGISTRY)


V2, V7 = _with("quotes.v2"), _with("quotes.v7")
SIDES = [("Russian", "ru"), ("Ukrainian", "ua")]


def sides(text: str, pipe: Pipeline) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.side) for q in pipe.run(Document(text=text)).quotes]


HEADLINE = ("Soldiers near Bakhmut say supplies are running out\n\nThe fighting went on for a third week.\n\n"
            "Shelling continued on both banks.\n\n\"We have nothing left,\" said a captured {a} soldier.")


@pytest.mark.parametrize(("adjective", "side"), SIDES)
def test_a_headline_soldier_takes_no_side_from_a_soldier_quoted_paragraphs_later(adjective: str, side: str) -> None:
    text = HEADLINE.format(a=adjective)
    assert sides(text, V7) == [("Soldiers near Bakhmut", "unknown"), (f"a captured {adjective} soldier", side)]
    assert sides(text, V2) == [("Soldiers near Bakhmut", side), (f"a captured {adjective} soldier", side)]


PASSAGE = ("\"We have not slept for days,\" a {a} soldier in the trench said.\n\n"
           "\"The shells never stop,\" a soldier from the same trench said.")
ANOTHER = "\"Nobody told us anything,\" said a wounded {a} soldier. \"We just wait,\" another soldier said."


@pytest.mark.parametrize(("adjective", "side"), SIDES)
@pytest.mark.parametrize("template", [PASSAGE, ANOTHER])
def test_a_second_soldier_of_the_same_passage_keeps_the_first_ones_side(template: str, adjective: str,
                                                                         side: str) -> None:
    got = sides(template.format(a=adjective), V7)
    assert len(got) == 2 and [s for _, s in got] == [side, side]


FAR = ("\"We have not slept for days,\" a {a} soldier said.\n\n"
       "The town's water ran out in March.\n\nTrains stopped running a week later.\n\n"
       "\"Our commanders do not listen,\" a soldier said.")


@pytest.mark.parametrize(("adjective", "side"), SIDES)
def test_a_soldier_of_another_paragraph_with_no_cue_stays_unknown(adjective: str, side: str) -> None:
    text = FAR.format(a=adjective)
    assert sides(text, V7) == [(f"a {adjective} soldier", side), ("a soldier", "unknown")]
    assert sides(text, V2)[1] == ("a soldier", side)  # quotes.v2: the previous soldier's side, whatever the distance


GROUP = ("The {p} say they are determined to hold every village, despite heavy losses.\n\n"
         "\"There is no choice,\" Serhii, 44, a career soldier with one unit, said.")


@pytest.mark.parametrize(("people", "side"), [("Russians", "ru"), ("Ukrainians", "ua")])
def test_a_soldier_after_his_sides_people_named_by_nationality_takes_their_side(people: str, side: str) -> None:
    assert sides(GROUP.format(p=people), V7) == [(f"The {people}", side), ("Serhii", side)]


MAJORITY = ("{a} soldiers have been pushed back along the river. {a} troops lost two villages, and {a} soldiers "
            "retreated.\n\nA Russian officer and a Ukrainian soldier met at the exchange.\n\n"
            "\"I want to go home,\" one captive said.")


@pytest.mark.parametrize(("adjective", "side"), SIDES)
def test_no_side_from_the_documents_majority_of_soldier_nouns(adjective: str, side: str) -> None:
    text = MAJORITY.format(a=adjective)
    assert sides(text, V7)[-1] == ("one captive", "unknown")
    assert sides(text, V2)[-1] == ("one captive", side)


@pytest.mark.parametrize(("adjective", "side"), SIDES)
def test_the_side_before_the_soldier_noun_of_the_speakers_own_description(adjective: str, side: str) -> None:
    """The description's head stops at "captured" or "wounded"; v7 still reads the side right before the noun."""
    assert sides(f"\"It is cold,\" said a wounded {adjective} soldier.", V7) == [(f"a wounded {adjective} soldier", side)]
    assert sides(f"\"It is cold,\" said a soldier captured by {adjective} troops.", V7)[0][1] == "unknown"


PULL_QUOTE = ("There is a crisis among the invading forces\n\n\"Nobody wanted to fight and nobody told us why,\" one "
              "captured soldier said\n\nMorale is faltering, analysts say.\n\nThe prisoners spoke in a video.\n\n"
              "\"Nobody wanted to fight and nobody told us why,\" said a captured {a} soldier.")


@pytest.mark.parametrize(("adjective", "side"), SIDES)
def test_a_pull_quote_takes_the_side_of_the_soldier_it_repeats(adjective: str, side: str) -> None:
    got = sides(PULL_QUOTE.format(a=adjective), V7)
    assert got[0] == ("one captured soldier", side) and got[-1][1] == side


def test_v7_changes_sides_only(shared) -> None:  # type: ignore[no-untyped-def]
    """On the seed articles spans, speakers, roles and channels are v2's (v2's own rows are pinned by the tests
    above, which give it the old guessed sides, and by the default's English output, unchanged)."""
    for path in sorted((shared / "examples" / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        b, c = (p.run(Document(text=text)).quotes for p in (V2, V7))
        assert [(q.start, q.end, q.speaker, q.speaker_role, q.channel, q.via) for q in b] == \
            [(q.start, q.end, q.speaker, q.speaker_role, q.channel, q.via) for q in c]
