"""Export store tables as JSONL, CSV or Parquet, narrowed by the dashboard's filters; columns come from the schema.

One column set in every format: a table has the same columns, in the same order, in JSONL, CSV and Parquet
(``documents`` leaves out ``input_text`` and ``offset_map``, the raw input and its offset map, in all three: they
stay in the store). The table ``evidence`` is the store's ``evidence_flat`` view: one row per indicator with its
document's title, outlet, url and day, its date and where that date comes from, its place with coordinates, the
claimant and sides, and its quote.

Filters are :class:`moralewatch.web.filters.Filters`, the one definition the dashboard's API uses, with the same
meaning (``evidence_sql`` is :meth:`FactIndex.mask <moralewatch.web.index.FactIndex.mask>` as SQL): they narrow
``evidence`` and ``indicators``; asking for another table with filters is an error (E210), not a silent full export.

Types: JSONL keeps JSON's (booleans for ``hedged``/``negated``, lists for ``via``); Parquet has real types
(booleans, ``published`` of ``evidence`` as a date, lists of strings for ``via`` and ``removed``, list of [start,
end] pairs for ``paragraphs``; ``stamps``, ``stages`` and ``config``, objects of varying keys, are JSON text).
``date`` stays ISO text everywhere: it may be a day, a month (``2022-03``) or a year.

CSV is opened by spreadsheets, which run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (a
scraped title ``=HYPERLINK(...)`` would become a link, worse a command): in CSV only, such text cells (and those
starting with a tab or a carriage return) get a leading ``'``, as OWASP's CSV injection advice says. JSONL and
Parquet keep every value as stored.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .errors import MoraleWatchError
from .privacy import Scrubber
from .store import connect, iter_table
from .store.schema import TABLES
from .web.filters import Filters, fts_query, sql_conditions

#: columns too large or too internal for an export (they stay in the store), in every format
FLAT_SKIP = {"documents": {"input_text", "offset_map"}}

#: how a text cell may start that a spreadsheet reads as a formula (OWASP: CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: the columns of the ``evidence`` table (the ``evidence_flat`` view of migration 4) and their Parquet types
EVIDENCE_COLUMNS: dict[str, str] = {
    "document_id": "string", "idx": "int64", "indicator": "string", "subject_side": "string", "text": "string",
    "hedged": "bool", "negated": "bool", "confidence": "float64", "rule": "string", "cue": "string",
    "title": "string", "outlet": "string", "url": "string", "published": "date", "date": "string",
    "date_source": "string", "place": "string", "place_lat": "float64", "place_lon": "float64",
    "place_country": "string", "claimant": "string", "claimant_side": "string", "channel": "string",
    "speaker_role": "string", "quote_index": "int64", "quote": "string", "speaker": "string", "via": "list",
}
#: the rows of the ``evidence`` table: the SELECT of the store's ``evidence_flat`` view (migration 4), used as is
#: so that a store not yet migrated exports the same rows (a test keeps the two equal)
EVIDENCE_SELECT = (
    'SELECT i.document_id, i.idx, i.indicator, i.subject_side, i.text, i.hedged, i.negated, i.confidence, '
    'i.rule, i.cue, d.title, d.outlet, d.url, date(d.published) AS published, i.date, CASE WHEN i.date IS '
    "NULL THEN NULL WHEN i.date = substr(d.published, 1, 10) THEN 'published' ELSE 'text' END AS "
    'date_source, i.place, p.lat AS place_lat, p.lon AS place_lon, p.country AS place_country, '
    "i.claimant, i.claimant_side, i.channel, coalesce(q.speaker_role, 'unknown') AS speaker_role, "
    'i.quote_index, q.text AS quote, q.speaker, q.via FROM indicators i JOIN documents d ON d.id = '
    'i.document_id LEFT JOIN quotes q ON q.document_id = i.document_id AND q.idx = i.quote_index LEFT '
    "JOIN entities p ON p.rowid = (SELECT e.rowid FROM entities e WHERE e.type = 'place' AND e.name = "
    'i.place AND e.lat IS NOT NULL LIMIT 1)'
)
#: tables the filters narrow
FILTERED = ("evidence", "indicators")
#: every table ``export`` knows
EXPORT_TABLES = ("evidence", *TABLES)
#: columns of the schema's tables that are booleans (stored as 0/1)
BOOLEAN = {"hedged", "negated"}
#: JSON columns that are lists of strings (Parquet list<string>), and of [start, end] pairs
STRING_LISTS = {"via", "removed"}
PAIR_LISTS = {"paragraphs"}


def columns(table: str) -> list[str]:
    """The columns of ``table`` in an export, the same in every format."""
    if table == "evidence":
        return list(EVIDENCE_COLUMNS)
    if table not in TABLES:
        raise MoraleWatchError("E203", f"no table {table!r}", f"use one of: {', '.join(EXPORT_TABLES)}")
    return [c for c in TABLES[table].names if c not in FLAT_SKIP.get(table, set())]


def evidence_sql(f: Filters) -> tuple[str, list[Any]]:
    """A WHERE clause over ``evidence_facts f`` that keeps the rows the dashboard's filters keep, and its
    parameters (values are parameters: none reaches SQL or FTS5 syntax)."""
    names = ("outlet", "indicator", "subject_side", "claimant", "claimant_side", "channel", "speaker_role", "place")
    where, params = sql_conditions(((f"f.{n}", getattr(f, n)) for n in names), "f.day", f)
    for name in ("hedged", "negated"):
        v = getattr(f, name)
        if v is not None:
            where.append(f"coalesce(f.{name}, 0) = ?")
            params.append(int(v))
    match = fts_query(f.q)
    if match:
        where.append("f.rowid IN (SELECT g.rowid FROM evidence_fts JOIN evidence_facts g ON g.document_id = "
                     "evidence_fts.document_id AND g.idx = evidence_fts.idx WHERE evidence_fts MATCH ? AND "
                     "evidence_fts.kind = 'indicator')")
        params.append(match)
    return (" AND ".join(where) or "1"), params


def iter_rows(conn: sqlite3.Connection, table: str, f: Filters | None = None) -> Iterator[dict[str, Any]]:
    """The rows of ``table`` as exported (decoded JSON, booleans as booleans), in key order."""
    cols = columns(table)
    f = f or Filters()
    if f.as_dict() and table not in FILTERED:
        raise MoraleWatchError("E210", f"the filters narrow {' and '.join(FILTERED)}, not {table}",
                               "export the table evidence (or indicators) with filters, or leave the filters out")
    if table == "evidence":
        where, params = evidence_sql(f)
        sql = (f"SELECT {', '.join('e.' + c for c in cols)} FROM evidence_facts f JOIN ({EVIDENCE_SELECT}) e ON "
               f"e.document_id = f.document_id AND e.idx = f.idx WHERE {where} ORDER BY f.document_id, f.idx")
        rows: Iterable[dict[str, Any]] = (dict(r) for r in conn.execute(sql, params))
        rows = (_typed_evidence(r) for r in rows)
    elif table == "indicators" and f.as_dict():
        where, params = evidence_sql(f)
        sql = (f"SELECT {', '.join('i.' + c for c in cols)} FROM evidence_facts f JOIN indicators i ON "
               f"i.document_id = f.document_id AND i.idx = f.idx WHERE {where} ORDER BY f.document_id, f.idx")
        from .store import decode_row

        rows = (decode_row(TABLES["indicators"], r) for r in conn.execute(sql, params))
    else:
        rows = iter_table(conn, table, cols)
    for r in rows:
        for b in BOOLEAN & r.keys():
            if r[b] is not None:
                r[b] = bool(r[b])
        yield r


def _typed_evidence(r: dict[str, Any]) -> dict[str, Any]:
    if r["via"] is not None:
        r["via"] = json.loads(r["via"])
    return r


def export_tables(db: str, tables: Sequence[str], fmt: str, output: str,
                  filters: Filters | None = None, reveal_private: bool = False) -> Iterator[tuple[str, int]]:
    """Write each table to ``output/<table>.<fmt>`` (or stdout); yields ``(path, rows)``.

    An export is meant for sharing: private people (captives, private soldiers, relatives, civilians, anyone not
    known to be public), call signs and phone numbers are replaced by stable pseudonyms (``moralewatch.privacy``)
    unless ``reveal_private`` (the command line records its use in the store's runs table)."""
    if output == "-" and (len(tables) != 1 or fmt == "parquet"):
        raise MoraleWatchError("E209", "stdout takes one table as JSONL or CSV",
                               "pass one --table, or -o DIRECTORY")
    f = filters or Filters()
    for name in tables:  # before any file is written
        columns(name)
        if f.as_dict() and name not in FILTERED:
            raise MoraleWatchError("E210", f"the filters narrow {' and '.join(FILTERED)}, not {name}",
                                   "export the table evidence (or indicators) with filters, or leave the filters out")
    conn = connect(db, readonly=True)
    try:
        scrubber = None if reveal_private else Scrubber.for_store(conn)
        for name in tables:
            cols = columns(name)
            rows = iter_rows(conn, name, f)
            if scrubber is not None:
                rows = scrubber.rows(rows)
            if output == "-":
                yield "-", write_rows(rows, cols, fmt, sys.stdout)
                continue
            Path(output).mkdir(parents=True, exist_ok=True)
            path = str(Path(output) / f"{name}.{fmt}")
            if fmt == "parquet":
                yield path, write_parquet(rows, cols, path, arrow_schema(name, cols))
            else:
                with open(path, "w", encoding="utf-8", newline="") as fh:
                    yield path, write_rows(rows, cols, fmt, fh)
    finally:
        conn.close()


def _flat(v: Any) -> Any:
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v


def csv_cell(v: Any) -> Any:
    """A value as a CSV cell: lists and dicts as JSON, text a spreadsheet would run as a formula behind a ``'``
    (numbers stay numbers: ``-3`` stored as a number is not text)."""
    v = _flat(v)
    if isinstance(v, str) and v.startswith(FORMULA_START):
        return "'" + v
    return v


def csv_lines(rows: Iterable[dict[str, Any]], cols: list[str]) -> Iterator[str]:
    """CSV text, a header and then a line per row (formula cells neutralised)."""
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(cols)
    for r in rows:
        w.writerow([csv_cell(r.get(c)) for c in cols])
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    if buf.tell():
        yield buf.getvalue()


def jsonl_lines(rows: Iterable[dict[str, Any]], cols: list[str]) -> Iterator[str]:
    for r in rows:
        yield json.dumps({c: r.get(c) for c in cols}, ensure_ascii=False) + "\n"


def write_rows(rows: Iterable[dict[str, Any]], cols: list[str], fmt: str, fh: Any) -> int:
    """Write rows as CSV or JSONL to ``fh``; the number of rows."""
    n = 0

    def counted() -> Iterator[dict[str, Any]]:
        nonlocal n
        for r in rows:
            n += 1
            yield r

    for line in (csv_lines if fmt == "csv" else jsonl_lines)(counted(), cols):
        fh.write(line)
    return n


def arrow_schema(table: str, cols: list[str]) -> Any:
    """The Parquet schema of an exported table: real types for booleans, dates and lists."""
    import pyarrow as pa

    simple = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_(),
              "date": pa.date32(), "list": pa.list_(pa.string())}
    if table == "evidence":
        return pa.schema([(c, simple[EVIDENCE_COLUMNS[c]]) for c in cols])
    by_name = {c.name: c for c in TABLES[table].columns}
    fields = []
    for c in cols:
        col = by_name[c]
        if c in BOOLEAN:
            t = pa.bool_()
        elif c in STRING_LISTS:
            t = pa.list_(pa.string())
        elif c in PAIR_LISTS:
            t = pa.list_(pa.list_(pa.int64()))
        else:
            t = {"INTEGER": pa.int64(), "REAL": pa.float64()}.get(col.sql, pa.string())
        fields.append((c, t))
    return pa.schema(fields)


def _arrow_value(v: Any, t: Any) -> Any:
    import datetime

    import pyarrow as pa

    if v is None:
        return None
    if pa.types.is_date32(t):
        return datetime.date.fromisoformat(str(v)[:10])
    if pa.types.is_list(t):
        return v
    if pa.types.is_string(t):
        return _flat(v) if isinstance(v, (list, dict)) else str(v)
    return v


def write_parquet(rows: Iterable[dict[str, Any]], cols: list[str], path: str, schema: Any,
                  batch: int = 50_000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        buf: list[dict[str, Any]] = []

        def flush() -> None:
            data = {c: [_arrow_value(r.get(c), schema.field(c).type) for r in buf] for c in cols}
            writer.write_table(pa.table(data, schema=schema))
            buf.clear()

        for r in rows:
            buf.append(r)
            n += 1
            if len(buf) >= batch:
                flush()
        if buf or n == 0:
            flush()
    return n
