"""Clean: one canonical text per input, with its metadata and the map back to the input."""

from __future__ import annotations

from ..errors import MoraleWatchError, rejection_reason
from ..ingest import RawInput
from ..model import Document
from .html import align_to_source, extract_html, nesting_depth
from .text import clean_text

__all__ = ["to_document", "RejectedInput"]

#: fewer words than this after HTML extraction is navigation, not an article
MIN_HTML_WORDS = 4


class RejectedInput(MoraleWatchError):
    """An input that yields no document; ``code`` is one of ``errors.REJECTIONS``."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, rejection_reason(code, detail))


def to_document(raw: RawInput) -> Document:
    """The document of a decoded raw input. Raises :class:`RejectedInput` when there is nothing to keep."""
    if raw.error:
        raise RejectedInput(*raw.error)
    assert raw.text is not None
    meta = raw.meta
    if raw.format == "html":
        if nesting_depth(raw.text) > 400:
            raise RejectedInput("too_deep", "more than 400 nested tags")
        try:
            ext = extract_html(raw.text, url=meta.get("url"))
        except RecursionError as e:
            raise RejectedInput("too_deep", str(e)) from None
        if ext is None:
            raise RejectedInput("no_text")
        c = clean_text(ext.text, detect_title=False)
        if len(c.text.split()) < MIN_HTML_WORDS:
            raise RejectedInput("no_text", f"{len(c.text.split())} words of text after extraction")
        omap = align_to_source(c.text, c.offset_map, ext.text, raw.text)
        return Document(
            text=c.text, source=raw.source, locator=raw.locator, title=ext.title or c.title,
            published=ext.published or c.published, updated=c.updated, author=ext.author or c.author,
            outlet=ext.outlet, url=ext.url, lang=ext.lang, section=c.section, input_format="html",
            offset_map=omap, input_text=raw.text, removed=c.removed,
        )
    given_title = meta.get("title")
    c = clean_text(raw.text, detect_title=not given_title)
    if not c.text.strip():
        raise RejectedInput("no_text", "only page furniture")
    return Document(
        text=c.text, source=raw.source, locator=raw.locator, external_id=meta.get("id"),
        title=given_title or c.title, published=meta.get("date") or c.published, updated=c.updated,
        author=c.author, outlet=meta.get("source"), url=meta.get("url"), lang=meta.get("lang"),
        section=c.section, input_format=raw.format, offset_map=c.offset_map, input_text=raw.text,
        removed=c.removed,
    )
