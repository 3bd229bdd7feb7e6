"""The pipeline on Apache Spark (issue 20): the same inputs, stages and rows as ``analyze`` + ``export``, on a cluster.

How it runs:

1. **Plan, on the driver** (:func:`plan`): the inputs are discovered as ``analyze`` discovers them
   (:func:`moralewatch.ingest.expand`, so sources and outcomes are named alike), and cut into *units*: a file, or
   for a large uncompressed JSONL file a byte range of whole lines. Line numbers (``line N`` locators) need the
   lines before a range: the driver counts them (up to 1 GiB of split JSONL), or beyond that a first small Spark
   job counts each range's lines (:func:`_count_ranges`) and the driver adds them up. Only these counts reach the
   driver, never a row of results. Inputs given as URLs are listed by Spark, one unit a file (:mod:`.urls`), and
   their bytes come to the workers through Spark's ``binaryFile`` reader.
2. **Analyse, on the executors** (:func:`_analyse_units`, through ``mapInArrow``): each executor's Python daemon
   loads the pipeline once before it forks its workers (:mod:`.daemon`; else each worker builds it once, kept for
   its life) and runs :func:`moralewatch.runner.run_one` over each raw input of its units, as ``analyze`` does;
   every input yields its outcome row, and a document its document and annotation rows (a later input of a text
   an earlier input of the same unit gave: the outcome ``duplicate`` only). The worker writes them straight to the
   unit's final table files (:mod:`.staging`: one file a table a unit, the export's columns, renamed into place
   when the unit is done, so a retried task replaces its files), and hands the JVM only the key ``(_unit, _seq,
   document_id)`` of each input that keeps a document and one metrics row per unit. A unit that fails to read is
   that unit's outcome (``stage_failed``), never the job's.
3. **Resolve duplicates across units, in Spark SQL, over the keys**: the first input (in input order) of each
   canonical text keeps its document and annotations; the units holding a later one (a small table of ``(_unit,
   ids)``, written to Parquet) are rewritten by the executors' Python (:func:`.staging.rewrite`): the later
   input's outcome ``duplicate``, its other rows dropped, as in the store. With no such input nothing is rewritten.
4. **The manifest**: ``_moralewatch.json`` (the pipeline's stamps, counts, timings).
5. **Stories** (unless ``stories=False``): the kept documents grouped into stories and events as the corpus stage
   groups them, in joins (:mod:`.stories`), into the ``stories`` table.

Network: the driver and block manager bind to 127.0.0.1 and the UI is off; nothing is fetched.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from ..errors import error
from ..ingest import DEFAULT_MAX_BYTES, RawInput, expand
from ..ingest.discover import Found
from ..ingest.jsonl import jsonl_input
from ..ingest.raw import reject
from ..ingest.read import _from_file
from ..ingest.streams import lines
from ..model import Document, Outcome
from ..runner import DEFAULT_TIME_LIMIT, Limits, rejected, run_one
from ..store.schema import ANNOTATION_TABLES, TABLES
from .parquet import parquet_inputs, row_group_ranges, with_parquet
from .urls import content_inputs, is_url, list_files

#: the tables a Spark run writes (those of ``moralewatch export`` but ``runs``)
OUTPUT_TABLES = ("documents", "outcomes", "quotes", "indicators", "entities")
#: the columns ``export --format parquet`` writes (documents without input_text and offset_map)
FLAT_SKIP = {"documents": {"input_text", "offset_map"}}
MANIFEST = "_moralewatch.json"
#: the table of stories and events (issue 20, item 4): the columns of a line of ``moralewatch stories``
STORY_TABLE = "stories"
#: a plain JSONL file larger than this is cut into byte ranges of about ``split`` bytes (see :func:`plan`)
MIN_SPLIT = 256 * 1024
MAX_SPLIT = 64 * 1024 * 1024
#: split JSONL files up to this size (in all) have their lines counted by the driver (~1 s a GiB), larger ones
#: by a Spark job
COUNT_ON_DRIVER = 1 << 30
#: JSONL ranges per core, for load balance (a core that finishes early takes another; the largest are scheduled
#: first). Fewer, larger tasks were tried: over 5,000 Reuters stories on local[2], 4 tasks instead of 16 took 12.1 s
#: of the JVM's CPU instead of 15.9 s, but over all 19,043 the job's CPU was the same (64.3 s vs 65.0 s) and its
#: wall time on a shared machine longer (a straggler): kept at 8
RANGES_PER_CORE = 8
#: the JVM options of a local master (driver and executor in one JVM) when none are given: its quick JIT only (C1)
#: and one GC thread. Measured on local[2] (bench/spark.py --variants): the JVM's CPU in the job 15.9 s -> 10.0 s
#: over 5,000 Reuters stories, 27.0 s -> 23.1 s over 19,043, its peak RSS ~1.1 GB -> ~0.7 GB, session and first
#: job faster (the JIT's C2 compiler threads and the parallel GC compete with the Python workers for the cores)
LOCAL_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
#: rows an executor hands to Spark in one Arrow batch
BATCH_ROWS = 2_000


def export_columns(table: str) -> list[str]:
    return [c for c in TABLES[table].names if c not in FLAT_SKIP.get(table, set())]


#: metrics of one unit: a row of this ``_table`` after its rows (inputs in ``_seq``)
_METRIC_TABLE = "_unit"
#: what a task hands to the JVM: per input that keeps its document in its unit its key (``_kind`` 'doc': ``_unit``,
#: ``_seq``, ``document_id``), for the duplicates; per unit one metrics row (``_kind`` 'unit': inputs in ``_seq``,
#: documents, duplicates within the unit, the rows of each table written in ``n_<table>``). The rows themselves go
#: to the unit's final table files (:mod:`.staging`)
KEY_DDL = ("_kind string, _unit bigint, _seq bigint, document_id string, docs bigint, dups bigint, words bigint, "
           "seconds double, cpu_s double, rss_kib bigint, source string, " + ", ".join(
               f"n_{t} bigint" for t in OUTPUT_TABLES))
_KEY_FIELDS = [f.split()[0] for f in KEY_DDL.split(", ")]


# -- planning (driver) --------------------------------------------------------------------------------------------


@dataclass
class Unit:
    """One task's work: a whole file, or the lines of a plain JSONL file that start in ``[start, end)``."""

    unit: int
    path: str
    source: str
    kind: str
    gz: bool = False
    start: int = 0
    end: int = -1  # -1: the whole file, read as analyze reads it
    first_line: int = 1
    #: for the first range of a split JSONL file: the file's detail for ``empty`` when no range has a line
    empty: str | None = None
    error_code: str | None = None
    error_detail: str | None = None
    size: int = 0
    #: a file at a URL (:mod:`.urls`): its bytes come through Spark's reader, in ``content``
    url: bool = False
    content: bytes | None = field(default=None, repr=False)

    def row(self) -> tuple[Any, ...]:
        return (self.unit, self.path, self.source, self.kind, self.gz, self.start, self.end, self.first_line,
                self.empty, self.error_code, self.error_detail, self.size, self.url)


UNIT_DDL = ("unit bigint, path string, source string, kind string, gz boolean, start bigint, end bigint, "
            "first_line bigint, empty string, error_code string, error_detail string, size bigint, url boolean")


UNIT_DDL_NAMES = [f.split()[0] for f in UNIT_DDL.split(", ")]


def split_size(total: int, cores: int) -> int:
    """Bytes per JSONL range: about :data:`RANGES_PER_CORE` ranges per core over the input, within [256 KiB,
    64 MiB]."""
    return max(MIN_SPLIT, min(MAX_SPLIT, total // max(1, cores * RANGES_PER_CORE) + 1))


def plan(inputs: Iterable[str], cores: int, split: int | None = None) -> tuple[list[Unit], list[Unit]]:
    """The units of ``inputs`` in input order, and the JSONL ranges among them, whose lines must be counted (on the
    cluster) before they can be numbered."""
    found = [f for f in expand(with_parquet(inputs)) if f.kind != "stdin"]
    sizes: dict[str, int] = {}
    for f in found:
        if not f.error and f.kind != "parquet":
            try:
                sizes[f.path] = os.path.getsize(f.path)
            except OSError:
                sizes[f.path] = 0
    plain_jsonl = sum(sizes.get(f.path, 0) for f in found if f.kind == "jsonl" and not f.gz and not f.error)
    split = split or split_size(plain_jsonl, cores)
    units: list[Unit] = []
    to_count: list[Unit] = []
    for f in found:
        size = sizes.get(f.path, 0)
        if f.kind == "parquet" and not f.error:
            units += _parquet_units(f, len(units), split)
        elif f.error:
            code, detail = f.error
            units.append(Unit(len(units), f.path, f.source, f.kind or "txt", error_code=code, error_detail=detail))
        elif f.kind == "jsonl" and not f.gz and size > split:
            for start in range(0, size, split):
                u = Unit(len(units), f.path, f.source, "jsonl", start=start, end=min(size, start + split),
                         size=min(size, start + split) - start)
                units.append(u)
                to_count.append(u)
        else:
            units.append(Unit(len(units), f.path, f.source, f.kind or "txt", f.gz, size=size))
    return units, to_count


def _parquet_units(f: Found, first: int, split: int) -> list[Unit]:
    """A Parquet file's units: runs of whole row groups of about ``split`` bytes (``start``/``end``: row groups,
    ``first_line``: the rows before), or its ``unreadable`` outcome."""
    ranges, err = row_group_ranges(f.path, split)
    if err:
        return [Unit(first, f.path, f.source, "parquet", error_code=err[0], error_detail=err[1])]
    if not ranges:  # no row group: the file's empty outcome
        return [Unit(first, f.path, f.source, "parquet", start=0, end=0, first_line=0, empty="no rows")]
    return [Unit(first + i, f.path, f.source, "parquet", start=a, end=b, first_line=row, size=size,
                 empty="no rows" if len(ranges) == 1 else None) for i, (a, b, row, size) in enumerate(ranges)]


def range_lines(fh: BinaryIO, start: int, end: int, max_bytes: int) -> Iterator[tuple[bytes, int]]:
    """``(line, length)`` of each line of ``fh`` that starts in ``[start, end)``, as :func:`ingest.streams.lines`
    gives them (a line longer than ``max_bytes`` as ``(b"", length)``)."""
    pos = start
    if start > 0:
        fh.seek(start - 1)
        if fh.read(1) != b"\n":  # inside a line that started in the range before: skip to its end
            while True:
                chunk = fh.read(1 << 16)
                if not chunk:
                    return
                i = chunk.find(b"\n")
                if i >= 0:
                    pos += i + 1
                    fh.seek(pos)
                    break
                pos += len(chunk)
    else:
        fh.seek(0)
    if pos >= end:
        return
    for line, size in lines(fh, max_bytes):
        yield line, size
        pos += size
        if pos >= end:
            return


def _open_range(u: Unit) -> BinaryIO:
    import io

    return io.BufferedReader(open(u.path, "rb", buffering=0), 1 << 16)


def _range_counts(u: Unit, max_bytes: int) -> tuple[int, int]:
    """(lines, lines that give an input) of a JSONL range: what the ranges after it need for their numbering."""
    n = given = 0
    with _open_range(u) as fh:
        for line, size in range_lines(fh, u.start, u.end, max_bytes):
            n += 1
            if size > max_bytes or line.strip():
                given += 1
    return n, given


def _range_inputs(u: Unit, max_bytes: int) -> Iterator[RawInput]:
    """The raw inputs of a JSONL range, numbered from ``u.first_line`` (``jsonl_inputs`` over a part of a file)."""
    given = 0
    n = u.first_line - 1
    try:
        with _open_range(u) as fh:
            for n, (line, size) in enumerate(range_lines(fh, u.start, u.end, max_bytes), u.first_line):
                loc = f"line {n}"
                if size > max_bytes:
                    given += 1
                    yield RawInput(u.source, loc, "jsonl", size=size,
                                   error=("too_large", f"line {n} has {size:,} bytes > limit {max_bytes:,}"))
                    continue
                if not line.strip():
                    continue
                given += 1
                yield jsonl_input(u.source, loc, line, n)
    except OSError as e:
        yield RawInput(u.source, format="jsonl", error=reject("unreadable", str(e)))
        return
    if u.empty is not None and not given:
        yield RawInput(u.source, format="jsonl", error=("empty", u.empty))


def unit_inputs(u: Unit, max_bytes: int) -> Iterator[RawInput]:
    """Every raw input of one unit, as ``analyze`` reads them; a reader that raises costs the rest of the unit,
    with an outcome saying so (as ``api._read_each``)."""
    if u.error_code:
        yield RawInput(u.source, format=u.kind, error=(u.error_code, u.error_detail or ""))
        return
    if u.url:  # an empty file's bytes are not read (Spark's readers skip empty files): none
        raws = content_inputs(u.source, u.kind, u.gz, u.content or b"", max_bytes)
    elif u.kind == "parquet":
        raws = parquet_inputs(u.path, u.source, (u.start, u.end), u.first_line, max_bytes, u.empty is not None)
    elif u.end >= 0:
        raws = _range_inputs(u, max_bytes)
    else:
        raws = _from_file(Found(u.path, u.source, u.kind, u.gz), max_bytes)
    last = ""
    while True:
        try:
            raw = next(raws)
        except StopIteration:
            return
        except Exception as e:
            detail = f"reading failed ({type(e).__name__}: {e}); the rest of this file was not read"
            yield RawInput(u.source, f"after {last}" if last else "", error=("stage_failed", detail))
            return
        last = raw.locator
        yield raw


# -- analysis (executors) -----------------------------------------------------------------------------------------

_PIPE: Any = None


def _pipeline() -> Any:
    """The pipeline of this Python worker, built once for its life (Spark reuses its Python workers)."""
    global _PIPE
    if _PIPE is None:
        from ..stages import default_pipeline

        _PIPE = default_pipeline()
    return _PIPE


#: one input's rows of a table: ``(table, objects, fixed)``, the objects (dataclasses of one type, a row each) and
#: the values :func:`.staging.stage_columns` takes from ``fixed`` (a list: one a row; else the same for all); the
#: unit's writer turns them into columns many inputs at a time (:meth:`.staging.UnitWriter.add_rows`)
Part = tuple[str, list[Any], dict[str, Any]]


def result_parts(raw: RawInput, result: Document | Outcome, pipe: Any, at: str, seq: int) -> Iterator[Part]:
    """The rows of one input's result, as :data:`Part` s: the store's values (``writer._encode``) typed as the
    export types them, once they are columns."""
    if isinstance(result, Outcome):
        yield "outcomes", [result], {"run_id": None, "at": at, "_seq": seq}
        return
    did = result.id
    yield "documents", [result], {"id": did, "run_id": None, "n_words": len(result.text.split()), "_seq": seq}
    for name in ANNOTATION_TABLES:
        items = getattr(result, name)
        if not items:
            continue
        stage = pipe.stage_for(name)
        yield name, items, {"document_id": did, "idx": list(range(len(items))), "stage": stage,
                            "config_hash": result.stamps.get(stage or "", None),
                            "stages": result.written_by.get(name), "_seq": seq}
    outcome = Outcome(raw.source, raw.locator, "ok", document_id=did, input_sha=raw.sha, size=raw.size)
    yield "outcomes", [outcome], {"run_id": None, "at": at, "_seq": seq}


def analyse_unit(u: Unit, limits: Limits, at: str) -> Iterator[Part]:
    """The rows of one unit, an input's table at a time (and last, its metrics: table ``_unit``, a row dict).
    A later input of a text an earlier input of the unit gave gets the outcome ``duplicate`` and no other row, as
    in the store. Never raises for a bad input."""
    pipe = _pipeline()
    t0 = time.perf_counter()
    seq = docs = dups = words = 0
    seen: set[str] = set()
    cpu = 0.0  # CPU seconds in run_one: the analysis itself, without reading, encoding and Parquet
    for raw in unit_inputs(u, limits.max_bytes):
        c0 = time.process_time()
        result = run_one(raw, pipe, limits)
        cpu += time.process_time() - c0
        if isinstance(result, Document):
            docs += 1
            words += len(result.text.split())
            did = result.id
            if did in seen:
                dups += 1
                result = Outcome(raw.source, raw.locator, "duplicate", document_id=did, input_sha=raw.sha,
                                 size=raw.size)
            seen.add(did)
        yield from result_parts(raw, result, pipe, at, seq)
        seq += 1
    # metrics: inputs (in _seq), documents, words, seconds (wall, from the unit's first input to its last row handed
    # on), CPU seconds of run_one, peak RSS of the worker (KiB)
    yield _METRIC_TABLE, [], {"_unit": u.unit, "_seq": seq, "docs": docs, "dups": dups, "words": words,
                              "seconds": time.perf_counter() - t0, "cpu_s": cpu,
                              "rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "source": u.source}


def warm_up() -> None:
    """A unit of one line analysed into a temporary folder, in this process: the pipeline loaded and warmed
    (:func:`moralewatch.api._warm_up`), and what a worker's first unit does once (pyarrow's Parquet writer and
    kernels, the tables' schemas and column plans) done here, before Spark's daemon forks its workers."""
    import tempfile

    import pyarrow as pa

    from ..api import _WARM_UP, _warm_up
    from .staging import clear_tables

    _warm_up(pipeline=_pipeline())
    with tempfile.TemporaryDirectory(prefix="moralewatch-warm-") as tmp:
        feed = os.path.join(tmp, "warm.jsonl")
        with open(feed, "w", encoding="utf-8") as fh:
            fh.write(json.dumps({"id": "warm", "text": _WARM_UP}) + "\n")
        clear_tables(os.path.join(tmp, "out"), OUTPUT_TABLES)
        unit = Unit(0, feed, feed, "jsonl", size=os.path.getsize(feed))
        batch = pa.RecordBatch.from_pylist([dict(zip(UNIT_DDL_NAMES, unit.row(), strict=True))])
        for _ in _analyse_units(iter([batch]), Limits(), "", os.path.join(tmp, "out")):
            pass


def _unit_of(d: dict[str, Any]) -> Unit:
    return Unit(**{k: d[k] for k in Unit.__dataclass_fields__ if k in d})


def _units_of(batch: Any, remote: dict[str, dict[str, Any]] | None) -> Iterator[Unit]:
    """The units of a batch: rows of :data:`UNIT_DDL`, or with ``remote`` (path -> unit) rows of Spark's
    ``binaryFile`` reader (``path``, ``content``) of files at URLs."""
    for d in batch.to_pylist():
        if remote is None:
            yield _unit_of(d)
        else:
            u = _unit_of(remote[d["path"]])
            u.content = d["content"]
            yield u


def _analyse_units(batches: Iterator[Any], limits: Limits, at: str, out: str,
                   remote: dict[str, dict[str, Any]] | None = None) -> Iterator[Any]:
    """mapInArrow's function: units in; each unit's rows to its final table files under ``out``
    (:class:`.staging.UnitWriter`), and out to the JVM only the keys of its inputs that keep a document and its
    metrics row (:data:`KEY_DDL`), at most :data:`BATCH_ROWS` at a time."""
    import pyarrow as pa

    from .staging import UnitWriter

    schema = _key_schema()
    keys: dict[str, list[Any]] = {n: [] for n in _KEY_FIELDS}

    def arrow() -> Any:
        batch = pa.RecordBatch.from_pydict(keys, schema=schema)
        for v in keys.values():
            v.clear()
        return batch

    for batch in batches:
        for u in _units_of(batch, remote):
            writer = UnitWriter(out, u.unit)
            metrics: dict[str, Any] = {}
            for table, objs, fixed in _guarded(u, limits, at):
                if table == _METRIC_TABLE:
                    metrics = fixed
                    continue
                writer.add_rows(table, objs, fixed)
                if table == "outcomes" and objs[0].status == "ok" and objs[0].document_id is not None:
                    _add_key(keys, {"_kind": "doc", "_unit": u.unit, "_seq": fixed["_seq"],
                                    "document_id": objs[0].document_id})
                if len(keys["_kind"]) >= BATCH_ROWS:
                    yield arrow()
            writer.close()
            _add_key(keys, metrics | {"_kind": "unit"} | {f"n_{t}": writer.rows.get(t, 0) for t in OUTPUT_TABLES})
    if keys["_kind"]:
        yield arrow()


def _add_key(keys: dict[str, list[Any]], row: dict[str, Any]) -> None:
    for n, v in keys.items():
        v.append(row.get(n))


def _key_schema() -> Any:
    import pyarrow as pa

    types = {"string": pa.string(), "bigint": pa.int64(), "double": pa.float64()}
    return pa.schema([(f.split()[0], types[f.split()[1]]) for f in KEY_DDL.split(", ")])


def _guarded(u: Unit, limits: Limits, at: str) -> Iterator[Part]:
    """A unit's rows; should anything outside the per-input isolation fail, the rest of the unit becomes one
    ``stage_failed`` outcome and the task goes on (one bad partition never fails the job)."""
    seq = outcomes = docs = dups = 0
    try:
        for table, objs, fixed in analyse_unit(u, limits, at):
            if table != _METRIC_TABLE:
                seq = fixed["_seq"]
                outcomes += table == "outcomes"
                docs += table == "documents"
                dups += table == "outcomes" and objs[0].status == "duplicate"
            yield table, objs, fixed
    except Exception as e:
        raw = RawInput(u.source, f"unit {u.unit}", u.kind)
        out = rejected(raw, "stage_failed", f"the rest of this input was not analysed ({type(e).__name__}: {e})",
                       limits)
        yield "outcomes", [out], {"run_id": None, "at": at, "_seq": seq + 1}
        yield _METRIC_TABLE, [], {"_unit": u.unit, "_seq": outcomes + 1, "docs": docs + dups, "dups": dups,
                                  "source": u.source}


def _count_ranges(batches: Iterator[Any], max_bytes: int) -> Iterator[Any]:
    import pyarrow as pa

    for batch in batches:
        out: dict[str, list[int]] = {"unit": [], "lines": [], "given": []}
        for d in batch.to_pylist():
            n, given = _range_counts(_unit_of(d), max_bytes)
            out["unit"].append(d["unit"])
            out["lines"].append(n)
            out["given"].append(given)
        yield pa.RecordBatch.from_pydict(out, schema=pa.schema(
            [("unit", pa.int64()), ("lines", pa.int64()), ("given", pa.int64())]))


# -- the session and the job (driver) -----------------------------------------------------------------------------


def require_pyspark() -> Any:
    try:
        import pyspark
    except ImportError:
        raise error("E601", "pyspark is not installed") from None
    return pyspark


def session(master: str | None = "local[2]", conf: dict[str, str] | None = None) -> Any:
    """A SparkSession bound to 127.0.0.1 (driver, block manager), with no UI; executors' Python is this one's in
    local mode. ``master`` None: the one ``spark-submit`` gives (``local[2]`` when not under spark-submit).
    ``conf`` adds or overrides settings (``--conf`` of the CLI)."""
    require_pyspark()
    import shutil

    if not os.environ.get("JAVA_HOME") and shutil.which("java") is None:
        raise error("E602", "no Java runtime: java is not on PATH and JAVA_HOME is not set")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("SPARK_LOCAL_HOSTNAME", "localhost")
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # under spark-submit: its master and its conf
    if master is None and not submitted:
        master = "local[2]"
    local = master is not None and master.startswith("local")
    if local:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    b = SparkSession.builder
    if master is not None:
        b = b.master(master)
    b = (b.appName("moralewatch")
         .config("spark.driver.host", "127.0.0.1")
         .config("spark.driver.bindAddress", "127.0.0.1")
         .config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false")
         .config("spark.python.worker.reuse", "true")
         .config("spark.python.daemon.module", "moralewatch.spark.daemon")
         .config("spark.sql.session.timeZone", "UTC")
         .config("spark.sql.execution.arrow.maxRecordsPerBatch", "1")  # one unit per Arrow batch into a task
         .config("spark.sql.adaptive.enabled", "true"))
    if local and "spark.driver.extraJavaOptions" not in (conf or {}):
        b = b.config("spark.driver.extraJavaOptions", LOCAL_JVM_OPTIONS)
    for k, v in (conf or {}).items():
        b = b.config(k, v)
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    if "spark.sql.shuffle.partitions" not in (conf or {}):  # the duplicates' aggregation: ~2 partitions a core
        spark.conf.set("spark.sql.shuffle.partitions", str(max(8, 2 * spark.sparkContext.defaultParallelism)))
    return spark


@dataclass
class SparkRun:
    out: str
    counts: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)
    units: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    unit_metrics: list[dict[str, Any]] = field(default_factory=list)
    #: units rewritten after the analysis (those holding a later input of a text an earlier unit gave)
    rewritten: int = 0


def run(inputs: Iterable[str], out: str, spark: Any, *, max_bytes: int = DEFAULT_MAX_BYTES,
        time_limit: float = DEFAULT_TIME_LIMIT, split: int | None = None, stories: bool = True) -> SparkRun:
    """Analyse ``inputs`` with ``spark`` into Parquet tables under ``out`` (each table's directory replaced);
    ``stories``: also group the documents into stories and events (the ``stories`` table, :mod:`.stories`)."""
    from . import staging

    if str(spark.conf.get("spark.speculation", "false")).strip().lower() == "true":
        # a unit's files are written by its analysis task and rewritten later when they hold a later input: a
        # speculative attempt killed after the rewrite could rename its (unrewritten) files over the rewritten ones
        raise error("E608", "spark.speculation is true: moralewatch spark writes each unit's tables from its own "
                            "task and cannot run with speculative attempts")
    inputs = list(inputs)
    t0 = time.perf_counter()
    at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    limits = Limits(max_bytes=max_bytes, time_limit=time_limit)
    units = _planned(inputs, spark, split, max_bytes)
    res = SparkRun(out, units=len(units))
    res.timings["plan"] = time.perf_counter() - t0
    stage = _join(out, f"{staging.STAGING}/{uuid.uuid4().hex[:16]}")
    staging.clear_tables(out, OUTPUT_TABLES)
    try:
        _analyse_and_write(spark, units, stage, limits, at, res, stories)
    finally:
        staging.remove(stage)
    t4 = time.perf_counter()
    _write_manifest(res, inputs, limits, spark)
    res.timings["manifest"] = time.perf_counter() - t4
    res.timings["total"] = time.perf_counter() - t0
    return res


def _planned(inputs: list[str], spark: Any, split: int | None, max_bytes: int) -> list[Unit]:
    """:func:`plan` of the local inputs, with the line ranges of split JSONL files numbered (counted on the driver,
    or by a Spark job); then the files of the URL inputs, listed by Spark (:mod:`.urls`), one unit each."""
    units, to_count = plan([p for p in inputs if not is_url(p)], spark.sparkContext.defaultParallelism, split)
    if to_count and sum(u.size for u in to_count) <= COUNT_ON_DRIVER:
        _number(units, {u.unit: _range_counts(u, max_bytes) for u in to_count})
    elif to_count:  # counts only (three numbers a range) reach the driver
        counted = _spark_units(spark, to_count).mapInArrow(
            lambda b: _count_ranges(b, max_bytes), "unit bigint, lines bigint, given bigint").collect()
        _number(units, {r["unit"]: (r["lines"], r["given"]) for r in counted})
    seen: set[str] = set()
    for url in (p for p in inputs if is_url(p)):
        files = list_files(spark, url)
        if isinstance(files, tuple):
            units.append(Unit(len(units), url, url, "txt", error_code=files[0], error_detail=files[1]))
            continue
        for path, size, kind, gz in files:
            if path not in seen:
                seen.add(path)
                units.append(Unit(len(units), path, path, kind, gz, size=size, url=True))
    return units


def _analyse_and_write(spark: Any, units: list[Unit], stage: str, limits: Limits, at: str, res: SparkRun,
                       stories: bool) -> None:
    """The analysis, each unit into its final table files (the keys of the inputs that keep a document through the
    JVM); the later inputs of a text from those keys; the units holding one rewritten; the stories."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    t1 = time.perf_counter()
    out = res.out  # the tasks' closures: this string, not the run's metrics
    remote = {u.path: dict(zip(UNIT_DDL_NAMES, u.row(), strict=True)) for u in units if u.url and u.size}
    keys = _spark_units(spark, [u for u in units if u.path not in remote]).mapInArrow(
        lambda b: _analyse_units(b, limits, at, out), KEY_DDL)
    if remote:  # files at URLs: their bytes through Spark's binaryFile reader, one file an Arrow batch
        files = spark.read.format("binaryFile").load(list(remote)).select("path", "content")
        keys = keys.union(files.mapInArrow(lambda b: _analyse_units(b, limits, at, out, remote), KEY_DDL))
    keys = keys.persist(StorageLevel.MEMORY_AND_DISK)
    # one small row per unit (inputs, documents, rows written, seconds, peak RSS of its Python worker): metadata,
    # not results; this job runs the analysis (every unit once)
    res.unit_metrics = [r.asDict() for r in keys.filter(F.col("_kind") == "unit")
                        .drop("_kind", "document_id").collect()]
    res.timings["analyse"] = time.perf_counter() - t1
    t2 = time.perf_counter()
    later = _join(stage, "later")
    _later_inputs(keys, F).write.parquet(later)  # written: the rewrite below has no lineage back to the analysis
    keys.unpersist()
    n_rewrite = res.rewritten = _parquet_rows(later)  # from the files' footers: no Spark job
    res.timings["resolve"] = time.perf_counter() - t2
    t3 = time.perf_counter()
    _count_rows(res, _rewrite_units(spark, spark.read.parquet(later), n_rewrite, out) if n_rewrite else [])
    res.timings["write"] = time.perf_counter() - t3
    if stories:
        t5 = time.perf_counter()
        res.counts[STORY_TABLE] = _write_stories(spark, res.out, F)
        res.timings["stories"] = time.perf_counter() - t5
    else:  # the stories of an earlier run into the same --out would not be this run's
        from .staging import remove

        remove(_join(res.out, STORY_TABLE), parent=False)


def _later_inputs(keys: Any, F: Any) -> Any:
    """``(_unit, ids)``: the units holding an input whose document an earlier input (in input order) gave, and the
    ids of those documents (each given by one input of its unit, as a unit resolves its own duplicates); an
    aggregation and a join over the small keys, never over the rows."""
    docs = keys.filter(F.col("_kind") == "doc").select("_unit", "_seq", "document_id")
    key = F.struct("_unit", "_seq")
    firsts = docs.groupBy("document_id").agg(F.min(key).alias("_first"))
    return (docs.join(firsts, "document_id").filter(key != F.col("_first"))
            .groupBy("_unit").agg(F.collect_list("document_id").alias("ids")))


def _parquet_rows(folder: str) -> int:
    """The rows of the Parquet files Spark wrote into ``folder``, from their footers (metadata only)."""
    import pyarrow.fs as pafs
    import pyarrow.parquet as pq

    from .staging import filesystem

    fs, root = filesystem(folder)
    n = 0
    for info in fs.get_file_info(pafs.FileSelector(root, recursive=True)):
        if info.type == pafs.FileType.File and info.base_name.endswith(".parquet") \
                and not info.base_name.startswith((".", "_")):
            with fs.open_input_file(info.path) as fh:
                n += pq.ParquetFile(fh).metadata.num_rows
    return n


def _rewrite_units(spark: Any, to_rewrite: Any, n: int, out: str) -> list[Any]:
    """The files of the units holding a later input of a text rewritten without its rows (its outcome
    ``duplicate``) by the executors' Python (:func:`.staging.rewrite`), about one unit a task; the rows of each
    table of each rewritten unit back (counts)."""
    from . import staging

    tasks = max(1, min(n, 2 * spark.sparkContext.defaultParallelism))
    return list(to_rewrite.repartition(tasks).mapInArrow(lambda b: staging.rewrite(b, out, OUTPUT_TABLES),
                                                         staging.REWRITE_DDL).collect())


def _count_rows(res: SparkRun, rewritten: list[Any]) -> None:
    """The run's counts from the units' metrics and the rows of the rewritten units' tables; a table no unit gave
    a row gets an empty file (every table has its columns)."""
    from . import staging

    by_unit = {m["_unit"]: m for m in res.unit_metrics}
    counts = {t: sum(m[f"n_{t}"] or 0 for m in res.unit_metrics) for t in OUTPUT_TABLES}
    for r in rewritten:
        counts[r["table"]] += int(r["rows"]) - (by_unit[r["_unit"]][f"n_{r['table']}"] or 0)
    for t in OUTPUT_TABLES:
        if not sum(m[f"n_{t}"] or 0 for m in res.unit_metrics):
            staging.write_empty(res.out, t)
    res.counts.update(counts)
    inputs_n = sum(m["_seq"] for m in res.unit_metrics)
    docs_n = sum(m["docs"] or 0 for m in res.unit_metrics)
    res.outcomes = {"ok": counts["documents"], "duplicate": docs_n - counts["documents"],
                    "rejected": inputs_n - docs_n}


def _write_stories(spark: Any, out: str, F: Any) -> int:
    """The ``stories`` table: the documents kept, in input order (a unit's file, then its rows), grouped as the
    store's corpus stage groups them (source: the outlet, else the source). Returns the number of stories."""
    from . import staging
    from .stories import STORY_COLUMNS, group

    unit = F.regexp_extract("_metadata.file_name", r"part-u(\d+)\.parquet", 1).cast("bigint")
    docs = (spark.read.schema(staging.spark_ddl("documents")).parquet(_join(out, "documents"))
            .select((unit * (1 << 32) + F.col("_metadata.row_index")).alias("_order"), "id", "text", "title",
                    "published", F.coalesce("outlet", "source").alias("source"), "author"))
    rows = group(docs).persist()
    rows.select(*STORY_COLUMNS).write.mode("overwrite").parquet(_join(out, STORY_TABLE))
    n = int(rows.select("story").distinct().count())
    rows.unpersist()
    return n


def _number(units: list[Unit], counted: dict[int, tuple[int, int]]) -> None:
    """Line numbers of each JSONL range from the counts of the ranges before it in its file; the ``empty`` outcome
    of a file none of whose ranges gives an input goes to its first range (with the detail ``jsonl_inputs`` gives)."""
    files: dict[str, list[Unit]] = {}
    for u in units:
        if u.end >= 0 and not u.error_code and u.kind != "parquet":
            files.setdefault(u.path, []).append(u)
    for ranges in files.values():
        before = given = 0
        for u in ranges:
            u.first_line = before + 1
            n, g = counted[u.unit]
            before += n
            given += g
        if not given:
            ranges[0].empty = f"{before:,} blank lines" if before else "no lines"


def _spark_units(spark: Any, units: list[Unit]) -> Any:
    """One unit per partition, the largest first (Spark schedules partitions in order: the long ones start early)."""
    ordered = sorted(units, key=lambda u: -u.size)
    rdd = spark.sparkContext.parallelize([u.row() for u in ordered], max(1, len(ordered)))
    return spark.createDataFrame(rdd, UNIT_DDL)


def _join(out: str, name: str) -> str:
    return out.rstrip("/") + "/" + name


def _story_columns(res: SparkRun) -> dict[str, list[str]]:
    from .stories import STORY_COLUMNS

    return {STORY_TABLE: list(STORY_COLUMNS)} if STORY_TABLE in res.counts else {}


def _write_manifest(res: SparkRun, inputs: list[str], limits: Limits, spark: Any) -> None:
    from .. import __version__
    from ..stages import default_pipeline

    pipe = default_pipeline()
    manifest = {"moralewatch": __version__, "spark": spark.version, "master": spark.sparkContext.master,
                "inputs": inputs, "config": pipe.describe() | {"limits": {"max_bytes": limits.max_bytes,
                                                                           "time_limit": limits.time_limit}},
                "tables": {t: export_columns(t) for t in OUTPUT_TABLES} | _story_columns(res), "counts": res.counts,
                "outcomes": res.outcomes, "units": res.units, "rewritten_units": res.rewritten,
                "timings": {k: round(v, 3) for k, v in res.timings.items()}}
    from .staging import filesystem

    fs, path = filesystem(res.out)  # pyarrow's, as the workers write: local, HDFS, an object store
    fs.create_dir(path, recursive=True)
    with fs.open_output_stream(f"{path}/{MANIFEST}") as fh:
        fh.write(json.dumps(manifest, indent=1, ensure_ascii=False).encode("utf-8"))


__all__ = ["OUTPUT_TABLES", "MANIFEST", "STORY_TABLE", "SparkRun", "Unit", "export_columns", "plan", "range_lines", "run",
           "session", "split_size"]
