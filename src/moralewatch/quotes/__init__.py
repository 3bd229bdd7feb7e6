"""Quotes and speakers: who said what, through whom (issue 7), quotes that are speech with the right speaker
(issue 13).

``quotes.v3`` is rule-based and runs on the canonical text alone: quotation marks are paired per paragraph
(the segment stage's ``marks`` and ``masked`` layers), each sentence is read once for attribution clauses and
reported speech (finder.py runs reader.py over a paragraph; speaker_phrases.py, cues.py and clauses.py read the parts
of a sentence), speakers are resolved (resolver.py) and described in the codebook's terms (speakers.py), and
document.py puts a document's quotes together. No model is loaded: the stage must run at corpus speed, and its
decisions must be explainable (every quote records the ``rule`` that produced it).

``quotes.v3`` (issue 13) keeps an indirect quote only when its cue has a reported clause and a subject that names
someone (validate.py: narration such as "Russian forces attacked near X" or "announced … a new tranche" is no
quote; its subject is still heard by the resolver), never stores a speaker that is not a noun phrase naming a
person, group or organisation, and resolves "he", "she" and "they" to the nearest compatible antecedent.
``quotes.v2`` stays registered and reads as before (``strict=False``). :func:`claimant_ok` is the same speaker
check for the indicator stage's ``claimant``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document
from ..pipeline import stage
from .document import extract
from .validate import claimant_ok

__all__ = ["claimant_ok", "extract", "find_quotes", "find_quotes_v2", "find_quotes_v4", "find_quotes_v5", "find_quotes_v6",
           "find_quotes_v7", "find_quotes_v8", "find_quotes_v9"]


@stage("quotes.v2", requires=("paragraphs", "sentences", "marks", "masked"), provides=("quotes",))
def find_quotes_v2(doc: Document, config: Mapping[str, Any]) -> None:
    doc.quotes = extract(doc, strict=False)


@stage("quotes.v3", requires=("paragraphs", "sentences", "marks", "masked"), provides=("quotes",))
def find_quotes(doc: Document, config: Mapping[str, Any]) -> None:
    doc.quotes = extract(doc)


@stage("quotes.v4", requires=("paragraphs", "sentences", "marks", "masked"), provides=("quotes",))
def find_quotes_v4(doc: Document, config: Mapping[str, Any]) -> None:
    """quotes.v2's reading with revision 2 of the speaker rules (:mod:`.revision`)."""
    doc.quotes = extract(doc, strict=False, rev=2)


@stage("quotes.v5", requires=("paragraphs", "sentences", "marks", "masked"), provides=("quotes",))
def find_quotes_v5(doc: Document, config: Mapping[str, Any]) -> None:
    """quotes.v3's reading with revision 2 of the speaker rules (:mod:`.revision`)."""
    doc.quotes = extract(doc, strict=True, rev=2)


@stage("quotes.v6", requires=("paragraphs", "sentences", "marks", "masked"), provides=("quotes",))
def find_quotes_v6(doc: Document, config: Mapping[str, Any]) -> None:
    """quotes.v5 with revision 3 of the reported-clause rules (:mod:`.revision`): reported clauses whose subject is
    a quantifier ("says too much is made of …") or a pronoun with a floating word ("says they both share …"), and
    requests with their addressee ("called on Trump to stop …"), coordinated speakers ("Soldiers and their relatives
    say"), and speakers that are shares of people, indefinite groups or records ("52 percent of voters", "Those close
    to him", "the ruling")."""
    doc.quotes = extract(doc, strict=True, rev=3)


@stage("quotes.v7", requires=("paragraphs", "sentences", "marks", "masked"), provides=("quotes",))
def find_quotes_v7(doc: Document, config: Mapping[str, Any]) -> None:
    """quotes.v2 with no guessed side for a soldier speaker (session 16): a soldier or prisoner whose own words and
    introduction give no side takes the previous speaker's only when that one is a soldier of the same paragraph or
    the one before ("another soldier" of a soldier), never the document's majority soldier side: else unknown."""
    doc.quotes = extract(doc, strict=False, own_side=True)


@stage("quotes.v8", requires=("paragraphs", "sentences", "marks", "masked"), provides=("quotes",))
def find_quotes_v8(doc: Document, config: Mapping[str, Any]) -> None:
    """quotes.v7 with session 16's speaker fixes: "…, said a Russian soldier" is the soldier (not "a Russian", an
    official); a nameless institutional speaker ("Military doctors", "a ministry spokesman") takes no side from the side
    word of an army's action before it ("The Russian advance slowed … Military doctors said"); a group in sentence
    case ("Soldiers near Bakhmut") shares no labels with its namesakes as a named person would."""
    doc.quotes = extract(doc, strict=False, own_side=True, fixes=True)


@stage("quotes.v9", requires=("paragraphs", "sentences", "marks", "masked"), provides=("quotes",))
def find_quotes_v9(doc: Document, config: Mapping[str, Any]) -> None:
    """quotes.v2 with session 16's speaker fixes (those of quotes.v8, without quotes.v7's soldier-side rule, which
    loses the side a transcript's header gives its turns): "…, said a Russian soldier" is the soldier; a nameless
    institutional speaker takes no side from the side word of an army's action before it; a group in sentence case
    shares no labels with its namesakes as a named person would."""
    doc.quotes = extract(doc, strict=False, fixes=True)
