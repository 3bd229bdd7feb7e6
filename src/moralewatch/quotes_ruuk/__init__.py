"""Quotes in Russian and Ukrainian text (issue 17, item 3): «…», „…“, quotes inside quotes, dialogue dashes, and
reported speech with the speech verbs and attribution phrases of both languages (заявил/заявив, сообщил/повідомив,
по словам/за словами, по данным/за даними, пишет/пише ...), speakers with their case endings folded to one name.

``quotes.ruuk.v4`` (and ``v5``, ``v6``) reads only the paragraphs that ``language.v1`` labels ``ru`` or ``uk`` (the English rules'
output there is dropped by ``langgate.v1``, which keeps this stage's quotes) and adds its quotes to the
document's, in text order. Like ``quotes.v2`` it is rules over the text alone, no model: finder.py reads a line,
document.py names the speakers, names.py folds names, and the words are data (data/quotes_ruuk/). Every quote
records the ``rule`` that found it (``ruuk-…``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document
from ..pipeline import stage
from .document import LANGUAGES, extract

#: the prefix of the ``rule`` of every quote this stage finds (the language gate keeps them)
RULE_PREFIX = "ruuk-"

__all__ = ["LANGUAGES", "RULE_PREFIX", "extract", "find_quotes_ruuk", "find_quotes_ruuk_v5", "find_quotes_ruuk_v6",
           "find_quotes_ruuk_v7", "find_quotes_ruuk_v8"]


@stage("quotes.ruuk.v4", requires=("paragraphs", "language", "quotes"), provides=("quotes_ruuk",))
def find_quotes_ruuk(doc: Document, config: Mapping[str, Any]) -> None:
    """Add the quotes of the Russian and Ukrainian paragraphs to ``doc.quotes`` (text order kept)."""
    _add(doc, 4)


@stage("quotes.ruuk.v5", requires=("paragraphs", "language", "quotes"), provides=("quotes_ruuk",))
def find_quotes_ruuk_v5(doc: Document, config: Mapping[str, Any]) -> None:
    """``quotes.ruuk.v4``, and a parenthesis right before the speech verb is an aside, not the speaker («Хьюи Лонг
    (убитый в 1935 г., как позже Кеннеди) заявлял: …» is Long's; an aside that opened before the sentence leaves
    the speaker unknown), «Дж.» an initial, not a sentence end, and «, что» with a comma after it («жалуются, что,
    когда …, …») opens a reported clause, and a negated verb followed by a gerund of saying before the colon keeps
    its subject as the speaker («X не говорил, …, сформулировав так: «…»»)."""
    _add(doc, 5)


@stage("quotes.ruuk.v6", requires=("paragraphs", "language", "quotes"), provides=("quotes_ruuk",))
def find_quotes_ruuk_v6(doc: Document, config: Mapping[str, Any]) -> None:
    """``quotes.ruuk.v5`` with more reported speech found and fewer wrong speakers (session 11): v6-only speech verbs
    (признаётся, похвастались, підкреслив, зауважив; not as an address's zero subject); «…, сказал X, добавив, что
    …»; «Об этом <Name> сообщил»; «Об этом сообщил X» opening a line (the line above is the content); a speech-verb
    line ending with a colon over a plain line; «…, —⏎говорится в заявлении X»; bulleted lists under a named intro
    («Другие заявления Пескова:»); «Песков о переговорах: …» without marks; «X уверены: …»; «почути від X
    запевнення, що …»; a quote-only line named by the line below («(с) Путин»). Speakers: a one-word document («В
    сводке говорится») speaks for the body named before it; «о том, что Y, заявил Z» is Z's; a topic after an
    inverted verb («высказались против идеи Макрона») and whom it was told («нам») are no speaker; a plural pronoun
    more than a sentence after the last speaker stays unknown; an impersonal «Сообщается, что» with nobody named
    before it is no unit; names given to things by nobody named («Назвали их «Рысь»») are no quotes."""
    _add(doc, 6)


@stage("quotes.ruuk.v7", requires=("paragraphs", "language", "quotes"), provides=("quotes_ruuk",))
def find_quotes_ruuk_v7(doc: Document, config: Mapping[str, Any]) -> None:
    """``quotes.ruuk.v6`` and soldiers', prisoners' and relatives' relayed words (session 13, issue 17): «…» - Шкода,
    офицер 46 бригады (a hyphen or dash after the closing mark, a name or callsign with a soldier's description), and
    such a speaker's role and side from the description's words (ВСУ/ЗСУ/украинский -> ua, российский -> ru; a
    numbered unit takes the side the document gives that unit), never from the channel (:mod:`.relayed`)."""
    _add(doc, 7)


@stage("quotes.ruuk.v8", requires=("paragraphs", "language", "quotes"), provides=("quotes_ruuk",))
def find_quotes_ruuk_v8(doc: Document, config: Mapping[str, Any]) -> None:
    """``quotes.ruuk.v7`` and what Telegram posts quote that it misses or names badly (session 14, issue 17): a quote
    that runs over several lines, one unit per line (v4-v7 end it at the first line); a marks-only line under an
    intro whose speech verb ends with a colon («Стрелков вспоминал:»); a callsign in marks after a hyphen («…» -
    "Шкода") or before the verb («"Димсон" утверждает, что …»); no mark left over in a speaker's name
    (:mod:`.block`)."""
    _add(doc, 8)


def _add(doc: Document, revision: int) -> None:
    if not LANGUAGES & set(doc.paragraph_languages or [doc.language or ""]):
        return
    found = extract(doc, revision)
    if not found:
        return
    old = doc.quotes
    merged = sorted([(q.start, 0, i) for i, q in enumerate(old)] + [(q.start, 1, i) for i, q in enumerate(found)])
    index = {(src, i): n for n, (_s, src, i) in enumerate(merged)}
    quotes = []
    for _s, src, i in merged:
        q = (old if src == 0 else found)[i]
        if q.continues is not None:
            q.continues = index.get((src, q.continues))
        quotes.append(q)
    doc.quotes = quotes
