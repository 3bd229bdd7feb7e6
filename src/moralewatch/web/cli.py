"""``serve`` and ``report``: thin commands over the web app and the report builder."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import click

from ..cli_options import filter_options
from ..errors import MoraleWatchError
from .net import is_loopback

#: the dashboard's filters as options of ``report`` (the same in ``export``: one definition)
_filter_options = filter_options


def _require_db(db: str) -> None:
    if not Path(db).exists():
        raise MoraleWatchError("E201", f"no database at {db}", "run `moralewatch analyze INPUT --db PATH` first")


def prepare_read_model(db: str, quiet: bool) -> None:
    """After ``analyze`` or ``load``: save the dashboard's read model beside a large store (``snapshot``), so that
    ``serve`` and ``report`` start in about a second instead of reading every indicator again."""
    import time

    from ..store import connect
    from . import COPY_MIN_ROWS

    conn = connect(db, readonly=True)
    try:
        n = conn.execute("SELECT count(*) FROM evidence_facts").fetchone()[0]
    finally:
        conn.close()
    if n < COPY_MIN_ROWS:
        return
    from . import snapshot  # numpy and pyarrow: only for stores large enough to need the copy

    t0 = time.perf_counter()
    saved = snapshot.prepare(db)
    if saved is not None and not quiet:
        click.echo(f"dashboard read model saved beside the store ({saved:,} indicators, "
                   f"{time.perf_counter() - t0:.1f} s): serve and report start from it", err=True)


def ensure_read_model(db: str) -> bool:
    """Apply pending migrations (the dashboard's read model) once, with a short-lived writer; True if any ran."""
    from ..store import Store, connect
    from ..store.queries import has_read_model

    conn = connect(db, readonly=True)
    try:
        if has_read_model(conn):
            return False
    finally:
        conn.close()
    try:
        Store(db).close()  # opening the writer applies the pending migrations
    except (MoraleWatchError, sqlite3.Error) as e:
        raise MoraleWatchError("E503", f"{db} lacks the dashboard's read model and cannot be upgraded here ({e})",
                               "run `moralewatch serve` once where the file is writable, or serve a writable copy"
                               ) from None
    return True


def register(main: click.Group, eval_group: click.Group) -> None:
    """Add ``serve`` and ``report`` to the command group."""

    @main.command()
    @click.argument("db", type=click.Path())
    @click.option("--host", default="127.0.0.1", show_default=True,
                  help="Address to listen on. Anything but loopback exposes the material to the network.")
    @click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535), help="Port.")
    def serve(db: str, host: str, port: int) -> None:
        """Serve the dashboard over a store, read-only: trends, evidence, places and sources, and its JSON API
        (documented at /docs). An ingest may keep writing the store meanwhile.

        \b
        Example:
          moralewatch serve war.db            # then open http://127.0.0.1:8765/
          moralewatch serve war.db --port 9000
        """
        import uvicorn

        from .app import create_app

        _require_db(db)
        if ensure_read_model(db):
            click.echo(f"{db}: added the dashboard's read model (schema migration)", err=True)
        if not is_loopback(host):
            click.echo(f"Warning: serving on {host} makes this material reachable from other machines. War "
                       "reporting evidence may be sensitive (sources, names, places); there is no login. Use the "
                       "default 127.0.0.1 unless you mean it. Private people, call signs and phone numbers are "
                       "pseudonymised in what it serves (README: People in the material).", err=True)
        click.echo(f"{db}: loading the evidence index ...", err=True)
        app = create_app(db, host=host)
        shown = f"[{host}]" if ":" in host else host
        click.echo(f"MoraleWatch dashboard: http://{shown}:{port}/  (API docs: /docs; read-only; Ctrl-C stops)",
                   err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)

    @main.command()
    @click.argument("db", type=click.Path())
    @click.option("-o", "--output", default="report.html", show_default=True, type=click.Path(),
                  help="HTML file to write.")
    @click.option("--limit", default=5000, show_default=True, type=click.IntRange(1, 200000),
                  help="Embed at most this many evidence items (the newest that match), with their articles.")
    @click.option("--reveal-private", is_flag=True,
                  help="Keep private people's names, call signs and phones (pseudonymised by default); recorded in "
                       "the store's runs table.")
    @_filter_options
    def report(db: str, output: str, limit: int, reveal_private: bool, **filters: Any) -> None:
        """Write one self-contained HTML report with the dashboard's views (no server, no network needed).

        Filters narrow what is embedded; the report's own filters then work on that in the browser.

        \b
        Example:
          moralewatch report war.db -o report.html --since 2023-01-01 --indicator expendable
        """
        from .filters import Filters
        from .report import build_report

        _require_db(db)
        ensure_read_model(db)
        f = Filters.from_mapping({k: v for k, v in filters.items()})
        if reveal_private:
            from ..privacy import record_reveal

            record_reveal(db, "report", {"output": output, "limit": limit, "filters": f.as_dict()})
            click.echo("private people are revealed by name in this report (recorded in the store's runs table)",
                       err=True)
        info = build_report(db, output, f, limit, reveal_private=reveal_private)
        more = f" (the newest of {info['total']:,} matching; raise --limit for more)" if info["total"] > info[
            "items"] else ""
        click.echo(f"{info['items']:,} evidence items{more} -> {output}", err=True)
