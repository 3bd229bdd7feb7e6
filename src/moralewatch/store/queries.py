"""Plain queries about the store that are not the dashboard's (its read model and views live in ``web/``)."""

from __future__ import annotations

import sqlite3


def has_read_model(conn: sqlite3.Connection) -> bool:
    """True when the store has the dashboard's read model (migration 2)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'evidence_facts'").fetchone() is not None
