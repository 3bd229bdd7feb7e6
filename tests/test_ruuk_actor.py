"""The subject side of Russian and Ukrainian indicators from the sentence's structure (indicators.ruuk.v6, issue 17):
the cue's owner, its clause's subject, a relative clause's head, the speaker of a quote for its first person. Every
sentence here is invented; each case is one where the nearest actor word (v5) names the wrong side."""

from __future__ import annotations

import pytest

from moralewatch.indicators import slavic_actor
from moralewatch.model import Document
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY


@pytest.fixture(scope="module")
def v6() -> Pipeline:
    # v6 as registered (the default is v7 since session 11, which reads its sides the same way and more)
    return Pipeline(tuple("indicators.ruuk.v6" if n.startswith("indicators.ruuk.") else n for n in DEFAULT), None,
                    REGISTRY)


@pytest.fixture(scope="module")
def v5() -> Pipeline:
    return Pipeline(tuple("indicators.ruuk.v5" if n.startswith("indicators.ruuk.") else n for n in DEFAULT), None,
                    REGISTRY)


def _sides(pipe: Pipeline, text: str, indicator: str) -> list[str]:
    return [i.subject_side for i in pipe.run(Document(text=text)).indicators if i.indicator == indicator]


@pytest.mark.parametrize(("text", "indicator", "want", "nearest"), [
    # the subject of the cue's clause, not the nearer "мы" of another clause (a weak country's name as subject)
    ("Пока мы празднуем взятие двух деревень, Украина гонит на фронт новое пушечное мясо.", "expendable", "ua", "ru"),
    ("Росія кидає нове гарматне м'ясо, поки ми тримаємо оборону.", "expendable", "ru", "ua"),
    # the genitive owner of a loss noun, through a chain of genitives
    ("Российские штурмовики докладывают: потери личного состава механизированной бригады ВСУ превысили 300 человек.",
     "heavy_losses", "ua", "ru"),
    # a relative clause's head is its subject, not the target of its verb
    ("Журналисты назвали 5000 российских военнослужащих, которые погибли в штурмах на позиции ВСУ.",
     "heavy_losses", "ru", "ua"),
    # a gerund clause takes its host clause's subject, not the force named nearer in the host's circumstances
    ("Российский командир погнал роту на штурм вдоль трассы ВСУ, потребовав идти любой ценой.", "expendable", "ru",
     "ua"),
    ("Украинский генерал отправил бригаду к позициям у Донецка в ДНР, приказав наступать ценой больших потерь.",
     "heavy_losses", "ua", "ru"),
    # with no actor in the cue's sentence, the subject of the sentence before goes on (its topic), not its last word
    ("Российские штурмовики третий день держат посадку напротив позиций ВСУ. Снарядов не хватает, связи нет.",
     "supply_shortage", "ru", "ua"),
    ("Українські бійці третю добу тримають посадку навпроти позицій окупантів. Їжі та води немає, набоїв бракує.",
     "supply_shortage", "ua", "ru"),
    # first person inside a quote is the speaker's side (a Ukrainian officer quoted in a Russian-language post)
    ("Командир батальона ВСУ Петренко рассказал: «Наши ребята бегут с позиций».", "surrender_desertion", "ua", "ru"),
])
def test_side_from_the_actors_place_in_the_sentence(v5: Pipeline, v6: Pipeline, text: str, indicator: str, want: str,
                                                    nearest: str) -> None:
    assert _sides(v6, text, indicator) == [want]
    assert _sides(v5, text, indicator) == [nearest]  # registered and unchanged


@pytest.mark.parametrize(("text", "indicator", "want"), [
    ("По нашим данным, двухсотые у противника исчисляются сотнями.", "heavy_losses", "ua"),  # «у X» owns the loss
    ("Российские солдаты отказались идти в штурм, сообщили в ВСУ.", "surrender_desertion", "ru"),  # the subject
    ("Бойцы ВСУ готовы отдать России территории ради мира.", "unwilling", "ua"),  # a country's name as an object
    ("Сводка: наши подразделения отразили 8 атак, противник потерял до 400 военнослужащих.", "heavy_losses", "ua"),
])
def test_both_armies_alike_and_the_writers_words(v6: Pipeline, text: str, indicator: str, want: str) -> None:
    assert _sides(v6, text, indicator) == [want]


def test_an_unknown_speakers_first_person_stays_the_writers(v6: Pipeline) -> None:
    # the quote's speaker has no side the text tells: "наши" stay the Russian writer's (not a guess of the speaker's)
    assert _sides(v6, "Один командир рассказал: «Наши солдаты бегут с позиций».", "surrender_desertion") == ["ru"]


def test_clause_and_cases() -> None:
    low = "пока мы празднуем, украина гонит пушечное мясо; а потом"
    cue = low.index("пушечное")
    s, e = slavic_actor.clause(low, 0, len(low), cue, cue + len("пушечное мясо"))
    assert low[s:e].strip() == "украина гонит пушечное мясо"
    assert "nomn" in slavic_actor.cases("противник", "ru") and "nomn" not in slavic_actor.cases("противника", "ru")
    assert slavic_actor.cases("всу", "ru") == {"any"}  # an abbreviation that does not decline: its place decides
    voices = slavic_actor.Structure("ru", ((10, 20, "ua"), (30, 40, None)))
    assert voices.writer_at(12, "ru") == "ua" and voices.writer_at(35, "ru") == "ru" and voices.writer_at(5, "ru") == "ru"
