"""The unit ingest hands on (:class:`RawInput`), its limits, and the helpers that keep what it reports bounded
and storable."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import Any

SUPPORTED = (".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".ndjson", ".warc", ".warc.gz",
             ".txt.gz", ".text.gz", ".md.gz", ".html.gz", ".htm.gz", ".jsonl.gz", ".ndjson.gz",
             ".json", ".json.gz", ".srt", ".vtt", ".srt.gz", ".vtt.gz")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
JSONL_FIELDS = ("title", "date", "source", "url", "lang")
#: the longest detail an outcome's reason quotes (a garbage archive must not store megabytes of error text)
MAX_DETAIL = 500


@dataclass(slots=True)
class RawInput:
    """One unit of input: its text (decoded) or the reason it was rejected.

    ``notes`` says what ingest changed or dropped in an input it accepted (e.g. a date that is not a date)."""

    source: str
    locator: str = ""
    format: str = "txt"  # txt | md | html | jsonl | telegram | srt | vtt | transcript (plain text with turns)
    text: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    error: tuple[str, str] | None = None
    sha: str | None = None
    size: int | None = None
    notes: list[str] = field(default_factory=list)

    def key(self) -> tuple[str, str]:
        return (self.source, self.locator)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def bounded(text: str, limit: int = MAX_DETAIL) -> str:
    """``text`` cut to ``limit`` characters (saying how much was cut), lone surrogates escaped."""
    if len(text) > limit:
        text = f"{text[:limit]}... ({len(text) - limit:,} more characters)"
    return storable(text)


def storable(text: str) -> str:
    """``text`` with lone surrogates (from file names with non-UTF-8 bytes, or JSON escapes) as ``\\xNN`` or
    ``\\udNNN``: SQLite and UTF-8 output cannot hold them."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for ch in text:
        if 0xDC80 <= ord(ch) <= 0xDCFF:  # a byte os.fsdecode could not decode (surrogateescape)
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def reject(code: str, detail: str) -> tuple[str, str]:
    """A rejection ``(code, detail)`` with the detail bounded and storable."""
    return code, bounded(detail)


def display_path(path: str) -> str:
    """A path as an outcome names it: storable (non-UTF-8 bytes of a file name as ``\\xNN``)."""
    return storable(os.fspath(path))
