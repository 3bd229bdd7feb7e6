"""quotes.ruuk.v4: quotes in Russian and Ukrainian text (issue 17, item 3), and its floors on the dev set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moralewatch.api import extract_line
from moralewatch.model import Document, Quote
from moralewatch.pipeline import Pipeline
from moralewatch.quotes_ruuk.finder import marks_in
from moralewatch.quotes_ruuk.names import Names, candidates
from moralewatch.stages import DEFAULT

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "floors" / "quotes_ruuk.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(DEFAULT)


def _quotes(pipe: Pipeline, text: str) -> list[Quote]:
    doc = Document(text=text)
    pipe.run(doc)
    return doc.quotes


def test_marks_pair_with_nesting() -> None:
    text = "Он сказал: «Нам пишут „держитесь“, а людей нет». И ещё «одно»."
    marks = marks_in(text, 0, len(text), carry=False)
    assert [text[m.start:m.end] for m in marks] == ["Нам пишут „держитесь“, а людей нет", "одно"]


def test_direct_quote_with_attribution_after_and_case_endings_folded(pipe: Pipeline) -> None:
    text = ("«Мы удерживаем позиции под Покровском, но противник несет большие потери», — заявил журналистам "
            "главнокомандующий ВСУ Александр Сырский. По словам Сырского, ротация подразделений продолжается. "
            "Сырскому ответили в Генштабе. Сырский также сообщил о нехватке пехоты на фронте.")
    qs = _quotes(pipe, text)
    # «сообщил о нехватке пехоты»: a noun phrase, no quote (gold/ruuk/QUOTES.md, guideline 6)
    assert [q.kind for q in qs] == ["direct", "indirect"]
    assert qs[0].text.startswith("Мы удерживаем позиции") and qs[0].channel == "press_briefing"
    assert {q.speaker for q in qs} == {"Александр Сырский"}  # Сырский, Сырского: one speaker
    assert {(q.speaker_role, q.side) for q in qs} == {("commander", "ua")}
    assert qs[1].text.startswith("ротация")
    assert all((q.rule or "").startswith("ruuk-") for q in qs)


def test_a_quote_interrupted_by_its_attribution_is_two_units(pipe: Pipeline) -> None:
    text = ("«Полетные задания могут вносить только военнослужащие стран НАТО, — говорил в сентябре Путин. — "
            "Украинские военнослужащие сделать этого не могут».")
    qs = _quotes(pipe, text)
    assert [q.text for q in qs] == ["Полетные задания могут вносить только военнослужащие стран НАТО",
                                    "Украинские военнослужащие сделать этого не могут"]
    assert {(q.speaker, q.side) for q in qs} == {("Путин", "ru")}


def test_quote_inside_a_quote_stays_inside(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "Командир батальона сказал: «Нам пишут „держитесь до последнего“, а людей нет».")
    assert len(qs) == 1 and qs[0].kind == "direct" and "„держитесь до последнего“" in qs[0].text
    assert qs[0].speaker == "Командир батальона" and qs[0].speaker_role == "commander"


def test_dialogue_dashes(pipe: Pipeline) -> None:
    text = ("Штурмовики медленно пробираются к окраине села, занятого противником. Внезапно тишину разрывают очереди.\n"
            "- Брат, помоги! — кричит боец. — Я ранен!\n"
            "- Тихо, тихо, потерпи, родной!")
    qs = _quotes(pipe, text)
    assert [(q.text, q.speaker) for q in qs] == [("Брат, помоги!", "боец"), ("Я ранен!", "боец"),
                                                 ("Тихо, тихо, потерпи, родной!", None)]


def test_ukrainian_reported_speech(pipe: Pipeline) -> None:
    text = ("Міністр оборони Рустем Умєров повідомив, що партнери передали нові системи ППО. "
            "За словами Умєрова, поставки тривають.")
    qs = _quotes(pipe, text)
    assert [q.text for q in qs] == ["що партнери передали нові системи ППО.", "поставки тривають."]
    assert {(q.speaker, q.speaker_role) for q in qs} == {("Рустем Умєров", "official")}


def test_unknown_is_better_than_wrong(pipe: Pipeline) -> None:
    """Negated speech is no quote, scare quotes are none, and a phrase that cannot be a speaker is not made one."""
    assert _quotes(pipe, "Путин не говорил, что Россия готова к переговорам. Наших «бойцов» уже очень ждут на фронте "
                         "под Курском.") == []
    qs = _quotes(pipe, "Изначально парни делали запрос всего на шесть сетей, добавил еще шесть другой расцветки на их "
                       "направление по своей инициативе.")
    assert qs == []


def test_telegram_lines_survive_the_cleaner_and_the_channel_relays() -> None:
    """The cleaner joins a post's lines; its headline, its list after «Другие его заявления:» and the channel
    (a JSONL record's source) are found all the same; the channel's own claim («По данным Mash») is no quote."""
    text = ("⚡️Зеленский: Потери ВСУ значительно меньше 80 тысяч, о которых пишут американские СМИ.\n"
            "Другие его заявления:\n"
            "— ВС РФ расстреливают своих бойцов, если те отступают;\n"
            "— У нас сейчас не хватает сил вернуть Крым.\n"
            "По данным Mash, в Курской области идут тяжелые бои.")
    out = extract_line(json.dumps({"id": "p", "text": text, "source": "Telegram channel: Mash"}), 1)
    assert out["error"] is None
    got = [(text[q["start"]:q["end"]], q["speaker"], q["via"]) for q in out["quotes"]]
    assert got == [
        ("Потери ВСУ значительно меньше 80 тысяч, о которых пишут американские СМИ.", "Зеленский", ["Mash"]),
        ("ВС РФ расстреливают своих бойцов, если те отступают", "Зеленский", ["Mash"]),
        ("У нас сейчас не хватает сил вернуть Крым.", "Зеленский", ["Mash"]),
    ]


def test_about_this_points_back_at_the_content(pipe: Pipeline) -> None:
    """«…, об этом сообщил X» and «… . Об этом сообщили в X.»: the content is the clause or sentence before."""
    qs = _quotes(pipe, "Военнослужащие ВСУ готовы согласиться на территориальные уступки из-за усталости, об этом "
                       "сообщил британский журнал The Economist со ссылкой на украинских военных.")
    assert [(q.text, q.via) for q in qs] == [("Военнослужащие ВСУ готовы согласиться на территориальные уступки из-за "
                                             "усталости", ["британский журнал The Economist"])]
    qs = _quotes(pipe, "В Курской области уничтожены две украинские ДРГ. Об этом сообщили в Минобороны России. "
                       "Бои продолжаются у Суджи.")
    assert [(q.text, q.speaker, q.side) for q in qs] == [("В Курской области уничтожены две украинские ДРГ.",
                                                          "Минобороны России", "ru")]


def test_a_press_digest_and_a_quote_below_its_introduction(pipe: Pipeline) -> None:
    text = ("Обзор зарубежной прессы за неделю.\n"
            "Der Spiegel (Германия). «Министр обороны намерен укрепить обороноспособность бундесвера путем создания "
            "единого оперативного командования».\n"
            "Глава германского МИДа Анналена Бербок наконец-то объяснила причину победы российского президента:\n"
            "«Путин всегда играет на страхе других. И я думаю, что это самое главное».")
    qs = _quotes(pipe, text)
    assert [(q.text[:20], q.speaker, q.rule) for q in qs] == [
        ("Министр обороны наме", "Der Spiegel", "ruuk-source-quote"),
        ("Путин всегда играет ", "Анналена Бербок", "ruuk-marks-below-intro")]
    assert qs[0].speaker_role == "journalist" and qs[0].side == "independent"


def test_a_telegram_export_channel_relays_the_statement(tmp_path: Path) -> None:
    from moralewatch.api import Limits, run_one
    from moralewatch.ingest.read import read_inputs
    from moralewatch.stages import default_pipeline

    export = {"name": "Окопная правда", "type": "public_channel", "id": 42, "messages": [
        {"id": 1, "type": "message", "date": "2024-11-18T09:44:29", "from": "Окопная правда",
         "text": "Кремль ответил на решение Вашингтона\n«Это качественно новый виток напряженности», — заявил "
                 "журналистам представитель Кремля Дмитрий Песков.\nПо его словам, Москва ответит."}]}
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    (raw,) = list(read_inputs([str(path)]))
    doc = run_one(raw, default_pipeline(), Limits())
    assert isinstance(doc, Document)
    got = [(q.text, q.speaker, q.via) for q in doc.quotes]
    assert got == [("Это качественно новый виток напряженности", "Дмитрий Песков", ["Окопная правда"]),
                   ("Москва ответит.", "Дмитрий Песков", ["Окопная правда"])]


def test_langgate_keeps_these_quotes_and_english_is_untouched(pipe: Pipeline) -> None:
    english = ("KHARKIV, Ukraine — Russian soldiers near Izium said on Tuesday that morale was collapsing.\n\n"
               "“We have no food and no ammunition,” one soldier told reporters in Kharkiv.")
    # (claims.ruuk reads the Russian/Ukrainian quotes: it goes with them)
    without = Pipeline([n for n in DEFAULT if not n.startswith(("quotes.ruuk.", "claims.ruuk."))])
    assert [(q.start, q.end, q.speaker) for q in _quotes(pipe, english)] == \
        [(q.start, q.end, q.speaker) for q in _quotes(without, english)]
    mixed = english + "\n\nЖитель села Андрей Новицкий рассказал РИА Новости, что солдаты обстреливали мирных граждан."
    qs = _quotes(pipe, mixed)
    assert any(q.rule == "ruuk-that" and q.speaker == "Андрей Новицкий" for q in qs)
    assert [q.start for q in qs] == sorted(q.start for q in qs)


def test_names_fold_only_to_forms_they_know() -> None:
    names = Names()
    assert "Сырский" in candidates("Сырского") and "Сырский" in candidates("Сырскому")
    assert names.add(["Сергей", "Меликов"]) == ["Сергей", "Меликов"]
    assert names.add(["Меликова"]) == ["Сергей", "Меликов"]  # the document named him in that form
    assert names.add(["Украины"]) == ["Украины"]  # no guess


def test_hostile_lines_finish(pipe: Pipeline) -> None:
    """Thousands of unbalanced marks and dashes in one line: linear, not a hang."""
    text = "Он сказал: " + "«а „б — заявил он, — в " * 3000
    doc = Document(text=text)
    pipe.run(doc)  # returns (the bound is the test runner's timeout; nothing here is timed)
    assert all(0 <= q.start < q.end <= len(text) for q in doc.quotes)


@pytest.mark.parametrize("split", ["dev", "dev_b", "dev_c", "heldout"])
def test_dev_and_heldout_sets_meet_floors(shared: Path, split: str) -> None:
    from moralewatch.eval.quotes import evaluate

    got = evaluate(str(ROOT / "gold" / "ruuk" / f"quotes_{split}.jsonl"))["all"]
    found = got["found"]
    figures = {"ggt30_f1": got["ggt30"]["f1"], "exact_f1": got["exact"]["f1"],
               "speaker_accuracy": got["speaker_accuracy"], "role_share": got["role_right"] / found,
               "side_share": got["side_right"] / found}
    for key, floor in FLOORS[f"ruuk_{split}"].items():
        assert figures[key] >= floor - 5e-4, f"ruuk_{split} {key} {figures[key]:.4f} fell below its floor {floor}"


def test_a_hard_wrapped_text_is_not_cut_at_its_line_ends() -> None:
    text = ("Командующий ВСУ Александр Сырский заявил журналистам в Киеве, что ротация подразделений на\n"
            "покровском направлении продолжается и что резервы уже\nпереброшены к фронту.")
    out = extract_line(json.dumps({"id": "w", "text": text}), 1)
    # «что A и что B»: two units (gold/QUOTES_WAR.md: the complementizer repeats), each across the wrapped lines
    assert [(text[q["start"]:q["end"]].split()[0], text[q["start"]:q["end"]].split()[-1], q["speaker"])
            for q in out["quotes"]] == [("что", "продолжается", "Александр Сырский"),
                                        ("что", "фронту.", "Александр Сырский")]


# -- session 6: speech verbs by construction, document sources, speaker nouns, the writer's own words ---------------


def test_verb_forms_file_is_generated_from_the_lemmas() -> None:
    from moralewatch.quotes_ruuk import forms

    committed = (ROOT / "src" / "moralewatch" / "data" / "quotes_ruuk" / "verb_forms.txt").read_text(encoding="utf-8")
    assert committed == forms.generate()  # regenerate with `python -m moralewatch.quotes_ruuk.forms`


def test_every_gender_and_aspect_of_a_speech_verb_is_a_cue() -> None:
    from moralewatch.quotes_ruuk.lexicon import lexicon

    verbs = lexicon().verbs
    for form in ("заявило", "отмечало", "писало", "указывает", "объясняла", "подчёркивает", "подчеркивает",
                 "повідомило", "наголошувала", "зазначають", "говорится", "йдеться"):
        assert "speech" in verbs[form], form
    for form in ("заявлю", "скажу", "скажет", "отмечу", "пиши", "заявить"):  # no first person, future, order
        assert form not in verbs, form


def test_a_document_speaks_for_its_author(pipe: Pipeline) -> None:
    text = ("Россия в ночь на 17 ноября атаковала Украину 120 ракетами и 90 беспилотниками, говорится в сводке. "
            "В сводке также сказано, что для удара Россия привлекла семь стратегических бомбардировщиков.")
    qs = _quotes(pipe, text)
    assert [q.text for q in qs] == ["Россия в ночь на 17 ноября атаковала Украину 120 ракетами и 90 беспилотниками",
                                    "что для удара Россия привлекла семь стратегических бомбардировщиков."]


def test_a_noun_of_people_is_a_speaker_and_the_writers_own_words_are_not_quotes(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "Местные жители рассказали, что слышали три громких взрыва в микрорайоне Лоо.")
    assert len(qs) == 1 and qs[0].speaker == "Местные жители"
    assert _quotes(pipe, "Тоді, 29-го березня, я говорив вам, що окупанти зруйнували 773 освітніх об’єкти.") == []
    assert _quotes(pipe, "Это подтверждает «Перечень приоритетных воинских частей для отбора в ТЦК».") == []


def test_an_announced_question_is_no_quote(pipe: Pipeline) -> None:
    assert _quotes(pipe, "В чем его новшество, объясняет военный обозреватель Би-би-си Павел Аксенов.") == []


def test_a_source_behind_an_outlet_and_an_unknown_capitalised_name_speak(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "ВСУ впервые запустили британские ракеты Storm Shadow вглубь России, пишет Bloomberg со ссылкой "
                       "на источник.")
    assert len(qs) == 1 and qs[0].via == ["Bloomberg"] and qs[0].text.startswith("ВСУ впервые")
    qs = _quotes(pipe, "Хэнд утверждает, что боец жестоко избил ее в декабре 2018 года.")
    assert [q.speaker for q in qs] == ["Хэнд"]


def test_beliefs_and_requests_need_a_named_holder(pipe: Pipeline) -> None:
    assert [q.speaker for q in _quotes(pipe, "Адвокаты надеются, что суд учтёт её службу в зоне СВО.")] == ["Адвокаты"]
    assert [q.text for q in _quotes(pipe, "Путин уверен, что все задачи спецоперации будут решены.")] == [
        "что все задачи спецоперации будут решены."]
    # the writer's own conviction, an aside, a question to the reader, a purpose clause: no quote
    for text in ("Впевнений, що Японія буде з нами тоді – так само, як і зараз.",
                 "І не менш важливо, впевнений, для Британії.",
                 "Уважаемый министр, а вы уверены в том, что они боятся?",
                 "Адвокаты просили разрешения продать машину, чтобы немедленно отправить выручку на долги."):
        assert _quotes(pipe, text) == [], text


def test_an_attribution_with_kak_inside_or_after_its_content(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "Но колесо этой дипломатической войны, как сегодня сказал Медведев, может превратиться в колесо "
                       "войны настоящей.")
    assert [q.text for q in qs] == ["Но колесо этой дипломатической войны",
                                    "может превратиться в колесо войны настоящей."]
    assert {q.speaker for q in qs} == {"Медведев"}
    qs = _quotes(pipe, "Более того, как вспомнил Павел, совсем недавно обрубали любую инициативу.")
    assert [q.text for q in qs] == ["совсем недавно обрубали любую инициативу."]  # «Более того» is only a frame
    # «як» opening a clause with its own subject is no attribution
    assert _quotes(pipe, "Майже десять тижнів, як Російська Федерація оголосила повномасштабну війну.") == []


def test_a_zero_subject_speech_verb_then_a_comma(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "Химик варил в бытовке. Говорит, с владельцами лабы познакомился в чате ещё в 2021 году.")
    assert [q.text for q in qs] == ["с владельцами лабы познакомился в чате ещё в 2021 году."]
    assert _quotes(pipe, "Говорят, патронов бывает очень мало.") == []  # hearsay, nobody reported
    assert _quotes(pipe, "Говорили, як не допустити нової війни в Європі.") == []  # an indirect question


def test_the_time_of_day_is_not_part_of_the_speaker(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "Служба безопасности Украины утром пятницы объявила, что арестовала офицера ССО.")
    assert [q.speaker for q in qs] == ["Служба безопасности Украины"]


def test_the_writer_quoting_himself_and_answering_for_are_no_quotes(pipe: Pipeline) -> None:
    assert _quotes(pipe, "Я говорив протягом довгого часу: «Північний потік – це зброя, яка вдарить по Європі».") == []
    assert _quotes(pipe, "Наші військові дуже жорстко відповідають за те, що було вчора.") == []


def test_a_zero_subject_takes_the_last_named_speaker(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "Минобороны России заявило, что над регионами сбиты 35 беспилотников. Указывается, что 32 дрона "
                       "были сбиты над Брянской областью.")
    assert [q.speaker for q in qs] == ["Минобороны России", "Минобороны России"]
    # quotes.ruuk.v5 keeps an impersonal report with nobody named before it, speaker unknown (v6 drops it:
    # tests/test_ruuk_quotes_v6.py)
    v5 = Pipeline([n if not n.startswith("quotes.ruuk.") else "quotes.ruuk.v5" for n in DEFAULT])
    assert [q.speaker for q in _quotes(v5, "Сообщается, что боевики были одеты в камуфляж.")] == [None]


# -- session 7: speakers of the quotes found -----------------------------------------------------------------------


def test_an_anonymous_source_speaks_and_keeps_its_description(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "Источник в силовых структурах сообщил, что задержаны трое подозреваемых в подготовке теракта.")
    assert [(q.text, q.speaker) for q in qs] == [("что задержаны трое подозреваемых в подготовке теракта.",
                                                 "Источник в силовых структурах")]
    qs = _quotes(pipe, "Как сообщил собеседник РИА Новости, задержаны трое подозреваемых в подготовке теракта в Москве.")
    assert [q.speaker for q in qs] == ["собеседник РИА Новости"]  # not «Новости» read as a surname
    qs = _quotes(pipe, "Джерело в СБУ повідомило, що затримано агента російських спецслужб у Харкові.")
    assert [(q.speaker, q.side) for q in qs] == [("Джерело в СБУ", "ua")]
    # a label before a colon is still no speaker
    assert _quotes(pipe, "Источник: ТАСС. Задержаны трое подозреваемых в подготовке теракта в Москве.") == []


def test_first_names_fold_with_their_surname_and_titles_are_no_outlets(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "По словам пресс-секретаря президента России Дмитрия Пескова, переговоров с Киевом не будет.")
    assert [q.speaker for q in qs] == ["Дмитрий Песков"]
    qs = _quotes(pipe, "За словами Олександра Сирського, ротація підрозділів на покровському напрямку триває.")
    assert [q.speaker for q in qs] == ["Олександр Сирський"]
    qs = _quotes(pipe, "Как сообщил главком ВСУ Сырский, противник несет большие потери под Покровском.")
    assert [(q.speaker, q.via) for q in qs] == [("Сырский", [])]  # «главком» is his title, not the outlet Главком
    qs = _quotes(pipe, "Задержаны трое подозреваемых в подготовке теракта, пишет военкор Александр Коц в своем "
                       "телеграм-канале.")
    assert [(q.speaker, q.via, q.channel) for q in qs] == [("Александр Коц", [], "social_media_post")]


def test_a_circumstance_or_a_gerund_clause_is_not_part_of_the_speaker(pipe: Pipeline) -> None:
    for text, speaker, channel in (
            ("Дмитрий Песков в ответ на вопрос Bloomberg заявил, что Россия остается открытой для переговоров.",
             "Дмитрий Песков", "unknown"),
            ("Пресс-секретарь Кремля Дмитрий Песков, отвечая на вопросы журналистов, заявил, что Москва не будет "
             "вести переговоры.", "Дмитрий Песков", "press_briefing"),
            ("Президент Зеленський у вечірньому зверненні заявив, що ситуація на фронті залишається складною.",
             "Зеленський", "speech")):
        qs = _quotes(pipe, text)
        assert [q.speaker for q in qs] == [speaker], text
        assert qs[0].speaker_start is not None and text[qs[0].speaker_start:qs[0].speaker_end].endswith(
            speaker.split()[-1])
        assert qs[0].channel == channel, (text, qs[0].channel)


def test_a_promise_threat_or_request_with_an_infinitive_is_what_was_said(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "Медведев пригрозил ударить по Киеву новыми ракетами. За полетом наблюдал Дональд Трамп, который "
                       "ранее пообещал пригласить миллиардера в свою администрацию.")
    assert [(q.text, q.speaker, q.rule) for q in qs] == [
        ("ударить по Киеву новыми ракетами.", "Медведев", "ruuk-intent"),
        ("пригласить миллиардера в свою администрацию.", "Дональд Трамп", "ruuk-intent")]  # the relative's antecedent
    # negated, the writer's own, or an order whose addressee stands first: no quote of this rule
    for text in ("Президент не обещал сделать это быстро.", "Мы пообещали прийти снова на следующей неделе.",
                 "ВСУ приказали держаться в Курской области до инаугурации Трампа, пишет британская BBC."):
        assert all(q.rule != "ruuk-intent" for q in _quotes(pipe, text)), text


def test_a_participle_clause_is_not_the_speaker(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "Последователи американской организации The Satanic Temple, зарегистрированной в 2012 году, "
                       "утверждали, что их цель — борьба за справедливость.")
    assert [q.speaker for q in qs] == ["Последователи американской организации The Satanic Temple"]


def test_relayed_speech_gives_the_inner_speaker_and_the_relay_as_via(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "По информации BRIEF, правоохранители Беларуси говорили Протасевичу, что он может не давать "
                       "показаний на Сапегу.")
    assert [(q.speaker, q.via) for q in qs] == [("правоохранители Беларуси", ["BRIEF"])]
    qs = _quotes(pipe, "Как сообщают тг-каналы, Протасевич сообщил силовикам, что Сапега жила в Вильнюсе.")
    assert [(q.speaker, q.via) for q in qs] == [("Протасевич", ["тг-каналы"])]
    qs = _quotes(pipe, "Французская газета Le Monde утверждает, ссылаясь на анонимных собеседников, что Франция и "
                       "Великобритания активизировали дискуссии.")
    assert [(q.speaker, q.via) for q in qs] == [("анонимных собеседников", ["Французская газета Le Monde"])]


def test_and_that_and_a_gerund_add_reported_clauses(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "Губернатор Вячеслав Негода сказал, что ущерб был существенным и что он повлияет на "
                       "электроснабжение Тернополя.")
    assert [q.text for q in qs] == ["что ущерб был существенным", "что он повлияет на электроснабжение Тернополя."]
    assert {q.speaker for q in qs} == {"Вячеслав Негода"}
    qs = _quotes(pipe, "«Но этот сценарий не был похоронен», — пишет Le Monde, отмечая, что европейские союзники "
                       "готовятся к сокращению помощи.")
    assert [(q.kind, q.speaker) for q in qs] == [("direct", "Le Monde"), ("indirect", "Le Monde")]
    assert qs[1].text.startswith("что европейские союзники")


def test_a_channel_speaks(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "Ранее канал сообщал, что его ведут восемь человек из разных городов.")
    assert [(q.speaker, q.speaker_role) for q in qs] == [("канал", "journalist")]


def test_labelling_without_marks_versions_and_conclusions(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "Посольства закрылись. Украинские власти называют такие сообщения фейками.")
    assert [(q.text, q.speaker, q.kind) for q in qs] == [("такие сообщения фейками.", "Украинские власти", "indirect")]
    assert _quotes(pipe, "Его называют героем всей страны.") == []  # nobody named
    qs = _quotes(pipe, "По версии следователей ФСБ, она переводила деньги украинской организации.")
    assert [q.text for q in qs] == ["она переводила деньги украинской организации."]
    qs = _quotes(pipe, "Погибший служил в штурмовом отряде.\nИздание «Коммерсант», сопоставляя посты в соцсетях, пришло к "
                       "выводу, что полное имя погибшего — Егор Капинский.")
    assert [(q.text[:12], q.rule) for q in qs] == [("что полное и", "ruuk-that")]
    assert (qs[0].speaker or "").startswith("Издание")  # the gerund's clause is no speaker


def test_a_headline_label_is_no_speaker(pipe: Pipeline) -> None:
    for text in ("Антикриз по-киевски: СБУ признается в совершении терактов на территории России",
                 "В Сирии снова неспокойно: появилась информация, что боевики вытеснили войска из Алеппо"):
        assert all(q.rule != "ruuk-headline-colon" for q in _quotes(pipe, text)), text
    qs = _quotes(pipe, "Минобороны России: ПВО за ночь сбила 20 беспилотников над Белгородской областью")
    assert [q.rule for q in qs] == ["ruuk-headline-colon"]


def test_a_centre_or_a_group_speaks_and_a_frame_before_according_is_no_unit(pipe: Pipeline) -> None:
    text = ("Боевики начали наступление на северо-западе страны.\n"
            "Сирийский центр мониторинга за соблюдением прав человека (SOHR) сообщает, что в ходе боев было убито "
            "более 180 бойцов. Кроме того, по данным мониторинговой группы, по меньшей мере 19 мирных жителей погибли.")
    qs = _quotes(pipe, text)
    assert [(q.text[:10], q.speaker) for q in qs] == [
        ("что в ходе", "Сирийский центр мониторинга за соблюдением прав человека"),
        ("по меньшей", "мониторинговой группы")]  # «Кроме того» only frames the clause


def test_a_relative_clause_speaks_for_the_name_before_it_in_its_nominative(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "Одновременно с заявлением министерства в Телеграме появилось сообщение губернатора Смоленской "
                       "области Василия Анохина, который утверждает, что над его областью сбиты семь беспилотников.")
    assert [(q.speaker, q.text[:12]) for q in qs] == [("Василий Анохин", "что над его ")]
    # a first name that may be a nominative stays as written; an addressee pronoun is nobody
    assert [q.speaker for q in _quotes(pipe, "Александра Петрова заявила, что обстрелы продолжаются каждую ночь.")] \
        == ["Александра Петрова"]
    assert _quotes(pipe, "Но сейчас гражданам предлагается вовсе не идеология войны. Их призывают жертвовать своими "
                         "жизнями ради денацификации.") == []


def test_a_statement_line_gives_its_person_to_the_quote_above_and_the_list_below(pipe: Pipeline) -> None:
    text = ("«Применение противником дальнобойного оружия против РФ не может повлиять на ход спецоперации»\n"
            "Заявление Владимира Путина по ситуации на Украине и отношениям с западными странами.\n"
            "Главное:\n"
            "— По территории России было применено западное дальнобойное оружие.\n"
            "— Продолжая курс эскалации, США и их союзники заявили, что дают разрешение на применение оружия.")
    qs = _quotes(pipe, text)
    assert [q.speaker for q in qs] == ["Владимир Путин"] * 3
    assert qs[2].text.startswith("Продолжая курс эскалации")  # the whole line, not the allies' words inside it


def test_indefinite_speakers_a_missing_comma_and_calls_with_that(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "Дехто з росіян вже закликає в соцмережах, що вони проти війни. Ми це бачимо.")
    assert [(q.speaker, q.text) for q in qs] == [("Дехто з росіян", "що вони проти війни.")]
    qs = _quotes(pipe, "Стрелков прочитал письмо. Он сказал что судья даёт конские сроки по заказным делам.")
    assert [q.text for q in qs] == ["что судья даёт конские сроки по заказным делам."]


def test_a_date_after_the_speaker_is_not_part_of_it(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "Мурадов ранее был командующим группировкой войск «Восток», сообщило Минобороны в июле 2022 года.")
    assert [(q.speaker, q.text) for q in qs] == [("Минобороны", "Мурадов ранее был командующим группировкой войск «Восток»")]


def test_hand_checked_false_quotes_stay_out(pipe: Pipeline) -> None:
    """From the hand check of the quotes this session added on unlabelled posts."""
    for text in ("При этом Россия предстает некой анти-европой. Русский может выглядеть как человек, говорить как "
                 "человек, но в его мозге кипит жажда насилия.",  # Russian «говорить» is an infinitive
                 "Так землі Русі-України називали у скандинавських сагах. Країна фортець."):  # a place, no label
        assert _quotes(pipe, text) == [], text
    qs = _quotes(pipe, "Оглоблину дали 10 лет. По версии следствия, в 2016-2021гг. Оглоблин получил взятку в размере "
                       "более 10 млн рублей.")
    assert [q.text[:16] for q in qs] == ["в 2016-2021гг. О"]  # «гг.» ends no sentence


def test_noun_contents_are_no_quotes_but_about_that_clauses_are(pipe: Pipeline) -> None:
    """gold/ruuk/QUOTES.md guideline 6: «сообщил о + noun» reports an event, not words; «о том, что …» is a clause."""
    assert _quotes(pipe, "Воздушные силы ВСУ заявили об отражении массированной атаки на Киев.") == []
    assert _quotes(pipe, "МИД России прокомментировал сообщения о том, что США разрешили удары по России.") == []
    qs = _quotes(pipe, "Министр обороны Андрей Белоусов рассказал о том, что армия готова к наступлению.")
    assert [(q.text, q.speaker) for q in qs] == [("что армия готова к наступлению.", "Андрей Белоусов")]


def test_dash_attribution_without_a_verb(pipe: Pipeline) -> None:
    """QUOTES.md guideline 3: «…, — глава Евросовета Шарль Мишель.» and ««…», — командир X.»; a dash before a word
    that names nobody is no attribution."""
    qs = _quotes(pipe, "Бои идут весь день.\nЕС возложил ответственность за эскалацию на Россию, — глава Евросовета "
                       "Шарль Мишель.\n«Мы не отступим ни на шаг», — командир батальона Денис Прокопенко.")
    assert [(q.text, q.speaker, q.kind) for q in qs] == [
        ("ЕС возложил ответственность за эскалацию на Россию", "Шарль Мишель", "indirect"),
        ("Мы не отступим ни на шаг", "Денис Прокопенко", "direct")]
    assert _quotes(pipe, "Бои идут весь день.\nСегодня в Киеве прошёл большой митинг, — фоторепортаж.") == []


def test_an_aside_between_the_speaker_and_the_verb(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "Дмитрий Песков, в свою очередь, заявил, что переговоры сейчас невозможны.")
    assert [(q.text, q.speaker) for q in qs] == [("что переговоры сейчас невозможны.", "Дмитрий Песков")]


def test_a_partial_quote_right_after_a_speech_verb(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "Боевики заняли 70 сёл. Министр обороны Белоусов подтвердил «крупномасштабную атаку» на Курск.")
    assert [(q.text, q.speaker, q.kind) for q in qs] == [("крупномасштабную атаку", "Белоусов", "partial")]
    # negated, a topic after «о», a title: none is a partial quote
    assert _quotes(pipe, "Медведев, в конце концов, написал не «мы решили», а нечто другое.") == []
    assert _quotes(pipe, "РИА Новости рассказывает о новых «солдатах удачи» на Украине.") == []
    assert _quotes(pipe, "Военные подтвердили «Панцирь» на позиции у города.") == []


def test_names_in_marks_callsigns_and_a_topic_before_the_colon(pipe: Pipeline) -> None:
    qs = _quotes(pipe, "Проект «Первый отдел» (в реестре «иноагентов») сообщал, что поводом для дела стал перевод.")
    assert [q.speaker for q in qs] == ["Проект «Первый отдел»"]
    qs = _quotes(pipe, "Боец с позывным «Кот» рассказал, что снарядов нет уже неделю.")
    assert [q.speaker for q in qs] == ["Кот"]
    qs = _quotes(pipe, "Бои идут весь день.\nДмитрий Песков о переговорах с Киевом: «Это совершенно невозможно сейчас».")
    assert [(q.text, q.speaker, q.kind) for q in qs] == [("Это совершенно невозможно сейчас", "Дмитрий Песков",
                                                          "direct")]
    qs = _quotes(pipe, "Міністерство та «Укрзалізниця» працюють як штаб. Песков заявив, що це провокація. І за їхніми "
                       "даними, вже третина допомоги розвезена.")
    assert qs[-1].text == "вже третина допомоги розвезена." and qs[-1].rule == "ruuk-according"


def test_a_speaker_line_and_a_described_speaker_before_a_colon(pipe: Pipeline) -> None:
    """«Песков:» on its own line gives the quote below it; «Глава ОВА Сергей Лысак в телеграме: «…»» is Лысак's, and
    how it was said is no part of the name; a title before a colon that names nobody gives no speaker."""
    qs = _quotes(pipe, "Бои идут.\nПесков:\n«Переговоры сейчас невозможны в принципе».")
    assert [(q.text, q.speaker) for q in qs] == [("Переговоры сейчас невозможны в принципе", "Песков")]
    qs = _quotes(pipe, "Бои идут.\nГлава Днепропетровской ОВА Сергей Лысак в телеграме: «Противник атаковал Никополь, "
                       "ранены двое».")
    assert [(q.text, q.speaker) for q in qs] == [("Противник атаковал Никополь, ранены двое", "Сергей Лысак")]
    assert _quotes(pipe, "Бои идут.\nПогода в Москве Завтра: «Дожди и снег».") == []
    # a related-article headline in a list of links (no stop: a title, not words said)
    assert _quotes(pipe, "Материалы по теме\nКондитер Бадди Валастро: «Храм Василия Блаженного кажется съедобным»\n"
                         "Съешь меня! Повар рисует портреты знаменитостей на пиццах") == []
    qs = _quotes(pipe, "Итоги дня:\n«Переговоры сейчас невозможны в принципе».")
    assert [q.speaker for q in qs] == [None]


def test_litotes_one_word_names_and_a_source_headline_below_the_first_line(pipe: Pipeline) -> None:
    """«не исключил, что» reports (a denial of a report verb does not); «Небензя» is read as a name although its
    likeliest reading is a gerund; «ТАСС: …» on a later line is the outlet's report, «Итоги дня: …» is nobody's."""
    lead = "Бои идут весь день под Курском, и сегодня тоже. "
    qs = _quotes(pipe, lead + "Песков не исключил, что встреча Путина и Трампа может состояться.")
    assert [(q.text, q.speaker) for q in qs] == [("что встреча Путина и Трампа может состояться.", "Песков")]
    assert _quotes(pipe, lead + "Путин не говорил, что Россия готова к переговорам.") == []
    qs = _quotes(pipe, lead + "Небензя напомнил, что Россия предупреждала об этом.")
    assert [q.speaker for q in qs] == ["Небензя"]
    assert _quotes(pipe, lead + "Часто говорят, что это невозможно.") == []
    qs = _quotes(pipe, lead.strip() + "\nТАСС: ВСУ потеряли 500 военных под Курском.")
    assert [(q.text, q.speaker) for q in qs] == [("ВСУ потеряли 500 военных под Курском.", "ТАСС")]
    assert _quotes(pipe, lead.strip() + "\nИтоги дня: ПВО за ночь сбила 30 беспилотников.") == []
    assert _quotes(pipe, lead.strip() + "\nОфициальный канал: https://t.me/example_channel") == []


def test_more_attribution_phrases_and_a_dash_before_about_this(pipe: Pipeline) -> None:
    lead = "Бои идут весь день под Курском, и сегодня тоже. "
    for text, speaker in (("Согласно заявлению Минобороны, противник отступил от Суджи.", "Минобороны"),
                          ("По оценке ISW, противник отступил от Суджи.", "ISW"),
                          ("Противник отступил от Суджи — об этом сообщил губернатор.", "губернатор")):
        qs = _quotes(pipe, lead + text)
        assert [q.speaker for q in qs] == [speaker] and qs[0].text.startswith(("противник", "Противник")), text
    assert _quotes(pipe, lead + "Согласно статистике, потери растут.") == []  # no source that speaks


def test_v5_an_aside_in_parentheses_before_the_verb_is_not_the_speaker(pipe: Pipeline) -> None:
    # invented sentences: the name before the parenthesis speaks, not the name inside it; «Дж.» is an initial
    text = ("Бывший мэр города Олег Сидоренко (уволенный в 2019 г., как и его заместитель Павел Гук) заявлял: "
            "«Город выстоит при любой власти».")
    assert [q.speaker for q in _quotes(pipe, text)] == ["Олег Сидоренко"]
    text = "Министр Иван Петров (как до него Дж. Смит) говорил: «Резервы есть»."
    assert [q.speaker for q in _quotes(pipe, text)] == ["Иван Петров"]
    # quotes.ruuk.v4 stays registered and unchanged: it took the last name of the aside
    v4 = Pipeline([n if not n.startswith("quotes.ruuk.") else "quotes.ruuk.v4" for n in DEFAULT])
    assert [q.speaker for q in _quotes(v4, text)] != ["Иван Петров"]


def test_v5_an_aside_opened_before_the_sentence_leaves_the_speaker_unknown(pipe: Pipeline) -> None:
    # the parenthesis opens in a sentence before the verb's: no name of it is taken (unknown rather than wrong)
    text = "Об этом писал Сергей Орлов (ранее работал в штабе. Позже его сменил Олег Ким) и добавил: «Потерь нет»."
    assert all(q.speaker != "Олег Ким" for q in _quotes(pipe, text))


def test_v5_that_with_a_comma_after_it_opens_the_content(pipe: Pipeline) -> None:
    # invented: «что, когда …, …» (a subordinate clause opens the content) is the subject's, not the outlet's after it
    text = "Украинские военные жалуются, что, когда они приезжают домой, соседи их сторонятся, пишет агентство."
    got = [(q.speaker, text[q.start:q.end].split(",")[0]) for q in _quotes(pipe, text)]
    assert got == [("Украинские военные", "что")]
    text = "Командир роты заявил, что, если помощь не придет, рота отступит."
    assert [q.speaker for q in _quotes(pipe, text)] == ["Командир роты"]


def test_v5_a_negated_verb_then_a_gerund_of_saying_keeps_the_subject(pipe: Pipeline) -> None:
    # invented: the negated verb says nothing, the gerund clause before the colon is the subject's speech
    text = "Министр не уточнял, когда начнется отвод войск, пояснив свою позицию так: «Решение примет штаб»."
    assert [q.speaker for q in _quotes(pipe, text)] == ["Министр"]
    text = "Министр не говорил, когда начнется отвод войск, сформулировав свою позицию так: «Решение примет штаб»."
    assert [q.speaker for q in _quotes(pipe, text)] == ["Министр"]
    # without a gerund the negation still leaves no speaker (unknown rather than wrong)
    assert all(q.speaker is None for q in _quotes(pipe, "Песков не говорил: «Мы готовы»."))
