"""Russian and Ukrainian indicators and entities (issue 17, items 4 and 5): indicators.ruuk.v2, entities.ruuk.v1."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from moralewatch import lexicons, regex_trie
from moralewatch.entities import cyrillic
from moralewatch.errors import PipelineError
from moralewatch.eval.indicators import evaluate
from moralewatch.indicators import slavic
from moralewatch.model import Document
from moralewatch.stages import default_pipeline

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "floors" / "ruuk.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pipe():  # type: ignore[no-untyped-def]
    return default_pipeline()


#: the writer these texts are written as (indicators.ruuk.v14, the default since session 16, reads the side of an item
#: that names no force from the KIND of writer: a news channel's is its own side, and a channel of no side in the
#: knowledge base has its language's; with no source the side is unknown, tests/test_ruuk_v14.py)
POST = "Telegram channel: Банкста"


def _run(pipe, text: str, source: str = POST) -> Document:  # type: ignore[no-untyped-def]
    return pipe.run(Document(text=text, source=source))


def _found(doc: Document) -> set[tuple[str, str]]:
    return {(i.indicator, i.subject_side) for i in doc.indicators}


def test_fold_keeps_offsets() -> None:
    text = "Ёжик İstanbul м’ясо ЗСУ"
    assert len(slavic.fold(text)) == len(text)
    assert slavic.fold(text).startswith("ежик") and "м'ясо" in slavic.fold(text)


def test_inflected_soldier_vocabulary_in_russian(pipe) -> None:  # type: ignore[no-untyped-def]
    doc = _run(pipe, "Наших пацанов гонят в мясные штурмы без подготовки. Командиры бросили своих раненых. "
                     "Двое ушли в СЗЧ, ещё трое сдались в плен.")
    found = _found(doc)
    assert ("expendable", "ru") in found  # a Russian post's "наши" are Russian forces
    assert ("betrayed_by_command", "ru") in found
    assert ("surrender_desertion", "ru") in found
    for ind in doc.indicators:
        assert doc.text[ind.start:ind.end] == ind.text and ind.rule and ind.rule.startswith("ruuk:ru:")


def test_subject_side_from_named_forces_and_the_writers_language(pipe) -> None:  # type: ignore[no-untyped-def]
    ru = _run(pipe, "В Одессе ТЦК снова хватают на улицах мужчин. Потери ВСУ за сутки составили до 1500 "
                    "военнослужащих.")
    assert ("forced_recruitment", "ua") in _found(ru)
    assert ("heavy_losses", "ua") in _found(ru)
    uk = _run(pipe, "Наші захисники міцно тримаються. Окупанти вбивали мирних людей у Бучі. Державними нагородами "
                    "відзначені 200 військовослужбовців.")
    assert _found(uk) >= {("morale_high", "ua"), ("orders_against_civilians", "ru"), ("morale_boosting", "ua")}


def test_losses_need_a_size_and_soldiers(pipe) -> None:  # type: ignore[no-untyped-def]
    assert not _run(pipe, "Есть потери. Россия потеряла 3500 танков.").indicators  # unsized; equipment
    assert ("heavy_losses", "ua") in _found(_run(pipe, "Было уничтожено около 100 бойцов ВСУ, сообщили в штабе."))
    # under 25: not coded (gold/ruuk README, hard case 1)
    assert not _run(pipe, "Было уничтожено около 18 бойцов ВСУ, сообщили в штабе.").indicators


def test_hard_negatives_and_denials(pipe) -> None:  # type: ignore[no-untyped-def]
    assert not _run(pipe, "Бойцы MMA провели турнир в Москве. Сдают подписи для регистрации кандидата.").indicators
    doc = _run(pipe, "Командир сказал, что у нас всё есть и снарядов хватает.")
    assert [(i.indicator, i.negated) for i in doc.indicators] == [("supply_shortage", True)]


def test_english_text_is_untouched_by_the_ruuk_stages(pipe) -> None:  # type: ignore[no-untyped-def]
    text = "Russian soldiers said they were sent to die in meat assaults, a commander told Reuters."
    doc = _run(pipe, text)
    assert not any((i.rule or "").startswith("ruuk") for i in doc.indicators)
    assert not any((e.rule or "").startswith("ruuk") for e in doc.entities)


def test_malformed_cue_file_is_a_coded_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "data"
    (root / "ruuk" / "indicators").mkdir(parents=True)
    src = lexicons.data_root() / "ruuk" / "indicators"
    for name in ("actors.txt", "hedges.txt", "size.txt", "soldiers.txt", "military.txt"):
        (root / "ruuk" / "indicators" / name).write_text((src / name).read_text(encoding="utf-8"), encoding="utf-8")
    (root / "ruuk" / "indicators" / "calibration.json").write_text("{}", encoding="utf-8")
    (root / "ruuk" / "indicators" / "cues.txt").write_text("nervous * - - :: страшно\n", encoding="utf-8")
    monkeypatch.setenv("MORALEWATCH_DATA", str(root))
    slavic._load.cache_clear()
    lexicons._lines.cache_clear()
    try:
        with pytest.raises(PipelineError) as e:
            slavic._load("ruuk/indicators")
        assert e.value.code == "E110" and "nervous" in e.value.message
    finally:
        slavic._load.cache_clear()
        lexicons._lines.cache_clear()


def test_cyrillic_entities_merge_case_forms(pipe) -> None:  # type: ignore[no-untyped-def]
    doc = _run(pipe, "Генерал Сырский заявил, что ВСУ удержат Бахмут. По словам Сырского, Минобороны России "
                     "скрывает потери. Сырскому ответил Шойгу из Москвы.")
    by = {(e.type, e.name) for e in doc.entities}
    assert ("person", "Oleksandr Syrskyi") in by and ("person", "Sergei Shoigu") in by
    assert ("org", "Armed Forces of Ukraine") in by and ("org", "Russian Ministry of Defence") in by
    assert sum(1 for e in doc.entities if e.name == "Oleksandr Syrskyi") == 3
    bakhmut = [e for e in doc.entities if e.name == "Bakhmut"]
    assert bakhmut and bakhmut[0].country == "UA" and bakhmut[0].lat is not None
    artemovsk = [e for e in _run(pipe, "Бои идут под городом Артемовском.").entities if e.type == "place"]
    assert [e.name for e in artemovsk] == ["Bakhmut"]
    for e in doc.entities:
        assert doc.text[e.start:e.end] == e.text


def test_unknown_people_keep_their_gender_and_common_words_are_no_places(pipe) -> None:  # type: ignore[no-untyped-def]
    doc = _run(pipe, "Замминистра Татьяна Шевцова была снята с должности, сообщили в ведомстве. Короче, с самого "
                     "начала всё было ясно, и Никита об этом знал.")
    names = {(e.type, e.name) for e in doc.entities}
    assert ("person", "Татьяна Шевцова") in names
    assert not any(e.type == "place" for e in doc.entities)  # "Короче" (Korocha), "Никита" (a village in Crimea)


def test_transliteration_and_skeleton() -> None:
    assert cyrillic.transliterate("харків", "uk") == "Kharkiv"
    assert cyrillic.transliterate("харьков", "ru") == "Kharkov"
    assert cyrillic.skeleton("Syrskyi") == cyrillic.skeleton("Syrskiy") == cyrillic.skeleton("Syrsky")


def test_morphology_versions_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    cyrillic.check_morphology({})  # the installed versions are the declared ones
    monkeypatch.setattr(cyrillic, "_morph_versions", lambda: {"pymorphy3": "0.0.1"})
    with pytest.raises(PipelineError) as e:
        cyrillic.check_morphology({})
    assert e.value.code == "E111"


def _check(scores: dict, floors: dict) -> None:  # type: ignore[type-arg]
    for key, floor in floors.get("min", {}).items():
        assert scores[key] >= floor, f"{key} {scores[key]} fell below its floor {floor}"


def test_ruuk_dev_floors(shared: Path) -> None:
    scores = evaluate(ROOT / "gold" / "ruuk" / "indicators_dev.jsonl")
    assert scores["sha1_mismatches"] == 0 and scores["documents"] == 101
    # the gold's lang field gives a breakdown: 79 Russian Telegram posts and 22 Ukrainian addresses
    assert {k: v["documents"] for k, v in scores["by_lang"].items()} == {"ru": 79, "uk": 22}
    _check(scores, FLOORS["dev"])


def test_ruuk_dev_c_floors(shared: Path) -> None:
    """Dev c (gold/ruuk/DEV_C.md: 240 Russian Telegram posts labelled blind in session 9, tuned on since session 11)."""
    scores = evaluate(ROOT / "gold" / "ruuk" / "indicators_dev_c.jsonl")
    assert scores["sha1_mismatches"] == 0 and scores["documents"] == 240
    _check(scores, FLOORS["dev_c"])


def test_ruuk_heldout_floors(shared: Path) -> None:
    scores = evaluate(ROOT / "gold" / "ruuk" / "indicators_heldout.jsonl")
    assert scores["sha1_mismatches"] == 0 and scores["documents"] == 76
    _check(scores, FLOORS["heldout"])


@pytest.mark.parametrize("unit", ["ВСУ сдались в плен под Бахмутом, сообщил Сырский. ", "мясо ", "Ааа Ббб Ввв ",
                                  "Окупанти вбивали мирних людей у Бучі, заявив Зеленський. "])
def test_one_long_cyrillic_paragraph_stays_linear(pipe, unit: str) -> None:  # type: ignore[no-untyped-def]
    """A 300 KB paragraph of one repeated Russian or Ukrainian sentence (a hang here is the bug: generous bound)."""
    text = (unit * (300 * 1024 // len(unit) + 1))[:300 * 1024]
    t0 = time.perf_counter()
    doc = _run(pipe, text)
    assert time.perf_counter() - t0 < 60
    assert all(text[i.start:i.end] == i.text for i in doc.indicators)


def test_session6_families_of_soldier_vocabulary(pipe) -> None:  # type: ignore[no-untyped-def]
    found = _found(_run(pipe, "Пленные ВСУшники рассказали, что сильно недоедали. Из-за проблем со снабжением "
                              "боеприпасами рота отступила. Украинский пленный рассказал, что его мобилизовали, хотя "
                              "он был на учёте в психдиспансере. Бойцы ВСУ вывесили белый флаг."))
    assert {("supply_shortage", "ua"), ("forced_recruitment", "ua"), ("surrender_desertion", "ua")} <= found
    found = _found(_run(pipe, "Все профнепригодные дегенералы награждены, а наших пацанов бросили без поддержки. "
                              "Продолжается стремительный рост потерь среди российских добровольцев."))
    assert {("betrayed_by_command", "ru"), ("heavy_losses", "ru")} <= found


def test_session6_families_keep_their_hard_negatives(pipe) -> None:  # type: ignore[no-untyped-def]
    # another army's draft dodger; a denial of fear; a share of losses is no size; manpower alone is no shortage
    # (gold/ruuk README, hard case 3); a metaphor of self-harm without soldiers
    for text in ("Суд в Южной Корее приговорил уклониста к году тюремного заключения.",
                 "Ми не боїмося разом з вами.",
                 "Наш подсчет подтверждает примерно половину всех потерь убитыми российской стороны.",
                 "Зеленский пожаловался, что Украина мобилизовала недостаточно людей в ВСУ.",
                 "Закрыть видеохостинг невозможно, так как это самострел."):
        assert not _run(pipe, text).indicators, text


def _plain(items: list[tuple[str, str]]) -> re.Pattern[str]:
    """The alternation as it was built before session 12: each rule whole, in order, named by its group."""
    return re.compile(rf"(?<!\w)(?:{'|'.join(f'(?P<{name}>{rx})' for rx, name in items)})(?!\w)")


def _trie(items: list[tuple[str, str]]) -> re.Pattern[str]:
    pieces = [(x, f"{name}_{k}") for rx, name in items for k, x in
              enumerate(x for a in regex_trie.alternatives(rx) for x in regex_trie.expanded(a))]
    return re.compile(rf"(?<!\w)(?:{regex_trie.trie(pieces)})(?!\w)")


def _hits(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), (m.lastgroup or "").partition("_")[0]) for m in pattern.finditer(text)]


def test_rules_multiplied_out_to_start_with_a_letter() -> None:
    # session 12: a leading group is multiplied out, an optional one too (the group first), a leading lookbehind
    # moves behind the first letter; a repeated group stays as it is
    assert regex_trie.expanded("(?:на|в) мясо") == ["на мясо", "в мясо"]
    assert regex_trie.expanded("(?:ввиду |из-за )?отсутстви") == ["ввиду отсутстви", "из-за отсутстви", "отсутстви"]
    assert regex_trie.expanded("(?<!не )(?:боюсь|боимся)") == ["б(?<!(?:не )б)оюсь", "б(?<!(?:не )б)оимся"]
    assert regex_trie.expanded(r"(?:\w+ ){0,2}бойц\w*") == [r"(?:\w+ ){0,2}бойц\w*"]
    assert regex_trie.alternatives(r"сзч|(?:а|б)[|]\|в") == ["сзч", r"(?:а|б)[|]\|в"]
    assert regex_trie.expanded("(?:(?P<x>а)|б)в") == ["(?:(?P<x>а)|б)в"]  # a named group is not copied


def test_the_letter_trie_keeps_every_match_and_its_rule() -> None:
    # the rules of the trie find what the plain alternation finds, the same span and the same rule, also where an
    # earlier rule that may start with any letter stands between two rules of the same first letter (the later one
    # must not be tried before it: "жз" is r1's, not r2's)
    items = [("жд", "r0"), ("[жя]з", "r1"), ("жз", "r2"), (r"(?:\w+ )?бойц\w*", "r3"), ("бой|бои", "r4"),
             ("(?<!не )(?:боюсь|боимся)", "r5"), ("(?:нам|мне) страшно", "r6"), ("б", "r7"), ("бо", "r8")]
    text = "жз жд яз наши бойцы, не боюсь, боимся, мне страшно; бой бо б бои"
    assert _hits(_trie(items), text) == _hits(_plain(items), text)
    assert ("r1" in [r for _, _, r in _hits(_trie(items), text)]) and "r2" not in [r for _, _, r in _hits(_trie(items), text)]


def test_the_lexicons_alternations_match_as_the_plain_ones(shared: Path) -> None:
    # the cue rules of v6 and v7 as one trie (session 12, about 15x faster) find on Russian and Ukrainian posts and
    # addresses what their plain alternation finds
    texts = []
    for name in ("milblogger-telegram-ru.jsonl", "ru-news-telegram-war.jsonl", "resistinua-addresses.jsonl"):
        with open(shared / "data" / "corpora" / name, encoding="utf-8") as fh:
            texts += [slavic.fold(json.loads(line)["text"]) for _, line in zip(range(150), fh)]
    for root in (slavic.V6, slavic.V7):
        lex = slavic.load(root)
        rules = [line.partition(" :: ")[2] for line in lexicons.lines(f"{root}/cues.txt")]
        for lang in slavic.LANGS:
            plain = _plain([(rx, f"r{n}") for n, (rx, rule) in enumerate(zip(rules, lex.rules, strict=True))
                            if lang in rule.langs])
            found = [_hits(lex.cues[lang], t) for t in texts]
            assert found == [_hits(plain, t) for t in texts] and sum(map(len, found)) > 100, (root, lang)


# -- session 7: the subject side of acts against civilians, places, the writer's country -----------------------------


def test_civilians_name_the_other_side_and_a_place_names_no_actor(pipe) -> None:  # type: ignore[no-untyped-def]
    """«мирных украинцев», «український народ» are the victims: the perpetrator is the other side; «на Київщині»,
    «в Україні» in a Ukrainian address are where the enemy acts, not who acts."""
    uk = _run(pipe, "Сьогодні в Макарові на Київщині вони обстріляли хлібозавод. Вони прийшли знищити український "
                    "народ.")
    assert {(i.indicator, i.subject_side) for i in uk.indicators} == {("orders_against_civilians", "ru")}
    assert len(uk.indicators) == 2
    ru = _run(pipe, "Очевидно, что количество убитых мирных украинцев в Москве вообще никого не волнует.")
    assert _found(ru) == {("orders_against_civilians", "ru")}
    # a Russian news post about Ukraine: «в Украине» still tells whose desertion it is
    news = _run(pipe, "С начала войны в Украине были открыты 95 тысяч уголовных дел о дезертирстве.")
    assert ("surrender_desertion", "ua") in _found(news)
    # the same civilians' words in a sentence about something else name no side: the fallback decides
    oath = _run(pipe, "Жаль, что присяга украинскому народу не мешала ВСУ засыпать Донбасс снарядами.")
    assert _found(oath) == {("orders_against_civilians", "ua")}


@pytest.mark.parametrize(("text", "want"), [
    ("Из роты половина в пятисотых, остальные ушли в самоволку.", ("surrender_desertion", "ru")),
    ("У бойцов ВСУ закончились снаряды, нет БК уже неделю.", ("supply_shortage", "ua")),
    ("Наших пацанов кинули на мясо под Угледаром, штурмы без поддержки артиллерии.", ("expendable", "ru")),
    ("Бойцы жалуются на командование: боевые не выплатили никому.", ("betrayed_by_command", "ru")),
    ("Мужчины бегут от мобилизации, население сопротивляется призыву на службу в ВСУ.", ("unwilling", "ua")),
    ("Общий список «двухсотых» для России скоро достигнет отметки в 20 тысяч.", ("heavy_losses", "ru")),
])
def test_session8_soldier_paraphrases(pipe, text: str, want: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    assert want in _found(_run(pipe, text))


def test_session8_paraphrases_keep_their_hard_negatives(pipe) -> None:  # type: ignore[no-untyped-def]
    # a numeral («пятисот метров»), consumables («расходники»), food («мясо» without soldiers), ammunition that
    # is plentiful
    for text in ("Колонна остановилась в пятисот метрах от моста.", "Потребность в расходниках остаётся высокой.",
                 "В магазине снова нет мяса, цены на мясо растут.", "Снарядов у нас хватает, все есть.",
                 # despair and a «договорняк» without soldiers: civilians' mood, politics
                 "В Киеве обостряется ощущение отчаяния.", "Матч оказался договорняком, говорят болельщики."):
        assert not [i for i in _run(pipe, text).indicators if not i.negated], text


def test_a_rule_of_the_other_language_does_not_shadow_this_ones(pipe) -> None:  # type: ignore[no-untyped-def]
    """«мародёры» is the cue of a Ukrainian rule and of a Russian one: Russian text gets the Russian rule's."""
    doc = _run(pipe, "ВСУшники-мародёры распродают иконы, похищенные ими в храмах Курской области.")
    assert ("orders_against_civilians", "ua") in _found(doc)
    assert all((i.rule or "").startswith("ruuk:ru:") for i in doc.indicators)


@pytest.mark.parametrize("text, want", [
    ("Пацаны третий месяц без ротации, отпусков не дают.", ("supply_shortage", "ru")),
    ("Командир положил роту ради красивого доклада наверх, а потом получил за это орден.", ("expendable", "ru")),
    ("Мобилизованные отказываются идти на штурм.", ("surrender_desertion", "ru")),
    ("Двое бойцов ВСУ не вернулись из отпуска в часть.", ("surrender_desertion", "ua")),
    ("Мужчин насильно запихивают в бусы и везут в учебку ВСУ.", ("forced_recruitment", "ua")),
    ("После вчерашнего штурма среди наших бойцов много погибших, пишет военкор.", ("heavy_losses", "ru")),
    ("Командование врет наверх, бойцы не доверяют командирам.", ("betrayed_by_command", "ru")),
    ("На этом участке у солдат ВСУ снабжение не работает, логистика провалена полностью.", ("supply_shortage", "ua")),
    ("Им говорили, что едут на учения на три дня.", ("deceived", "ru")),
])
def test_session9_concept_families_keyed_to_soldiers(pipe, text: str, want: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    assert want in _found(_run(pipe, text))


def test_session9_families_need_soldiers(pipe) -> None:  # type: ignore[no-untyped-def]
    # the same concepts said of civilians, officials or things: no indicator
    for text in ("Чиновники отказываются выполнять решение суда, и это уже не первый раз в нашем городе.",
                 "Волонтеры купили машину и передали её, спасибо всем, кто помог со сбором.",
                 "В магазине нет воды и хлеба, сообщили жители нашего района в понедельник.",
                 "Депутаты не доверяют правительству, а избиратели не доверяют депутатам.",
                 "Свертывание Русской Весны я пережил как личную драму и страшную потерю.",
                 "Мы очень устали после дороги и долго спали в гостинице."):
        doc = _run(pipe, text)
        assert doc.language == "ru" and not doc.indicators, text
    # session 11 (indicators.ruuk.v7): a unit's need for consumables that "stays high" is a shortage, as dev c's
    # annotator codes it (gold/ruuk/indicators_dev_c.jsonl, not borderline); session 9 had it as a negative
    doc = _run(pipe, "Потребность в расходниках остаётся высокой, сообщили в подразделении.")
    assert [i.indicator for i in doc.indicators] == ["supply_shortage"]


def test_no_break_spaces_read_as_spaces(pipe) -> None:  # type: ignore[no-untyped-def]
    """News channels write «на\u00a0фронт»: a cue with a space matches across a no-break space (offsets kept)."""
    text = "Доля осужденных, которых отправили на\u00a0фронт из\u00a0колоний, выросла в\u00a0этом году вдвое."
    assert len(slavic.fold(text)) == len(text) and "на фронт" in slavic.fold(text)
    assert ("forced_recruitment", "ru") in _found(_run(pipe, text))


def test_dev_c_families_and_their_negatives(pipe) -> None:  # type: ignore[no-untyped-def]
    gifts = _run(pipe, "Школьники из Тулы передали новогодние подарки российским бойцам в зону спецоперации.")
    assert ("morale_boosting", "ru") in _found(gifts)
    theft = _run(pipe, "Пока генералы воруют миллиардами, наши бойцы воюют без раций и связи.")
    assert {("betrayed_by_command", "ru"), ("supply_shortage", "ru")} <= _found(theft)
    # «не боятся»: the opposite of fear
    assert not _run(pipe, "Они не боятся демонстрировать свою позицию, у них есть сторонники среди военных.").indicators
    # a conscript who ran from a park deserted; he was not recruited by force (a «срочник» at home is no sign of it)
    ran = _found(_run(pipe, "Срочник с автоматом сбежал из парка «Патриот» в Подмосковье, его ищет полиция."))
    assert ("surrender_desertion", "ru") in ran and not any(i == "forced_recruitment" for i, _ in ran)


def test_a_loss_told_with_an_active_verb_is_the_killed_sides(pipe) -> None:  # type: ignore[no-untyped-def]
    killers_only = _run(pipe, "Украинские подразделения остановили продвижение и уничтожили значительную часть живой "
                              "силы наступающих, заявил Ковалев.")
    assert ("heavy_losses", "ru") in _found(killers_only)
    both = _run(pipe, "Российские войска за сутки уничтожили до 500 военнослужащих ВСУ, сообщили в штабе.")
    assert ("heavy_losses", "ua") in _found(both)
    passive = _run(pipe, "За сутки было уничтожено до 500 военнослужащих ВСУ, сообщили в штабе.")
    assert ("heavy_losses", "ua") in _found(passive)


@pytest.mark.parametrize("text, want", [
    ("Наступающие воинские части не имели никакой подготовки, их бросили в город сразу.", ("untrained", "ru")),
    ("У наших солдат не было карт местности и нормальной связи, писал военкор.", ("supply_shortage", "ru")),
    ("Штурм был утоплен в крови, от батальона почти ничего не осталось, вспоминает ветеран.", ("heavy_losses", "ru")),
    ("Генерал Попов продал металлоконструкции, которые предназначались для укреплений на фронте.",
     ("betrayed_by_command", "ru")),
])
def test_dev_c_paraphrases(pipe, text: str, want: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    assert want in _found(_run(pipe, text))


def test_a_comic_who_fled_russia_is_no_deserter_and_defrauded_people_are_not_soldiers(pipe) -> None:  # type: ignore[no-untyped-def]
    for text in ("ФНС заблокировала счета сбежавшего из России комика, который высмеял гибель военкора.",
                 "Полиция задержала мошенников, которые обманули свыше 150 человек через криптоматы."):
        assert not _run(pipe, text).indicators, text


def test_dev_c_fourth_and_fifth_batches(pipe) -> None:  # type: ignore[no-untyped-def]
    found = _found(_run(pipe, "Вообще обман солдат со стороны Минобороны это просто в порядке вещей, пишет боец."))
    assert ("deceived", "ru") in found
    found = _found(_run(pipe, "Два бойца из нашей роты просто послали всех и уехали домой, рассказал доброволец."))
    assert ("surrender_desertion", "ru") in found
    found = _found(_run(pipe, "Министр обороны поздравил военнослужащих, проявивших мужество при освобождении Селидово."))
    assert ("morale_boosting", "ru") in found
    # an ordinal sizes nothing («88-й бригады»); a shortage of men is not one of supplies (gold/ruuk hard case 3)
    assert not slavic._sized(slavic.load(), "бойцы 88-й бригады", 0, 18)
    assert slavic._sized(slavic.load(), "около 88 бойцов", 0, 15)
    assert not _run(pipe, "Особенно не хватает обученных солдат, пишет военный блогер в своём канале.").indicators


def test_dev_c_sixth_batch(pipe) -> None:  # type: ignore[no-untyped-def]
    # territory or drones «lost» are no losses of men
    for text in ("Источник Reuters: ВСУ потеряли более 40% занятой территории в Курской области.",
                 "Средства ПВО сбили 32 дрона, а еще 18 было «локационно потеряно», сообщили украинские военные."):
        assert not any(i.indicator == "heavy_losses" for i in _run(pipe, text).indicators), text
    found = _found(_run(pipe, "Большинство из прибывших военных, по его словам, еще не завершили обучение в бригаде."))
    assert any(i == "untrained" for i, _ in found)


@pytest.mark.parametrize("text, want", [
    ("Даже те 80% парней, у кого контракты на сроки более года, не получили этой выплаты.", "betrayed_by_command"),
    ("Парни, мягко говоря, недовольны, пишет доброволец из Москвы.", "morale_low"),
    ("Многие бойцы нашей роты готовы писать рапорта, рассказал доброволец.", "unwilling"),
    ("Всё это время боец ел один лишь лук, найденный в занятых им блиндажах.", "supply_shortage"),
])
def test_dev_c_soldiers_complaints(pipe, text: str, want: str) -> None:  # type: ignore[no-untyped-def]
    assert want in {i for i, _ in _found(_run(pipe, text))}


def test_a_leaders_name_is_a_weak_actor(pipe) -> None:  # type: ignore[no-untyped-def]
    """«Зеленский», «Путин» name their side when no force is named (as a country's name does)."""
    # (session 13: a sentence on lowering the draft age is refused by the default indicators.ruuk.v8, so another cue)
    doc = _run(pipe, "Советник Зеленского: в армии массовое дезертирство, бойцы уходят с позиций.")
    assert ("surrender_desertion", "ua") in _found(doc)
    # without the name, the writer's side
    assert ("surrender_desertion", "ru") in _found(_run(pipe, "Советник: в армии массовое дезертирство, бойцы уходят с "
                                                               "позиций."))
