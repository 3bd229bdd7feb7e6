"""Export store tables as JSONL, CSV or Parquet; columns come from the schema.

CSV is opened by spreadsheets, which run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (a
scraped title ``=HYPERLINK(...)`` would become a link, worse a command): in CSV only, such text cells (and those
starting with a tab or a carriage return) get a leading ``'``, as OWASP's CSV injection advice says. JSONL and
Parquet keep every value as stored.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .errors import MoraleWatchError
from .store import connect, iter_table
from .store.schema import TABLES

#: columns too large or too internal for a flat export (they stay in the store and the JSONL export)
FLAT_SKIP = {"documents": {"input_text", "offset_map"}}


#: how a text cell may start that a spreadsheet reads as a formula (OWASP: CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _flat(v: Any) -> Any:
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v


def csv_cell(v: Any) -> Any:
    """A value as a CSV cell: lists and dicts as JSON, text a spreadsheet would run as a formula behind a ``'``
    (numbers stay numbers: ``-3`` stored as a number is not text)."""
    v = _flat(v)
    if isinstance(v, str) and v.startswith(FORMULA_START):
        return "'" + v
    return v


def export_tables(db: str, tables: Sequence[str], fmt: str, output: str) -> Iterator[tuple[str, int]]:
    """Write each table to ``output/<table>.<fmt>`` (or stdout); yields ``(path, rows)``."""
    if output == "-" and (len(tables) != 1 or fmt == "parquet"):
        raise MoraleWatchError("E209", "stdout takes one table as JSONL or CSV",
                               "pass one --table, or -o DIRECTORY")
    conn = connect(db, readonly=True)
    try:
        for name in tables:
            cols = [c for c in TABLES[name].names if fmt == "jsonl" or c not in FLAT_SKIP.get(name, set())]
            rows = iter_table(conn, name, cols)
            if output == "-":
                yield "-", _write(rows, cols, fmt, sys.stdout)
                continue
            Path(output).mkdir(parents=True, exist_ok=True)
            path = str(Path(output) / f"{name}.{fmt}")
            if fmt == "parquet":
                yield path, _parquet(rows, cols, path)
            else:
                with open(path, "w", encoding="utf-8", newline="") as fh:
                    yield path, _write(rows, cols, fmt, fh)
    finally:
        conn.close()


def _write(rows: Iterator[dict[str, Any]], cols: list[str], fmt: str, fh: Any) -> int:
    n = 0
    if fmt == "csv":
        w = csv.writer(fh)
        w.writerow(cols)
        for r in rows:
            w.writerow([csv_cell(r[c]) for c in cols])
            n += 1
    else:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    return n


def _parquet(rows: Iterator[dict[str, Any]], cols: list[str], path: str, batch: int = 50_000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    n = 0
    buf: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal writer
        table = pa.Table.from_pylist([{c: _flat(r[c]) for c in cols} for r in buf])
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema)
        writer.write_table(table.cast(writer.schema) if table.schema != writer.schema else table)
        buf.clear()

    for r in rows:
        buf.append(r)
        n += 1
        if len(buf) >= batch:
            flush()
    if buf or writer is None:
        if not buf:
            pa.parquet.write_table(pa.table({c: pa.array([], pa.string()) for c in cols}), path)
            return 0
        flush()
    if writer is not None:
        writer.close()
    return n
