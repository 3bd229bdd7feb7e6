"""Worst-case text (session 12): the super-linear paths bench/complexity.py found stay fixed, with the same answers.

No timing here (speed comes from the bench): each fix is held by a count of its own work that a quadratic path would
multiply, and by its answer on the adversarial text being the answer of the old, exhaustive reading.

- entities.v2: a paragraph that names the same places again and again weighed each ambiguous mention against every
  other mention of the paragraph (40 KB of "Bakhmut, Avdiivka, ..." took 8.6 s; 0.12 s now): the distances are
  taken once per point of the paragraph (``context._Anchors.others``).
- quotes.v2: the speaker's noun phrase before each cue was read by tokenising the whole sentence up to the cue
  (``speaker_phrases._head_phrase``): now the last 48 space-separated chunks first, the whole only when the
  phrase's boundary lies further back.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moralewatch import regex_trie
from moralewatch.api import analyze_text, to_extract
from moralewatch.entities import context, context_ruuk
from moralewatch.entities.gazetteer import Place
from moralewatch.lexicons import lines
from moralewatch.quotes import clauses, reader, speaker_phrases
from moralewatch.quotes_ruuk import finder as ruuk_finder

PLACES = "Fighting went on near Bakhmut, Pavlivka, Kharkiv, Avdiivka, Kupiansk, "


def _km_calls(monkeypatch: pytest.MonkeyPatch, text: str) -> tuple[int, list[tuple[Any, ...]]]:
    calls = [0]
    km = context._km

    def counting(a: Any, b: Any) -> float:
        calls[0] += 1
        return km(a, b)

    monkeypatch.setattr(context, "_km", counting)
    doc = analyze_text(text)
    places = [(e.start, e.end, e.name, e.geonameid, e.admin1, e.candidates, e.confidence, e.rule)
              for e in doc.entities if e.type == "place"]
    return calls[0], places


def test_a_place_named_a_thousand_times_costs_distances_in_proportion(monkeypatch: pytest.MonkeyPatch) -> None:
    small, places_small = _km_calls(monkeypatch, PLACES * 100 + "end.")
    big, places_big = _km_calls(monkeypatch, PLACES * 200 + "end.")
    ambiguous = [p for p in places_big if p[7] in ("place.context", "place.unresolved")]
    assert len(ambiguous) == 200  # every "Avdiivka" was weighed in context
    assert len(places_big) == 2 * len(places_small)
    # linear: twice the text, about twice the distances (each mention against every other was 4x: 120,900 -> 481,800)
    assert big <= 2.1 * small
    assert big < 10 * len(places_big)


def test_the_distinct_anchors_answer_as_every_anchor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The old reading (every other anchor of the paragraph, repeated points included) gives the same entities, on
    repeated places and on paragraphs of a few places each."""
    text = (PLACES * 30 + "end.\n\n" + "Shelling hit Pavlivka and Kurakhove near Donetsk, and Avdiivka again.\n\n"
            + "Troops left Kupiansk. Avdiivka, Pavlivka, Kharkiv and Bakhmut were shelled, and Avdiivka too.\n")
    _, fast = _km_calls(monkeypatch, text)

    def every_anchor(self: context._Anchors, para: int, ent: Any) -> _EveryOwn:
        return _EveryOwn([a for a in self.by_para.get(para, []) if a is not ent])

    monkeypatch.setattr(context._Anchors, "own", every_anchor)
    _, slow = _km_calls(monkeypatch, text)
    assert fast == slow
    assert any(p[7] in ("place.context", "place.unresolved") for p in fast)


class _EveryOwn:
    """What _decide read before the band of latitude: the max and min over every anchor of a list."""

    def __init__(self, anchors: list[Any]) -> None:
        self.anchors = anchors
        self.count = len(anchors)

    def __bool__(self) -> bool:
        return bool(self.anchors)

    def nearest_km(self, p: Any) -> float:
        return min((context._km(p, a) for a in self.anchors), default=math.inf)

    def closeness(self, p: Any) -> float:
        return max(math.exp(-context._km(p, a) / context._SCALE) for a in self.anchors)


def _near_share_every(self: context._Anchors, pl: Any, ent: Any) -> float:
    """What near_share did before the band of latitude: every place of the document."""
    near = total = 0
    for (_, text), (a, n) in self.places.items():
        if text == ent.text:
            continue
        total += n
        if context._km(pl, a) <= 100.0:
            near += n
    return near / total if total else 0.0


def _exhaustive_places(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(context._Anchors, "own", lambda self, para, ent: _EveryOwn(self.others(para, ent)))
    monkeypatch.setattr(context._Anchors, "near_share", _near_share_every)


def _distinct_places(n: int) -> str:
    return "Fighting near " + ", ".join(_TOWN_NAMES[:n]) + "."


def _read_towns() -> list[str]:
    path = Path(context.__file__).resolve().parents[1] / "data" / "gazetteer" / "places.tsv"
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = line.split("\t")
            if len(row) > 3 and row[2] == "city" and row[3] == "UA" and row[1].isalpha():
                out.append(row[1])
    return out


_TOWN_NAMES = _read_towns()
#: paragraphs of many distinct places, some ambiguous, with oblasts and relations, several paragraphs, and anchors
#: whose coordinates the resolver sets (a single reading in another oblast than the one named: left unresolved)
PLACE_TEXTS = (
    _distinct_places(600),
    _distinct_places(300) + "\n\n" + _distinct_places(150) + " Pavlivka, Donetsk region, was shelled.\n\n"
    + "Troops left Kupiansk. Avdiivka, Pavlivka, Kharkiv and Bakhmut were shelled, and Avdiivka too.\n",
    "Shelling hit Pavlivka and Kurakhove near Donetsk, and Avdiivka again. Bakhmut, Luhansk region, and Pavlivka, "
    "Zaporizhzhia region, and Mykolaivka 12 km west of Orikhiv.\n\nKharkiv, Kyiv region, and Ivanivka, Kherson "
    "region, and Ivanivka, Pavlivka.",
    "Бои идут у Павловки, Ивановки, Бахмута и Авдеевки. Под Купянском, в Донецкой области, Николаевка и Павлівка.",
)


@pytest.mark.parametrize("text", PLACE_TEXTS, ids=lambda t: t[:30])
def test_the_band_of_latitude_answers_as_every_anchor(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    _, fast = _km_calls(monkeypatch, text)
    _exhaustive_places(monkeypatch)
    _, slow = _km_calls(monkeypatch, text)
    assert fast == slow
    assert any(p[7] in ("place.context", "place.unresolved") for p in fast)


def test_distinct_places_take_the_distances_of_a_band_of_latitude(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each town named once: the nearest anchor of a reading and the document's places within 100 km of it are
    searched in a band of latitude, not among every anchor. Over the spread of Ukraine's towns the band holds a
    fraction of them (a constant factor, ~4x fewer distances at 500-2,000 towns; the growth is still above linear)."""
    fast, places = _km_calls(monkeypatch, _distinct_places(1000))
    _exhaustive_places(monkeypatch)
    every, places_every = _km_calls(monkeypatch, _distinct_places(1000))
    assert places == places_every and len(places) > 50
    assert fast < 0.35 * every, (fast, every)  # 4,840 of 19,154


def test_an_anchor_moved_after_the_band_is_built_is_read_where_it_is_now() -> None:
    """_take and unresolved set an anchor's coordinates after the bands were built (a single reading in another
    oblast than the one named is left unresolved), and the resolver says so (moved): the anchor is read where it is
    now, as every anchor was."""
    a = context.Entity("place", 0, 1, "A", lat=48.0, lon=37.0)
    b = context.Entity("place", 2, 3, "B", lat=50.0, lon=30.0)
    c = context.Entity("place", 4, 5, "C", lat=49.0, lon=36.0)
    anchors = context._Anchors()
    for e in (a, b, c):
        anchors.add(0, e)
    p = context.Entity("place", 6, 7, "P", lat=48.0, lon=37.1)
    assert anchors.own(0, p).nearest_km(p) == context._km(p, a)
    assert anchors.near_share(p, p) == _near_share_every(anchors, p, p) == 1 / 3  # a (7 km); c is 137 km off
    context._take(b, Place(7, "B2", "city", "UA", "x", 48.0, 37.15, 1), 0.9)  # b now stands next to p
    anchors.moved(b)
    assert anchors.own(0, p).nearest_km(p) == context._km(p, b) < context._km(p, a)
    assert anchors.near_share(p, p) == _near_share_every(anchors, p, p) == 2 / 3
    context.unresolved(a, [Place(8, "A", "city", "UA", "y", 48.0, 37.0, 1)], None, 0.0)  # no coordinates now
    anchors.moved(a)
    anchors.moved(c)  # not moved: read in the band still
    assert a.lat is None
    assert anchors.own(0, p).nearest_km(p) == context._km(p, b)
    assert anchors.own(0, p).closeness(p) == _EveryOwn(anchors.others(0, p)).closeness(p)
    assert anchors.near_share(p, p) == _near_share_every(anchors, p, p) == 1 / 3


def test_the_anchors_of_a_point_stand_for_it_unless_the_mention_is_alone_there() -> None:
    a, b, c = (context.Entity("place", 0, 1, "A", lat=1.0, lon=1.0), context.Entity("place", 2, 3, "A", lat=1.0, lon=1.0),
               context.Entity("place", 4, 5, "B", lat=2.0, lon=2.0))
    anchors = context._Anchors()
    for e in (a, b, c):
        anchors.add(0, e)
    assert anchors.others(0, a) == [b, c]  # another anchor stands at a's point
    assert anchors.others(0, b) == [a, c]
    assert anchors.others(0, c) == [a]  # c alone at its point: left out
    assert anchors.others(1, a) == []


# -- quotes.v2: the speaker phrase before a cue --------------------------------------------------------------------

def _scanned(monkeypatch: pytest.MonkeyPatch, text: str) -> tuple[int, dict[str, Any]]:
    """Characters of sentence the speaker phrases were tokenised in, and the extract output."""
    scanned = [0]
    inner = speaker_phrases._head_phrase_from

    def counting(text_: str, lo: int, seg: str, end: int, description: str, cut: int) -> Any:
        scanned[0] += len(seg) - cut
        return inner(text_, lo, seg, end, description, cut)

    monkeypatch.setattr(speaker_phrases, "_head_phrase_from", counting)
    out = to_extract(analyze_text(text), 0)
    return scanned[0], out


NAMES_SAID = "President Volodymyr Zelensky said "
ADVERSARIAL = {
    "titles and names said": NAMES_SAID * 300 + "it.",
    "one huge sentence": "The soldiers" + " walked and talked, and said" * 300 + ".",
    "dialogue dashes": "— We are tired, the soldier said.\n" * 200,
}
#: sentences whose speaker phrase reaches back past the first 48 chunks or takes the other paths: the fallback
EDGES = (
    "Officers " + "and soldiers of the brigade " * 30 + "said they had no shells.",
    "The men " + "from the village near the river " * 12 + ", many of whom had fought before, said the war was lost.",
    "Residents of Kharkiv " + "and of the towns around it " * 15 + "and Sumy said the shelling went on.",
    " ".join(["word"] * 60) + " and the soldiers said they were tired.",
    "Soldiers " + "of " * 70 + "the unit said it was over.",  # no boundary in the tail: read on
    " ".join(["word"] * 60) + " the soldiers who said the war was lost.",  # a relative pronoun: read on
    "Word " * 60 + "and Sumy said the shelling went on.",  # a left conjunct without a boundary in the tail: read on
)


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_speaker_phrases_read_a_bounded_tail_of_a_long_sentence(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    text = ADVERSARIAL[name]
    scanned, out = _scanned(monkeypatch, text)
    cues = text.count(" said")
    assert out["quotes"] and scanned > 0
    # a tail of at most 48 chunks per cue (a few hundred characters), not the sentence up to the cue (~10 KB)
    assert scanned < 600 * cues, (scanned, cues)


@pytest.mark.parametrize("text", [*ADVERSARIAL.values(), *EDGES], ids=lambda t: t[:30])
def test_the_tail_gives_the_answer_of_the_whole_sentence(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    fast = to_extract(analyze_text(text), 0)
    monkeypatch.setattr(speaker_phrases, "_TAIL_CHUNKS", 10 ** 9)  # no cut: the whole segment, as before
    slow = to_extract(analyze_text(text), 0)
    assert fast == slow


def test_the_tail_cut_is_a_space_with_the_chunks_after_it() -> None:
    seg = "a b  c d"
    assert speaker_phrases._tail_cut(seg, 2) == 4  # "  c d": the words after it are the segment's
    assert seg[speaker_phrases._tail_cut(seg, 3)] == " "
    assert speaker_phrases._tail_cut(seg, 10) == 0  # too short: the whole segment
    assert speaker_phrases._tail_cut("", 1) == 0


def test_the_edges_read_on_past_the_tail(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison above covers the fallback: some edges' phrases reach past the tail and are read whole."""
    further = [0]
    inner = speaker_phrases._head_phrase_from

    def counting(text_: str, lo: int, seg: str, end: int, description: str, cut: int) -> Any:
        try:
            return inner(text_, lo, seg, end, description, cut)
        except speaker_phrases._Further:
            further[0] += 1
            raise

    monkeypatch.setattr(speaker_phrases, "_head_phrase_from", counting)
    for text in EDGES:
        analyze_text(text)
    assert further[0] >= 2


# -- quotes.v2: where a reported clause ends -----------------------------------------------------------------------

def _first_stop_by_scan(masked: str, pos: int, end: int) -> tuple[int, int] | None:
    """What _clause_end did before: the scan of the rest of the sentence for each cue."""
    for stop in clauses._CLAUSE_STOP.finditer(masked, pos, end):
        if clauses._stop_counts(stop):
            return stop.span()
    return None


_CLAUSE_PIECES = st.lists(st.sampled_from(
    [", but ", ", while ", ", saying ", ", adding ", ", walking ", "; ", " and said ", " and walked ", "and told ",
     " and then accused ", " and also ", ",", " ", "  \n ", " " * 85, "and ", "word", "they", "x", "according to "]),
    max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(_CLAUSE_PIECES, st.lists(st.integers(-2, 400), min_size=1, max_size=8), st.integers(0, 400))
def test_the_stops_of_a_sentence_answer_as_the_scans_they_replace(masked: str, starts: list[int], cut: int) -> None:
    end = min(cut, len(masked))
    stops = clauses._Stops(masked, end)
    for pos in starts:  # any order: a later cue may start earlier (the known places are extended back)
        found = stops.first(pos)
        assert (found.span() if found else None) == _first_stop_by_scan(masked, pos, end), (masked, pos, end)


def test_a_sentence_of_many_cues_tries_the_stop_pattern_once_per_place(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = [0]
    pattern = clauses._CLAUSE_STOP

    class Counting:
        def match(self, *args: Any) -> Any:
            calls[0] += 1
            return pattern.match(*args)

    monkeypatch.setattr(clauses, "_CLAUSE_STOP", Counting())
    masked = "he said, and walked " * 500 + "."
    stops = clauses._Stops(masked, len(masked))
    for pos in range(0, len(masked), 20):
        stops.first(pos)
    assert calls[0] <= masked.count(",") + masked.count(" and") * 2  # each place tried once, not once per cue


# -- quotes.v2: the impersonal passive before a cue, and a clause of two words ------------------------------------

_IMPERSONAL_PIECES = st.lists(st.sampled_from(
    ["It ", "it ", "was ", "is ", "has ", "been ", "being ", "will ", "be ", "widely ", "reported ", "(It", "x",
     " ", "\n", "  ", "Bit ", "it\n", "said "]), max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(_IMPERSONAL_PIECES, st.integers(0, 30), st.integers(0, 200))
def test_the_impersonal_passive_is_found_as_by_the_search_it_replaces(masked: str, lo: int, end: int) -> None:
    lo, end = min(lo, len(masked)), min(end, len(masked))
    fast = reader._impersonal_before(masked, lo, end)
    slow = clauses._IMPERSONAL.search(masked, lo, end)
    assert (fast.span() if fast else None) == (slow.span() if slow else None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n\t.\u00a0", max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_two_words_answer_as_the_split_they_replace(text: str, start: int, end: int) -> None:
    assert bool(reader._TWO_WORDS.search(text, start, end)) == (len(text[start:end].split()) >= 2)


def test_a_long_sentence_is_not_searched_whole_for_each_cue(monkeypatch: pytest.MonkeyPatch) -> None:
    spans: list[int] = []
    pattern = reader._IMPERSONAL

    class Counting:
        def search(self, text: str, pos: int, endpos: int) -> Any:
            spans.append(endpos - pos)
            return pattern.search(text, pos, endpos)

    monkeypatch.setattr(reader, "_IMPERSONAL", Counting())
    analyze_text('" we ” said ‘ they ’ ' * 1000)
    assert spans and max(spans) < 200  # five words before each cue, not the sentence up to it (~20 KB)


# -- quotes.ruuk.v6: a Russian or Ukrainian sentence of many cues ------------------------------------------------

RUUK_ADVERSARIAL = {
    "one huge sentence (ru)": "Солдаты" + " шли и говорили, и сказали" * 300 + ".",
    "one huge sentence (uk)": "Солдати" + " йшли і говорили, і сказали" * 300 + ".",
    "paragraph without sentence ends": "солдаты шли по дороге и говорили о доме\n" * 200,
    "content first before each cue": "Солдаты" + " шли, сказали" * 300 + ".",
}
#: sentences where the bounded searches find something, or must read on: «об этом» with names, a far «, что»,
#: a bare «что» after the verb with a far «о том, что», a colon, content first
RUUK_EDGES = (
    "Солдаты устали и хотят домой, об этом сообщил командир роты Иван Петров.",
    "Солдаты устали. Об этом РИА Новости сообщили в штабе.",
    "Об этом      сообщил источник.",
    "Бойцы " + "шли и говорили, " * 20 + "— об этом пишет BBC.",
    "Командир сказал что " + "люди шли и шли " * 20 + "о том, что их бросили, говорили все.",
    "Командир сказал " + "людям и " * 30 + ", что их бросили.",
    "Командир заявил журналистам о том, что бригада отступила.",
    "Прокомментировал сообщения о том, что бригада отступила, Песков.",
    "Бригада отступила под Бахмутом, — сообщил командир батальона.",
    "Бригада отступила, сообщил источник, добавив, что потери большие.",
    "Командир сказал: солдаты устали и хотят домой.",
    "Командир сказал " + "очень " * 20 + ": солдаты устали и хотят домой.",
    "Командир роты пообещал вернуть солдат домой до зимы.",
    "Он попросил изменить форму, чтобы солдаты не мерзли.",
    "Солдати втомилися, про це повідомив командир Іван Петренко.",
    "Про це Зеленський сказав журналістам.",
    "Бойцы шли,сказали,сказали,сказали, об этом пишет ТАСС.",
    "Військові кажуть, що " + "бригада тримає позиції і " * 10 + "про те, що буде далі, говорить командир.",
)


def _ruuk_searched(monkeypatch: pytest.MonkeyPatch, text: str) -> tuple[int, dict[str, Any]]:
    """Characters the sentence searches of quotes.ruuk's rules stretched over, and the extract output."""
    searched = [0]

    class Counting:
        def __init__(self, pattern: Any) -> None:
            self.pattern = pattern

        def search(self, string: str, pos: int = 0, endpos: int = 10 ** 12) -> Any:
            searched[0] += min(endpos, len(string)) - pos
            return self.pattern.search(string, pos, endpos)

        def match(self, string: str, pos: int = 0, endpos: int = 10 ** 12) -> Any:
            return self.pattern.match(string, pos, endpos)

        def finditer(self, string: str, pos: int = 0, endpos: int = 10 ** 12) -> Any:
            return self.pattern.finditer(string, pos, endpos)

    for name in ("_ABOUT_THIS", "_ABOUT_THIS_NAMED", "_CONTENT_FIRST", "_COMPLEMENTIZER", "_COMPLEMENTIZER_V5",
                 "_ABOUT_THAT", "_GERUND_THAT_V6"):
        monkeypatch.setattr(ruuk_finder, name, Counting(getattr(ruuk_finder, name)))
    out = to_extract(analyze_text(text), 0)
    return searched[0], out


@pytest.mark.parametrize("name", sorted(RUUK_ADVERSARIAL))
def test_ruuk_cues_search_a_bounded_stretch_of_a_long_sentence(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    small, _ = _ruuk_searched(monkeypatch, RUUK_ADVERSARIAL[name])
    big, _ = _ruuk_searched(monkeypatch, RUUK_ADVERSARIAL[name].replace(".", "") * 2 + ".")
    text = RUUK_ADVERSARIAL[name]
    cues = text.count("говорили") + text.count("сказали")
    # linear: twice the text, about twice the characters searched (the sentence before and after each cue was ~4x)
    assert big <= 2.2 * small, (small, big)
    assert small < 80 * cues + 3 * len(text), (small, cues)  # was ~len(text) per cue


def _ruuk_exhaustive(monkeypatch: pytest.MonkeyPatch) -> None:
    """The old reading: each end-anchored pattern searched in the whole sentence before the cue, and the leftmost
    «, что» / «о том, что» searched in the whole rest of the sentence for each cue."""
    def search_end(self: ruuk_finder.Line, pattern: Any, s: int, e: int, most: int, runs: bool = False) -> Any:
        return pattern.search(self.m(s, e)), s

    def first_match(self: ruuk_finder.Line, pattern: Any, s: int, e: int) -> Any:
        return pattern.search(self.masked, s - self.lo, e - self.lo)

    monkeypatch.setattr(ruuk_finder.Line, "search_end", search_end)
    monkeypatch.setattr(ruuk_finder.Line, "first_match", first_match)


@pytest.mark.parametrize("text", [*RUUK_ADVERSARIAL.values(), *RUUK_EDGES], ids=lambda t: t[:30])
def test_ruuk_bounded_searches_answer_as_the_whole_sentence(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    fast = to_extract(analyze_text(text), 0)
    _ruuk_exhaustive(monkeypatch)
    slow = to_extract(analyze_text(text), 0)
    assert fast == slow


def test_ruuk_edges_find_quotes() -> None:
    """The edges above are not all empty: the comparison covers the paths that find something."""
    found = [t for t in RUUK_EDGES if to_extract(analyze_text(t), 0)["quotes"]]
    assert len(found) >= 8, found


_RUUK_PIECES = st.lists(st.sampled_from(
    ["об ", "этом ", "Об", "ЭТОМ", "о ", "чём ", "про ", "це ", "що ", ", ", ",", " — ", "—", " – ", " ", "   ",
     "\u00a0", "Иван ", "Петров ", "РИА ", "слово ", "х", "\n", "сказал"]), max_size=20).map("".join)


@settings(max_examples=500, deadline=None)
@given(_RUUK_PIECES, st.integers(0, 20), st.integers(0, 200), st.integers(0, 3))
def test_the_end_anchored_searches_answer_as_on_the_whole_slice(text: str, lo: int, cut: int, shift: int) -> None:
    """Line.search_end against ``pattern.search(line.m(s, e))`` for the three end-anchored patterns, on a line
    that does not start at the text's offset 0."""
    text = "ж" * shift + text
    line = ruuk_finder.Line(text, shift, len(text), False, False, lang="ru", revision=6)
    s, e = min(shift + lo, len(text)), min(shift + cut, len(text))
    s = min(s, e)
    for pattern, most, runs in ((ruuk_finder._ABOUT_THIS, ruuk_finder._ABOUT_THIS_MOST, False),
                                (ruuk_finder._ABOUT_THIS_NAMED, ruuk_finder._ABOUT_THIS_NAMED_RUNS, True),
                                (ruuk_finder._CONTENT_FIRST, ruuk_finder._CONTENT_FIRST_MOST, False)):
        m, base = line.search_end(pattern, s, e, most, runs)
        slow = pattern.search(line.m(s, e))
        fast = (m.start() + base - s, m.end() + base - s, m.groups()) if m else None
        assert fast == ((slow.start(), slow.end(), slow.groups()) if slow else None), (text, s, e, pattern)


_THAT_PIECES = st.lists(st.sampled_from(
    [", что ", ", что, ", ", чтобы ", " о том, что ", " про те, що ", " на то, как ", "сказал", " ", ", ", "что ",
     "и ", "слово ", "х", " " * 70, "сообщения "]), max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(_THAT_PIECES, st.lists(st.integers(0, 400), min_size=1, max_size=8))
def test_the_leftmost_that_from_each_cue_is_the_search_from_there(text: str, starts: list[int]) -> None:
    """Line.first_match for starts in increasing order (the cues of a sentence, each after a word) against the
    search it replaces."""
    text = "ж" + text
    line = ruuk_finder.Line(text, 0, len(text), False, False, lang="ru", revision=6)
    for s in sorted(min(x, len(text)) for x in starts):
        for pattern in (ruuk_finder._COMPLEMENTIZER_V5, ruuk_finder._ABOUT_THAT):
            fast = line.first_match(pattern, s, len(text))
            slow = pattern.search(line.masked, s, len(text))
            assert (fast.span() if fast else None) == (slow.span() if slow else None)


# -- quotes.ruuk: the speaker after a verb (session 13) ----------------------------------------------------------
#
# «…, об этом сказали» repeated in one sentence: each verb's speaker was read in the whole rest of the sentence
# (Line.after_verb sliced it, cut it at the first gerund, searched it for a meeting, a date, «со ссылкой на» and
# counted all its words): 40 KB took 8.8 s. Now the cuts are leftmost matches searched once per stretch, the trailing
# patterns read the last words only and the words are counted up to 13.

ABOUT_THIS = " шли, об этом сказали"


def _after_verb_sliced(self: ruuk_finder.Line, v_end: int, e: int) -> Any:
    """Line.after_verb as it was before session 13 (slices of the whole rest), the reference for its answers."""
    f = ruuk_finder
    seg = self.m(v_end, e)
    m = f._CUT_SPEAKER.search(seg)
    if m:
        seg = seg[:m.start()]
    m = f._CUT_SPEAKER_V6.search(seg) if self.revision >= 6 else None
    seg = seg[:m.start()] if m else seg
    for c in f._COMMA_WORD.finditer(seg):
        if f.gerund(c.group(1), self.lang):
            seg = seg[:c.start()]
            break
    a, b = v_end, v_end + len(seg)
    a, b = f._strip(self.text, a, b, " \t\u00a0,")
    hint = ""
    via: list[str] = []
    while True:
        rest = self.text[a:b]
        d = f._DATE.match(rest)
        ad = f._ADDRESSEE.match(rest)
        first = f._WORD.match(rest)
        if d:
            a += d.end()
        elif ad:
            hint = hint or ad.group().strip().lower()
            a += ad.end()
        elif first and first.group().lower() in f.lexicon().skip and f._words(rest) > 1:
            a += first.end()
            a, b = f._strip(self.text, a, b, " \t\u00a0,")
        else:
            break
    g = f._FROM.match(self.text[a:b]) or f._IN_SOURCE.match(self.text[a:b])
    if g and f._words(self.text[a + g.end():b]):
        a += g.end()
    t = f._TRAILING_WHERE.search(self.text[a:b])
    if t:
        hint = hint or t.group().strip().lower()
        b = a + t.start()
    met = f._WHERE_MET.search(self.text, a, b) if self.revision >= 6 else None
    if met and met.start() > a and f._CAPITAL.search(self.text, a, met.start()):
        b = met.start()
    when = f._TRAILING_DATE.search(self.text[a:b])
    if when and when.start() > 0:
        b = a + when.start()
    link = f._LINK_SOURCE.search(self.text[a:b])
    if link:
        via.append(self.text[a:a + link.start()].strip())
        a = a + link.end()
    else:
        outlet = f._outlet_prefix(self.text[a:b])
        if outlet and f._words(self.text[a + outlet:b]) >= 1:
            via.append(self.text[a:a + outlet].strip())
            a += outlet
            p = f._PREPOSITION.match(self.text[a:b].lstrip())
            a = f._strip(self.text, a, b, " ")[0]
            if p:
                a += p.end()
    if self.text[a:b].split() and self.text[a:b].split()[0].lower() in f.PRONOUNS:
        b = a + len(self.text[a:b].split()[0])
    if not f._WORD.search(self.text[a:b]) or f._words(self.text[a:b]) > self._longest(a, b):
        return None, hint, via
    return (a, b), hint, via


_AFTER_PIECES = st.lists(st.sampled_from(
    [" шли", ", об этом сказали", " сказали", " заявил", " журналистам", " изданию", " в интервью BBC", " 3 марта",
     " в июле 2022 года", " 12 мая 2022 г.", " в своем телеграм-канале", " в Telegram", " со ссылкой на", " з посиланням на",
     " РИА Новости", " New York Times", " из", " в сообщении", " на заседании", " во время встречи", " Совбеза",
     " Путин", " Песков", " он", " вони", " также", " при этом", ",", ", отмечая", ", что", ", в то время как", " —",
     ".", " (", " позывным «Рубин»", "  ", "\u00a0", "\t", " ", " Σίγμα", " İstanbul", " ж" * 7, " " * 70]),
    max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(_AFTER_PIECES, st.lists(st.integers(0, 600), min_size=1, max_size=6), st.integers(0, 600),
       st.sampled_from([4, 5, 6]), st.integers(0, 2))
def test_after_verb_answers_as_the_whole_rest(text: str, starts: list[int], end: int, revision: int,
                                             shift: int) -> None:
    """Line.after_verb against the old sliced reading, for verb ends in increasing order (the cues of a sentence)
    and one sentence end, on a line that does not start at the text's offset 0."""
    text = "ж" * shift + "Бойцы" + text
    line = ruuk_finder.Line(text, shift, len(text), False, False, lang="ru", revision=revision)
    e = min(shift + end, len(text))
    for v_end in sorted(min(shift + x, len(text)) for x in starts):
        assert line.after_verb(v_end, e) == _after_verb_sliced(line, v_end, e), (text, v_end, e)


@pytest.mark.parametrize("text", [
    "Бойцы" + ABOUT_THIS * 40 + ".",
    "Бойцы" + ABOUT_THIS * 20 + " журналистам Песков в своем телеграм-канале.",
    "Солдаты устали и хотят домой, об этом сообщил журналистам со ссылкой на штаб командир роты Иван Петров.",
    "Солдаты устали, об этом сказал в июле 2022 года New York Times представитель Пентагона.",
    "Солдаты устали, об этом заявил Владимир Путин на заседании Совбеза.",
    "Солдаты устали, об этом сообщил сапер 132-й бригады 51-й армии российских войск с позывным «Рубин».",
    "Солдаты устали, об этом сообщил он, отмечая, что потери большие.",
], ids=lambda t: t[:30])
def test_after_verb_on_the_document_answers_as_the_whole_rest(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    fast = to_extract(analyze_text(text), 0)
    monkeypatch.setattr(ruuk_finder.Line, "after_verb", _after_verb_sliced)
    assert to_extract(analyze_text(text), 0) == fast


def _after_verb_work(monkeypatch: pytest.MonkeyPatch, repeats: int) -> tuple[int, int]:
    """(characters given to _words, calls of gerund) while the quotes of one sentence of «…, об этом сказали» are
    found: the old reading gave each verb's whole rest to both."""
    chars, gerunds = [0], [0]
    words, gerund = ruuk_finder._words, ruuk_finder.gerund

    def counting_words(s: str) -> int:
        chars[0] += len(s)
        return words(s)

    def counting_gerund(w: str, lang: str) -> bool:
        gerunds[0] += 1
        return gerund(w, lang)

    monkeypatch.setattr(ruuk_finder, "_words", counting_words)
    monkeypatch.setattr(ruuk_finder, "gerund", counting_gerund)
    analyze_text("Бойцы" + ABOUT_THIS * repeats + ".")
    monkeypatch.undo()
    return chars[0], gerunds[0]


def test_after_verb_reads_each_stretch_once(monkeypatch: pytest.MonkeyPatch) -> None:
    small = _after_verb_work(monkeypatch, 200)
    big = _after_verb_work(monkeypatch, 400)
    assert big[0] <= 2.2 * small[0] and big[1] <= 2.2 * small[1], (small, big)  # the old reading: 4x
    assert big[1] <= 2 * 400  # each comma looked at about once, not once per verb before it
    monkeypatch.setattr(ruuk_finder.Line, "after_verb", _after_verb_sliced)
    old = _after_verb_work(monkeypatch, 400)
    assert old[0] > 20 * big[0] and old[1] > 20 * big[1], (old, big)


# -- entities.ruuk.v2-v5: a village the gazetteer knows one reading of, in context (session 13) ------------------
#
# Each such mention looked at every other anchor of its paragraph (_check_single) and every place of the document
# (_unsupported), and each ambiguous one at every anchor moved so far (context._Anchors' dirty set, the document's
# whole): "Купянск, Торецк, Курахово, Андреевка, " repeated, 40 KB, took 2.6 s in entities.ruuk.v2. Now the points
# are kept in cells of a degree (context_ruuk._Grid) and a moved anchor is read only where it stands for its point.

RUUK_PLACES = "Купянск, Торецк, Курахово, Андреевка, Зелёное, "


def _ruuk_places(text: str, version: str) -> list[tuple[Any, ...]]:
    from moralewatch.clean import to_document
    from moralewatch.ingest import RawInput
    from moralewatch.pipeline import Pipeline
    from moralewatch.stages import DEFAULT, REGISTRY

    names = tuple(version if n.startswith("entities.ruuk.") else n for n in DEFAULT)
    doc = Pipeline(names, None, REGISTRY).run(to_document(RawInput("-", format="txt", text=text)))
    return [(e.start, e.end, e.text, e.name, e.geonameid, e.admin1, e.lat, e.candidates, e.confidence, e.rule)
            for e in doc.entities if e.type == "place"]


def _check_single_every(ent: Any, para: int, anchors: Any, para_regions: dict[int, set[str]],
                        namesake: bool = False) -> None:
    """context_ruuk._check_single as it was: every other anchor of the paragraph."""
    cr = context_ruuk
    if ent.lat is None or ent.geonameid is None or ent.country not in cr.LOCAL:
        return
    pl = Place(ent.geonameid, ent.name or ent.text, "city", ent.country, ent.admin1, ent.lat, ent.lon, 0)
    regions = para_regions.get(para, set())
    own = [a for a in anchors.anchors.by_para.get(para, []) if a is not ent and a.geonameid != ent.geonameid]
    near = any(cr._km(pl, a) <= cr._FAR_KM for a in own)
    if (regions and ent.admin1 not in regions and not near) or (own and not near):
        named = next(iter(regions)) if len(regions) == 1 else None
        if namesake:
            cr._namesake(ent, named)
            return
        cr.unresolved(ent, [pl], named, 0.2)
        if ent.admin1 is None and named is None:
            ent.admin1 = None


def _unsupported_every(ent: Any, anchors: Any, regions_doc: set[str]) -> bool:
    """context_ruuk._unsupported as it was: every place of the document."""
    cr = context_ruuk
    if ent.admin1 in regions_doc or ent.lat is None:
        return False
    here = Place(ent.geonameid, ent.name or ent.text, "city", ent.country, ent.admin1, ent.lat, ent.lon, 0)
    return not any(a.geonameid != ent.geonameid and a.text != ent.text and cr._km(here, a) <= cr._FAR_KM
                   for a, _n in anchors.anchors.places.values())


_RUUK_PLACE_TEXTS = (
    "Бои идут у " + RUUK_PLACES * 30 + "и Бахмута.",
    RUUK_PLACES * 10 + "\n\nВ Донецкой области: Андреевка, Зелёное, Торецк.\n\nПод Купянском, в Харьковской области, "
    "Андреевка и Зелёное. " + RUUK_PLACES * 5,
    "Село Зелёное и Андреевка, Курахово, Торецк. Покровск, Мирноград, Селидово, Новогродовка, Угледар, Марьинка.",
)


@pytest.mark.parametrize("version", ["entities.ruuk.v2", "entities.ruuk.v3", "entities.ruuk.v5"])
@pytest.mark.parametrize("text", _RUUK_PLACE_TEXTS, ids=lambda t: t[:30])
def test_ruuk_single_readings_answer_as_every_anchor(monkeypatch: pytest.MonkeyPatch, text: str, version: str) -> None:
    fast = _ruuk_places(text, version)
    monkeypatch.setattr(context_ruuk, "_check_single", _check_single_every)
    monkeypatch.setattr(context_ruuk, "_unsupported", _unsupported_every)
    assert _ruuk_places(text, version) == fast
    assert any(p[9] == "place.unresolved" for p in fast) and any(p[4] for p in fast)


def _ruuk_km_calls(monkeypatch: pytest.MonkeyPatch, repeats: int) -> int:
    calls = [0]
    km = context._km

    def counting(a: Any, b: Any) -> float:
        calls[0] += 1
        return km(a, b)

    monkeypatch.setattr(context, "_km", counting)
    monkeypatch.setattr(context_ruuk, "_km", counting)
    _ruuk_places("Бои идут у " + RUUK_PLACES * repeats + "и Бахмута.", "entities.ruuk.v3")
    monkeypatch.undo()
    return calls[0]


def test_ruuk_single_readings_cost_distances_in_proportion(monkeypatch: pytest.MonkeyPatch) -> None:
    small, big = _ruuk_km_calls(monkeypatch, 100), _ruuk_km_calls(monkeypatch, 200)
    assert big <= 2.2 * small, (small, big)  # every other anchor: 4x
    assert big < 20 * 5 * 200


def test_a_thousand_moved_mentions_of_one_village_are_read_as_its_point() -> None:
    """Moved anchors are read apart only where they stand for their point (the first two there) or their place."""
    anchors = context._Anchors()
    ents = [context.Entity("place", 2 * i, 2 * i + 1, "A", lat=48.0, lon=37.0, geonameid=1) for i in range(1000)]
    for e in ents:
        anchors.add(0, e)
    for e in ents:
        context.unresolved(e, [Place(1, "A", "city", "UA", "y", 48.0, 37.0, 1)], None, 0.0)
        anchors.moved(e)
    assert len(anchors._dirty[0]) == 2 and len(anchors._doc_dirty) == 1
    p = context.Entity("place", 9000, 9001, "P", lat=48.0, lon=37.1)
    assert anchors.own(0, p).nearest_km(p) == math.inf and anchors.near_share(p, p) == 0.0


def test_the_grid_finds_every_point_within_reach() -> None:
    """context_ruuk._Grid.around holds every key within the distance, near the date line and the poles too."""
    import random

    rnd = random.Random(13)
    for lat0 in (0.0, 48.0, 70.0, 88.5, -60.0):
        grid = context_ruuk._Grid()
        pts = [(max(-90.0, min(90.0, lat0 + rnd.uniform(-3, 3))), rnd.uniform(-180, 180) if lat0 > 80 else
                ((175 + rnd.uniform(-8, 8) + 180) % 360) - 180, k) for k in range(400)]
        for key in pts:
            grid.put(key, key)
        for _ in range(50):
            q = (max(-90.0, min(90.0, lat0 + rnd.uniform(-3, 3))), ((175 + rnd.uniform(-8, 8) + 180) % 360) - 180)
            got = set(grid.around(q[0], q[1], 120.0))
            want = {k for k in pts if context._km(context_ruuk._Point(*q), context_ruuk._Point(k[0], k[1])) <= 121.0}
            assert want <= got, (lat0, q, want - got)


# -- the trie compiler's first characters without re's private parser; the Cyrillic names as a trie (session 13) --

def _first_chars_sre(rx: str) -> set[str] | None:
    """regex_trie.first_chars (once indicators.slavic._first_chars) as it was: read off re's private parser (the reference)."""
    _parser = pytest.importorskip("re._parser")
    _c = pytest.importorskip("re._constants")

    def charset(av: Any) -> set[str] | None:
        chars: set[str] = set()
        for o, a in av:
            if o is _c.LITERAL:
                chars.add(chr(a))
            elif o is _c.RANGE and a[1] - a[0] <= 200:
                chars.update(chr(c) for c in range(a[0], a[1] + 1))
            else:
                return None
        return chars

    def first(sub: Any) -> set[str] | None:
        out: set[str] = set()
        for op, av in sub:
            if op in (_c.ASSERT_NOT, _c.ASSERT, _c.AT):
                continue
            if op is _c.LITERAL:
                return out | {chr(av)}
            if op is _c.IN:
                chars = charset(av)
                return None if chars is None else out | chars
            if op is _c.SUBPATTERN or op is _c.BRANCH or op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
                subs = [av[3]] if op is _c.SUBPATTERN else list(av[1]) if op is _c.BRANCH else [av[2]]
                firsts = [first(x) for x in subs]
                if any(f is None for f in firsts):
                    return None
                out.update(*[f for f in firsts if f is not None])
                if not (any(x.getwidth()[0] == 0 for x in subs) or
                        (op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] == 0)):
                    return out
                continue
            return None
        return None

    return first(_parser.parse(rx))


def _lexicon_regexes() -> list[str]:
    from moralewatch.indicators import slavic

    out = []
    for root in (slavic.V6, slavic.V7):
        for name in ("cues.txt", "actors.txt"):
            for line in lines(slavic._file(root, name)):
                rx = line.partition(" :: ")[2]
                out += [x for a in regex_trie.alternatives(rx) for x in (a, *regex_trie.expanded(a))]
    return out


_CRAFTED = ["(?<!не )боюсь", "(?:на|в)? мясо", "\\d+ км", "[а-яё]{2,}", "[^а]б", "(?:а|)б", "(?:а*|б)в", "а{0,2}б",
            "а{2}б", "(?P<x>а|б)в", "\\bслово", "^а", ".б", "\\.а", "[\\-а]б", "[а-в\\]]", "\\n", "(?:(?=а)|б)в",
            "(а)\\1", "а*?б", "а?б?в?", "", "[a-z]", "[\u0400-\u04ff]", "(?i:а)б", "(?>а)б", "а++б", "\\sа",
            "(?:\\w)", "а{,3}б", "[а-в]?[г-е]*ж", "(?:(?:а|б)?|в)г", "[\\w-]", "\\(а", "{а", "(?#x)а", "(?i)а",
            "(?-i:а)б", "(?:а|аб)в", "(?:аб|а)?в"]


def test_first_chars_answer_as_the_private_parser() -> None:

    items = _lexicon_regexes()
    assert len(items) > 500
    for rx in items + _CRAFTED:
        want = _first_chars_sre(rx) if rx else None
        assert regex_trie.first_chars(rx) == want, rx


def test_the_trie_compiler_reads_no_private_module() -> None:
    from moralewatch.indicators import slavic

    for module in (regex_trie, slavic):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert "_parser" not in source and "_constants" not in source, module.__name__


def _names_plain() -> Any:
    """entities.cyrillic's name pattern as it was: one alternation, a group per line of names.tsv."""
    import re

    from moralewatch.entities import cyrillic

    branches = []
    for n, line in enumerate(lines("ruuk/entities/names.tsv")):
        forms = sorted(line.split("\t")[2].split("|"), key=len, reverse=True)
        branches.append(f"(?P<n{n}>{'|'.join(cyrillic._form_pattern(f) for f in forms)})")
    return re.compile(rf"(?<!\w)(?:{'|'.join(branches)})(?!\w)", re.IGNORECASE)


def test_cyrillic_names_trie_matches_as_the_alternation() -> None:
    from moralewatch.entities import cyrillic

    forms = [f for line in lines("ruuk/entities/names.tsv") for f in line.split("\t")[2].split("|")]
    text = " ".join(forms) + " " + " ".join(f.upper() + "ами " + f[:-1] + " " + f + "овскому" for f in forms)
    text += " " + RUUK_ADVERSARIAL["one huge sentence (ru)"] + " Путина Зеленского ВСУ ЗСУ Бахмута Москве"
    low = text.replace("ё", "е").replace("Ё", "Е")
    plain = [(m.span(), int((m.lastgroup or "n0")[1:])) for m in _names_plain().finditer(low)]
    trie = [(m.span(), cyrillic._entry(m)) for m in cyrillic._names().pattern.finditer(low)]
    assert trie == plain and len(plain) > len(forms)
    # a branch per first letter at the top, not one per form
    body = cyrillic._names().pattern.pattern[len("(?<!\\w)(?:"):-len(")(?!\\w)")]
    assert len(regex_trie.alternatives(body)) < len(forms) / 3


_RX_PIECES = st.lists(st.sampled_from(["а", "б", "в", " ", "(?:", "(", ")", "|", "?", "*", "+", "{0,2}", "{2}", "??",
                                       "[аб]", "[а-г]", "[^а]", "\\d", "\\w", "\\.", "(?<!в)", "(?=б)", ".", "\\b",
                                       "^", "(?P<g>", "[\\-а]"]), min_size=1, max_size=12).map("".join)


@settings(max_examples=600, deadline=None)
@given(_RX_PIECES)
def test_first_chars_answer_as_the_private_parser_on_any_regex(rx: str) -> None:
    import re

    from hypothesis import assume


    try:
        re.compile(rx)
    except re.error:
        assume(False)
    assert regex_trie.first_chars(rx) == _first_chars_sre(rx), rx


# -- clean.transcript: a subtitle file of one long turn (session 13) ---------------------------------------------

class _CountingCue(int):
    """A cue index that counts the comparisons made with it (a list's «in» compares with every element)."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        _CountingCue.compared += 1
        return int(self) == other

    __hash__ = int.__hash__


def test_a_turn_of_many_cues_looks_each_cue_up_once() -> None:
    """300,000 cues without a label are one turn: whether a cue is already the turn's was a list's «in» (a 15 MB
    .srt took minutes to clean); now a set's, each cue compared about once."""
    from moralewatch.clean import transcript

    line = "We have no shells.\n"
    n = 3000
    text = line * n
    lines = [(_CountingCue(i), (i * len(line), (i + 1) * len(line) - 1), None) for i in range(n)]
    lines += [(_CountingCue(5), (0, len(line) - 1), None)]  # a cue seen before: not added twice
    _CountingCue.compared = 0
    turns = transcript.find_turns(text, lines)
    assert len(turns) == 1 and turns[0].cues == list(range(n))
    assert _CountingCue.compared < 2 * n, _CountingCue.compared  # the list: n * n / 2


# -- entities.ruuk.v4-v6's support: the anchors near a reading in cells, not every anchor per mention (h-hostile9b) --
# 40 KB of «Купянск, Торецк, Курахово, Андреевка, Зелёное» took 3.55 s with entities.ruuk.v5 (v6 3.51 s): support()
# asked every anchor of the paragraph (and of the document) for each mention. Now ``_Context.near`` reads a _Grid.


def _placed_every(ent: Any, ctx: Any, best: Any, others: Any, th: Any) -> str | None:
    """cyrillic_confidence._placed as it was: every anchor of the paragraph."""
    from moralewatch.entities import cyrillic_confidence as cc

    if cc._named_region(ctx.text, ent, ctx.region_after) == best.admin1:
        return "oblast"
    rel = cc._relation(ctx.text, ent, ctx.places)
    if rel is not None and cc._fits(best, rel) and not any(cc._fits(p, rel) for p in others):
        return "relation"
    own = [a for a in ctx.anchors.get(ctx.para(ent.start), []) if a.text != ent.text and a.geonameid != best.geonameid]
    if any(cc._km(best, a) <= th.near_km and all(cc._km(p, a) > th.near_km for p in others) for a in own):
        return "near"
    return None


def _near_every(self: Any, para: int | None, ent: Any, best: Any, km: float) -> list[Any]:
    """_Context.near as every anchor (of the paragraph, or of the document), one entry an anchor."""
    every = self.anchors.get(para, []) if para is not None else [a for ps in self.anchors.values() for a in ps]
    return [a for a in every if a.text != ent.text and a.geonameid != best.geonameid and context._km(best, a) <= km]


@pytest.mark.parametrize("version", ["entities.ruuk.v4", "entities.ruuk.v5", "entities.ruuk.v6"])
@pytest.mark.parametrize("text", _RUUK_PLACE_TEXTS + (
    "Михайловка и Андреевка под Курахово. Торецк, Зелёное, Михайловка.\n\nМихайловка Курской области, Суджа.",),
    ids=lambda t: t[:30])
def test_ruuk_support_answers_as_every_anchor(monkeypatch: pytest.MonkeyPatch, text: str, version: str) -> None:
    from moralewatch.entities import cyrillic_confidence as cc

    fast = _ruuk_places(text, version)
    monkeypatch.setattr(cc, "_placed", _placed_every)
    monkeypatch.setattr(cc._Context, "near", _near_every)
    assert _ruuk_places(text, version) == fast
    assert any(p[4] for p in fast)


def _support_km_calls(monkeypatch: pytest.MonkeyPatch, repeats: int, version: str) -> int:
    from moralewatch.entities import cyrillic_confidence as cc

    calls = [0]
    km = context._km

    def counting(a: Any, b: Any) -> float:
        calls[0] += 1
        return km(a, b)

    monkeypatch.setattr(cc, "_km", counting)
    _ruuk_places("Бои идут у " + RUUK_PLACES * repeats + "и Бахмута.", version)
    monkeypatch.undo()
    return calls[0]


@pytest.mark.parametrize("version", ["entities.ruuk.v5", "entities.ruuk.v6"])
def test_ruuk_support_costs_distances_in_proportion(monkeypatch: pytest.MonkeyPatch, version: str) -> None:
    small, big = _support_km_calls(monkeypatch, 100, version), _support_km_calls(monkeypatch, 200, version)
    assert small > 0
    assert big <= 2.2 * small, (small, big)  # every anchor of the paragraph for each mention: 4x
    assert big < 20 * 5 * 200


# -- a subtitle file of one long turn: its lines found one by one, its cues let go once written (h-hostile9b) --
# A 15 MB .srt of 300,000 cues peaked at 418 MB RSS (bench/hostile_inputs.py): the cue parser held a copy of every
# line (str.splitlines), a list of every line's span and every block at once. Now 318 MB.

_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _spans_by_splitlines(text: str) -> list[tuple[int, int]]:
    """transcript._line_spans as it was."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        out.append((pos, pos + len(line.rstrip("\r\n"))))
        pos += len(line)
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \t" + _BREAKS, max_size=30))
def test_line_spans_are_the_lines_of_splitlines(text: str) -> None:
    from moralewatch.clean import transcript

    spans = transcript._line_spans(text)
    assert not isinstance(spans, list)  # found one by one
    assert list(spans) == _spans_by_splitlines(text)


def _srt(cues: int) -> str:
    return "".join(f"{i}\n00:00:01,000 --> 00:00:02,000\nWe have no shells.\n\n" for i in range(1, cues))


def _traced_peak(fn: Any, *args: Any) -> int:
    """The bytes ``fn(*args)`` allocated at its peak beyond what was held when it started (tracemalloc counts
    allocations, not time: the same on every run of one Python)."""
    import gc
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        out = fn(*args)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    del out
    return peak


def test_cue_parsing_holds_the_cues_not_every_line() -> None:
    from moralewatch.clean import transcript

    text = _srt(20_000)
    cues = transcript.parse_cues(text, "srt", [])
    assert len(cues) == 19_999 and all(c.lines for c in cues)
    # 780 bytes a cue at the peak before (every line's copy, every span and every block at once), 398 now
    assert _traced_peak(transcript.parse_cues, text, "srt", []) < 520 * 20_000


def test_the_written_cues_are_let_go() -> None:
    from moralewatch.clean import transcript

    text = _srt(20_000)
    t = transcript.build(text, "srt")
    assert len(t.meta["cues"]) == 19_999 and len(t.meta["turns"]) == 1
    assert t.meta["cues"][5] == {"index": 6, "time_start": 1.0, "time_end": 2.0, "start": 95, "end": 113}
    # the peak of building is the cues and what the document keeps: 1,073 bytes a cue before, 785 now (the lines of
    # speech and the written cues let go, the turn's lines in arrays, no table of its cues' order)
    assert _traced_peak(transcript.build, text, "srt") < 900 * 20_000


# -- quotes.ruuk: one long sentence of marks and verbs (session 15, scripts/fuzz_pipeline.py) ----------------------

#: words of a Russian report without a stop: each mark's verb was looked for among every verb of the sentence before
#: it, on a copy of the text from each verb to the mark, and each cue's speaker read back to the sentence start
#: (128 KB took quotes.ruuk.v8 5.7 s, 16 KB 0.04 s)
RUUK_NO_STOP = "командир заявил «Ахмат» что нет снарядов Иванов рассказал по словам бойцов позывной "


def _said_then_mark_reads(monkeypatch: pytest.MonkeyPatch, text: str) -> tuple[int, dict[str, Any]]:
    """Characters the verb-then-mark pattern of quotes.ruuk reads (its string's stretch), and the extract output."""
    read = [0]

    class Counting:
        def __init__(self, pattern: Any) -> None:
            self.pattern = pattern

        def fullmatch(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
            end = len(string) if endpos is None else min(endpos, len(string))
            read[0] += max(0, end - pos) + 1
            return self.pattern.fullmatch(string, pos, end)

    monkeypatch.setattr(ruuk_finder, "_SAID_THEN_MARK", Counting(ruuk_finder._SAID_THEN_MARK))
    out = to_extract(analyze_text(text), 0)
    return read[0], out


def test_a_mark_looks_at_the_verb_before_it_not_at_every_verb_of_the_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    small, _ = _said_then_mark_reads(monkeypatch, RUUK_NO_STOP * 40)
    big, _ = _said_then_mark_reads(monkeypatch, RUUK_NO_STOP * 80)
    marks = (RUUK_NO_STOP * 80).count("«")
    # linear: twice the text, about twice the characters read (every verb before each mark, to the mark, was ~8x)
    assert big <= 2.2 * small, (small, big)
    assert big < 20 * marks, (big, marks)


def test_a_sentence_longer_than_the_limit_is_read_in_pieces() -> None:
    from moralewatch.layers.sentences import MAX_SENTENCE

    text = RUUK_NO_STOP * (3 * MAX_SENTENCE // len(RUUK_NO_STOP))
    line = ruuk_finder.Line(text, 0, len(text), False, True, revision=8)
    pieces = line.sentences()
    assert len(pieces) >= 3 and all(e - s <= MAX_SENTENCE for s, e in pieces)
    assert pieces[0][0] == 0 and not text[pieces[-1][1]:].strip()
    short = "Солдаты устали. «Мы хотим домой», — сказал боец."
    assert ruuk_finder.Line(short, 0, len(short), False, True, revision=8).sentences() == [(0, 15), (16, len(short))]


def _marks_verb_of_every_verb(line: Any, s: int, mk: Any, content: str, sentence_like: bool) -> bool:
    """quotes.ruuk's ``_marks_verb`` as it was: every speech verb of the sentence before the mark tried."""
    said = [vb for vb in line.verbs(s, mk.start)
            if ruuk_finder._SAID_THEN_MARK.fullmatch(line.m(vb[1], mk.open_at))]
    if not (said and sentence_like and mk.open_at >= 0 and ruuk_finder._words(content) >= 3):
        return False
    v, v_end, _ = said[-1]
    sp = line.subject(s, v)
    if sp is not None and not ruuk_finder._speakerish(line, sp):
        return False
    line.add(ruuk_finder.Found(mk.start, mk.end, "direct", sp, (v, v_end), "ruuk-marks-verb", "", [], 0.7), (s, v_end),
             nested=True)
    return True


#: quotes right after a verb, with an earlier quote and «и» between, and verbs further back
RUUK_MARKS_VERB = (
    "Протестующие скандировали «Нет войне и мобилизации» и «Верните наших мужей домой».",
    "Бойцы кричали «Мы не пойдём туда больше никогда», а командир сказал «Идите вперёд без разговоров».",
    "Солдаты заявили «Снарядов нет уже третью неделю подряд».",
    "Командир рассказал, что солдаты пели «Мы вернёмся домой живыми все».",
    "Мобилизованные написали и передали «Нас бросили без еды и воды здесь» и «Помогите нам».",
    "Військові заявили «Ми не маємо снарядів вже місяць» та «Допоможіть нам».",
    RUUK_NO_STOP * 30,
)


@pytest.mark.parametrize("text", RUUK_MARKS_VERB, ids=lambda t: t[:30])
def test_the_verb_before_a_mark_answers_as_every_verb(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    fast = to_extract(analyze_text(text), 0)
    monkeypatch.setattr(ruuk_finder, "_marks_verb", _marks_verb_of_every_verb)
    slow = to_extract(analyze_text(text), 0)
    assert fast == slow


def test_the_verb_before_a_mark_finds_quotes() -> None:
    found = [t for t in RUUK_MARKS_VERB[:6] if any(q["kind"] == "direct" for q in to_extract(analyze_text(t), 0)["quotes"])]
    assert len(found) >= 3, found


# -- quotes.ruuk.v8: a post of many callsigns (session 15, scripts/fuzz_pipeline.py) --------------------------------

class _ReadCounting:
    """A pattern that adds to ``read[0]`` the characters its ``finditer`` and ``match`` calls read."""

    def __init__(self, pattern: Any, read: list[int]) -> None:
        self.pattern, self.read = pattern, read

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        end = len(string) if endpos is None else endpos
        self.read[0] += max(0, end - pos)
        return self.pattern.finditer(string, pos, end)

    def match(self, string: str, pos: int = 0) -> Any:
        m = self.pattern.match(string, pos)
        self.read[0] += (m.end() - pos) if m else 1
        return m


def _callsign_post(names: int) -> str:
    """«"…" - "X".» lines of ``names`` distinct callsigns, some of them described as soldiers before."""
    return "".join(f'"Шкода{k}", офицер 46 бригады.\n"Мы держим позиции и ждём снаряды" - "Шкода{k}".\n'
                   if k % 3 == 0 else f'"Нас бросили без еды и воды" - "Гром{k}".\n' for k in range(names))


def _description_reads(monkeypatch: pytest.MonkeyPatch, text: str) -> tuple[int, dict[str, Any]]:
    """Characters the description patterns of quotes.ruuk.v8 were run over, and the extract output."""
    from moralewatch.quotes_ruuk import block

    read = [0]
    described = block._described

    monkeypatch.setattr(block, "_described", lambda name: _ReadCounting(described(name), read))
    out = to_extract(analyze_text(text), 0)
    return read[0], out


def test_a_post_of_many_callsigns_reads_their_descriptions_in_proportion(monkeypatch: pytest.MonkeyPatch) -> None:
    small, out = _description_reads(monkeypatch, _callsign_post(300))
    big, _ = _description_reads(monkeypatch, _callsign_post(600))
    assert any(q["speaker"] and q["speaker"].startswith("Шкода") for q in out["quotes"])  # the rule does find them
    # linear: twice the callsigns, about twice the characters read (the whole post once per callsign was ~4x)
    assert big <= 2.2 * small, (small, big)
    assert big < 100 * 600, big


_DESCRIBED_PIECES = st.lists(st.sampled_from(
    ['"', "«", "»", "“", "”", "Шкода", "Шкода Гром", "Гром", "x", "_", "1", ", ", ",", ",\n", ", \u00a0", " ", "\n",
     "офицер 46 бригады", "боец", ".", "-", "’", "Шкода-", "aШкода"]), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(_DESCRIBED_PIECES, st.sampled_from(["Шкода", "Гром", "Шкода Гром", "Шкода-", "Шкода’", "1"]))
def test_the_descriptions_read_at_the_commas_answer_as_the_scan(text: str, name: str) -> None:
    """Where the name may end (before a comma and a blank) read in order gives what the scan of the whole text
    gave: the same matches, starts, ends and descriptions."""
    from moralewatch.quotes_ruuk import block

    scan = [(m.span(), m.group(1)) for m in block._described(re.escape(name)).finditer(text)]
    assert [(m.span(), m.group(1)) for m in block._descriptions_of(text, name)] == scan


# -- quotes.ruuk.v7/v8: a post of many units (session 15, scripts/fuzz_pipeline.py) -------------------------------

def _unit_post(units: int) -> str:
    """Relayed soldiers' words, each of a unit of its own number, some units named with their side."""
    return "".join(f"«Нам не дают снарядов уже неделю», — рассказал боец {k}-й бригады{' ВСУ' if k % 4 == 0 else ''}.\n"
                   for k in range(1, units + 1))


def _unit_reads(monkeypatch: pytest.MonkeyPatch, text: str) -> tuple[int, dict[str, Any]]:
    """Characters the unit patterns of quotes.ruuk's relayed side were run over, and the extract output."""
    from moralewatch.quotes_ruuk import relayed

    read = [0]
    compile_regex = relayed.compile_regex

    monkeypatch.setattr(relayed, "compile_regex", lambda *a, **k: _ReadCounting(compile_regex(*a, **k), read))
    out = to_extract(analyze_text(text), 0)
    return read[0], out


def test_a_post_of_many_units_reads_their_mentions_in_proportion(monkeypatch: pytest.MonkeyPatch) -> None:
    small, out = _unit_reads(monkeypatch, _unit_post(200))
    big, _ = _unit_reads(monkeypatch, _unit_post(400))
    assert sum(q["side"] == "ua" for q in out["quotes"]) >= 50  # the units' sides are read
    # linear: twice the units, about twice the characters read (the whole post once per unit number was ~4x)
    assert big <= 2.2 * small, (small, big)
    assert big < 100 * 400, big


_UNIT_PIECES = st.lists(st.sampled_from(
    ["1", "12", "123", "4", "46", "1234", "-й", "-я", "ой", " ", "  ", "бригады", "полка", "ВСУ", " рф", ".", "\n", "x",
     "٣", "a", " 46 омбр", "Бригада", "_"]), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(_UNIT_PIECES, st.sampled_from(["1", "12", "123", "46", "4", "٣"]))
def test_the_unit_mentions_read_at_the_digits_answer_as_the_scan(text: str, number: str) -> None:
    from moralewatch.lexicons import compile_regex
    from moralewatch.quotes_ruuk import relayed

    pattern = compile_regex(rf"(?<!\d){number}(?:-?\w{{1,2}})?\s+(?:[а-яёіїє]+\s+){{0,2}}?(?:бригад|полк|батальон|"
                            r"омбр|ошб|оабр|омпбр|одшбр)[^.\n]{0,40}", flags=2)
    scan = [(m.span(), m.group()) for m in pattern.finditer(text)]
    assert [(m.span(), m.group()) for m in relayed._unit_mentions(number, text)] == scan


# -- quotes.ruuk: one long line of labels and marks (session 15, scripts/fuzz_pipeline.py) --------------------------

#: «Name:» labels and quotes on one line without a stop: each quote copied the line up to its mark (a source's name
#: before it?) and from its closing mark to the line's end (a quote alone on its line?): 2 MB took quotes.ruuk.v8 11 s
RUUK_LABELS = "Сергей Петров: ВОПРОС: «Боец» Корреспондент: «нет снарядов» "

_LINE_PIECES = st.lists(st.sampled_from(
    ["Reuters", "ТАСС", " ", ":", ".", "«", "»", '"', "“", "”", "(Германия)", "• ", "— ", "Песков", "!", "…", "\u00a0",
     "слово", ",", "?", "x"]), max_size=24).map("".join)


@settings(max_examples=500, deadline=None)
@given(_LINE_PIECES, st.integers(0, 3))
def test_the_line_answers_read_once_answer_as_the_copies(text: str, shift: int) -> None:
    """A line's blank tail, and the source-then-quote pattern tried from its first word in place, answer as the
    copies of the line they replace, for every mark of the line and every position."""
    text = "ж\n" * shift + text
    lo = 2 * shift
    line = ruuk_finder.Line(text, lo, len(text), False, True, revision=8)
    for at in range(lo, len(text) + 1):
        assert line.blank_after(at) == (not text[at:len(text)].strip(" .,!?…\u00a0")), at
    for mk in line.marks:
        head = line.m(line.lo, mk.open_at) if mk.open_at >= 0 else ""
        old = ruuk_finder._SOURCE_THEN_QUOTE.fullmatch(head) if head else None
        end, first = mk.open_at - line.lo, line.first_word()
        new = ruuk_finder._SOURCE_THEN_QUOTE.fullmatch(line.masked, first, end) if 0 < end and first < end else None
        assert (old and old.span(1)) == (new and new.span(1)), (mk, head)
    assert line.line_lead() == ruuk_finder._lead(line.masked, line.lo, line.lo, line.hi)


def test_a_long_line_of_labels_is_not_copied_for_each_quote(monkeypatch: pytest.MonkeyPatch) -> None:
    """The characters the line's helpers copy (``Line.m``) grow with the line, not with the line times its quotes."""
    copied = [0]
    m = ruuk_finder.Line.m

    def counting(self: Any, s: int, e: int) -> str:
        out = m(self, s, e)
        copied[0] += len(out)
        return out

    monkeypatch.setattr(ruuk_finder.Line, "m", counting)
    analyze_text(RUUK_LABELS * 1000)
    small = copied[0]
    copied[0] = 0
    analyze_text(RUUK_LABELS * 2000)
    assert copied[0] <= 2.2 * small, (small, copied[0])
