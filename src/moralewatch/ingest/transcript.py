"""Transcript inputs (issue 19): subtitle files (``.srt``, ``.vtt``) and plain text declared a transcript
(``--format transcript``; a ``.txt`` whose lines are speaker turns is recognised by the cleaner as well).

Subtitle files are often glued together from files in different encodings. When a transcript's bytes are not one
encoding (``decode_bytes`` refuses them), it is read line by line: each line as UTF-8 when it is valid UTF-8, else
as Windows-1251 (the Cyrillic code page such files come in) when that gives letters, else UTF-8 with the bad bytes
replaced; the note says how many lines were read which way. Whatever turns can be read are kept. A file that
holds UTF-8 lines among lines that are not UTF-8 is read the same way (read whole in a single-byte encoding, its
UTF-8 lines would become mojibake).
"""

from __future__ import annotations

#: the raw input formats of transcripts
TRANSCRIPT_KINDS = frozenset({"srt", "vtt", "transcript"})


def decode_lines(data: bytes) -> tuple[str | None, str]:
    """The text of ``data`` decoded line by line, and a note saying how; None when it holds NUL bytes (binary)."""
    if b"\x00" in data:
        return None, ""
    data = data.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte order mark is no text
    out: list[str] = []
    cp1251 = replaced = 0
    for line in data.splitlines(keepends=True):
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        try:
            text = line.decode("cp1251")
            if sum(ch.isalpha() for ch in text) * 2 >= sum(not ch.isspace() for ch in text):
                out.append(text)
                cp1251 += 1
                continue
        except UnicodeDecodeError:
            pass
        out.append(line.decode("utf-8", "replace"))
        replaced += 1
    note = (f"encoding: mixed; {cp1251} lines read as cp1251, {replaced} with undecodable bytes replaced, "
            f"the others as UTF-8")
    return "".join(out), note


def mixed_utf8(data: bytes) -> bool:
    """Whether ``data`` holds lines of UTF-8 text (three letters or more beyond ASCII) and lines that are not UTF-8:
    a file glued from several encodings, to be read line by line (read whole in one single-byte encoding, its UTF-8
    lines would become mojibake)."""
    utf8 = other = False
    for line in data.splitlines():
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            other = True
            continue
        utf8 = utf8 or sum(not ch.isascii() for ch in text) >= 3
    return utf8 and other


__all__ = ["TRANSCRIPT_KINDS", "decode_lines", "mixed_utf8"]
