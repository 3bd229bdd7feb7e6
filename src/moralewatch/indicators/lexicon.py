"""The indicator lexicons (``data/indicators``), compiled once per process.

Cue rules are data, not code, so that a reviewer can read what fires and why, and so that a new phrasing is a
one-line change. Every rule carries a label (``indicator/label``) that ends up in the indicator's ``rule`` field, so
the dashboard can say which rule produced an item.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property

from .. import lexicons
from ..model import INDICATORS

BASE = "indicators"
#: a "word and a space" in a cue rule also accepts words with apostrophes or hyphens and any run of whitespace
_WORD_GAP = r"(?:[\w'’-]+\s+)"
#: the flags every cue regex is compiled with
CUE_FLAGS = re.I


@dataclass(frozen=True)
class Rule:
    """One cue rule of one indicator.

    ``source`` is the expanded regex; ``pattern`` compiles it on first use (from the shipped compiled form: see
    :func:`moralewatch.lexicons.compile_regex`), so a rule whose literal anchors never occur in a text (see
    :mod:`.prefilter`, which reads ``source`` only) is never compiled at all."""

    indicator: str
    name: str  # "indicator/label": what fired, for the dashboard and for calibration
    source: str
    unless: re.Pattern[str] | None
    needs_military: bool
    side_is_context: bool
    #: the first ``indicators.v<N>`` that reads the rule (flag ``[v7]``: ``indicators.v7`` and later; older
    #: versions skip it, so their output does not change)
    since: int = 3
    #: a rule of ``voice_cues.txt`` (``indicators.v10``): it fires only in a soldier's, POW's or relative's own words
    #: (:func:`moralewatch.indicators.testimony.in_voice`)
    voice: bool = False

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return lexicons.compile_regex(self.source, CUE_FLAGS)


@dataclass(frozen=True)
class Lexicon:
    """Everything the tagger reads from the data files."""

    rules: tuple[Rule, ...]
    hedges: re.Pattern[str]
    negators: re.Pattern[str]
    exclusions: dict[str, re.Pattern[str]]
    sides: dict[str, re.Pattern[str]]
    force: re.Pattern[str]
    calibration: dict[str, float]
    #: words of war: a document without any is not war reporting (``war_words.txt``)
    war: re.Pattern[str]
    #: words of money and business: a cue in a sentence with one and no word of war is in another sense
    other_senses: re.Pattern[str]
    #: words of one side's own voice (``voice.txt``): side -> pattern
    voice: dict[str, re.Pattern[str]]
    #: standing disclaimers, credits, licence lines (``boilerplate.txt``): never evidence; the sentence that has
    #: one of ``boilerplate``, the paragraph that has one of ``disclaimers``
    boilerplate: re.Pattern[str]
    disclaimers: re.Pattern[str]
    #: actors of other wars (``other_wars.txt``)
    other_wars: re.Pattern[str]


def _split(line: str) -> list[str]:
    return [part.strip() for part in line.split(" :: ")]


@cache
def macros() -> dict[str, str]:
    """``{NAME}`` expansions shared by every rule file."""
    out = {}
    for line in lexicons.lines(f"{BASE}/macros.txt"):
        name, rx = _split(line)
        out[name] = rx
    return out


def expand(rx: str) -> str:
    """Expand macros; make ``(?:\\w+ )`` word gaps accept apostrophes and hyphens, and a space a run of spaces
    (the tagger matches on a copy of the text with line breaks and quotation marks turned into spaces)."""
    for name, value in macros().items():
        rx = rx.replace("{" + name + "}", value)
    rx = rx.replace(r"(?:\w+ )", _WORD_GAP)
    return rx.replace(" ?", "\0").replace(" ", " +").replace("\0", " *")


def cue_source(rx: str) -> str:
    """A cue regex expanded and anchored on word boundaries at both ends (compiled with :data:`CUE_FLAGS`)."""
    return r"(?<![\w])(?:" + expand(rx) + r")(?![\w])"


def compile_cue(rx: str) -> re.Pattern[str]:
    """A cue regex, case-insensitive, anchored on word boundaries at both ends."""
    return lexicons.compile_regex(cue_source(rx), CUE_FLAGS)


#: what :func:`top_level_branches` must look at: escapes, class brackets, parentheses and bars (nothing else matters)
_STRUCTURE = lexicons.compile_regex(r"\\[\s\S]?|\[\]?|[\]()|]")


def top_level_branches(rx: str) -> list[str]:
    """Split a regex at its top-level ``|``: each branch becomes its own pattern, so that the prefilter can give each
    one its own selective anchors (one weak branch would otherwise send the whole rule to many sentences)."""
    out, depth, start, in_class = [], 0, 0, False
    for m in _STRUCTURE.finditer(rx):
        tok = m.group()
        c = tok[0]
        if c == "\\":
            continue
        if in_class:
            in_class = tok != "]" and tok != "[]"  # "[]" inside a class: a "[" and the class's closing "]"
        elif c == "[":
            in_class = True  # "[]...": a "]" right after the opening bracket is a literal
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(rx[start:m.start()])
            start = m.end()
    out.append(rx[start:])
    return [b for b in out if b]


def parse_rules(indicator: str, line: str) -> list[Rule]:
    """``label [flags] :: regex [:: unless]`` -> one :class:`Rule` per top-level branch, all with the line's name."""
    parts = _split(line)
    if len(parts) not in (2, 3):
        raise ValueError(f"bad cue rule for {indicator}: {line[:80]!r}")
    head = parts[0].split()
    flags = set()
    if len(head) > 1:
        flags = {f.strip("[]") for f in head[1:]}
    unless = compile_cue(parts[2]) if len(parts) == 3 else None
    since = max([int(f[1:]) for f in flags if f[:1] == "v" and f[1:].isdigit()] or [3])
    return [Rule(indicator, f"{indicator}/{head[0]}", cue_source(branch), unless,
                 "mil" in flags or "side" in flags, "side" in flags, since) for branch in top_level_branches(parts[1])]


#: ``indicators.v10``'s cue rules of soldiers' own words (``data/indicators/voice_cues.txt``)
VOICE_CUES = f"{BASE}/voice_cues.txt"
#: the first version that reads :data:`VOICE_CUES`
VOICE_SINCE = 10


def parse_voice_rules(line: str) -> list[Rule]:
    """A line of :data:`VOICE_CUES`: ``indicator/label [flags] :: regex [:: unless]``, read from ``indicators.v10``
    on, each rule firing only in a soldier's, POW's or relative's own words."""
    indicator, sep, rest = line.partition("/")
    if not sep or indicator not in INDICATORS:
        raise ValueError(f"bad voice cue rule (indicator/label first): {line[:80]!r}")
    return [Rule(r.indicator, r.name, r.source, r.unless, r.needs_military, r.side_is_context,
                 max(r.since, VOICE_SINCE), True) for r in parse_rules(indicator, rest)]


def _union(lines: tuple[str, ...]) -> re.Pattern[str]:
    alts = []
    for line in lines:
        alts.append(line[3:] if line.startswith("re:") else r"\b" + re.escape(line) + r"\b")
    return lexicons.compile_regex("|".join(f"(?:{a})" for a in alts), re.I | re.M)


def _any(rxs: Iterable[str]) -> re.Pattern[str]:
    return lexicons.compile_regex("|".join(f"(?:{rx})" for rx in rxs), re.I | re.M)


@cache
def load() -> Lexicon:
    """Read and compile every data file once per process."""
    rules = []
    for indicator in INDICATORS:
        for line in lexicons.lines(f"{BASE}/cues/{indicator}.txt"):
            rules.extend(parse_rules(indicator, line))
    for line in lexicons.lines(VOICE_CUES):
        rules.extend(parse_voice_rules(line))
    exclusions: dict[str, list[str]] = {}
    for line in lexicons.lines(f"{BASE}/exclusions.txt"):
        key, rx = _split(line)
        exclusions.setdefault(key, []).append(rx)
    branches: dict[str, list[str]] = {}  # side -> its patterns (data/kb/sides.tsv, kind side_pattern), in order
    for entry in lexicons.kb("sides"):
        if entry.kind == "side_pattern":
            branches.setdefault(entry.side, []).extend(f.removeprefix("re:") for f in entry.names_for("indicators"))
    sides = {side: lexicons.compile_regex(r"(?<![\w])(?:" + "|".join(rx) + r")(?![\w])", re.I)
             for side, rx in branches.items()}
    calibration = lexicons.load_json(f"{BASE}/calibration.json")
    return Lexicon(
        rules=tuple(rules),
        hedges=_union(lexicons.lines(f"{BASE}/hedges.txt")),
        negators=_union(lexicons.lines(f"{BASE}/negations.txt")),
        exclusions={k: compile_cue("|".join(f"(?:{r})" for r in v)) for k, v in exclusions.items()},
        sides=sides,
        force=compile_cue("{FORCE}|military|front ?lines?|the front|trenches|combat|battlefield|commanders?|officers?"
                          "|generals?|wagner|azov|pows?|prisoners of war|captives?|recruits|mobili[sz]\\w*|draft"
                          "|enemy|both sides|offensive|artillery|ammunition|ammo|munitions|shells|missiles|rockets"
                          "|weapons|arms|howitzers|tanks|air defen[cs]es?|air power|defence ministry|defense ministry"
                          "|ministry of defen[cs]e|war effort|invasion|invading|occupiers|defenders"),
        calibration={k: float(v) for k, v in calibration["precision"].items()},
        war=_union(lexicons.lines(f"{BASE}/war_words.txt")),
        other_senses=_union(lexicons.lines(f"{BASE}/other_senses.txt")),
        voice={side: lexicons.compile_regex(rx, re.I) for side, rx in map(_split, lexicons.lines(f"{BASE}/voice.txt"))},
        boilerplate=_any(rx for rx in lexicons.lines(f"{BASE}/boilerplate.txt") if not rx.startswith("para:")),
        disclaimers=_any(rx[5:] for rx in lexicons.lines(f"{BASE}/boilerplate.txt") if rx.startswith("para:")),
        other_wars=_any(lexicons.lines(f"{BASE}/other_wars.txt")),
    )


def rules_for(indicator: str) -> tuple[Rule, ...]:
    return tuple(r for r in load().rules if r.indicator == indicator)
