"""Text from inputs (file names, JSONL ids, reasons) as it may be printed to a terminal."""

from __future__ import annotations

from pathlib import Path


def shown(text: str | Path) -> str:
    """``text`` with every character that is not printable (a newline, an ANSI escape, a byte of a file name that
    is not UTF-8) escaped as in a Python string literal, so that nothing from an input reaches a terminal raw."""
    s = str(text)
    if s.isprintable():
        return s
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:  # surrogate-escaped bytes of a file name, or a lone surrogate
        s = s.encode("utf-8", "surrogateescape" if _escaped_bytes_only(s) else "backslashreplace").decode(
            "utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in s)


def _escaped_bytes_only(s: str) -> bool:
    return all(not ("\ud800" <= c <= "\udfff") or "\udc80" <= c <= "\udcff" for c in s)
