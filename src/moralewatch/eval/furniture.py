"""Line-level furniture removal on scraped renderings of real pages (``moralewatch eval pages --furniture``).

A page of the article-extraction benchmark is rendered as a scraper would save it, the whole page's visible text
(:func:`render`: plain text, or markdown with headings, list items, links and images), one block a line. A line is
*body* when its words are a run of the benchmark's ground-truth body (:func:`label_lines`; short lines only next to
a body line), else *furniture*. The gold (``gold/pages/furniture.jsonl``) stores the page id, the rendering, the
number of lines, the body line numbers and a 12-hex sha1 per line (no page text): the renderer must reproduce the
same lines, or the page is reported as changed. The score: the lines the text cleaner keeps (any character of the
line in its offset map) against the body lines, precision and recall of the body.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from pathlib import Path
from typing import Any

RENDERER = "furniture-render.v1"
_BLOCK = frozenset("p div h1 h2 h3 h4 h5 h6 li ul ol tr table section article header footer nav aside blockquote "
                   "figure figcaption form dd dt dl pre main address hr details summary fieldset legend".split())
_SKIP = frozenset("script style noscript template svg head iframe object select option button input textarea "
                  "canvas map".split())
_PARA = frozenset("p h1 h2 h3 h4 h5 h6 blockquote pre table figure header footer nav aside section article".split())
_WORD = re.compile(r"\w+")


def render(html: str, markdown: bool = False) -> str:
    """The visible text of a whole page as a scraper saves it: one block a line, a blank line after paragraphs and
    headings; with ``markdown``, ``#`` headings, ``*`` list items, ``[text](href)`` links and ``![alt](src)``
    images."""
    from lxml import html as lxml_html

    root = lxml_html.document_fromstring(html)
    lines: list[str] = []
    cur: list[str] = []

    def flush(blank: bool = False) -> None:
        text = " ".join("".join(cur).split())
        cur.clear()
        if text:
            lines.append(text)
        if blank and lines and lines[-1] != "":
            lines.append("")

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            if el.tail:
                cur.append(el.tail)
            return
        block = tag in _BLOCK
        if block or tag == "br":
            flush(tag in _PARA)
        if markdown and tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            cur.append("#" * int(tag[1]) + " ")
        elif markdown and tag == "li":
            cur.append("* ")
        elif markdown and tag == "img" and (el.get("alt") or "").strip():
            cur.append(f" ![{' '.join(el.get('alt').split())}]({el.get('src') or ''}) ")
        link = markdown and tag == "a" and el.get("href") and (el.text_content() or "").strip()
        if link:
            cur.append(" [")
        if el.text and tag:
            cur.append(el.text)
        for child in el:
            walk(child)
        if link:
            cur.append(f"]({el.get('href')}) ")
        if block:
            flush(tag in _PARA)
        if el.tail:
            cur.append(el.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return "\n".join(lines).strip() + "\n"


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _plain(line: str) -> str:
    """A rendered line without markdown targets (the words a reader sees)."""
    line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", " ", line)
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)


def label_lines(rendered: str, truth: str) -> list[int]:
    """Numbers of the body lines of ``rendered``: lines of three or more words whose words are a contiguous run of
    ``truth``'s words; a shorter line only when it is such a run and a neighbouring line is body."""
    gt = " " + " ".join(_tokens(truth)) + " "
    lines = rendered.split("\n")
    match: list[bool | None] = []
    for line in lines:
        toks = _tokens(_plain(line))
        if not toks:
            match.append(None)
            continue
        inside = (" " + " ".join(toks) + " ") in gt
        match.append(inside if len(toks) >= 3 else (None if inside else False))
    body = set(i for i, m in enumerate(match) if m)
    for i, m in enumerate(match):
        if m is None and _tokens(_plain(lines[i])) and (" " + " ".join(_tokens(_plain(lines[i]))) + " ") in gt:
            near = [j for j in range(i - 2, i + 3) if j != i and 0 <= j < len(lines) and _tokens(lines[j])]
            if any(j in body for j in near[:4]):
                body.add(i)
    return sorted(body)


def line_sha(line: str) -> str:
    return hashlib.sha1(line.encode("utf-8")).hexdigest()[:12]


def kept_lines(rendered: str, markdown: bool) -> set[int]:
    """Numbers of the lines of ``rendered`` of which the text cleaner keeps any character."""
    from ..clean.text import clean_text

    c = clean_text(rendered, detect_title=True, markdown=markdown)
    starts = [0]
    for line in rendered.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    kept: set[int] = set()
    for i, n in zip(c.offset_map.inp, c.offset_map.length):
        if i < 0 or n <= 0:
            continue
        first = bisect.bisect_right(starts, i) - 1
        last = bisect.bisect_right(starts, i + n - 1) - 1
        kept.update(range(first, last + 1))
    return kept


def _count_evidence(rendered: str, markdown: bool, body: set[int], counts: dict[str, int]) -> None:
    """Run the default pipeline over a rendering (as the ``.md`` or ``.txt`` file a scraper saves) and count its
    quotes and indicators, and those whose words lie on furniture lines (no body line under their span)."""
    from ..api import analyze_text

    doc = analyze_text(rendered, format="md" if markdown else "txt")
    starts = [0]
    for line in rendered.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    for kind, items in (("quotes", doc.quotes), ("indicators", doc.indicators)):
        for item in items:
            span = doc.offset_map.span_to_input(item.start, item.end)
            counts[kind] += 1
            if span is None:
                continue
            first = bisect.bisect_right(starts, span[0]) - 1
            last = bisect.bisect_right(starts, max(span[0], span[1] - 1)) - 1
            if not body.intersection(range(first, last + 1)):
                counts[f"{kind}_on_furniture"] += 1


def evaluate_furniture(gold_path: Path, bench: Path, with_evidence: bool = False) -> dict[str, Any]:
    """Line-level body precision and recall of the text cleaner on the renderings of ``gold_path``; with
    ``with_evidence``, also how many quotes and indicators of the full pipeline stand on furniture lines (issue 13:
    none should)."""
    from .pages import bench_page, read_gold, read_page

    evidence: dict[str, int] | None = dict.fromkeys(
        ("quotes", "quotes_on_furniture", "indicators", "indicators_on_furniture"), 0) if with_evidence else None

    gold = read_gold(gold_path, ("page", "render", "body", "line_sha1"))
    tp = fp = fn = 0
    changed: list[str] = []
    by_kind: dict[str, list[int]] = {}
    for g in gold:
        page = bench_page(bench, f"{g['page']}.html.gz", gold_path)
        md = g["render"] == "md"
        rendered = render(read_page(page), markdown=md)
        lines = rendered.split("\n")
        if [line_sha(x) for x in lines] != g["line_sha1"]:
            changed.append(f"{g['page'][:12]}:{g['render']}")
            continue
        body = set(g["body"])
        if evidence is not None:
            _count_evidence(rendered, md, body, evidence)
        kept = {i for i in kept_lines(rendered, md) if lines[i].strip()}
        counts = by_kind.setdefault(g["render"], [0, 0, 0])
        for i, line in enumerate(lines):
            if not line.strip():
                continue
            a, b = i in kept, i in body
            tp += a and b
            fp += a and not b
            fn += b and not a
            counts[0] += a and b
            counts[1] += a and not b
            counts[2] += b and not a

    def pr(t: int, f: int, n: int) -> dict[str, float]:
        return {"precision": round(t / (t + f), 4) if t + f else 0.0, "recall": round(t / (t + n), 4) if t + n
                else 0.0}

    out = {"renderings": len(gold) - len(changed), "changed": changed, **pr(tp, fp, fn),
           "by_rendering": {k: pr(*v) for k, v in sorted(by_kind.items())}, "lines": {"tp": tp, "fp": fp, "fn": fn}}
    if evidence is not None:
        out["evidence"] = evidence
    return out
