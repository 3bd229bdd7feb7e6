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
    #: the page parsed (lxml), for the date reader
    tree: Any = None


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
    best = _depth(html, limit)
    if best > limit:
        best = _depth(_RAW_TEXT.sub(" ", html), limit)  # only then: the scan of scripts costs a copy of the page
    return best


def _depth(html: str, limit: int) -> int:
    depth = best = 0
    for m in _TAG.finditer(html):
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


def _extract(html: Any, url: str | None, *, precision: bool, metadata: bool) -> dict[str, Any]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=metadata, include_comments=False,
                                      include_tables=False, favor_precision=precision, fast=True)
    return doc if isinstance(doc, dict) else (doc.as_dict() if doc is not None else {})


def _metadata(tree: Any, url: str | None) -> dict[str, Any]:
    """Title, author, site name, URL and language of a page, as trafilatura reads them, without its date search
    (htmldate over the whole page: a third of the extraction's time; the publication date is read by
    :mod:`.dates`)."""
    from trafilatura import metadata as tm

    found = tm.examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None
    try:
        found = tm.extract_meta_json(tree, found)
    except Exception:  # trafilatura's JSON-LD reader fails on some pages: the meta elements are enough
        pass
    found.title = found.title or tm.extract_title(tree)
    found.author = found.author or tm.extract_author(tree)
    found.url = found.url or tm.extract_url(tree, url)
    site = (found.sitename or tm.extract_sitename(tree) or "").lstrip("@")
    if site and "." not in site and not site[0].isupper():
        site = site.title()
    elif not site and found.url:
        m = tm.META_URL.match(found.url)
        site = m[1] if m else ""
    out = {"title": found.title, "author": found.author, "sitename": site, "url": found.url,
           "language": getattr(found, "language", None)}
    out = {k: " ".join(v.split()) or None if isinstance(v, str) else v for k, v in out.items()}
    out["tree"] = tree
    return out


def extract_html(html: str, url: str | None = None) -> HtmlText | None:
    """Main text and metadata, or ``None`` when the page holds no article text.

    Two passes of trafilatura without its fallback extractors (``fast``): precision-minded, and default; the first
    is kept unless it holds less than :data:`PRECISION_SHARE` of the second's words. On the article-extraction
    benchmark (``moralewatch eval pages``) this scores F1 0.963 against 0.954 for one precision pass with the
    fallbacks, and runs faster (the fallbacks cost more than the second pass)."""
    from trafilatura.utils import load_html

    tree = load_html(html)  # parsed once: trafilatura works on a copy of a tree it is given
    if tree is None:
        return None
    text = (_extract(tree, url, precision=True, metadata=False).get("text") or "").strip()
    other = (_extract(tree, url, precision=False, metadata=False).get("text") or "").strip()
    if len(text.split()) < PRECISION_SHARE * len(other.split()):
        text = other
    if not text:
        return None
    found = _metadata(tree, url)
    return HtmlText(text=text, title=found.get("title"), published=None, author=found.get("author"),
                    outlet=found.get("sitename"), url=found.get("url") or url, lang=found.get("language"),
                    tree=found.get("tree"))


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
