"""Plain text to one canonical text: paragraphs found, page furniture out, title and dates recognised.

Scraped pages keep their navigation ("Skip to main content", section crumbs, "Related Topics", "Back to top
button", author bios). Those paragraphs are dropped, the title and the publication and update dates are read off
the top, and the kept paragraphs are joined with blank lines. Inside a paragraph, substitutions keep the length
(line break -> space, non-breaking space -> space), so every canonical character maps to one input character.
"""

from __future__ import annotations

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
RELATED = compile_regex(r"^(?:related|more on|more from|read more|see also|recommended)\b", re.I)


@dataclass(slots=True)
class Cleaned:
    text: str
    offset_map: OffsetMap
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    section: str | None = None
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


def clean_text(text: str, *, detect_title: bool = True) -> Cleaned:
    """The canonical text of ``text`` with its offset map and the metadata found on the way."""
    paras = split_paragraphs(text)
    n = len(paras)
    keep = [True] * n
    out = Cleaned("", OffsetMap())
    first_content: int | None = None
    tail_start = int(n * 0.6)
    in_related = False
    for i, (s, e) in enumerate(paras):
        line = text[s:e]
        short = len(line) <= 160
        if short and is_furniture(line):
            keep[i] = False
            if RELATED.match(line.strip()) and i >= tail_start:
                in_related = True
            continue
        if in_related and len(line) < 100 and line.rstrip()[-1:] not in ".!?\"”":
            keep[i] = False  # the list of links under "Related Articles"
            continue
        if short and _metadata_line(line, i, first_content, out):
            keep[i] = False
            continue
        if i >= tail_start and i > 0 and BIO.match(line.strip()) and BIO_HINTS.search(line):
            keep[i] = False
            in_related = True
            continue
        if first_content is None:
            first_content = i
    if detect_title and first_content is not None:
        out.title = _title(text, paras, keep, first_content)
    _assemble(text, paras, keep, out)
    return out


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
    if BYLINE.match(line.strip()) and (first_content is None or i - first_content <= 3):
        out.author = out.author or line.strip()[3:].strip()
        return True
    if first_content is None and is_section(line):
        out.section = out.section or line.strip()
        return True
    return False


def _title(text: str, paras: list[tuple[int, int]], keep: list[bool], first_content: int) -> str | None:
    """The first kept paragraph when it reads as a title: short, one line, no final stop, more text after it."""
    s, e = paras[first_content]
    line = text[s:e]
    later = any(keep[j] for j in range(first_content + 1, len(paras)))
    if later and len(line) < 250 and "\n" not in line.strip() and line.rstrip()[-1:] != ".":
        return line.strip().translate(_SAME_LENGTH)
    return None


def _assemble(text: str, paras: list[tuple[int, int]], keep: list[bool], out: Cleaned) -> None:
    """The kept paragraphs joined with blank lines (same-length substitutions inside), with the offset map."""
    parts: list[str] = []
    pos = 0
    for i, (s, e) in enumerate(paras):
        if not keep[i]:
            out.removed.append(text[s:e])
            continue
        if parts:
            parts.append(PARA_SEP)
            pos += len(PARA_SEP)
        piece = text[s:e].translate(_SAME_LENGTH)
        out.offset_map.add(pos, s, len(piece))
        out.paragraphs.append((pos, pos + len(piece)))
        parts.append(piece)
        pos += len(piece)
    out.text = "".join(parts)
