"""indicators.ruuk.v8 (issue 17, session 13): v7's items without the cue words' other senses (refusals) and with the
side of a Ukrainian address's acts against civilians. Invented sentences only."""

from __future__ import annotations

from pathlib import Path

import pytest

from moralewatch import lexicons
from moralewatch.errors import PipelineError
from moralewatch.indicators import slavic_v8
from moralewatch.model import Document
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT


def _pipe(version: str) -> Pipeline:
    return Pipeline([f"indicators.ruuk.{version}" if n.startswith("indicators.ruuk.") else n for n in DEFAULT])


@pytest.fixture(scope="module")
def v8() -> Pipeline:
    return _pipe("v8")


@pytest.fixture(scope="module")
def v7() -> Pipeline:
    return _pipe("v7")


def _found(pipe: Pipeline, text: str) -> set[tuple[str, str]]:
    return {(i.indicator, i.subject_side) for i in pipe.run(Document(text=text)).indicators}


# each: v7 finds the item, v8 refuses it (the cue word in another sense)
REFUSED = {
    "Президент підписав указ про відзначення державними нагородами 20 вчителів та лікарів міста.": "morale_boosting",
    "В Подмосковье задержали мигрантов, подозреваемых в изнасиловании и грабежах.": "orders_against_civilians",
    "Бывший чемпион UFC обвинён в изнасиловании, суд назначил ему штраф.": "orders_against_civilians",
    "Чиновники Кремля боятся признать, что санкции ударили по экономике.": "fear",
    "Бывший губернатор сбежал из страны с деньгами бюджета.": "surrender_desertion",
    "Олигархи давно сбежали на Запад со своими капиталами.": "surrender_desertion",
    "Наши бойцы под обстрелом не сдались и удержали высоту.": "surrender_desertion",
    "Ніхто з наших людей не втомлений і не зламаний.": "morale_low",
    "Правительство стремится заключить торговую сделку любой ценой, даже ценой убытков.": "expendable",
    "Армия Израиля нанесла удар по сектору Газа, погибли более 50 мирных жителей, это военные преступления.":
        "orders_against_civilians",
    "Сирийские военные заявили, что террористы понесли большие потери, убито более 200 боевиков.": "heavy_losses",
    "ВСУ испытывают острую нехватку личного состава на всех направлениях.": "supply_shortage",
    "Если наступление продолжится, ВСУ неизбежно понесут огромные потери, до тысячи человек в день.": "heavy_losses",
    "В Киеве обсуждают снижение мобилизационного возраста до 18 лет.": "forced_recruitment",
    "Путин не пойдёт на территориальные уступки на переговорах.": "unwilling",
    "Эксперт считает, что атаки дронов могут вызвать панику среди населения приграничья.": "fear",
    "Продажные журналисты снова врут про наши потери.": "betrayed_by_command",
}


@pytest.mark.parametrize("text", list(REFUSED))
def test_other_senses_are_refused(v8: Pipeline, v7: Pipeline, text: str) -> None:
    indicator = REFUSED[text]
    assert indicator in {i for i, _ in _found(v7, text)}, text  # v7 (unchanged) finds it
    assert indicator not in {i for i, _ in _found(v8, text)}, text


def test_refusals_keep_their_exceptions(v8: Pipeline) -> None:
    # men and ammunition short: the supplies are short too
    assert ("supply_shortage", "ua") in _found(v8, "ВСУ испытывают нехватку людей и боеприпасов на Покровском "
                                                   "направлении.")
    # soldiers ready to give up territory are unwilling to fight on
    assert ("unwilling", "ua") in _found(v8, "Военнослужащие ВСУ готовы согласиться на территориальные уступки, лишь бы "
                                             "закончить войну.")
    # a real surrender stays
    assert ("surrender_desertion", "ua") in _found(v8, "Под Курском 30 военнослужащих ВСУ сдались в плен.")


def test_acts_against_civilians_in_a_ukrainian_address_are_the_enemys(v8: Pipeline, v7: Pipeline) -> None:
    text = "Для чого жорстокість, яку світ побачив у Бучі та інших містах, звільнених українською армією."
    assert ("orders_against_civilians", "ua") in _found(v7, text)
    assert _found(v8, text) == {("orders_against_civilians", "ru")}


def test_revise_reports_what_it_refused_and_why(v7: Pipeline) -> None:
    doc = v7.run(Document(text="Бывший губернатор сбежал из страны с деньгами бюджета."))
    kept, refused = slavic_v8.revise(doc, [i for i in doc.indicators if i.rule.startswith("ruuk:")])
    assert kept == []
    assert [(i.indicator, why.reason) for i, why in refused] == [("surrender_desertion", "fled a country, not a position")]


def test_every_check_has_a_reason_and_a_malformed_line_is_a_coded_error(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    refusals, sides = slavic_v8.load()
    assert refusals and sides and all(c.reason for c in (*refusals, *sides))
    root = tmp_path / "data"
    (root / "ruuk" / "indicators_v8").mkdir(parents=True)
    (root / "ruuk" / "indicators_v8" / "refusals.txt").write_text("fear * sentence :: паник\\w*\n", encoding="utf-8")
    (root / "ruuk" / "indicators_v8" / "sides.txt").write_text("", encoding="utf-8")
    monkeypatch.setenv("MORALEWATCH_DATA", str(root))
    for f in (lexicons._lines, slavic_v8._checks):
        f.cache_clear()
    try:
        with pytest.raises(PipelineError) as e:
            slavic_v8.load()
        assert e.value.code == "E110" and "REASON" in e.value.message
    finally:
        for f in (lexicons._lines, slavic_v8._checks):
            f.cache_clear()
