"""The command line: thin; it parses arguments and calls the library (api, store, eval, web)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from . import __version__
from .display import shown
from .errors import MoraleWatchError


class Group(click.Group):
    """Turns library errors into one clear line with the fix (nothing from an input printed raw), and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MoraleWatchError as e:
            # escaped: a message may quote a file name or an input's text (newlines, ANSI escapes)
            click.echo(f"Error [{e.code}]: {shown(e.message)}" + (f"\nFix: {shown(e.fix)}" if e.fix else ""),
                       err=True)
            ctx.exit(2)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(__version__, prog_name="moralewatch")
def main() -> None:
    """MoraleWatch: who said what about the morale of armies, through whom, with the exact words as evidence.

    \b
    Example:
      moralewatch analyze examples/ --db moralewatch.db && moralewatch stats --db moralewatch.db
    """


_MAX_BYTES = click.option("--max-bytes", default=20 * 1024 * 1024, show_default=True, type=click.IntRange(1),
                          help="Reject inputs (files, JSONL lines, WARC records) larger than this.")
_TIME_LIMIT = click.option("--time-limit", default=30.0, show_default=True, type=click.FloatRange(0),
                           help="Seconds one document may take; a longer one gets the outcome timeout (0: no limit).")
_WORKERS = click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
                        help="Worker processes.")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", default="moralewatch.db", show_default=True, help="SQLite file to write (created if needed).")
@_MAX_BYTES
@_TIME_LIMIT
@_WORKERS
@click.option("--reanalyze", is_flag=True,
              help="Analyse again, in place, stored documents made by other stage versions or configurations.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def analyze(inputs: tuple[str, ...], db: str, max_bytes: int, time_limit: float, workers: int, reanalyze: bool,
            quiet: bool) -> None:
    """Analyze files, directories (recursive), globs or - (stdin) into the store.

    Accepts .txt, .html/.htm, .jsonl (fields of the extract contract) and .warc/.warc.gz. Every input gets a
    recorded outcome (ok, duplicate, or rejected with a code and the fix); re-running adds nothing new. With
    --workers N the analysis runs in N processes and this one writes the store (the same store as with one).

    \b
    Example:
      moralewatch analyze articles/ 'feeds/*.jsonl' crawl.warc.gz --db war.db --workers 2
    """
    from .api import analyze as run
    from .ingest import expand

    show = not quiet and sys.stderr.isatty()
    total_files = sum(1 for _ in expand(i for i in inputs if i != "-")) if show else 0
    state: dict[str, Any] = {"files": 0, "inputs": 0, "last": None, "ok": 0, "rejected": 0, "shown": 0.0}

    def progress(raw: Any, outcome: str) -> None:
        state["inputs"] += 1
        if raw.source != state["last"]:
            state["files"] += 1
            state["last"] = raw.source
        if outcome in ("ok", "rejected"):
            state[outcome] += 1
        now = time.monotonic()
        if show and now - state["shown"] > 0.2:
            state["shown"] = now
            click.echo(f"\r{state['files']:,}/{total_files:,} files, {state['inputs']:,} inputs: "
                       f"{state['ok']:,} stored, {state['rejected']:,} rejected", nl=False, err=True)

    summary = run(inputs, db, max_bytes=max_bytes, progress=progress, workers=workers, time_limit=time_limit,
                  reanalyze=reanalyze)
    if show:
        click.echo("", err=True)
    if quiet:
        return
    c = summary.counts
    click.echo(f"run {summary.run_id}: {c['ok']} stored, {c['duplicate']} duplicate, {c['rejected']} rejected, "
               f"{c['unchanged']} unchanged (already stored)"
               + (f", {c['reanalyzed']} re-analysed in place" if reanalyze else "") + f" -> {shown(db)}")
    if summary.stale:
        which = ", ".join(f"{name} ({n})" for name, n in sorted(summary.stale.items()))
        click.echo(f"  warning: unchanged inputs keep annotations made by stages this version does not run: {which}. "
                   f"Fix: run the same command with --reanalyze to analyse them again in place (or analyze the inputs "
                   f"into a new --db).")
    for o in summary.rejected[:20]:
        click.echo(f"  rejected {shown(o.source)}{' ' + shown(o.locator) if o.locator else ''}: [{o.code}] "
                   f"{shown(o.reason or '')}")
    shown_rejected = min(len(summary.rejected), 20)
    if c["rejected"] > shown_rejected:
        click.echo(f"  ... and {c['rejected'] - shown_rejected} more: moralewatch export --table outcomes --db "
                   f"{shown(db)}")
    _print_stats(db)


@main.command()
@click.argument("input_path", metavar="IN.jsonl", type=click.Path(allow_dash=True))
@click.option("-o", "--output", default="-", type=click.Path(allow_dash=True), help="Output JSONL (- for stdout).")
@_WORKERS
@_MAX_BYTES
@_TIME_LIMIT
def extract(input_path: str, output: str, workers: int, max_bytes: int, time_limit: float) -> None:
    """The extract contract (shared/spec/extract-jsonl.md): one output line per input line, in order.

    Offsets point into each input's "text" exactly as given. Needs no network and no database. A line longer
    than --max-bytes gets the error too_large (it is never read whole), one slower than --time-limit timeout.

    \b
    Example:
      moralewatch extract articles.jsonl -o extracted.jsonl --workers 2
    """
    from .api import extract_stream
    from .runner import Limits

    if input_path != "-" and not Path(input_path).is_file():
        raise MoraleWatchError("E301", f"no such file: {shown(input_path)}",
                               "pass an existing JSONL file, or - for stdin")
    try:
        src = sys.stdin.buffer if input_path == "-" else open(input_path, "rb")
        out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
    except OSError as e:
        raise MoraleWatchError("E303", f"cannot open {shown(e.filename or input_path)}: {e.strerror}",
                               "check the path and its permissions (the output's folder must exist)") from None
    try:
        extract_stream(src, out, workers=workers, limits=Limits(max_bytes=max_bytes, time_limit=time_limit))
    finally:
        if src is not sys.stdin.buffer:
            src.close()
        if out is not sys.stdout:
            out.close()


@main.command()
@click.option("--db", default="moralewatch.db", show_default=True, help="SQLite file to read.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(db: str, as_json: bool) -> None:
    """Summary of a store: inputs by outcome, documents, quotes, indicators by subject side.

    \b
    Example:
      moralewatch stats --db war.db --json
    """
    _print_stats(db, as_json)


def _print_stats(db: str, as_json: bool = False) -> None:
    from .store import connect
    from .store import stats as compute

    conn = connect(db, readonly=True)
    try:
        s = compute(conn)
    finally:
        conn.close()
    if as_json:
        click.echo(json.dumps(s, indent=2))
        return
    o = s["outcomes"]
    click.echo(f"\n{shown(db)}: {s['documents']} documents ({s['words']:,} words), {s['quotes']} quotes, "
               f"{s['indicators']} indicators, {s['entities']} entities")
    click.echo(f"inputs: {o.get('ok', 0)} ok, {o.get('duplicate', 0)} duplicate, {o.get('rejected', 0)} rejected"
               + (f" ({', '.join(f'{k}: {v}' for k, v in s['rejections'].items())})" if s["rejections"] else ""))
    if s["by_indicator"]:
        click.echo(f"\n{'indicator':26} {'subject':8} {'items':>6} {'docs':>5} {'hedged':>7} {'negated':>8}")
        for r in s["by_indicator"]:
            click.echo(f"{r['indicator']:26} {r['subject_side']:8} {r['n']:>6} {r['docs']:>5} {r['hedged']:>7} "
                       f"{r['negated']:>8}")


@main.command()
@click.option("--db", default="moralewatch.db", show_default=True, help="SQLite file to read.")
@click.option("--table", "tables", multiple=True, default=("documents", "quotes", "indicators"), show_default=True,
              type=click.Choice(["documents", "quotes", "indicators", "entities", "outcomes", "runs"]),
              help="Table(s) to export; repeat the option for several.")
@click.option("--format", "fmt", default="jsonl", show_default=True, type=click.Choice(["jsonl", "csv", "parquet"]))
@click.option("-o", "--output", default=".", show_default=True, type=click.Path(),
              help="Output directory (one file per table), or - for stdout with one JSONL/CSV table.")
def export(db: str, tables: tuple[str, ...], fmt: str, output: str) -> None:
    """Export tables of a store as JSONL, CSV or Parquet; the columns are the schema's (moralewatch schema).

    \b
    Example:
      moralewatch export --db war.db --table indicators --table quotes --format parquet -o exports/
    """
    from .export import export_tables

    for path, n in export_tables(db, tables, fmt, output):
        if path != "-":
            click.echo(f"{n:>8} rows -> {path}", err=True)


@main.command()
def schema() -> None:
    """Print the store's tables and columns (derived from the data model).

    \b
    Example:
      moralewatch schema
    """
    from .store.schema import describe

    click.echo(describe())


@main.group(name="eval")
def eval_group() -> None:
    """Score the extractor on labelled data (quotes, indicators, entities).

    \b
    Example:
      moralewatch eval indicators gold/indicators_dev.jsonl
    """


def _register_plugins() -> None:
    """Subcommands that live beside their code (eval scorers, the web dashboard) register here."""
    import importlib

    for mod in ("moralewatch.eval.cli", "moralewatch.web.cli", "moralewatch.spark.cli"):
        try:
            module = importlib.import_module(mod)
        except ModuleNotFoundError as e:
            if e.name is None or not mod.startswith(e.name):
                raise
            continue
        module.register(main, eval_group)


_register_plugins()

if __name__ == "__main__":
    main()
