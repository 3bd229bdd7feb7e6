"""quote_roles.v3 (session 15): v2, and a soldier speaker's side never from a later soldier noun that is another
quote's speaker: a headline's "Soldiers near Bakhmut say …" is not the "captured Russian soldier" quoted three
paragraphs on. Invented sentences, each with its mirror (codebook rule 2)."""

from __future__ import annotations

import pytest

from moralewatch.model import Document
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY


def _with(stage: str | None) -> Pipeline:
    stages = [s for s in DEFAULT if not s.startswith("quote_roles.")]
    if stage:
        stages.insert(stages.index("turns.v4") + 1, stage)
    return Pipeline(tuple(stages), None, REGISTRY)


DEFAULT_PIPE, V2, V3 = _with(None), _with("quote_roles.v2"), _with("quote_roles.v3")

HEADLINE = ("Soldiers near Bakhmut say supplies are running out\n\nThe fighting went on for a third week.\n\n"
            "Shelling continued on both banks.\n\n\"We have nothing left,\" said a captured {a} soldier.")
OPENING = ("\"Nobody wanted to fight,\" one captured soldier said.\n\nMorale among the {a} forces near the river is "
           "low, officials say.")


def sides(text: str, pipe: Pipeline) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.side) for q in pipe.run(Document(text=text)).quotes]


@pytest.mark.parametrize(("adjective", "side"), [("Russian", "ru"), ("Ukrainian", "ua")])
def test_a_headline_speaker_takes_no_side_from_a_later_quoted_soldier(adjective: str, side: str) -> None:
    text = HEADLINE.format(a=adjective)
    assert sides(text, V3) == [("Soldiers near Bakhmut", "unknown"), (f"a captured {adjective} soldier", side)]
    for pipe in (DEFAULT_PIPE, V2):  # what v3 fixes: the later soldier's side
        assert sides(text, pipe)[0] == ("Soldiers near Bakhmut", side)


@pytest.mark.parametrize(("adjective", "side"), [("Russian", "ru"), ("Ukrainian", "ua")])
def test_an_opening_quote_still_takes_the_side_of_the_forces_named_after_it(adjective: str, side: str) -> None:
    """A later soldier noun that is no quote's speaker stays v2's reading (the seed article's opening quote)."""
    assert sides(OPENING.format(a=adjective), V3) == sides(OPENING.format(a=adjective), V2)
