"""Ingest: turn paths, globs and stdin into a stream of raw inputs, each of which will get a recorded outcome.

A raw input is a file, one line of a JSONL file or one record of a WARC file. ``discover`` finds the files,
``read`` reads them in bounded chunks, ``jsonl`` and ``warc`` split them, ``decode`` turns bytes into text.
"""

from __future__ import annotations

from .decode import decode_bytes
from .discover import Found, expand, kind_of
from .jsonl import parse_jsonl_line
from .raw import DEFAULT_MAX_BYTES, JSONL_FIELDS, MAX_DETAIL, SUPPORTED, RawInput
from .read import read_inputs

__all__ = ["DEFAULT_MAX_BYTES", "JSONL_FIELDS", "MAX_DETAIL", "SUPPORTED", "Found", "RawInput", "decode_bytes",
           "expand", "kind_of", "parse_jsonl_line", "read_inputs"]
