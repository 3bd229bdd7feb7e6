"""Options every command shares, so they read the same everywhere (issue 18, item 7).

- The database comes first and is positional, as in datasette and sqlite-utils (``moralewatch stats war.db``); the
  old ``--db PATH`` keeps working, with a deprecation notice on a terminal (scripts' output stays as it was).
- ``-q`` is ``--quiet`` and ``-s`` is ``--search`` in every command; ``--json`` prints a command's summary as JSON.
- The dashboard's filters (:class:`moralewatch.web.filters.Filters`, the one definition the API uses) are the same
  options in ``export`` and ``report``.

Commands other helpers add use :func:`database` the same way::

    @main.command()
    @database
    def load(db: str) -> None: ...
"""

from __future__ import annotations

import functools
import sys
from typing import Any

import click

#: the database used when none is named (the default of the old --db)
DEFAULT_DB = "moralewatch.db"


def deprecated_db(cmd: str) -> None:
    """The notice for ``--db``: on a terminal only (a script's stderr stays as it was)."""
    if sys.stderr.isatty():
        click.echo(f"Note: --db is deprecated; name the database first: moralewatch {cmd} DATABASE ...", err=True)


def pick_db(positional: str | None, option: str | None, cmd: str) -> str:
    """The database a command was given: positional, or the deprecated ``--db``, or the default."""
    if option is not None:
        if positional is not None and positional != option:
            raise click.UsageError(f"two databases given ({positional} and --db {option}); name one, first")
        deprecated_db(cmd)
        return option
    return positional if positional is not None else DEFAULT_DB


def database(func: Any) -> Any:
    """A command's database: the positional ``DATABASE`` (optional, default ``moralewatch.db``) or the deprecated
    ``--db``; the command receives it as ``db``."""

    @functools.wraps(func)
    def wrapper(*args: Any, database: str | None = None, db_option: str | None = None, **kwargs: Any) -> Any:
        name = click.get_current_context().info_name or ""
        return func(*args, db=pick_db(database, db_option, name), **kwargs)

    wrapper = click.option("--db", "db_option", default=None, hidden=True, type=click.Path(),
                           help="Deprecated: name the database first.")(wrapper)
    return click.argument("database", required=False, type=click.Path(), metavar="[DATABASE]")(wrapper)


def quiet_option(func: Any) -> Any:
    return click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")(func)


def json_option(func: Any) -> Any:
    return click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")(func)


def filter_options(func: Any) -> Any:
    """The dashboard's filters as options (``export``, ``report``); the command receives them as keyword
    arguments named as :class:`Filters`' fields, for ``Filters.from_mapping``."""
    opts = [
        click.option("--indicator", multiple=True, help="Codebook indicator id (repeat for several)."),
        click.option("--subject-side", multiple=True, help="Whose morale: ru, ua, unknown."),
        click.option("--claimant-side", multiple=True, help="Side of the source."),
        click.option("--channel", multiple=True, help="Channel id."),
        click.option("--speaker-role", multiple=True, help="Role of the quote's speaker."),
        click.option("--place", multiple=True, help="Place name as stored."),
        click.option("--outlet", multiple=True, help="Outlet name as stored."),
        click.option("--claimant", multiple=True, help="Speaker or source name as stored."),
        click.option("--since", help="First published day, YYYY-MM-DD."),
        click.option("--until", help="Last published day, YYYY-MM-DD."),
        click.option("--hedged", type=click.Choice(["true", "false"]), help="Only hedged (true) or not (false)."),
        click.option("--negated", type=click.Choice(["true", "false"]), help="Only negated (true) or not (false)."),
        click.option("-s", "--search", "q", help="Full-text search over the evidence (all words; word* for prefix)."),
    ]
    for opt in reversed(opts):
        func = opt(func)
    return func


#: the keyword arguments :func:`filter_options` adds
FILTER_NAMES = ("indicator", "subject_side", "claimant_side", "channel", "speaker_role", "place", "outlet",
                "claimant", "since", "until", "hedged", "negated", "q")


def pop_filters(kwargs: dict[str, Any]) -> Any:
    """The :class:`Filters` of a command's keyword arguments (removed from them)."""
    from .web.filters import Filters

    return Filters.from_mapping({k: kwargs.pop(k, None) for k in FILTER_NAMES})
