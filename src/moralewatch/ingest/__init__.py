"""Ingest: turn paths, globs and stdin into a stream of raw inputs, each of which will get a recorded outcome.

A raw input is a file, one line of a JSONL file or one record of a WARC file. Reading never raises for a bad
input: the input is yielded with an ``error`` (a rejection code from ``errors.REJECTIONS`` and a detail), so that
the caller records it and goes on.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from .decode import decode_bytes

SUPPORTED = (".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".ndjson", ".warc", ".warc.gz")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
JSONL_FIELDS = ("title", "date", "source", "url", "lang")


@dataclass(slots=True)
class RawInput:
    """One unit of input: its text (decoded) or the reason it was rejected."""

    source: str
    locator: str = ""
    format: str = "txt"  # txt | html | jsonl
    text: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    error: tuple[str, str] | None = None
    sha: str | None = None
    size: int | None = None

    def key(self) -> tuple[str, str]:
        return (self.source, self.locator)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def _kind_of(path: str) -> str | None:
    low = path.lower()
    for ext in (".warc.gz", ".warc"):
        if low.endswith(ext):
            return "warc"
    ext = os.path.splitext(low)[1]
    if ext in (".html", ".htm"):
        return "html"
    if ext in (".jsonl", ".ndjson"):
        return "jsonl"
    if ext in (".txt", ".text", ".md"):
        return "txt"
    return None


def expand(paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """Paths, directories (recursive) and globs as ``(path, kind)``; a path that matches nothing is yielded
    with kind ``None`` so that it gets a ``not_found`` outcome."""
    for p in paths:
        if p == "-":
            yield p, "stdin"
            continue
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for name in sorted(files):
                    full = os.path.join(root, name)
                    kind = _kind_of(full)
                    if kind:
                        yield full, kind
            continue
        if os.path.exists(p):
            yield p, _kind_of(p) or "txt"
            continue
        matches = sorted(glob.glob(p, recursive=True))
        if not matches:
            yield p, None
        for m in matches:
            if os.path.isdir(m):
                yield from expand([m])
            else:
                yield m, _kind_of(m) or "txt"


def read_inputs(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES,
                stdin: BinaryIO | None = None) -> Iterator[RawInput]:
    """Every raw input under ``paths``, in a stable order. Never raises for a bad input."""
    for path, kind in expand(paths):
        if kind is None:
            yield RawInput(path, error=("not_found", path))
            continue
        if kind == "stdin":
            data = (stdin or sys.stdin.buffer).read()
            yield from _from_bytes("-", data, _sniff(data), max_bytes)
            continue
        try:
            size = os.path.getsize(path)
        except OSError as e:
            yield RawInput(path, error=("unreadable", str(e)))
            continue
        if kind == "warc":
            yield from _read_warc(path, max_bytes)
            continue
        if kind != "jsonl" and size > max_bytes:
            yield RawInput(path, format=kind, size=size,
                           error=("too_large", f"{size:,} bytes > limit {max_bytes:,}"))
            continue
        if kind == "jsonl":
            yield from _read_jsonl_file(path, max_bytes)
            continue
        try:
            data = Path(path).read_bytes()
        except OSError as e:
            yield RawInput(path, error=("unreadable", str(e)))
            continue
        yield from _from_bytes(path, data, kind, max_bytes)


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip()
    if head.startswith(b"WARC/"):
        return "warc"
    if head[:1] == b"{":
        return "jsonl"
    if head[:1] == b"<":
        return "html"
    return "txt"


def _from_bytes(source: str, data: bytes, kind: str, max_bytes: int) -> Iterator[RawInput]:
    if kind == "jsonl":
        yield from _jsonl_lines(source, io.BytesIO(data), max_bytes)
        return
    if kind == "warc":
        yield from _warc_stream(source, io.BytesIO(data), max_bytes)
        return
    raw = RawInput(source, format=kind, sha=_sha(data), size=len(data))
    if len(data) > max_bytes:
        raw.error = ("too_large", f"{len(data):,} bytes > limit {max_bytes:,}")
        yield raw
        return
    text, err = decode_bytes(data)
    if err:
        raw.error = err
    else:
        raw.text = text
    yield raw


def _read_jsonl_file(path: str, max_bytes: int) -> Iterator[RawInput]:
    try:
        fh = open(path, "rb")
    except OSError as e:
        yield RawInput(path, error=("unreadable", str(e)))
        return
    with fh:
        yield from _jsonl_lines(path, fh, max_bytes)


def _jsonl_lines(source: str, fh: BinaryIO, max_bytes: int) -> Iterator[RawInput]:
    n = 0
    for n, line in enumerate(fh, 1):
        if not line.strip():
            continue
        loc = f"line {n}"
        raw = RawInput(source, loc, "jsonl", sha=_sha(line), size=len(line))
        if len(line) > max_bytes:
            raw.error = ("too_large", f"line {n} has {len(line):,} bytes > limit {max_bytes:,}")
            yield raw
            continue
        obj, err = parse_jsonl_line(line, n)
        if err:
            raw.error = err
        else:
            assert obj is not None
            raw.text = obj["text"]
            raw.meta = {k: obj[k] for k in JSONL_FIELDS if obj.get(k) is not None}
            raw.meta["id"] = str(obj["id"])
        yield raw
    if n == 0:
        yield RawInput(source, format="jsonl", error=("empty", "no lines"))


def parse_jsonl_line(line: bytes | str, n: int) -> tuple[dict[str, Any] | None, tuple[str, str] | None]:
    """One extract-contract input line: the object, or a rejection ``(code, detail)``."""
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        return None, ("malformed_json", f"line {n}: {e}")
    if not isinstance(obj, dict):
        return None, ("malformed_json", f"line {n}: a JSON {type(obj).__name__}, not an object")
    missing = [k for k in ("id", "text") if k not in obj]
    if missing:
        return None, ("missing_field", f"line {n} has no {' or '.join(missing)}")
    if not isinstance(obj["text"], str) or not isinstance(obj["id"], (str, int)) or isinstance(obj["id"], bool):
        return None, ("bad_field", f"line {n}")
    return obj, None


def _read_warc(path: str, max_bytes: int) -> Iterator[RawInput]:
    try:
        fh = open(path, "rb")
    except OSError as e:
        yield RawInput(path, error=("unreadable", str(e)))
        return
    with fh:
        yield from _warc_stream(path, fh, max_bytes)


def _warc_stream(source: str, fh: BinaryIO, max_bytes: int) -> Iterator[RawInput]:
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    try:
        for n, rec in enumerate(ArchiveIterator(fh), 1):
            uri = rec.rec_headers.get_header("WARC-Target-URI") or ""
            loc = f"record {n}" + (f" {uri}" if uri else "")
            if rec.rec_type not in ("response", "resource", "conversion"):
                continue
            ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else None) or \
                rec.rec_headers.get_header("Content-Type") or ""
            data = rec.content_stream().read()
            if "html" in ctype:
                kind = "html"
            elif ctype.startswith("text/") or not ctype:
                kind = _sniff(data) if _sniff(data) == "html" else "txt"
            else:
                yield RawInput(source, loc, "warc", size=len(data), sha=_sha(data),
                               error=("binary", f"content type {ctype}"))
                continue
            for raw in _from_bytes(source, data, kind, max_bytes):
                raw.locator = loc
                if uri:
                    raw.meta["url"] = uri
                date = rec.rec_headers.get_header("WARC-Date")
                if date:
                    raw.meta.setdefault("crawl_date", date)
                yield raw
        problem = _gzip_problem(fh)
        if problem:
            yield RawInput(source, f"after record {n}", "warc", error=("truncated", problem))
    except (EOFError, zlib.error, gzip.BadGzipFile, OSError) as e:
        yield RawInput(source, f"after record {n}", "warc", error=("truncated", str(e) or type(e).__name__))
    except Exception as e:  # warcio raises ArchiveLoadFailed and plain Exceptions on garbage
        code = "truncated" if "gzip" in str(e).lower() or "eof" in str(e).lower() else "malformed_warc"
        yield RawInput(source, f"after record {n}", "warc", error=(code, f"{type(e).__name__}: {e}"))


def _gzip_problem(fh: BinaryIO) -> str | None:
    """warcio stops quietly at a truncated gzip member: read the stream through once more to catch it."""
    try:
        fh.seek(0)
        if fh.read(2) != b"\x1f\x8b":
            return None
        fh.seek(0)
        with gzip.GzipFile(fileobj=fh) as gz:
            while gz.read(1 << 20):
                pass
    except (EOFError, zlib.error, gzip.BadGzipFile) as e:
        return f"gzip stream ends early ({e or type(e).__name__}): records after this point are lost"
    except (OSError, ValueError):
        return None
    return None
