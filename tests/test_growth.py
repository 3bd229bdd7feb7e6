"""Whole-pipeline growth (issue 14, "Hangs"): four times the text never takes sixteen times the time.

``test_linear_time`` proves the pipeline's patterns linear one by one; what it cannot see is per-item work that
rescans a whole sentence, paragraph or document for each cue, quote or name (each item linear, their product
quadratic). Those paths were found, one per session, by a user's odd input: a list of cues with no full stop (8 KB
of "soldiers refused to fight" took 20 s, 100 KB would have taken hours), a run of titles read as one name. Here the
whole pipeline reads documents made of one repeated unit, of many shapes (words, names, titles, cues of both
languages, quotes, transcript lines, markup, punctuation, Unicode oddities), and of seeded mixtures of those units,
at two sizes, and files of the input formats (pages, markdown, text, subtitles, a Telegram export) likewise; the
larger may take about four times as long as the smaller, a quadratic path takes sixteen. Timing on
a shared machine is noisy, so a unit that grows too fast is measured once more and the faster of the two runs of
each size counts; a deadline turns a hang into a failure.
"""

from __future__ import annotations

import contextlib
import json
import random
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moralewatch.api import _read_each, analyze_text
from moralewatch.clean import to_document
from moralewatch.clean.document import RejectedInput
from moralewatch.clean.transcript import Cue, Turn, _LinesOf
from moralewatch.entities.dates import _NAMED_YEAR, _Frames
from moralewatch.layers.sentences import capped
from moralewatch.stages import default_pipeline

KB = 1024
SMALL = 32 * KB
#: how much longer the larger document may take: 4x is linear; 16x is quadratic; the slack absorbs noise
GROWTH = 7.0
SLACK = 0.5
#: a document that takes this long at the larger size is a hang, whatever the ratio
DEADLINE = 90

UNITS = {
    "words": "word ", "capitalised words": "Word ", "digit groups": "12,345 ", "ellipses": "wait... ",
    "straight quotes": '"', "curly quotes": "“”", "nested quotes": "“‘", "open quote words": "“we ",
    "dashes": "— ", "hyphen chain": "Ab-", "initials": "A. ", "titled names": "Mr. Smith ",
    "titles": "Colonel General ", "names said": "said John Smith, ", "according to": "according to ",
    "told that": "told reporters that ", "question lines": "Q: ", "speaker labels": "SMITH: ",
    "blank lines": "word\n\n", "zero-width": "w\u200b", "combining marks": "e\u0301", "emoji": "😀 ",
    "brackets": "(a) [b] ", "markdown links": "[a](http://x.y/z) ", "urls": "http://example.com/a/b ",
    "hashtags": "#war @user ", "markup": "<p>&amp; ", "bullets": "* 1. ", "dates": "March 3, 2022 ",
    "distances": "5 km west of Bakhmut ", "side words": "Russian Ukrainian ", "units": "the 93rd Brigade ",
    "cues": "soldiers refused to fight ", "cues with a side": "Russian soldiers refused to fight ",
    "cues with the other side": "Ukrainian troops are exhausted and ", "both sides": "both sides suffered heavy losses ",
    "hedged cues": "reportedly soldiers deserted ", "quoted cues": "“we have no shells,” a soldier said, ",
    "sentences": "The troops said they were tired. ", "quote sentences": "“We are tired,” he said. ",
    "awards": "awarded the Order of Courage to soldiers ", "organisations": "the Ministry of Defence of Russia ",
    "russian words": "слово ", "russian capitals": "СЛОВО ", "russian cues": "российские солдаты отказались воевать ",
    "ukrainian cues": "бійці втомлені, немає снарядів ", "russian quotes": "«Мы устали», — сказал боец. ",
    "russian speech verbs": "заявил, что ", "russian attribution": "по словам ", "russian labels": "Иванов: ",
    "russian counts": "двухсотые и трёхсотые ", "russian dates": "3 марта 2022 ", "mixed scripts": "aж ",
    # session 15 (scripts/fuzz_pipeline.py): marks and verbs in one sentence without a stop
    "russian marks and verbs without a stop": "командир заявил «Ахмат» что нет снарядов Иванов рассказал ",
}


def _repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _mixture(seed: int, size: int) -> str:
    """A seeded mixture of the units, a few words of each in turn, with a sentence end or a paragraph break now and
    then: shapes no single unit has (a cue after a name after a quote ...)."""
    rng = random.Random(seed)
    units = list(UNITS.values())
    parts: list[str] = []
    n = 0
    while n < size:
        part = rng.choice(units) * rng.randint(1, 4) + rng.choice(["", "", "", ". ", "\n\n"])
        parts.append(part)
        n += len(part)
    return "".join(parts)[:size]


def _callsigns(size: int) -> str:
    """Session 15 (scripts/fuzz_pipeline.py): a post of «"…" - "X".» lines of ever new callsigns, a third described
    as soldiers: what the document says of each callsign was read from the whole document once per callsign."""
    return "".join(f'"Ш{k}", боец.\n"Да, да, да" - "Ш{k}".\n' if k % 3 == 0 else f'"Нет, нет, нет" - "Г{k}".\n'
                   for k in range(size // 20))[:size]


DOCUMENTS = {**{name: (lambda size, u=unit: _repeated(u, size)) for name, unit in UNITS.items()},
             **{f"mixture {seed}": (lambda size, s=seed: _mixture(s, size)) for seed in (1, 2, 3)},
             "distinct callsigns": _callsigns}


@contextmanager
def _deadline(seconds: int, what: str) -> Iterator[None]:
    def _fail(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"the pipeline did not finish {what} in {seconds} s")

    old = signal.signal(signal.SIGALRM, _fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _seconds(text: str, what: str) -> float:
    with _deadline(DEADLINE, what):
        t0 = time.perf_counter()
        try:
            analyze_text(text)
        except RejectedInput:
            pass  # a document of furniture only is rejected, which is an answer too
        return time.perf_counter() - t0


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_four_times_the_text_takes_about_four_times_as_long(name: str) -> None:
    make = DOCUMENTS[name]
    small, big = make(SMALL), make(4 * SMALL)
    assert len(big) == 4 * len(small)
    t_small, t_big = _seconds(small, f"{SMALL // KB} KB of {name}"), _seconds(big, f"{4 * SMALL // KB} KB of {name}")
    if t_big >= GROWTH * t_small + SLACK:  # noise, or a real quadratic path: measure once more
        t_small = min(t_small, _seconds(small, f"{SMALL // KB} KB of {name}"))
        t_big = min(t_big, _seconds(big, f"{4 * SMALL // KB} KB of {name}"))
    assert t_big < GROWTH * t_small + SLACK, (
        f"{name}: {4 * SMALL // KB} KB took {t_big:.2f} s, {SMALL // KB} KB {t_small:.2f} s: more than linear growth")


def test_the_mixtures_hold_every_kind_of_unit() -> None:
    """The mixtures are what the test means: many units, sentence ends and paragraph breaks among them."""
    text = _mixture(1, 4 * SMALL)
    assert sum(unit in text for unit in UNITS.values()) > len(UNITS) // 2
    assert "\n\n" in text and ". " in text
    assert _mixture(1, SMALL) == _mixture(1, SMALL) != _mixture(2, SMALL)


# -- the pieces a long sentence is judged in ----------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \n.", max_size=400), st.integers(4, 60))
def test_capped_pieces_cover_the_sentence_and_stay_under_the_limit(text: str, limit: int) -> None:
    spans = [(0, len(text))] if text else []
    pieces = capped(text, spans, limit)
    assert all(e - s <= limit for s, e in pieces)
    assert all(s < e for s, e in pieces)
    if text:  # pieces follow each other; what lies between two pieces, or after the last, is blank
        assert pieces[0][0] == 0 and not text[pieces[-1][1]:].strip()
        assert all(not text[a_end:b_start].strip() for (_, a_end), (b_start, _) in zip(pieces, pieces[1:]))


def test_capped_cuts_at_a_line_break_before_a_blank_and_keeps_short_sentences() -> None:
    text = "one two three\nfour five six seven"
    assert capped(text, [(0, len(text))], 40) == [(0, len(text))]
    first = capped(text, [(0, len(text))], 20)[0]
    assert text[first[0]:first[1]] == "one two three"


# -- the date finder's look-backs answer as the scans they replaced --------------------------------------------------

_DATE_PIECES = st.lists(st.sampled_from(["In ", "2022", "2019", ", ", ". ", "\n", "back in ", "in the spring of ", "x",
                                         "March 3", " ", "By ", "early "]), max_size=40).map("".join)


def _named_year_by_scan(text: str, lo: int, hi: int) -> int | None:
    found = None
    for y in _NAMED_YEAR.finditer(text, lo, hi):
        found = int(y.group(1))
    return found


@settings(max_examples=300, deadline=None)
@given(_DATE_PIECES, st.data())
def test_date_frames_answer_as_the_scans_they_replace(text: str, data: st.DataObject) -> None:
    frames = _Frames(text)
    for pos in {0, len(text), data.draw(st.integers(0, len(text)))}:
        assert frames.paragraph_start(pos) == text.rfind("\n", 0, pos) + 1
        assert frames.sentence_start(pos) == max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
        if pos == len(text) or not text[pos - 1:pos + 1].isalnum():  # a date mention never glues to a year
            assert frames.named_year(pos) == _named_year_by_scan(text, text.rfind("\n", 0, pos) + 1, pos)


# -- a subtitle turn's "which cues hold this line" answers as the scan it replaced ----------------------------------

_LINES = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=8), st.integers(0, 70))
def test_lines_of_a_turn_answer_as_the_scan_they_replace(cue_lines: list[list[tuple[int, int]]], a: int) -> None:
    cues = [Cue(None, None, None, [(s, s + n) for s, n in lines]) for lines in cue_lines]
    turn = Turn(cues=list(range(len(cues)))[::-1])  # a turn's order need not be the cues' order
    by_scan = [ci for ci in turn.cues if any(ls <= a < le for ls, le in cues[ci].lines)]
    assert _LinesOf(turn, cues).cues_at(a) == by_scan


# -- the same for the input formats: a page, a subtitle file, a Telegram export ---------------------------------------


PIPELINE = default_pipeline()


def _html(body: str) -> str:
    return f"<html><head><title>T</title></head><body>{body}</body></html>"


def _srt(size: int) -> str:
    return "".join(f"{i}\n00:00:{i % 60:02d},000 --> 00:00:{i % 60:02d},500\nWe have no shells.\n\n"
                   for i in range(1, size // 50))


def _telegram(size: int) -> str:
    return json.dumps({"name": "c", "type": "public_channel", "id": 1, "messages": [
        {"id": i, "type": "message", "date": "2022-03-03T10:00:00", "from": "x",
         "text": ["Солдаты устали ", {"type": "hashtag", "text": "#war"}]} for i in range(size // 100)]})


FILES = {
    "page of paragraphs": (".html", lambda n: _html(_repeated("<p>Soldiers said they were tired.</p>", n))),
    "page of <time> elements": (".html", lambda n: _html(_repeated("<time datetime='2022-03-03'>March 3</time> ", n))),
    "page of menu links": (".html", lambda n: _html("<ul>" + _repeated("<li><a href='/a'>Menu item</a></li>", n)
                                                    + "</ul><p>" + "Body text here. " * 50 + "</p>")),
    "markdown of headings": (".md", lambda n: _repeated("# Heading\n\nSoldiers said they were tired.\n\n", n)),
    "text of short lines": (".txt", lambda n: _repeated("Soldiers are tired.\n", n)),
    "subtitles of one speaker": (".srt", _srt),
    "web subtitles": (".vtt", lambda n: "WEBVTT\n\n" + "".join(
        f"00:00:{i % 60:02d}.000 --> 00:00:{i % 60:02d}.500\n<v Soldier>We have no shells.\n\n" for i in range(1, n // 50))),
    "telegram export": (".json", _telegram),
}


def _file_seconds(path: Path, what: str) -> float:
    with _deadline(DEADLINE, what):
        t0 = time.perf_counter()
        for raw in _read_each([str(path)], 50_000_000):
            if raw.error is None:
                with contextlib.suppress(RejectedInput):
                    PIPELINE.run(to_document(raw))
        return time.perf_counter() - t0


@pytest.mark.parametrize("name", sorted(FILES))
def test_four_times_the_file_takes_about_four_times_as_long(name: str, tmp_path: Path) -> None:
    ext, make = FILES[name]
    small, big = tmp_path / f"small{ext}", tmp_path / f"big{ext}"
    small.write_text(make(48 * KB), encoding="utf-8")
    big.write_text(make(192 * KB), encoding="utf-8")
    t_small, t_big = _file_seconds(small, f"a small {name}"), _file_seconds(big, f"a large {name}")
    if t_big >= GROWTH * t_small + SLACK:
        t_small = min(t_small, _file_seconds(small, f"a small {name}"))
        t_big = min(t_big, _file_seconds(big, f"a large {name}"))
    assert t_big < GROWTH * t_small + SLACK, (
        f"{name}: the larger file took {t_big:.2f} s, the smaller {t_small:.2f} s: more than linear growth")
