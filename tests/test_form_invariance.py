"""The same text gives the same quotes and indicators whatever form it arrives in (session 15, h-forms): a JSONL record
(``extract_line``, the measured path), a ``.txt`` and a ``.md`` file (the ingest path of ``run`` and ``extract``), a
Telegram Desktop export's message, ``analyze_text`` and a ``Document(text=...)`` run through the pipeline.
``scripts/form_invariance.py`` measures the same on the corpora. A ``.md`` file read its lines as one (quotes.ruuk.v8's
multi-line quotes, a list under an intro, a post's headline were lost or misread): the line structure of plain text
is now decided in one place (``clean.line_breaks``), for every plain-text form; and it lost its list marks, so a
post's «- …» dialogue line was no dialogue line (a list item keeps its mark now, as in a plain text). A
``Document(text=...)`` skipped the clean stage (its paragraphs were blank-line blocks, every line break a line): the
pipeline now cleans a document made by hand as a ``.txt`` input (``clean.document.clean_given``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import moralewatch as mw
from moralewatch.api import extract_line, to_extract
from moralewatch.ingest import read_inputs
from moralewatch.model import Document
from moralewatch.pipeline import Pipeline
from moralewatch.runner import run_one
from moralewatch.stages import default_pipeline

#: Russian Telegram posts (a quote over several lines, a list under an intro, a headline line) and an English article
#: with an interview
TEXTS = {
    "block": ("⚡️Путин о тех, кто уехал из страны.\n"
              "Президент на совещании сказал:\n"
              "«Я совсем не осуждаю тех, кто уехал.\n"
              "Но проблема в том, что они живут там и молчат.\n"
              "Солдаты на фронте это видят».\n"
              "Мобилизованные жалуются на нехватку снарядов."),
    "list": ("⚡️Зеленский: Потери ВСУ значительно меньше 80 тысяч, о которых пишут американские СМИ.\n"
             "Другие его заявления:\n"
             "— ВС РФ расстреливают своих бойцов, если те отступают;\n"
             "— У нас сейчас не хватает сил вернуть Крым.\n"
             "По данным Mash, в Курской области идут тяжелые бои."),
    "headline": ("Командир батальона о ситуации под Покровском\n"
                 "«Людей не хватает, бойцы измотаны, ротаций нет уже полгода», — рассказал командир батальона.\n"
                 "Он добавил, что боеприпасов тоже мало."),
    "dialogue": ("Мы сидим в штабе глубоко под землей, снаружи гулко ухает.\n"
                 "- Снарядов не хватает, ротаций нет, люди вымотаны, - отмечает боец по имени Богдан.\n"
                 "Богдан родился в Донецке.\n"
                 "- Что о противнике можешь рассказать?\n"
                 "- Ведут себя неадекватно, огонь беспорядочный."),
    "english": ("Ukrainian troops near Bakhmut say they are exhausted after months without rotation.\n\n"
                "\u201cWe have not slept properly for weeks,\u201d said Oleksandr, a 34-year-old infantryman. "
                "\u201cMorale is still high, but people are tired.\u201d\n\n"
                "Interviewer: How long have you been on the front line?\n"
                "Oleksandr: Eight months. Nobody has replaced us, and we are running out of shells.\n\n"
                "A Russian soldier captured last week told interrogators that his unit had been sent forward "
                "without food or water."),
}


Seen = dict[str, list[tuple[Any, ...]]]


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return default_pipeline()


def _seen(out: dict[str, Any]) -> Seen:
    return {"quotes": [(q["start"], q["end"], q["text"], q["speaker"]) for q in out["quotes"]],
            "indicators": [(i["start"], i["end"], i["indicator"], i["subject_side"]) for i in out["indicators"]]}


def _by_hand(doc: Document) -> Seen:
    """A document made by hand in the extract contract's terms (offsets into the text given)."""
    if doc.input_text is not None:  # cleaned: the offset map leads back to the text given
        return _seen(to_extract(doc, None))
    return {"quotes": [(q.start, q.end, doc.text[q.start:q.end], q.speaker) for q in doc.quotes],
            "indicators": [(i.start, i.end, i.indicator, i.subject_side) for i in doc.indicators]}


def _file(path: Path, pipe: Pipeline) -> dict[str, Any]:
    (raw,) = list(read_inputs([str(path)]))
    doc = run_one(raw, pipe)
    assert isinstance(doc, Document), doc
    return to_extract(doc, None)


def _forms(text: str, pipe: Pipeline, folder: Path) -> dict[str, tuple[Seen, Seen]]:
    (folder / "post.txt").write_text(text, encoding="utf-8")
    (folder / "post.md").write_text(text, encoding="utf-8")
    message = {"id": 7, "type": "message", "date": "2024-05-21T12:34:57", "text": text}
    (folder / "result.json").write_text(json.dumps({"name": "Канал", "type": "public_channel", "id": 1,
                                                    "messages": [message]}, ensure_ascii=False), encoding="utf-8")
    record = {"id": "p", "text": text}
    channel = record | {"source": "Telegram channel: Канал", "date": message["date"]}
    return {  # (the form, the record it must agree with: a file carries no channel and no date)
        "txt": (_seen(_file(folder / "post.txt", pipe)), _extract(record, pipe)),
        "md": (_seen(_file(folder / "post.md", pipe)), _extract(record, pipe)),
        "analyze_text": (_seen(to_extract(mw.analyze_text(text, pipeline=pipe), None)), _extract(record, pipe)),
        "Document": (_by_hand(pipe.run(Document(text=text))), _extract(record, pipe)),
        "telegram": (_seen(_file(folder / "result.json", pipe)), _extract(channel, pipe)),
    }


def _extract(record: dict[str, Any], pipe: Pipeline) -> dict[str, list[tuple[Any, ...]]]:
    return _seen(extract_line(json.dumps(record, ensure_ascii=False), 1, pipeline=pipe))


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_every_form_gives_the_jsonl_records_quotes_and_indicators(name: str, pipe: Pipeline, tmp_path: Path) -> None:
    forms = _forms(TEXTS[name], pipe, tmp_path)
    assert forms["txt"][1]["quotes"], "a text with quotes"
    for form, (got, want) in forms.items():
        assert got == want, form


def test_a_quote_over_several_lines_of_a_md_file_is_one_unit_a_line(pipe: Pipeline, tmp_path: Path) -> None:
    """quotes.ruuk.v8 reads a quote left open at a line's end through the lines that follow, one unit per line: in a
    ``.md`` file too (its lines were joined into one, and the quote ran to the end of the paragraph)."""
    text = TEXTS["block"]
    path = tmp_path / "post.md"
    path.write_text(text, encoding="utf-8")
    got = [q["text"] for q in _file(path, pipe)["quotes"]]
    assert got == ["Я совсем не осуждаю тех, кто уехал.", "Но проблема в том, что они живут там и молчат.",
                   "Солдаты на фронте это видят"]


def test_a_document_made_by_hand_is_cleaned_as_a_txt_input(pipe: Pipeline) -> None:
    """Its text becomes the canonical text (paragraphs found, a post's lines kept, a wrapped line joined), the given
    text its input, with the offset map between them; metadata given stay."""
    text = TEXTS["headline"] + "\nСнарядов нет, а ротаций\nне было с весны."
    doc = pipe.run(Document(text=text, title="Заголовок", outlet="Telegram channel: Канал"))
    made = mw.analyze_text(text, title="Заголовок", outlet="Telegram channel: Канал", pipeline=pipe)
    assert doc.input_text == text and doc.text == made.text and doc.paragraphs == made.paragraphs
    assert "ротаций не было" in doc.text and doc.title == "Заголовок" and doc.outlet == "Telegram channel: Канал"
    assert [(q.start, q.end, q.speaker) for q in doc.quotes] == [(q.start, q.end, q.speaker) for q in made.quotes]


def test_a_hard_wrapped_md_paragraph_stays_one_line(pipe: Pipeline, tmp_path: Path) -> None:
    """A line break that only wraps a sentence (a word before it, lower case after) is no line in a ``.md`` either."""
    text = ("Командир батальона заявил, что «бойцы измотаны и\nротаций нет уже полгода», а снарядов мало.")
    path = tmp_path / "post.md"
    path.write_text(text, encoding="utf-8")
    assert [q["text"] for q in _file(path, pipe)["quotes"]] == \
        [q["text"] for q in extract_line(json.dumps({"id": 1, "text": text}, ensure_ascii=False), 1,
                                         pipeline=pipe)["quotes"]]
