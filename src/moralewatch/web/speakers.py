"""One speaker under several spellings ("Zelenskiy", "Volodymyr Zelenskiy", "Volodymyr Zelensky") merged into one
entry with its variants listed: the knowledge base's alias table (data/kb/people.tsv) first, then fuzzy matching
(rapidfuzz) of the names the knowledge base does not know.

Fuzzy merges are kept narrow, because a wrong merge puts one person's words in another's mouth (unknown is better
than wrong): a surname alone joins the one full name that ends with it, and two full names join when their last
words are the same after fuzzy matching (``token_sort_ratio`` >= :data:`FUZZY_MIN`) and their first words agree
(equal, or one is an initial of the other). Two people sharing a surname ("Vitali Klitschko", "Wladimir
Klitschko") stay apart, and a surname shared by several full names is left alone.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources

from rapidfuzz import fuzz

FUZZY_MIN = 85  # token_sort_ratio from which two full names with agreeing first words are one speaker


@functools.lru_cache(maxsize=1)
def kb_aliases() -> dict[str, str]:
    """Every name and alias of the knowledge base's people (case-folded) -> the person's canonical name."""
    out: dict[str, str] = {}
    text = (resources.files("moralewatch") / "data" / "kb" / "people.tsv").read_text(encoding="utf-8")
    for line in text.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0] or cols[0].startswith("#"):
            continue
        name = cols[0].strip()
        out.setdefault(name.casefold(), name)
        for alias in cols[1].split("|"):
            alias = alias.split("{", 1)[0].strip()
            if alias:
                out.setdefault(alias.casefold(), name)
    return out


def _norm(name: str) -> str:
    return " ".join(name.replace("\u2019", "'").split())


_PARTICLES = frozenset({"al", "bin", "da", "de", "del", "der", "di", "du", "el", "la", "le", "van", "von"})
_NOT_NAMES = frozenset({"a", "an", "the", "another", "one", "two", "three", "some", "several", "many", "other",
                        "his", "her", "their", "our", "its", "this", "that", "these", "those"})


def is_name(name: str) -> bool:
    """A person's name ("Volodymyr Zelenskiy", "Shoigu"), not a description ("a Russian soldier", "Russian
    soldiers", "Ukrainian intelligence"): only names are matched fuzzily; two anonymous soldiers with the same
    description are not one speaker, so descriptions are only ever grouped by their exact spelling."""
    words = _norm(name).split()
    if not words or words[0].casefold() in _NOT_NAMES:
        return False
    return all(w[:1].isupper() or w.casefold() in _PARTICLES or w[:1] in "'-" for w in words) and \
        words[-1][:1].isupper()


def _first_agrees(a: str, b: str) -> bool:
    a, b = a.rstrip(".").casefold(), b.rstrip(".").casefold()
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def canonical_names(names: Iterable[str], counts: dict[str, int] | None = None) -> dict[str, str]:
    """Each name -> the name it is merged under. Names the knowledge base knows take its canonical name; the
    others are grouped by fuzzy matching and take the most frequent spelling (``counts``), the longer one on a
    tie."""
    counts = counts or {}
    kb = kb_aliases()
    out: dict[str, str] = {}
    rest: list[str] = []
    for n in names:
        c = kb.get(_norm(n).casefold())
        if c is not None:
            out[n] = c
        elif is_name(n):
            rest.append(n)
        else:
            out[n] = n
    # full names (two words or more) first: a surname alone joins them afterwards
    full = sorted((n for n in rest if len(_norm(n).split()) > 1), key=lambda n: (-counts.get(n, 0), -len(n), n))
    groups: list[list[str]] = []
    for n in full:
        words = _norm(n).split()
        for g in groups:
            head = _norm(g[0]).split()
            if (_first_agrees(words[0], head[0])
                    and fuzz.ratio(words[-1].casefold(), head[-1].casefold()) >= FUZZY_MIN
                    and fuzz.token_sort_ratio(n.casefold(), g[0].casefold()) >= FUZZY_MIN - 20):
                g.append(n)
                break
        else:
            groups.append([n])
    # canonical full names known to the knowledge base can take a surname too
    by_last: dict[str, set[str]] = {}
    for g in groups:
        by_last.setdefault(_norm(g[0]).split()[-1].casefold(), set()).add(g[0])
    for c in set(out.values()):
        by_last.setdefault(c.split()[-1].casefold(), set()).add(c)
    for g in groups:
        for n in g:
            out[n] = g[0]
    for n in rest:
        if n in out:
            continue
        heads = by_last.get(_norm(n).casefold(), set())
        out[n] = next(iter(heads)) if len(heads) == 1 else n
    return out

