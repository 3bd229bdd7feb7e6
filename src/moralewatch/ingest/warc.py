"""WARC inputs: one raw input per response (or resource, conversion) record, each record's payload read up to the
size limit and no further. A file that is not a WARC, an empty one and one without any such record each get ONE
outcome; a gzip stream that ends early gets ``truncated`` after the records before it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

from .raw import RawInput, reject, sha
from .streams import BadGzip, Budget, GzipTruncated, OverBudget, gunzip, read_bounded

#: the most bytes a record's headers (WARC and HTTP) may take before its payload
MAX_HEADERS = 1 << 20
_KEPT = ("response", "resource", "conversion")

Dispatch = Callable[[str, bytes, str], Iterator[RawInput]]


def warc_inputs(source: str, fh: BinaryIO, max_bytes: int, from_bytes: Dispatch) -> Iterator[RawInput]:
    """Raw inputs of the records of a WARC (gzip-compressed or not) read from ``fh``; ``from_bytes(source, data,
    kind)`` turns a record's payload into raw inputs."""
    from warcio.archiveiterator import ArchiveIterator

    stream, start = _opened(fh)
    head = start.lstrip(b"\r\n")
    if not head:
        yield RawInput(source, format="warc", error=("empty", "a WARC file without records"))
        return
    if not head.startswith(b"WARC/"):
        yield RawInput(source, format="warc", error=reject(
            "malformed_warc", f"does not begin with a WARC record (first bytes: {head[:24]!r})"))
        return
    budget = Budget(_Prefixed(start, stream), MAX_HEADERS)  # type: ignore[arg-type]
    n = kept = 0
    try:
        for n, rec in enumerate(ArchiveIterator(budget), 1):
            length = _content_length(rec)
            budget.grant(length + MAX_HEADERS)
            if rec.rec_type not in _KEPT:
                continue
            kept += 1
            yield from _record(source, n, rec, max_bytes, from_bytes)
    except (GzipTruncated, EOFError) as e:
        yield RawInput(source, f"after record {n}", "warc", error=reject("truncated", str(e) or type(e).__name__))
        return
    except OverBudget as e:
        yield RawInput(source, f"after record {n}", "warc", error=reject(
            "malformed_warc", f"no record header within {MAX_HEADERS:,} bytes after record {n} (byte {e.at:,})"))
        return
    except BadGzip as e:
        yield RawInput(source, f"after record {n}", "warc", error=reject("truncated", str(e)))
        return
    except Exception as e:  # warcio raises ArchiveLoadFailed and plain Exceptions on garbage
        yield RawInput(source, f"after record {n}", "warc", error=reject(
            "malformed_warc", f"{type(e).__name__}: {e}"))
        return
    if kept == 0:
        yield RawInput(source, format="warc", error=(
            "no_records", f"{n:,} record{'s' if n != 1 else ''}, none of them a response, resource or conversion"))


def _opened(fh: BinaryIO) -> tuple[BinaryIO, bytes]:
    """The decompressed stream (gzip detected by its magic bytes) and its first bytes, already read from it."""
    first = fh.read(2)
    rest: BinaryIO = _Prefixed(first, fh)  # type: ignore[assignment]
    if first == b"\x1f\x8b":
        rest = gunzip(rest)
    try:
        start = b""
        while len(start) < 64 and (more := rest.read(64 - len(start))):
            start += more
    except (GzipTruncated, BadGzip, EOFError) as e:  # a few bytes of gzip: nothing to read records from
        return _Failing(e), b"WARC/"  # type: ignore[return-value]
    return rest, start


class _Failing:
    """A stream whose first read raises ``error`` (so that the archive's one outcome says why)."""

    def __init__(self, error: Exception) -> None:
        self._error = error

    def read(self, n: int = -1) -> bytes:
        raise self._error


def _content_length(rec: object) -> int:
    try:
        return max(0, int(rec.rec_headers.get_header("Content-Length") or 0))  # type: ignore[attr-defined]
    except ValueError:
        return 0


def _record(source: str, n: int, rec: object, max_bytes: int, from_bytes: Dispatch) -> Iterator[RawInput]:
    r = rec  # warcio's ArcWarcRecord
    uri = r.rec_headers.get_header("WARC-Target-URI") or ""  # type: ignore[attr-defined]
    loc = f"record {n}" + (f" {uri}" if uri else "")
    http = r.http_headers  # type: ignore[attr-defined]
    ctype = (http.get_header("Content-Type") if http else None) or \
        r.rec_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
    data = read_bounded(r.content_stream(), max_bytes)  # type: ignore[attr-defined]
    if len(data) > max_bytes:
        yield RawInput(source, loc, "warc", error=("too_large", f"record payload > limit {max_bytes:,} bytes"))
        return
    if "html" in ctype:
        kind = "html"
    elif ctype.startswith("text/") or not ctype:
        kind = "html" if _looks_html(data) else "txt"
    else:
        yield RawInput(source, loc, "warc", size=len(data), sha=sha(data), error=reject("binary", f"content type {ctype}"))
        return
    for raw in from_bytes(source, data, kind):
        raw.locator = loc
        if uri:
            raw.meta["url"] = uri
        date = r.rec_headers.get_header("WARC-Date")  # type: ignore[attr-defined]
        if date:
            raw.meta.setdefault("crawl_date", date)
        yield raw


def _looks_html(data: bytes) -> bool:
    return data[:2048].lstrip()[:1] == b"<"


class _Prefixed:
    """``prefix`` then the rest of ``fh`` (bytes already read to sniff a stream, given back)."""

    def __init__(self, prefix: bytes, fh: BinaryIO) -> None:
        self._prefix = prefix
        self._fh = fh

    def read(self, n: int = -1) -> bytes:
        if self._prefix:
            if n is None or n < 0:
                out, self._prefix = self._prefix + self._fh.read(), b""
                return out
            out, self._prefix = self._prefix[:n], self._prefix[n:]
            return out
        return self._fh.read(n)

    def readline(self, n: int = -1) -> bytes:
        if self._prefix:
            i = self._prefix.find(b"\n")
            cut = len(self._prefix) if i < 0 else i + 1
            if n is not None and n >= 0:
                cut = min(cut, n)
            out, self._prefix = self._prefix[:cut], self._prefix[cut:]
            return out
        return self._fh.readline(n)
