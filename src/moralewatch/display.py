"""Text from inputs (file names, JSONL ids, reasons) as it may be printed to a terminal."""

from __future__ import annotations

from pathlib import Path


def shown(text: str | Path) -> str:
    """``text`` with every character that is not printable (a newline, an ANSI escape, a byte of a file name that
    is not UTF-8) escaped as in a Python string literal, so that nothing from an input reaches a terminal raw."""
    s = str(text)
    if s.isprintable():
        return s
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in as_utf8(s))


def as_utf8(s: str) -> str:
    """``s`` made encodable as UTF-8: the undecodable bytes of a file name (surrogate-escaped, as ``os.fsdecode``
    gives them) become ``\\xNN``, any other lone surrogate ``\\udNNN``; a valid string is returned as it is."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        pass
    bytes_only = all(not "\ud800" <= c <= "\udfff" or "\udc80" <= c <= "\udcff" for c in s)
    return s.encode("utf-8", "surrogateescape" if bytes_only else "backslashreplace").decode("utf-8",
                                                                                          "backslashreplace")
