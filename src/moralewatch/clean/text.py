"""Plain text to one canonical text: paragraphs found, page furniture out, title and dates recognised.

Scraped pages keep their navigation ("Skip to main content", section crumbs, "Related Topics", "Back to top
button", author bios). Those paragraphs are dropped, the title and the publication and update dates are read off
the top, and the kept paragraphs are joined with blank lines. Inside a paragraph, substitutions keep the length
(line break -> space, non-breaking space -> space), so every canonical character maps to one input character.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import datetime

from ..lexicons import compile_regex, line_matcher
from ..model import OffsetMap

PARA_SEP = "\n\n"
_SAME_LENGTH = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\u00a0": " ", "\u2028": " ", "\u2029": " ",
                              "\x0b": " ", "\x0c": " "})

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH_RX = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|" \
            r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_TIME_RX = r"(?:,?\s*(?:at\s+)?(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?P<ap>am|pm|a\.m\.|p\.m\.)?(?:\s*[A-Z]{2,4})?)?"
DATE_LINE = compile_regex(
                          r"^(?P<label>(?:published|updated|last updated|posted|first published|modified)(?: on)?\s*:?\s*)?"
                          r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
                          r"(?:(?P<m1>" + _MONTH_RX + r")\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})"
                          r"|(?P<d2>\d{1,2})\s+(?P<m2>" + _MONTH_RX + r")\.?,?\s+(?P<y2>\d{4})"
                          r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))" + _TIME_RX + r"\s*$",
                          re.I,
                          )
BYLINE = compile_regex(r"^(?i:by)\s+[A-Z][\w.'’-]+(?:\s+(?:and\s+)?[A-Z][\w.'’-]+){0,5}$")
BIO = compile_regex(
                    r"^[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}\s+(?:is|was)\s+(?:an?|the)\s+(?:[\w.'’-]+\s+){0,8}?"
                    r"(?i:reporter|correspondent|journalist|editor|writer|columnist|contributor|producer)\b",
                    )
BIO_HINTS = compile_regex(r"get in touch|based in|joined \w+ in \d{4}|follow (?:him|her|them) on|languages:", re.I)
#: ... and on a whole scraped page (the new alternatives are read only there: text an extractor cut is left as it was)
PAGE_BIO_HINTS = compile_regex(r"where (?:he|she|they) (?:covers?|writes? about|reports? on)\b", re.I)
#: a byline with its date: "By Name | 2 June 2023", "By Name, March 3, 2022 3:52pm", "By Name · Published ..."
BYLINE_DATE = compile_regex(r"^(?i:by)\s+(?P<name>[A-Z][\w.'’-]+(?:\s+(?:and\s+)?[A-Z][\w.'’-]+){0,5})\s*[|,·•—–-]\s*"
                            r"(?P<date>.{8,60})$")
_RELATED_WORDS = (r"related|more on|more from|read more|see also|recommended|you may also like|"
                  r"most read|most popular|most viewed|trending|read next|further reading|other stories|"
                  r"more stories|latest news|latest stories|top stories|editor'?s picks|popular now|"
                  r"(?:\d+\s+)?comments?|join the conversation|around the web|from our partners")
RELATED = compile_regex(rf"^(?:{_RELATED_WORDS})\b", re.I)
#: the headings of a page's tail on a whole scraped page: those of :data:`RELATED` and more
PAGE_RELATED = compile_regex(
    rf"^(?:{_RELATED_WORDS}|about the authors?|footnotes|endnotes|explore more|more on this (?:story|topic)|"
    r"read also|\d+ (?:thoughts|responses|replies) (?:on|to)|leave a (?:reply|comment)|share this|like this|"
    r"читайте также|читайте також|смотрите также|новости партн[её]ров|последние новости|"
    r"самое (?:читаемое|популярное)|новини партнерів|останні новини)\b", re.I)
#: paragraphs (up to :data:`PROMPT_MAX` characters) that are the site talking to the reader, not the article:
#: cookie and subscription prompts, share bars, licence lines, credits, standing disclaimers, wire trailers
PROMPT = compile_regex(
    r"\b(?:we use cookies|uses cookies|cookie (?:policy|settings|preferences)|accept (?:all )?cookies|"
    r"manage (?:your )?(?:cookie|privacy)|by continuing to (?:use|browse)|subscribe (?:now|today)\b|"
    r"already (?:a subscriber|have an account)|create a free account|free articles? (?:left|remaining)|"
    r"subscribe to (?:our|the) (?:newsletter|channel|podcast|mailing list|daily|weekly)|"
    r"sign up (?:for|to) (?:our|the)|support (?:our|independent) journalism|"
    r"some rights reserved|all rights reserved|creative commons|licen[cs]ed under|cc[ -]by(?:-[a-z]{2})*(?: \d\.\d)?|"
    r"the views expressed|do(?:es)? not necessarily reflect|reporting by \w|editing by \w|"
    r"additional reporting by|this (?:article|story) (?:was|has been|first) (?:originally )?(?:published|appeared)|"
    r"reuse this content|report an error|comments? (?:are|is) closed|leave a comment)"
    r"|^(?:share (?:this|on)\b|follow us on|click here to|download (?:our|the) app|listen to this article)", re.I)
#: ... and on a whole scraped page: print-edition lines, licensing links, Russian and Ukrainian prompts, tag lines
PAGE_PROMPT = compile_regex(
    r"\b(?:(?:this article|it) (?:appears|appeared) in the .{0,40}(?:issue|edition)|purchase licensing rights|"
    r"все права защищены|усі права захищені|подписывайтесь на|підписуйтесь на|при (?:использовании|цитировании) "
    r"материалов)|^(?:поделиться|поділитися|теги:|tags:)", re.I)
PROMPT_MAX = 300
#: a credit line: an image or source credit ("Photo: Name/Reuters", "Source: @user on X", "Getty Images")
CREDIT = compile_regex(
    r"^(?:\(?(?:photo|image|picture|photograph|video|illustration|credit|source|foto|фото|источник|джерело)s?"
    r"(?: by| credit)?\s*[:/-]|\(?photo by |(?:reuters|afp|ap|epa|efe)/[^\s/]+(?:\s[^\s/]+){0,3}\s*$|"
    r".{0,80}\b(?:getty images|afp via|ap photo|shutterstock|epa-efe|anadolu)\b)", re.I)
#: ... and on a whole scraped page: an embedded post's credit ("— Name (@handle) March 3, 2022")
PAGE_CREDIT = compile_regex(r"^[—–-]\s*[^()\n]{1,60}\(@\w{1,30}\)[^()\n]{0,40}$")
#: a caption that ends with its credit: "... near Orikhiv. Photo: Name/Outlet", "... (Photo by Name/AFP via Getty)"
CAPTION = compile_regex(r"(?:\b(?:photo|image|picture|photograph|credit|foto|фото)s?(?: by| credit)?\s*:\s*[^.]{2,80}|"
                        r"\((?:photo|image|picture)s?(?: by)?\b[^()]{2,120}\)|/(?:getty images|afp|reuters|ap|epa|"
                        r"anadolu|shutterstock)\b[^.]{0,40}|\bgetty images[^.]{0,30})\s*$", re.I)
#: ... and on a whole scraped page: "... Social media/via Outlet", "... Handout/Ministry"
PAGE_CAPTION = compile_regex(r"\b(?:social media|handout|supplied)\s*/\s*(?:via\b)?[^.]{0,40}\s*$", re.I)
#: a share bar: only names of networks and sharing verbs
_SHARE_WORD = compile_regex(r"^(?:share|tweet|email|e-mail|print|copy(?: link)?|link|facebook|twitter|x|whatsapp|"
                            r"telegram|linkedin|reddit|pinterest|messenger|vk|viber|flipboard|pocket|on|this|"
                            r"article|the|via|save|comments?|\d+)$", re.I)
_SHARE_NAMES = frozenset(("share", "tweet", "facebook", "twitter", "whatsapp", "telegram"))
#: markdown link or image: ``[text](url)``, ``![alt](url)``
MD_LINK = compile_regex(r"(!?)\[([^\[\]]{0,300})\]\(([^()\s]{0,2000}(?:\([^()\s]{0,200}\))?[^()\s]{0,500})"
                        r"(?:\s+\"[^\"]{0,300}\")?\)")
_MD_MARK = compile_regex(r"^(?:#{1,6}\s+|>\s?|[*+-]\s+|\d{1,3}[.)]\s+)")
_MD_EMPH = compile_regex(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")
_DOMAIN = compile_regex(r"^(?:www\.)?(?:[\w-]+\.)+[a-z]{2,}/?$", re.I)
#: a title that is not one: a domain name, a site's section word
_NOT_TITLE = compile_regex(r"^(?:[\w-]+\.)+[a-z]{2,}$|^(?:news|home|menu|main|index|article|live|search|"
                           r"latest|breaking news|top stories)$", re.I)


@dataclass(slots=True)
class Cleaned:
    text: str
    offset_map: OffsetMap
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    section: str | None = None
    #: the site the page names for itself (a share bar's or copyright line's, never guessed)
    site: str | None = None
    removed: list[str] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Input spans of paragraphs: blank lines separate them; inside a block, an indented line starts one (wire
    copy), and so does a line after a short line that ends a sentence; lines wider than 150 characters are each a
    paragraph (text that is not hard-wrapped)."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lines.append((pos, pos + len(body)))
        pos += len(raw)
    blocks: list[list[tuple[int, int]]] = [[]]
    for s, e in lines:
        if text[s:e].strip():
            blocks[-1].append((s, e))
        elif blocks[-1]:
            blocks.append([])
    paras: list[tuple[int, int]] = []
    for block in blocks:
        if not block:
            continue
        width = max(e - s for s, e in block)
        cur = [block[0]]
        for prev, line in zip(block, block[1:]):
            prev_text = text[prev[0]:prev[1]].rstrip()
            indented = text[line[0]:line[0] + 2] in ("  ", "\t") or text[line[0]:line[0] + 1] == "\t"
            ends_sentence = prev_text[-1:] in ".!?:\"”’»" and (prev[1] - prev[0]) < 0.7 * width
            if width > 150 or indented or ends_sentence:
                paras.append(_strip(text, cur[0][0], cur[-1][1]))
                cur = [line]
            else:
                cur.append(line)
        paras.append(_strip(text, cur[0][0], cur[-1][1]))
    return [p for p in paras if p[1] > p[0]]


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


_SPACES = compile_regex(r"\s+")


def _norm_line(line: str) -> str:
    return _SPACES.sub(" ", line.strip(" \t\r\n|•·›»>«<:–—-*#")).lower()


def is_furniture(line: str) -> bool:
    if len(line) > 160:
        return False
    plain, rx = line_matcher("furniture.txt")
    norm = _norm_line(line)
    return norm in plain or any(r.match(norm) for r in rx)


def is_section(line: str) -> bool:
    if len(line) > 40:
        return False
    plain, _ = line_matcher("sections.txt")
    return _norm_line(line) in plain


def parse_date_line(line: str) -> tuple[str, str | None] | None:
    """``(iso, label)`` for a line that is only a date ("March 2, 2022 3:52pm", "Updated: March 3, 2022")."""
    m = DATE_LINE.match(line.strip())
    if not m:
        return None
    g = m.groupdict()
    try:
        if g["y3"]:
            y, mo, d = int(g["y3"]), int(g["m3"]), int(g["d3"])
        else:
            mname = (g["m1"] or g["m2"]).lower()
            mo = next(i for i, n in enumerate(_MONTHS, 1) if n.startswith(mname[:3]))
            y, d = int(g["y1"] or g["y2"]), int(g["d1"] or g["d2"])
        hour = minute = None
        if g["h"] is not None and (g["mi"] is not None or g["ap"]):
            hour, minute = int(g["h"]), int(g["mi"] or 0)
            ap = (g["ap"] or "").lower().replace(".", "")
            if ap == "pm" and hour < 12:
                hour += 12
            if ap == "am" and hour == 12:
                hour = 0
        dt = datetime(y, mo, d, hour or 0, minute or 0)
    except (ValueError, StopIteration):
        return None
    iso = dt.strftime("%Y-%m-%dT%H:%M") if hour is not None else dt.strftime("%Y-%m-%d")
    label = (g["label"] or "").strip(" :").lower() or None
    return iso, label


def clean_text(text: str, *, detect_title: bool = True, markdown: bool = False, whole_page: bool = True) -> Cleaned:
    """The canonical text of ``text`` with its offset map and the metadata found on the way. With ``markdown``,
    heading, list, quote, emphasis and link marks are left out of the canonical text (each kept piece still maps
    to its input characters), and a paragraph of links only (a menu, a list of related articles) is furniture.
    ``whole_page=False`` for text an extractor already cut to the article (HTML): no search for the main run."""
    paras = split_paragraphs(text)
    n = len(paras)
    out = Cleaned("", OffsetMap())
    scan = _Scan(out, tail_start=int(n * 0.6))
    pieces: list[list[tuple[int, int]]] = [_md_pieces(text, s, e) if markdown else [(s, e)] for s, e in paras]
    keep = [_keep_paragraph(text, i, paras[i], pieces, scan, markdown, whole_page) for i in range(n)]
    barrier = _barriers(text, paras, keep, scan)
    region_title = _main_region(text, paras, keep, pieces, markdown, barrier, scan) if whole_page else None
    if region_title is not None:  # a whole scraped page: the headline above the article is metadata
        if detect_title:
            out.title = region_title or None
    elif detect_title and scan.first_content is not None:
        out.title = _title(text, paras, keep, scan.first_content, pieces)
    if markdown:  # a list item's mark is the item's bullet, as in a plain text: a post's «- …» line stays one
        pieces = [_with_list_marks(text, spans) for spans in pieces]
    _assemble(text, paras, keep, out, pieces)
    return out


@dataclass(slots=True)
class _Scan:
    """What :func:`clean_text`'s pass over the paragraphs carries from one paragraph to the next."""
    out: Cleaned
    #: paragraphs from here on are in the page's tail (bios, related lists)
    tail_start: int
    #: the first paragraph kept as content so far
    first_content: int | None = None
    #: inside a list of links under a "Related" heading
    in_related: bool = False
    #: paragraphs dropped as metadata lines (dates, bylines)
    metadata: set[int] = field(default_factory=set)
    #: markdown paragraphs that are all text links (navigation)
    links: set[int] = field(default_factory=set)
    #: paragraphs that lost a credit (captions): dropped whole on a whole scraped page
    captions: set[int] = field(default_factory=set)
    #: paragraphs of 100 characters or more so far (a standfirst; from :data:`HEADER_PROSE` on, the article)
    prose: int = 0


def _keep_paragraph(text: str, i: int, span: tuple[int, int], pieces: list[list[tuple[int, int]]], scan: _Scan,
                    markdown: bool, whole_page: bool) -> bool:
    """Whether paragraph ``i`` is article text; on the way, cuts a caption's credit off ``pieces[i]`` and notes
    metadata, the site's name and lists of related links in ``scan``."""
    s, e = span
    raw = text[s:e]
    line = "".join(text[a:b] for a, b in pieces[i]) if markdown else raw
    short = len(line) <= 160
    if markdown and _link_only(raw):
        _note_links(i, raw, line, scan)
        return False
    credit = None
    if len(line) <= 300:
        credit = CAPTION.search(line) or (PAGE_CAPTION.search(line) if whole_page else None)
    if credit:  # a caption's credit goes; the caption's words stay (they may quote someone)
        pieces[i] = _cut(text, pieces[i], credit.start())
        scan.captions.add(i)
        line = "".join(text[a:b] for a, b in pieces[i])
    if _is_page_furniture(i, raw, line, short, scan, whole_page):
        return False
    if len(line) >= 100:
        scan.in_related = False  # prose again: the list has ended
        scan.prose += 1
    if (short and _metadata_line(line, i, scan.first_content, scan.out)) or \
            (whole_page and _metadata_block(line, i, scan)):
        scan.metadata.add(i)
        return False
    if i >= scan.tail_start and i > 0 and BIO.match(line.strip()) and \
            (BIO_HINTS.search(line) or (whole_page and PAGE_BIO_HINTS.search(line))):
        scan.in_related = True
        return False
    if scan.first_content is None:
        scan.first_content = i
    return True


def _note_links(i: int, raw: str, line: str, scan: _Scan) -> None:
    """A markdown paragraph of links only: note whether it is navigation and whether it heads a related list."""
    if any(m.group(2).strip() and not m.group(1) for m in MD_LINK.finditer(raw)):
        scan.links.add(i)  # a line that is all text links is navigation: it separates runs of prose (images do not)
    if i >= scan.tail_start or scan.first_content is not None:
        scan.in_related = scan.in_related or bool(PAGE_RELATED.match(line.strip()))


def _is_page_furniture(i: int, raw: str, line: str, short: bool, scan: _Scan, whole_page: bool) -> bool:
    """Paragraph ``i`` is the site's: chrome, a furniture line, the site's name, a related list or its heading."""
    related = PAGE_RELATED if whole_page else RELATED
    if not line.strip() or _is_chrome(raw, line, whole_page):
        if short and related.match(line.strip()):
            scan.in_related = True
        return True
    if short and is_furniture(line):
        if related.match(line.strip()) and i >= scan.tail_start:
            scan.in_related = True
        return True
    if short and _DOMAIN.match(line.strip()):
        scan.out.site = scan.out.site or line.strip()  # the site's name as a line of its own
        return True
    if short and len(line.split()) <= 5 and related.match(line.strip()) and line.rstrip()[-1:] not in ".!?\"”":
        scan.in_related = True  # "Related", "More from Reuters": the heading of a list of links
        return True
    # the list of links under "Related Articles"
    return scan.in_related and len(line) < 100 and line.rstrip()[-1:] not in ".!?\"”"


def _barriers(text: str, paras: list[tuple[int, int]], keep: list[bool], scan: _Scan) -> list[bool]:
    """A dropped block of several lines (a menu, a list of links) or a list's heading separates two runs of prose."""
    return [not keep[i] and i not in scan.metadata and
            ("\n" in text[s:e].strip() or bool(PAGE_RELATED.match(text[s:e].strip(" #*"))) or i in scan.links)
            for i, (s, e) in enumerate(paras)]

#: a paragraph of this many words or more that reads as prose is article text
GOOD_WORDS = 10
#: this many paragraphs or more that are not prose, in a row, end a run of article text
GAP = 6
#: a page is taken for a whole scraped page (and cut to its main run of article text) when the line rules dropped
#: this many blocks of site furniture (menus, lists of links, list headings): one article's text has none
SCRAPED = 3
#: prose paragraphs above the article's byline or date line (a headline's standfirst): more, and it is no header
HEADER_PROSE = 2
#: a standfirst (the sentence or two under a headline) is no longer than this
STANDFIRST = 300
#: dropped paragraphs between two prose paragraphs that can be an insert in the article (an ad's label and a link)
INSERT = 2
#: share of a short paragraph's word trigrams found in one longer paragraph that makes it a repetition of it
REPEATED = 0.6
#: a trigram in more paragraphs than this is common speech, no sign of a repetition
COMMON_GRAM = 20
_SENTENCE_END = compile_regex(r"[.!?…][\"”’»)]?(?:\s|$)")


def _quality(text: str, spans: list[tuple[int, int]], raw: str, markdown: bool) -> int:
    """2: prose (a paragraph of :data:`GOOD_WORDS` words or more with a sentence end, mostly not links); 1: a
    short sentence; 0: a short line that is not a sentence, or mostly links."""
    line = "".join(text[a:b] for a, b in spans)
    words = len(line.split())
    if markdown and "](" in raw:
        linked = sum(len(m.group(2).split()) for m in MD_LINK.finditer(raw) if not m.group(1))
        if linked > 0.5 * max(words, 1):
            return 0
    rows = [x for x in raw.splitlines() if x.strip()]
    if len(rows) >= 3 and words < 5 * len(rows):
        return 0  # a stack of short lines (a menu, a list of links), however many words in all
    sentence = bool(_SENTENCE_END.search(line))
    if (words >= GOOD_WORDS and sentence) or words >= 2.5 * GOOD_WORDS:
        return 2
    return 1 if sentence and words >= 3 else 0


def _main_region(text: str, paras: list[tuple[int, int]], keep: list[bool], pieces: list[list[tuple[int, int]]],
                 markdown: bool, barrier: list[bool], scan: _Scan) -> str | None:
    """On a whole scraped page (menus, teasers, footers around the article), keep only the main run of prose:
    runs of prose paragraphs joined across fewer than :data:`GAP` non-prose ones; the run with the most prose
    words is the article, and another run with half as many is kept too (an article split by a block of links).
    Inside the kept runs everything the line rules kept stays (subheadings, short sentences). Does nothing (returns
    None) unless the page shows :data:`SCRAPED` blocks of site furniture; else returns the headline: the last short
    line before the article that reads as a title (or an empty string when there is none). On such a page a
    caption that carried a credit goes whole, a byline or date line right under the page's first prose paragraph
    when that is short (a standfirst of up to :data:`STANDFIRST` characters) splits runs too, and
    a short paragraph that repeats words of a longer one (a pull quote) goes."""
    if sum(barrier) < SCRAPED:
        return None
    for i in scan.captions:
        keep[i] = False
    idx = [i for i in range(len(paras)) if keep[i]]
    if len(idx) < 2:
        return None
    q = {i: _quality(text, pieces[i], text[paras[i][0]:paras[i][1]], markdown) for i in idx}
    for i in _article_lists(text, paras, keep, q, markdown):
        keep[i], barrier[i], q[i] = True, False, 0
    idx = [i for i in range(len(paras)) if keep[i]]
    prose = [i for i in idx if q[i] == 2]
    head = (prose[0], prose[1]) if len(prose) > 1 and paras[prose[0]][1] - paras[prose[0]][0] <= STANDFIRST \
        else (0, 0)
    inserts = _inserts(text, paras, idx, q, barrier)
    barrier = [(b and i not in inserts) or (i in scan.metadata and head[0] < i < head[1])
               for i, b in enumerate(barrier)]
    runs = _prose_runs(idx, q, barrier)
    if not runs:
        return None
    inside = _article_paragraphs(text, paras, idx, q, barrier, runs)
    inside -= _repeated(text, pieces, sorted(inside))
    outside = [i for i in idx if i not in inside]
    if not outside:
        return None
    start = min(inside)
    title = _headline(text, paras, pieces, [j for j in idx if j < start], markdown)
    for i in outside:
        keep[i] = False
    return title


def _inserts(text: str, paras: list[tuple[int, int]], idx: list[int], q: dict[int, int],
             barrier: list[bool]) -> set[int]:
    """Barriers that are one line inside the article's prose (an inline "Read more: <headline>", one link): the kept
    paragraphs right before and after are prose, with at most :data:`INSERT` paragraphs between them, and no other
    barrier is that near (a list of teasers alternates links and summaries). A list's heading ("Related",
    "Comments") is no insert. Dropped, but they do not end the article."""
    out: set[int] = set()
    for i, b in enumerate(barrier):
        line = text[paras[i][0]:paras[i][1]].strip()
        if not b or "\n" in line or (PAGE_RELATED.match(line.strip(" #*")) and ":" not in line[:30]) or \
                any(barrier[j] for j in range(max(0, i - INSERT - 1), min(len(barrier), i + INSERT + 2)) if j != i):
            continue
        k = bisect.bisect_left(idx, i)
        if 0 < k < len(idx) and q[idx[k - 1]] == 2 and q[idx[k]] == 2 and idx[k] - idx[k - 1] <= INSERT + 1:
            out.add(i)
    return out


def _repeated(text: str, pieces: list[list[tuple[int, int]]], idx: list[int]) -> set[int]:
    """The paragraphs of ``idx`` in quotation marks (up to 300 characters, four words or more) whose word trigrams
    are for the most part (:data:`REPEATED`) those of one other, longer paragraph: a pull quote repeats a sentence
    of the article."""
    grams: dict[int, set[tuple[str, ...]]] = {}
    index: dict[tuple[str, ...], list[int]] = {}
    for i in idx:
        w = _WORDS.findall("".join(text[a:b] for a, b in pieces[i]).lower())
        grams[i] = {tuple(w[k:k + 3]) for k in range(len(w) - 2)}
        for g in grams[i]:
            index.setdefault(g, []).append(i)
    out: set[int] = set()
    for i in idx:
        if len(grams[i]) < 2 or sum(b - a for a, b in pieces[i]) > 300 or \
                text[pieces[i][0][0]:pieces[i][0][0] + 1] not in _QUOTE_MARKS:
            continue
        shared: dict[int, int] = {}
        for g in grams[i]:
            if len(index[g]) > COMMON_GRAM:
                continue  # "one of the": in too many paragraphs to say which one repeats
            for j in index[g]:
                if j != i and len(grams[j]) > len(grams[i]):
                    shared[j] = shared.get(j, 0) + 1
        if shared and max(shared.values()) >= REPEATED * len(grams[i]):
            out.add(i)
    return out


_WORDS = compile_regex(r"\w+")
_QUOTE_MARKS = frozenset("\"“”„«»‘’'")


def _prose_runs(idx: list[int], q: dict[int, int], barrier: list[bool]) -> list[list[int]]:
    """Runs of prose paragraphs (quality 2) among the kept ones ``idx``, joined across fewer than :data:`GAP`
    others, never across a barrier."""
    runs: list[list[int]] = []
    gap = GAP
    for i in idx:
        if runs and any(barrier[j] for j in range(runs[-1][-1] + 1, i)):
            gap = GAP  # a list of links, a menu or a prompt between them: not one article
        if q[i] == 2:
            if runs and gap < GAP:
                runs[-1].append(i)
            else:
                runs.append([i])
            gap = 0
        else:
            gap += 1
    return runs


def _article_paragraphs(text: str, paras: list[tuple[int, int]], idx: list[int], q: dict[int, int],
                        barrier: list[bool], runs: list[list[int]]) -> set[int]:
    """The kept paragraphs of the article: the runs with at least half the prose words of the heaviest run, each
    widened by the short sentences right before and after it."""

    def weight(run: list[int]) -> int:
        return sum(len(text[paras[i][0]:paras[i][1]].split()) for i in run if q[i] == 2)

    best = max(weight(r) for r in runs)
    chosen = [r for r in runs if weight(r) >= 0.5 * best]
    inside: set[int] = set()
    pos = {i: k for k, i in enumerate(idx)}
    for r in chosen:
        first, last = _widen(idx, q, barrier, pos[r[0]], pos[r[-1]])
        inside.update(idx[first:last + 1])
    return inside


def _widen(idx: list[int], q: dict[int, int], barrier: list[bool], first: int, last: int) -> tuple[int, int]:
    """A short sentence right before or after the run (positions ``first``..``last`` in ``idx``), with nothing
    dropped between, is the article's too."""
    while first > 0 and q[idx[first - 1]] == 1 and not any(barrier[j] for j in range(idx[first - 1], idx[first])):
        first -= 1
    while last + 1 < len(idx) and q[idx[last + 1]] == 1 and \
            not any(barrier[j] for j in range(idx[last] + 1, idx[last + 1])):
        last += 1
    return first, last


def _headline(text: str, paras: list[tuple[int, int]], pieces: list[list[tuple[int, int]]], before: list[int],
              markdown: bool) -> str:
    """The last short line of the kept paragraphs ``before`` the article (looking back at most 8) that reads as a
    title; an empty string when there is none."""
    for i in reversed(before[-8:]):
        line = "".join(text[a:b] for a, b in pieces[i]).strip()
        raw = text[paras[i][0]:paras[i][1]].lstrip()
        if (3 <= len(line.split()) <= 30 and line[-1:] not in ".:" and not _NOT_TITLE.match(line)
                and not is_section(line) and (not markdown or raw.startswith("#"))):
            return line.translate(_SAME_LENGTH)
    return ""


def page_title(title: str | None) -> str | None:
    """``title`` unless it is a domain name or a site's section word ("News", "Home"): then None."""
    if title is None:
        return None
    stripped = " ".join(title.split())
    return None if not stripped or _NOT_TITLE.match(stripped) or is_section(stripped) else stripped


def _is_chrome(raw: str, line: str, whole_page: bool = True) -> bool:
    """A paragraph that is the site's, not the article's: a prompt, a credit, a related list, a share bar, a menu
    (three or more short lines, none a sentence), a block of such lines and labels."""
    stripped = line.strip()
    if len(stripped) <= PROMPT_MAX and _prompt(stripped, whole_page):
        return True
    if len(stripped) <= 200 and (CREDIT.match(stripped) or (whole_page and PAGE_CREDIT.match(stripped))):
        return True
    if _related_block(raw, stripped, whole_page) or _share_bar(stripped):
        return True
    if whole_page and _menu_like(raw):
        return True
    return whole_page and _glued_chrome(line)


def _prompt(line: str, whole_page: bool) -> bool:
    return bool(PROMPT.search(line) or (whole_page and PAGE_PROMPT.search(line)))


def _related_block(raw: str, stripped: str, whole_page: bool) -> bool:
    """"Read more: <headline>", "Related articles" with its list of headlines in the same block."""
    first = raw.strip().splitlines()[0].strip(" #*>-") if raw.strip() else ""
    if not (PAGE_RELATED if whole_page else RELATED).match(first):
        return False
    rest = raw.strip().splitlines()[1:]
    if len(first) <= 60 and ((":" in first[:30] and len(stripped) <= 160) or
                             (rest and all(len(x.strip()) < 100 for x in rest))):
        return True
    # one line, a headline after the colon (no sentence: "Читайте также: Власти объявили о ...")
    return whole_page and not rest and ":" in first[:30] and len(first) <= 160 and \
        not _SENTENCE_END.search(first[first.index(":") + 1:] + " ")


def _share_bar(stripped: str) -> bool:
    """Only names of networks and sharing verbs ("Share: Facebook Twitter Email")."""
    words = stripped.replace("|", " ").replace("·", " ").replace("•", " ").split()
    return bool(words) and len(words) <= 12 and all(_SHARE_WORD.match(w.strip(":,.!()[]")) for w in words) and \
        any(w.lower().strip(":,.") in _SHARE_NAMES for w in words)


def _glued_chrome(line: str) -> bool:
    """Two or more lines in one block, one of them chrome and the others short labels (a tag list glued to a share
    bar, a prompt to its button); not a credit under short rows (a table's rows over its source)."""
    rows = [x.strip() for x in line.splitlines() if x.strip()]
    if len(rows) < 2 or any(len(x) > 160 for x in rows):
        return False
    chrome = [_is_chrome(x, x, True) and not CREDIT.match(x) and not PAGE_CREDIT.match(x) for x in rows]
    return any(chrome) and all(c or (len(x.split()) <= 6 and not _SENTENCE_END.search(x + " ") and
                                     not any(ch.isdigit() for ch in x)) for c, x in zip(chrome, rows))


def _menu_like(raw: str) -> bool:
    """Three or more short lines, none a sentence, few with figures: a menu (a table's rows hold figures)."""
    lines = [x.strip() for x in raw.splitlines() if x.strip()]
    menu_like = sum(len(x.split()) <= 4 and x[-1:] not in ".!?\"”:" for x in lines)
    return len(lines) >= 3 and menu_like >= 0.7 * len(lines) and \
        sum(any(ch.isdigit() for ch in x) for x in lines) <= 0.3 * len(lines)


def _article_lists(text: str, paras: list[tuple[int, int]], keep: list[bool], q: dict[int, int],
                   markdown: bool) -> list[int]:
    """Blocks of short lines dropped as menus that stand inside the article's prose: a prose paragraph among the
    three kept before (and two more before that: not a standfirst), a prose paragraph next after, within two; no
    links, no list heading. A table or a list of short items of the article, not the site's menu."""
    kept = [i for i in range(len(paras)) if keep[i]]
    prose_before = [0]  # prose_before[k]: prose paragraphs among kept[:k]
    for j in kept:
        prose_before.append(prose_before[-1] + (q[j] == 2))
    out: list[int] = []
    for i in range(len(paras)):
        raw = text[paras[i][0]:paras[i][1]]
        if keep[i] or (markdown and "](" in raw) or PAGE_RELATED.match(raw.strip(" #*")) or not _menu_like(raw):
            continue
        k = bisect.bisect_left(kept, i)
        before = [j for j in kept[max(0, k - 3):k] if j >= i - 4]
        after = kept[k] if k < len(kept) and kept[k] <= i + 2 else None
        if after is not None and q[after] == 2 and any(q[j] == 2 for j in before) and prose_before[k] >= 2:
            out.append(i)
    return out


def _cut(text: str, spans: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    """The first ``n`` characters of the concatenation of ``spans``, without trailing spaces, as spans."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if n <= 0:
            break
        out.append((a, min(b, a + n)))
        n -= b - a
    while out:
        a, b = out[-1]
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out[-1] = (a, b)
            break
        out.pop()
    return out


def _link_only(raw: str) -> bool:
    """A markdown paragraph whose words are nearly all link texts or images (a menu, a related list, a share bar)."""
    if "](" not in raw:
        return False
    linked = sum(len(m.group(2).split()) for m in MD_LINK.finditer(raw) if not m.group(1))
    rest = MD_LINK.sub(" ", raw)
    rest = _MD_EMPH.sub(" ", "\n".join(_MD_MARK.sub("", x.strip()) for x in rest.splitlines()))
    other = len([w for w in rest.split() if any(ch.isalnum() for ch in w)])
    images = sum(1 for m in MD_LINK.finditer(raw) if m.group(1))
    return (linked + other == 0 and images > 0) or (linked > 0 and other <= 0.25 * (linked + other))


def _md_pieces(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The input spans of a markdown paragraph's words: line marks (heading, list, quote), emphasis marks, images and
    link targets left out; a link keeps its text."""
    drop: list[tuple[int, int]] = []
    pos = s
    for raw_line in text[s:e].splitlines(keepends=True):
        m = _MD_MARK.match(raw_line.lstrip(" "))
        lead = len(raw_line) - len(raw_line.lstrip(" "))
        if m:
            drop.append((pos, pos + lead + m.end()))
        pos += len(raw_line)
    chunk = text[s:e]
    for m in MD_LINK.finditer(chunk):
        if m.group(1):
            drop.append((s + m.start(), s + m.end()))
        else:
            drop.append((s + m.start(), s + m.start(2)))
            drop.append((s + m.end(2), s + m.end()))
    for m in _MD_EMPH.finditer(chunk):
        drop.append((s + m.start(), s + m.end()))
    drop.sort()
    out: list[tuple[int, int]] = []
    cur = s
    for a, b in drop:
        if a > cur:
            out.append((cur, a))
        cur = max(cur, b)
    if cur < e:
        out.append((cur, e))
    # trim: no piece starts or ends the paragraph with spaces
    trimmed = [(a, b) for a, b in out if text[a:b].strip()]
    if trimmed:
        a, b = trimmed[0]
        trimmed[0] = (a + len(text[a:b]) - len(text[a:b].lstrip()), b)
        a, b = trimmed[-1]
        trimmed[-1] = (a, b - (len(text[a:b]) - len(text[a:b].rstrip())))
    return [(a, b) for a, b in trimmed if b > a]


#: a markdown list item's mark (``- ``, ``* ``, ``+ ``, ``1. ``, ``1) ``): kept in the canonical text
_MD_LIST = compile_regex(r"[*+-]\s+|\d{1,3}[.)]\s+")


#: how far back from a paragraph's first piece its line's start is looked for (indentation and a list mark)
_MARK_REACH = 40


def _with_list_marks(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A markdown paragraph's pieces with the list mark of each line given back: the furniture rules read the words
    without it, but the canonical text keeps a list item's mark as a plain text's (a Russian post's «- …» line is a
    dialogue line or a bullet under an intro, whatever file it was saved as). Each search for a line's start reads
    only the gap since the last piece (a line of thousands of emphasis marks stays linear)."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        done = out[-1][1] if out else 0
        lo = max(0, done - 1) if out else max(0, a - _MARK_REACH)  # (the last piece may end with the line break)
        nl = text.rfind("\n", lo, a)
        if nl >= 0 or lo == 0:  # the line starts in the gap: only a mark may stand between its start and the piece
            lead = max(nl + 1, done)
            while lead < a and text[lead] == " ":
                lead += 1
            if lead < a and _MD_LIST.fullmatch(text, lead, a):
                a = lead
        out.append((a, b))
    return out


def _metadata_block(line: str, i: int, scan: _Scan) -> bool:
    """A block of two to five short lines in the page's header (fewer than :data:`HEADER_PROSE` paragraphs of prose
    above it), one a byline or a date line and the
    others metadata, prompts or labels ("By Name" / "June 8, 2024" / "Listen to this article · 9 min read"): read
    like the lines of their own, dropped."""
    rows = [r.strip() for r in line.splitlines() if r.strip()]
    if scan.prose >= HEADER_PROSE or not 2 <= len(rows) <= 5 or any(len(r) > 100 for r in rows):
        return False
    dated = [bool(parse_date_line(r) or BYLINE_DATE.match(r) or BYLINE.match(r)) for r in rows]
    if not any(dated) or not all(d or _prompt(r, True) or is_furniture(r) or
                                 (len(r.split()) <= 6 and not _SENTENCE_END.search(r + " ")) for d, r in zip(dated, rows)):
        return False
    for r, d in zip(rows, dated):
        if d:
            _metadata_line(r, i, scan.first_content, scan.out)
    return True


def _metadata_line(line: str, i: int, first_content: int | None, out: Cleaned) -> bool:
    """Whether a short paragraph is a date, byline or section line (read into ``out``), to be dropped."""
    date = parse_date_line(line)
    if date:
        iso, label = date
        if first_content is not None and i - first_content > 3:
            return True  # a date line far below the header block (a related list's, a comment's): dropped, not read
        if label and ("updat" in label or "modif" in label):
            out.updated = out.updated or iso
        elif out.published is None:
            out.published = iso
        elif out.updated is None:
            out.updated = iso
        return True
    m = BYLINE_DATE.match(line.strip())
    if m and (first_content is None or i - first_content <= 3):
        date = parse_date_line(m.group("date"))
        if date:
            out.author = out.author or m.group("name").strip()
            if out.published is None and not (date[1] and ("updat" in date[1] or "modif" in date[1])):
                out.published = date[0]
            return True
    if BYLINE.match(line.strip()) and (first_content is None or i - first_content <= 3):
        out.author = out.author or line.strip()[3:].strip()
        return True
    if first_content is None and is_section(line):
        out.section = out.section or line.strip()
        return True
    return False


def _title(text: str, paras: list[tuple[int, int]], keep: list[bool], first_content: int,
           pieces: list[list[tuple[int, int]]]) -> str | None:
    """The first kept paragraph when it reads as a title: short, one line, no final stop, more text after it; never
    a domain name or a site's section word ("News")."""
    line = "".join(text[a:b] for a, b in pieces[first_content]) if pieces[first_content] else ""
    later = any(keep[j] for j in range(first_content + 1, len(paras)))
    stripped = line.strip()
    if later and len(line) < 250 and "\n" not in stripped and stripped[-1:] != "." and \
            not _NOT_TITLE.match(stripped) and not is_section(stripped):
        return stripped.translate(_SAME_LENGTH)
    return None


def _assemble(text: str, paras: list[tuple[int, int]], keep: list[bool], out: Cleaned,
              pieces: list[list[tuple[int, int]]] | None = None) -> None:
    """The kept paragraphs joined with blank lines (same-length substitutions inside), with the offset map; a
    paragraph given as several input pieces (markdown) is their concatenation, each piece mapped."""
    parts: list[str] = []
    pos = 0
    for i, (s, e) in enumerate(paras):
        spans = pieces[i] if pieces is not None else [(s, e)]
        if not keep[i] or not spans:
            out.removed.append(text[s:e])
            continue
        if parts:
            parts.append(PARA_SEP)
            pos += len(PARA_SEP)
        start = pos
        for a, b in spans:
            piece = text[a:b].translate(_SAME_LENGTH)
            out.offset_map.add(pos, a, len(piece))
            parts.append(piece)
            pos += len(piece)
        out.paragraphs.append((start, pos))
    out.text = "".join(parts)
