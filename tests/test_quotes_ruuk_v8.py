"""quotes.ruuk.v8 (session 14, issue 17): quotes that run over several lines, callsigns in marks, intros with a
speech verb over a quote line, no stray marks in speakers.

Every sentence here is invented. Each test runs the default pipeline with quotes.ruuk.v8 (or v7, to show what it
changes) in the Cyrillic quote stage's place, through ``extract_line`` as the CLI and the evaluation read posts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from moralewatch.api import extract_line
from moralewatch.pipeline import Pipeline
from moralewatch.quotes_ruuk import block
from moralewatch.stages import DEFAULT, REGISTRY

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "floors" / "quotes_ruuk.json").read_text(encoding="utf-8"))


def _with(version: str) -> Pipeline:
    return Pipeline([version if n.startswith("quotes.ruuk.") else n for n in DEFAULT], None, REGISTRY)


@pytest.fixture(scope="module")
def v8() -> Pipeline:
    return _with("quotes.ruuk.v8")


@pytest.fixture(scope="module")
def v7() -> Pipeline:
    return _with("quotes.ruuk.v7")


def _quotes(pipe: Pipeline, text: str) -> list[dict[str, Any]]:
    out = extract_line(json.dumps({"id": "t", "text": text, "source": "Telegram channel: Тест"}), 1, pipe)
    assert out["error"] is None
    return [q | {"said": text[q["start"]:q["end"]]} for q in out["quotes"]]


def _by_text(quotes: list[dict[str, Any]], words: str) -> dict[str, Any] | None:
    return next((q for q in quotes if words in q["said"]), None)


_BLOCK = ("Министр Петр Гаврилов:\n"
          "«Мы не собираемся отступать ни на шаг, сколько бы ни длилось это противостояние.\n"
          "Наши бойцы устали, но держатся, и каждый из них знает, за что стоит на этой земле.\n"
          "Подкрепление уже в пути, и к весне мы вернём всё, что потеряли этой осенью».\n"
          "@testchannel")


def test_a_quote_over_several_lines_is_one_unit_a_line(v8: Pipeline, v7: Pipeline) -> None:
    quotes = _quotes(v8, _BLOCK)
    first, second, last = (_by_text(quotes, w) for w in ("ни на шаг", "устали, но держатся", "к весне"))
    assert first is not None and second is not None and last is not None
    assert {q["speaker"] for q in (first, second, last)} == {"Петр Гаврилов"}
    assert second["kind"] == last["kind"] == "direct"
    assert "»" not in last["said"] and last["said"].endswith("осенью")
    old = _quotes(v7, _BLOCK)
    assert _by_text(old, "ни на шаг") is not None
    assert _by_text(old, "устали, но держатся") is None and _by_text(old, "к весне") is None


def test_straight_quotes_close_a_quote_over_several_lines(v8: Pipeline) -> None:
    text = _BLOCK.replace("«", '"').replace("»", '"')
    last = _by_text(_quotes(v8, text), "к весне")
    assert last is not None and last["speaker"] == "Петр Гаврилов"


def test_an_aside_inside_the_quote_is_the_quotes_own(v8: Pipeline, v7: Pipeline) -> None:
    text = _BLOCK.replace("но держатся, и", "но держатся, как сказал командир Иван Лебедев, и")
    quotes = _quotes(v8, text)
    line = _by_text(quotes, "как сказал командир")
    assert line is not None and line["speaker"] == "Петр Гаврилов"
    assert not any(q["speaker"] and "Лебедев" in q["speaker"] for q in quotes)
    assert any(q["speaker"] and "Лебедев" in q["speaker"] for q in _quotes(v7, text))


def test_a_relayed_report_in_marks_keeps_its_own_attributions(v8: Pipeline, v7: Pipeline) -> None:
    text = ("«Колонна техники прошла через город ночью, сообщают местные жители.\n"
            "Утром на улицах уже не было ни одной машины, по словам администрации района».\n")
    assert [(q["start"], q["end"], q["speaker"]) for q in _quotes(v8, text)] == \
        [(q["start"], q["end"], q["speaker"]) for q in _quotes(v7, text)]


@pytest.mark.parametrize("opening", ["(его письмо «", "(писал ещё весной: «"])
def test_a_mark_left_open_in_a_parenthesis_runs_on_nowhere(v8: Pipeline, v7: Pipeline, opening: str) -> None:
    text = (f"Генерал Сидоренко требовал снарядов {opening}Без них нам не удержать позиции у реки.\n"
            "В январе его уволили в запас, и никто об этом не жалел.\n"
            "Теперь его снова зовут в штаб, но он отказывается».\n")
    assert _by_text(_quotes(v8, text), "уволили в запас") is None
    assert [(q["start"], q["end"]) for q in _quotes(v8, text)] == [(q["start"], q["end"]) for q in _quotes(v7, text)]


def test_a_line_with_marks_of_its_own_ends_the_run(v8: Pipeline, v7: Pipeline) -> None:
    text = ("Комбат Орлов:\n"
            "«Патронов хватает только на два дня боя, остальное нам не везут.\n"
            "Из штаба пишут «держитесь и больше ничего не пишут уже третью неделю\n"
            "Снабжение налажено, а мы сидим без воды и без связи с соседями».\n")
    assert [(q["start"], q["end"]) for q in _quotes(v8, text)] == [(q["start"], q["end"]) for q in _quotes(v7, text)]
    paired = text.replace("«держитесь и", "«держитесь», и")
    assert _by_text(_quotes(v8, paired), "третью неделю") is not None
    assert _by_text(_quotes(v7, paired), "третью неделю") is None


def test_an_intro_with_a_speech_verb_names_the_quote_below(v8: Pipeline, v7: Pipeline) -> None:
    text = ("Осенью он ушёл добровольцем.\n"
            "Сидоренко вспоминал:\n"
            "«Я пришёл в военкомат сам, потому что не мог смотреть, как гибнут ребята моего года».\n")
    q = _by_text(_quotes(v8, text), "военкомат сам")
    assert q is not None and q["speaker"] == "Сидоренко"
    old = _by_text(_quotes(v7, text), "военкомат сам")
    assert old is not None and old["speaker"] is None


_SOLDIERS = ("Журналисты поговорили с бойцами 31 бригады ВСУ.\n"
             "«Нас не меняют уже третий месяц, люди просто падают от усталости» - Лис, офицер 31 бригады.\n"
             "«Каждую ночь штурм, каждое утро мы считаем, кого ещё нет с нами\" - \"Лис\".\n")


def test_a_callsign_in_marks_after_a_hyphen_is_the_speaker(v8: Pipeline, v7: Pipeline) -> None:
    text = _SOLDIERS.replace("«Каждую ночь штурм, каждое утро мы считаем, кого ещё нет с нами\"",
                             "\"Каждую ночь штурм, каждое утро мы считаем, кого ещё нет с нами\"")
    q = _by_text(_quotes(v8, text), "кого ещё нет")
    assert q is not None and q["speaker"] == "Лис"
    old = _by_text(_quotes(v7, text), "кого ещё нет")
    assert old is None or old["speaker"] is None


def test_a_callsign_nobody_described_names_nobody(v8: Pipeline) -> None:
    text = "\"Мы держим этот рубеж уже полгода и будем держать дальше\" - \"Лис\".\n"
    q = _by_text(_quotes(v8, text), "держим этот рубеж")
    assert q is None or q["speaker"] is None


def test_a_name_in_marks_before_a_speech_verb_is_the_speaker(v8: Pipeline, v7: Pipeline) -> None:
    text = "Пленных обменяли вчера. «Димсон» утверждает, что в его роте не осталось ни одного опытного бойца.\n"
    q = _by_text(_quotes(v8, text), "опытного бойца")
    assert q is not None and q["speaker"] == "Димсон"
    old = _by_text(_quotes(v7, text), "опытного бойца")
    assert old is None or old["speaker"] != "Димсон"


def test_a_name_in_marks_before_another_verb_says_nothing(v8: Pipeline) -> None:
    text = "Его задержали у стадиона. «Маугли» грозит до 15 суток за то, что кричал на полицейских.\n"
    assert not any(q["speaker"] == "Маугли" for q in _quotes(v8, text))


def test_no_mark_is_left_in_a_speakers_name() -> None:
    assert block.clean_name('Димсон", военнослужащий одной из бригад') == "Димсон, военнослужащий одной из бригад"
    assert block.clean_name("«Шкода") == "Шкода"
    assert block.clean_name('боец с позывным "Кот" спецназа "Ахмат') == 'боец с позывным "Кот" спецназа Ахмат'
    assert block.clean_name("Проект «Первый отдел»") == "Проект «Первый отдел»"


def test_what_closes_a_quote_left_open() -> None:
    line = "Подкрепление уже в пути, и к весне мы вернём всё».\n"
    assert block.closing_mark(line, 0, len(line) - 1) == line.index("»")
    nested = "Нам пишут «держитесь», и больше ничего».\n"
    assert block.closing_mark(nested, 0, len(nested) - 1) == nested.rindex("»")
    assert block.closing_mark("Ничего не закрыто здесь.", 0, 24) == -1
    straight = 'Все задачи "Ярса" выполнены в полном объёме".'
    assert block.closing_mark(straight, 0, len(straight)) == straight.rindex('"')
    assert block.closing_mark("Он сказал » и ушёл в штаб писать рапорт", 0, 39) == -1


@pytest.mark.parametrize("split", ["dev", "dev_b", "dev_c"])
def test_v8_meets_its_dev_floors(shared: Path, v8: Pipeline, split: str) -> None:
    from moralewatch.eval.quotes import evaluate

    got = evaluate(str(ROOT / "gold" / "ruuk" / f"quotes_{split}.jsonl"), pipeline=v8)["all"]
    found = got["found"]
    figures = {"ggt30_f1": got["ggt30"]["f1"], "exact_f1": got["exact"]["f1"],
               "speaker_accuracy": got["speaker_accuracy"], "role_share": got["role_right"] / found,
               "side_share": got["side_right"] / found}
    for key, floor in FLOORS[f"ruuk_v8_{split}"].items():
        assert figures[key] >= floor - 5e-4, f"ruuk_v8_{split} {key} {figures[key]:.4f} fell below its floor {floor}"
