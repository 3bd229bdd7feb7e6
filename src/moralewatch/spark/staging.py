"""Staging Parquet written by the executors' Python workers (issue 20): each table's rows go straight to narrow,
typed Parquet (pyarrow), so the JVM never converts, spills or reads back the analysed rows.

Layout: ``<out>/_staging/<job>/<table>/part-u<unit>.parquet``, one file a table a unit (none when the unit gave the
table no row), with exactly the columns and types of ``export --format parquet`` plus ``_unit`` and ``_seq`` (the
input's place in input order). A task writes each file under a hidden temporary name (``.`` first: Spark's and
pyarrow's readers skip it) and renames it to its final name when the unit is done, so a retried or speculative
task replaces its unit's files instead of adding to them, and a task that dies leaves nothing a reader sees.

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

#: rows of one table a worker holds before it writes them (a Parquet row group)
BATCH_ROWS = 2_000
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
    """The Spark DDL of :func:`schema` (to read a staged table, even one without files)."""
    import pyarrow as pa

    def sql(t: Any) -> str:
        if pa.types.is_list(t):
            return f"array<{sql(t.value_type)}>"
        return {pa.string(): "string", pa.int64(): "bigint", pa.float64(): "double", pa.bool_(): "boolean",
                pa.date32(): "date"}[t]

    return ", ".join(f"`{f.name}` {sql(f.type)}" for f in schema(table))


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


#: staging Parquet: plain pages, no dictionaries, no statistics, no compression (read once, by this job)
_STAGING_PARQUET = {"compression": "none", "use_dictionary": False, "write_statistics": False}


class UnitWriter:
    """The staged files of one unit: columns buffered per table, written in row groups of about
    :data:`BATCH_ROWS`, renamed to their final names by :meth:`close`."""

    def __init__(self, root: str, unit: int) -> None:
        self.fs, self.root = filesystem(root)
        self.unit = unit
        self.tag = uuid.uuid4().hex[:12]
        self.buffers: dict[str, dict[str, list[Any]]] = {}
        self.held: dict[str, int] = {}
        self.writers: dict[str, Any] = {}
        self.rows: dict[str, int] = {}

    def _name(self, table: str, temp: bool) -> str:
        final = f"part-u{self.unit:07d}.parquet"
        return f"{self.root}/{table}/" + (f".{final}.{self.tag}.tmp" if temp else final)

    def add(self, table: str, columns: dict[str, list[Any]]) -> None:
        """Rows of ``table`` as staged columns (:func:`stage_columns`)."""
        buf = self.buffers.get(table)
        if buf is None:
            self.buffers[table] = {k: list(v) for k, v in columns.items()}
        else:
            for k, v in columns.items():
                buf[k] += v
        self.held[table] = self.held.get(table, 0) + len(columns["_seq"])
        if self.held[table] >= BATCH_ROWS:
            self._flush(table)

    def _flush(self, table: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        buf = self.buffers.pop(table, None)
        n = self.held.pop(table, 0)
        if not buf or not n:
            return
        sch = schema(table)
        w = self.writers.get(table)
        if w is None:
            w = self.writers[table] = pq.ParquetWriter(self._name(table, True), sch, filesystem=self.fs,
                                                       **_STAGING_PARQUET)
        w.write_table(pa.table({c: buf.get(c, [None] * n) for c in sch.names}, schema=sch))  # a column not given: null
        self.rows[table] = self.rows.get(table, 0) + n

    def close(self) -> None:
        """Write what is buffered and give every file its final name (replacing one of an earlier attempt)."""
        for table in list(self.buffers):
            self._flush(table)
        for table, w in self.writers.items():
            w.close()
            self.fs.move(self._name(table, True), self._name(table, False))
        self.writers.clear()


def prepare(root: str, tables: tuple[str, ...]) -> None:
    """The staging directories of a job (empty: a table no unit writes reads as no rows)."""
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


# -- the final tables, from the staged files (the executors' Python: pyarrow, no rows through the JVM) -------------

#: rows of a final table a writer holds before it writes them as one row group
PUBLISH_ROWS = 65_536
#: what a publishing task tells the driver: rows written per table (counts, never rows)
PUBLISH_DDL = "table string, rows bigint"


def final_name(table: str, group: int) -> str:
    return f"{table}/part-g{group:05d}.parquet"


def publish(batches: Iterator[Any], stage: str, out: str, per_group: int,
            tables: tuple[str, ...]) -> Iterator[Any]:
    """mapInArrow's function of the tables' write: each row of a batch is a group of units (``_group``: units
    ``[_group * per_group, (_group + 1) * per_group)``) with the later inputs of a text among them (``units``,
    ``seqs``: the duplicates); each group becomes one Parquet file per table under ``out`` (:func:`publish_group`).
    Out: the rows written, per table and group."""
    import pyarrow as pa

    out_schema = pa.schema([("table", pa.string()), ("rows", pa.int64())])
    for batch in batches:
        for d in batch.to_pylist():
            g = int(d["_group"])
            dup: dict[int, list[int]] = {}
            for u, s in zip(d.get("units") or [], d.get("seqs") or [], strict=True):
                dup.setdefault(int(u), []).append(int(s))
            counts = publish_group(stage, out, g, range(g * per_group, (g + 1) * per_group), dup, tables)
            yield pa.RecordBatch.from_pydict({"table": list(counts), "rows": list(counts.values())},
                                             schema=out_schema)


def publish_group(stage: str, out: str, group: int, units: range, dup: dict[int, list[int]],
                  tables: tuple[str, ...]) -> dict[str, int]:
    """One file per table (``<out>/<table>/part-g<group>.parquet``, with only the export's columns, pyarrow's
    default Parquet: snappy, dictionaries, statistics) from the staged files of ``units``, in unit and input order:
    a later input of a text (``dup``: unit -> its ``_seq`` values) keeps its outcome, as ``duplicate``, and loses
    its document and annotation rows. Written under a hidden name and renamed when done (a retried task replaces
    the file); a group without rows still writes its (empty) file, so every table has its schema."""
    import pyarrow as pa
    import pyarrow.fs as pafs
    import pyarrow.parquet as pq

    sfs, sroot = filesystem(stage)
    ofs, oroot = filesystem(out)
    counts: dict[str, int] = {}
    for table in tables:
        sch = schema(table)
        out_schema = pa.schema([f for f in sch if f.name not in HELPERS])
        final = f"{oroot}/{final_name(table, group)}"
        temp = final.rsplit("/", 1)
        temp_name = f"{temp[0]}/.{temp[1]}.{uuid.uuid4().hex[:12]}.tmp"
        infos = sfs.get_file_info([f"{sroot}/{table}/part-u{u:07d}.parquet" for u in units])
        held: list[Any] = []
        n = held_rows = 0
        with pq.ParquetWriter(temp_name, out_schema, filesystem=ofs) as w:
            for u, info in zip(units, infos, strict=True):
                if info.type != pafs.FileType.File:
                    continue
                with sfs.open_input_file(info.path) as fh:  # not pq.read_table: it imports pyarrow.dataset (pandas)
                    t = _without_duplicates(table, pq.ParquetFile(fh).read(), dup.get(u))
                held.append(t.select(out_schema.names))
                held_rows += t.num_rows
                if held_rows >= PUBLISH_ROWS:
                    w.write_table(pa.concat_tables(held))
                    n += held_rows
                    held, held_rows = [], 0
            if held_rows:
                w.write_table(pa.concat_tables(held))
                n += held_rows
        ofs.move(temp_name, final)
        counts[table] = n
    return counts


def _without_duplicates(table: str, t: Any, seqs: list[int] | None) -> Any:
    """A unit's staged rows with its later inputs of a text (``seqs``) resolved: their outcome ``duplicate``, their
    other rows dropped."""
    if not seqs:
        return t
    import pyarrow as pa
    import pyarrow.compute as pc

    hit = pc.is_in(t["_seq"], value_set=pa.array(seqs, pa.int64()))
    if table == "outcomes":
        i = t.schema.get_field_index("status")
        return t.set_column(i, "status", pc.if_else(hit, pa.scalar("duplicate"), t["status"]))
    return t.filter(pc.invert(hit))


def clear_tables(out: str, tables: tuple[str, ...]) -> None:
    """Each table's directory under ``out`` emptied (created when missing): a new run replaces the tables."""
    fs, path = filesystem(out)
    for t in tables:
        fs.create_dir(f"{path}/{t}", recursive=True)
        fs.delete_dir_contents(f"{path}/{t}")
