"""indicators.ruuk.v10 (issue 17, session 14): v8 plus the recall rules of data/ruuk/indicators_v10 (the training
rounds' misses). Invented sentences only; the dev floors on gold/ruuk."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from moralewatch import lexicons
from moralewatch.api import extract_line
from moralewatch.errors import PipelineError
from moralewatch.eval import indicators as ev
from moralewatch.indicators import slavic_v8, slavic_v10
from moralewatch.model import Document
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "floors" / "ruuk.json").read_text(encoding="utf-8"))


def _pipe(version: str) -> Pipeline:
    return Pipeline([f"indicators.ruuk.{version}" if n.startswith("indicators.ruuk.") else n for n in DEFAULT])


@pytest.fixture(scope="module")
def v10() -> Pipeline:
    return _pipe("v10")


@pytest.fixture(scope="module")
def v8() -> Pipeline:
    return _pipe("v8")


#: a neutral lead sentence per language, so that the language stage labels a short test paragraph (one sentence alone
#: is often "und", which no ruuk stage reads)
LEAD = {"ru": "Об этом вечером сообщил корреспондент нашего канала, который находится на месте событий. ",
        "uk": "Про це ввечері повідомив наш кореспондент, який перебуває на місці подій. "}


def _led(text: str) -> str:
    return LEAD["uk" if re.search("[іїєґ]", text.lower()) else "ru"] + text


def _items(pipe: Pipeline, text: str) -> list:  # type: ignore[type-arg]
    return [i for i in pipe.run(Document(text=_led(text))).indicators if str(i.rule or "").startswith("ruuk:")]


def _found(pipe: Pipeline, text: str) -> set[str]:
    return {i.indicator for i in _items(pipe, text)}


# each: v8 misses the indicator, v10 finds it (one sentence per family of the new rules)
FOUND = {
    "Под Кураховом батальон попал в настоящую мясорубку, пехота держалась из последних сил.": "heavy_losses",
    "Противник ежедневно перемалывает нашу пехоту под Часовым Яром.": "heavy_losses",
    "Лесополоса завалена телами вражеских штурмовиков.": "heavy_losses",
    "После обстрела из всей роты в живых остались единицы, позиция потеряна.": "heavy_losses",
    "За ніч на цьому напрямку знищено десятки одиниць техніки й сотні окупантів.": "heavy_losses",
    "Російські війська обстрілюють і бомбардують Харків уже третій тиждень.": "orders_against_civilians",
    "Там зруйновано десятки шкіл російськими військами.": "orders_against_civilians",
    "Очевидцы рассказали, что военные расстреливали из пулемёта машины мирных жителей.": "orders_against_civilians",
    "Окупанти скинули бомбу на пологовий будинок у Маріуполі.": "orders_against_civilians",
    "Мешканці роками вмирали у блокаді, яку влаштували окупанти.": "orders_against_civilians",
    "Сотрудники военкомата пытались схватить мужчину прямо у подъезда.": "forced_recruitment",
    "Пленный рассказал, что его отправили на передовую без специальной подготовки.": "untrained",
    "Бойцы разбежались, едва началась атака дронов.": "fear",
    "Штурмовики отошли, бросив раненых сослуживцев на позиции.": "fear",
    "Получил осколок, перевязался и снова в строю, ребята держат позицию.": "morale_high",
    "Добровольно вызвался идти первым на штурм опорника.": "morale_high",
    "Українські воїни демонструють справжній героїзм під Бахмутом.": "morale_high",
    "Наблюдается серьезная усталость войск противника на этом участке фронта.": "morale_low",
    "Солдаты не понимают, за что воюют и когда это закончится.": "morale_low",
    "Военкор назвал неправдивые доклады главной бедой армии.": "betrayed_by_command",
    "Наград у бойцов полка крайне мало даже за штурм города.": "betrayed_by_command",
    "Местный военкомат мучает раненого бойца, не выполняя свои обязанности.": "betrayed_by_command",
    "Лётчиков вручили автоматы и послали штурмовать посадку.": "expendable",
    "Президент посетил госпиталь, где проходят лечение раненые участники СВО.": "morale_boosting",
    "Закон о списании кредитов и долгов по ипотеке распространяется на участников СВО.": "morale_boosting",
    "Рассказывать об этом нельзя, статистику потерь публиковать запрещено.": "casualty_concealment",
    "Хтось свідомо здавався в полон уже в перший тиждень.": "surrender_desertion",
}


@pytest.mark.parametrize("text", list(FOUND))
def test_recall_rules_find_what_v8_misses(v10: Pipeline, v8: Pipeline, text: str) -> None:
    indicator = FOUND[text]
    assert indicator not in _found(v8, text), text
    assert indicator in _found(v10, text), text


# each: a near miss the rules were tightened against (on the rounds' negative sentences); v10 adds nothing
NOT_FOUND = {
    "Розуміють, що російські війська можуть просто розстріляти цей транспорт.": "orders_against_civilians",
    "Документи знайдено в знищених штабах російських військ.": "orders_against_civilians",
    "Ранее сообщалось о десяти пострадавших при обстреле мирных жителей города.": "orders_against_civilians",
    "Сотні бойових літаків окупантів стоять на аеродромах.": "heavy_losses",
    "Після обстрілу в місті сотні вбитих людей.": "heavy_losses",
    "Допустим, самураи бы не сдались, что тогда?": "morale_high",
    "Ветераны прошли Бахмутскую мясорубку и вернулись домой.": "heavy_losses",
    "Зеленский назначил командующим генерала Драпатого.": "fear",
    "Раньше такие люди были вынуждены предаваться мечтам.": "betrayed_by_command",
}


@pytest.mark.parametrize("text", list(NOT_FOUND))
def test_tightened_rules_keep_their_near_misses(v10: Pipeline, v8: Pipeline, text: str) -> None:
    assert _items(v10, text) == _items(v8, text), text


def test_v8_items_stay_and_the_new_ones_name_v10(v10: Pipeline, v8: Pipeline) -> None:
    text = ("ВСУ потеряли более 300 военнослужащих под Курском. Противник ежедневно перемалывает нашу пехоту. "
            "Сотрудники военкомата пытались схватить мужчину прямо у подъезда.")
    old, new = _items(v8, text), _items(v10, text)
    assert old and all(i in new for i in old)  # v8's items unchanged
    added = [i for i in new if i not in old]
    assert {i.indicator for i in added} == {"heavy_losses", "forced_recruitment"}
    assert all(re.fullmatch(r"ruuk:(ru|uk):v10-\d+", i.rule) for i in added)
    assert not any(":v10-" in i.rule for i in old)


def test_a_sentence_carries_an_indicator_once(v10: Pipeline) -> None:
    # v8 finds heavy_losses here (a size and soldiers); v10's «мясорубка» rule adds no second item for the sentence
    text = "В этой мясорубке ВСУ потеряли более 500 военнослужащих за неделю."
    assert [i.indicator for i in _items(v10, text)].count("heavy_losses") == 1


def test_extra_composes_with_another_versions_items(v10: Pipeline) -> None:
    doc = v10.run(Document(text="За ніч на цьому напрямку знищено десятки одиниць техніки й сотні окупантів."))
    mine = [i for i in doc.indicators if str(i.rule or "").startswith("ruuk:")]
    assert mine and slavic_v10.extra(doc, mine) == []  # what another version already has is not added again
    assert [i.indicator for i in slavic_v10.extra(doc, [])] == ["heavy_losses"]


def test_the_new_items_go_through_v8s_refusals(v10: Pipeline) -> None:
    # «мясорубка» with fighters (v10's rule) in a sport story: v8's sport refusal takes it away
    doc = v10.run(Document(text=_led("Турнир UFC в эти выходные превратился в настоящую мясорубку для бойцов.")))
    with_v10 = lexicons.loading_for("indicators.ruuk.v10")
    try:
        new = slavic_v10._new(doc)
        kept, refused = slavic_v8.revise(doc, new)
    finally:
        lexicons.loading_for(with_v10)
    assert [i.indicator for i in new] == ["heavy_losses"] and kept == []
    assert [why.reason for _, why in refused] == ["a sport story, not soldiers"]
    assert "heavy_losses" not in {i.indicator for i in doc.indicators}


def test_a_malformed_cue_line_is_a_coded_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "data"
    (root / "ruuk" / "indicators_v10").mkdir(parents=True)
    (root / "ruuk" / "indicators_v10" / "cues.txt").write_text("heavy_losses * - :: мясорубк\\w*\n", encoding="utf-8")
    monkeypatch.setenv("MORALEWATCH_DATA", str(root))
    lexicons._lines.cache_clear()
    slavic_v10._lexicon.cache_clear()
    try:
        with pytest.raises(PipelineError) as e:
            slavic_v10._lexicon()
        assert e.value.code == "E110" and "indicators_v10/cues.txt" in e.value.message
    finally:
        lexicons._lines.cache_clear()
        slavic_v10._lexicon.cache_clear()


def _scores(pipe: Pipeline, gold: Path) -> dict:  # type: ignore[type-arg]
    docs, bad = ev.read_gold(gold)
    preds = {d.id: ev.extracted(extract_line(json.dumps({"id": d.id, "text": d.text}), 0, pipe), d.id)["indicators"]
             for d in docs}
    return ev.score(docs, preds, bad).as_dict()


@pytest.mark.parametrize(("name", "key"), [("indicators_dev.jsonl", "dev_v10"),
                                           ("indicators_dev_c.jsonl", "dev_c_v10")])
def test_ruuk_v10_dev_floors(shared: Path, v10: Pipeline, name: str, key: str) -> None:
    scores = _scores(v10, ROOT / "gold" / "ruuk" / name)
    assert scores["sha1_mismatches"] == 0
    for metric, floor in FLOORS[key]["min"].items():
        assert scores[metric] >= floor, f"{key} {metric} {scores[metric]} fell below its floor {floor}"
