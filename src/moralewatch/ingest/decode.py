"""Bytes to text without silent guesses: a BOM, then UTF-16 without BOM when its NUL pattern is unmistakable,
then UTF-8 (valid UTF-8 always wins over a NUL heuristic), then detection (cp1251, ...) only when the detector is
confident; binary is refused."""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}
_CONTROL_CHARS = "".join(map(chr, sorted(_CONTROL)))
HEAD = 8192
#: charset-normalizer's mess ratio above which its guess is not trusted (a wrong guess stores mojibake)
MAX_CHAOS = 0.1


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the head (UTF-16 without BOM is told apart first)."""
    head = data[:HEAD]
    if not head:
        return False
    if b"\x00" in head:
        return True
    ctrl = sum(1 for b in head if b in _CONTROL)
    return ctrl > 0.05 * len(head)


def utf16_order(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the head reads as UTF-16 text without BOM: the bytes of one parity (the
    high bytes) take far fewer values than the other (one or two for Latin and Cyrillic text, a few dozen for CJK;
    8-bit text and random bytes take as many in both), it decodes strictly, holds (almost) no control characters,
    and its characters come from few scripts; else None."""
    head = data[:HEAD]
    head = head[: len(head) - len(head) % 2]
    if len(head) < 4:
        return None
    n_even, n_odd = len(set(head[0::2])), len(set(head[1::2]))
    if n_odd <= 0.5 * n_even:
        order = "utf-16-le"
    elif n_even <= 0.5 * n_odd:
        order = "utf-16-be"
    else:
        return None
    try:
        text = head.decode(order)
    except UnicodeDecodeError:
        return None
    return order if _plausible(text) else None


def _plausible(text: str) -> bool:
    letters = [c for c in text if not c.isspace()]
    if not letters:
        return False
    bad = sum(1 for c in letters if c in _CONTROL_CHARS or c == "\x00" or c == "\ufffd" or not c.isprintable())
    if bad > 0.01 * len(letters):
        return False
    blocks: dict[int, int] = {}
    for c in letters:
        o = ord(c)
        block = -1 if 0x3000 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF else o >> 7  # CJK and Hangul as one
        blocks[block] = blocks.get(block, 0) + 1
    ascii_ = blocks.pop(0, 0)
    return ascii_ + sum(sorted(blocks.values(), reverse=True)[:2]) >= 0.9 * len(letters)


def decode_bytes(data: bytes) -> tuple[str | None, tuple[str, str] | None]:
    """``(text, None)`` or ``(None, (code, detail))``."""
    if not data.strip():
        return None, ("empty", f"{len(data)} bytes of whitespace" if data else "0 bytes")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as e:
                return None, ("undecodable", f"{enc} BOM but invalid {enc}: {e.reason}")
            return _checked(text, enc)
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    if utf8 is not None:
        as_utf8 = _checked(utf8, "utf-8")
        if as_utf8[1] is None or as_utf8[1][0] != "binary":
            return as_utf8  # valid UTF-8 that reads as text always wins
    damaged = None if utf8 is not None else _damaged_utf8(data)
    if damaged:
        return None, ("undecodable", damaged)
    order = utf16_order(data)  # NULs or control characters: UTF-16 text without BOM, or binary
    if order:
        try:
            return _checked(data.decode(order), f"{order} (no BOM)")
        except UnicodeDecodeError as e:
            return None, ("undecodable", f"reads as {order} without BOM, but not all of it is valid: {e.reason}")
    if utf8 is not None:
        return _checked(utf8, "utf-8")
    if looks_binary(data):
        return None, ("binary", "NUL or control bytes in the first 8 KiB, and not valid UTF-8 or UTF-16")
    return _detected(data)


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few invalid bytes (a cut or a stray byte) is not cp1252 or latin-1: detection would turn every
    accented letter into mojibake. Say where it breaks instead."""
    head = data[:200_000]
    text = head.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    multi = sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd")
    if bad and multi >= 10 * bad:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as e:
            return f"UTF-8 except for {bad:,} invalid byte{'s' if bad > 1 else ''} (the first at byte {e.start:,})"
    return None


def _detected(data: bytes) -> tuple[str | None, tuple[str, str] | None]:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception as e:  # the detector must never stop a batch
        return None, ("undecodable", f"detector failed: {type(e).__name__}")
    if best is None or best.encoding is None:
        return None, ("undecodable", "not UTF-8, and no encoding fits")
    if best.chaos > MAX_CHAOS:
        return None, ("undecodable", f"not UTF-8; the best guess, {best.encoding}, reads as "
                                     f"{best.chaos:.0%} garbled text (more than {MAX_CHAOS:.0%} is not trusted)")
    try:
        return _checked(data.decode(best.encoding), best.encoding)
    except (UnicodeDecodeError, LookupError) as e:
        return None, ("undecodable", f"detected {best.encoding} but decoding failed: {type(e).__name__}")


def _checked(text: str, enc: str) -> tuple[str | None, tuple[str, str] | None]:
    if not text.strip():
        return None, ("empty", "only whitespace after decoding")
    head = text[:HEAD]
    nul = head.find("\x00")
    if nul >= 0:
        return None, ("binary", f"a NUL character at character {nul:,} of text that decodes as {enc}")
    ctrl = sum(head.count(c) for c in _CONTROL_CHARS)
    if ctrl > 0.05 * len(head):
        return None, ("binary", f"{ctrl:,} control characters in the first {len(head):,} characters ({enc})")
    return text, None
