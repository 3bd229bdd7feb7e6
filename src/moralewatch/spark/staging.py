"""The output tables, written by the executors' Python workers (issue 20): each unit's rows go straight to its
final Parquet files (pyarrow) while it is analysed, so the JVM never converts, spills or reads back the rows.

Layout: ``<out>/<table>/part-u<unit>.parquet``, one file a table a unit (none when the unit gave the table no row),
with exactly the columns and types of ``export --format parquet``. A task writes each file under a hidden temporary
name (``.`` first: Spark's and pyarrow's readers skip it) and renames it to its final name when the unit is done,
so a retried or speculative task replaces its unit's files instead of adding to them, and a task that dies leaves
nothing a reader sees. A unit resolves the duplicates among its own inputs; a unit holding a later input of a text
an earlier unit gave is rewritten after the analysis (:func:`rewrite_unit`), the only files written twice.

The file system is pyarrow's for the output: a local path or ``file://``, ``hdfs://`` (libhdfs), ``s3://`` or
``s3a://`` (read as ``s3://``), ``gs://``; an output pyarrow cannot open is error E605.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import error
from ..export import BOOLEAN, PAIR_LISTS, STRING_LISTS, arrow_schema
from ..store.writer import _IDENTITY, _valid

HELPERS = ("_unit", "_seq")
#: the staging folder under the output (Spark and pyarrow skip names starting with "_" when they list a table)
STAGING = "_staging"
#: pyarrow's name for a URL scheme Spark's Hadoop connectors name otherwise
_SCHEMES = {"s3a": "s3", "s3n": "s3", "gcs": "gs"}


def filesystem(url: str) -> tuple[Any, str]:
    """pyarrow's file system of ``url`` and the path in it; E605 when pyarrow cannot open it (its library or
    credentials missing, an unknown scheme)."""
    import pyarrow.fs as pafs

    scheme, sep, rest = url.partition("://")
    if not sep:
        return pafs.LocalFileSystem(), url
    if scheme == "file":
        return pafs.LocalFileSystem(), rest
    try:
        fs, path = pafs.FileSystem.from_uri(_SCHEMES.get(scheme, scheme) + "://" + rest)
    except Exception as e:  # noqa: BLE001 - pyarrow raises ArrowInvalid, OSError, ArrowNotImplementedError ...
        raise error("E605", f"the Python workers cannot write {url} ({type(e).__name__}: {str(e)[:200]})") from None
    return fs, path


@functools.cache
def schema(table: str) -> Any:
    """The Arrow schema of a staged table: the export's columns and types, then ``_unit``, ``_seq``."""
    import pyarrow as pa

    from . import export_columns

    base = arrow_schema(table, export_columns(table))
    return pa.schema([*base, pa.field("_unit", pa.int64()), pa.field("_seq", pa.int64())])


def spark_ddl(table: str) -> str:
    """The Spark DDL of an output table (:func:`final_schema`: to read it with its types)."""
    import pyarrow as pa

    def sql(t: Any) -> str:
        if pa.types.is_list(t):
            return f"array<{sql(t.value_type)}>"
        return {pa.string(): "string", pa.int64(): "bigint", pa.float64(): "double", pa.bool_(): "boolean",
                pa.date32(): "date"}[t]

    return ", ".join(f"`{f.name}` {sql(f.type)}" for f in final_schema(table))


#: how a value becomes its staged value (that of ``writer._encode`` then the export's Parquet type): JSON text,
#: a list (JSON lists of strings or pairs, typed), a boolean, or as it is (a bool as 0/1, text made valid UTF-8)
_JSON, _LIST, _BOOL, _PLAIN = range(4)
_JSON_TEXT = json.JSONEncoder(ensure_ascii=False)
_JSON_SET = json.JSONEncoder(ensure_ascii=False, default=sorted)


@functools.cache
def _plan(table: str) -> tuple[tuple[str, int, bool], ...]:
    """``(column, how, keep_length)`` of each exported column of a staged table (``keep_length``: for
    ``writer._valid``, False for the columns that name an input)."""
    from ..store.schema import TABLES

    cols = {c.name: c for c in TABLES[table].columns}
    out = []
    for name in schema(table).names:
        if name in HELPERS:
            continue
        c = cols[name]
        if name in STRING_LISTS or name in PAIR_LISTS:
            assert c.json, name  # stored as JSON, exported as a typed list
            how = _LIST
        else:
            how = _JSON if c.json else _BOOL if name in BOOLEAN else _PLAIN
        out.append((name, how, name not in _IDENTITY))
    return tuple(out)


@functools.cache
def _fields(cls: Any) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


def _json_text(v: Any) -> str:
    """``writer._encode``'s JSON text of a value (an encoder kept, not built per value as ``json.dumps`` does)."""
    enc = _JSON_SET if isinstance(v, set) else _JSON_TEXT
    return _valid(enc.encode(v.to_json() if hasattr(v, "to_json") else v))


def _list_value(v: Any) -> Any:
    """The typed list the export reads back from the JSON text of ``v``: the list itself when it is one of ASCII
    strings or of pairs of ints (what the JSON round trip would give), else that round trip."""
    if isinstance(v, (list, tuple)):
        if all(type(x) is str and x.isascii() for x in v):
            return list(v)
        if all(type(x) in (list, tuple) and all(type(i) is int for i in x) for x in v):
            return [list(x) for x in v]
    return json.loads(_json_text(v))


def _values(how: int, keep: bool, vals: list[Any]) -> list[Any]:
    if how == _PLAIN:
        return [int(v) if v.__class__ is bool else v if not isinstance(v, str) or v.isascii() else _valid(v, keep)
                for v in vals]
    if how == _BOOL:
        return [None if v is None else bool(v) for v in vals]
    if how == _JSON:
        return [None if v is None else _json_text(v) for v in vals]
    return [None if v is None else _list_value(v) for v in vals]


def stage_columns(table: str, objs: Sequence[Any], fixed: dict[str, Any]) -> dict[str, list[Any]]:
    """The staged columns of ``table`` for ``objs`` (dataclasses of one type, a row each): each column the objects'
    field of its name, or ``fixed``'s value (a list: one a row; else the same for all), or null; valued as the store
    holds them (``writer._encode``) and typed as the export's Parquet types them. ``fixed`` gives ``_unit`` and
    ``_seq``."""
    n = len(objs)
    names: frozenset[str] = _fields(objs[0].__class__) if objs else frozenset()
    out: dict[str, list[Any]] = {}
    for name, how, keep in _plan(table):
        if name in fixed:
            v = fixed[name]
            vals = v if isinstance(v, list) else [v] * n
        elif name in names:
            vals = [getattr(o, name) for o in objs]
        else:
            vals = [None] * n
        out[name] = _values(how, keep, vals)
    for h in HELPERS:
        v = fixed[h]
        out[h] = v if isinstance(v, list) else [v] * n
    return out


#: rows of one table a worker holds before it writes them as one row group of the unit's file (documents: fewer,
#: as each holds its input's text and annotations until then)
BATCH_ROWS = 10_000
DOCUMENT_ROWS = 1_000


def final_name(table: str, unit: int) -> str:
    """A unit's file of a table, under the output: ``<table>/part-u<unit>.parquet``."""
    return f"{table}/part-u{unit:07d}.parquet"


def _temp_name(final: str) -> str:
    head, _, name = final.rpartition("/")
    return f"{head}/.{name}.{uuid.uuid4().hex[:12]}.tmp"


class UnitWriter:
    """The final table files of one unit (``<out>/<table>/part-u<unit>.parquet``, the export's columns only,
    pyarrow's default Parquet: snappy, dictionaries, statistics): rows buffered per table, written in row groups
    of about :data:`BATCH_ROWS` under a hidden temporary name, renamed to the final name by :meth:`close` (replacing
    the file of an earlier attempt of the same unit). A table the unit gives no row gets no file. ``rows``: the rows
    written per table."""

    def __init__(self, root: str, unit: int) -> None:
        self.fs, self.root = filesystem(root)
        self.unit = unit
        self.buffers: dict[str, dict[str, list[Any]]] = {}
        #: rows given as objects, not yet columns: per table the objects and their ``fixed`` values, a list each
        self.pending: dict[str, tuple[list[Any], dict[str, list[Any]]]] = {}
        self.held: dict[str, int] = {}
        self.writers: dict[str, tuple[Any, str]] = {}
        self.rows: dict[str, int] = {}

    def add(self, table: str, columns: dict[str, list[Any]]) -> None:
        """Rows of ``table`` as staged columns (:func:`stage_columns`; ``_unit`` and ``_seq`` are not written)."""
        self._columns(table)  # rows given before as objects come first
        buf = self.buffers.get(table)
        if buf is None:
            self.buffers[table] = {k: list(v) for k, v in columns.items()}
        else:
            for k, v in columns.items():
                buf[k] += v
        self._held(table, len(columns["_seq"]))

    def add_rows(self, table: str, objs: list[Any], fixed: dict[str, Any]) -> None:
        """Rows of ``table`` as :func:`stage_columns` takes them (objects of one type and ``fixed``, with the same
        keys for every call of a table), turned into columns many at a time (one call per table per flush instead
        of one per input: a third of the cost)."""
        n = len(objs)
        pending = self.pending.get(table)
        if pending is None:
            pending = self.pending[table] = ([], {k: [] for k in fixed})
        pending[0].extend(objs)
        for k, v in fixed.items():
            pending[1][k] += v if isinstance(v, list) else [v] * n
        self._held(table, n)

    def _held(self, table: str, n: int) -> None:
        self.held[table] = self.held.get(table, 0) + n
        if self.held[table] >= (DOCUMENT_ROWS if table == "documents" else BATCH_ROWS):
            self._flush(table)

    def _columns(self, table: str) -> None:
        """The pending objects of ``table`` turned into columns in its buffer."""
        pending = self.pending.pop(table, None)
        if not pending or not pending[0]:
            return
        objs, fixed = pending
        cols = stage_columns(table, objs, fixed | {"_unit": self.unit})
        buf = self.buffers.get(table)
        if buf is None:
            self.buffers[table] = cols
        else:
            for k, v in cols.items():
                buf[k] += v

    def _flush(self, table: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._columns(table)
        buf = self.buffers.pop(table, None)
        n = self.held.pop(table, 0)
        if not buf or not n:
            return
        sch = final_schema(table)
        w = self.writers.get(table)
        if w is None:
            temp = _temp_name(f"{self.root}/{final_name(table, self.unit)}")
            w = self.writers[table] = (pq.ParquetWriter(temp, sch, filesystem=self.fs), temp)
        # a column the rows do not give: null
        w[0].write_table(pa.table({c: buf.get(c, [None] * n) for c in sch.names}, schema=sch))
        self.rows[table] = self.rows.get(table, 0) + n

    def close(self) -> None:
        """Write what is buffered and give every file its final name (replacing one of an earlier attempt)."""
        for table in list(self.buffers) + list(self.pending):
            self._flush(table)
        for table, (w, temp) in self.writers.items():
            w.close()
            self.fs.move(temp, f"{self.root}/{final_name(table, self.unit)}")
        self.writers.clear()


@functools.cache
def final_schema(table: str) -> Any:
    """The Arrow schema of an output table: the export's columns and types."""
    import pyarrow as pa

    return pa.schema([f for f in schema(table) if f.name not in HELPERS])


def prepare(root: str, tables: tuple[str, ...]) -> None:
    """A folder per table under ``root``."""
    fs, path = filesystem(root)
    for t in tables:
        fs.create_dir(f"{path}/{t}", recursive=True)


def remove(root: str, parent: bool = True) -> None:
    """Delete a folder (a job's staging folder), and with ``parent`` its parent when nothing else is left in it
    (the staging folder, when no other job's is)."""
    import pyarrow.fs as pafs

    fs, path = filesystem(root)
    try:
        fs.delete_dir(path)
        up = path.rsplit("/", 1)[0]
        if parent and not fs.get_file_info(pafs.FileSelector(up)):
            fs.delete_dir(up)
    except OSError:
        pass


def clear_tables(out: str, tables: tuple[str, ...]) -> None:
    """Each table's directory under ``out`` emptied (created when missing): a new run replaces the tables."""
    fs, path = filesystem(out)
    for t in tables:
        fs.create_dir(f"{path}/{t}", recursive=True)
        fs.delete_dir_contents(f"{path}/{t}")


def write_empty(out: str, table: str) -> None:
    """An empty file of ``table`` (its columns and types), for a table no unit gave a row: every table of the
    output has its schema."""
    import pyarrow.parquet as pq

    fs, path = filesystem(out)
    final = f"{path}/{table}/part-empty.parquet"
    temp = _temp_name(final)
    pq.ParquetWriter(temp, final_schema(table), filesystem=fs).close()
    fs.move(temp, final)


# -- the later inputs of a text: the units that hold one rewritten (the executors' Python) -------------------------

#: what a rewriting task tells the driver: the rows of each table of each unit it rewrote (counts, never rows)
REWRITE_DDL = "_unit bigint, table string, rows bigint"


def rewrite(batches: Iterator[Any], out: str, tables: tuple[str, ...]) -> Iterator[Any]:
    """mapInArrow's function of the duplicates' step: each row of a batch is a unit (``_unit``) and the documents
    (``ids``) that a later input of the unit gave after an earlier input (in input order) had given them; each such
    unit's files are rewritten without them (:func:`rewrite_unit`). Out: the rows of each table of the unit now."""
    import pyarrow as pa

    out_schema = pa.schema([("_unit", pa.int64()), ("table", pa.string()), ("rows", pa.int64())])
    for batch in batches:
        for d in batch.to_pylist():
            counts = rewrite_unit(out, int(d["_unit"]), d["ids"] or [], tables)
            yield pa.RecordBatch.from_pydict({"_unit": [int(d["_unit"])] * len(counts), "table": list(counts),
                                              "rows": list(counts.values())}, schema=out_schema)


def rewrite_unit(out: str, unit: int, ids: list[str], tables: tuple[str, ...]) -> dict[str, int]:
    """A unit's files with the later inputs of a text (``ids``: the documents they gave, each given by one input of
    the unit, as a unit resolves its own duplicates) resolved: their outcome ``duplicate``, their document and
    annotation rows dropped. A file the change leaves as it was is not written again; a changed one is written
    under a hidden name and renamed (idempotent: a retried task finds nothing more to change). Returns the rows of
    each of the unit's tables after the change."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.fs as pafs
    import pyarrow.parquet as pq

    fs, root = filesystem(out)
    value_set = pa.array(sorted(set(ids)), pa.string())
    counts: dict[str, int] = {}
    for table in tables:
        final = f"{root}/{final_name(table, unit)}"
        if fs.get_file_info(final).type != pafs.FileType.File:
            continue
        with fs.open_input_file(final) as fh:  # not pq.read_table: it imports pyarrow.dataset (pandas)
            t = pq.ParquetFile(fh).read()
        key = "id" if table == "documents" else "document_id"
        hit = pc.fill_null(pc.is_in(t[key], value_set=value_set), False)
        if table == "outcomes":
            hit = pc.and_(hit, pc.equal(t["status"], "ok"))
            changed = t.set_column(t.schema.get_field_index("status"), "status",
                                   pc.if_else(hit, pa.scalar("duplicate"), t["status"]))
        else:
            changed = t.filter(pc.invert(hit))
        counts[table] = changed.num_rows
        if not pc.any(hit).as_py():
            continue
        temp = _temp_name(final)
        with pq.ParquetWriter(temp, final_schema(table), filesystem=fs) as w:
            w.write_table(changed, row_group_size=BATCH_ROWS)
        fs.move(temp, final)
    return counts
