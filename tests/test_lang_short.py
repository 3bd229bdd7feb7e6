"""language.v2: short Cyrillic posts are decided honestly (issue 17, item 1): the letters and frequent words of
each language first, then word endings only one of them has; a post without enough of either stays ``und``."""

from __future__ import annotations

import pytest

from moralewatch.lang import MIN_ENDINGS, decide, detect, document_language, scores
from moralewatch.model import Document
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT


@pytest.mark.parametrize(("text", "lang"), [
    ("👆🏼Да легко представляем!", "ru"),  # «да»: a word Ukrainian does not use («так»)
    ("-Я слива лиловая сочная садовая. - А я томат...4 рота 1 мех бат", "ru"),  # -ая endings
    ("Ось так", "uk"),  # «ось»: Russian says «вот»
    ("Сини воюють, брати тримають рубежа", "uk"),  # -ють: Russian writes -ют
    ("Бои идут весь день", None),  # one weak ending (идут) decides nothing
    ("Стоим насмерть, ребята держат", None),
    ("Нас кинули", None),
])
def test_short_cyrillic_posts(text: str, lang: str | None) -> None:
    assert detect(text) == lang
    doc, paragraphs = document_language(text, [(0, len(text))])
    assert doc == (lang or "und") and paragraphs == [lang or "und"]


def test_endings_decide_only_without_other_cues_and_only_when_one_sided() -> None:
    sc = scores("Сини воюють, брати тримають рубежа")
    assert sc[7] >= MIN_ENDINGS and sc[8] == 0
    # a paragraph too short to decide takes its document's language before any ending
    assert decide(sc, "ru") == "ru"
    # endings of both languages: undetermined
    assert detect("лиловая сочная, воюють тримають") is None
    # a letter cue outweighs any number of endings
    assert detect("лиловая сочная садовая і") == "uk"


def test_english_scores_and_labels_are_unchanged() -> None:
    text = "Russian troops near Izium said morale was collapsing."
    assert scores(text)[7:] == (0, 0)
    assert detect(text) == "en" and document_language(text, [(0, len(text))]) == ("en", ["en"])


def test_a_short_russian_post_reaches_the_russian_stages() -> None:
    """«Да, стоят насмерть.» was ``und`` (no letter or word cue), so the Russian indicator rules skipped it."""
    doc = Document(text="Да, стоят насмерть.")
    Pipeline(DEFAULT).run(doc)
    assert doc.language == "ru" and doc.paragraph_languages == ["ru"]
    assert [i.indicator for i in doc.indicators] == ["morale_high"]
