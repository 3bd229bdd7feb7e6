"""Who a transcript's speaker label names (``turns.v4``): "MS. PSAKI" is Jen Psaki, an official of the west.

A label is a surname in capitals behind an honorific ("MR. SINGH", "PRESIDENT BIDEN"), a full name ("Vladimir
Putin"), or a role ("Q", "Mother"). A name label is resolved, in this order, to

1. a full name the document itself gives in its title or header whose last word is the label's last word
   ("Press Briefing by Press Secretary Jen Psaki and ... Daleep Singh" resolves "MS. PSAKI" and "MR. SINGH"); two
   such names with that surname resolve nothing;
2. a public figure of the knowledge base (``data/kb/people.tsv``) with that full name, or with that surname when
   only one person there has it (common surnames are marked ``full_name_only`` there and never resolve alone).

The role and side are the knowledge base's for its people; for a name the header gives with an office before it
("Press Secretary Jen Psaki", "Deputy National Security Advisor Daleep Singh") the role is ``official`` and the side
is unknown; otherwise nothing (the label's own words, the context, decide as before). Unknown is better than wrong:
a label that matches nothing keeps its words as the speaker.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from . import lexicons
from .lexicons import compile_regex, kb
from .quotes.lexicon import people

#: honorifics and offices that stand before a surname in a label ("MR. SINGH", "SECRETARY BLINKEN")
_HONORIFIC = compile_regex(
    r"(?i)(?:(?:mr|mrs|ms|miss|dr|sir|madam|gen|adm|lt|col|sen|rep|amb|gov|prof)\.?|president|vice president|"
    r"prime minister|minister|foreign minister|secretary|general|admiral|ambassador|senator|governor|"
    r"spokesperson|spokesman|spokeswoman|press secretary|chancellor|director|deputy|chairman|chair|colonel|"
    r"major|captain|lieutenant|sergeant)[ \t]+")
#: a full name in a title or header: two to four capitalised words (a run of up to eight, the office words before
#: the name cut off below: "Human Rights Commissioner Tatyana Moskalkova") (Latin or Cyrillic), hyphens and apostrophes
#: at most three hyphens a word ("Jean-Pierre", "Rimsky-Korsakov"): a chain of "Ab-Ab-Ab-…" is linear under finditer
_NAME = compile_regex(r"(?<![\w.])[A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’]+(?:-[A-ZА-ЯЁІЇЄҐ]?[a-zа-яёіїєґ'’]+){0,3}"
                      r"(?:[ \t]+[A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’]+(?:-[A-ZА-ЯЁІЇЄҐ]?[a-zа-яёіїєґ'’]+){0,3}){1,7}(?![\w])")
_OFFICE_WORD = (r"(?:secretary|advisor|adviser|minister|president|director|spokesperson|spokesman|spokeswoman|"
                r"ambassador|coordinator|administrator|commissioner|chief|commander|governor|mayor|senator|deputy|"
                r"official|chairman|chairwoman|chair|head)")
#: an office just before a name in a header makes its holder an official
_OFFICE = compile_regex(r"(?i)" + _OFFICE_WORD + r"[ \t]+$")
#: an office with its field before the capitalised words of a header ("NSC Coordinator for Strategic Communications
#: John Kirby", "Director of National Intelligence Avril Haines"): the field's words are no part of the name
_OFFICE_OF = compile_regex(r"(?i)" + _OFFICE_WORD + r"[ \t]+(?:for|of|on|to)[ \t]+(?:the[ \t]+)?$")


#: what an office in a label or before a name makes its holder (codebook v1.1 roles): the longest phrase wins, so
#: "Deputy Prime Minister" is a politician and "Deputy Governor" a local authority; heads of state and government
#: and legislators are politicians (they speak politically in the transcripts of briefings, meetings and addresses)
_OFFICES = (
    ("vice president", "politician"), ("prime minister", "politician"), ("president", "politician"),
    ("chancellor", "politician"), ("premier", "politician"), ("speaker", "politician"),
    ("representative", "politician"), ("senator", "politician"), ("congressman", "politician"),
    ("congresswoman", "politician"), ("member of parliament", "politician"),
    ("press secretary", "official"), ("secretary", "official"), ("minister", "official"),
    ("spokesperson", "official"), ("spokesman", "official"), ("spokeswoman", "official"),
    ("general director", "official"), ("director", "official"), ("advisor", "official"), ("adviser", "official"),
    ("coordinator", "official"), ("commissioner", "official"), ("administrator", "official"),
    ("deputy governor", "local_authority"), ("governor", "local_authority"), ("mayor", "local_authority"),
    ("ambassador", "diplomat"),
    # the head of an international organisation (the UN's, NATO's) speaks for it: ngo (codebook v1.1); a party's
    # general secretary is a party figure
    ("secretary general", "ngo"), ("secretary-general", "ngo"), ("general secretary", "politician"),
)
_OFFICE_WORDS = compile_regex(r"(?i)\b(?:" + "|".join(p.replace(" ", r"[ \t]+") for p, _ in
                                                      sorted(_OFFICES, key=lambda o: -len(o[0]))) + r")\b")


#: words of a non-governmental organisation: whoever speaks for one speaks as ``ngo`` ("General Director of Russia–
#: Land of Opportunity autonomous non-profit organisation", "Talent and Success Foundation Director")
_NGO_WORDS = compile_regex(r"(?i)\b(?:non-?profit|not-for-profit|foundation|charity|charitable|ngo|"
                           r"non-governmental|nongovernmental)\b")


def office_role(words: str) -> str | None:
    """The role the longest office phrase of ``words`` gives ("THE PRESIDENT" -> politician; an office of a
    foundation or a non-profit -> ngo), or None."""
    if _NGO_WORDS.search(words):
        return "ngo"
    found = [m.group().lower() for m in _OFFICE_WORDS.finditer(words)]
    if not found:
        return None
    roles = dict(_OFFICES)
    return roles.get(" ".join(max(found, key=len).split()))


@dataclass(frozen=True, slots=True)
class Who:
    name: str
    role: str | None
    side: str | None


def _surname(label: str) -> str:
    rest = label.strip().rstrip(":")
    while True:
        m = _HONORIFIC.match(rest)
        if not m or m.end() >= len(rest):
            break
        rest = rest[m.end():]
    return rest


@cache
def _kb() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]], dict[str, str]]:
    """The knowledge base's people as :func:`people` gives them, with the codebook v1.1 role of
    ``data/turns/people_v11.tsv`` (``politician`` for heads of state and government, legislators and party figures,
    ``ngo`` for the staff of international organisations) for every spelling of theirs: the knowledge base says
    ``official`` (v1.0)."""
    full, by_surname = people()
    v11 = dict(line.split("\t")[:2] for line in lexicons.lines("turns/people_v11.tsv"))
    role_of = {n: v11[e.name] for e in kb("people") if e.name in v11 for n in e.names_for("quotes")}
    full = {n: (role_of.get(n, role), side) for n, (role, side) in full.items()}
    surname_role = {n.split()[-1]: r for n, r in role_of.items()}
    by_surname = {s: (surname_role.get(s, role), side) for s, (role, side) in by_surname.items()}
    lower = {n.lower(): n for n in full}
    return full, by_surname, lower


def header_names(header: str) -> dict[str, list[tuple[str, str | None]]]:
    """Full names of a title or header by lower-case surname, each with the role the office before it gives
    ("Press Secretary Jen Psaki" -> official; None when no office stands before the name)."""
    out: dict[str, list[tuple[str, str | None]]] = {}
    for m in _NAME.finditer(header):
        words = _before_title_words(m.group().split())
        name = " ".join(words)
        before = header[max(0, m.start() - 60):m.start()]
        # "Press Secretary Jen Psaki": the capitalised office words are part of the match; keep the last two words
        # when the words before them are an office
        for k in range(len(words) - 2, 0, -1):
            if _OFFICE.search(" ".join(words[:k]) + " "):
                name, before = " ".join(words[k:]), " ".join(words[:k]) + " "
                break
        if len(name.split()) > 2 and (field := _OFFICE_OF.search(before)):
            name, before = _person_after_field(name), field.group()
        role = (office_role(before) or "official") if _OFFICE.search(before) or _OFFICE_OF.search(before) else None
        if len(name.split()) >= 2:
            entry = (name, role)
            bucket = out.setdefault(name.split()[-1].lower(), [])
            if entry not in bucket:
                bucket.append(entry)
    return out


#: capitalised words of a title that end a name ("... Advisor Jake Sullivan En Route Anchorage", "President Biden
#: Before Marine One Departure"): prepositions and conjunctions in title case
_TITLE_WORDS = frozenset("En Route On At In Aboard Before After During With Via To For From Of And Upon".split())


def _before_title_words(words: list[str]) -> list[str]:
    """The words of a capitalised run up to the first title-case preposition after its first word."""
    stop = next((i for i, w in enumerate(words) if i and w in _TITLE_WORDS), len(words))
    return words[:stop]


def _person_after_field(words: str) -> str:
    """The person at the end of an office's field and name ("Strategic Communications John Kirby"): the longest tail
    of three or two words that is a full name of the knowledge base, else the last two words."""
    lower = _kb()[2]
    parts = words.split()
    for n in (3, 2):
        if " ".join(parts[-n:]).lower() in lower:
            return " ".join(parts[-n:])
    return " ".join(parts[-2:])


def resolve(label: str | None, names: dict[str, list[tuple[str, str | None]]]) -> Who | None:
    """The person a speaker label names, and the role its office gives, or None (see the module's docstring)."""
    if not label or len(label) > 160:
        return None
    office = office_role(label)
    who = _person(label, names)
    if who is None:
        return Who(label, office, None) if office else None
    return Who(who.name, office or who.role, who.side)


def _person(label: str, names: dict[str, list[tuple[str, str | None]]]) -> Who | None:
    rest = _surname(label)
    words = rest.split()
    if not words or not any(ch.isalpha() for ch in rest):
        return None
    full, by_surname, lower = _kb()
    last = words[-1].lower()
    tail = " ".join(words[-2:]).lower()
    for candidate in (rest.lower(), tail):  # a full name of the knowledge base ("... Vladimir Putin")
        if len(candidate.split()) >= 2 and candidate in lower:
            return Who(lower[candidate], *full[lower[candidate]])
    given = {n for n, _ in names.get(last, [])}
    if len(given) == 1:
        name = next(iter(given))
        role = next((r for n, r in names[last] if n == name and r), None)
        if name.lower() in lower:
            return Who(lower[name.lower()], *full[lower[name.lower()]])
        return Who(name, role, None)
    if len(given) > 1:
        return None
    surname = words[-1][:1].upper() + words[-1][1:].lower()
    if len(words) == 1 and surname in by_surname:
        matches = [n for n in full if n.split()[-1] == surname]
        if matches:
            role, side = by_surname[surname]
            return Who(matches[0], role, side)
    return None


__all__ = ["Who", "header_names", "resolve"]
