"""Byte streams read in chunks, never whole: bounded reads, gzip decompressed as it is read (the limit counts the
decompressed bytes, so a gzip bomb stops at the limit), and lines of at most a given length."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import BinaryIO

CHUNK = 1 << 16
SKIP = 1 << 20


class GzipTruncated(Exception):
    """The gzip stream ended inside a member (a truncated download). Not an EOFError: readers such as warcio take
    EOFError for a clean end."""


class BadGzip(ValueError):
    """Bytes that are not gzip where gzip was expected (or after the last member)."""


class GunzipReader(io.RawIOBase):
    """The decompressed bytes of a (multi-member) gzip stream, produced as they are read: memory stays at a chunk
    however large the decompressed data is. Raises :class:`GzipTruncated` or :class:`BadGzip` on a broken stream."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self._z = zlib.decompressobj(31)
        self._pending = b""
        self._eof = False
        self._member_started = False
        self._truncated = self._said_eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, buf: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._take(len(buf))
        if not data and self._truncated:
            if self._said_eof:  # the second read at the end: a reader that asks again learns why it ended
                raise GzipTruncated("the gzip stream ends early: the rest of the input is lost")
            self._said_eof = True  # the first: an end of file, so that a buffered reader hands on what it has
        n = len(data)
        buf[:n] = data
        return n

    def _take(self, n: int) -> bytes:
        while not self._pending and not self._eof:
            self._fill(n)
        out, self._pending = self._pending[:n], self._pending[n:]
        return out

    def _fill(self, n: int) -> None:
        z = self._z
        if z.eof:  # the member ended: what follows it is in unused_data (unconsumed_tail may hold a stale copy)
            rest = z.unused_data
            self._z = zlib.decompressobj(31)
            self._member_started = False
            if not rest:
                rest = self._fh.read(CHUNK)
                if not rest:
                    self._eof = True
                    return
            if not rest.strip(b"\x00"):  # zero padding after the last member (tape/block writers)
                while chunk := self._fh.read(CHUNK):
                    if chunk.strip(b"\x00"):
                        raise BadGzip("bytes that are not gzip after the last gzip member")
                self._eof = True
                return
            self._decompress(rest, n)
            return
        if z.unconsumed_tail:
            self._decompress(z.unconsumed_tail, n)
            return
        raw = self._fh.read(CHUNK)
        if not raw:
            if self._member_started and (tail := z.flush()):  # output zlib still held for want of room
                self._pending = tail
                return
            self._truncated = self._member_started
            self._eof = True
            return
        self._decompress(raw, n)

    def _decompress(self, raw: bytes, n: int) -> None:
        self._member_started = True
        try:
            self._pending = self._z.decompress(raw, max(n, CHUNK))
        except zlib.error as e:
            raise BadGzip(f"not a valid gzip stream ({e})") from None


class Gunzipped(io.BufferedReader):
    """A buffered reader of decompressed bytes (see :func:`gunzip`)."""


def gunzip(fh: BinaryIO) -> BinaryIO:
    """A buffered reader of ``fh``'s decompressed bytes."""
    return Gunzipped(GunzipReader(fh), CHUNK)


def check_end(fh: BinaryIO) -> None:
    """At the end of ``fh``: raises :class:`GzipTruncated` when it is a gzip stream that ended early (a second
    read at its end says so; other streams are not read again, a terminal would wait for a second end)."""
    if isinstance(fh, Gunzipped):
        fh.read(1)


def read_bounded(fh: BinaryIO, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of ``fh`` (one more than the limit says that it is too large), in chunks.
    Raises :class:`GzipTruncated` when ``fh`` is a gzip stream that ends early."""
    parts: list[bytes] = []
    got = 0
    while got <= limit:
        chunk = fh.read(min(CHUNK, limit + 1 - got))
        if not chunk:
            check_end(fh)
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def lines(fh: BinaryIO, limit: int) -> Iterator[tuple[bytes, int]]:
    """``(line, length)`` for each line of ``fh`` (split on ``\\n`` as iterating a binary file does), read in 1 MiB
    pieces. A line longer than ``limit`` is never held whole: it is yielded as ``(b"", its length)`` after reading
    through it. The last piece of a truncated gzip stream is not a line: :class:`GzipTruncated` is raised instead."""
    parts: list[bytes] = []  # the current line's pieces so far
    held = 0  # their length
    skipping = False  # the current line is longer than the limit: counted, not kept
    while chunk := fh.read(SKIP):
        start = 0
        while (i := chunk.find(b"\n", start)) >= 0:
            piece = chunk[start:i + 1]
            n = held + len(piece)
            if skipping or n > limit:
                yield b"", n
            else:
                yield (b"".join(parts) + piece if parts else piece), n
            parts, held, skipping = [], 0, False
            start = i + 1
        rest = chunk[start:]
        held += len(rest)
        if skipping or held > limit:
            parts, skipping = [], True
        elif rest:
            parts.append(rest)
    check_end(fh)
    if held:
        yield (b"", held) if skipping else (b"".join(parts), held)


class Budget(io.RawIOBase):
    """Passes ``fh`` through, counting bytes; raises :class:`OverBudget` when more than ``allow`` bytes are read
    past the last :meth:`grant` (a WARC record header that never ends, a bomb of zeros between records)."""

    def __init__(self, fh: BinaryIO, allow: int) -> None:
        self._fh = fh
        self.read_total = 0
        self.limit = allow

    def readable(self) -> bool:
        return True

    def grant(self, allow: int) -> None:
        self.limit = self.read_total + allow

    def readinto(self, buf: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.read_total > self.limit:
            raise OverBudget(self.read_total)
        data = self._fh.read(len(buf))
        n = len(data)
        buf[:n] = data
        self.read_total += n
        return n


class OverBudget(Exception):
    def __init__(self, at: int) -> None:
        super().__init__(f"more than expected read at byte {at:,}")
        self.at = at
