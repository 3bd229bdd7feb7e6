"""Does the same text give the same result whatever form it arrives in? (session 15, h-forms)

Every held-out figure is measured on a JSONL record through ``api.extract_line``. An analyst also gives the same posts
and articles as ``.txt`` and ``.md`` files (the ingest path of ``moralewatch run`` and ``extract``: ``read_inputs``),
as a Telegram Desktop export (``result.json``), or to the library (``analyze_text``, or a ``Document(text=...)`` run
through the pipeline). This script runs the default pipeline on each text in every one of those forms and compares
each form's layers with the JSONL record's:

- ``canonical``: the text after the clean stage;
- ``paragraphs``: the input lines the segment stage's paragraphs start on;
- ``lines``: the input lines the line structure the quote stages read (``clean.line_breaks``) starts
  its lines on;
- ``quotes``: (input start, input end, speaker) of every quote;
- ``indicators``: (input start, input end, indicator, subject side) of every indicator;

spans without the markdown marks at their ends (a list mark or emphasis, :func:`_unmarked`), in every form.

Offsets are the input's (the extract contract's mapping), and the input is the same string in every form, so a span
compares across forms whatever the cleaner did to it. A form that cannot carry a record's metadata (a file has no
``source``, ``title`` or ``date``) is compared with the record without them (``jsonl-bare``: ``id`` and ``text``
only); a form that carries them (``analyze_text``, ``Document``, a Telegram export's chat and date) with the record
as it is (``jsonl``). Deterministic and offline: files go to a temporary folder.

    PYTHONPATH=src python scripts/form_invariance.py [--shared ../shared] [--english 200] [--seed 15] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from moralewatch.api import extract_line, to_extract
from moralewatch.ingest import read_inputs
from moralewatch.model import Document
from moralewatch.pipeline import Pipeline

try:
    from moralewatch.clean import line_breaks
except ImportError:  # before session 15 (h-forms) the quote stage decided it: to measure the tree before the fix
    from moralewatch.quotes_ruuk.document import line_breaks  # type: ignore[attr-defined,no-redef]
from moralewatch.runner import Limits, run_one
from moralewatch.stages import default_pipeline

ROOT = Path(__file__).resolve().parents[1]
RUUK = ("milblogger-telegram-ru.jsonl", "ru-news-telegram-war.jsonl", "resistinua-addresses.jsonl")
ENGLISH = ("nyt-guardian-407.jsonl", "zelensky-addresses-en.jsonl")
TELEGRAM_SOURCE = "Telegram channel: "
LAYERS = ("canonical", "paragraphs", "lines", "quotes", "indicators")
#: each form and the JSONL record it is compared with (with its metadata, or bare: id and text only)
FORMS = {"txt": "jsonl-bare", "md": "jsonl-bare", "telegram": "jsonl", "analyze_text": "jsonl",
         "Document": "jsonl"}


class _Keep:
    """A pipeline that keeps the last document it ran (to read ``extract_line``'s document's layers)."""

    def __init__(self, pipe: Pipeline) -> None:
        self.pipe = pipe
        self.doc: Document | None = None

    def run(self, doc: Document) -> Document:
        self.doc = self.pipe.run(doc)
        return self.doc


def _line_no(src: str, pos: int) -> int:
    return src.count("\n", 0, pos)


def _to_input(doc: Document, start: int, end: int) -> tuple[int, int] | None:
    if doc.input_text is None:  # a Document made by hand: its text is its input
        return start, end
    return doc.offset_map.span_to_input(start, end)


def layers(doc: Document, out: dict[str, Any] | None = None) -> dict[str, Any]:
    """The compared layers of a document; ``out`` the extract contract's line when the form has one."""
    src = doc.input_text if doc.input_text is not None else doc.text
    if out is None:
        out = to_extract(doc, None) if doc.input_text is not None else _by_hand(doc)
    starts = []
    for s, _e in doc.paragraphs:
        span = _to_input(doc, s, s + 1)
        starts.append(_line_no(src, span[0]) if span else -1)
    breaks = line_breaks(doc)
    lines = []
    for s, e in doc.paragraphs:
        pos = s
        for b in [b for b in breaks if s <= b < e] + [e]:
            if doc.text[pos:b].strip():
                first = pos + len(doc.text[pos:b]) - len(doc.text[pos:b].lstrip())
                span = _to_input(doc, first, first + 1)
                lines.append(_line_no(src, span[0]) if span else -1)
            pos = b + 1
    return {
        "canonical": doc.text,
        "paragraphs": starts,
        "lines": lines,
        "quotes": [(*_unmarked(src, q["start"], q["end"]), q["speaker"]) for q in out["quotes"]],
        "indicators": [(*_unmarked(src, i["start"], i["end"]), i["indicator"], i["subject_side"])
                       for i in out["indicators"]],
    }


_LEAD = re.compile(r"(?:\s|#{1,6}\s|>|[*+-]\s|\d{1,3}[.)]\s|\*\*|__|[*_`])*")
_TRAIL = re.compile(r"(?:\s|\*\*|__|[*_`])*$")


def _unmarked(src: str, start: int, end: int) -> tuple[int, int]:
    """An input span without the markdown marks and spaces at its ends (a ``.md`` file's list mark or emphasis is the
    form's own syntax: the span ``- снарядный голод`` of a record is ``снарядный голод`` of the same ``.md``), the same
    for every form."""
    start = _LEAD.match(src, start, end).end()  # type: ignore[union-attr]
    m = _TRAIL.search(src, start, end)
    return start, m.start() if m else end


def _by_hand(doc: Document) -> dict[str, Any]:
    """The extract contract's quotes and indicators of a document whose text is its input (no offset map)."""
    return {"quotes": [{"start": q.start, "end": q.end, "speaker": q.speaker} for q in doc.quotes],
            "indicators": [{"start": i.start, "end": i.end, "indicator": i.indicator, "subject_side": i.subject_side}
                           for i in doc.indicators]}


def _jsonl(rec: dict[str, Any], keep: _Keep, bare: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    obj = {"id": rec["id"], "text": rec["text"]} if bare else rec
    out = extract_line(json.dumps(obj, ensure_ascii=False), 1, pipeline=keep)  # type: ignore[arg-type]
    assert keep.doc is not None and out["error"] is None, (rec["id"], out["error"])
    return layers(keep.doc, out), out


def _file(rec: dict[str, Any], pipe: Pipeline, folder: str, suffix: str) -> dict[str, Any]:
    path = os.path.join(folder, f"doc{suffix}")
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(rec["text"])
    (raw,) = list(read_inputs([path]))
    doc = run_one(raw, pipe, Limits())
    assert isinstance(doc, Document), (rec["id"], doc)
    return layers(doc)


def _telegram(rec: dict[str, Any], pipe: Pipeline, folder: str) -> dict[str, Any]:
    chat = rec["source"][len(TELEGRAM_SOURCE):]
    msg = {"id": 1, "type": "message", "date": rec.get("date") or "2024-01-01T00:00:00", "from": chat,
           "text": rec["text"]}
    path = os.path.join(folder, "result.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"name": chat, "type": "public_channel", "id": 1, "messages": [msg]}, fh, ensure_ascii=False,
                  indent=1)
    (raw,) = list(read_inputs([path]))
    doc = run_one(raw, pipe, Limits())
    assert isinstance(doc, Document), (rec["id"], doc)
    return layers(doc)


def _meta(rec: dict[str, Any]) -> dict[str, Any]:
    return {"title": rec.get("title"), "published": rec.get("date"), "outlet": rec.get("source"),
            "url": rec.get("url"), "lang": rec.get("lang")}


def _analyze_text(rec: dict[str, Any], pipe: Pipeline) -> dict[str, Any]:
    import moralewatch as mw

    return layers(mw.analyze_text(rec["text"], pipeline=pipe, external_id=str(rec["id"]), **_meta(rec)))


def _document(rec: dict[str, Any], pipe: Pipeline) -> dict[str, Any]:
    m = _meta(rec)
    doc = Document(text=rec["text"], external_id=str(rec["id"]), title=m["title"], published=m["published"],
                   outlet=m["outlet"], url=m["url"], lang=m["lang"])
    return layers(pipe.run(doc))


def _form(form: str, rec: dict[str, Any], pipe: Pipeline, folder: str) -> dict[str, Any]:
    if form in ("txt", "md"):
        return _file(rec, pipe, folder, f".{form}")
    if form == "telegram":
        return _telegram(rec, pipe, folder)
    return _analyze_text(rec, pipe) if form == "analyze_text" else _document(rec, pipe)


def records(shared: Path, english: int, seed: int) -> list[tuple[str, dict[str, Any]]]:
    """(corpus, record): every ru/uk document of :data:`RUUK`, and ``english`` seeded English ones of :data:`ENGLISH`
    (half from each)."""
    out: list[tuple[str, dict[str, Any]]] = []
    for name in RUUK:
        with open(shared / "data" / "corpora" / name, encoding="utf-8") as fh:
            out += [(name, r) for r in map(json.loads, fh) if r.get("lang") in ("ru", "uk") and r.get("text")]
    rng = random.Random(seed)
    for k, name in enumerate(ENGLISH):
        with open(shared / "data" / "corpora" / name, encoding="utf-8") as fh:
            pool = [r for r in map(json.loads, fh) if r.get("text", "").strip()]
        n = english // len(ENGLISH) + (k < english % len(ENGLISH))
        out += [(name, r) for r in rng.sample(pool, min(n, len(pool)))]
    return out


def compare(recs: list[tuple[str, dict[str, Any]]], examples: int = 5) -> dict[str, Any]:
    pipe = default_pipeline()
    keep = _Keep(pipe)
    diff: dict[str, dict[str, list[str]]] = {f: {la: [] for la in LAYERS} for f in FORMS}
    ran: dict[str, int] = dict.fromkeys(FORMS, 0)
    with tempfile.TemporaryDirectory() as folder:
        for _corpus, rec in recs:
            base = {"jsonl": _jsonl(rec, keep, False)[0], "jsonl-bare": _jsonl(rec, keep, True)[0]}
            forms = [f for f in FORMS if f != "telegram" or str(rec.get("source") or "").startswith(TELEGRAM_SOURCE)]
            for form in forms:
                got, want = _form(form, rec, pipe, folder), base[FORMS[form]]
                ran[form] += 1
                for la in LAYERS:
                    if got[la] != want[la]:
                        diff[form][la].append(str(rec["id"]))
    return {"documents": len(recs), "ran": ran,
            "differ": {f: {la: len(ids) for la, ids in d.items()} for f, d in diff.items()},
            "examples": {f: {la: ids[:examples] for la, ids in d.items() if ids} for f, d in diff.items()},
            "ids": diff}


def table(report: dict[str, Any]) -> str:
    rows = ["| form (compared with) | documents | " + " | ".join(LAYERS) + " |",
            "|---|---:|" + "---:|" * len(LAYERS)]
    for form, counts in report["differ"].items():
        rows.append(f"| {form} ({FORMS[form]}) | {report['ran'][form]} | " +
                    " | ".join(str(counts[la]) for la in LAYERS) + " |")
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MORALEWATCH_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--english", type=int, default=200, help="English documents sampled (half from each corpus)")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--only", choices=("ruuk", "en"), help="only the ru/uk or only the English documents")
    ap.add_argument("--json", type=Path, help="write the report (with every differing id) here")
    args = ap.parse_args()
    recs = records(args.shared, args.english, args.seed)
    if args.only:
        recs = [(c, r) for c, r in recs if (c in RUUK) == (args.only == "ruuk")]
    report = compare(recs)
    print(table(report))
    for form, layers_ in report["examples"].items():
        for la, ids in layers_.items():
            print(f"{form} {la}: {', '.join(ids)}")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
