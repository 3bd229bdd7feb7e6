"""HTML to text and metadata through trafilatura; canonical paragraphs aligned back to the HTML source."""

from __future__ import annotations

import html as htmlmod
import re
from dataclasses import dataclass
from typing import Any

from ..lexicons import compile_regex
from ..model import OffsetMap

MAX_DEPTH = 400
#: more elements than this and trafilatura's time grows past seconds (superlinear: 20,000 paragraphs 2.6 s, 50,000
#: 21 s, 100,000 69 s, on a quiet machine); the 181 pages of the article-extraction benchmark have at most 1,737
MAX_ELEMENTS = 15_000
# [^<>], not [^>]: a tag that never closes must not make every later "<" scan to the end ("<a" * 10**4: 5 s)
_TAG = compile_regex(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^<>]*?(/?)>")
_OPENING = compile_regex(r"<[a-zA-Z]")
#: comments and the raw text of script, style, template and textarea: tags written there (in a script's strings)
#: are no elements; an unclosed one runs to the end, as in a browser
_RAW_TEXT = compile_regex(r"<!--.*?(?:-->|$)|<(script|style|template|textarea)\b[^<>]*>.*?(?:</\1\s*>|$)", re.S | re.I)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


@dataclass(slots=True)
class HtmlText:
    text: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    lang: str | None = None


def element_count(html: str, limit: int = MAX_ELEMENTS) -> int:
    """Opening tags in ``html``, counted up to ``limit + 1`` (no parse: a regex scan in C)."""
    if html.count("<") <= limit:
        return sum(1 for _ in _OPENING.finditer(html))
    n = 0
    for _ in _OPENING.finditer(html):
        n += 1
        if n > limit:
            break
    return n


def nesting_depth(html: str, limit: int = MAX_DEPTH) -> int:
    """Tag nesting depth, stopping once past ``limit`` (a cheap guard against pages that blow the parser). Tags
    inside comments and scripts do not count: a page whose scripts write markup is not deep."""
    depth = best = 0
    for m in _TAG.finditer(_RAW_TEXT.sub(" ", html)):
        closing, name, selfclose = m.group(1), m.group(2).lower(), m.group(3)
        if name in _VOID or selfclose:
            continue
        depth = depth - 1 if closing else depth + 1
        best = max(best, depth)
        if best > limit:
            break
    return best


#: the precision-minded extraction is kept unless it holds less than this share of the words of the default one:
#: then it has cut into the article itself (a body split over several containers), and the default one is kept
PRECISION_SHARE = 0.5


def _extract(html: str, url: str | None, *, precision: bool, metadata: bool) -> dict[str, Any]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=metadata, include_comments=False,
                                      include_tables=False, favor_precision=precision, fast=True)
    return doc if isinstance(doc, dict) else (doc.as_dict() if doc is not None else {})


def extract_html(html: str, url: str | None = None) -> HtmlText | None:
    """Main text and metadata, or ``None`` when the page holds no article text.

    Two passes of trafilatura without its fallback extractors (``fast``): precision-minded, and default; the first
    is kept unless it holds less than :data:`PRECISION_SHARE` of the second's words. On the article-extraction
    benchmark (``moralewatch eval pages``) this scores F1 0.963 against 0.954 for one precision pass with the
    fallbacks, and runs faster (the fallbacks cost more than the second pass)."""
    found = _extract(html, url, precision=True, metadata=True)
    text = (found.get("text") or "").strip()
    other = (_extract(html, url, precision=False, metadata=False).get("text") or "").strip()
    if len(text.split()) < PRECISION_SHARE * len(other.split()):
        text = other
    if not text:
        return None
    return HtmlText(text=text, title=found.get("title"), published=None, author=found.get("author"),
                    outlet=found.get("sitename"), url=found.get("url") or url, lang=found.get("language"))


def align_to_source(canon_text: str, cmap: OffsetMap, extracted: str, source: str) -> OffsetMap:
    """Compose ``cmap`` (canonical -> extracted text) with an alignment of the extracted text to the HTML source:
    each piece is looked up verbatim (then HTML-escaped) in the source, in order; a piece not found gets -1."""
    out = OffsetMap()
    pos = 0
    for c, i, n in zip(cmap.canon, cmap.inp, cmap.length):
        piece = extracted[i:i + n]
        found = source.find(piece, pos)
        if found < 0:
            found = source.find(htmlmod.escape(piece, quote=False), pos)
            if found >= 0 and len(htmlmod.escape(piece, quote=False)) != n:
                found = -1
        out.add(c, found, n)
        if found >= 0:
            pos = found + n
    return out
