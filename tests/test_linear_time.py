"""Linear-time patterns (issue 14, "Hangs"): no regex of the pipeline backtracks its way into a hang.

Every compiled pattern of the pipeline modules is found by introspection (module constants, and what the modules'
argument-free cached builders return), so a new regex is covered without being listed here, and each is run over
adversarial inputs of 100 KB under a generous bound (20 s per MB: a quadratic pattern takes minutes to hours here,
a linear one milliseconds). The whole pipeline runs on 1 MB documents made of one token or of punctuation.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import pkgutil
import re
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import moralewatch
from moralewatch.api import analyze_text
from moralewatch.lexicons import LazyPattern

#: the packages and modules on the path of ``extract`` (the store, the web app and the scorers are not)
PIPELINE = ("clean", "entities", "indicators", "ingest", "layers", "quotes", "segment", "stages", "pipeline", "api",
            "model", "lexicons", "quotes_ruuk", "turns", "speaker_labels", "speaker_check", "lang", "linear", "privacy",
            "corpus")
KB = 1024
#: seconds per MB of input: generous (a linear pattern takes milliseconds on 100 KB, a quadratic one minutes)
PER_MB = 20.0


def _pipeline_modules() -> list[Any]:
    mods = [importlib.import_module(f"moralewatch.{name}") for name in PIPELINE]
    for info in pkgutil.walk_packages(moralewatch.__path__, "moralewatch."):
        if info.name.split(".")[1] in PIPELINE:
            mods.append(importlib.import_module(info.name))
    return list({id(m): m for m in mods}.values())


def pipeline_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled pattern of the pipeline modules: module constants, and the patterns their argument-free cached
    builders return (patterns built from the data files on first use)."""
    out: dict[str, re.Pattern[str]] = {}
    for mod in _pipeline_modules():
        for name, value in vars(mod).items():
            if callable(value) and hasattr(value, "cache_info"):
                if value.__module__ != mod.__name__:
                    continue  # imported from elsewhere: counted where it is defined
                try:
                    value = value()
                except TypeError:  # a builder that takes arguments
                    continue
                name += "()"
            if isinstance(value, LazyPattern):  # compile_regex compiles on first use
                value = value.compiled()
            if isinstance(value, re.Pattern):
                out.setdefault(f"{mod.__name__}.{name}", value)
    return out


def _patterns_in(value: Any, depth: int = 0) -> Iterator[re.Pattern[str]]:
    """The compiled patterns inside what a lexicon loader returns: in tuples, lists, dicts and dataclasses, and the
    ``pattern`` of an object that compiles one on first use (a cue rule)."""
    if isinstance(value, LazyPattern):
        value = value.compiled()
    if isinstance(value, re.Pattern):
        yield value
    elif depth < 4 and isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from _patterns_in(item, depth + 1)
    elif depth < 4 and isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, depth + 1)
    elif depth < 4 and dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _patterns_in(getattr(value, f.name), depth + 1)
        if isinstance(getattr(type(value), "pattern", None), functools.cached_property):
            yield value.pattern


def data_patterns() -> dict[str, re.Pattern[str]]:
    """The patterns built from the data files (cue rules, sides, hedges, the quote lexicon's phrase regexes): found
    in what the argument-free cached loaders of the pipeline modules return."""
    out: dict[str, re.Pattern[str]] = {}
    for mod in _pipeline_modules():
        for name, value in vars(mod).items():
            if callable(value) and hasattr(value, "cache_info") and value.__module__ == mod.__name__:
                try:
                    loaded = value()
                except TypeError:
                    continue
                if isinstance(loaded, re.Pattern):
                    continue  # a pattern builder: in pipeline_patterns()
                for k, pattern in enumerate(_patterns_in(loaded)):
                    out.setdefault(f"{mod.__name__}.{name}()[{k}]", pattern)
    return out


def adversarial(size: int) -> dict[str, str]:
    """The inputs of the issue: one long token (letters, digits, mixed case), long runs of blanks, quote marks
    and dots, "A. A. A.", a sentence without punctuation, and a few more that broke patterns before."""
    def rep(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return {"letters": rep("a"), "Capitalised token": "A" + rep("b")[1:], "CAPITALS": rep("A"), "digits": rep("7"),
            "mixed case": rep("aB"), "spaces": rep(" "), "newlines": rep("\n"), "straight quotes": rep('"'),
            "curly quotes": rep("“”"), "apostrophes": rep("’"), "dots": rep("."), "A. A. A.": rep("A. "),
            "words": rep("word "), "Capitalised words": rep("Word "), "hyphenated token": rep("Ab-"),
            "commas": rep(", "), "numbers": rep("1,000 ")}


@contextmanager
def deadline(seconds: float, what: str) -> Iterator[None]:
    """Fail (instead of hanging) when the block runs longer than ``seconds``: the regex engine checks signals."""
    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError(f"{what}: still running after {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_introspection_finds_the_pipeline_patterns() -> None:
    found = pipeline_patterns()
    assert len(found) > 120
    for name in ("moralewatch.layers.sentences._END", "moralewatch.layers.sentences._SENT_END", "moralewatch.quotes.speakers._RELAYER",
                 "moralewatch.quotes.speakers._person_np()", "moralewatch.indicators.tagger._people_after()",
                 "moralewatch.entities.names.RUN", "moralewatch.clean.text.DATE_LINE"):
        assert name in found, name


SIZE = 100 * KB

#: patterns the pipeline only ever matches at one position (``.match`` / ``.fullmatch``: a prefix read after a
#: verb, a line's opening dash, a lexicon form's braces, a whole speaker label), never searches with: one attempt must
#: be linear, which the test checks; scanning every position of 100 KB with them (finditer) is not how they are used
#: and would be quadratic on a long run of blanks. ``test_anchored_patterns_are_only_matched`` keeps the list honest.
ANCHORED = {"moralewatch.quotes_ruuk.finder._ANSWER_FOR", "moralewatch.quotes_ruuk.finder._BARE_THAT",
            "moralewatch.quotes_ruuk.finder._DASH_LINE", "moralewatch.quotes_ruuk.finder._QUESTION",
            "moralewatch.quotes_ruuk.finder._SOURCE_THEN_QUOTE", "moralewatch.quotes_ruuk.lexicon._BRACES",
            "moralewatch.turns._NAME_LABEL"}


def test_anchored_patterns_are_only_matched() -> None:
    """Every use of an ANCHORED pattern in the package is ``.match(`` or ``.fullmatch(``."""
    root = Path(moralewatch.__file__).parent
    sources = {p: p.read_text(encoding="utf-8") for p in root.rglob("*.py")}
    for dotted in sorted(ANCHORED):
        name = dotted.rsplit(".", 1)[1]
        uses = [m.group(1) for text in sources.values() for m in re.finditer(rf"\b{name}\.(\w+)\(", text)]
        assert uses, f"{dotted} is not used: drop it from ANCHORED"
        assert set(uses) <= {"match", "fullmatch"}, f"{dotted} is used with {sorted(set(uses))}"
        assert dotted in pipeline_patterns(), dotted


@pytest.mark.parametrize("name", sorted(pipeline_patterns()))
def test_pattern_runs_in_linear_time_on_adversarial_input(name: str) -> None:
    pattern = pipeline_patterns()[name]
    limit = PER_MB * SIZE / (1024 * KB)
    for kind, text in adversarial(SIZE).items():
        t0 = time.perf_counter()
        with deadline(limit * 3, f"{name} on {kind}"):
            if name not in ANCHORED:
                for _ in pattern.finditer(text):
                    pass
            pattern.match(text)
        took = time.perf_counter() - t0
        assert took < limit, f"{name} took {took:.2f} s on 100 KB of {kind}"


def test_data_built_patterns_run_in_linear_time_on_adversarial_input() -> None:
    """The ~500 patterns made from the data files (an edited cue line can bring nested quantifiers), on 20 KB."""
    found = data_patterns()
    assert len(found) > 400
    size = 20 * KB
    limit = PER_MB * size / (1024 * KB)
    slow = []
    inputs = adversarial(size)
    for name, pattern in found.items():
        for kind, text in inputs.items():
            t0 = time.perf_counter()
            with deadline(limit * 10, f"{name} ({pattern.pattern[:60]}) on {kind}"):
                for _ in pattern.finditer(text):
                    pass
            took = time.perf_counter() - t0
            if took >= limit:
                slow.append(f"{name} ({pattern.pattern[:60]}) took {took:.2f} s on 20 KB of {kind}")
    assert not slow, slow


def _one_mb(kind: str) -> str:
    size = 1024 * KB
    if kind == "one token":
        return "A" + "b" * (size - 1)
    unit = "“Well… ” — ‘no’; (yes!) ... «A. B.» “ ' \" ,, ?! –– ’” "
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.parametrize("kind", ["one token", "punctuation"])
def test_pipeline_on_a_one_megabyte_pathological_document(kind: str) -> None:
    text = _one_mb(kind)
    with deadline(PER_MB * 3, f"pipeline on 1 MB of {kind}"):
        t0 = time.perf_counter()
        doc = analyze_text(text)
        took = time.perf_counter() - t0
    assert took < PER_MB, f"the pipeline took {took:.1f} s on 1 MB of {kind}"
    assert doc.sentences and all(0 <= s < e <= len(text) for s, e in doc.sentences)


def _analysed_in_bounded_time(text: str, what: str) -> Any:
    """``analyze_text(text)`` under twice the per-MB bound (and a deadline at three times it, so a hang fails)."""
    limit = 2 * PER_MB * len(text) / (1024 * KB)
    with deadline(limit * 3, f"pipeline on {what}"):
        t0 = time.perf_counter()
        doc = analyze_text(text)
        took = time.perf_counter() - t0
    assert took < limit, f"the pipeline took {took:.1f} s on {what}"
    return doc


def _repeated(unit: str, size: int = 384 * KB) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.parametrize("unit", ["“Yes, we will fight,” a soldier said. ", "He said the troops had no ammunition. ",
                                  "Ivan Petrenko, a commander, said: “No retreat.” "])
def test_pipeline_on_one_long_paragraph_of_quotes(unit: str) -> None:
    """Per-quote work that rescans the paragraph, the speakers before or the entities of the paragraph is
    quadratic in one long paragraph (these took 7-15 s at 200-800 KB before, ~25 s at this size; now ~4 s)."""
    doc = _analysed_in_bounded_time(_repeated(unit), f"384 KB of {unit!r}")
    assert len(doc.quotes) > 1000


@pytest.mark.parametrize("unit", ["«Мы будем воевать», — сказал солдат. ", "Він повідомив, що солдати не мають набоїв. ",
                                  "Путин заявил: «Да». ", "— Да, — сказал он.\n"])
def test_pipeline_on_one_long_russian_or_ukrainian_paragraph_of_quotes(unit: str) -> None:
    """The Russian/Ukrainian quote finder looked at every mark of a line and every span it had taken for each
    sentence, and the date linking at every entity of the paragraph for each quote: quadratic in one long line
    (27 s for 400 KB of «…», — сказал X.; 45 s of «Путин заявил: «Да».»; now 3-8 s). These lines are a quote every
    20 characters, slow per byte on any machine: what is checked is growth (4x the text may take about 4x the time,
    a quadratic path takes 16x) under a generous bound."""
    small = _repeated(unit, 96 * KB)
    t0 = time.perf_counter()
    analyze_text(small)
    took_small = time.perf_counter() - t0
    big = _repeated(unit, 4 * len(small))
    limit = 4 * PER_MB * len(big) / (1024 * KB)
    with deadline(limit * 2, f"pipeline on 384 KB of {unit!r}"):
        t0 = time.perf_counter()
        doc = analyze_text(big)
        took = time.perf_counter() - t0
    assert took < limit and took < 8 * took_small + 1.0, (
        f"384 KB of {unit!r} took {took:.1f} s, 96 KB {took_small:.1f} s: more than linear growth")
    assert doc.language in ("ru", "uk") and len(doc.quotes) > 1000


def test_pipeline_on_a_long_question_and_answer_transcript() -> None:
    """Every quote of a transcript was compared with every turn (is it the turn again?): quadratic in the number of
    turns (400 KB of Q:/A: turns took 18 s; now ~6 s under load)."""
    doc = _analysed_in_bounded_time(_repeated("Q: Are you tired?\n\nA: Yes, we have no shells.\n\n"),
                                    "384 KB of Q:/A: turns")
    assert len(doc.quotes) > 10000


def test_pipeline_on_a_megabyte_of_english_dialogue_lines() -> None:
    """Dialogue lines after a stop never end a sentence: one sentence of a megabyte, which the quote reader read in
    quadratic time (24 s for 800 KB) until sentences past MAX_SENTENCE were read in pieces (now ~2 s)."""
    doc = _analysed_in_bounded_time(_repeated("— We will fight, he said.\n", 1024 * KB), "1 MB of dialogue lines")
    assert doc.sentences


@pytest.mark.parametrize("blank", [" ", "\u00a0", "\t"])
def test_pipeline_on_a_long_run_of_blanks_after_a_russian_speech_verb(blank: str) -> None:
    """«Он сказал» + 384 KB of blanks + «о войне»: patterns searched after the verb that open with blanks re-read
    the run from each of its blanks (178 s for 100 KB before the bound; now ~2 s)."""
    text = "Он сказал" + blank * (384 * KB) + "о войне. Солдаты заявили, что у них нет снарядов."
    doc = _analysed_in_bounded_time(text, f"a run of {len(text)} blanks")
    assert doc.sentences


# -- the rewritten "according to X" patterns match what the lazy forms matched ----------------------------------------

#: the tagger's patterns before the rewrite: exponential on a long word without a stop, exact otherwise
_LAZY_ACCORDING = re.compile(r"\baccording to\s+((?:[\w'’.-]+\s?){1,8}?)(?=[.,;]|$)", re.I)
_LAZY_ATTRIB_AFTER = re.compile(
    r"[,”\"]\s*(?:he |she |they |it )?(?:said|says|told|added|claimed|wrote|tweeted|reported|explained|"
    r"according to)\s+((?:[\w'’.-]+[ ,]{0,2}){1,8}?)(?=[.,;]|$| on | in | at | during | who | after | when )", re.I)

#: the quote finder's adverbial after a cue, before the rewrite ("in a statement with the BBC"): exponential too
_LAZY_ADVERBIAL = re.compile(
    r"\s*(?:,\s*)?(?:(?:on|last|this|early|late|later|earlier)\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|week|month|year|night|morning|evening|afternoon|day)|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|yesterday|today|recently|previously|earlier|later|repeatedly|also|"
    r"(?!only\b|early\b|family\b|july\b|italy\b)[a-z]{3,}ly(?=\s+that\b)|"
    r"in an? (?:\w+\s+){0,2}(?:statement|interview|briefing|speech|post|tweet|video|letter|message|report|"
    r"conference|call|address)(?:\s+(?:with|to|on)\s+(?:[\w’'.-]+\s*){1,4}?)?)\b\s*,?")

_PIECES = st.lists(st.sampled_from(["according to ", "said ", "told ", ", ", "Reuters", "U.S.", " ", "  ", ".", ",",
                                    ";", " on ", " in ", "who ", "the ", "a.b", "x", "TASS.", "’s", "-", "”", "\n"]),
                   max_size=24).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["in a statement with ", "in an interview to ", "said ", "Kyiv", "BBC", " ", "  ", ".",
                                 ",", "'", "’", "-", "U.S.", "the", "“", "_", "on Monday", "that", "\n"]),
                max_size=12).map("".join))
def test_adverbial_matches_what_the_lazy_form_matched(text: str) -> None:
    from moralewatch.quotes.clauses import _ADVERBIAL

    for pos in range(len(text) + 1):
        old, new = _LAZY_ADVERBIAL.match(text, pos), _ADVERBIAL.match(text, pos)
        assert (old and old.span()) == (new and new.span()), pos


@settings(max_examples=600, deadline=None)
@given(_PIECES)
def test_according_patterns_match_what_the_lazy_forms_matched(text: str) -> None:
    from moralewatch.indicators import tagger

    for lazy, linear in ((_LAZY_ACCORDING, tagger._ACCORDING), (_LAZY_ATTRIB_AFTER, tagger._ATTRIB_AFTER)):
        old = [(m.span(), m.group(1)) for m in lazy.finditer(text)]
        new = [(m.span(), m.group(1)) for m in linear.finditer(text)]
        assert old == new


def test_according_patterns_are_linear_where_the_lazy_forms_were_exponential() -> None:
    from moralewatch.indicators import tagger

    text = "It fell, according to " + "a" * 50_000 + "!"
    with deadline(10, "according to a long word"):
        t0 = time.perf_counter()
        assert tagger._ACCORDING.search(text) is None
        assert tagger._ATTRIB_AFTER.search("x, said " + "b" * 50_000 + "!") is None
        from moralewatch.quotes.clauses import _ADVERBIAL

        m = _ADVERBIAL.match("in a statement with " + "." * 50_000 + ",")  # 200 dots took the lazy form 12.6 s
        assert m is not None and m.end() < 20
    assert time.perf_counter() - t0 < 2


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=30),
       st.lists(st.tuples(st.integers(0, 42), st.integers(0, 42)), min_size=1, max_size=30))
def test_taken_spans_answer_as_the_list_they_replace(spans: list[tuple[int, int]],
                                                     queries: list[tuple[int, int]]) -> None:
    """The quote finder's Spans (merged, bisected) says a span is taken exactly when the plain list said so
    (``all(e <= a or s >= b for a, b in taken)``), empty and reversed spans and queries included."""
    from moralewatch.quotes_ruuk.finder import Spans

    taken = Spans()
    plain: list[tuple[int, int]] = []
    for span in spans:
        taken.append(span)
        plain.append(span)
        for s, e in queries:
            assert taken.overlaps(s, e) == (not all(e <= a or s >= b for a, b in plain)), (plain, s, e)
