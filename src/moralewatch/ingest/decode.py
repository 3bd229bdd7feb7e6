"""Bytes to text: BOMs, UTF-8, then detection (cp1251, UTF-16 without BOM, ...); binary is refused."""

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


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the head, when no UTF-16/32 BOM explains them."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        # UTF-16 without BOM has NULs in every other byte of ASCII text
        even, odd = head[0::2], head[1::2]
        if even.count(0) > 0.4 * len(even) or odd.count(0) > 0.4 * len(odd):
            return False
        return True
    ctrl = sum(1 for b in head if b in _CONTROL)
    return ctrl > 0.05 * len(head)


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
            return _checked(text)
    if looks_binary(data):
        if b"\x00" in data[:8192]:
            for enc in ("utf-16-le", "utf-16-be"):
                try:
                    return _checked(data.decode(enc))
                except UnicodeDecodeError:
                    pass
        return None, ("binary", "NUL or control bytes in the first 8 KiB")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception as e:  # the detector must never stop a batch
        return None, ("undecodable", f"detector failed: {e}")
    if best is None or best.encoding is None:
        return None, ("undecodable", "no encoding fits")
    try:
        return _checked(data.decode(best.encoding))
    except (UnicodeDecodeError, LookupError) as e:
        return None, ("undecodable", f"detected {best.encoding} but decoding failed: {e}")


def _checked(text: str) -> tuple[str | None, tuple[str, str] | None]:
    if not text.strip():
        return None, ("empty", "only whitespace after decoding")
    if "\x00" in text[:8192]:
        return None, ("binary", "NUL characters after decoding")
    return text, None
