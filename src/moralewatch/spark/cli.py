"""The ``spark`` and ``load`` commands (registered by ``cli._register_plugins``)."""

from __future__ import annotations

from typing import Any

import click

from ..display import shown
from ..errors import error


def register(main: click.Group, eval_group: click.Group) -> None:
    main.add_command(spark_command)
    main.add_command(load_command)


def _conf(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for v in values:
        k, sep, val = v.partition("=")
        if not sep or not k:
            raise click.BadParameter(f"{v!r} is not KEY=VALUE", param_hint="--conf")
        out[k.strip()] = val.strip()
    return out


@click.command(name="spark")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out", required=True, help="Output directory: one Parquet directory per table.")
@click.option("--master", default=None,
              help="Spark master URL (local[N], spark://HOST:7077, yarn, k8s://...). Default: spark-submit's, or "
                   "local[2] when not run by spark-submit.")
@click.option("--conf", "conf", multiple=True, metavar="KEY=VALUE", help="A Spark setting; repeat for several.")
@click.option("--max-bytes", default=20 * 1024 * 1024, show_default=True, type=click.IntRange(1),
              help="Reject inputs (files, JSONL lines, WARC records) larger than this.")
@click.option("--time-limit", default=30.0, show_default=True, type=click.FloatRange(0),
              help="Seconds one document may take; a longer one gets the outcome timeout (0: no limit).")
@click.option("--split", default=None, type=click.IntRange(4096),
              help="Bytes per range of a large JSONL file (default: about 8 ranges per core, 256 KiB to 64 MiB).")
@click.option("--stories/--no-stories", default=True, show_default=True,
              help="Group the documents into stories and events (the stories table, as moralewatch stories).")
def spark_command(inputs: tuple[str, ...], out: str, master: str | None, conf: tuple[str, ...], max_bytes: int,
                  time_limit: float, split: int | None, stories: bool) -> None:
    """Run the pipeline on Apache Spark: the tables of `moralewatch export` as Parquet under --out.

    Inputs are files, directories or globs (.txt, .html, .jsonl, .warc[.gz], and .parquet with the extract
    contract's columns) that every executor can read at the same path, or URLs Spark reads (hdfs://, s3a://,
    gs://, file://). The stories table groups the documents into stories and events (--no-stories: not). Every input gets its outcome row, as with
    analyze; the rows equal those of analyze + export. Needs the [spark] extra and a Java runtime (make
    spark-deps). Bring the output into a store with moralewatch load.

    \b
    Example:
      moralewatch spark 'crawl/*.jsonl' --out out/spark --master 'local[2]'
      moralewatch load out/spark --db war.db
    """
    from . import run, session

    spark = session(master, _conf(conf))
    try:
        res = run(inputs, out, spark, max_bytes=max_bytes, time_limit=time_limit, split=split, stories=stories)
    finally:
        spark.stop()
    o = res.outcomes
    click.echo(f"{res.units} units: {o.get('ok', 0)} ok, {o.get('duplicate', 0)} duplicate, "
               f"{o.get('rejected', 0)} rejected in {res.timings['total']:.1f} s -> {shown(out)}")
    told = f", {res.counts['stories']:,} stories" if "stories" in res.counts else ""
    click.echo(f"{res.counts.get('documents', 0):,} documents{told}; moralewatch load {shown(out)} --db PATH brings them into "
               f"a store")


@click.command(name="load")
@click.argument("folder", metavar="DIR")
@click.option("--db", required=True, help="SQLite file to write (created if needed).")
def load_command(folder: str, db: str) -> None:
    """Load the output of `moralewatch spark` into a store, in bulk and idempotently (loading twice adds nothing).

    \b
    Example:
      moralewatch load out/spark --db war.db && moralewatch serve war.db
    """
    import os

    from .load import load

    if not os.path.isdir(folder.removeprefix("file://")):
        raise error("E603", f"no such directory: {shown(folder)}")
    s: Any = load(folder, db)
    from ..web.cli import prepare_read_model

    prepare_read_model(db, quiet=False)
    a = s.added
    click.echo(f"run {s.run_id}: {a.get('documents', 0):,} documents added ({s.documents_kept:,} already stored), "
               f"{a.get('quotes', 0):,} quotes, {a.get('indicators', 0):,} indicators, {a.get('entities', 0):,} "
               f"entities; outcomes: {', '.join(f'{v:,} {k}' for k, v in sorted(s.outcomes.items()))} -> {shown(db)}")
