"""indicators.v12 (issue 12, session 12): the subject side from the actor; and the long-quote slowness of the
tagger fixed with the same output. Every example is invented (no corpus sentence); each test of a side has its
mirror for the other army (codebook rule 2)."""

from __future__ import annotations

import random

import pytest

from moralewatch.api import analyze_text
from moralewatch.indicators import tagger
from moralewatch.indicators.tagger import Hit
from moralewatch.pipeline import Pipeline
from moralewatch.stages import default_pipeline


def _pipeline(stage: str) -> Pipeline:
    return Pipeline([n if not n.startswith("indicators.v") else stage for n in default_pipeline().names])


V8, V10, V11 = (_pipeline(f"indicators.v{v}") for v in (8, 10, 11))
LEAD = "The fighting near the river went on for a third week, with shelling on both banks. "


def found(text: str, pipeline: Pipeline) -> set[tuple[str, str]]:
    return {(i.indicator, i.subject_side) for i in analyze_text(LEAD + text, pipeline).indicators}


@pytest.mark.parametrize("pipeline", [V8, V10, V11], ids=["v8", "v10", "v11"])
@pytest.mark.parametrize(("speaker", "side"), [("Zelensky", "ua"), ("Putin", "ru")])
def test_a_long_quote_repeating_a_cue(pipeline: Pipeline, speaker: str, side: str) -> None:
    """One quote of 600 sentences "Our defenders surrendered the …" (hostile input: every cue of a long quote read
    all of the quote's side mentions, each with a search of the text between: minutes at a few thousand
    repetitions). The result is the one item of the quote, about the speaker's own forces."""
    text = f'{LEAD}{speaker} said: "' + "Our defenders surrendered the … " * 600 + '"'
    items = analyze_text(text, pipeline).indicators
    assert {(i.indicator, i.subject_side) for i in items} == {("surrender_desertion", side)}


def _distance_before(text: str, hit: Hit, lo: int, m: tuple[str, int, int, int]) -> float:
    """The weighted distance as :func:`tagger._mention_distance` computed it before session 12 (a clause end
    searched for between the cue and each mention after it)."""
    prefer_after = bool(tagger._INFLICT.search(text[max(lo, hit.start - 30):hit.end]))
    if m[1] >= hit.start and m[2] <= hit.end:
        d = (m[1] - hit.start) / 2
    elif m[2] <= hit.start:
        d = float(hit.start - m[2]) * (2 if prefer_after else 1)
    else:
        d = (m[1] - hit.end) * (0.5 if prefer_after else 1.5)
        if not prefer_after and tagger._CLAUSE_END.search(text, hit.end, m[1]):
            d *= 3
    return d if m[3] else d * 2 + 40


def test_mention_distance_is_unchanged() -> None:
    """The clause end found once per cue gives the same distance as the search per mention it replaces."""
    rng = random.Random(12)
    words = ["troops", "lost", "heavy losses", ",", ";", "and", "—", "killed", "Russian", "Ukrainian", "the"]
    rule = next(r for r in tagger.load().rules if r.indicator == "heavy_losses")
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(40))
        start = rng.randrange(0, len(text) - 12)
        hit = Hit(rule, start, start + rng.randrange(1, 12))
        distance = tagger._mention_distance(text, hit, 0)
        for _ in range(10):
            a = rng.randrange(0, len(text) - 5)
            m = ("ru", a, a + rng.randrange(1, 5), rng.randrange(0, 3))
            assert distance(m) == _distance_before(text, hit, 0, m)
