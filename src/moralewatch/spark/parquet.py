"""Parquet inputs of ``moralewatch spark`` (issue 20): tables with the extract contract's columns.

A Parquet file (``*.parquet``, named or found in a directory, e.g. another Spark job's output) holds one input a
row, in the columns of the extract contract: ``id`` and ``text`` (required), ``title``, ``date``, ``source``,
``url``, ``lang`` (optional); other columns are not read. Each row is read as the JSONL line of the same record
(its non-null contract values, as a JSON object) and goes through the same checks as a JSONL line
(:func:`moralewatch.ingest.jsonl.jsonl_input`), so that a row gives the document, annotations and rejections the
same record gives in a JSONL feed. A row is located by ``row N`` (1-based in its file), its ``input_sha`` is the
hash of that JSON line, its documents' ``input_format`` is ``parquet``. A value of a type JSON lacks (a column of type
date or timestamp) is written as text by ``str`` (``2022-03-01``); numbers stay numbers (and are treated as in a
JSONL line: an ``id`` may be one, a ``date`` may not).

Units: the driver reads each file's footer (no rows) and cuts the file into runs of whole row groups of about
``split`` bytes (compressed), each its own task. A file that cannot be opened is one ``unreadable`` outcome; a
file without rows one ``empty`` outcome; a file that fails while its rows are read costs the rest of its unit (the
``stage_failed`` row of :func:`moralewatch.spark.unit_inputs`).
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable, Iterator
from typing import Any

from ..ingest import RawInput
from ..ingest.discover import Found, _Walk
from ..ingest.jsonl import jsonl_input
from ..ingest.raw import JSONL_FIELDS, display_path, reject

SUFFIX = ".parquet"
COLUMNS = ("id", "text", *JSONL_FIELDS)
#: rows converted at a time when a unit is read
BATCH = 1_000


def is_parquet(path: str) -> bool:
    return path.lower().endswith(SUFFIX)


def with_parquet(inputs: Iterable[str]) -> list[str | Found]:
    """``inputs`` for :func:`moralewatch.ingest.expand`, with the Parquet files each names (a ``*.parquet`` path or
    glob match, or the ``*.parquet`` files under a directory, sorted, hidden ones skipped) put after it as
    :class:`Found` of kind ``parquet``, each file once. A Parquet path named alone is not passed on to expand
    (which would read it as text)."""
    out: list[str | Found] = []
    seen: set[str] = set()
    for p in inputs:
        files: list[str] = []
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p, followlinks=True):
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
                files += [os.path.join(root, n) for n in sorted(names)
                          if is_parquet(n) and not n.startswith((".", "_"))]
            out.append(p)
        elif glob.has_magic(p):
            # as expand globs: ``**`` by its walk, which enters each real directory once (a link loop ends)
            matches = _Walk()._recursive_glob(p) if "**" in p else sorted(glob.glob(p))
            files = [m for m in matches if is_parquet(m) and os.path.isfile(m)]
            if not files:
                out.append(p)  # expand reads the matches (and says when nothing matches)
            else:  # the other matches by name, so that expand does not read a Parquet file as text
                out += [m for m in matches if m not in files]
        elif is_parquet(p) and os.path.isfile(p):
            files = [p]
        else:
            out.append(p)
        for f in files:
            real = os.path.realpath(f)
            if real not in seen:
                seen.add(real)
                out.append(Found(f, display_path(real), "parquet"))
    return out


def row_group_ranges(path: str, split: int) -> tuple[list[tuple[int, int, int, int]], tuple[str, str] | None]:
    """``(first group, end group, first row, bytes)`` of each run of whole row groups of about ``split`` bytes, or
    the rejection of a file whose footer cannot be read. Only the footer is read."""
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception as e:  # noqa: BLE001 - a file that is no Parquet, truncated, unreadable: its outcome
        return [], reject("unreadable", f"not a readable Parquet file ({type(e).__name__}: {e})")
    ranges: list[tuple[int, int, int, int]] = []
    start = row = first = size = 0
    for g in range(meta.num_row_groups):
        rg = meta.row_group(g)
        size += rg.total_byte_size
        row += rg.num_rows
        if size >= split or g == meta.num_row_groups - 1:
            ranges.append((start, g + 1, first, size))
            start, first, size = g + 1, row, 0
    return ranges, None


def parquet_inputs(path: str, source: str, groups: tuple[int, int], first_row: int, max_bytes: int,
                   whole_file: bool) -> Iterator[RawInput]:
    """The raw inputs of the rows of row groups ``[groups[0], groups[1])`` of a Parquet file, numbered from
    ``first_row + 1``; ``whole_file``: this unit is the file's only one (an ``empty`` outcome when it has no row)."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as e:  # noqa: BLE001
        yield RawInput(source, format="parquet", error=reject("unreadable", f"not a readable Parquet file "
                                                                            f"({type(e).__name__}: {e})"))
        return
    names = set(pf.schema_arrow.names)
    columns = [c for c in COLUMNS if c in names]
    n = first_row
    if groups[1] > groups[0]:
        for batch in pf.iter_batches(batch_size=BATCH, row_groups=range(*groups), columns=columns):
            for rec in batch.to_pylist():
                n += 1
                yield row_input(source, n, rec, max_bytes)
    if whole_file and n == 0:
        yield RawInput(source, format="parquet", error=("empty", "no rows"))


def row_input(source: str, n: int, rec: dict[str, Any], max_bytes: int) -> RawInput:
    """One row as the JSONL line of its record, checked as such; located ``row N``."""
    # JSON's own types as they are (a number where a string belongs is treated as in a JSONL line), others as text
    obj = {k: v if isinstance(v, (str, int, float, bool, list, dict)) else str(v)
           for k, v in rec.items() if v is not None}
    line = json.dumps(obj, ensure_ascii=False, default=str).encode("utf-8")
    loc = f"row {n}"
    if len(line) > max_bytes:
        return RawInput(source, loc, "parquet", size=len(line),
                        error=("too_large", f"row {n} has {len(line):,} bytes > limit {max_bytes:,}"))
    raw = jsonl_input(source, loc, line, n)
    raw.format = "parquet"
    if raw.error and raw.error[1].startswith(f"line {n}"):
        raw.error = (raw.error[0], f"row {n}" + raw.error[1][len(f"line {n}"):])
    return raw
