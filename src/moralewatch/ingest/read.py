"""``read_inputs``: every raw input under the given paths, each read in chunks with the size limit enforced while
reading (gzip decompressed as it is read, the limit counted on the decompressed bytes). Never raises for a bad
input: the input is yielded with an ``error`` (a rejection code from ``errors.REJECTIONS`` and a detail), so that
the caller records it and goes on."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from .decode import decode_bytes
from .discover import Found, expand
from .jsonl import jsonl_inputs
from .raw import DEFAULT_MAX_BYTES, RawInput, reject, sha
from .streams import BadGzip, GzipTruncated, gunzip, read_bounded
from .telegram import telegram_inputs
from .transcript import TRANSCRIPT_KINDS, decode_lines, mixed_utf8
from .warc import warc_inputs

#: what ``--format`` may declare for plain-text inputs (``.txt``, stdin)
FORMATS = ("transcript",)


def read_inputs(paths: Iterable[str | Found], max_bytes: int = DEFAULT_MAX_BYTES,
                stdin: BinaryIO | None = None, text_format: str | None = None) -> Iterator[RawInput]:
    """Every raw input under ``paths``, in a stable order. Never raises for a bad input. ``text_format``
    (``transcript``) declares what plain-text inputs and the texts of JSONL records are."""
    for found in expand(paths):
        if found.error:
            yield RawInput(found.source, format=found.kind or "txt", error=found.error)
            continue
        if found.kind == "stdin":
            src = stdin or sys.stdin.buffer
            head = src.read(2048)
            stream: BinaryIO = io.BufferedReader(_Joined(head, src), 1 << 16)
            kind = _sniff(head)
            yield from _declared(_from_stream("-", stream, text_format if text_format and kind == "txt" else kind,
                                              max_bytes, None), text_format)
            continue
        if text_format and found.kind == "txt":
            found = Found(found.path, found.source, text_format, found.gz)
        yield from _declared(_from_file(found, max_bytes), text_format)


def _declared(raws: Iterator[RawInput], text_format: str | None) -> Iterator[RawInput]:
    """The records of a JSONL file read as ``text_format`` when one is declared (``--format transcript``: each
    record's text is a transcript; its title, date, source, url and lang are kept)."""
    for raw in raws:
        if text_format and raw.format == "jsonl" and raw.error is None:
            raw.format = text_format
        yield raw


def _from_file(found: Found, max_bytes: int) -> Iterator[RawInput]:
    try:
        fh = open(found.path, "rb", buffering=0)
    except OSError as e:
        yield RawInput(found.source, format=found.kind or "txt", error=reject("unreadable", str(e)))
        return
    with fh:
        try:
            size: int | None = None if found.gz else io.FileIO.seek(fh, 0, io.SEEK_END)
            fh.seek(0)
        except OSError:
            size = None
        stream: BinaryIO = io.BufferedReader(fh, 1 << 16)
        if found.gz and found.kind != "warc":  # warc_inputs recognises gzip itself (and compressed members)
            stream = gunzip(stream)
        try:
            yield from _from_stream(found.source, stream, found.kind or "txt", max_bytes, size, found.gz)
        except (GzipTruncated, BadGzip, EOFError) as e:
            yield RawInput(found.source, format=found.kind or "txt", error=reject("truncated", str(e)))
        except OSError as e:  # a read error in the middle of a file (a disk, a network mount)
            yield RawInput(found.source, format=found.kind or "txt", error=reject("unreadable", str(e)))


def _from_stream(source: str, fh: BinaryIO, kind: str, max_bytes: int, size: int | None,
                 gz: bool = False) -> Iterator[RawInput]:
    if kind == "jsonl":
        yield from jsonl_inputs(source, fh, max_bytes)
        return
    if kind == "warc":
        yield from warc_inputs(source, fh, max_bytes, lambda s, d, k: from_bytes(s, d, k, max_bytes))
        return
    if kind == "telegram":  # streamed: the size limit is per message, not per export
        yield from telegram_inputs(source, fh, max_bytes)
        return
    if size is not None and size > max_bytes:  # known without reading
        yield RawInput(source, format=kind, size=size, error=("too_large", f"{size:,} bytes > limit {max_bytes:,}"))
        return
    data = read_bounded(fh, max_bytes)
    if len(data) > max_bytes:
        yield RawInput(source, format=kind, error=(
            "too_large", f"more than {max_bytes:,} bytes{' after decompression' if gz else ''}"))
        return
    yield from from_bytes(source, data, kind, max_bytes)


def from_bytes(source: str, data: bytes, kind: str, max_bytes: int) -> Iterator[RawInput]:
    """Raw inputs of bytes already in memory (stdin's head, a WARC record's payload)."""
    if kind == "jsonl":
        yield from jsonl_inputs(source, io.BytesIO(data), max_bytes)
        return
    if kind == "warc":
        yield from warc_inputs(source, io.BytesIO(data), max_bytes, lambda s, d, k: from_bytes(s, d, k, max_bytes))
        return
    if kind == "telegram":
        yield from telegram_inputs(source, io.BytesIO(data), max_bytes)
        return
    raw = RawInput(source, format=kind, sha=sha(data), size=len(data))
    if len(data) > max_bytes:
        raw.sha = None
        raw.error = ("too_large", f"{len(data):,} bytes > limit {max_bytes:,}")
        yield raw
        return
    text, err = decode_bytes(data)
    if kind in TRANSCRIPT_KINDS and (err and err[0] == "undecodable" or mixed_utf8(data)):
        # subtitles glued from files in several encodings: line by line
        text, note = decode_lines(data)
        if text is not None:
            err = None
            raw.notes.append(note)
    if err:
        raw.error = reject(*err)
    else:
        raw.text = text
    yield raw


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip()
    if head.startswith(b"WARC/"):
        return "warc"
    if head[:1] == b"{":  # one object a line, or a pretty-printed Telegram export (its first line is "{")
        return "telegram" if head[1:].lstrip(b" \t\r")[:1] == b"\n" else "jsonl"
    if head.startswith(b"WEBVTT"):
        return "vtt"
    if head[:1] == b"<":
        return "html"
    return "txt"


class _Joined(io.RawIOBase):
    """``head`` (bytes already read to sniff the kind) followed by the rest of ``fh``."""

    def __init__(self, head: bytes, fh: BinaryIO) -> None:
        self._head = head
        self._fh = fh

    def readable(self) -> bool:
        return True

    def readinto(self, buf: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buf), len(self._head))
            buf[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._fh.read(len(buf))
        buf[:len(data)] = data
        return len(data)
