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

import functools
import json
import uuid
from collections.abc import Iterator
from typing import Any

from ..errors import error
from ..export import BOOLEAN, PAIR_LISTS, STRING_LISTS, arrow_schema

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


def _column(name: str, buf: list[dict[str, Any]]) -> list[Any]:
    """A column of rows valued as the store holds them (``writer._encode``: JSON text, 0/1) as the export's Parquet
    types it (booleans, lists); other columns as they are."""
    values = [r.get(name) for r in buf]
    if name in BOOLEAN:
        return [None if v is None else bool(v) for v in values]
    if name in STRING_LISTS or name in PAIR_LISTS:
        return [None if v is None else json.loads(v) for v in values]
    return values


class UnitWriter:
    """The staged files of one unit: rows buffered per table, written in row groups of :data:`BATCH_ROWS`, renamed
    to their final names by :meth:`close`."""

    def __init__(self, root: str, unit: int) -> None:
        self.fs, self.root = filesystem(root)
        self.unit = unit
        self.tag = uuid.uuid4().hex[:12]
        self.buffers: dict[str, list[dict[str, Any]]] = {}
        self.writers: dict[str, Any] = {}
        self.rows: dict[str, int] = {}

    def _name(self, table: str, temp: bool) -> str:
        final = f"part-u{self.unit:07d}.parquet"
        return f"{self.root}/{table}/" + (f".{final}.{self.tag}.tmp" if temp else final)

    def add(self, table: str, row: dict[str, Any]) -> None:
        buf = self.buffers.setdefault(table, [])
        buf.append(row)
        if len(buf) >= BATCH_ROWS:
            self._flush(table)

    def _flush(self, table: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        buf = self.buffers.get(table)
        if not buf:
            return
        sch = schema(table)
        data = {n: _column(n, buf) for n in sch.names}
        w = self.writers.get(table)
        if w is None:
            w = self.writers[table] = pq.ParquetWriter(self._name(table, True), sch, filesystem=self.fs)
        w.write_table(pa.table(data, schema=sch))
        self.rows[table] = self.rows.get(table, 0) + len(buf)
        buf.clear()

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
                t = _without_duplicates(table, pq.read_table(info.path, filesystem=sfs, schema=sch), dup.get(u))
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
