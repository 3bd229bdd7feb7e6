"""indicators.ruuk.v7 (issue 17, item 4, session 11): the paraphrases v6 did not read, a target actor naming the other
side, and the force a document is about. Invented sentences only."""

from __future__ import annotations

import pytest

from moralewatch import lexicons
from moralewatch.indicators import slavic
from moralewatch.model import Document
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY


def _pipe(version: str) -> Pipeline:
    return Pipeline([f"indicators.ruuk.{version}" if n.startswith("indicators.ruuk.") else n for n in DEFAULT])


@pytest.fixture(scope="module")
def v7() -> Pipeline:
    return _pipe("v7")


@pytest.fixture(scope="module")
def v6() -> Pipeline:
    return _pipe("v6")


def _found(pipe: Pipeline, text: str) -> set[tuple[str, str]]:
    return {(i.indicator, i.subject_side) for i in pipe.run(Document(text=text)).indicators}


def test_session11_families_of_both_armies(v7: Pipeline, v6: Pipeline) -> None:
    cases = {
        "Командование держит бойцов на передке месяцами, на жизни солдат им наплевать.": ("betrayed_by_command", "ru"),
        "Роту бросили в бой на танках, которые устарели ещё в советское время.": ("supply_shortage", "ru"),
        "Мобилизованным ВСУ говорят: служите и не смейте думать об увольнении.": ("deceived", "ua"),
        "В нашем полку под Курском назревает бунт.": ("surrender_desertion", "ru"),
        "Комбат ВСУ под Курском сдал свои позиции без боя.": ("surrender_desertion", "ua"),
        "Вернувшийся с фронта ветеран жалуется на проблемы с адаптацией к мирной жизни.": ("trauma", "ru"),
        "Годами из бюджета воровали деньги, выделенные на военное снаряжение.": ("betrayed_by_command", "ru"),
        "Ми боремося за свою землю і за свою свободу, кажуть наші воїни.": ("morale_high", "ua"),
    }
    for text, item in cases.items():
        assert item in _found(v7, text), text
        assert item not in _found(v6, text), text  # a change of output: v6 stays as it was


def test_a_target_names_the_other_side(v7: Pipeline) -> None:
    # the attack is aimed at the Russians: the shortage is the attackers'
    assert _found(v7, "Готовится контрнаступ на проклятых москалей, но снарядов не хватает.") == {
        ("supply_shortage", "ua")}
    # «на» with a locative is a place, not a target; the actor just before the cue is the cue's own adjective
    assert ("supply_shortage", "ua") not in _found(v7, "На российских учениях солдатам не хватает патронов.")
    assert ("orders_against_civilians", "ua") in _found(v7, "Наша пропаганда теперь делает акцент на украинские "
                                                            "зверства в приграничных сёлах.")


def test_the_force_a_document_is_about(v7: Pipeline) -> None:
    text = ("Командование ВСУ перебросило под Покровск новую бригаду. Бригаду ВСУ собрали из мобилизованных. "
            "Родственники рассказывают. Десятки солдат ушли в СЗЧ за первую неделю.")
    assert ("surrender_desertion", "ua") in _found(v7, text)
    # no force named twice: the writer's side, as before
    assert ("surrender_desertion", "ru") in _found(v7, "Родственники рассказывают. Десятки солдат ушли в СЗЧ.")


def test_session11_hard_negatives(v7: Pipeline) -> None:
    for text in ("Власти закрывают глаза на этническую преступность.",
                 "Из страны сбежала куча западных фирм.",
                 "После этого скандала нам только этого не хватает?",
                 "Дроны помогают перекрыть линии снабжения противника на фронте.",
                 "Арест генерала означает масштабные репутационные потери для армии.",
                 "Кремль, которого перестали бояться, молчит о войне.",
                 "Армия потеряла более 40% занятой территории."):
        assert not _found(v7, text), text


def test_the_army_gets_everything_is_a_denial(v7: Pipeline) -> None:
    doc = v7.run(Document(text="Министр уверяет, что у армии всё хорошо и она получает всё необходимое."))
    assert [(i.indicator, i.negated) for i in doc.indicators] == [("supply_shortage", True)]


def test_v7_reads_its_own_lexicon() -> None:
    assert slavic.load(slavic.V7).rules != slavic.load(slavic.V6).rules


def test_v7_reads_the_v6_files_it_has_no_copy_of() -> None:
    # session 12: v7's folder keeps its own cues and actors only; the five files it had copied byte for byte are
    # read from v6's folder, which its stage declares file by file (its stamp covers them, and not v6's cues)
    assert slavic._file(slavic.V7, "cues.txt") == "ruuk/indicators_v7/cues.txt"
    assert slavic._file(slavic.V7, "actors.txt") == "ruuk/indicators_v7/actors.txt"
    shared = ("hedges.txt", "size.txt", "soldiers.txt", "military.txt", "calibration.json")
    assert [slavic._file(slavic.V7, f) for f in shared] == [f"ruuk/indicators/{f}" for f in shared]
    v6, v7 = slavic.load(slavic.V6), slavic.load(slavic.V7)
    assert v7.hedges.pattern == v6.hedges.pattern and v7.confidence == v6.confidence
    stamped = lexicons.data_files(REGISTRY["indicators.ruuk.v7"].data)
    assert {f"ruuk/indicators/{f}" for f in shared} | {"ruuk/indicators_v7/cues.txt"} <= set(stamped)
    assert "ruuk/indicators/cues.txt" not in stamped and "ruuk/indicators/actors.txt" not in stamped


def test_the_official_voice_of_courage_and_extra_pay(v7: Pipeline) -> None:
    assert ("morale_high", "ua") in _found(v7, "Поки наші війська мужньо захищають кожне місто, ми працюємо разом.")
    assert ("morale_boosting", "ua") in _found(v7, "Уряд вирішив: усім військовослужбовцям виплачується додаткова "
                                                  "грошова винагорода.")
    assert ("morale_boosting", "ru") in _found(v7, "Правительство утвердило порядок единовременных выплат "
                                                  "военнослужащим и добровольцам.")
    # a civilian official's courage is no soldiers' morale
    assert not _found(v7, "Дякую меру, який мужньо захищає Україну та людей у своїй громаді.")


def test_units_reduced_and_logistics_made_harder(v7: Pipeline) -> None:
    assert ("heavy_losses", "ru") in _found(v7, "На данный момент в нашем полку осталось меньше 30% личного состава.")
    assert ("supply_shortage", "ua") in _found(v7, "Наши войска усложнили логистику снабжения засевшим в посёлке "
                                                  "подразделениям ВСУ.")
    assert ("supply_shortage", "ua") in _found(v7, "По данным с мест, у ВСУ большие проблемы с эвакуацией раненых.")
    # want of courage is low morale, not a shortage of supplies
    assert _found(v7, "Про противника скажу так: им духа не хватает, вот и всё.") <= {("morale_low", "ru"),
                                                                                      ("morale_low", "ua")}


def test_acts_against_civilians_in_the_ukrainian_official_voice(v7: Pipeline) -> None:
    for text in ("Окупанти навіть замінували дорогу, якою мали вивозити людей із міста.",
                 "Вони свідомо блокують підвезення їжі та ліків до оточеного міста.",
                 "У селі на Сумщині окупанти зігнали всіх мешканців у підвал школи."):
        assert ("orders_against_civilians", "ru") in _found(v7, text), text
    # bombing the defenders' positions is war, not an act against civilians
    assert not _found(v7, "Але бомбардування позицій захисників міста триває вже третій день.")


def test_a_units_need_for_consumables_is_a_shortage(v7: Pipeline, v6: Pipeline) -> None:
    # dev c's annotator codes a unit's need that "stays high" as supply_shortage (not borderline); v6 (session 9's
    # negative in tests/test_ruuk.py) does not
    text = "Потребность в расходниках остаётся высокой, сообщили в подразделении."
    assert [i.indicator for i in v7.run(Document(text=text)).indicators] == ["supply_shortage"]
    assert not v6.run(Document(text=text)).indicators
