"""Frozen migrations (issue 15, item 2): a database made by the previous release opens and migrates, the migrated
schema is the one the model declares, and a shipped migration never changes."""

from __future__ import annotations

import gzip
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from moralewatch.store import Store
from moralewatch.store.migrations import MIGRATIONS, ROW_STAMPS, STATEMENTS
from moralewatch.store.schema import TABLES

FIXTURE = Path(__file__).parent / "fixtures" / "store-76cbf65.sqlite.gz"

#: sha256 of each shipped migration's SQL: editing one that has shipped fails here (add a new migration instead)
SHIPPED = {
    1: "5f518b619a5b85c30e615e4d30d67733c8ba4603f0ff8fb5080197688448874d",
    2: "55237e49b4ad36abccb3cbd090e33b3e7abaf04da722fde450fb903bc731c593",
    3: "01c028738c22c28888601119a540cc3f870e0384e7499d09e35b3d0df740832b",
    4: "18267847efc6ec2208b4531793814d905ab65e0cd4635a26c4beb9fe91aec495",
}


def _sql_of(version: int) -> str:
    return "\n;\n".join(STATEMENTS[version])


@pytest.mark.parametrize("version", sorted(SHIPPED))
def test_a_shipped_migration_never_changes(version: int) -> None:
    assert hashlib.sha256(_sql_of(version).encode()).hexdigest() == SHIPPED[version]


def test_migrations_are_numbered_in_order_and_each_is_its_sql() -> None:
    assert [v for v, _, _ in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1)) == sorted(STATEMENTS)
    assert set(SHIPPED) <= set(STATEMENTS)


def test_migration_1_is_what_the_previous_release_ran(old_store: Path) -> None:
    """The frozen SQL of migration 1 builds exactly the tables the store made at 76cbf65 has."""
    old = sqlite3.connect(old_store)
    new = sqlite3.connect(":memory:")
    for sql in STATEMENTS[1]:
        new.execute(sql)
    names = [r[0] for r in new.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE "
                                       "'evidence_fts%' ORDER BY name")]
    assert len(names) == 6
    for name in names:
        assert list(new.execute(f"PRAGMA table_info({name})")) == list(old.execute(f"PRAGMA table_info({name})"))


@pytest.fixture()
def old_store(tmp_path: Path) -> Path:
    """The store ``moralewatch analyze examples/morale-crisis-2022-03-02.txt`` made at commit 76cbf65 (migrations 1
    and 2, rows without ``stages``)."""
    db = tmp_path / "old.db"
    db.write_bytes(gzip.decompress(FIXTURE.read_bytes()))
    return db


def _columns(conn: sqlite3.Connection, table: str) -> dict[str, str]:
    return {r[1]: r[2] for r in conn.execute(f"PRAGMA table_info({table})")}


def test_the_previous_release_store_opens_and_migrates(old_store: Path) -> None:
    before = sqlite3.connect(old_store)
    assert [r[0] for r in before.execute("SELECT version FROM schema_migrations ORDER BY 1")] == [1, 2]
    counts = {t: before.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("quotes", "indicators",
                                                                                    "entities", "evidence_facts")}
    old_rows = before.execute("SELECT stage, config_hash FROM quotes").fetchall()
    doc_stamps = json.loads(before.execute("SELECT stamps FROM documents").fetchone()[0])
    before.close()
    assert all(counts.values())

    store = Store(old_store)
    c = store.conn
    assert [r[0] for r in c.execute("SELECT version FROM schema_migrations ORDER BY 1")] == [v for v, _, _ in MIGRATIONS]
    assert {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in counts} == counts  # nothing lost
    quotes = [json.loads(r[0]) for r in c.execute("SELECT stages FROM quotes")]
    assert quotes == [{stage: chash, "links.v1": doc_stamps["links.v1"]} for stage, chash in old_rows]
    assert all(set(json.loads(r[0])) == {"indicators.v1", "links.v1"} for r in c.execute("SELECT stages FROM indicators"))
    assert all(set(json.loads(r[0])) == {"entities.v1"} for r in c.execute("SELECT stages FROM entities"))
    assert store.migrate() == []  # a second open has nothing to do
    store.close()


def test_the_migrated_schema_is_what_the_model_declares(old_store: Path, tmp_path: Path) -> None:
    """Fails when a field is added to the model (model.py) without a migration that adds its column."""
    for path in (old_store, tmp_path / "new.db"):
        store = Store(path)
        for name, table in TABLES.items():
            assert _columns(store.conn, name) == {c.name: c.sql for c in table.columns}, (path.name, name)
        store.close()


def test_row_stamps_backfill_survives_rows_without_a_stage(tmp_path: Path) -> None:
    """Rows written without a stage (the web demo's generator) get an empty stamp object, not an error."""
    conn = sqlite3.connect(":memory:")
    for version, _, func in MIGRATIONS:
        if version < 3:
            func(conn)
    conn.execute("INSERT INTO quotes (document_id, idx, text) VALUES ('d', 0, 'x')")
    conn.execute("INSERT INTO entities (document_id, idx, text) VALUES ('d', 0, 'x')")
    for sql in ROW_STAMPS:
        conn.execute(sql)
    assert conn.execute("SELECT stages FROM quotes").fetchone()[0] == "{}"
    assert conn.execute("SELECT stages FROM entities").fetchone()[0] == "{}"
