"""quotes.ruuk.v6 (session 11): more reported speech found in Russian and Ukrainian text, fewer wrong speakers.

Every sentence here is invented. Each test runs the default pipeline with quotes.ruuk.v6 in the Cyrillic quote
stage's place, and where a rule is v6's only, checks that quotes.ruuk.v5 still reads the text as before.
"""

from __future__ import annotations

import pytest

from moralewatch.model import Document, Quote
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY


def _with(version: str) -> Pipeline:
    return Pipeline([version if n.startswith("quotes.ruuk.") else n for n in DEFAULT], None, REGISTRY)


@pytest.fixture(scope="module")
def v6() -> Pipeline:
    return _with("quotes.ruuk.v6")


@pytest.fixture(scope="module")
def v5() -> Pipeline:
    return _with("quotes.ruuk.v5")


def _quotes(pipe: Pipeline, text: str) -> list[Quote]:
    doc = Document(text=text)
    pipe.run(doc)
    return doc.quotes


def _said(pipe: Pipeline, text: str) -> list[tuple[str, str | None]]:
    doc = pipe.run(Document(text=text))  # offsets into the canonical text (the given one is cleaned as a .txt)
    return [(doc.text[q.start:q.end], q.speaker) for q in doc.quotes]


def test_v6_speech_verbs_but_not_as_the_writers_zero_subject(v6: Pipeline, v5: Pipeline) -> None:
    text = "Министр Сергей Петренко признаётся, что поставки снарядов задерживаются."
    assert _said(v6, text) == [("что поставки снарядов задерживаются.", "Сергей Петренко")]
    assert _said(v5, text) == []  # the verb is v6's only
    assert [q.speaker for q in _quotes(v6, "Речник бригади Петро Коваль підкреслив, що ротація триває вчасно.")] \
        == ["Петро Коваль"]
    # «Підкреслив, що …» opening a sentence of an address: the writer's own words (guideline 8)
    assert _quotes(v6, "Сьогодні говорив з Президентом Фінляндії. Підкреслив, що санкції мають посилюватися.") == []


def test_a_surname_the_dictionary_reads_as_an_oblique_noun(v6: Pipeline, v5: Pipeline) -> None:
    text = "Руге уточнил, что решение о поставках принято давно."
    assert _said(v6, text) == [("что решение о поставках принято давно.", "Руге")]
    assert _said(v5, text) == []
    # a common noun the dictionary knows in the nominative is no speaker
    assert _quotes(v6, "Варварів, які обстрілюють музеї, вірять, що ракети знищать нашу культуру.") == []


def test_an_inverted_attribution_with_a_gerund_clause(v6: Pipeline) -> None:
    text = "Армию надо вымотать, сказал источник, добавив, что, каким бы ни был порог, война не может длиться вечно."
    assert _said(v6, text) == [("Армию надо вымотать", "источник"),
                               ("что, каким бы ни был порог, война не может длиться вечно.", "источник")]


def test_about_this_with_a_name_between_and_from_the_line_above(v6: Pipeline, v5: Pipeline) -> None:
    assert _said(v6, "В городе прогремели взрывы. Об этом Петренко сообщил журналистам.") == [
        ("В городе прогремели взрывы.", "Петренко")]
    # an outlet between and a speaker after the verb: the outlet was told, the speaker spoke (unknown: no unit)
    said = _said(v6, "Бригада понесла потери. Об этом РИА Новости рассказал командир группы разведчиков Олег.")
    assert all(sp != "РИА Новости" for _t, sp in said)
    text = "Силами ПВО отражена атака беспилотника на город.\nОб этом сообщил мэр города Сергей Петренко."
    assert _said(v6, text) == [("Силами ПВО отражена атака беспилотника на город.", "Сергей Петренко")]
    assert _said(v5, text) == []


def test_a_callsign_ends_a_long_speaker_phrase(v6: Pipeline) -> None:
    text = "Позиции на этом участке удерживаются.\nОб этом сообщил сапер 132-й бригады 51-й армии российских войск " \
           "с позывным «Рубин»."
    assert [q.speaker for q in _quotes(v6, text)] == ["Рубин"]


def test_a_colon_line_with_a_speech_verb_introduces_the_line_below(v6: Pipeline) -> None:
    text = "Это подтвердил представитель МИД Георгий Петренко:\nМы не будем вести эти переговоры."
    assert _said(v6, text) == [("Мы не будем вести эти переговоры.", "Георгий Петренко")]


def test_a_document_speaks_for_the_body_named_before_it(v6: Pipeline, v5: Pipeline) -> None:
    text = ("Генеральный штаб ВСУ не сообщал о переправе, однако в своем отчете косвенно подтвердил это. В сводке "
            "говорится, что 24 ноября противник атаковал позиции у села.")
    assert [q.speaker for q in _quotes(v6, text)] == ["Генеральный штаб ВСУ"]
    assert [q.speaker for q in _quotes(v5, text)] == ["сводке"]
    # «написала заявление»: the thing written, no document speaking
    text = "Девушка написала заявление. После того, как она написала заявление, мать вернула часть денег."
    assert all(q.speaker != "Девушка" for q in _quotes(v6, text))


def test_a_nested_report_belongs_to_its_inner_speaker(v6: Pipeline) -> None:
    text = ("Le Monde напоминает, что в начале года о том, что Франция не исключает отправку войск, заявил президент "
            "Эммануэль Макрон.")
    assert _said(v6, text) == [("что Франция не исключает отправку войск", "Эммануэль Макрон")]


def test_a_topic_after_an_inverted_verb_is_no_speaker(v6: Pipeline, v5: Pipeline) -> None:
    text = "Некоторые европейские столицы, включая Берлин, высказались резко против идеи Макрона."
    assert _quotes(v6, text) == []
    assert [q.speaker for q in _quotes(v5, text)] == ["Макрон"]
    assert _said(v6, "Война будет долгой, сказал по телефону Песков.") == [("Война будет долгой", "Песков")]
    assert _said(v6, "Москва удвоит выпуск снарядов, сообщили Reuters три военных источника, в то время как "
                     "в Киеве это отрицают.") == [("Москва удвоит выпуск снарядов", "три военных источника")]


def test_a_plural_pronoun_far_from_the_last_speaker_stays_unknown(v6: Pipeline) -> None:
    text = ("Президент Петренко сказал, что мир возможен. Правительства колеблются. Но простые люди уже сделали "
            "выбор. Они уверены, что стране место в союзе.")
    assert [q.speaker for q in _quotes(v6, text)] == ["Президент Петренко", None]
    text = "Мобилизованные жалуются, что им не дают еды. Они говорят, что наёмникам дают лучшее питание."
    assert [q.speaker for q in _quotes(v6, text)] == ["Мобилизованные", "Мобилизованные"]


def test_bulleted_lists_under_a_named_intro(v6: Pipeline) -> None:
    text = ("Другие заявления Пескова на брифинге:\n▪️ Переговоры возможны только на условиях России\n"
            "▪️ Газопровод может быть запущен моментально")
    assert _said(v6, text) == [("Переговоры возможны только на условиях России", "Песков"),
                               ("Газопровод может быть запущен моментально", "Песков")]
    # the owner of the statements is a genitive: folded to the nominative
    text = "Обсуждают последние заявления Гурулева:\n✔️ Победу отдаляет от нас только враньё\n✔️ Главное не врать"
    assert [q.speaker for q in _quotes(v6, text)] == ["Гурулев", "Гурулев"]
    # the writer's own points, and a list of goods, have nobody named above them
    assert _quotes(v6, "Давайте соберём тезисы:\n▪️ Все документы подлинные\n▪️ Причина слива в борьбе элит") == []


def test_a_speaker_and_a_topic_then_words_without_marks(v6: Pipeline) -> None:
    assert _said(v6, "Новости дня.\nПесков о переговорах: мы готовы к диалогу с Киевом.") == [
        ("мы готовы к диалогу с Киевом.", "Песков")]
    assert _quotes(v6, "Новости дня.\nІ про присвоєння відзнаки ще чотирьом містам: Бучі, Ірпеню, Охтирці.") == []


def test_a_conviction_or_a_boast_before_a_colon(v6: Pipeline) -> None:
    assert _said(v6, "Новости дня.\nРазработчики уверены: такие беспилотники помогут бойцам на фронте.") == [
        ("такие беспилотники помогут бойцам на фронте.", "Разработчики")]
    said = _said(v6, "Новости дня.\nВласти области, разрушив памятник, похвастались: регион первым избавился от "
                     "памятников.")
    assert said == [("регион первым избавился от памятников.", "Власти области")]


def test_an_impersonal_report_needs_someone_named_before_it(v6: Pipeline, v5: Pipeline) -> None:
    text = "Повстанцы начали наступление. Сообщается, что они вошли в районы города."
    assert _quotes(v6, text) == []
    assert [q.speaker for q in _quotes(v5, text)] == [None]
    text = "Минобороны России заявило, что сбиты 35 беспилотников. Сообщается, что 32 дрона сбиты над Брянском."
    assert [q.speaker for q in _quotes(v6, text)] == ["Минобороны России", "Минобороны России"]


def test_a_gerund_of_saying_after_a_reported_clause(v6: Pipeline) -> None:
    text = "Глава государства в свою очередь отметил, что это возможно, подчеркнув, что программ много."
    assert _said(v6, text) == [("что это возможно", "Глава государства"),
                               ("что программ много.", "Глава государства")]


def test_a_line_that_goes_on_into_its_attribution(v6: Pipeline) -> None:
    text = "Обе организации нарушили обязательные нормы и правила, —\nговорится в заявлении Федерации бокса России."
    assert [(q.kind, q.speaker) for q in _quotes(v6, text)] == [("indirect", "Федерации бокса России")]
    # lines of their own (a lower-case line after a comma only wraps the sentence: one line in every form)
    assert _quotes(v6, "И однажды,\nПисал я в 2018 году,\nВсё поймут все.") == []


def test_a_body_after_its_adjective_and_whom_it_told(v6: Pipeline) -> None:
    text = "Новости.\nВ местном отделе образования нам подтвердили, что система работает во всех школах."
    assert [q.speaker for q in _quotes(v6, text)] == ["местном отделе образования"]


def test_hearsay_in_an_aside_is_no_attribution(v6: Pipeline) -> None:
    assert _quotes(v6, "Она не сводится к возрасту («зажился», — говорят в таких случаях в народе).") == []
    assert [q.speaker for q in _quotes(v6, "Это не инопланетяне, а Россия, говорят в Киеве.")] == ["Киеве"]


def test_names_given_by_nobody_named_are_no_quotes(v6: Pipeline, v5: Pipeline) -> None:
    text = "На выставке показали новые дроны.\nНазвали их «Чёрный дрозд», «Рысь» и «Смерч»."
    assert _quotes(v6, text) == []
    assert [q.kind for q in _quotes(v5, text)] == ["partial", "partial", "partial"]
    said = _said(v6, "Министр Петренко назвал эти сообщения «ужасными новостями».")
    assert said == [("ужасными новостями", "Министр Петренко")]  # a lower-case label of a named speaker stays


def test_a_long_name_with_its_short_name_in_a_parenthesis(v6: Pipeline) -> None:
    text = ("Базирующийся в Лондоне независимый центр мониторинга за соблюдением прав человека (ЦМПЧ) сообщает, что "
            "в ходе боев погибли десятки человек.")
    assert [q.speaker for q in _quotes(v6, text)] == ["ЦМПЧ"]
    # an aside in the parenthesis is still no speaker
    text = "Хьюи Лонг (убитый в 1935 году) заявлял: «Фашизм придет под видом антифашизма»."
    assert [q.speaker for q in _quotes(v6, text)] == ["Хьюи Лонг"]


def test_a_dash_source_with_its_topic(v6: Pipeline) -> None:
    text = "«Это пресс-служба виновата! Я человек открытый», — Петренко о том, что журналистов не пустили на брифинг."
    assert _said(v6, text) == [("Это пресс-служба виновата! Я человек открытый", "Петренко")]
    # a clause after the dash that merely opens with a lower-case word is no source
    text = "Город захватили повстанцы — в сентябре они вели переговоры с соседями о взаимной помощи."
    assert _quotes(v6, text) == []


def test_a_quote_only_line_takes_the_name_the_line_below_gives(v6: Pipeline, v5: Pipeline) -> None:
    text = "«Буду здесь работать до победы»\nМедсестра из Курской области рассказала РИА Новости, как попала на фронт."
    assert [q.speaker for q in _quotes(v6, text)] == ["Медсестра из Курской области"]
    assert [q.speaker for q in _quotes(v5, text)] == [None]
    text = "Вспомнилось сегодня.\n«Я был уверен абсолютно, что раны постепенно заживут»\n(с) Петренко - журналистам"
    assert [q.speaker for q in _quotes(v6, text)] == ["Петренко"]


def test_hostile_lines_finish_with_v6(v6: Pipeline) -> None:
    """Thousands of unbalanced marks, dashes, bullets and colons in one line: linear, not a hang."""
    text = "Он сказал: " + "«а „б — заявил он, — в ▪️ Об этом (с) " * 2000 + ":\n▪️ " + "о том, что " * 2000
    doc = Document(text=text)
    v6.run(doc)  # returns (the bound is the test runner's timeout; nothing here is timed)
    assert all(0 <= q.start < q.end <= len(text) for q in doc.quotes)


def test_what_was_heard_from_someone(v6: Pipeline, v5: Pipeline) -> None:
    text = ("Був радий почути сьогодні від прем'єра Данії Карла Мортенсена запевнення, що підтримка України "
            "триватиме стільки, скільки потрібно.\nПочув і обіцянку того, що Данія передасть нові системи ППО.")
    assert [q.speaker for q in _quotes(v6, text)] == ["Карл Мортенсен", "Карл Мортенсен"]
    assert _quotes(v5, text) == []


def test_an_intro_with_a_speech_event_and_where_it_was_said(v6: Pipeline) -> None:
    text = "Кремль ответил.\nПутин выступил на параде, главные тезисы:\n▪️ Запад искажает правду о войне\n▪️ Все участники СВО герои"
    assert [q.speaker for q in _quotes(v6, text)] == ["Путин", "Путин"]
    # «выступить» is an intro's verb only: no reported clause of its own
    assert _quotes(v6, "Власти Китая выступили с опровержением сообщений, будто они ведут расследование.") == []
    text = "Кремль ответил.\nО чём ещё говорил Владимир Путин на пленарном заседании клуба «Валдай»:\n— Россия открыта к диалогу."
    assert [q.speaker for q in _quotes(v6, text)] == ["Владимир Путин"]
