"""A raw input's document: one canonical text with its metadata and the map back to the input, or a
:class:`RejectedInput` saying why there is none."""

from __future__ import annotations

import datetime as dt

from ..errors import MoraleWatchError, rejection_reason
from ..ingest import MAX_DETAIL, RawInput
from ..ingest.transcript import TRANSCRIPT_KINDS
from ..lexicons import compile_regex
from ..model import Document
from .dates import html_published
from .html import MAX_DEPTH, MAX_ELEMENTS, align_to_source, element_count, extract_html, nesting_depth
from .text import clean_text, page_title
from .transcript import build as build_transcript
from .transcript import looks_like_transcript

#: fewer words than this after HTML extraction is navigation, not an article
MIN_HTML_WORDS = 4
#: publication years outside this range are not dates of war reporting (0001-01-01 is a database's "no date")
YEARS = (1800, 2200)


class RejectedInput(MoraleWatchError):
    """An input that yields no document; ``code`` is one of ``errors.REJECTIONS``."""

    def __init__(self, code: str, detail: str = "") -> None:
        if len(detail) > MAX_DETAIL:
            detail = f"{detail[:MAX_DETAIL]}... ({len(detail) - MAX_DETAIL:,} more characters)"
        super().__init__(code, rejection_reason(code, detail))


def usable_date(value: str | None) -> tuple[str | None, str | None]:
    """``(value, None)`` for a date that starts with an ISO 8601 day in :data:`YEARS`, else ``(None, why)``: a
    date no stage can compute with is dropped (and recorded), never passed on to fail a stage."""
    if value is None:
        return None, None
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return None, f"date {value[:40]!r} dropped: not an ISO 8601 date (YYYY-MM-DD)"
    if not YEARS[0] <= day.year <= YEARS[1]:
        return None, f"date {value[:40]!r} dropped: year outside {YEARS[0]}-{YEARS[1]}"
    return value, None


def _date(value: str | None, raw: RawInput) -> str | None:
    kept, why = usable_date(value)
    if why:
        raw.notes.append(why)
    return kept


def to_document(raw: RawInput) -> Document:
    """The document of a decoded raw input. Raises :class:`RejectedInput` when there is nothing to keep. What was
    dropped from the input's metadata (``raw.notes``) is kept in the document's ``removed``."""
    if raw.error:
        raise RejectedInput(*raw.error)
    assert raw.text is not None
    if raw.format == "html":
        return _html_document(raw, raw.text)
    if raw.format == "telegram":
        return _telegram_document(raw, raw.text)
    if raw.format in TRANSCRIPT_KINDS:
        return _transcript_document(raw, raw.text, "text" if raw.format == "transcript" else raw.format)
    if raw.format in ("txt", "jsonl") and looks_like_transcript(raw.text):  # recognised undeclared
        return _transcript_document(raw, raw.text, "text")
    meta = raw.meta
    given_title = meta.get("title")
    c = clean_text(raw.text, detect_title=not given_title, markdown=raw.format == "md")
    if not c.text.strip():
        raise RejectedInput("no_text", "only page furniture")
    published = _date(meta.get("date"), raw) if meta.get("date") else _date(c.published, raw)
    source = "meta" if meta.get("date") else "byline"
    return Document(
        text=c.text, source=raw.source, locator=raw.locator, external_id=meta.get("id"),
        title=given_title or c.title, published=published, updated=_date(c.updated, raw),
        date_source=source if published else "none", author=c.author, outlet=meta.get("source") or c.site,
        url=meta.get("url"), lang=meta.get("lang"),
        section=c.section, input_format=raw.format, offset_map=c.offset_map, input_text=raw.text,
        removed=c.removed + raw.notes,
    )


def _html_document(raw: RawInput, html: str) -> Document:
    n = element_count(html)
    if n > MAX_ELEMENTS:
        raise RejectedInput("too_complex", f"more than {MAX_ELEMENTS:,} elements")
    if nesting_depth(html) > MAX_DEPTH:
        raise RejectedInput("too_deep", f"more than {MAX_DEPTH} nested tags")
    try:
        ext = extract_html(html, url=raw.meta.get("url"))
    except RecursionError as e:
        raise RejectedInput("too_deep", str(e)) from None
    if ext is None:
        raise RejectedInput("no_text")
    c = clean_text(ext.text, detect_title=False, whole_page=False)
    if len(c.text.split()) < MIN_HTML_WORDS:
        raise RejectedInput("no_text", f"{len(c.text.split())} words of text after extraction")
    omap = align_to_source(c.text, c.offset_map, ext.text, html)
    if raw.meta.get("date"):
        published, source = _date(raw.meta["date"], raw), "meta"
    else:
        day, source = html_published(html, raw.meta.get("url"), c.published, ext.tree)
        published = _date(day, raw)
    return Document(
        text=c.text, source=raw.source, locator=raw.locator, title=page_title(ext.title) or c.title,
        published=published, date_source=source if published else "none", updated=_date(c.updated, raw),
        author=ext.author or c.author,
        outlet=ext.outlet, url=ext.url, lang=ext.lang, section=c.section, input_format="html",
        offset_map=omap, input_text=html, removed=c.removed + raw.notes,
    )


def _telegram_document(raw: RawInput, text: str) -> Document:
    """A Telegram message (or album): its text as a plain text's, no title (a post has none: none is invented),
    the message's date as the publication date (with its time), the edit's as ``updated``, the chat as the outlet,
    its author, and the rest (ids, forward chain, links, hashtags) in ``meta``."""
    tg = dict(raw.meta.get("telegram") or {})
    c = clean_text(text, detect_title=False)
    if not c.text.strip():
        raise RejectedInput("no_text", "only page furniture")
    published = _date(tg.get("date"), raw)
    source = "meta" if published else "none"
    return Document(
        text=c.text, source=raw.source, locator=raw.locator,
        external_id=f"{tg['chat_id']}/{tg['message_ids'][0]}" if tg.get("chat_id") is not None and
        tg.get("message_ids") else None,
        title=None, published=published, date_source=source,
        updated=_date(tg.get("edited"), raw) if tg.get("edited") else None,
        author=tg.get("author"), outlet=tg.get("chat"), input_format="telegram", offset_map=c.offset_map,
        input_text=text, removed=c.removed + raw.notes,
        meta={"telegram": tg, "via": list(tg.get("via") or []), "first_source": tg.get("first_source")},
    )


def _transcript_document(raw: RawInput, text: str, fmt: str) -> Document:
    """A transcript: one paragraph per turn (label, ``": "``, speech), stage notes and cue timestamps in ``meta``
    (:mod:`.transcript`)."""
    t = build_transcript(text, fmt)
    if not t.text.strip():
        raise RejectedInput("no_text", "no turns could be read" + (f" ({'; '.join(t.notes)})" if t.notes else ""))
    meta = raw.meta
    return Document(
        text=t.text, source=raw.source, locator=raw.locator, external_id=meta.get("id"),
        title=meta.get("title") or t.title, published=_date(meta.get("date"), raw) if meta.get("date") else None,
        date_source="meta" if meta.get("date") and usable_date(meta["date"])[0] else "none",
        outlet=meta.get("source"), url=meta.get("url"), lang=meta.get("lang"), input_format=f"transcript:{fmt}",
        offset_map=t.offset_map, input_text=text, removed=t.notes + raw.notes, meta=t.meta,
    )


def clean_given(doc: Document) -> None:
    """Clean, in place, a document made by hand (``Document(text=...)``: its text never went through the clean stage,
    ``input_text`` is None) as a ``.txt`` input with the document's metadata is cleaned (:func:`to_document`), so that
    it gets the paragraphs, lines and canonical text a JSONL record of the same text gets: ``text`` becomes the
    canonical text, the given text ``input_text``, with the offset map between them; metadata given stay, what the
    cleaner read is added where none was given. A text that is only page furniture is left empty (the JSONL record
    of it has no annotations)."""
    meta = {k: v for k, v in (("title", doc.title), ("date", doc.published), ("source", doc.outlet),
                              ("url", doc.url), ("lang", doc.lang), ("id", doc.external_id)) if v is not None}
    raw = RawInput(doc.source, doc.locator, "txt", text=doc.text, meta=meta)
    try:
        made = to_document(raw)
    except RejectedInput as e:
        doc.input_text, doc.text = doc.text, ""
        doc.removed = [*doc.removed, e.message]
        return
    doc.input_text, doc.text, doc.offset_map, doc.input_format = made.input_text, made.text, made.offset_map, \
        made.input_format
    doc.removed = [*doc.removed, *made.removed]
    for name in ("title", "published", "updated", "date_source", "author", "outlet", "section"):
        if getattr(doc, name) is None:
            setattr(doc, name, getattr(made, name))
    doc.meta = made.meta | doc.meta


# -- line structure -----------------------------------------------------------------------------------------------

#: input formats whose line breaks inside a paragraph are the writer's (a Telegram post's lines, its list items and
#: headline), not markup's: plain text, however it arrives (a JSONL record, a ``.txt`` or ``.md`` file, a Telegram
#: message, ``analyze_text``), and transcripts; HTML's line breaks are its source's layout
LINE_FORMATS = frozenset({"txt", "md", "jsonl", "telegram", "transcript"})
_NEWLINE = compile_regex(r"\n")
#: a line that ends like this goes on in the next one (hard-wrapped text): a word, a comma, a bracket, a hyphen
_GOES_ON = compile_regex(r"[\w,(-]")


def line_breaks(doc: Document) -> list[int]:
    """Canonical offsets where the input broke a line: the one place that says where a plain text's lines are (the
    quote stages of Russian and Ukrainian read a post line by line). The cleaner joins the lines of a paragraph with
    spaces (same length, see :class:`~moralewatch.model.OffsetMap`); they are found again through the offset map, in
    every plain-text form alike (a ``.md`` file's lines too: a list item, a post's line). A line break that only
    wraps a sentence is none (:func:`wrapped`)."""
    out = [m.start() for m in _NEWLINE.finditer(doc.text)]
    src = doc.input_text
    if not src or doc.input_format.split(":")[0] not in LINE_FORMATS:
        return out
    om = doc.offset_map
    for c, i, n in zip(om.canon, om.inp, om.length, strict=True):
        if i < 0:
            continue
        j = src.find("\n", i, i + n)
        while j >= 0:
            if not wrapped(doc.text, c + j - i):
                out.append(c + j - i)
            j = src.find("\n", j + 1, i + n)
    return sorted(set(out))


def wrapped(text: str, pos: int) -> bool:
    """Whether the line break joined into a space at ``pos`` only wrapped a sentence (hard-wrapped text): the line
    before ends mid-sentence and the next one goes on in lower case. A Telegram post's lines end with a stop, a
    colon, a dash or an emoji, or the next opens with a dash or a capital: those stay lines."""
    before = text[max(0, pos - 1):pos]
    return bool(before) and bool(_GOES_ON.fullmatch(before)) and text[pos + 1:pos + 2].islower()
