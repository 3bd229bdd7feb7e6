"""People in the material: every person mention is public or private, and what is shared names only the public.

Testimony names private people: captives, private soldiers, their relatives, civilians. Humanitarian law protects
prisoners of war from public curiosity (Third Geneva Convention, art. 13), and an analyst who shares a report or an
export must not expose any of them by accident. The store keeps the real names (the analyst's own machine); what is
meant for sharing (``report``, ``export``, the dashboard served to anything but loopback) goes through a
:class:`Scrubber`, which replaces private names, call signs and phone numbers:

- **public**: people of the knowledge base (``data/kb/people.tsv``: office holders, commanders, diplomats,
  journalists), quote speakers in a public role (commander, official, diplomat, expert, journalist, local authority,
  intelligence agency), documents' authors, and people the text names with a public title just before the name
  ("Minister", "General", "spokesman", ...);
- **private**: speakers in the roles pow, soldier, relative and civilian, and every other person the store names
  (unknown is better than wrong: an unknown person is private in what is shared).

A private person gets a pseudonym stable for the store ("Captive 3", "Soldier 2", "Relative of Captive 3",
"Civilian 5", "Person 7"): numbered per kind in the order people first appear in the store (by row), so the same
store gives the same pseudonyms, and a store that grows keeps those it gave. Call signs («позывной Гром», "call sign
Grom") become ``[call sign]`` wherever the sign appears, and phone numbers ``[phone]``.

Limits (written in the README, "People in the material"): a private person the pipeline never found (neither a
speaker nor a person entity) is not known and not replaced; inflected forms of a name (Russian cases: «Петрова»,
«Петрову») are replaced only when the store has that form; a name that is both a public figure's and a private
person's is kept (the public one wins: "public figures kept by name"); a first name shared by two private people
becomes ``[name]``.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

#: quote speaker roles that are public (people named in a public capacity)
PUBLIC_ROLES = frozenset({"commander", "official", "diplomat", "expert", "journalist", "local_authority",
                          "intelligence_agency", "politician", "ngo"})
#: private roles and the word of their pseudonym; any other person not public is a "Person"
PRIVATE_KINDS = {"pow": "Captive", "soldier": "Soldier", "relative": "Relative", "civilian": "Civilian"}
#: a title just before a name that makes the person public ("Defence Minister Oleksii Reznikov")
PUBLIC_TITLE = re.compile(
    r"(?:President|Minister|Ministers|Secretary|Spokesman|spokesman|Spokeswoman|spokeswoman|spokesperson|Spokesperson|"
    r"General|Gen\.|Lieutenant General|Colonel General|Major General|Admiral|Commander|commander|Governor|governor|"
    r"Mayor|mayor|Senator|Ambassador|ambassador|Chancellor|Premier|Prime Minister|Chief|chief|Director|director|"
    r"Deputy|deputy|Head|head|Chairman|chairman|Speaker|Prosecutor|prosecutor|Patriarch|correspondent|reporter|"
    r"journalist|editor|analyst|Lt\. Gen\.|Maj\. Gen\.|Col\. Gen\.|"
    r"президент|министр|генерал|губернатор|мэр|спикер|пресс-секретарь|командующий|глава|міністр|речник)"
    r"[\s,]+(?:[\w.'-]+\s+){0,2}$")
#: a public title in apposition just after a name ("Michael Kofman, an expert on the Russian military")
PUBLIC_APPOSITION = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’.-]+\s+){0,4}?(?:minister|secretary|spokes(?:man|woman|person)|president|"
    r"governor|mayor|ambassador|general|commander|chief|head|director|adviser|advisor|official|expert|analyst|"
    r"professor|researcher|fellow|economist|correspondent|reporter|journalist|editor|lawmaker|senator|MP|"
    r"chancellor|premier|prosecutor|diplomat)\b", re.I)
#: a name the entity stage may have missed, by its shape: one or two capitalised words and a surname with a Slavic
#: ending ("Lev Zhukovtsev", "Nadezhda Dudnikova", «Олег Сидоренко»); replaced by ``[name]`` unless public
SLAVIC_NAME = re.compile(
    r"(?<![\w-])(?:[A-Z][a-z'’]+\s+){1,2}[A-Z][a-z'’]*(?:ov|ova|ev|eva|yov|yova|in|ina|yn|yna|sky|skiy|skyi|ska|"
    r"skaya|enko|chuk|uk|yuk|vich|yak|ko)(?![\w-])"
    r"|(?<![\w-])(?:[А-ЯЁІЇЄҐ][а-яёіїєґ'’]+\s+){1,2}[А-ЯЁІЇЄҐ][а-яёіїєґ'’]*(?:ов|ова|ев|ева|ёв|ёва|ин|ина|ын|"
    r"ына|ский|ская|ський|ська|енко|чук|юк|вич|як|ко)(?![\w-])")
#: first words that make such a match no name ("The Kremlin", "In Berlin")
NOT_GIVEN = frozenset("the a an in on at of for from by with to and or but as after before during near east west "
                      "north south new old upper lower greater little saint st mount lake fort port".split())
#: speaker labels that are no names: they are replaced as speakers, never searched for in text
GENERIC = frozenset(
    "q a mother father mum mom dad wife husband son daughter brother sister relative relatives soldier soldiers "
    "captive prisoner pow interviewer journalist reporter man woman voice unknown speaker narrator caller "
    "girlfriend grandmother grandfather aunt uncle friend commander officer the a an his her their of and "
    "мать мама отец папа жена муж сын брат сестра солдат пленный военнопленный голос".split())
#: ranks and titles that may come before a name (not part of it)
RANKS = frozenset("private pte pvt sergeant sgt corporal cpl lance junior senior lieutenant lt captain capt major "
                  "colonel col mr mrs ms miss dr rifleman gunner sailor seaman ensign warrant officer рядовой "
                  "сержант ефрейтор лейтенант капитан майор полковник".split())
#: call signs: "call sign X", "callsign X", «позывной Х», «позивний Х», the sign quoted or not
CALL_SIGN = re.compile(
    r"(?i:\b(?:call[\s-]?sign|nom\s+de\s+guerre)|позывн\w*|позивн\w*)(?:\s+(?:was|is|of|был))?"
    r"\s*(?:[:—–-]\s*)?[«\"“„']?"
    r"([A-ZА-ЯЁІЇЄҐ][\w'-]*)[»\"”']?")
#: phone numbers: a run of digits with separators, kept when it has 10+ digits, or 7+ after a "+", or the local
#: 123-45-67 shape (dates such as 2022-03-02 have 8 digits and no "+": not phones)
PHONE_CANDIDATE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().-]{5,30}\d(?!\w)")
LOCAL_PHONE = re.compile(r"\d{3}-\d{2}-\d{2}")
#: columns never scrubbed (identifiers and stamps: no names in them)
SKIP_COLUMNS = frozenset({"id", "document_id", "config_hash", "stage", "stages", "rule", "indicator"})
#: columns that hold a person as a whole value: a private one becomes its pseudonym
PERSON_COLUMNS = frozenset({"speaker", "claimant", "speakers", "claimants"})
_NAME_TOKEN = re.compile(r"[A-ZА-ЯЁІЇЄҐ][\w'’-]+")


def _norm(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()


def strip_rank(s: str) -> str:
    """A name without the rank or title before it ("Private Zakhar Ogurtsov" -> "Zakhar Ogurtsov")."""
    words = s.split()
    while len(words) > 1 and words[0].rstrip(".").casefold() in RANKS:
        words.pop(0)
    return " ".join(words)


def _is_description(s: str) -> bool:
    """A speaker described, not named ("one captured soldier", "a group of Russian POWs"): kept as it is."""
    return any(w[:1].islower() for w in s.split())


def _looks_like_name(s: str, min_tokens: int = 1) -> bool:
    """One to four capitalised tokens, none a generic label ("Mother", "Soldier 2", "Q", "Captured soldiers" are
    no names)."""
    if not s or len(s) > 60 or any(ch.isdigit() for ch in s):
        return False
    words = strip_rank(s).split()
    return (min_tokens <= len(words) <= 4 and all(_NAME_TOKEN.fullmatch(w) for w in words)
            and not any(w.casefold() in GENERIC for w in words))


def is_phone(s: str) -> bool:
    digits = sum(ch.isdigit() for ch in s)
    return digits >= 10 or (s.startswith("+") and digits >= 7) or bool(LOCAL_PHONE.fullmatch(s.strip()))


def kb_public_names() -> set[str]:
    """Names and aliases of the knowledge base's people (but those it lists as civilians), normalised."""
    from .lexicons import data_root

    out: set[str] = set()
    path = data_root() / "kb" / "people.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    for line in lines[1:]:
        row = dict(zip(head, line.split("\t")))
        if row.get("kind") != "person" or row.get("role") == "civilian":
            continue
        out.add(_norm(row["name"]))
        for alias in filter(None, (row.get("aliases") or "").split("|")):
            out.add(_norm(re.sub(r"\{[^}]*\}", "", alias)))
    return out


@dataclass
class Person:
    key: str
    kind: str  # Captive | Soldier | Relative | Civilian | Person
    surfaces: set[str] = field(default_factory=set)
    document: str = ""
    pseudonym: str = ""
    first: tuple[int, int] = (0, 0)  # where the store first names the person: (document's rowid, offset)


@dataclass
class Scrubber:
    """Replaces private people, call signs and phones in what is shared. Build it with :meth:`for_store`."""

    people: dict[str, Person] = field(default_factory=dict)
    public: set[str] = field(default_factory=set)
    speakers: dict[str, str] = field(default_factory=dict)  # normalised speaker value -> person's key
    doc_speakers: dict[tuple[str, str], str] = field(default_factory=dict)  # (document, speaker) -> key
    call_signs: set[str] = field(default_factory=set)
    _names: re.Pattern[str] | None = None
    _by_surface: dict[str, str] = field(default_factory=dict)
    _tokens_of_public: set[str] | None = None
    _at: tuple[int, int] = (0, 0)  # where the mention being read is: (document's rowid, offset)

    # -- building -----------------------------------------------------------------------------------------------
    @classmethod
    def for_store(cls, conn: sqlite3.Connection) -> Scrubber:
        """The scrubber of a store: who is public and who private, from its quotes, entities and documents."""
        s = cls(public=kb_public_names())
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        s._public_authors(conn)
        order = {doc: n for n, doc in conn.execute("SELECT rowid, id FROM documents")}
        quotes = list(conn.execute("SELECT document_id, speaker, speaker_role, coalesce(speaker_start, start, 0) "
                                   "FROM quotes WHERE speaker IS NOT NULL ORDER BY rowid")) if "quotes" in tables else []
        for _doc, speaker, role, _at in quotes:
            if role in PUBLIC_ROLES and _looks_like_name(speaker):
                s.public.add(_norm(speaker))
        ents = list(conn.execute("SELECT document_id, start, text, name FROM entities WHERE type = 'person' "
                                 "ORDER BY rowid")) if "entities" in tables else []
        s._public_by_title(conn, ents)
        pow_of_doc = s._private_speakers(quotes, order)
        s._private_entities(ents, order)
        for table in ("documents", "quotes"):
            if table in tables:
                for (text,) in conn.execute(f"SELECT text FROM {table}"):
                    s.call_signs.update(m.group(1) for m in CALL_SIGN.finditer(text or ""))
        s._number(pow_of_doc)
        s._compile()
        return s

    def _public_authors(self, conn: sqlite3.Connection) -> None:
        """Documents' authors are public (they sign what they publish)."""
        for (author,) in conn.execute("SELECT DISTINCT author FROM documents WHERE author IS NOT NULL"):
            for a in re.split(r",| and ", str(author)):
                if a.strip():
                    self.public.add(_norm(a))

    def _public_by_title(self, conn: sqlite3.Connection, ents: list[Any]) -> None:
        """A person named right after a public title, or with one right after the name, is public."""
        texts: dict[str, str] = {}

        def text_of(doc: str) -> str:
            if doc not in texts:
                row = conn.execute("SELECT text FROM documents WHERE id = ?", (doc,)).fetchone()
                texts[doc] = (row[0] or "") if row else ""
            return texts[doc]

        for doc, start, surface, name in ents:
            at = start or 0
            before = text_of(doc)[max(0, at - 60):at]
            after = text_of(doc)[at + len(surface or ""):at + len(surface or "") + 80]
            if PUBLIC_TITLE.search(before) or PUBLIC_APPOSITION.match(after):
                self.public.add(_norm(name or surface))

    def _private_speakers(self, quotes: list[Any], order: dict[str, int]) -> dict[str, str]:
        """Speakers who are not public become people (a transcript's label a person of its document only);
        returns each document's first captive."""
        pow_of_doc: dict[str, str] = {}
        for doc, speaker, role, at in quotes:
            self._at = (order.get(doc, 0), at or 0)
            if role in PUBLIC_ROLES or _norm(speaker) in self.public:
                continue
            if not _looks_like_name(speaker, 1 if role in PRIVATE_KINDS else 2):
                if role in PRIVATE_KINDS and not _is_description(speaker):
                    # a transcript's label ("Mother", "Soldier 2"): no name, but a person of its document
                    p = self._person(speaker, PRIVATE_KINDS[role], doc, label=True)
                    self.doc_speakers[(doc, _norm(speaker))] = p.key
                    self.speakers.setdefault(_norm(speaker), p.key)
                continue  # "a spokesman", "officials", "Comrades": no one in particular
            kind = PRIVATE_KINDS.get(role, "Person")
            p = self._person(speaker, kind, doc)
            self.speakers[_norm(speaker)] = p.key
            self.doc_speakers[(doc, _norm(speaker))] = p.key
            if kind == "Captive":
                pow_of_doc.setdefault(doc, p.key)
        return pow_of_doc

    def _private_entities(self, ents: list[Any], order: dict[str, int]) -> None:
        """Every person entity not known as public is a private person."""
        for doc, start, surface, name in ents:
            self._at = (order.get(doc, 0), start or 0)
            for n in {name, surface} - {None, ""}:
                if _norm(n) in self.public or self._is_public_part(n):
                    continue
                self._person(n, "Person", doc)

    def _is_public_part(self, name: str) -> bool:
        """A one-word mention that is part of a public figure's name ("Putin", "Zelensky")."""
        n = _norm(name)
        return " " not in n and any(n in p.split() for p in self.public)

    def _person(self, name: str, kind: str, doc: str, label: bool = False) -> Person:
        """The person ``name`` is (a label such as "Mother" is a person of its document only)."""
        key = f"{doc}\x1f{_norm(name)}" if label else _norm(strip_rank(name))
        existing = self.people.get(key)
        if existing is None and not label and " " not in key:  # "Petrov" after "Ivan Petrov" in the same document
            existing = next((p for p in self.people.values() if p.document == doc and key in p.key.split()), None)
        if existing is None:
            existing = self.people[key] = Person(key, kind, {name}, doc, first=self._at)
        else:
            existing.surfaces.add(name)
            existing.first = min(existing.first, self._at)
            if existing.kind == "Person" and kind != "Person":
                existing.kind = kind
        return existing

    def _number(self, pow_of_doc: dict[str, str]) -> None:
        counts: dict[str, int] = {}
        seen: set[int] = set()
        people = sorted(self.people.values(), key=lambda p: (p.first, p.key))
        for p in people:
            if id(p) in seen or p.kind == "Relative":
                continue
            seen.add(id(p))
            counts[p.kind] = counts.get(p.kind, 0) + 1
            p.pseudonym = f"{p.kind} {counts[p.kind]}"
        for p in people:
            if p.kind != "Relative" or id(p) in seen:
                continue
            seen.add(id(p))
            captive = self.people.get(pow_of_doc.get(p.document, ""))
            if captive is not None:
                p.pseudonym = f"Relative of {captive.pseudonym}"
            else:
                counts["Relative"] = counts.get("Relative", 0) + 1
                p.pseudonym = f"Relative {counts['Relative']}"

    @property
    def _public_tokens(self) -> set[str]:
        if self._tokens_of_public is None:
            self._tokens_of_public = {t for p in self.public for t in p.split()}
        return self._tokens_of_public

    def _compile(self) -> None:
        surfaces: dict[str, str] = {}
        tokens: dict[str, set[str]] = {}
        self._tokens_of_public = None
        public_tokens = self._public_tokens
        for p in self.people.values():
            for s in {x for v in p.surfaces for x in (v, strip_rank(v))}:
                if _looks_like_name(s):
                    surfaces[s] = p.pseudonym
                    for t in strip_rank(s).split():
                        if len(t) >= 3 and t.casefold() not in GENERIC and t.casefold() not in public_tokens:
                            tokens.setdefault(t, set()).add(p.pseudonym)
        for t, owners in tokens.items():
            surfaces.setdefault(t, owners.pop() if len(owners) == 1 else "[name]")
        for c in self.call_signs:
            surfaces[c] = "[call sign]"
        for name in list(surfaces):  # a name or word of a public figure's stays ("public figures kept by name")
            if _norm(name) in self.public or (" " not in name and name.casefold() in public_tokens):
                del surfaces[name]
        self._by_surface = surfaces
        if surfaces:
            # public figures' names are matched too, to be kept whole: "Volodymyr Zelensky" is not a private
            # Volodymyr followed by a surname; at one position the longest name wins
            public = [n for n in self.public if " " in n]
            alts = "|".join(f"(?i:{re.escape(n)})" if n in self.public else re.escape(n)
                            for n in sorted({*surfaces, *public}, key=len, reverse=True))
            self._names = re.compile(rf"(?<!\w)(?:{alts})(?!\w)")

    # -- applying -----------------------------------------------------------------------------------------------
    def text(self, s: str) -> str:
        """``s`` with private names, call signs and phone numbers replaced."""
        if not s:
            return s
        s = CALL_SIGN.sub(lambda m: m.group(0)[:m.start(1) - m.start(0)] + "[call sign]"
                          + m.group(0)[m.end(1) - m.start(0):], s)
        s = PHONE_CANDIDATE.sub(lambda m: "[phone]" if is_phone(m.group(0)) else m.group(0), s)
        if self._names is not None:
            s = self._names.sub(lambda m: self._by_surface.get(m.group(0), m.group(0)), s)
        return SLAVIC_NAME.sub(self._shaped, s)

    def _shaped(self, m: re.Match[str]) -> str:
        """A Slavic-shaped name nobody classed: ``[name]``, unless it is a public figure's (or ends with one's
        surname), or starts with a word that is no given name."""
        words = m.group(0).split()
        if words[0].casefold() in NOT_GIVEN or _norm(m.group(0)) in self.public:
            return m.group(0)
        public_tokens = self._public_tokens
        if words[-1].casefold() in public_tokens:
            return m.group(0)
        if len(words) == 3:  # "Пленный Олег Сидоренко", "Captive Lev Zhukovtsev": the first word may be no name
            return m.group(0)[:m.group(0).index(words[1])] + "[name]"
        return "[name]"

    def person(self, s: str, doc: str = "") -> str:
        """A speaker or claimant value: a private person's pseudonym, else the value with names scrubbed."""
        key = self.doc_speakers.get((doc, _norm(s))) or self.speakers.get(_norm(s))
        if key is not None:
            return self.people[key].pseudonym
        return self.text(s)

    def value(self, v: Any, column: str = "") -> Any:
        """Any exported value (text, list, dict: keys too), scrubbed as its column asks."""
        if column in SKIP_COLUMNS:
            return v
        if isinstance(v, str):
            return self.person(v) if column in PERSON_COLUMNS else self.text(v)
        if isinstance(v, list):
            return [self.value(x, column) for x in v]
        if isinstance(v, tuple):
            return tuple(self.value(x, column) for x in v)
        if isinstance(v, dict):
            return {self.value(k, column if column in PERSON_COLUMNS else "") if isinstance(k, str) else k:
                    self.value(x, k if isinstance(k, str) else "") for k, x in v.items()}
        return v

    def row(self, r: dict[str, Any]) -> dict[str, Any]:
        doc = str(r.get("document_id") or "")
        return {k: self.person(v, doc) if k in PERSON_COLUMNS and isinstance(v, str) else self.value(v, k)
                for k, v in r.items()}

    def rows(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        return (self.row(r) for r in rows)

    def private_names(self) -> set[str]:
        """Every private surface that is a name (for the tests' leak measure)."""
        return {strip_rank(s) for p in self.people.values() for s in p.surfaces if _looks_like_name(s)}


def record_reveal(db: str, command: str, detail: dict[str, Any]) -> int:
    """Record in the store's runs table that ``command`` shared private people by name (``--reveal-private``):
    a row with status ``reveal-private``. The reveal is refused when it cannot be recorded (a read-only store
    raises E205 with its fix). Returns the row's id."""
    from . import __version__
    from .store import connect
    from .store.db import store_error

    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    try:
        conn = connect(db)
        try:
            cur = conn.execute(
                "INSERT INTO runs (started_at, finished_at, version, config, inputs, status) "
                "VALUES (?, ?, ?, ?, '[]', 'reveal-private')",
                (now, now, __version__, json.dumps({"command": command, "reveal_private": True} | detail,
                                                   ensure_ascii=False, default=str)))
            return int(cur.lastrowid or 0)
        finally:
            conn.close()
    except sqlite3.Error as e:
        raise store_error(e, db) from e
