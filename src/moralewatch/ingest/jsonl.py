"""JSONL inputs: one object per line (the fields of the extract contract), read line by line with a maximum line
length. Parsing never raises: a line that is not a usable object is that line's outcome, and the run goes on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from .raw import JSONL_FIELDS, RawInput, reject, sha, storable
from .streams import lines


def parse_jsonl_line(line: bytes | str, n: int) -> tuple[dict[str, Any] | None, tuple[str, str] | None]:
    """One extract-contract input line: the object, or a rejection ``(code, detail)``. Never raises."""
    try:
        obj = json.loads(line)
    except RecursionError:
        return None, ("malformed_json", f"line {n}: JSON nested too deeply to read")
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        return None, reject("malformed_json", f"line {n}: {e}")
    except ValueError as e:  # e.g. an integer of more than 4,300 digits (Python's int conversion limit)
        return None, reject("malformed_json", f"line {n}: {e}")
    if not isinstance(obj, dict):
        return None, ("malformed_json", f"line {n}: a JSON {type(obj).__name__}, not an object")
    missing = [k for k in ("id", "text") if k not in obj]
    if missing:
        return None, ("missing_field", f"line {n} has no {' or '.join(missing)}")
    if not isinstance(obj["text"], str) or not isinstance(obj["id"], (str, int)) or isinstance(obj["id"], bool):
        return None, ("bad_field", f"line {n}")
    for key in ("id", "text", *JSONL_FIELDS):
        value = obj.get(key)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as e:
                return None, ("bad_unicode", f"line {n}: \"{key}\" holds a lone surrogate "
                                             f"\\u{ord(value[e.start]):04x} at character {e.start:,}")
    return obj, None


def jsonl_inputs(source: str, fh: BinaryIO, max_bytes: int) -> Iterator[RawInput]:
    """A raw input for each non-blank line of ``fh``; a line longer than ``max_bytes`` is read through, never held
    (``too_large``, and no content hash, so that a run with a higher limit reads it again)."""
    n = given = 0
    for n, (line, size) in enumerate(lines(fh, max_bytes), 1):
        loc = f"line {n}"
        if size > max_bytes:
            given += 1
            yield RawInput(source, loc, "jsonl", size=size,
                           error=("too_large", f"line {n} has {size:,} bytes > limit {max_bytes:,}"))
            continue
        if not line.strip():
            continue
        given += 1
        yield jsonl_input(source, loc, line, n)
    if not given:
        yield RawInput(source, format="jsonl", error=("empty", f"{n:,} blank lines" if n else "no lines"))


def jsonl_input(source: str, loc: str, line: bytes, n: int) -> RawInput:
    raw = RawInput(source, loc, "jsonl", sha=sha(line), size=len(line))
    obj, err = parse_jsonl_line(line, n)
    if err:
        raw.error = err
        return raw
    assert obj is not None
    if not obj["text"].strip():  # the store records why (the extract contract answers such a line with no items)
        raw.error = ("empty", f"line {n}: the \"text\" field is {'empty' if not obj['text'] else 'only whitespace'}")
        return raw
    raw.text = obj["text"]
    for k in JSONL_FIELDS:
        value = obj.get(k)
        if value is None:
            continue
        if isinstance(value, str):
            raw.meta[k] = value
        else:
            raw.notes.append(storable(f"\"{k}\" dropped: a JSON {type(value).__name__}, not a string"))
    raw.meta["id"] = str(obj["id"])
    return raw
