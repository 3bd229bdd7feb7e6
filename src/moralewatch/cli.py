"""The command line: thin; it parses arguments and calls the library (api, store, eval, web)."""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

import click

from . import __version__
from .cli_options import DEFAULT_DB, database, deprecated_db, filter_options, json_option, pop_filters, quiet_option
from .display import shown
from .errors import MoraleWatchError, error

#: the tables of ``export`` (moralewatch.export.EXPORT_TABLES; named here so that the CLI starts without the store)
EXPORT_TABLES = ("evidence", "documents", "quotes", "indicators", "entities", "outcomes", "runs")


class Group(click.Group):
    """Turns library errors into one clear line with the fix (nothing from an input printed raw), and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            try:
                return super().invoke(ctx)
            except sqlite3.DatabaseError as e:  # a file that is not a store, wherever a command met it
                if isinstance(e, sqlite3.OperationalError):
                    raise error("E204", f"cannot use the database: {e}") from None
                raise MoraleWatchError("E202", f"the database given is not a MoraleWatch database ({e})",
                                       "pass the path of a store made by moralewatch analyze") from None
            except OSError as e:  # an output path that cannot be made or written (a broken pipe is not one)
                if isinstance(e, BrokenPipeError):
                    raise
                raise error("E211", f"cannot write {shown(e.filename or '')}: {e.strerror}") from None
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
      moralewatch analyze war.db examples/ && moralewatch stats war.db && moralewatch serve war.db
    """


_MAX_BYTES = click.option("--max-bytes", default=20 * 1024 * 1024, show_default=True, type=click.IntRange(1),
                          help="Reject inputs (files, JSONL lines, WARC records) larger than this.")
_TIME_LIMIT = click.option("--time-limit", default=30.0, show_default=True, type=click.FloatRange(0),
                           help="Seconds one document may take; a longer one gets the outcome timeout (0: no limit).")
_WORKERS = click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
                        help="Worker processes.")


#: what names a database among analyze's arguments (the first one, when more follow)
_DB_SUFFIXES = (".db", ".sqlite", ".sqlite3", ".mwdb")


def _is_database(path: str) -> bool:
    if path.lower().endswith(_DB_SUFFIXES):
        return True
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _analyze_db(inputs: tuple[str, ...], db_option: str | None) -> tuple[str, tuple[str, ...]]:
    """The database and the inputs of ``analyze DATABASE INPUT...`` (or of the old ``analyze INPUT... --db DB``)."""
    if db_option is not None:
        deprecated_db("analyze")
        return db_option, inputs
    if len(inputs) >= 2 and _is_database(inputs[0]):
        return inputs[0], inputs[1:]
    if len(inputs) == 1 and inputs[0].lower().endswith(_DB_SUFFIXES) and not Path(inputs[0]).is_dir():
        raise click.UsageError(f"no inputs after the database {inputs[0]}: moralewatch analyze DATABASE INPUT...")
    if sys.stderr.isatty():
        click.echo(f"Note: no database named; writing {DEFAULT_DB}. Name it first: moralewatch analyze DATABASE "
                   "INPUT...", err=True)
    return DEFAULT_DB, inputs


class Progress:
    """One line on a terminal's stderr: files done of the total, inputs, stored and rejected, rate and ETA (from
    the files' share done); nothing when stderr is not a terminal."""

    def __init__(self, total_files: int, show: bool) -> None:
        self.total, self.show = total_files, show
        self.files = self.inputs = self.ok = self.rejected = 0
        self.last: Any = None
        self.start = self.shown = time.monotonic()

    def __call__(self, raw: Any, outcome: str) -> None:
        self.inputs += 1
        if raw.source != self.last:
            self.files += 1
            self.last = raw.source
        if outcome == "ok":
            self.ok += 1
        elif outcome == "rejected":
            self.rejected += 1
        now = time.monotonic()
        if self.show and now - self.shown > 0.2:
            self.shown = now
            click.echo("\r" + self.line(now) + "\x1b[K", nl=False, err=True)

    def line(self, now: float) -> str:
        elapsed = max(now - self.start, 1e-9)
        rate = self.inputs / elapsed
        done = max(self.files - 1, 0) / self.total if self.total else 0.0  # the current file is not done
        eta = f"ETA {_clock(elapsed * (1 - done) / done)}" if done > 0 else "ETA unknown"
        return (f"{self.files:,}/{self.total:,} files, {self.inputs:,} inputs ({rate:,.0f}/s): {self.ok:,} stored, "
                f"{self.rejected:,} rejected, {_clock(elapsed)} elapsed, {eta}")

    def end(self) -> None:
        if self.show:
            click.echo("\r" + self.line(time.monotonic()) + "\x1b[K", err=True)


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="[DATABASE] INPUT...")
@click.option("--db", "db_option", default=None, hidden=True, type=click.Path(),
              help="Deprecated: name the database first.")
@_MAX_BYTES
@_TIME_LIMIT
@_WORKERS
@click.option("--reanalyze", is_flag=True,
              help="Analyse again, in place, stored documents made by other stage versions or configurations.")
@quiet_option
@json_option
@click.option("--format", "text_format", type=click.Choice(["transcript"]), default=None,
              help="Read plain-text inputs (.txt, stdin) and JSONL records as transcripts with speaker turns (NAME:, Q:/A:, dashes).")
def analyze(inputs: tuple[str, ...], db_option: str | None, max_bytes: int, time_limit: float, workers: int,
            reanalyze: bool, quiet: bool, as_json: bool, text_format: str | None) -> None:
    """Analyze files, directories (recursive), globs or - (stdin) into the store DATABASE (created if needed).

    Accepts .txt, .html/.htm, .jsonl (fields of the extract contract), .warc/.warc.gz, Telegram Desktop exports
    (result.json: one input per message) and transcripts (.srt, .vtt, or text with --format transcript). Every input gets a
    recorded outcome (ok, duplicate, or rejected with a code and the fix); re-running adds nothing new, so an
    interrupted run resumes where it stopped. With --workers N the analysis runs in N processes and this one writes
    the store. The database comes first, as in sqlite-utils (a name ending .db, .sqlite or .sqlite3, or an existing
    SQLite file); the old --db PATH still works. Exit code 1 when every input was rejected (nothing stored).

    \b
    Example:
      moralewatch analyze war.db articles/ 'feeds/*.jsonl' crawl.warc.gz --workers 2
    """
    from .api import analyze as run
    from .ingest import expand

    db, inputs = _analyze_db(inputs, db_option)
    show = not quiet and not as_json and sys.stderr.isatty()
    progress = Progress(sum(1 for _ in expand(i for i in inputs if i != "-")) if show else 0, show)
    try:
        summary = run(inputs, db, max_bytes=max_bytes, progress=progress, workers=workers, time_limit=time_limit,
                      reanalyze=reanalyze, text_format=text_format)
    except KeyboardInterrupt:
        progress.end()
        click.echo(f"Interrupted: {progress.inputs:,} inputs done ({progress.ok:,} stored, {progress.rejected:,} "
                   f"rejected) are kept in {shown(db)}. Run the same command again to resume: stored inputs are "
                   "skipped.", err=True)
        sys.exit(130)
    progress.end()
    from .web.cli import prepare_read_model

    prepare_read_model(db, quiet or as_json)
    c = summary.counts
    nothing = c["rejected"] > 0 and c["ok"] + c["duplicate"] + c["unchanged"] + c.get("reanalyzed", 0) == 0
    if as_json:
        click.echo(json.dumps({"run_id": summary.run_id, "database": db, "counts": c, "stale": summary.stale,
                               "rejected": [{"source": o.source, "locator": o.locator, "code": o.code,
                                             "reason": o.reason} for o in summary.rejected[:100]]}, indent=2))
    elif not quiet:
        _print_summary(summary, db, reanalyze)
    if nothing:
        click.echo(f"Error: every input was rejected; nothing was stored in {shown(db)} (the outcomes are: "
                   f"moralewatch export {shown(db)} --table outcomes)", err=True)
        sys.exit(1)


def _print_summary(summary: Any, db: str, reanalyze: bool) -> None:
    c = summary.counts
    click.echo(f"run {summary.run_id}: {c['ok']} stored, {c['duplicate']} duplicate, {c['rejected']} rejected, "
               f"{c['unchanged']} unchanged (already stored)"
               + (f", {c['reanalyzed']} re-analysed in place" if reanalyze else "") + f" -> {shown(db)}")
    if summary.stale:
        which = ", ".join(f"{name} ({n})" for name, n in sorted(summary.stale.items()))
        click.echo(f"  warning: unchanged inputs keep annotations made by stages this version does not run: {which}. "
                   f"Fix: run the same command with --reanalyze to analyse them again in place (or analyze the inputs "
                   f"into a new database).")
    for o in summary.rejected[:20]:
        click.echo(f"  rejected {shown(o.source)}{' ' + shown(o.locator) if o.locator else ''}: [{o.code}] "
                   f"{shown(o.reason or '')}")
    shown_rejected = min(len(summary.rejected), 20)
    if c["rejected"] > shown_rejected:
        click.echo(f"  ... and {c['rejected'] - shown_rejected} more: moralewatch export {shown(db)} --table "
                   f"outcomes")
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
    size = Path(input_path).stat().st_size if input_path != "-" else None
    shown_out = _Counting(out, src, size, sys.stderr.isatty())
    try:
        n = extract_stream(src, shown_out, workers=workers,  # type: ignore[arg-type]
                           limits=Limits(max_bytes=max_bytes, time_limit=time_limit))
        shown_out.end(f"{n:,} lines -> {shown(output) if output != '-' else 'stdout'}")
    except KeyboardInterrupt:
        shown_out.end(f"Interrupted after {shown_out.lines:,} lines: the output holds them in input order; extract "
                      "has no store, so run it again over the input (or the lines after these) to finish.")
        sys.exit(130)
    finally:
        if src is not sys.stdin.buffer:
            src.close()
        if out is not sys.stdout:
            out.close()


class _Counting:
    """extract's output, counted: on a terminal's stderr, lines written, rate, share of the input read and ETA
    (from the input file's position and size); silent otherwise."""

    def __init__(self, out: Any, src: Any, size: int | None, show: bool) -> None:
        self.out, self.src, self.size, self.show = out, src, size, show
        self.lines = 0
        self.start = self.shown = time.monotonic()

    def write(self, text: str) -> int:
        self.lines += text.count("\n")
        now = time.monotonic()
        if self.show and now - self.shown > 0.2:
            self.shown = now
            click.echo("\r" + self.line(now) + "\x1b[K", nl=False, err=True)
        return int(self.out.write(text))

    def line(self, now: float) -> str:
        elapsed = max(now - self.start, 1e-9)
        text = f"{self.lines:,} lines ({self.lines / elapsed:,.0f}/s), {_clock(elapsed)} elapsed"
        done = self._done()
        if done is not None:
            eta = _clock(elapsed * (1 - done) / done) if done > 0 else "unknown"
            text += f", {done:.0%} of the input read, ETA {eta}"
        return text

    def _done(self) -> float | None:
        if not self.size:
            return None
        try:
            return float(min(self.src.tell() / self.size, 1.0))
        except (OSError, ValueError):
            return None

    def end(self, summary: str) -> None:
        if self.show:
            click.echo("\r" + summary + "\x1b[K", err=True)


@main.command()
@database
@json_option
def stats(db: str, as_json: bool) -> None:
    """Summary of the store DATABASE: inputs by outcome, documents, quotes, indicators by subject side.

    \b
    Example:
      moralewatch stats war.db --json
    """
    _print_stats(db, as_json)


def _read_stats(db: str) -> dict[str, Any]:
    """The store's summary; a file that is not a store, a folder or an unreadable file is a coded error (E202,
    E204), never a traceback."""
    from .store import connect, store_error
    from .store import stats as compute

    if Path(db).is_dir():
        raise MoraleWatchError("E202", f"{shown(db)} is a folder, not a MoraleWatch database",
                               "pass the database file (moralewatch stats PATH.db)")
    try:
        conn = connect(db, readonly=True)
        try:
            return compute(conn)
        finally:
            conn.close()
    except sqlite3.Error as e:
        if isinstance(e, sqlite3.OperationalError) and "no such" in str(e) or "not a database" in str(e):
            raise MoraleWatchError("E202", f"{shown(db)} is not a MoraleWatch database ({e})",
                                   "pass another database path, or move the file") from None
        raise store_error(e, db) from None


def _print_stats(db: str, as_json: bool = False) -> None:
    s = _read_stats(db)
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
@database
@click.option("--table", "tables", multiple=True, show_default="documents, quotes, indicators; evidence with filters",
              type=click.Choice(list(EXPORT_TABLES)), help="Table(s) to export; repeat the option for several.")
@click.option("--format", "fmt", default="jsonl", show_default=True, type=click.Choice(["jsonl", "csv", "parquet"]))
@click.option("-o", "--output", default=".", show_default=True, type=click.Path(),
              help="Output directory (one file per table), or - for stdout with one JSONL/CSV table.")
@click.option("--reveal-private", is_flag=True,
              help="Keep private people's names, call signs and phones (pseudonymised by default); recorded in the "
                   "store's runs table.")
@filter_options
@quiet_option
@json_option
def export(db: str, tables: tuple[str, ...], fmt: str, output: str, quiet: bool, as_json: bool,
           reveal_private: bool, **filters: Any) -> None:
    """Export tables of the store DATABASE as JSONL, CSV or Parquet, with the same columns in every format.

    The table evidence is one row per indicator with its document (title, outlet, url, day), date, place with
    coordinates, claimant and sides, and quote. The dashboard's filters narrow evidence and indicators, exactly as
    in the dashboard (see `moralewatch schema` for the columns).

    \b
    Example:
      moralewatch export war.db --table evidence --format parquet -o exports/ --subject-side ru --since 2023-01-01
    """
    from .export import export_tables

    f = pop_filters(filters)
    if not tables:
        tables = ("evidence",) if f.as_dict() else ("documents", "quotes", "indicators")
    if as_json and output == "-":
        raise click.UsageError("--json prints the summary on stdout: write the tables to a folder (-o DIR)")
    if reveal_private:
        from .privacy import record_reveal

        record_reveal(db, "export", {"tables": list(tables), "format": fmt, "output": output,
                                     "filters": f.as_dict()})
        if not quiet:
            click.echo("private people are revealed by name in this export (recorded in the store's runs table)",
                       err=True)
    done = []
    for path, n in export_tables(db, tables, fmt, output, f, reveal_private=reveal_private):
        done.append({"path": path, "rows": n})
        if path != "-" and not quiet and not as_json:
            click.echo(f"{n:>8} rows -> {path}", err=True)
    if as_json:
        click.echo(json.dumps({"database": db, "format": fmt, "filters": f.as_dict(),
                               "tables": [d | {"table": t} for d, t in zip(done, tables)]}, indent=2))


@main.command()
def schema() -> None:
    """Print the store's tables and columns (derived from the data model).

    \b
    Example:
      moralewatch schema
    """
    from .store.schema import describe

    click.echo(describe())


@main.command()
@click.argument("input_path", metavar="IN.jsonl", type=click.Path(allow_dash=True))
@click.option("-o", "--output", default="-", type=click.Path(allow_dash=True), help="Output JSONL (- for stdout).")
@click.option("--state", default=None, type=click.Path(),
              help="SQLite file keeping the story index between runs (created if needed).")
def stories(input_path: str, output: str, state: str | None) -> None:
    """Group documents into stories (copies, updates, rewrites, translations) and events (issue 16).

    One output line per input line, in order: {"id", "story", "event", "relation", "first_source", "flags"}.
    With --state, the documents join the stories of earlier runs (nothing is reclustered).

    \b
    Example:
      moralewatch stories articles.jsonl -o stories.jsonl --state stories.sqlite
    """
    import sqlite3

    from .corpus import stories_stream

    try:
        src = sys.stdin.buffer if input_path == "-" else open(input_path, "rb")
        out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
        conn = sqlite3.connect(state) if state else None
        if conn is not None:
            conn.execute("PRAGMA user_version")
    except (OSError, sqlite3.Error) as e:
        name = getattr(e, "filename", None) or (state if isinstance(e, sqlite3.Error) else input_path)
        raise MoraleWatchError("E310", f"cannot open {shown(str(name))}: {getattr(e, 'strerror', None) or e}",
                               "check the paths and their permissions (the output's folder must exist; --state "
                               "must be a SQLite file)") from None
    try:
        counts = stories_stream(src, out, conn)
    except sqlite3.DatabaseError as e:
        raise MoraleWatchError("E310", f"cannot use the state file {shown(str(state))}: {e}",
                               "check the paths and their permissions (the output's folder must exist; --state "
                               "must be a SQLite file)") from None
    finally:
        if src is not sys.stdin.buffer:
            src.close()
        if out is not sys.stdout:
            out.close()
        if conn is not None:
            conn.close()
    click.echo(f"{counts['documents']} documents, {counts['stories']} stories, {counts['events']} events"
               + (f", {counts['rejected']} lines rejected" if counts["rejected"] else ""), err=True)


@main.command()
@click.argument("db", metavar="STORE", type=click.Path())
@click.option("--dry-run", is_flag=True, help="Print what would change, and change nothing.")
@json_option
def regroup(db: str, dry_run: bool, as_json: bool) -> None:
    """Group every document of STORE into stories and events again, with the corpus stage as it is now.

    A store keeps the stories, events and independent-source counts of the version that grouped it; after the
    relation or its thresholds change, this recomputes them in one transaction (an interruption leaves the old
    grouping whole) and prints what changed. Another analyze run writing to STORE meanwhile is refused (E207).

    \b
    Example:
      moralewatch regroup war.db --dry-run && moralewatch regroup war.db
    """
    from .corpus.store import regroup as run

    r = run(db, dry_run=dry_run)
    if as_json:
        click.echo(json.dumps(r | {"dry_run": dry_run}, indent=2))
        return
    click.echo(f"{shown(db)}: {r['documents']:,} documents {'would be ' if dry_run else ''}regrouped: "
               f"{r['stories_before']:,} -> "
               f"{r['stories_after']:,} stories ({r['stories_merged']:,} merged, {r['stories_split']:,} split, "
               f"{r['documents_moved']:,} documents moved), {r['events_before']:,} -> {r['events_after']:,} events "
               f"({r['events_merged']:,} merged, {r['events_split']:,} split); independent-source counts changed "
               f"for {r['counts_changed']:,} claims ({r['counts_up']:,} up, {r['counts_down']:,} down)")


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
