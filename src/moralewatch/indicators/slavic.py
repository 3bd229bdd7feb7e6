"""Morale indicators in Russian and Ukrainian text (issue 17, item 4): ``indicators.ruuk.v5`` and ``v6``.

The English rules do not read Russian or Ukrainian (``langgate.v1`` drops what they find there); this stage reads
the paragraphs that ``language.v1`` labelled ``ru`` or ``uk`` and adds its indicators to the English ones.

How it works, and why:

* **Cues** are the regexes of ``data/ruuk/indicators/cues.txt``, the vocabulary of soldiers and milbloggers
  (мясные штурмы, СЗЧ, ТЦК, бусификация, нас кинули, двухсотые ...) and of official addresses, joined into one
  alternation and run once over a lower-cased copy of the text (ё read as е, every apostrophe as ``'``; the copy
  keeps every offset). Inflection is matched by stems with ``\\w*`` endings. pymorphy3 lemmatises properly but
  costs ~200 µs per distinct word form (5k words/s uncached, measured on the Telegram corpora), which alone
  would use up the speed budget of 25k words/s; the stems run inside the regex engine, at no measurable cost. The
  alternation is built as a trie of first letters (session 12, :func:`moralewatch.regex_trie.trie`: the same matches, ~15x faster).
* **Evidence** is the sentence of the cue (``segment.v1``'s sentences); one sentence carries an indicator once.
* **Size**: a loss is ``heavy_losses`` only when its sentence gives a size (25 or more, thousands, "huge"): the
  gold/ruuk convention (its README, hard case 1: V11 override 2 codes enemy kill tallies of dozens or more; smaller
  counts and a bare "есть потери" are not coded). Rules flagged ``mil`` also need a word for soldiers.
* **Subject side**: the cue's own side (ТЦК recruits for Ukraine), else the actor word nearest the cue in its
  sentence (``actors.txt``: ВСУ/укропы/ЗСУ are ua, ВС РФ/окупанти/орки are ru), else in the sentence before. The
  writer's words (наши, пацаны, захисники) are the side of the document's language: a Russian-language post's
  "наши" are Russian forces, a Ukrainian address's "наші" Ukrainian ones; "противник"/"ворог" is the other side.
  A Russian passage inside a Ukrainian address keeps the Ukrainian writer. With no actor at all the side is
  ``unknown`` (a wrong side is worse than none). ``v6`` chooses among the actor words of the sentence by their place
  in it (the cue's owner, its clause's subject, ...; :mod:`.slavic_actor`) rather than by nearness, and reads the
  writer's words inside a quote as its speaker's.
* **Confidence** is the indicator's precision on the dev set (``calibration.json``), not a guess.
* **Hedged** from the hedge cues of the sentence (``hedges.txt``); **negated** only for the rules that are denials.
* The claimant is left to the quote stages (Cyrillic quotes are another stage's work): ``None``/``unknown``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from ..errors import PipelineError
from ..layers.sentences import capped
from ..lexicons import compile_regex, data_root, lines, load_json
from ..model import INDICATORS, Document, Indicator
from ..pipeline import stage
from ..regex_trie import alternatives as _alternatives
from ..regex_trie import expanded as _expanded
from ..regex_trie import trie as _trie
from .slavic_actor import Actor, Structure, choose
from .tagger import LONGEST_SENTENCE

LANGS = ("ru", "uk")
#: the writer's side by document language
WRITER = {"ru": "ru", "uk": "ua"}
OTHER = {"ru": "ua", "ua": "ru"}
#: how far (characters) before and after a cue an actor word may stand, inside its sentence
NEAR = 200
#: the SIDE column of actors.txt: a force (ru, ua), the writer's own or the enemy, a country's name (weak: ru?, ua?),
#: a side's civilians (victims-ru, victims-ua: the perpetrator of an act against civilians is the other side)
ACTOR_SIDES = ("ru", "ua", "own", "enemy", "ru?", "ua?", "victims-ru", "victims-ua")
#: the indicator whose subject is the perpetrator, so that the victims' side names the other one
AGAINST_CIVILIANS = "orders_against_civilians"
#: a preposition just before a country's or city's name makes it a place or a target, not an actor
_PLACE_BEFORE = compile_regex(r"(?:^|\W)(?:в|во|у|на|под|під|из|із|з|по|до|от|від|через|для|против|проти)\s+$")
#: the smallest count that sizes a loss (gold/ruuk README, hard case 1)
MIN_COUNT = 25
#: a loss told with an active verb: the force named before it is the killer, not the killed (v5; not the impersonal
#: «ликвидировано»: «более 100 ВСУшников ликвидировано» names the killed before it)
_ACTIVE_KILL = compile_regex(r"(?:уничтожил|ликвидировал|знищил|ліквідувал|убил|вбил)")

# A translation that lower-cases without changing lengths (str.lower may: "İ" becomes two characters) and reads ё
# as е, every apostrophe as ' and a no-break space as a space (news channels write «на\u00a0фронт»: v5).
_FOLD = str.maketrans(
    {**{c: c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯІЇЄҐЎ"},
     "Ё": "е", "ё": "е", "’": "'", "ʼ": "'", "`": "'", "‘": "'", "\u00a0": " ", "\u202f": " "})
_NONDIGIT = compile_regex(r"\D")
#: a count; an ordinal («88-й бригады», «155-ї») counts nothing (v5)
_NUMBER = compile_regex(r"(?<![\w.,])(\d{1,3}(?:[  ]\d{3})+|\d+)(?:[.,]\d+)?(?![.,]?\d)(?!-[а-яіїє])\s*(%|тыс|тис)?")


@lru_cache(maxsize=4)
def fold(text: str) -> str:
    """``text`` lower-cased, ё as е, apostrophes as ``'``, no-break spaces as spaces: same length, so offsets carry
    over. The last few results are kept (session 15): the stages of a version fold the same document text several
    times (v8's tagging and its refusals, v13's families and hedges), a str's hash is computed once and kept."""
    return text.translate(_FOLD)


@dataclass(frozen=True)
class Rule:
    indicators: tuple[str, ...]
    langs: frozenset[str]
    side: str | None
    flags: frozenset[str]
    line: int


@dataclass(frozen=True)
class Lexicon:
    #: per paragraph language, the one alternation of the rules that read it (a rule of the other language never
    #: shadows one of this language at the same place: «мародеры» is a Ukrainian rule's and a Russian rule's cue)
    cues: dict[str, re.Pattern[str]]
    rules: tuple[Rule, ...]
    actors: re.Pattern[str]
    actor_sides: tuple[str, ...]
    hedges: re.Pattern[str]
    size: re.Pattern[str]
    soldiers: re.Pattern[str]
    military: re.Pattern[str]
    confidence: dict[str, float]


def _bad(path: str, n: int, why: str) -> PipelineError:
    return PipelineError("E110", f"data/{path}, rule {n}: {why}",
                         "fix the line (format: INDICATORS LANG SIDE FLAGS :: REGEX, see the file's header)")


def _calibration(path: str) -> dict[str, float]:
    """Per-indicator confidence (the indicator's precision on the dev set; ``_default`` for the others)."""
    data = load_json(path)
    try:
        return {k: float(v) for k, v in data.items() if k in INDICATORS or k == "_default"}
    except (TypeError, ValueError, AttributeError):
        raise _bad(path, 0, "expected an object of indicator -> precision") from None


def _which_name(name: str) -> int:
    """The rule (or actor line) of an alternative's name: ``r<rule>_<n>`` (``a<line>_<n>``, :func:`_named`)."""
    return int(name[1:].partition("_")[0])


def _which(m: re.Match[str]) -> int:
    """The rule (or actor line) of a match of a lexicon's alternation."""
    return _which_name(m.lastgroup or "r0_0")


def _alternation(path: str) -> re.Pattern[str]:
    body = "|".join(f"(?:{line})" for line in lines(path))
    try:
        pattern = compile_regex(rf"(?<!\w)(?:{body})")
        pattern.search("")  # compiled now: a bad line is an error at load, not at the first document
        return pattern
    except re.error as e:
        raise _bad(path, 0, f"the patterns do not compile: {e}") from None


def _rule(path: str, n: int, line: str) -> tuple[Rule, str]:
    """Line ``n`` of a ``cues.txt``: its rule and its regex, checked (a bad line is an error at load)."""
    head, sep, rx = line.partition(" :: ")
    cells = head.split()
    if not sep or len(cells) != 4:
        raise _bad(path, n, "expected INDICATORS LANG SIDE FLAGS :: REGEX")
    inds = tuple(cells[0].split(","))
    unknown = [i for i in inds if i not in INDICATORS]
    if unknown:
        raise _bad(path, n, f"not codebook indicators: {', '.join(unknown)}")
    langs = frozenset(LANGS) if cells[1] == "*" else frozenset(cells[1].split(","))
    if not langs <= set(LANGS) or cells[2] not in ("ru", "ua", "enemy", "-"):
        raise _bad(path, n, f"language {cells[1]!r} or side {cells[2]!r} unknown")
    flags = frozenset() if cells[3] == "-" else frozenset(cells[3].split(","))
    if not flags <= {"sized", "men", "mil", "neg", "hedge"}:
        raise _bad(path, n, f"unknown flags {cells[3]!r}")
    try:
        compile_regex(rx).search("")
    except re.error as e:
        raise _bad(path, n, f"the regex does not compile: {e}") from None
    return Rule(inds, langs, None if cells[2] == "-" else cells[2], flags, n), rx


def _named(regexes: list[str], prefix: str) -> list[tuple[str, str]]:
    """The alternatives of each regex (:func:`_expanded`), named ``<prefix><its index>_<n>``, in order."""
    pieces = [(i, x) for i, rx in enumerate(regexes) for a in _alternatives(rx) for x in _expanded(a)]
    return [(x, f"{prefix}{i}_{k}") for k, (i, x) in enumerate(pieces)]


def _one(path: str, named: list[tuple[str, str]], tail: str = "") -> re.Pattern[str]:
    """The alternation of ``named`` (:func:`_trie`) after a non-word character, compiled now."""
    pattern = compile_regex(rf"(?<!\w)(?:{_trie(named)}){tail}")
    try:
        pattern.search("")
    except re.error as e:
        raise _bad(path, 0, f"the alternation of the rules does not compile: {e}") from None
    return pattern


#: the lexicon of ``indicators.ruuk.v5`` and ``v6``
V6 = "ruuk/indicators"
#: the lexicon of ``indicators.ruuk.v7``: its own cues and actors (v6's with its session-11 rules: v6's output stays as
#: it was), v6's other files (hedges, sizes, soldiers, military words, calibration: :func:`_file`)
V7 = "ruuk/indicators_v7"
#: the files of a lexicon
FILES = ("cues.txt", "actors.txt", "hedges.txt", "size.txt", "soldiers.txt", "military.txt", "calibration.json")


@cache
def _file(root: str, name: str) -> str:
    """The data file ``name`` of the lexicon ``root``: its own, else v6's (session 12: v7 kept byte-identical copies
    of five of v6's files; its stage declares the v6 files it reads, so its stamp covers them)."""
    own = f"{root}/{name}"
    return own if root == V6 or (data_root() / own).is_file() else f"{V6}/{name}"


def cue_rules(path: str) -> tuple[dict[str, re.Pattern[str]], tuple[Rule, ...]]:
    """The cue rules of the file ``path``: one alternation per language (each rule in the languages it names) and
    the rules in file order (``v7``'s own file, or a later version's that replaces it)."""
    rules, regexes = zip(*(_rule(path, n, line) for n, line in enumerate(lines(path), 1)), strict=True)
    named = _named(list(regexes), "r")
    cues = {lang: _one(path, [(x, k) for x, k in named if lang in rules[_which_name(k)].langs], r"(?!\w)")
            for lang in LANGS}
    return cues, tuple(rules)


@cache
def _load(root: str) -> Lexicon:
    cues, rules = cue_rules(_file(root, "cues.txt"))
    sides: list[str] = []
    actors: list[str] = []
    apath = _file(root, "actors.txt")
    for n, line in enumerate(lines(apath), 1):
        side, sep, rx = line.partition(" :: ")
        if not sep or side not in ACTOR_SIDES:
            raise _bad(apath, n, f"expected SIDE :: REGEX with SIDE one of {', '.join(ACTOR_SIDES)}")
        actors.append(rx)
        sides.append(side)
    return Lexicon(
        cues=cues, rules=rules, actors=_one(apath, _named(actors, "a")), actor_sides=tuple(sides),
        hedges=_alternation(_file(root, "hedges.txt")), size=_alternation(_file(root, "size.txt")),
        soldiers=_alternation(_file(root, "soldiers.txt")), military=_alternation(_file(root, "military.txt")),
        confidence=_calibration(_file(root, "calibration.json")))


def load(root: str = V6) -> Lexicon:
    """The lexicon of ``root`` (checked on every call: the loaders refuse a stage that does not declare it)."""
    for name in FILES:
        if name.endswith(".json"):
            load_json(_file(root, name))
        else:
            lines(_file(root, name))
    return _load(root)


def _sized(lex: Lexicon, low: str, s: int, e: int) -> bool:
    if lex.size.search(low, s, e):
        return True
    for m in _NUMBER.finditer(low, s, e):
        if m.group(2):  # a share or "тыс."
            return True
        digits = _NONDIGIT.sub("", m.group(1))
        if digits and int(digits[:9]) >= MIN_COUNT and not (1900 <= int(digits[:9]) <= 2100 and len(digits) == 4):
            return True
    return False


def _military(lex: Lexicon, low: str, s: int, e: int) -> bool:
    """Whether ``[s, e)`` names soldiers, a force or a military thing (a country's name alone is not one: "Россия
    потеряла танки" is no loss of soldiers)."""
    if lex.soldiers.search(low, s, e) or lex.military.search(low, s, e):
        return True
    return any(lex.actor_sides[_which(m)] in ("ru", "ua", "enemy")
               for m in lex.actors.finditer(low, s, e))


def _side_of(actor: str, writer: str | None, against_civilians: bool = False) -> str | None:
    if actor.startswith("victims-"):  # «мирных украинцев», «український народ»: the victims, not the actor
        return OTHER[actor[len("victims-"):]] if against_civilians else None
    if actor in ("ru", "ua"):
        return actor
    if writer is None:
        return None
    return writer if actor == "own" else OTHER[writer]


def _actors(lex: Lexicon, low: str, s: int, e: int, cue_s: int, cue_e: int, writer: str | None,
            forces_only: bool = False, against_civilians: bool = False, how: Structure | None = None) -> list[Actor]:
    """The actor words within ``NEAR`` of the cue in ``[s, e)`` that name a side (see :func:`_actor_side`); ``how``
    (v6): the writer's words inside a quote are its speaker's."""
    out: list[Actor] = []
    for m in lex.actors.finditer(low, max(s, cue_s - NEAR), min(e, cue_e + NEAR)):
        actor = lex.actor_sides[_which(m)]
        weak = actor.endswith("?")
        if forces_only and actor in ("own", "enemy"):
            continue
        voice = how.writer_at(m.start(), writer) if how is not None and actor in ("own", "enemy") else writer
        side = _side_of(actor.rstrip("?"), voice, against_civilians)
        if weak and (against_civilians or side == writer) and _PLACE_BEFORE.search(low, max(0, m.start() - 10),
                                                                                    m.start()):
            continue
        if side is not None:
            out.append(Actor(m.start(), m.end(), side, weak))
    return out


def _actor_side(lex: Lexicon, low: str, s: int, e: int, cue_s: int, cue_e: int, writer: str | None,
                forces_only: bool = False, against_civilians: bool = False, how: Structure | None = None) -> str | None:
    """The side of the actor word nearest the cue in ``[s, e)`` (a word inside the cue counts first); a country's
    name (weak) only when no force is named, and not after a preposition in an act against civilians or for the
    writer's own country («на Київщині», «в Україні» in a Ukrainian address: where the enemy acts, not who);
    ``forces_only``: the writer's words (наши, противник) do not count; ``against_civilians``: a side's civilians
    name the other side as the perpetrator. ``how`` (v6): the actor is chosen by its place in the sentence
    (:mod:`.slavic_actor`), not by distance alone."""
    found = _actors(lex, low, s, e, cue_s, cue_e, writer, forces_only, against_civilians, how)
    if how is not None:
        return choose(low, found, (cue_s, cue_e), (s, e), how.lang, how.v7)
    best: dict[bool, tuple[int, str]] = {}
    for a in found:
        dist = 0 if a.start >= cue_s and a.end <= cue_e else \
            (cue_s - a.end if a.end <= cue_s else a.start - cue_e) + 1
        if a.weak not in best or dist < best[a.weak][0]:
            best[a.weak] = (dist, a.side)
    pick = best.get(False) or best.get(True)
    return pick[1] if pick else None


#: the writer's side and the subject of an item with no actor near it (indicator, writer's side -> side or None)
Voice = tuple[str | None, Callable[[str, str | None], str | None]]
#: indicators whose subject is, unless an actor says otherwise, the writer's own side in any language
POSITIVE = frozenset({"morale_high", "morale_boosting"})


def fallback_side(indicator: str, writer: str | None) -> str | None:
    """The subject when no actor is named near the cue (the finding of the gold/ruuk labelling, its README): in a
    Russian-language post an unattributed complaint is about the writer's own forces (milbloggers); in a Ukrainian
    address the negative claims are about the enemy and the praise about the writer's own forces."""
    if writer is None:
        return None
    if writer == "ru" or indicator in POSITIVE:
        return writer
    return OTHER[writer]


class _Sentences:
    def __init__(self, doc: Document) -> None:
        # judged in pieces of at most 2,000 characters, as the English tagger's (``tagger.LONGEST_SENTENCE``): each
        # cue reads its whole sentence, quadratic in one endless "sentence" of cues
        self.spans = capped(doc.text, doc.sentences or [(0, len(doc.text))], LONGEST_SENTENCE)
        self.starts = [s for s, _ in self.spans]

    def index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)


def _paragraph_languages(doc: Document) -> tuple[list[int], list[tuple[int, int, str]]]:
    paras = [(s, e, lab) for (s, e), lab in zip(doc.paragraphs, doc.paragraph_languages, strict=False)]
    if not paras:
        paras = [(0, len(doc.text), doc.language or "und")]
    return [s for s, _, _ in paras], paras


def _side(lex: Lexicon, rule: Rule, low: str, sents: _Sentences, si: int, span: tuple[int, int], para_start: int,
          m: re.Match[str], writer: str | None, how: Structure | None = None) -> str | None:
    """The subject side of a cue: the rule's own, else the actors of its sentence, else of the sentence before
    (``how``, v6: chosen by their place in the sentence, :mod:`.slavic_actor`)."""
    if rule.side in ("ru", "ua"):
        return rule.side
    enemy = rule.side == "enemy"
    civ = AGAINST_CIVILIANS in rule.indicators
    if _ACTIVE_KILL.match(low, m.start()) and "heavy_losses" in rule.indicators:
        return _killed_side(lex, low, span, m, writer)
    side = _actor_side(lex, low, span[0], span[1], m.start(), m.end(), writer, enemy, civ, how)
    if side is None and si > 0 and sents.spans[si - 1][1] > para_start:
        ps, pe = sents.spans[si - 1]
        side = _actor_side(lex, low, max(ps, para_start), pe, m.start(), m.end(), writer, enemy, civ, how)
    if side is None and how is not None and how.topic is not None and not civ:
        side = how.topic  # v7: the force the document is about, before the writer's own
    if side is None and enemy and writer is not None:
        side = OTHER[writer]
    return side


def topic(lex: Lexicon, low: str) -> str | None:
    """The force a document is about (v7): the side its force words name (ВСУ, ВС РФ, окупанти ...; not the writer's
    words, a country's name or civilians) when they name one side at least twice and twice as often as the other,
    else None. A cue whose sentence and the one before name no actor is about that force: a Russian news post on
    Ukrainian desertion goes on «... ушли в самоволку» without naming the ВСУ again."""
    counts = {"ru": 0, "ua": 0}
    for m in lex.actors.finditer(low):
        side = lex.actor_sides[_which(m)]
        if side in counts:
            counts[side] += 1
    best, other = max(counts, key=lambda k: counts[k]), min(counts, key=lambda k: counts[k])
    return best if counts[best] >= 2 and counts[best] >= 2 * counts[other] and best != other else None


def _killed_side(lex: Lexicon, low: str, span: tuple[int, int], m: re.Match[str], writer: str | None) -> str | None:
    """The side of a loss told with an active verb («ВСУ уничтожили 500 военнослужащих РФ», «Украинские
    подразделения уничтожили … живой силы наступающих»): the force named after the verb (the killed), else the other
    side of the one named before it (the killers)."""
    after = _actor_side(lex, low, m.end(), span[1], m.end(), m.end(), writer, forces_only=True)
    if after is not None:
        return after
    before = _actor_side(lex, low, span[0], m.start(), m.start(), m.start(), writer)
    return OTHER[before] if before is not None else None


def _voices(lex: Lexicon, low: str, doc: Document) -> tuple[tuple[int, int, str | None], ...]:
    """The document's quotes as ``(start, end, side)``: the speaker's side from the quote stage, else from a force
    named in the speaker's phrase or just before it («генерал-полковник ВСУ Дмитрий Марченко»), else None."""
    out = []
    for q in doc.quotes:
        side: str | None = q.side if q.side in ("ru", "ua") else None
        if side is None and q.speaker and q.speaker_start is not None and q.speaker_end is not None:
            # the speaker's phrase and its title before it, inside its sentence (not a pronoun's: «…ВСУ. Т.е. он»)
            start = max(0, q.speaker_start - 40)
            start = max(start, *(low.rfind(c, start, q.speaker_start) + 1 for c in ".!?\n"))
            side = _actor_side(lex, low, start, q.speaker_end, q.speaker_start, q.speaker_end, None, forces_only=True)
        out.append((q.start, q.end, side))
    return tuple(out)


def _holds(lex: Lexicon, rule: Rule, low: str, s: int, e: int) -> bool:
    """Whether the sentence ``[s, e)`` meets ``rule``'s conditions (a size, soldiers, a military context)."""
    if "sized" in rule.flags and not _sized(lex, low, s, e):
        return False
    if "men" in rule.flags and not lex.soldiers.search(low, s, e):
        return False
    return not ("mil" in rule.flags and not _military(lex, low, s, e))


def tag(doc: Document, structural: bool = False, root: str = V6, v7: bool = False, lexicon: Lexicon | None = None,
        rule_tag: str = "", voice: Voice | None = None) -> list[Indicator]:
    """The indicators of the Russian and Ukrainian paragraphs of ``doc``; ``structural`` (v6): the subject side from
    the actor's place in the sentence (:mod:`.slavic_actor`); ``root``: the lexicon (v7 reads its own); ``v7``: the
    sides of :class:`.slavic_actor.Structure`'s ``v7``; ``lexicon``: a lexicon of another version's cue rules in
    place of ``root``'s (``indicators.ruuk.v10``), whose items' ``rule`` carries ``rule_tag`` before the line;
    ``voice`` (``indicators.ruuk.v14``): the writer's side and the fallback in place of the language's."""
    starts, paras = _paragraph_languages(doc)
    if not any(lab in LANGS for _, _, lab in paras):
        return []
    lex = load(root) if lexicon is None else lexicon
    low = fold(doc.text)
    sents = _Sentences(doc)
    writer, fallback = (WRITER.get(doc.language or ""), fallback_side) if voice is None else voice
    out: list[Indicator] = []
    seen: set[tuple[int, str]] = set()
    voices: tuple[tuple[int, int, str | None], ...] | None = None  # the quotes and the topic: at the first cue
    about: str | None = None
    for ps, pe, lab in paras:
        if lab not in LANGS:
            continue
        for m in lex.cues[lab].finditer(low, ps, pe):
            si = sents.index(m.start())
            s, e = sents.spans[si]
            rule = lex.rules[_which(m)]
            if not _holds(lex, rule, low, max(s, ps), min(max(e, m.end()), pe)):
                continue
            if all((si, name) in seen for name in rule.indicators):
                continue  # the sentence carries these already: no side to find (same output, less work)
            if voices is None:
                voices = _voices(lex, low, doc) if structural else ()
                about = topic(lex, low) if v7 else None
            s, e = max(s, ps), min(max(e, m.end()), pe)
            side = _side(lex, rule, low, sents, si, (s, e), ps, m, writer, Structure(lab, voices, v7, about) if structural else None)
            while e > s and doc.text[e - 1].isspace():
                e -= 1
            while s < e and doc.text[s].isspace():
                s += 1
            hedged = "hedge" in rule.flags or lex.hedges.search(low, s, e) is not None
            for name in rule.indicators:
                if (si, name) in seen:
                    continue
                seen.add((si, name))
                out.append(Indicator(
                    indicator=name, start=s, end=e, text=doc.text[s:e],
                    subject_side=side or fallback(name, writer) or "unknown",
                    hedged=hedged, negated="neg" in rule.flags,
                    confidence=lex.confidence.get(name, lex.confidence.get("_default", 0.5)),
                    rule=f"ruuk:{lab}:{rule_tag}{rule.line}", cue=doc.text[m.start():m.end()]))
    return out


@stage("indicators.ruuk.v5", requires=("language", "sentences", "indicators"), provides=("indicators_ruuk",))
def tag_ruuk(doc: Document, config: Mapping[str, Any]) -> None:
    """Add the indicators of the Russian and Ukrainian paragraphs (:mod:`.slavic`) to ``doc.indicators``."""
    found = tag(doc)
    if found:
        doc.indicators = sorted([*doc.indicators, *found], key=lambda i: (i.start, i.end, i.indicator))


@stage("indicators.ruuk.v6", requires=("language", "sentences", "quotes", "indicators"), provides=("indicators_ruuk",))
def tag_ruuk_v6(doc: Document, config: Mapping[str, Any]) -> None:
    """``indicators.ruuk.v5`` with the subject side from the actor's place in the sentence (:mod:`.slavic_actor`:
    the cue's owner, its clause's subject) rather than from the nearest actor word."""
    found = tag(doc, structural=True)
    if found:
        doc.indicators = sorted([*doc.indicators, *found], key=lambda i: (i.start, i.end, i.indicator))


@stage("indicators.ruuk.v7", requires=("language", "sentences", "quotes", "indicators"), provides=("indicators_ruuk",))
def tag_ruuk_v7(doc: Document, config: Mapping[str, Any]) -> None:
    """``indicators.ruuk.v6`` with the lexicon of session 11 (``data/ruuk/indicators_v7``): the soldiers' and
    milbloggers' paraphrases that dev c's annotator coded and v6 did not read, and fewer false alarms."""
    found = tag(doc, structural=True, root=V7, v7=True)
    if found:
        doc.indicators = sorted([*doc.indicators, *found], key=lambda i: (i.start, i.end, i.indicator))


__all__ = ["V6", "V7", "Lexicon", "fold", "load", "tag", "tag_ruuk", "tag_ruuk_v6", "tag_ruuk_v7"]
