"""Hostile input against the default pipeline (session 15): seeded generators, four sizes, per-stage time.

Each generator makes a document of a given size from a seeded random stream of one hostile shape (unbalanced and
nested quote marks of every kind, dialogue dashes, ``Name:`` lines, bullet lists, repeated speech verbs, very long
lines, a token of the whole size, numbers, dates and places, mixed scripts and combining marks, RTL and zero-width
characters, deep HTML and markdown nesting, Telegram exports of odd entity shapes, pages of links, JSONL lines with
NUL and lone-surrogate escapes) in English, Russian or Ukrainian. Each document is read at sizes n, 2n, 4n and 8n the
way a user's input is read (text through ``to_document``; files through the readers; JSONL lines through
``extract_line``), every stage of the default pipeline timed on its own, and the peak of Python allocations taken
(``tracemalloc``, on a second pass, so that it does not weigh on the timings). Reported per generator:

- an exception in any stage, or an ``extract_line`` outcome of ``stage_failed``: a crash;
- a stage whose time grows from n to 8n by more than ``--ratio`` (default 16: linear is 8, n log n ~9-10, quadratic
  64) once it takes more than ``--floor`` seconds at 8n: superlinear growth (the stage, the times);
- a peak of memory that grows more than ``--ratio`` times from n to 8n: memory without bound;
- a document that does not finish within ``--deadline`` seconds: a hang (the larger sizes are skipped).

    PYTHONPATH=src /work/main/.venv/bin/python scripts/fuzz_pipeline.py [--size 16384] [--seed 1] [--only NAME]
        [--json out.json] [--budget 1200]

The run's exit status is 1 when anything was flagged. One heavy job: it runs in this process, one document at a time.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import signal
import sys
import tempfile
import time
import traceback
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moralewatch.api import _read_each, extract_line
from moralewatch.clean import to_document
from moralewatch.clean.document import RejectedInput
from moralewatch.ingest import RawInput
from moralewatch.ingest.jsonl import parse_jsonl_line
from moralewatch.stages import default_pipeline

Gen = Callable[[random.Random, int], str]

# -- the vocabulary of the generators ------------------------------------------------------------------------------

QUOTES = ['"', "'", "“", "”", "‘", "’", "«", "»", "„", "‚", "‹", "›", "「", "」", "『", "』", "〝", "〞", "＂", "‟", "‛"]
DASHES = ["—", "–", "-", "―", "−", "--"]
WORDS = {
    "en": ["soldiers", "said", "the", "troops", "are", "tired", "we", "have", "no", "shells", "morale", "brigade",
           "Russian", "Ukrainian", "commander", "told", "reporters", "according", "to", "refused", "fight", "deserted",
           "John", "Smith", "Colonel", "General", "Bakhmut", "Avdiivka", "Kharkiv", "March", "2022"],
    "ru": ["солдаты", "сказал", "заявил", "что", "бойцы", "устали", "нет", "снарядов", "мобилизованные", "отказались",
           "воевать", "по", "словам", "командир", "Иванов", "Петров", "ВСУ", "ВС", "РФ", "Бахмут", "Авдеевка",
           "марта", "2022", "«Ахмат»", "позывной", "рассказал", "передал", "жалуются", "двухсотые", "срочники"],
    "uk": ["бійці", "сказав", "заявив", "що", "солдати", "втомлені", "немає", "снарядів", "мобілізовані",
           "відмовилися", "воювати", "за", "словами", "командир", "Петренко", "Коваленко", "ЗСУ", "окупанти", "Бахмут",
           "Авдіївка", "березня", "2022", "позивний", "розповів", "повідомив", "скаржаться", "бригада", "росіяни"],
}
SPEECH = {"en": ["said", "told", "added", "claimed", "wrote", "says", "according to", "reported", "explained"],
          "ru": ["сказал", "заявил", "рассказал", "добавил", "сообщил", "написал", "отметил", "передал", "пояснил"],
          "uk": ["сказав", "заявив", "розповів", "додав", "повідомив", "написав", "зазначив", "передав", "пояснив"]}
NAMES = {"en": ["John Smith", "SMITH", "Q", "A", "Col. Ivan Petrenko", "Reporter", "Soldier"],
         "ru": ["Иванов", "Сергей Петров", "ВОПРОС", "Ответ", "Боец", "Корреспондент", "«Ахмат»"],
         "uk": ["Петренко", "Іван Коваленко", "ПИТАННЯ", "Відповідь", "Боєць", "Журналіст", "Мадяр"]}
PLACES = ["Bakhmut", "Avdiivka", "Kharkiv", "Kupiansk", "Бахмут", "Авдеевка", "Харьков", "Бахмуті", "Авдіївці",
          "Часов Яр", "Угледар", "Вугледар", "Donetsk", "Донецк", "Запоріжжя", "Kherson", "Херсон", "Курахово"]
MONTHS = ["March", "марта", "березня", "Dec.", "декабря", "грудня", "2022-03-03", "03.03.2022", "3/3/22"]
ODD = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u202d", "\u200f", "\u200e", "\u0301", "\u0300",
       "\u0306", "\u0308", "\u00ad", "\u2028", "\u2029", "\u0085", "\u00a0", "\u3000", "\ufffd", "\u0000"]
NL = "\n"
RTL = ["مرحبا", "שלום", "جندي", "חייל", "\u202b", "\u202c", "\u2067", "\u2069"]


def _fill(rng: random.Random, size: int, piece: Callable[[random.Random], str]) -> str:
    parts: list[str] = []
    n = 0
    while n < size:
        p = piece(rng)
        parts.append(p)
        n += len(p)
    return "".join(parts)[:size]


def _lang(rng: random.Random) -> str:
    return rng.choice(("en", "ru", "uk"))


def _words(rng: random.Random, lang: str, k: int) -> str:
    return " ".join(rng.choice(WORDS[lang]) for _ in range(k))


# -- text generators (size in characters) -----------------------------------------------------------------------------

def unbalanced_quotes(rng: random.Random, size: int) -> str:
    lang = _lang(rng)
    return _fill(rng, size, lambda r: r.choice(QUOTES) * r.randint(1, 3) + (
        _words(r, lang, r.randint(0, 3)) + " " if r.random() < 0.6 else "") + r.choice(["", "", ", ", ". ", "\n"]))


def quote_marks_only(rng: random.Random, size: int) -> str:
    return _fill(rng, size, lambda r: r.choice(QUOTES) + r.choice(["", "", " ", ",", "."]))


def nested_quotes(rng: random.Random, size: int) -> str:
    """Opening marks of alternating kinds, deeper and deeper, each with a speech verb, then closings."""
    lang = rng.choice(("ru", "uk"))
    depth = max(1, size // 40)
    opens = [("«", "»"), ("„", "“"), ("“", "”"), ("‘", "’")]
    head = "".join(f"{opens[i % 4][0]}{rng.choice(WORDS[lang])} {rng.choice(SPEECH[lang])}: " for i in range(depth))
    tail = "".join(opens[i % 4][1] for i in reversed(range(depth)))
    return (head + tail)[:size]


def nested_quotes_en(rng: random.Random, size: int) -> str:
    depth = max(1, size // 30)
    head = "".join(f"“{rng.choice(WORDS['en'])} said ‘" for _ in range(depth))
    return (head + "’”" * depth)[:size]


def dialogue_dashes(rng: random.Random, size: int) -> str:
    lang = rng.choice(("ru", "uk"))

    def piece(r: random.Random) -> str:
        d = r.choice(DASHES)
        return (f"{d} {_words(r, lang, r.randint(1, 6))}{r.choice([',', '.', '!', '?', ''])} {d} "
                f"{r.choice(SPEECH[lang])} {r.choice(NAMES[lang])}{r.choice(['.', ',', ':', ''])}" +
                r.choice([" ", NL, NL, " " + d + " "]))
    return _fill(rng, size, piece)


def dialogue_dashes_one_line(rng: random.Random, size: int) -> str:
    lang = rng.choice(("ru", "uk", "en"))
    return _fill(rng, size, lambda r: f"{r.choice(DASHES)} {_words(r, lang, r.randint(1, 3))}, {r.choice(DASHES)} "
                                       f"{r.choice(SPEECH[lang])} ")


def name_lines(rng: random.Random, size: int) -> str:
    lang = _lang(rng)
    return _fill(rng, size, lambda r: f"{r.choice(NAMES[lang])}: {_words(r, lang, r.randint(0, 8))}"
                                       f"{r.choice(['.', '', '?'])}" + r.choice([NL, NL + NL, " "]))


def name_colons_one_line(rng: random.Random, size: int) -> str:
    lang = _lang(rng)
    return _fill(rng, size, lambda r: f"{r.choice(NAMES[lang])}: ")


def bullet_lists(rng: random.Random, size: int) -> str:
    lang = _lang(rng)
    marks = ["- ", "* ", "• ", "1. ", "a) ", "— ", "+ ", "· ", "▪ ", "   - ", "\t* "]
    return _fill(rng, size, lambda r: f"{r.choice(marks)}{_words(r, lang, r.randint(1, 7))}"
                                       f"{r.choice(['', ';', '.', ':'])}\n")


def speech_verbs(rng: random.Random, size: int) -> str:
    lang = _lang(rng)
    return _fill(rng, size, lambda r: r.choice(SPEECH[lang]) + r.choice([" ", " ", ", ", " что ", " that ", ": "]))


def speech_verbs_and_names(rng: random.Random, size: int) -> str:
    lang = _lang(rng)
    return _fill(rng, size, lambda r: f"{r.choice(NAMES[lang])} {r.choice(SPEECH[lang])}"
                                       f"{r.choice([', ', ' ', ': «', ': “', ', что ', ', що '])}")


def long_line(rng: random.Random, size: int) -> str:
    """One paragraph of sentences of every language, no line break."""
    return _fill(rng, size, lambda r: _words(r, _lang(r), r.randint(3, 15)) + r.choice([". ", ", ", "; ", " — "]))


def long_sentence(rng: random.Random, size: int) -> str:
    """One sentence: words without a stop."""
    lang = _lang(rng)
    return _fill(rng, size, lambda r: r.choice(WORDS[lang]) + " ")


def one_token(rng: random.Random, size: int) -> str:
    alphabet = rng.choice(["a", "Я", "ї", "aЖ", "7", "Ab-", "x.", "é"])
    return (alphabet * (size // len(alphabet) + 1))[:size]


def one_token_in_text(rng: random.Random, size: int) -> str:
    lang = rng.choice(("ru", "uk"))
    return (f"«{rng.choice(WORDS[lang])}», — {rng.choice(SPEECH[lang])} " + "ж" * size + " командир.")[:size]


def numbers_dates_places(rng: random.Random, size: int) -> str:
    def piece(r: random.Random) -> str:
        return r.choice([str(r.randint(0, 10 ** r.randint(1, 9))), f"{r.randint(1, 31)} {r.choice(MONTHS)}",
                         r.choice(PLACES), f"{r.randint(1, 99)} км", f"{r.randint(1, 200)}-я бригада",
                         f"{r.randint(1, 99)} km west of {r.choice(PLACES)}", f"{r.randint(1000, 2030)}",
                         "1,000,000", "12.5%"]) + r.choice([" ", ", ", ". ", " и ", " та ", "\n"])
    return _fill(rng, size, piece)


def places_only(rng: random.Random, size: int) -> str:
    return _fill(rng, size, lambda r: r.choice(PLACES) + r.choice([", ", " ", " и ", " і ", ". "]))


def mixed_scripts(rng: random.Random, size: int) -> str:
    letters = "aбcдeфgхiйkлmнoпqрsтuvwxyzАБВГДЕЁЖЗИЇІЄҐABCDEFGHIJ"
    return _fill(rng, size, lambda r: "".join(r.choice(letters) + (r.choice(ODD[:13]) if r.random() < 0.3 else "")
                                              for _ in range(r.randint(1, 9))) + r.choice([" ", ". ", ", ", "\n"]))


def odd_characters(rng: random.Random, size: int) -> str:
    lang = _lang(rng)
    return _fill(rng, size, lambda r: r.choice(ODD + RTL) * r.randint(1, 3) + (
        r.choice(WORDS[lang]) if r.random() < 0.5 else "") + r.choice(["", " ", ". "]))


def zero_width_words(rng: random.Random, size: int) -> str:
    lang = _lang(rng)
    return _fill(rng, size, lambda r: "\u200b".join(r.choice(WORDS[lang])) + r.choice(["\u200b ", " ", ". "]))


def markdown_nesting(rng: random.Random, size: int) -> str:
    lang = _lang(rng)
    depth = max(1, min(size // 20, 5000))
    return _fill(rng, size, lambda r: "> " * r.randint(1, depth) + r.choice(["", "- ", "* ", "1. ", "#" * 6 + " "])
                 + r.choice(["**", "_", "`", "[", "]("]) * r.randint(0, 5) + _words(r, lang, 3) + "\n")


CALLSIGNS = ["Шкода", "Димсон", "Мадяр", "Ахмат", "Вагнер", "Седой", "Кедр", "Гром", "Борода", "Тайфун"]


def telegram_multiline_quotes(rng: random.Random, size: int) -> str:
    """quotes.ruuk.v8's quotes over several lines: «Name:» then a quote opened and closed lines later, or never."""
    lang = rng.choice(("ru", "uk"))

    def piece(r: random.Random) -> str:
        body = "\n".join(_words(r, lang, r.randint(1, 8)) + r.choice(["", " «в марках»", " „так“", ","])
                         for _ in range(r.randint(1, 20)))
        opening = r.choice(["«", "“", '"', "„"])
        closing = r.choice(["».", "”.", '".', "", "» — " + r.choice(SPEECH[lang]) + " он."])
        return f"{r.choice(NAMES[lang])}:{NL}{opening}{body}{closing}{NL}" + r.choice(["", NL])
    return _fill(rng, size, piece)


def callsign_lines(rng: random.Random, size: int) -> str:
    """«"…" - "Шкода".» lines, the callsigns described as soldiers (or not) elsewhere, many distinct ones."""
    def piece(r: random.Random) -> str:
        name = r.choice(CALLSIGNS) + (str(r.randint(0, 10 ** 4)) if r.random() < 0.5 else "")
        return r.choice([f'"{_words(r, "ru", r.randint(3, 9))}" - "{name}".\n',
                         f'"{name}", {r.choice(["офицер 46 бригады", "боец штурмового отряда", "блогер", "житель"])}. ',
                         f'"{name}" утверждает, что {_words(r, "ru", 5)}.\n', f'{name}", военнослужащий, сказал: ',
                         f'«{_words(r, "ru", 4)}» - «{name}»\n'])
    return _fill(rng, size, piece)


def relayed_soldiers(rng: random.Random, size: int) -> str:
    """Soldiers' words relayed (quotes.ruuk.v7): «по словам бойца 93-й бригады», «боец рассказал, что …»."""
    lang = rng.choice(("ru", "uk"))
    heads = {"ru": ["по словам бойца", "как рассказал военный", "мобилизованный рассказал, что", "со ссылкой на бойца",
                    "солдаты передают, что", "военнослужащий ВСУ сообщил"],
             "uk": ["за словами бійця", "як розповів військовий", "мобілізований розповів, що", "з посиланням на бійця",
                    "солдати передають, що", "військовослужбовець ЗСУ повідомив"]}[lang]
    return _fill(rng, size, lambda r: f"{r.choice(heads)} {r.randint(1, 200)}-й бригады {r.choice(NAMES[lang])}, "
                                       f"{_words(r, lang, r.randint(0, 6))}" + r.choice([". ", ", ", " ", NL]))


def distinct_units(rng: random.Random, size: int) -> str:
    """Soldiers' words relayed with ever new unit numbers (what the document says of each unit is read per number)."""
    k = [0]

    def piece(r: random.Random) -> str:
        k[0] += 1
        return (f"«{_words(r, 'ru', r.randint(3, 6))}», — рассказал боец {k[0] % 1000}-й бригады"
                f"{r.choice(['', ' ВСУ', ' ВС РФ'])}.\n")
    return _fill(rng, size, piece)


def name_and_place_lists(rng: random.Random, size: int) -> str:
    """Long lists of people, oblasts and places in Russian and Ukrainian cases (entities.ruuk)."""
    items = ["Иван Петров", "Сергея Иванова", "Петру Коваленку", "Володимира Зеленського", "Донецкой области",
             "Луганської області", "Запорожской обл.", "Херсонщини", "Бахмуте", "Авдеевки", "Курахово", "Часового Яру",
             "генерал Сырский", "полковник Иванов", "ВСУ", "ЗСУ", "ВС РФ", "ГУР", "СБУ", "Минобороны России"]
    return _fill(rng, size, lambda r: r.choice(items) + r.choice([", ", " и ", " і ", " та ", "; ", ". ", "\n"]))


def ruuk_transcript(rng: random.Random, size: int) -> str:
    lang = rng.choice(("ru", "uk"))
    labels = {"ru": ["Вопрос", "Ответ", "Корреспондент", "Путин", "В.Путин", "Д.Песков"],
              "uk": ["Питання", "Відповідь", "Журналіст", "Зеленський", "В.Зеленський", "Ведучий"]}[lang]
    return _fill(rng, size, lambda r: f"{r.choice(labels)}: {_words(r, lang, r.randint(1, 12))}"
                                       f"{r.choice(['.', '?', '', '…'])}\n" + r.choice(["", "\n"]))


def mixture(rng: random.Random, size: int) -> str:
    gens = list(TEXTS.values())
    return _fill(rng, size, lambda r: r.choice(gens)(r, r.randint(20, 400)) + r.choice(["", "\n\n", ". "]))


TEXTS: dict[str, Gen] = {
    "unbalanced quotes": unbalanced_quotes, "quote marks only": quote_marks_only, "nested quotes ru/uk": nested_quotes,
    "nested quotes en": nested_quotes_en, "dialogue dashes": dialogue_dashes,
    "dialogue dashes on one line": dialogue_dashes_one_line, "Name: lines": name_lines,
    "Name: on one line": name_colons_one_line, "bullet lists": bullet_lists, "speech verbs": speech_verbs,
    "speech verbs and names": speech_verbs_and_names, "long line": long_line, "long sentence": long_sentence,
    "one token": one_token, "one token in a quote": one_token_in_text, "numbers, dates, places": numbers_dates_places,
    "places only": places_only, "mixed scripts, combining marks": mixed_scripts, "RTL, zero-width, NUL": odd_characters,
    "zero-width inside words": zero_width_words, "markdown nesting": markdown_nesting,
    "Telegram multi-line quotes": telegram_multiline_quotes, "callsign lines": callsign_lines,
    "relayed soldiers": relayed_soldiers, "distinct unit numbers": distinct_units, "name and place lists": name_and_place_lists,
    "ru/uk transcript": ruuk_transcript,
}
TEXTS["mixture"] = mixture


# -- file generators (what the readers see) ---------------------------------------------------------------------------

def html_nesting(rng: random.Random, size: int) -> str:
    depth = max(1, size // 12)
    tags = ["div", "span", "b", "i", "p", "blockquote", "li", "td", "em", "q", "section", "article"]
    opened = [rng.choice(tags) for _ in range(depth)]
    inner = "".join(f"<{t}>{rng.choice(WORDS[_lang(rng)])} " for t in opened)
    return f"<html><body>{inner}{''.join(f'</{t}>' for t in reversed(opened))}</body></html>"


def html_unclosed(rng: random.Random, size: int) -> str:
    return "<html><body>" + _fill(rng, size, lambda r: f"<{r.choice(['p', 'div', 'li', 'a href=x', 'q', 'table'])}>"
                                                      f"{_words(r, _lang(r), r.randint(0, 4))} ")


def html_links(rng: random.Random, size: int) -> str:
    """A page of links (10,000 at 8 x 64 KB), a short article at the end."""
    links = "".join(f"<a href='https://example.org/{i}/{rng.randint(0, 10 ** 6)}'>{_words(rng, _lang(rng), 2)}</a> "
                    for i in range(size // 60))
    return (f"<html><head><title>T</title></head><body><nav>{links}</nav><article><p>"
            + "Солдаты жалуются на нехватку снарядов, сказал командир. " * 20 + "</p></article></body></html>")


def html_quotes(rng: random.Random, size: int) -> str:
    return "<html><body>" + _fill(rng, size, lambda r: f"<p><q>{unbalanced_quotes(r, r.randint(10, 200))}</q> "
                                                      f"{r.choice(SPEECH[_lang(r)])}</p>\n") + "</body></html>"


def _tg_text(rng: random.Random, k: int) -> Any:
    """The ``text`` of a Telegram message: a string, or a list of strings and entity objects of odd shapes."""
    if rng.random() < 0.2:
        return _words(rng, rng.choice(("ru", "uk")), k)
    out: list[Any] = []
    for _ in range(k):
        c = rng.random()
        w = rng.choice(WORDS[rng.choice(("ru", "uk"))]) + " "
        if c < 0.3:
            out.append(w)
        elif c < 0.5:
            out.append({"type": rng.choice(["bold", "italic", "link", "hashtag", "mention", "text_link", "blockquote",
                                            "spoiler", "custom_emoji", "pre", "code", "weird"]), "text": w,
                        **({"href": "https://t.me/x"} if rng.random() < 0.3 else {})})
        elif c < 0.6:
            out.append({"type": "bold", "text": [w, {"type": "italic", "text": w}]})  # nested: not the format
        elif c < 0.7:
            out.append({"type": "link"})  # no text
        elif c < 0.75:
            out.append({"text": None})
        elif c < 0.8:
            out.append(rng.choice([None, 7, 1.5, True, [], {}, [w]]))
        elif c < 0.9:
            out.append({"type": "text_link", "text": "«" + w, "href": None})
        else:
            out.append("\u0000" + w + "\ud800")
    return out


def telegram_export(rng: random.Random, size: int) -> str:
    msgs = []
    n = 0
    i = 0
    while n < size:
        i += 1
        m: dict[str, Any] = {"id": i, "type": rng.choice(["message"] * 8 + ["service", "odd"]),
                             "date": rng.choice(["2022-03-03T10:00:00", "", "x", None, 5]),
                             "from": rng.choice(["Канал", None, 3, ""]), "text": _tg_text(rng, rng.randint(0, 12))}
        if rng.random() < 0.2:
            m["grouped_id"] = rng.randint(1, 3)
        if rng.random() < 0.1:
            m["text_entities"] = [{"type": "plain", "text": "x"}] * rng.randint(0, 5)
        if rng.random() < 0.1:
            m["forwarded_from"] = rng.choice([None, "ЗСУ", 12])
        msgs.append(m)
        n += len(json.dumps(m, ensure_ascii=False))
    return json.dumps({"name": "c", "type": "public_channel", "id": 1, "messages": msgs}, ensure_ascii=False)


def telegram_one_long_message(rng: random.Random, size: int) -> str:
    return json.dumps({"name": "c", "type": "public_channel", "id": 1, "messages": [
        {"id": 1, "type": "message", "date": "2022-03-03T10:00:00", "from": "c",
         "text": [{"type": rng.choice(["bold", "link", "hashtag"]), "text": "«"} if k % 2 else "— сказал "
                  for k in range(size // 12)]}]}, ensure_ascii=False)


def srt_file(rng: random.Random, size: int) -> str:
    lang = _lang(rng)
    return "".join(f"{i}\n00:00:{i % 60:02d},000 --> 00:00:{i % 60:02d},500\n{rng.choice(NAMES[lang])}: "
                   f"{_words(rng, lang, 6)}\n\n" for i in range(1, max(2, size // 60)))


FILES: dict[str, tuple[str, Gen]] = {
    "deep HTML nesting": (".html", html_nesting), "unclosed HTML": (".html", html_unclosed),
    "page of links": (".html", html_links), "HTML of quotes": (".html", html_quotes),
    "markdown nesting file": (".md", markdown_nesting), "Telegram export, odd entities": (".json", telegram_export),
    "Telegram one long message": (".json", telegram_one_long_message), "subtitles with Name: lines": (".srt", srt_file),
}


def jsonl_escapes(rng: random.Random, size: int) -> str:
    """One JSONL record whose text holds NUL, lone surrogates and other escapes among quotes."""
    def piece(r: random.Random) -> str:
        return r.choice(["\u0000", "\ud800", "\udfff", "\ud83d", "\\", "\"", "«", "»", "\n", "\t", "\u2028"]) + (
            r.choice(WORDS[_lang(r)]) + " " if r.random() < 0.7 else "")
    text = _fill(rng, size, piece)
    return json.dumps({"id": "x", "text": text, "title": "\ud800\u0000", "date": "2022-03-03"}, ensure_ascii=True)


def jsonl_controls(rng: random.Random, size: int) -> str:
    """The same without lone surrogates (which are refused as ``bad_unicode``): NUL, controls, escaped pairs."""
    def piece(r: random.Random) -> str:
        return r.choice(["\u0000", "\u0001", "\u001b", "\U0001F600", "\\", "\"", "«", "»", "\n", "\r", "\u2028",
                         "\u0085", "\x7f"]) + (r.choice(WORDS[_lang(r)]) + " " if r.random() < 0.7 else "")
    return json.dumps({"id": 1, "text": _fill(rng, size, piece), "title": "\u0000", "date": "2022-03-03"},
                      ensure_ascii=rng.random() < 0.5)


JSONL: dict[str, Gen] = {"JSONL with NUL and lone surrogates": jsonl_escapes, "JSONL with NUL and controls": jsonl_controls}


# -- running ----------------------------------------------------------------------------------------------------------

class Hang(BaseException):
    pass


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    def expire(_s: int, _f: Any) -> None:
        raise Hang(f"still running after {seconds:.0f} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@dataclass
class Run:
    times: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    #: the codes of inputs the cleaner refused (a page too complex to parse, furniture only): answers, not crashes
    rejected: list[str] = field(default_factory=list)
    peak: int = 0
    total: float = 0.0


PIPE = default_pipeline()
#: read once before any timing, so that the lazy loads (lexicons, patterns, the gazetteer) weigh on no size
WARM_UP = ["“We have no shells,” a Russian soldier told reporters in Bakhmut on March 3, 2022.",
           "«У нас нет снарядов», — сказал российский солдат под Бахмутом 3 марта 2022 года. Солдаты отказались воевать.",
           "«У нас немає снарядів», — сказав український боєць під Бахмутом 3 березня 2022 року. Бійці втомлені."]


def _stages(raw: RawInput, run: Run) -> None:
    t0 = time.perf_counter()
    try:
        doc = to_document(raw)
    except RejectedInput as e:
        run.times["clean"] = run.times.get("clean", 0.0) + time.perf_counter() - t0
        run.rejected.append(str(getattr(e, "code", "rejected")))
        return
    run.times["clean"] = run.times.get("clean", 0.0) + time.perf_counter() - t0
    for st in PIPE.stages:
        t0 = time.perf_counter()
        try:
            st.func(doc, PIPE.configs[st.name])
        except Exception as e:  # a crash: recorded, the next stages would only fail on the missing attribute
            run.errors.append(f"{st.name}: {type(e).__name__}: {str(e)[:200]} "
                              f"at {traceback.extract_tb(e.__traceback__)[-1].filename.rsplit('/', 2)[-1]}:"
                              f"{traceback.extract_tb(e.__traceback__)[-1].lineno}")
            return
        finally:
            run.times[st.name] = run.times.get(st.name, 0.0) + time.perf_counter() - t0
        doc.done.update(st.provides)


def run_text(text: str, run: Run) -> None:
    _stages(RawInput("-", format="txt", text=text, meta={}), run)


def run_file(ext: str, text: str, run: Run) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{ext}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        t0 = time.perf_counter()
        raws = list(_read_each([str(path)], 50_000_000))
        run.times["read"] = time.perf_counter() - t0
        for raw in raws:
            if raw.error is None:
                _stages(raw, run)
            elif raw.error[0] == "stage_failed":
                run.errors.append(f"read: {raw.error}")


def run_jsonl(line: str, run: Run) -> None:
    """The line as ``extract`` reads it (a crash is an error outcome), then its text through the timed stages."""
    t0 = time.perf_counter()
    out = extract_line(line.encode())
    run.times["extract_line"] = time.perf_counter() - t0
    err = out.get("error")
    if err and err.get("code") in ("stage_failed", "timeout"):
        run.errors.append(f"extract_line: {err}")
    obj, bad = parse_jsonl_line(line.encode(), 0)
    if obj is not None and not bad:
        _stages(RawInput("-", "line 0", "jsonl", text=obj["text"], meta={}), run)


def run_any(kind: str, text: str, run: Run) -> None:
    if kind == "text":
        run_text(text, run)
    elif kind == "jsonl":
        run_jsonl(text, run)
    else:
        run_file(kind, text, run)


def _measure(what: Callable[[Run], None], limit: float, memory: bool) -> Run:
    run = Run()
    if memory:
        tracemalloc.start()
    t0 = time.perf_counter()
    try:
        with deadline(limit):
            what(run)
    except Hang as e:
        run.errors.append(f"hang: {e}")
    except Exception as e:
        run.errors.append(f"crash outside a stage: {type(e).__name__}: {str(e)[:200]}")
    run.total = time.perf_counter() - t0
    if memory:
        run.peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return run


def cases() -> dict[str, tuple[str, Gen]]:
    out: dict[str, tuple[str, Gen]] = {name: ("text", g) for name, g in TEXTS.items()}
    out.update({name: (ext, g) for name, (ext, g) in FILES.items()})
    out.update({name: ("jsonl", g) for name, g in JSONL.items()})
    return out


def fuzz(name: str, kind: str, gen: Gen, size: int, seed: int, args: argparse.Namespace) -> dict[str, Any]:
    sizes = [size, 2 * size, 4 * size, 8 * size]
    rows: list[dict[str, Any]] = []
    _measure(lambda run: run_any(kind, gen(random.Random(seed), 1024), run), args.deadline, memory=False)  # warm-up
    for n in sizes:
        text = gen(random.Random(f"{seed}:{name}"), n)

        def what(run: Run, text: str = text) -> None:
            run_any(kind, text, run)
        run = _measure(what, args.deadline, memory=False)
        peak = _measure(what, args.deadline * 4, memory=True).peak if not run.errors and n in (sizes[0], sizes[-1]) else 0
        rows.append({"size": n, "chars": len(text), "total": round(run.total, 4),
                     "stages": {k: round(v, 4) for k, v in run.times.items()}, "peak_mb": round(peak / 2 ** 20, 2),
                     "errors": run.errors, "rejected": sorted(set(run.rejected))})
        if run.errors or run.total > args.deadline / 2:
            break  # a crash, a hang, or the next size would be one
    flags: list[str] = []
    for r in rows:
        flags += [f"{r['size']}: {e}" for e in r["errors"]]
    first, last = rows[0], rows[-1]
    if len(rows) == len(sizes):
        for st, t_last in last["stages"].items():
            t_first = max(first["stages"].get(st, 0.0), 1e-4)
            if t_last > args.floor and t_last / t_first > args.ratio:
                flags.append(f"{st}: {t_first:.3f} s -> {t_last:.3f} s for 8x the input ({t_last / t_first:.0f}x)")
        if first["peak_mb"] and last["peak_mb"] > 4 and last["peak_mb"] / first["peak_mb"] > args.ratio:
            flags.append(f"memory: {first['peak_mb']} MB -> {last['peak_mb']} MB for 8x the input")
    return {"name": name, "kind": kind, "rows": rows, "flags": flags}


def _exponent(rows: list[dict[str, Any]]) -> float:
    pts = [(math.log(r["size"]), math.log(max(r["total"], 1e-4))) for r in rows]
    if len(pts) < 2:
        return float("nan")
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    return sum((x - mx) * (y - my) for x, y in pts) / max(sum((x - mx) ** 2 for x, _ in pts), 1e-9)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--size", type=int, default=16 * 1024, help="n, in characters (then 2n, 4n, 8n)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--only", action="append", default=[], help="a generator's name (or part of it); repeatable")
    p.add_argument("--ratio", type=float, default=16.0, help="flag growth from n to 8n beyond this (linear is 8)")
    p.add_argument("--floor", type=float, default=0.3, help="seconds at 8n below which no growth is flagged")
    p.add_argument("--deadline", type=float, default=60.0, help="seconds one document may take: more is a hang")
    p.add_argument("--budget", type=float, default=3600.0, help="seconds for the whole run (the rest is skipped)")
    p.add_argument("--json", help="write every measurement here")
    p.add_argument("--list", action="store_true", help="list the generators")
    args = p.parse_args(argv)
    todo = cases()
    if args.list:
        for name, (kind, _) in todo.items():
            print(f"{kind:6} {name}")
        return 0
    if args.only:
        todo = {k: v for k, v in todo.items() if any(o.lower() in k.lower() for o in args.only)}
    for text in WARM_UP:
        run_text(text, Run())
    start = time.perf_counter()
    results = []
    for name, (kind, gen) in todo.items():
        if time.perf_counter() - start > args.budget:
            print(f"(budget spent: {name} and the rest skipped)")
            break
        res = fuzz(name, kind, gen, args.size, args.seed, args)
        results.append(res)
        times = " ".join(f"{r['total']:.2f}" for r in res["rows"])
        slowest = max(res["rows"][-1]["stages"].items(), key=lambda kv: kv[1], default=("-", 0.0))
        peaks = [r["peak_mb"] for r in res["rows"] if r["peak_mb"]]
        print(f"{'FLAG' if res['flags'] else 'ok  '} {name:34} {kind:6} s: {times:28} exp {_exponent(res['rows']):4.2f} "
              f"slowest {slowest[0]} {slowest[1]:.2f}s peak MB {peaks}"
              f"{' rejected ' + ','.join(res['rows'][-1]['rejected']) if res['rows'][-1]['rejected'] else ''}", flush=True)
        for f in res["flags"]:
            print(f"     {f}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    flagged = [r["name"] for r in results if r["flags"]]
    print(f"{len(results)} generators, {len(flagged)} flagged{': ' + ', '.join(flagged) if flagged else ''}")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
