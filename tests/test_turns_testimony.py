"""Testimony transcripts (issue 19): captives, soldiers, relatives and interviewers of both armies, from their labels
(English, Russian, Ukrainian) and the document's header; subtitles (.srt, .vtt) with their timestamps kept as
metadata and as anchors of the offset map. Invented texts."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from moralewatch.clean import to_document
from moralewatch.cli import main
from moralewatch.ingest import RawInput, read_inputs
from moralewatch.model import Document, Quote
from moralewatch.stages import default_pipeline


def _run(raw: RawInput) -> Document:
    doc = default_pipeline().run(to_document(raw))
    assert isinstance(doc, Document)
    return doc


def _turns(doc: Document) -> list[Quote]:
    return [q for q in doc.quotes if (q.rule or "").startswith("turn")]


def _who(doc: Document) -> list[tuple[str | None, str | None, str | None]]:
    return [(q.speaker, q.speaker_role, q.side) for q in _turns(doc)]


def test_a_russian_captive_questioned_in_russian_by_a_ukrainian_journalist() -> None:
    text = ("Интервью с пленным российским военным. Видео СБУ\n\n"
            "Журналист: Как вы попали в плен?\n"
            "Пленный: Нас бросили под Бахмутом, командиры уехали. Патронов не было.\n"
            "Журналист: Что вам говорили перед отправкой?\n"
            "Пленный: Что это учения. Нас обманули.\n")
    doc = _run(RawInput("ru_pow.txt", format="transcript", text=text))
    assert _who(doc) == [("Журналист", "journalist", "unknown"), ("Пленный", "pow", "ru")] * 2
    assert {(q.channel, tuple(q.via)) for q in _turns(doc)} == {("video", ("SBU",))}
    assert _turns(doc)[1].text == "Нас бросили под Бахмутом, командиры уехали. Патронов не было."


def test_a_ukrainian_captive_questioned_in_ukrainian_and_named_by_a_label() -> None:
    text = ("Інтерв'ю з полоненим українським військовим\n\n"
            "Кореспондент: Звідки ви?\n"
            "Полонений Іван: З Житомира. Нас мобілізували на вулиці.\n"
            "Кореспондент: Ви хотіли воювати?\n"
            "Полонений Іван: Ні.\n")
    doc = _run(RawInput("ua_pow.txt", format="transcript", text=text))
    assert _who(doc) == [("Кореспондент", "journalist", "unknown"), ("Полонений Іван", "pow", "ua")] * 2
    assert {q.channel for q in _turns(doc)} == {"interview"}


def test_english_testimony_labels_of_captives_soldiers_and_relatives() -> None:
    text = ("Interview with a captured Russian soldier\n\n"
            "Interviewer: When were you mobilised?\n"
            "Prisoner: In October. We had one week of training.\n"
            "Interviewer: Does your family know?\n"
            "Captive: My mother does not know I am alive.\n")
    doc = _run(RawInput("en_pow.txt", format="transcript", text=text))
    assert _who(doc) == [("Interviewer", "journalist", "unknown"), ("Prisoner", "pow", "ru"),
                         ("Interviewer", "journalist", "unknown"), ("Captive", "pow", "ru")]
    call = ("Intercepted phone call of a Ukrainian soldier, published by the FSB\n\n"
            "Soldier 2: Mum, we are surrounded, nobody answers the radio.\n"
            "Mother: Сынок, держись.\n"
            "Wife: When do you come home?\n"
            "Soldier 2: I don't know. They took our phones.\n")
    doc = _run(RawInput("ua_call.txt", format="transcript", text=call))
    assert _who(doc) == [("Soldier 2", "soldier", "ua"), ("Mother", "relative", "ua"), ("Wife", "relative", "ua"),
                         ("Soldier 2", "soldier", "ua")]
    assert {(q.channel, tuple(q.via)) for q in _turns(doc)} == {("phone_call", ("FSB",))}


def test_an_intercepted_call_in_ukrainian_and_russian_labels_of_relatives() -> None:
    text = ("Перехоплена розмова окупанта з матір'ю. ГУР\n\n"
            "Солдат: Мам, нас кидають на штурм без техніки.\n"
            "Мати: Синку, тікай звідти.\n"
            "Мама: Я зателефоную в комітет.\n")
    doc = _run(RawInput("call.txt", format="transcript", text=text))
    assert _who(doc) == [("Солдат", "soldier", "ru"), ("Мати", "relative", "ru"), ("Мама", "relative", "ru")]
    assert {(q.channel, tuple(q.via)) for q in _turns(doc)} == {("phone_call", ("HUR",))}


SRT = """1
00:00:01,000 --> 00:00:03,500
Interviewer: Where were you captured?

2
00:00:04,000 --> 00:00:07,250
Captive: Near Robotyne. [sighs]
Our commander left us.

3
00:00:08,000 --> 00:00:09,000
We had no water for three days.

4
00:00:10,000 --> 00:00:11,500
Interviewer: Do you want to go home?
"""


def test_an_srt_interview_keeps_its_timestamps_as_anchors_of_the_offset_map(tmp_path: Path) -> None:
    path = tmp_path / "captive.srt"
    path.write_text(SRT, encoding="utf-8")
    raw = next(iter(read_inputs([str(path)])))
    raw.meta["title"] = "Video: a captured Ukrainian marine speaks"
    doc = _run(raw)
    assert _who(doc) == [("Interviewer", "journalist", "unknown"), ("Captive", "pow", "ua"),
                         ("Interviewer", "journalist", "unknown")]
    assert {q.channel for q in _turns(doc)} == {"video"}
    turns = doc.meta["turns"]
    assert [(t["time_start"], t["time_end"]) for t in turns] == [(1.0, 3.5), (4.0, 9.0), (10.0, 11.5)]
    assert [n["text"] for n in doc.meta["stage_notes"]] == ["[sighs]"]
    cues = doc.meta["cues"]
    assert [(c["index"], c["time_start"], c["time_end"]) for c in cues] == [
        (1, 1.0, 3.5), (2, 4.0, 7.25), (3, 8.0, 9.0), (4, 10.0, 11.5)]
    # each cue's canonical span maps back into its own block of the input, and every turn is covered by its cues
    blocks = SRT.split("\n\n")
    for c, block in zip(cues, blocks):
        span = doc.offset_map.span_to_input(c["start"], c["end"])
        assert span is not None
        at = SRT.index(block)
        assert at <= span[0] < span[1] <= at + len(block)
        assert doc.text[c["start"]:c["end"]] == " ".join(SRT[span[0]:span[1]].replace("[sighs]", "").split())
    q = _turns(doc)[1]
    assert q.text == "Near Robotyne. Our commander left us. We had no water for three days."
    inside = [c for c in cues if q.start <= c["start"] and c["end"] <= q.end]
    assert [c["index"] for c in inside] == [2, 3]


def test_a_vtt_call_with_voices_and_timestamps_in_the_store(tmp_path: Path) -> None:
    vtt = ("WEBVTT\n\n00:00.500 --> 00:02.000\n<v Soldier 2>Mom, they sent us to the assault again.\n\n"
           "00:02.500 --> 00:04.000\n<v Mother>Сынок, где ты?\n\n"
           "00:04.500 --> 00:06.000\n<v Soldier 2>Half of the company is dead.\n")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "call.vtt").write_text(vtt, encoding="utf-8")
    db = tmp_path / "s.db"
    r = CliRunner().invoke(main, ["analyze", str(tmp_path / "in"), "--db", str(db), "-q"])
    assert r.exit_code == 0, r.output
    conn = sqlite3.connect(db)
    (fmt, meta), = conn.execute("SELECT input_format, meta FROM documents").fetchall()
    assert fmt == "transcript:vtt"
    m = json.loads(meta)
    assert [(t["label"], t["time_start"], t["time_end"]) for t in m["turns"]] == [
        ("Soldier 2", 0.5, 2.0), ("Mother", 2.5, 4.0), ("Soldier 2", 4.5, 6.0)]
    assert [c["time_start"] for c in m["cues"]] == [0.5, 2.5, 4.5]
    rows = conn.execute("SELECT speaker, speaker_role, channel FROM quotes WHERE rule = 'turn.label' "
                        "ORDER BY start").fetchall()
    # subtitles without a header: the channel is the default of subtitles (video), the side unknown
    assert rows == [("Soldier 2", "soldier", "video"), ("Mother", "relative", "video"),
                    ("Soldier 2", "soldier", "video")]


def test_a_label_says_who_speaks_and_which_side_its_soldier_is_on() -> None:
    text = ("Video from the front\n\n"
            "Военнопленный ВСУ: Нас отправили без подготовки.\n"
            "Russian soldier 2: We were told it would take three days.\n"
            "Soldier's mother: I have not heard from him for a month.\n"
            "Mother of the captive: Верните сына.\n"
            "Военнопленный ВСУ: Я хочу домой.\n")
    doc = _run(RawInput("front.txt", format="transcript", text=text))
    assert _who(doc) == [("Военнопленный ВСУ", "pow", "ua"), ("Russian soldier 2", "soldier", "ru"),
                         ("Soldier's mother", "relative", "unknown"), ("Mother of the captive", "relative", "unknown"),
                         ("Военнопленный ВСУ", "pow", "ua")]


def test_caption_chevrons_bracketed_labels_and_answer_labels() -> None:
    text = ("Допрос пленного оккупанта\n\n"
            "ВОПРОС: Как вас зовут?\n"
            "ОТВЕТ: Меня зовут Сергей, я мобилизованный из Курска.\n"
            ">> [Голос за кадром]: Где вас взяли в плен?\n"
            ">> ОТВЕТ: Под Авдеевкой.\n")
    doc = _run(RawInput("q.txt", format="transcript", text=text))
    assert _who(doc) == [("ВОПРОС", "journalist", "unknown"), ("ОТВЕТ", "pow", "ru"),
                         ("Голос за кадром", "journalist", "unknown"), ("ОТВЕТ", "pow", "ru")]
    assert {q.channel for q in _turns(doc)} == {"interview"}
    assert _turns(doc)[3].text == "Под Авдеевкой."


def test_a_son_or_husband_on_a_soldiers_call_is_the_soldier_and_elsewhere_a_relative() -> None:
    call = "Перехваченный разговор российского военного с матерью\n\nСын: Нас опять на штурм.\nМать: Господи.\n"
    assert _who(_run(RawInput("c.txt", format="transcript", text=call))) == [
        ("Сын", "soldier", "ru"), ("Мать", "relative", "ru")]
    call = "Розмова з дружиною\n\nЧоловік: Нас не ротують.\nДружина: Тримайся.\n"  # no soldier named
    assert _who(_run(RawInput("c.txt", format="transcript", text=call))) == [
        ("Чоловік", "relative", "unknown"), ("Дружина", "relative", "unknown")]
    call = "Перехват СБУ\n\nОккупант: Мама, нас бросили.\nМать: Сыночек.\n"  # the side only the label gives
    assert _who(_run(RawInput("c.txt", format="transcript", text=call))) == [
        ("Оккупант", "soldier", "ru"), ("Мать", "relative", "ru")]
