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
    """``utf-16-le`` or ``utf-16-be`` when the head has the NUL pattern of UTF-16 text without BOM: NULs in most
    bytes of one parity and almost none of the other (Latin, Cyrillic and most other scripts' text); else None."""
    head = data[:HEAD]
    if len(head) < 4:
        return None
    head = head[: len(head) - len(head) % 2]
    even, odd = head[0::2], head[1::2]
    ne, no = even.count(0), odd.count(0)
    if no > 0.4 * len(odd) and ne < 0.02 * len(even):
        return "utf-16-le"
    if ne > 0.4 * len(even) and no < 0.02 * len(odd):
        return "utf-16-be"
    return None


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
    order = utf16_order(data)
    if order:
        try:
            return _checked(data.decode(order), f"{order} (no BOM)")
        except UnicodeDecodeError as e:
            return None, ("undecodable", f"looks like {order} without BOM but is not valid {order}: {e.reason}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:  # valid UTF-8: never re-read as something else because of a NUL or two
        return _checked(text, "utf-8")
    if looks_binary(data):
        return None, ("binary", "NUL or control bytes in the first 8 KiB, and not valid UTF-8 or UTF-16")
    return _detected(data)


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
