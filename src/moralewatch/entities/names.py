"""People, organisations and places from capitalised token runs: one compiled pattern over the text.

Why runs: every name in English reporting is a run of capitalised tokens ("Woodrow Wilson International Center",
"Vladimir Putin", "Kherson"), possibly joined by "of"/"for"/"the" ("Institute for the Study of War"). One regex
finds the runs; each run is then cut greedily, longest first, against the lexicons (blocked names, organisations,
the gazetteer), and what is left is classified with titles, first names, organisation head nouns and cue context.
A place is kept only when nothing around it says it is part of another name: "Washington Post", "Vladimir Putin",
"Lloyd Austin", "Hero of Ukraine" give no place.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from ..lexicons import compile_regex, kb, lines
from ..model import Entity
from ..wordlists import fill
from .context import oblast_named_after
from .dates import word_starts_before
from .gazetteer import Candidate, gazetteer


def _words(template: str) -> str:
    """A pattern of this module with its word lists from data/entities/words/patterns.txt (see moralewatch.wordlists)."""
    return fill("entities/words/patterns.txt", template)


_TIME = _words(r"(?:@names.time@)\b")
_WORD = rf"(?!{_TIME})[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w]*(?:[-’'](?!s\b)[\w]+)*(?:[’']s(?=\s+Republic))?"
_TITLES = _words("@names.titles@")
_TOKEN = rf"(?:[A-Z]\.){{2,}}|[A-Z]\.(?=[ \t]+[A-Z][a-z])|[A-Z]{{2,4}}(?=-\w)|(?:{_TITLES})\.|{_WORD}|(?<!\d)\d++(?:st|nd|rd|th)\b"
_CONNECT = _words(r"(?:@names.connect@)")
TOKEN = compile_regex(_TOKEN)
RUN = compile_regex(rf"(?<![\w.\-])(?:{_TOKEN})(?:[ \t]+(?:{_CONNECT}[ \t]+)*(?:{_TOKEN}))*")
_REGION_AFTER = compile_regex(_words(r"[ \t]{1,80}+(?:@names.region_after@)\b"),
                              re.I)
_REGION_BEFORE = compile_regex(_words(r"\b(?:@names.region_before@)\s+(?:of|in)\s+(?:(?:the\s+)?[A-Z][\w’'-]*(?:\s+and\s+|,\s*))"
                                      r"*$"), re.I)
_PLACE_BEFORE = compile_regex(_words(r"\b(?:@names.place_before@)\s+$"),
                              re.I)
_STRICT_BEFORE = compile_regex(_words(r"\b(?:@names.strict_before@)\s+$"), re.I)
_CUE_AFTER = compile_regex(_words(r"^(?:,\s+(?:@names.cue_after.1@)\b|\s+(?:@names.cue_after.2@)\b)"))
_CUE_BEFORE = compile_regex(_words(r"\b(?:@names.cue_before@),?\s+$"), re.I)
_APPOSITION = compile_regex(_words(r"\b(?:@names.apposition@)\s*,\s*$"), re.I)
_REGION_WORDS = frozenset("Province Region Oblast Krai PROVINCE REGION OBLAST Governor Governorate".split())
_LISTED_AFTER = compile_regex(r",?\s{1,80}+(?:and|or)\s+[A-Z]|,\s+(?:Ukraine|Russia|Crimea)\b|\s{1,80}+(?:village|town|city)\b")
_COMMA_ALIAS = compile_regex(r",\s*(?:D\.C\.|DC)")
_SAID = compile_regex(_words(r"\s{1,80}+(?:@names.said@)\b"))
_ROMAN = compile_regex(r"^(?:II|III|IV|Jr\.?|Sr\.?|[A-Z]\.)$")
_OBLAST_SUFFIX = compile_regex(_words(r"\s{1,80}+(?:@names.oblast_suffix@)$"))


class Spans:
    """Sorted, non-overlapping spans with an O(log n) overlap test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1  # the last span starting before ``end``
        return i >= 0 and self.spans[i][1] > start


@dataclass(frozen=True)
class Lexicon:
    orgs: dict[str, str]  # surface -> canonical name
    orgs_after_the: dict[str, str]
    people: dict[str, str]  # surface -> full name
    blocked: frozenset[str]
    titles: frozenset[str]
    title_max: int
    heads: frozenset[str]
    water: frozenset[str]
    first_names: frozenset[str]
    modifiers: frozenset[str]
    lowercase_orgs: re.Pattern[str]
    common: frozenset[str]
    breakers: frozenset[str]


@cache
def lexicon() -> Lexicon:
    """The organisation, title and name lexicons (data/entities, and data/kb for organisations, people and titles),
    loaded once per process."""
    orgs: dict[str, str] = {}
    after_the: dict[str, str] = {}
    for entry in kb("orgs"):  # data/kb/: the forms the entity stage reads, the name first
        names = entry.names_for("entities")
        if not names:
            continue
        canon = names[0].removeprefix("the:")
        for n in names:
            if n.startswith("the:"):
                after_the[n[4:]] = canon
            else:
                orgs[n] = canon
    blocked = frozenset(n for line in lines("entities/not_entities.txt") for n in line.split("|"))
    titles = frozenset(t.lower() for e in kb("titles") for t in e.names_for("entities"))
    words = [w for line in lines("entities/first_names.txt") for w in line.split()]
    mods = [w for line in lines("entities/modifiers.txt") for w in line.split()]
    people = {}
    for entry in kb("people"):
        names = entry.names_for("entities")
        people.update({n: names[0] for n in names})
    lower = "|".join(f"(?:{p})" for p in lines("entities/lowercase_orgs.txt"))
    return Lexicon(orgs, after_the, people, blocked, titles, max(t.count(" ") + 1 for t in titles),
                   frozenset(lines("entities/org_heads.txt")), frozenset(lines("entities/water_heads.txt")),
                   frozenset(words), frozenset(mods), compile_regex(rf"(?<![\w-])(?:{lower})(?![\w-])", re.I),
                   frozenset(lines("entities/common_words.txt")),
                   frozenset(w for line in lines("entities/function_words.txt") for w in line.split()))


@dataclass
class Piece:
    """A classified stretch of a run: ``kind`` is org, person, place, blocked, title, mod or word."""

    kind: str
    start: int
    end: int
    text: str
    name: str | None = None
    cands: tuple[Candidate, ...] = ()


@dataclass
class Found:
    entities: list[Entity] = field(default_factory=list)
    people: dict[str, str] = field(default_factory=dict)  # surname / given name -> full name
    titles: Spans = field(default_factory=lambda: Spans([]))  # title-case lines (headlines)
    in_context: bool = False  # entities.v2: an oblast named right after a village is place context


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]


def _cut(text: str, toks: list[tuple[int, int]], lex: Lexicon) -> list[Piece]:
    """Greedy longest-first cut of a run into lexicon pieces; leftovers are single-token pieces."""
    gaz = gazetteer()
    out: list[Piece] = []
    i, n = 0, len(toks)
    firsts = _multi_first()
    while i < n:
        piece = None
        longest = min(n, i + 7) if text[toks[i][0]:toks[i][1]].lower() in firsts else i + 1
        for j in range(longest - 1, i - 1, -1):
            s, e = toks[i][0], toks[j][1]
            surface = text[s:e]
            if surface in lex.blocked:
                piece = Piece("blocked", s, e, surface)
            elif surface in lex.orgs:
                piece = Piece("org", s, e, surface, lex.orgs[surface])
            elif surface in lex.people:
                piece = Piece("person", s, e, surface, lex.people[surface])
            elif surface in lex.orgs_after_the and text[max(0, s - 4):s].lower() == "the ":
                piece = Piece("org", s, e, surface, lex.orgs_after_the[surface])
            elif j - i < gaz.max_tokens and (cands := gaz.lookup(surface)):
                piece = Piece("place", s, e, surface, cands=cands)
            elif j - i < lex.title_max and surface.lower() in lex.titles:
                piece = Piece("title", s, e, surface)
            if piece:
                i = j + 1
                break
        if piece is None:
            s, e = toks[i]
            surface = text[s:e]
            piece = Piece("mod" if surface in lex.modifiers or surface in lex.breakers else "word", s, e, surface)
            i += 1
        out.append(piece)
    return out


def _merge_given_names(text: str, pieces: list[Piece]) -> list[Piece]:
    """"Volodymyr Zelenskiy": a capitalised token right before a known surname is the given name, not a place."""
    out: list[Piece] = []
    for p in pieces:
        if p.kind == "person":
            start = p.start
            while (out and p.start - start < 40 and " " not in out[-1].text and not text[out[-1].end:start].strip()
                   and (out[-1].kind == "word" or (out[-1].kind == "place" and out[-1].text in _given_names()))):
                start = out.pop().start
            if start != p.start:
                p = Piece("person", start, p.end, text[start:p.end], text[start:p.end])
        out.append(p)
    return out


def _given_names() -> frozenset[str]:
    return lexicon().first_names


@cache
def _multi_first() -> frozenset[str]:
    """Lower-cased first tokens of every multi-token lexicon or gazetteer name: a run token that opens none of
    them is looked up alone (most tokens), which keeps the cut linear in practice."""
    lex, gaz = lexicon(), gazetteer()
    names = [*lex.orgs, *lex.orgs_after_the, *lex.blocked, *lex.people, *lex.titles, *gaz.folded, *gaz.exact]
    return frozenset(n.split(" ", 1)[0].lower() for n in names if " " in n)


def _segments(pieces: list[Piece]) -> list[list[Piece]]:
    """Maximal stretches of adjacent word/place/mod pieces (titles, orgs and blocked names cut them)."""
    segs: list[list[Piece]] = []
    cur: list[Piece] = []
    breakers = lexicon().breakers
    for p in pieces:
        if p.kind in ("word", "place") or (p.kind == "mod" and p.text not in breakers):
            cur.append(p)
        elif p.kind == "mod":  # a function word: ends this name, and is no part of the next
            if cur:
                segs.append(cur)
            cur = []
        else:
            if cur:
                segs.append(cur)
            cur = []
    if cur:
        segs.append(cur)
    return segs


_OF_FOR_AFTER = compile_regex(r"^\s+(?:of|for)\b")


def _org_from(seg: list[Piece], k: int, text: str, lex: Lexicon) -> Entity:
    """An organisation ending at head ``seg[k]``, extended over an "of/for X" tail, without a leading "The"."""
    start_i = 0
    while start_i < k and seg[start_i].kind == "mod" and seg[start_i].text not in _DEMONYM_KEEP:
        start_i += 1
    end_i = k
    if k + 1 < len(seg) and _OF_FOR_AFTER.match(text[seg[k].end:seg[k + 1].start]):
        end_i = len(seg) - 1  # "Commission for the Conservation of Antarctic Marine Living Resources"
    s, e = seg[start_i].start, seg[end_i].end
    return Entity("org", s, e, text[s:e], name=text[s:e], rule="org.head")


_DEMONYM_KEEP = frozenset("Russian Ukrainian American British European Soviet German French Polish Belarusian "
                          "Chechen Georgian Moldovan".split())


def _classify_segment(seg: list[Piece], text: str, prev: Piece | None, lex: Lexicon, found: Found) -> None:
    """Turn one segment into organisations, people and places."""
    if prev is not None and prev.kind == "title" and _is_person(seg, text, prev, lex, found):
        return  # "Mr. Konstantinov": a person, whatever the gazetteer says
    if _headed_org(seg, text, lex, found):
        return
    words = [p for p in seg if p.kind == "word"]
    places = [p for p in seg if p.kind == "place"]
    if not words:
        for p in places:
            _add_place(p, seg, text, found)
        return
    if _is_person(seg, text, prev, lex, found):
        return
    for k, p in enumerate(seg):
        if p.kind == "place" and not _part_of_another_name(seg, k, text, lex, found):
            _add_place(p, seg, text, found)


def _headed_org(seg: list[Piece], text: str, lex: Lexicon, found: Found) -> bool:
    """An organisation named by its head word ("Defence Ministry", "Ministry of Defence"); what follows it in the
    segment is classified on its own ("... Directorate Says Kharkiv Was Hit")."""
    heads = [k for k, p in enumerate(seg) if p.kind == "word" and p.text in lex.heads]
    if not heads:
        return False
    k = heads[-1]
    named_before = any(p.kind != "mod" or p.text in _DEMONYM_KEEP for p in seg[:k])
    tail = k + 1 < len(seg) and _OF_FOR_AFTER.match(text[seg[k].end:seg[k + 1].start])
    if not (named_before or tail):
        return False
    org = _org_from(seg, k, text, lex)
    found.entities.append(org)
    rest = [p for p in seg if p.start >= org.end]
    if rest:
        _classify_segment(rest, text, None, lex, found)
    return True


def _part_of_another_name(seg: list[Piece], k: int, text: str, lex: Lexicon, found: Found) -> bool:
    """Unknown capitalised words beside a place make it part of another name ("Washington Nationals"); a water
    word after it too ("Black Sea")."""
    p = seg[k]
    left = seg[k - 1] if k else None
    right = seg[k + 1] if k + 1 < len(seg) else None
    if found.titles.overlaps(p.start, p.end):
        left = right = None  # a title-case headline: every word is capitalised, none says "name"
    if (left and left.kind == "word" and not _opens_sentence(text, left)) or (
        right and right.kind == "word" and right.text not in lex.water and right.text not in _REGION_WORDS
    ):
        return True
    return bool(right and right.text in lex.water)


def _opens_sentence(text: str, p: Piece) -> bool:
    """A sentence-opening verb form or adverb ("Recapturing Kherson", "Recently Kyiv"), not a given name."""
    return _sentence_start(text, p.start) and p.text.lower().endswith(("ing", "ly", "ed"))


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):pos]
    return pos == 0 or not before.strip() or before.rstrip()[-1:] in ".!?:\"“”‘’«—–-\n"


def _big_place(p: Piece) -> bool:
    """A country, region or big city: after a name it is a place ("Philip Oltermann, Germany"), while a small
    town's name there is a surname ("Oleksiy Danilov")."""
    best = p.cands[0].place
    return best.feature != "city" or best.population >= 500_000


def _name_core(seg: list[Piece], text: str) -> list[Piece]:
    """The name-like head of a segment: no leading modifier, nothing past an "of" ("Mario Draghi of Italy"), and
    no trailing place ("Philip Oltermann Germany")."""
    core: list[Piece] = []
    for p in seg:
        if p.kind == "mod" and not core:
            continue
        if core and (p.kind == "mod" or text[core[-1].end:p.start].strip()):
            break
        core.append(p)
    while len(core) > 1 and core[-1].kind == "place" and _big_place(core[-1]):
        core.pop()
    return core


def _is_person(seg: list[Piece], text: str, prev: Piece | None, lex: Lexicon, found: Found) -> bool:
    """A segment of 1-4 name-like tokens is a person when a title, a given name or a cue says so."""
    core = _name_core(seg, text)
    if not core or len(core) > 4 or any(p.text.isupper() and len(p.text) > 1 and not _ROMAN.match(p.text) for p in core):
        return False
    s, e = core[0].start, core[-1].end
    titled = prev is not None and prev.kind == "title" and text[prev.end:s].strip() == ""
    given = core[0].text in lex.first_names
    cue = bool(_CUE_AFTER.match(text[e:e + 20]) or _CUE_BEFORE.search(text[max(0, s - 30):s]))
    if len(core) == 1:
        full = found.people.get(core[0].text)
        named = core[0].kind == "word" and bool(_APPOSITION.search(text[max(0, s - 20):s])) and text[e:e + 1] == ","
        if full or titled or named:
            found.entities.append(Entity("person", s, e, text[s:e], name=full or core[0].text, rule="person.ref"))
            return True
        return False
    common = [p.text.lower() in lex.common for p in core]
    if not (titled or given or (cue and all(p.kind == "word" for p in core) and not any(common))):
        return False
    name = text[s:e]
    found.entities.append(Entity("person", s, e, name, name=name, rule="person.name"))
    found.people.setdefault(core[-1].text, name)
    if given:
        found.people.setdefault(core[0].text, name)
    return True


def _plausible(cand: Candidate, text: str, s: int, e: int, region_ctx: bool, in_context: bool = False) -> bool:
    """Small places need the text to say "place": a village name alone ("Mama", "Mir"), a town's alternate
    spelling ("Aga" for Aginskoye), a capitalised acronym ("INA") or a town that "said" something is more often
    a word, a company or a person."""
    pl = cand.place
    if pl.feature != "city" or region_ctx:
        return True
    context = bool(_PLACE_BEFORE.search(text[max(0, s - 12):s]) or _LISTED_AFTER.match(text, e)
                   or (in_context and oblast_named_after(text, e)))
    local = pl.country in ("UA", "RU")
    if local and pl.population < 15000 and not context:
        return False
    if local and not cand.primary and pl.population < 20_000 and not context:
        return False
    if text[s:e].isupper() and pl.population < 100_000 and not _LISTED_AFTER.match(text, e):
        return False
    return not (pl.population < 100_000 and _SAID.match(text, e))


def _add_place(p: Piece, seg: list[Piece], text: str, found: Found) -> None:
    cand = p.cands[0]
    s, e = p.start, p.end
    if p.text in found.people:  # "Austin" after "Lloyd Austin": the person, not the city
        found.entities.append(Entity("person", s, e, p.text, name=found.people[p.text], rule="person.ref"))
        return
    m = _OBLAST_SUFFIX.search(p.text)
    region_ctx = bool(m) or bool(_REGION_AFTER.match(text, e)) or bool(_REGION_BEFORE.search(text[max(0, s - 80):s]))
    if m:
        e = s + m.start()
    if region_ctx:
        regional = [c for c in p.cands if c.place.feature == "region" and c.place.country == cand.place.country]
        cand = regional[0] if regional else cand
    if cand.common and not (region_ctx or _PLACE_BEFORE.search(text[max(0, s - 12):s])):
        return
    if cand.place.feature != "country" and text[s:e] in lexicon().first_names and not (
        region_ctx or _STRICT_BEFORE.search(text[max(0, s - 12):s])
    ):
        return
    pl = cand.place
    if not _plausible(cand, text, s, e, region_ctx, found.in_context):
        return
    if (ext := _COMMA_ALIAS.match(text, e)) and gazetteer().lookup(text[s:ext.end()]):
        e = ext.end()  # "Washington, D.C." is one place
    found.entities.append(Entity("place", s, e, text[s:e], name=pl.name, lat=pl.lat, lon=pl.lon, country=pl.country,
                                 admin1=pl.admin1, geonameid=pl.geonameid, granularity=pl.feature, rule="place.gaz"))


_LOWER_ANCHOR = compile_regex(r"ministry|council|command|army|armed|military|navy|air force|staff|agency", re.I)


def _lowercase_orgs(text: str, lex: Lexicon, taken: Spans) -> list[Entity]:
    """House-style lower-case organisations, searched only near their head words (speed)."""
    out: list[Entity] = []
    last = 0
    for a in _LOWER_ANCHOR.finditer(text):
        if a.start() < last:
            continue
        for st in [*word_starts_before(text, a.start(), 45), a.start()]:
            m = lex.lowercase_orgs.match(text, st) if st >= last else None
            if m is None or m.end() < a.end():
                continue
            last = m.end()
            if not taken.overlaps(m.start(), m.end()):
                out.append(Entity("org", m.start(), m.end(), m.group(), name=m.group(), rule="org.lower"))
            break
    return out


_LINE = compile_regex(r"[^\n]+")
_LONG_WORD = compile_regex(r"(?<![\w’'-])[A-Za-z][\w’'-]{3,}")


def _title_lines(text: str) -> Spans:
    """Short lines written in title case ("Russian Forces Pound Kharkiv as Talks Stall")."""
    spans = []
    for m in _LINE.finditer(text):
        if not 12 <= m.end() - m.start() <= 160:
            continue
        words = _LONG_WORD.findall(m.group())
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            spans.append(m.span())
    return Spans(spans)


def find_names(text: str, in_context: bool = False) -> list[Entity]:
    """People, organisations and places in ``text``, sorted by start; spans never overlap. ``in_context``
    (entities.v2): a village followed by its oblast ("Pavlivka, Donetsk region") is a place, as after "in"."""
    lex = lexicon()
    found = Found(titles=_title_lines(text), in_context=in_context)
    pending: list[tuple[list[Piece], Piece | None]] = []
    for m in RUN.finditer(text):
        pieces = _cut(text, _tokens(text, m.start(), m.end()), lex)
        pieces = _merge_given_names(text, pieces)
        for p in pieces:
            if p.kind == "org":
                cut = 4 if p.text.startswith("The ") else 0  # the span leaves out a leading "The"
                found.entities.append(Entity("org", p.start + cut, p.end, p.text[cut:], name=p.name,
                                             rule="org.lexicon"))
            elif p.kind == "person":
                found.entities.append(Entity("person", p.start, p.end, p.text, name=p.name, rule="person.lexicon"))
                found.people.setdefault(p.text, p.name or p.text)
                found.people.setdefault(p.text.split()[-1], p.name or p.text)
        at = {id(p): k for k, p in enumerate(pieces)}  # (``pieces.index`` compares field by field: quadratic)
        for seg in _segments(pieces):
            k = at[id(seg[0])]
            prev = pieces[k - 1] if k else None
            pending.append((seg, prev))
    # full names first (so that "Austin" after "Lloyd Austin" is a person), then everything else in text order
    rest = []
    for seg, prev in pending:
        multi = sum(p.kind != "mod" for p in seg) >= 2
        headed = any(p.kind == "word" and p.text in lex.heads for p in seg[1:])
        if headed or not (multi and _is_person(seg, text, prev, lex, found)):
            rest.append((seg, prev))
    for seg, prev in rest:
        _classify_segment(seg, text, prev, lex, found)
    found.entities = _dedupe(found.entities)
    found.entities.extend(_lowercase_orgs(text, lex, Spans([(e.start, e.end) for e in found.entities])))
    return _dedupe(found.entities)


def _dedupe(ents: list[Entity]) -> list[Entity]:
    """Sorted by start, the first (longest) of overlapping spans kept."""
    ents.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Entity] = []
    for ent in ents:
        if out and ent.start < out[-1].end:
            continue
        out.append(ent)
    return out
