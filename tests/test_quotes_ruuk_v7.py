"""quotes.ruuk.v7 (session 13, issue 17): soldiers' relayed words with a bare attribution after the closing mark,
and the side their description gives.

Every sentence here is invented. Each test runs the default pipeline with quotes.ruuk.v7 (or v6, to show the text
reads as before there) in the Cyrillic quote stage's place.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moralewatch.model import Document, Quote
from moralewatch.pipeline import Pipeline
from moralewatch.quotes_ruuk import relayed
from moralewatch.stages import DEFAULT, REGISTRY

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "floors" / "quotes_ruuk.json").read_text(encoding="utf-8"))


def _with(version: str) -> Pipeline:
    return Pipeline([version if n.startswith("quotes.ruuk.") else n for n in DEFAULT], None, REGISTRY)


@pytest.fixture(scope="module")
def v7() -> Pipeline:
    return _with("quotes.ruuk.v7")


@pytest.fixture(scope="module")
def v6() -> Pipeline:
    return _with("quotes.ruuk.v6")


def _quotes(pipe: Pipeline, text: str) -> list[Quote]:
    doc = Document(text=text)
    pipe.run(doc)
    return doc.quotes


_POST = ("Испанская газета поговорила с военными 47 механизированной бригады ВСУ под Угледаром.\n"
         "Выдержки из интервью:\n"
         "«Нас не меняют уже два месяца, мы смертельно устали» - Лис, офицер 47 бригады.\n"
         "«Снарядов дают по десять в сутки, остальное приходится выпрашивать» – сержант Гуменюк, 47 бригада.\n")


def _by_text(quotes: list[Quote], words: str) -> Quote | None:
    return next((q for q in quotes if words in q.text), None)


def test_a_hyphen_after_the_closing_mark_names_the_soldier(v7: Pipeline, v6: Pipeline) -> None:
    q = _by_text(_quotes(v7, _POST), "смертельно устали")
    assert q is not None and q.speaker is not None and "Лис" in q.speaker
    assert q.speaker_role == "soldier"
    old = _by_text(_quotes(v6, _POST), "смертельно устали")
    assert old is None or old.speaker is None or "Лис" not in old.speaker


def test_the_side_of_a_numbered_unit_comes_from_the_documents_words_about_it(v7: Pipeline) -> None:
    quotes = _quotes(v7, _POST)
    lis = _by_text(quotes, "смертельно устали")
    gum = _by_text(quotes, "выпрашивать")
    assert lis is not None and lis.side == "ua"
    assert gum is not None and gum.side == "ua" and gum.speaker is not None and "Гуменюк" in gum.speaker


def test_no_side_without_words_that_give_one() -> None:
    assert relayed.side_of("Лис, офицер 12 бригады", "Лис, офицер 12 бригады, рассказал о боях.") == "unknown"
    both = "Про 12 бригаду ВСУ и про 12 бригаду ВС РФ писали все."
    assert relayed.side_of("Лис, офицер 12 бригады", both) == "unknown"
    assert relayed.side_of("пленный боец ВСУ", "") == "ua"
    assert relayed.side_of("российский контрактник", "") == "ru"


def test_a_police_officer_is_no_soldier() -> None:
    assert relayed.officer("Лис, офицер 47 бригады")
    assert not relayed.officer("офицер русской полиции")
    assert relayed.role_of("жена мобилизованного Анна") == "relative"


def test_a_comma_and_hyphen_stays_as_v6_reads_it(v7: Pipeline, v6: Pipeline) -> None:
    text = "Мы держимся, - говорю я себе каждое утро, - и будем держаться.\n"
    assert [(q.start, q.end, q.speaker) for q in _quotes(v7, text)] == \
        [(q.start, q.end, q.speaker) for q in _quotes(v6, text)]


def test_a_prisoner_takes_the_side_the_document_gives_its_other_prisoners() -> None:
    text = "Украинский военнопленный рассказал о боях. Позже заявил пленный, что командиры сбежали."
    assert relayed.side_of("пленный", text) == "ua"
    assert relayed.side_of("пленный", "Обменяли пленных ВСУ на пленных российских военных. Заявил пленный.") == \
        "unknown"
    assert relayed.side_of("пленный", "Заявил пленный.") == "unknown"


@pytest.mark.parametrize("split", ["dev", "dev_b", "dev_c"])
def test_v7_meets_its_dev_floors(shared: Path, v7: Pipeline, split: str) -> None:
    from moralewatch.eval.quotes import evaluate

    got = evaluate(str(ROOT / "gold" / "ruuk" / f"quotes_{split}.jsonl"), pipeline=v7)["all"]
    found = got["found"]
    figures = {"ggt30_f1": got["ggt30"]["f1"], "exact_f1": got["exact"]["f1"],
               "speaker_accuracy": got["speaker_accuracy"], "role_share": got["role_right"] / found,
               "side_share": got["side_right"] / found}
    for key, floor in FLOORS[f"ruuk_v7_{split}"].items():
        assert figures[key] >= floor - 5e-4, f"ruuk_v7_{split} {key} {figures[key]:.4f} fell below its floor {floor}"


def test_a_question_after_a_hyphen_is_no_speaker(v7: Pipeline) -> None:
    text = ("Так кто тогда позорит «славные традиции нашей пехоты» - вы сами, или оклеветанные вами бойцы?\n"
            "Ответа не будет.\n")
    assert all(q.speaker is None or "бойцы" not in q.speaker for q in _quotes(v7, text))
