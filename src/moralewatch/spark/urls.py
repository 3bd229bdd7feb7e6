"""Inputs given as URLs (``hdfs://``, ``s3a://``, ``gs://``, ``abfss://``, ``file://``, anything Spark's Hadoop file
systems read): listed and read by Spark, never opened by the driver's Python (issue 20, item 2).

The driver asks Spark to list each URL (a file, a directory, read recursively, or a glob; Spark skips names
starting with ``.`` or ``_``): only the files' paths and lengths reach it. Each file is one unit; its bytes come
to the executors' Python workers through Spark's ``binaryFile`` reader, and are read there by the same code as a
local file of that kind (:func:`moralewatch.ingest.read._from_stream`, :func:`.parquet.parquet_inputs`), so the
same inputs, locators and outcomes come out; the source is the file's URL as Spark spells it. A file is read whole
into a worker's memory (Spark's limit: 2 GiB a file): cut larger feeds into files of a few hundred MB.

In a directory, files of kinds ingest does not read (by name) are skipped, as locally; a URL naming a file reads
it whatever its name (as text when the kind is unknown). A URL that names nothing is a ``not_found`` outcome. A
URL whose scheme no Hadoop file system on the cluster serves (the connector's jar missing: ``hadoop-aws`` for
``s3a://``, the GCS connector for ``gs://``) is error E604.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from ..errors import error
from ..ingest import RawInput
from ..ingest.discover import kind_of
from ..ingest.raw import reject
from .parquet import is_parquet

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
#: what Spark (Hadoop) says when no file system serves a scheme
_NO_FS = ("No FileSystem for scheme", "UnsupportedFileSystemException")
_MISSING = ("PATH_NOT_FOUND", "Path does not exist", "FileNotFoundException")


def is_url(path: str) -> bool:
    return bool(_URL.match(path))


def _name(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def _spelled(path: str) -> str:
    """A path as Spark's readers spell it in their ``path`` column (``file:/x``, where its listing says
    ``file:///x``)."""
    if path.startswith("file:"):
        return "file:/" + path[5:].lstrip("/")
    return path


def list_files(spark: Any, url: str) -> list[tuple[str, int, str, bool]] | tuple[str, str]:
    """``(path, length, kind, gz)`` of each file ``url`` names, sorted by path, or the rejection of a URL that
    names nothing. E604 when no Hadoop file system serves its scheme."""
    try:
        df = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(url)
        # the listing (no job), then the lengths (a scan of names and sizes, not of the content: it skips empty
        # files, which the listing keeps)
        listed = sorted({_spelled(p) for p in df.inputFiles()})
        lengths = {_spelled(r["path"]): int(r["length"]) for r in df.select("path", "length").collect()}
    except Exception as e:  # noqa: BLE001 - py4j and Spark's own exception types; told apart by their text
        text = str(e)
        if any(m in text for m in _NO_FS):
            scheme = url.split("://", 1)[0]
            raise error("E604", f"no Hadoop file system for {scheme}:// on this Spark ({url})") from None
        if any(m in text for m in _MISSING):
            return reject("not_found", url)
        raise
    named = len(listed) == 1 and _name(listed[0]) == _name(url)
    out = []
    for path in listed:
        kind, gz = ("parquet", False) if is_parquet(path) else kind_of(path)
        if kind is None and not named:
            continue  # in a directory: a file ingest does not read
        out.append((path, lengths.get(path, 0), kind or "txt", gz))
    if not out:
        return reject("not_found", f"{url} (no file ingest reads)")
    return out


def content_inputs(source: str, kind: str, gz: bool, content: bytes, max_bytes: int) -> Iterator[RawInput]:
    """The raw inputs of a file's bytes, read as a local file of its kind is read."""
    from ..ingest.read import _from_stream
    from ..ingest.streams import BadGzip, GzipTruncated, gunzip

    if kind == "parquet":
        yield from _parquet_content(source, content, max_bytes)
        return
    stream: Any = io.BufferedReader(io.BytesIO(content))  # type: ignore[arg-type,unused-ignore]
    if gz and kind != "warc":
        stream = gunzip(stream)
    try:
        yield from _from_stream(source, stream, kind, max_bytes, None if gz else len(content), gz)
    except (GzipTruncated, BadGzip, EOFError) as e:
        yield RawInput(source, format=kind, error=reject("truncated", str(e)))
    except OSError as e:
        yield RawInput(source, format=kind, error=reject("unreadable", str(e)))


def _parquet_content(source: str, content: bytes, max_bytes: int) -> Iterator[RawInput]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .parquet import parquet_inputs

    reader: Any = pa.BufferReader(content)
    try:
        groups = pq.ParquetFile(reader).metadata.num_row_groups
    except Exception as e:  # noqa: BLE001 - not a Parquet file: its outcome
        yield RawInput(source, format="parquet", error=reject("unreadable", f"not a readable Parquet file "
                                                                            f"({type(e).__name__}: {e})"))
        return
    yield from parquet_inputs(reader, source, (0, groups), 0, max_bytes, True)
