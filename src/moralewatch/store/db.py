"""Opening a store: connections with the store's settings, any path (``#``, ``?``, ``%``, spaces, non-ASCII and
non-UTF-8 bytes are quoted into the SQLite URI), and SQLite's errors turned into coded errors with their fix."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from ..display import shown
from ..errors import MoraleWatchError

#: milliseconds a writer waits for another one's transaction before its own fails with E207
BUSY_TIMEOUT_MS = 30000


def uri(path: str | Path, mode: str | None = None) -> str:
    """The SQLite URI of ``path``: absolute, every character but ``/`` and the unreserved ones percent-encoded (a
    ``#`` or ``?`` in a file name would otherwise end the path and open another file)."""
    absolute = os.path.abspath(os.fsencode(path))
    return "file:" + quote(absolute, safe=b"/") + (f"?mode={mode}" if mode else "")


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the store's settings. Read-only connections use ``mode=ro`` and never write."""
    if readonly:
        if not Path(path).exists():
            raise MoraleWatchError("E201", f"no database at {shown(path)}", "run `moralewatch analyze INPUT --db PATH`")
        conn = sqlite3.connect(uri(path, "ro"), uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(uri(path), uri=True, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.row_factory = sqlite3.Row
    return conn


def store_error(e: BaseException, path: str | Path) -> MoraleWatchError:
    """The coded error, with its fix, for an SQLite or OS error met while writing the store at ``path``."""
    msg = str(e)
    low = msg.lower()
    where = shown(path)
    folder_path = os.path.dirname(os.path.abspath(os.fsencode(path)))
    folder = shown(os.fsdecode(folder_path))
    read_only_folder = os.path.isdir(folder_path) and not os.access(folder_path, os.W_OK)
    if "readonly" in low or "read-only" in low or "read only" in low or read_only_folder:
        return MoraleWatchError(
            "E205", f"the database {where} is read-only ({msg})",
            f"make the file and its folder {folder} writable (SQLite keeps its -wal and -shm files beside it), or "
            "pass another --db")
    if "disk is full" in low or "no space" in low or "disk i/o" in low:
        return MoraleWatchError(
            "E206", f"the disk holding {where} is full or failing ({msg}); what was stored before is kept",
            f"free space in {folder} and run the same command again: it goes on where it stopped")
    if "locked" in low or "busy" in low:
        return MoraleWatchError(
            "E207", f"the database {where} is locked by another process ({msg})",
            "wait for the other writer (another analyze or serve upgrading the store) to finish, or pass another "
            "--db")
    if not os.path.isdir(folder_path):
        return MoraleWatchError("E208", f"the folder of the database {where} does not exist",
                                f"create it (mkdir -p {folder}) or pass another --db")
    if isinstance(e, sqlite3.DatabaseError) and not isinstance(e, sqlite3.OperationalError):
        return MoraleWatchError("E202", f"{where} is not a MoraleWatch database ({msg})",
                                "pass another --db path, or move the file")
    return MoraleWatchError(
        "E204", f"cannot use the database {where}: {msg}",
        "check the file's and its folder's permissions and free space, and that no other process holds it locked")
