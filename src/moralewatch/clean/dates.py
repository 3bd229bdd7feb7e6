"""A page's publication date, read from the page's own statement of it, never made up.

Where it may come from, in this order (the first that holds a full date wins; its kind is the document's
``date_source``):

* ``meta``: the page's metadata about itself (``article:published_time``, ``og:published_time``, ``pubdate``,
  ``date``, Dublin Core, ``itemprop="datePublished"`` on a meta, time or span element);
* ``jsonld``: ``datePublished`` of the page's JSON-LD;
* ``byline``: a date line in the block above the article body ("Published 3 March 2022", "March 2, 2022 3:52pm");
* ``url``: a day in the page's own URL path (``/2022/03/02/``);
* ``none``: nothing of the above. Sidebars, related-article lists, comments, captions and the body's dates about
  events are never read, and no default (1 January, the invasion's first day, today) is ever filled in.

Update and modification dates are never publication dates. A date that is not a full day (year and month only)
is not taken. A placeholder (year 1 or outside 1800-2200, as ``usable_date`` says) is skipped and the next
source is tried. The date is the page's local day as written: ``2019-11-19T20:15-06:00`` is 2019-11-19.
"""

from __future__ import annotations

import datetime as dt
import html as htmlmod
import json
import re
from typing import Any

from ..lexicons import compile_regex

#: values the ``date_source`` of a document takes
DATE_SOURCES = ("meta", "jsonld", "byline", "url", "text", "given", "none")

#: meta names and properties that state the page's own publication (lower case)
META_KEYS = ("article:published_time", "og:published_time", "og:pubdate", "pubdate", "publishdate",
             "publish-date", "publish_date", "published_time", "published-date", "datepublished",
             "article.published", "article_date_original", "original-publish-date", "sailthru.date",
             "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created",
             "dc.date.created", "date", "cxenseparse:recs:publishtime", "rnews:datepublished", "datecreated",
             "article:published", "og:article:published_time", "publication_date", "date_published",
             "article_published_time", "pub_date", "publish_time", "dc.date.published", "citation_publication_date",
             "citation_date", "prism.publicationdate", "bt:pubdate", "analyticsattributes.articledate",
             "ga-publishdate", "published_at", "release_date", "dc.created")
_META_RANK = {k: i for i, k in enumerate(META_KEYS)}

_HEAD_END = compile_regex(r"</head\s*>", re.I)
_TAG_ATTRS = compile_regex(r"<(meta|time|span|div|p|abbr)\b([^<>]{0,2000})>", re.I)
_ATTR = compile_regex(r"""(?<![\w:.-])([a-zA-Z_:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_JSONLD = compile_regex(r"<script\b[^<>]*application/ld\+json[^<>]*>(.*?)</script\s*>", re.I | re.S)
_JSON_PUBLISHED = compile_regex(r'"datePublished"\s*:\s*"([^"]{8,40})"')
_CANONICAL = compile_regex(
    r"""<(?:link\b[^<>]*rel\s*=\s*["']?canonical|meta\b[^<>]*property\s*=\s*["']?og:url)[^<>]*>""", re.I)
_URL_DAY = compile_regex(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_.]|$)")
_URL_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_URL_MONTH_DAY = compile_regex(r"/((?:19|20)\d{2})/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/"
                               r"(0?[1-9]|[12]\d|3[01])(?:/|[-_.]|$)", re.I)
_DOTTED = compile_regex(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
_ISO = compile_regex(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_COMPACT = compile_regex(r"^\s*(\d{4})(\d{2})(\d{2})(?:T|\b|$)")


def parse_day(value: str) -> str | None:
    """``YYYY-MM-DD`` of a stated date-time, or ``None`` when ``value`` is not a full day (no default fills a
    missing part). The day is the one written, in the writer's own zone."""
    value = htmlmod.unescape(value or "").strip()
    if not value:
        return None
    m = _ISO.match(value) or _COMPACT.match(value)
    if m:
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DOTTED.match(value)
    if m:  # 05.11.2019 is 5 November wherever dots separate a date (dateutil would read May 11)
        return _day(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if value.isdigit() and len(value) in (10, 12, 14) and int(value[8:10]) < 24 and \
            _day(int(value[:4]), int(value[4:6]), int(value[6:8])):
        return _day(int(value[:4]), int(value[4:6]), int(value[6:8]))  # YYYYMMDDHH(MM(SS))
    if value.isdigit() and len(value) in (10, 13):  # a Unix time (seconds or milliseconds): its day in UTC
        stamp = dt.datetime.fromtimestamp(int(value[:10]), dt.UTC)
        return _day(stamp.year, stamp.month, stamp.day)
    from dateutil import parser

    try:  # the same text under two different defaults: a part the text lacks would differ
        a = parser.parse(value, default=dt.datetime(2001, 1, 1), fuzzy=False, ignoretz=True)
        b = parser.parse(value, default=dt.datetime(2002, 2, 2), fuzzy=False, ignoretz=True)
    except (ValueError, OverflowError, TypeError):
        return None
    if (a.year, a.month, a.day) != (b.year, b.month, b.day):
        return None
    return _day(a.year, a.month, a.day)


def _day(y: int, m: int, d: int) -> str | None:
    if not 1800 <= y <= 2200:
        return None
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _attrs(blob: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _ATTR.finditer(blob):
        out.setdefault(m.group(1).lower(), m.group(2) if m.group(2) is not None else
                       m.group(3) if m.group(3) is not None else m.group(4))
    return out


def from_meta(html: str) -> str | None:
    """The publication day the page's meta elements (or ``itemprop="datePublished"``) state."""
    best: tuple[int, str] | None = None
    for m in _TAG_ATTRS.finditer(html):
        tag = m.group(1).lower()
        a = _attrs(m.group(2))
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv") or "").lower()
            rank = _META_RANK.get(key)
            value = a.get("content")
        elif (a.get("itemprop") or "").lower() == "datepublished":
            rank, value = _META_RANK["datepublished"], a.get("datetime") or a.get("content") or _text_after(html, m)
        elif (tag == "time" and _PUBDATE.search(m.group(2))) or \
                (_HATOM.search(a.get("class") or "") and (a.get("title") or a.get("datetime"))):
            # <time pubdate> (HTML5 drafts), hAtom's <abbr class="published" title="...">
            rank = _META_RANK["pubdate"]
            value = a.get("datetime") or a.get("title") or _text_after(html, m)
        else:
            continue
        if rank is None or not value:
            continue
        day = parse_day(value)
        if day and (best is None or rank < best[0]):
            best = (rank, day)
    return best[1] if best else None


_PUBDATE = compile_regex(r"(?<![\w-])pubdate(?![\w-])", re.I)
_HATOM = compile_regex(r"(?<![\w-])published(?![\w-])", re.I)


def _text_after(html: str, m: re.Match[str]) -> str | None:
    """The text right after a start tag (up to the next tag), when it is short: an element's own date text."""
    end = html.find("<", m.end(), m.end() + 120)
    text = html[m.end():end].strip() if end >= 0 else ""
    return text_day(text) if text else None


def from_jsonld(html: str) -> str | None:
    """``datePublished`` of the page's JSON-LD (the first that is a full day)."""
    for block in _JSONLD.finditer(html):
        text = block.group(1)
        for m in _JSON_PUBLISHED.finditer(text):
            day = parse_day(m.group(1))
            if day:
                return day
        try:  # an escaped or unusual layout: parse it
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        day = _walk_jsonld(data, 0)
        if day:
            return day
    return None


def _walk_jsonld(data: object, depth: int) -> str | None:
    if depth > 6:
        return None
    if isinstance(data, dict):
        value = data.get("datePublished")
        if isinstance(value, list) and value and isinstance(value[0], str):
            value = value[0]
        if isinstance(value, str):
            day = parse_day(value)
            if day:
                return day
        items: list[object] = list(data.values())
    elif isinstance(data, list):
        items = list(data)
    else:
        return None
    for item in items[:50]:
        day = _walk_jsonld(item, depth + 1)
        if day:
            return day
    return None


def from_url(url: str | None) -> str | None:
    """A day in the URL's path: ``/2022/03/02/``, ``/2022-3-2-slug``, ``/2019/nov/18/``."""
    m = _URL_DAY.search(url or "")
    if m:
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _URL_MONTH_DAY.search(url or "")
    return _day(int(m.group(1)), _URL_MONTHS.index(m.group(2).lower()[:3]) + 1, int(m.group(3))) if m else None


def page_url(html: str, given: str | None) -> str | None:
    """The page's own URL: the one given, else its canonical link or ``og:url``."""
    if given:
        return given
    m = _CANONICAL.search(html)
    if not m:
        return None
    a = _attrs(m.group(0))
    return a.get("href") or a.get("content")


def html_published(html: str, url: str | None, byline: str | None, tree: Any = None) -> tuple[str | None, str]:
    """``(day, date_source)`` of an HTML page; ``byline`` is the date the cleaned text's header block stated,
    ``tree`` the page parsed, if it is at hand."""
    day = from_meta(html)
    if day:
        return day, "meta"
    day = from_jsonld(html)
    if day:
        return day, "jsonld"
    day = (parse_day(byline) if byline else None) or from_byline(html, tree)
    if day:
        return day, "byline"
    day = from_url(page_url(html, url))
    if day:
        return day, "url"
    return None, "none"


#: containers whose dates are not the article's: comments, related and popular lists, sidebars, widgets, captions
_NOT_ARTICLE = compile_regex(r"comment|related|sidebar|widget|recommend|popular|trending|most-?read|footer|\bnav|"
                             r"menu|promo|newsletter|caption|figure|teaser|more-?stories|read-?next|outbrain|"
                             r"taboola|twitter|tweet|video|playlist|breadcrumb", re.I)
_DATE_CLASS = compile_regex(r"date|time|byline|posted|publish|dateline|timestamp|article-?meta|post-?meta|"
                            r"entry-?meta|story-?meta|info|(?<![a-z])meta(?![a-z])|stamp", re.I)
_NOT_PUBLISHED = compile_regex(r"updat|modif|edited|revised|обновл|оновл|изменен", re.I)
_TEXT_DATE = compile_regex(
    r"(?P<a>(?:19|20)\d{2})[./-](?P<b>\d{1,2})[./-](?P<c>\d{1,2})(?!\d)"
    r"|(?<!\d)(?P<d>\d{1,2})\.(?P<e>\d{1,2})\.(?P<f>(?:19|20)\d{2})(?!\d)"
    r"|(?P<g>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+"
    r"(?:19|20)\d{2})"
    r"|(?P<h>\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+(?:19|20)\d{2})"
    r"|(?<![\d/])(?P<s1>\d{1,2})/(?P<s2>\d{1,2})/(?P<s3>(?:19|20)\d{2})(?![\d/])",
    re.I)
#: a dotted day with a two-digit year ("05.11.18"), read only in an element marked as the page's date
_SHORT_YEAR = compile_regex(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d.])")
#: month names of bylines in other languages (genitive where the language declines them), month number by name
_MONTH_NAMES: dict[str, int] = {}
for _names in (
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",  # ru
        "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",  # uk
        "januar februar märz april mai juni juli august september oktober november dezember",  # de
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",  # fr
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",  # es
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",  # it
        "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia"):  # pl
    for _n, _name in enumerate(_names.split(), 1):
        _MONTH_NAMES.setdefault(_name, _n)
_TEXT_DATE_INTL = compile_regex(
    r"(?<!\d)(?P<d>\d{1,2})\.?\s+(?:de\s+)?(?P<m>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) +
    r")\s+(?:de\s+)?(?P<y>(?:19|20)\d{2})(?!\d)|(?P<cy>(?:19|20)\d{2})年(?P<cm>\d{1,2})月(?P<cd>\d{1,2})日", re.I)
#: how much text (characters) after the title the byline block may hold before the article body starts
BYLINE_REACH = 1500
#: and how many elements (a page of empty elements after its title must not cost a walk of all of them)
BYLINE_ELEMENTS = 1500


def text_day(text: str) -> str | None:
    """The first full date written in a short text ("March 2, 2022", "2 March 2022", "2022-03-02", "02.03.2022",
    "2019.11.18 15:00", "12 марта 2024", "3. März 2022", "3 de marzo de 2022", "2024年3月12日"); a slashed date
    only where one reading is a day (18/11/2019; 03/02/2022: which is the month? is not read)."""
    found = _date_span(text)
    return found[0] if found else None


def _date_span(text: str) -> tuple[str | None, int, int] | None:
    """``(day, start, end)`` of the first date written in ``text`` (day None when it is no valid full day)."""
    m = _TEXT_DATE.search(text)
    intl = _TEXT_DATE_INTL.search(text)
    if intl and (not m or intl.start() <= m.start()):
        if intl.group("cy"):
            day = _day(int(intl.group("cy")), int(intl.group("cm")), int(intl.group("cd")))
        else:
            day = _day(int(intl.group("y")), _MONTH_NAMES[intl.group("m").lower()], int(intl.group("d")))
        return day, intl.start(), intl.end()
    if not m:
        return None
    if m.group("a"):
        day = _day(int(m.group("a")), int(m.group("b")), int(m.group("c")))
    elif m.group("s1"):
        day = _slashed(int(m.group("s1")), int(m.group("s2")), int(m.group("s3")))
    elif m.group("d"):
        day = _day(int(m.group("f")), int(m.group("e")), int(m.group("d")))
    else:
        day = parse_day(m.group("g") or m.group("h"))
    return day, m.start(), m.end()


def _slashed(a: int, b: int, year: int) -> str | None:
    """A slashed date only where one reading is a day: 18/11/2019 (day first), 11/18/2019 (month first); 03/02/2022
    could be either, and is not read."""
    if a > 12 >= b:
        return _day(year, b, a)
    if b > 12 >= a:
        return _day(year, a, b)
    return None


def _date_line(text: str) -> str | None:
    """The day of a short text that is a date line: the date and at most :data:`DATE_LINE_WORDS` other words
    (a label, a weekday, a time, a name: "Posted on March 3, 2023 by Dan", "Tue 17 Sep 2024 05.00 BST")."""
    found = _date_span(text) if len(text) <= 100 else None
    if not found or not found[0]:
        return None
    rest = (text[:found[1]] + " " + text[found[2]:]).split()
    return found[0] if len(rest) <= DATE_LINE_WORDS and not any(w.endswith((".", "?", "!")) and len(w) > 3
                                                               and not w[:-1].isdigit() for w in rest) else None


#: words besides the date in a line that is a date line
DATE_LINE_WORDS = 6


def from_byline(html: str, tree: Any = None) -> str | None:
    """The date of the byline block: a ``<time>`` or a short element whose class or id speaks of a date or
    byline, or a short element that is a date line ("Posted on March 3, 2023 by Dan"), after the page's title (its
    first ``h1``) and before the body has run :data:`BYLINE_REACH` characters; else such an element in the title's
    header block above it (a date over the headline: the block's text before the title is short); outside
    comments, related lists, sidebars, widgets and captions; update dates are skipped."""
    root = tree
    if root is None:
        try:
            from lxml import html as lxml_html

            root = lxml_html.document_fromstring(html)
        except Exception:  # an unparsable page states no byline we can read
            return None
    h1 = _title_heading(root)
    day = _after_title(root, h1)
    return day if day or h1 is None else _above_title(h1)


def _title_heading(root: Any) -> Any:
    """The heading of the article's title: the first ``h1`` or ``h2`` whose words (three or more) are those of the
    page's ``<title>`` or ``og:title`` (a site's name in an ``h1`` above a blog post's ``h2`` is not it); else the
    first ``h1``."""
    first = root.find(".//h1")
    titles = [" ".join(t.split()).lower() for t in root.xpath("//title/text() | //meta[@property='og:title']/@content")
              if isinstance(t, str)]
    if titles:
        for el in root.iter("h1", "h2"):
            words = " ".join(el.text_content().split()).lower()
            if len(words.split()) >= 3 and any(words in t for t in titles):
                return el
    return first


def _after_title(root: Any, h1: Any) -> str | None:
    started = h1 is None
    seen = visited = 0
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el is h1:
            started = True
            continue
        if not started:
            continue
        visited += 1
        if visited > BYLINE_ELEMENTS:
            return None
        if el.tag in ("script", "style", "noscript") or _excluded(el):
            continue
        seen += len((el.text or "").strip())
        if seen > BYLINE_REACH:
            return None
        day = _element_day(el)
        if day:
            return day
    return None


def _above_title(h1: Any) -> str | None:
    """The nearest dated element before the title inside its header block (the title's parent or grandparent,
    when the text before the title there is at most :data:`ABOVE_REACH` characters)."""
    node = h1
    for _ in range(2):
        node = node.getparent()
        if node is None or node.tag in ("body", "html"):
            return None
        before = []
        for el in node.iter():
            if el is h1:
                break
            if isinstance(el.tag, str) and el.tag not in ("script", "style", "noscript"):
                before.append(el)
        if sum(len((el.text or "").strip()) + len((el.tail or "").strip()) for el in before) > ABOVE_REACH:
            return None
        for el in reversed(before):
            if not _excluded(el):
                day = _element_day(el)
                if day:
                    return day
    return None


#: characters of text before the title in its header block (a kicker, a date, a section name)
ABOVE_REACH = 300


def _element_day(el: Any) -> str | None:
    """The publication day an element states: a ``<time>``, an element whose class or id speaks of a date or
    byline, or a line element (only inline elements inside) that is a date line; never an update date."""
    marker = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}"
    marked = el.tag == "time" or bool(_DATE_CLASS.search(marker))
    if not marked and (el.tag not in _LINE_TAGS or
                       any(isinstance(c.tag, str) and c.tag not in _INLINE_TAGS for c in el)):
        return None
    text = " ".join(el.text_content().split())
    if len(text) > 160 or _NOT_PUBLISHED.search(marker + " " + text[:40]):
        return None
    if marked:
        stated = [el.get(k) for k in _DATE_ATTRS if el.get(k)]
        day = next((d for d in map(parse_day, stated) if d), None) or text_day(text)
        short = None if day else _SHORT_YEAR.search(text)
        return day or (_day(2000 + int(short.group(3)), int(short.group(2)), int(short.group(1))) if short else None)
    return _date_line(text)


#: attributes of a marked element that hold its date as data (``<span class="date" data-timestamp="1574...">``)
_DATE_ATTRS = ("datetime", "data-timestamp", "data-time", "data-date", "data-datetime", "data-published",
               "data-utime", "data-pubdate", "content", "title")
#: elements inside a date line ("By <a>Dan</a> on March 3, 2023")
_INLINE_TAGS = frozenset(("a", "span", "b", "strong", "em", "i", "time", "small", "abbr", "br"))
_LINE_TAGS = frozenset(("p", "span", "div", "li", "small", "em", "strong", "b", "i", "dd", "address"))


def _excluded(el: object) -> bool:
    node = el
    while node is not None:
        tag = getattr(node, "tag", "")
        if tag in ("aside", "footer", "nav", "figcaption", "figure", "form"):
            return True
        get = getattr(node, "get", None)
        if get is not None and _NOT_ARTICLE.search(f"{get('class') or ''} {get('id') or ''}"):
            return True
        node = node.getparent()  # type: ignore[attr-defined]
    return False
