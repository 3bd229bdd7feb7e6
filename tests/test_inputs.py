"""New inputs (issues 17 and 19): Telegram Desktop exports, transcripts with speaker turns, and the language of
every document and paragraph. Every fixture is synthetic and written here."""

from __future__ import annotations

import io
import json
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from moralewatch.clean import to_document
from moralewatch.clean.transcript import build, looks_like_transcript
from moralewatch.cli import main
from moralewatch.ingest import read_inputs
from moralewatch.ingest import telegram as tg
from moralewatch.lang import detect, document_language
from moralewatch.model import Document, Outcome
from moralewatch.runner import run_one
from moralewatch.stages import default_pipeline

# -- language ------------------------------------------------------------------------------------------------------

RU = "Командир сказал, что мы отступаем, потому что у нас нет снарядов. Это всё, что он сказал."
UK = "Командир сказав, що ми відступаємо, бо в нас немає снарядів. Це все, що він сказав."
EN = "The commander said that we were retreating because we had no shells left."


@pytest.mark.parametrize(("text", "lang"), [
    (RU, "ru"), (UK, "uk"), (EN, "en"),
    ("Нас кинули, м'ясо. Так і запишіть.", "uk"),  # apostrophe inside a word, і
    ("Отказники сидят в подвале, ещё двое ушли в СЗЧ.", "ru"),  # ё
    ("Le commandant a dit que les soldats sont partis avec leurs armes et que la ligne est perdue.", "other"),
    ("Камандзір сказаў, што мы адыходзім.", "other"),  # Belarusian ў
    ("12:00 — 100%", None),
])
def test_language_of_a_text(text: str, lang: str | None) -> None:
    assert detect(text) == lang


def test_a_cyrillic_text_without_a_cue_is_undetermined_not_guessed() -> None:
    assert detect("Слава героям") is None
    assert detect("Слава героям", default="uk") == "uk"  # a paragraph takes its document's language


def test_mixed_post_keeps_each_paragraph_language() -> None:
    text = f"{RU}\n\n{EN}\n\n{UK}\n\n2023"
    paras = [(0, len(RU)), (len(RU) + 2, len(RU) + 2 + len(EN))]
    paras.append((paras[-1][1] + 2, paras[-1][1] + 2 + len(UK)))
    paras.append((len(text) - 4, len(text)))
    doc, labels = document_language(text, paras)
    assert labels == ["ru", "en", "uk", "und"]
    assert doc in ("ru", "uk")


def test_english_rules_output_is_dropped_on_cyrillic_paragraphs_and_recorded() -> None:
    text = ("«Нас кинули», — сказал солдат. Командир заявил, что \"все хорошо\", и солдаты боятся.\n\n"
            "\"We have no food and no ammunition, and our commanders lie to us,\" one soldier told reporters.")
    doc = default_pipeline().run(Document(text=text))
    assert doc.paragraph_languages == ["ru", "en"]
    first_end = doc.paragraphs[0][1]
    # the English rules' quotes there are dropped; the Russian quote stage's (quotes.ruuk.v2) are kept
    assert any(q.start > first_end for q in doc.quotes)
    assert all(q.start > first_end or (q.rule or "").startswith("ruuk-") for q in doc.quotes)
    # the English rules' indicators are dropped there; the Russian rules' (indicators.ruuk.v1, issue 17) are kept
    assert all(i.start > first_end for i in doc.indicators if not (i.rule or "").startswith("ruuk:"))
    assert any((i.rule or "").startswith("ruuk:ru:") and i.start < first_end for i in doc.indicators)
    assert all(i.quote_index is None or 0 <= i.quote_index < len(doc.quotes) for i in doc.indicators)
    assert any("1 of 2 paragraphs in ru" in note for note in doc.removed)


def test_an_english_document_is_unchanged_by_the_gate() -> None:
    text = "\"We have no food and no ammunition, and our commanders lie to us,\" one soldier told reporters."
    names = [n for n in default_pipeline().names if n != "langgate.v1"]
    from moralewatch.pipeline import Pipeline

    without = Pipeline(names).run(Document(text=text))
    with_gate = default_pipeline().run(Document(text=text))
    assert with_gate.language == "en" and with_gate.paragraph_languages == ["en"]
    assert with_gate.quotes == without.quotes and with_gate.indicators == without.indicators
    assert not any(n.startswith("language") for n in with_gate.removed)


# -- Telegram ------------------------------------------------------------------------------------------------------


def _export(messages: list[object], name: str = "Окопная правда", chat_id: int = 1234567) -> str:
    head = {"name": name, "type": "public_channel", "id": chat_id}
    body = ",\n".join("  " + json.dumps(m, ensure_ascii=False) for m in messages)
    return json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "messages": [\n' + body + "\n ]\n}\n"


MESSAGES: list[object] = [
    {"id": 1, "type": "service", "date": "2023-03-01T10:00:00", "action": "pin_message", "text": ""},
    {"id": 2, "type": "message", "date": "2023-03-01T10:05:00", "from": "Окопная правда",
     "text": ["Нас кинули под Бахмутом. ", {"type": "hashtag", "text": "#СЗЧ"}, " ",
              {"type": "text_link", "text": "источник", "href": "https://t.me/x/1"}]},
    {"id": 3, "type": "message", "date": "2023-03-01T11:00:00", "edited": "2023-03-01T12:00:00",
     "forwarded_from": "Captured Soldier Channel", "reply_to_message_id": 2,
     "text": "\"We were sent to die, the commanders abandoned us,\" the soldier said."},
    {"id": 4, "type": "message", "date": "2023-03-01T12:00:00", "grouped_id": 77, "photo": "a.jpg",
     "text": "Album caption: the retreat from the village."},
    {"id": 5, "type": "message", "date": "2023-03-01T12:00:00", "grouped_id": 77, "photo": "b.jpg", "text": ""},
    {"id": 6, "type": "poll_v2", "date": "2023-03-01T12:00:00", "text": ""},
    {"id": 7, "type": "message", "date": "2023-03-01T12:00:00", "photo": "c.jpg", "text": ""},
]


def _read(tmp_path: Path, content: str | bytes, name: str = "result.json", **kw: object) -> list:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return list(read_inputs([str(path)], **kw))  # type: ignore[arg-type]


def test_telegram_export_one_input_per_message_or_album(tmp_path: Path) -> None:
    raws = _read(tmp_path, _export(MESSAGES))
    assert [(r.locator, r.error[0] if r.error else None) for r in raws] == [
        ("chat 1234567 message 1", "service_message"),
        ("chat 1234567 message 2", None),
        ("chat 1234567 message 3", None),
        ("chat 1234567 album of messages 4-5", None),
        ("chat 1234567 message 6", "unknown_message"),
        ("chat 1234567 message 7", "media_only"),
    ]
    assert raws[1].text == "Нас кинули под Бахмутом. #СЗЧ источник"
    meta = raws[1].meta["telegram"]
    assert meta["hashtags"] == ["#СЗЧ"] and meta["links"] == ["https://t.me/x/1"]
    ent = meta["entities"][0]
    assert raws[1].text[ent["start"]:ent["end"]] == "#СЗЧ"
    assert raws[3].meta["telegram"]["message_ids"] == [4, 5] and raws[3].text.startswith("Album caption")


def test_telegram_document_has_no_invented_title_and_keeps_the_forward_chain(tmp_path: Path) -> None:
    raws = _read(tmp_path, _export(MESSAGES))
    doc = to_document(raws[2])
    assert doc.title is None and doc.input_format == "telegram"
    assert doc.published == "2023-03-01T11:00:00" and doc.updated == "2023-03-01T12:00:00"
    assert doc.outlet == "Окопная правда" and doc.external_id == "1234567/3"
    assert doc.meta["first_source"] == "Captured Soldier Channel" and doc.meta["via"] == ["Окопная правда"]
    assert doc.meta["telegram"]["reply_to"] == 2
    for raw in raws:  # every message gets an outcome or a document through the runner
        result = run_one(raw, default_pipeline())
        assert isinstance(result, (Document, Outcome))
        if isinstance(result, Document):
            assert result.title is None and result.language in ("ru", "en")


def test_a_full_export_with_several_chats(tmp_path: Path) -> None:
    one = _export([{"id": 1, "type": "message", "date": "2023-01-01T00:00:00", "text": "First chat text."}],
                  "A", 1)
    two = _export([{"id": 1, "type": "message", "date": "2023-01-02T00:00:00", "text": "Second chat text."}],
                  "B", 2)
    full = '{\n "about": "Here is the data you requested",\n "chats": {\n  "about": "x",\n  "list": [\n' + \
        one.rstrip() + ",\n" + two.rstrip() + "\n  ]\n }\n}\n"
    raws = _read(tmp_path, full)
    assert [(r.locator, r.text, r.meta["telegram"]["chat"]) for r in raws] == [
        ("chat 1 message 1", "First chat text.", "A"), ("chat 2 message 1", "Second chat text.", "B")]


def test_a_truncated_export_keeps_every_message_before_the_cut(tmp_path: Path) -> None:
    text = _export(MESSAGES[:4] + [{"id": 9, "type": "message", "date": "2023-03-01T13:00:00", "text": "x" * 50}])
    raws = _read(tmp_path, text[: text.rindex("x" * 20)])
    assert [r.error[0] for r in raws if r.error][-1] == "truncated_export"
    assert [r.locator for r in raws if not r.error] == ["chat 1234567 message 2", "chat 1234567 message 3",
                                                        "chat 1234567 message 4"]  # the album ends at the cut


def test_a_malformed_message_is_its_own_outcome_and_reading_resumes(tmp_path: Path) -> None:
    text = _export(MESSAGES[1:3] + [{"id": 10, "type": "message", "date": "2023-03-01T13:00:00",
                                     "text": "After the broken one."}])
    text = text.replace('"id": 3, "type": "message", "date": "2023-03-01T11:00:00"', '"id": 3, "type": message')
    raws = _read(tmp_path, text)
    assert [(r.locator, r.error[0] if r.error else None) for r in raws] == [
        ("chat 1234567 message 2", None), ("chat 1234567 after message 2", "malformed_message"),
        ("chat 1234567 message 10", None)]


def test_json_that_is_not_an_export(tmp_path: Path) -> None:
    assert [r.error[0] for r in _read(tmp_path, '{"a": [1, 2, 3]}')] == ["no_messages"]
    assert [r.error[0] for r in _read(tmp_path, _export([]), "empty.json")] == ["empty"]


def test_a_message_over_the_size_limit_is_skipped_to_the_next(tmp_path: Path) -> None:
    msgs = [{"id": 1, "type": "message", "date": "2023-01-01T00:00:00", "text": "y" * 5000},
            {"id": 2, "type": "message", "date": "2023-01-01T00:00:00", "text": "short"}]
    raws = _read(tmp_path, _export(msgs), max_bytes=1000)
    assert [(r.error[0] if r.error else r.text) for r in raws] == ["too_large", "short"]


def test_the_export_is_streamed_across_chunk_boundaries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Small chunks put every key, string and number of the file across a chunk boundary somewhere: the messages
    read are the same as with whole-file chunks, and the buffer never holds much more than one message."""
    msgs = [{"id": i, "type": "message", "date": "2023-01-01T00:00:00",
             "text": [f"Сообщение № {i} ", {"type": "hashtag", "text": "#тег"}]} for i in range(1, 400)]
    content = _export(msgs)
    whole = [(r.locator, r.text) for r in _read(tmp_path, content)]
    monkeypatch.setattr(tg, "CHUNK", 7)
    longest = 0
    original = tg._Stream.fill

    def fill(self: tg._Stream) -> bool:
        nonlocal longest
        got = original(self)
        longest = max(longest, len(self.buf))
        return got

    monkeypatch.setattr(tg._Stream, "fill", fill)
    small = [(r.locator, r.text) for r in tg.telegram_inputs("t", io.BytesIO(content.encode()), 1 << 20)]
    assert small == whole and len(whole) == 399
    assert longest < 400  # one message (~150 characters) and a chunk or two, never the file (~60,000)


def test_a_big_export_is_read_in_bounded_time(tmp_path: Path) -> None:
    msgs = [{"id": i, "type": "message", "date": "2023-01-01T00:00:00", "text": "word " * 100}
            for i in range(20_000)]
    path = tmp_path / "big.json"
    path.write_text(_export(msgs), encoding="utf-8")
    t0 = time.monotonic()
    n = sum(1 for _ in read_inputs([str(path)]))
    assert n == 20_000
    assert time.monotonic() - t0 < 60  # ~12 MB: a hang or a quadratic rescan is the bug, not the speed


# -- transcripts ---------------------------------------------------------------------------------------------------

SRT = """1
00:00:01,000 --> 00:00:04,200
Interviewer: Where were you captured?

2
00:00:04,500 --> 00:00:08,000
Prisoner: Near Bakhmut. [crying]
The commanders abandoned us, we were sent to die.

00:00:09,000 --> 00:00:10,000
We had no food and no ammunition.

4
00:00:xx,000 --> 00:00:12,000
<i>Nobody told us anything.</i>
"""


def test_srt_turns_notes_and_timestamps() -> None:
    t = build(SRT, "srt")
    turns = t.meta["turns"]
    assert [tr["label"] for tr in turns] == ["Interviewer", "Prisoner"]
    assert t.text[turns[1]["start"]:turns[1]["end"]] == ("Near Bakhmut. The commanders abandoned us, we were sent "
                                                          "to die. We had no food and no ammunition. Nobody told us "
                                                          "anything.")
    assert "[crying]" not in t.text and "<i>" not in t.text
    assert [n["text"] for n in t.meta["stage_notes"]] == ["[crying]"]
    assert [(c["index"], c["time_start"]) for c in t.meta["cues"]] == [(1, 1.0), (2, 4.5), (None, 9.0), (4, None)]
    cue = t.meta["cues"][2]
    assert t.text[cue["start"]:cue["end"]] == "We had no food and no ammunition."
    assert any("cue 4" in n for n in t.notes)
    for c, i, n in t.offset_map.to_json():  # every canonical character comes from the input
        assert t.text[c:c + n] == SRT[i:i + n]


def test_vtt_voices_and_plain_text_turns() -> None:
    vtt = ("WEBVTT\n\nNOTE made by hand\n\nc1\n00:01.000 --> 00:03.000\n<v Mother>Where are you?\n\n"
           "00:03.500 --> 00:05.000 align:start\n<v Soldier 2>In a basement. They took our phones.\n")
    t = build(vtt, "vtt")
    assert [(tr["label"], t.text[tr["start"]:tr["end"]], tr["time_start"]) for tr in t.meta["turns"]] == [
        ("Mother", "Where are you?", 1.0), ("Soldier 2", "In a basement. They took our phones.", 3.5)]
    text = "Интервью с пленным\n\nQ: Как вы попали в плен?\nA: Нас бросили.\n— А командир?\n— Сбежал.\n"
    assert looks_like_transcript(text)
    assert not looks_like_transcript("Главное:\n— Первое.\n— Второе.\n— Третье.\n— Четвёртое.\n")  # a list
    assert not looks_like_transcript("Intro line.\n\nFinancial context: one.\nMarkets: two.\nOil: three.\n"
                                     "Gas: four.\n")  # headings that do not come back
    t = build(text, "text")
    assert [tr["label"] for tr in t.meta["turns"]] == ["Q", "A", None, None]
    assert t.title == "Интервью с пленным"
    assert not looks_like_transcript("A title\n\nThe first paragraph of an article.\n\nAnother paragraph: more.\n"
                                     "Last line.\n")


def test_a_damaged_subtitle_file_gives_what_it_can(tmp_path: Path) -> None:
    data = ("1\n00:00:01,000 --> 00:00:02,000\nSoldier: Мы в окружении, нас бросили.\n\n"
            "garbage --> more garbage\nMother: Сынок, где ты?\n\n3\n\n").encode()
    data = data.replace("Сынок, где ты?".encode(), "Сынок, где ты?".encode("cp1251"))  # one line in cp1251
    raws = _read(tmp_path, data, "call.srt")
    assert raws[0].error is None and any("cp1251" in n for n in raws[0].notes)
    doc = to_document(raws[0])
    assert [q["label"] for q in doc.meta["turns"]] == ["Soldier", "Mother"]
    assert "Сынок, где ты?" in doc.text
    assert any("times" in n for n in doc.removed)


def test_turns_are_direct_quotes_with_roles_channel_via_and_side() -> None:
    text = ("Intercepted call of a Russian soldier with his mother, published by the SBU\n\n"
            "Soldier: Mom, they sent us to the assault again, half of the company is dead.\n"
            "Mother: Сынок, держись. [неразборчиво]\n"
            "Soldier: The commanders abandoned us, we are just meat.\n")
    from moralewatch.clean.document import _transcript_document
    from moralewatch.ingest import RawInput

    doc = default_pipeline().run(_transcript_document(RawInput("call.txt", text=text), text, "text"))
    turns = [q for q in doc.quotes if (q.rule or "").startswith("turn")]
    assert [(q.speaker, q.speaker_role, q.side, q.channel, q.via, q.kind) for q in turns] == [
        ("Soldier", "soldier", "ru", "phone_call", ["SBU"], "direct"),
        ("Mother", "relative", "ru", "phone_call", ["SBU"], "direct"),
        ("Soldier", "soldier", "ru", "phone_call", ["SBU"], "direct")]
    assert turns[1].text == "Сынок, держись."  # kept although Russian: a turn is a quote by its form
    assert doc.text[turns[0].speaker_start:turns[0].speaker_end] == "Soldier"
    on_turns = [i for i in doc.indicators if i.quote_index is not None]
    assert on_turns and all(i.claimant == "Soldier" for i in on_turns)
    assert all(i.start >= turns[0].start for i in doc.indicators)


def test_a_captive_interview_gives_the_interviewee_the_pow_role() -> None:
    text = "Interview with a captured Ukrainian soldier, video\n\nQ: Where were you taken?\nA: Near the river.\n"
    from moralewatch.clean.document import _transcript_document
    from moralewatch.ingest import RawInput

    doc = default_pipeline().run(_transcript_document(RawInput("i.txt", text=text), text, "text"))
    assert [(q.speaker, q.speaker_role, q.side, q.channel) for q in doc.quotes] == [
        ("Q", "journalist", "unknown", "video"), ("A", "pow", "ua", "video")]


def test_analyze_with_format_transcript_stores_turns_and_languages(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "call.txt").write_text(
        "Soldier: They sent us forward without ammunition.\nMother: Бережи себя.\n", encoding="utf-8")
    (tmp_path / "in" / "result.json").write_text(_export(MESSAGES), encoding="utf-8")
    db = tmp_path / "s.db"
    r = CliRunner().invoke(main, ["analyze", str(tmp_path / "in"), "--db", str(db), "--format", "transcript", "-q"])
    assert r.exit_code == 0, r.output
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT input_format, language, paragraph_languages, title FROM documents "
                        "ORDER BY input_format").fetchall()
    assert ("transcript:text", "en", '["en", "ru"]', None) in rows
    assert sum(1 for row in rows if row[0] == "telegram" and row[3] is None) == 3
    codes = {c for (c,) in conn.execute("SELECT code FROM outcomes WHERE status = 'rejected'")}
    assert codes == {"service_message", "unknown_message", "media_only"}
    speakers = conn.execute("SELECT speaker, speaker_role FROM quotes WHERE rule = 'turn.label'").fetchall()
    assert speakers == [("Soldier", "soldier"), ("Mother", "relative")]


def test_a_gzipped_export_and_one_on_stdin_are_read_as_exports(tmp_path: Path) -> None:
    import gzip

    content = _export(MESSAGES[1:3])
    path = tmp_path / "result.json.gz"
    path.write_bytes(gzip.compress(content.encode()))
    assert [r.locator for r in read_inputs([str(path)])] == ["chat 1234567 message 2", "chat 1234567 message 3"]
    got = list(read_inputs(["-"], stdin=io.BytesIO(content.encode())))
    assert [(r.format, r.locator) for r in got] == [("telegram", "chat 1234567 message 2"),
                                                    ("telegram", "chat 1234567 message 3")]
    jsonl = b'{"id": 1, "text": "one line"}\n'
    assert [r.format for r in read_inputs(["-"], stdin=io.BytesIO(jsonl))] == ["jsonl"]  # JSONL stays JSONL


def test_a_jsonl_record_with_an_empty_text_is_recorded_as_empty_not_as_furniture(tmp_path: Path) -> None:
    lines = [{"id": "a", "text": "Fine text about the front."}, {"id": "b", "text": ""}, {"id": "c", "text": " \n "}]
    raws = _read(tmp_path, "\n".join(json.dumps(x) for x in lines) + "\n", "batch.jsonl")
    assert [(r.locator, r.error[0] if r.error else None) for r in raws] == [
        ("line 1", None), ("line 2", "empty"), ("line 3", "empty")]
    assert "empty" in raws[1].error[1] and "whitespace" in raws[2].error[1]
