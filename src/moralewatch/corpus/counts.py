"""How many independent stories carry each claim (issue 16): a claim repeated in copies counts once.

**The same claim**: for an indicator, the same codebook indicator with the same evidence words (lower-cased word
tokens of the evidence span, so spacing, case and punctuation do not matter); for a quote, the same quoted words.
Two documents carry it independently when they belong to different stories (:mod:`moralewatch.corpus.index`):
wire copy printed by ten outlets is one story, so one source.

Each claim is counted by **claimant side** (the indicator's ``claimant_side``, the quote's speaker ``side``) and by
**publishing side**: the side of the document's outlet in the knowledge base (``data/kb/orgs.tsv``, kind
``outlet``), ``unknown`` when the outlet is not there (unknown is better than wrong).

Reads a store (tables ``documents``, ``indicators``, ``quotes``); writes nothing. The store keeps the same counts
incrementally (``claim_sources``, :mod:`moralewatch.corpus.store`), which the API, the report and the dashboard
read.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field

from .features import tokens
from .index import BATCH, StoryIndex


def claim_key(kind: str, label: str, text: str) -> str:
    return f"{kind}|{label}|{' '.join(tokens(text or ''))}"


def outlet_sides() -> dict[str, str]:
    """Lower-cased outlet names and aliases of the knowledge base -> side."""
    from ..lexicons import kb

    out: dict[str, str] = {}
    for e in kb("orgs"):
        if e.kind == "outlet":
            for form, _users in e.forms:
                out[form.lower()] = e.side or "unknown"
    return out


def publishing_side(outlet: str | None, source: str | None, sides: dict[str, str]) -> str:
    for value in (outlet, source):
        if value and value.strip().lower() in sides:
            return sides[value.strip().lower()]
    return "unknown"


@dataclass
class Claim:
    kind: str                  # indicator | quote
    label: str                 # the indicator, or "quote"
    text: str                  # the evidence of its first occurrence
    documents: set[str] = field(default_factory=set)
    stories: set[str] = field(default_factory=set)
    by_claimant_side: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_publishing_side: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "label": self.label, "text": self.text, "documents": len(self.documents),
                "stories": len(self.stories),
                "by_claimant_side": {k: len(v) for k, v in sorted(self.by_claimant_side.items())},
                "by_publishing_side": {k: len(v) for k, v in sorted(self.by_publishing_side.items())}}


def independent_counts(conn: sqlite3.Connection, index: StoryIndex | None = None,
                       sides: dict[str, str] | None = None) -> list[Claim]:
    """Every claim of the store with its independent-story counts, most stories first.

    The documents not yet in ``index`` (a fresh one by default) join it in the store's order, so passing the index
    kept from an earlier call adds only the new documents.
    """
    idx = index if index is not None else StoryIndex()
    sides = outlet_sides() if sides is None else sides
    pub: dict[str, str] = {}
    cur = conn.execute("SELECT id, text, title, published, outlet, source FROM documents ORDER BY rowid")
    while rows := cur.fetchmany(BATCH):  # a batch at a time (StoryIndex.add_many)
        idx.add_many([(doc_id, text or "", title, published, outlet or source)
                      for doc_id, text, title, published, outlet, source in rows])
        for doc_id, _text, _title, _published, outlet, source in rows:
            pub[doc_id] = publishing_side(outlet, source, sides)
    claims: dict[str, Claim] = {}
    rows = [("indicator", d, ind, text, side) for d, ind, text, side in
            conn.execute("SELECT document_id, indicator, text, claimant_side FROM indicators")]
    rows += [("quote", d, "quote", text, side) for d, text, side in
             conn.execute("SELECT document_id, text, side FROM quotes")]
    for kind, doc_id, label, text, side in rows:
        if doc_id not in idx.by_id:
            continue
        key = claim_key(kind, label, text)
        c = claims.get(key)
        if c is None:
            c = claims[key] = Claim(kind, label, text or "")
        story = idx.assignment(doc_id).story
        c.documents.add(doc_id)
        c.stories.add(story)
        c.by_claimant_side[side or "unknown"].add(story)
        c.by_publishing_side[pub.get(doc_id, "unknown")].add(story)
    return sorted(claims.values(), key=lambda c: (-len(c.stories), c.kind, c.label, c.text))
