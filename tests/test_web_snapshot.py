"""The copy of the dashboard's read model kept beside a large store (web/snapshot.py, issue 18: start-up at a
million indicators).

A copy only ever saves time: an index started from it must hold exactly the rows an index read from the store
holds, whatever happened to the store since the copy was taken (rows appended, rewritten, deleted; the store
replaced by another at the same path) and whatever happened to the copy (damaged, truncated, from an older format).
The size threshold is lowered to the fixture store's size here; the benchmark measures the real one.
"""

from __future__ import annotations

import json
import logging
import random
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from moralewatch.cli import main
from moralewatch.model import Outcome
from moralewatch.store import Store, connect
from moralewatch.web import demo, snapshot
from moralewatch.web.generate import make_document
from moralewatch.web.index import FactIndex

from .test_web_index import last_document, rewrite, rows_of, same_as_fresh


@pytest.fixture(autouse=True)
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "MIN_ROWS", 5)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return demo.build_fixture_store(tmp_path / "s.db")


def cold(db: Path) -> FactIndex:
    return FactIndex(connect(db, readonly=True), keep_copy=False).refresh()


def started(db: Path) -> FactIndex:
    return FactIndex(connect(db, readonly=True)).refresh()


def test_the_first_start_writes_a_copy_and_the_next_starts_from_it(db: Path) -> None:
    first = started(db)
    assert first.copy is None and (snapshot.location(db) / "header.json").is_file()
    second = started(db)
    assert second.copy == "loaded"
    assert rows_of(second) == rows_of(cold(db)) and second.n > snapshot.MIN_ROWS
    same_as_fresh(second, db)


def test_a_copy_follows_appends_rewrites_and_deletions_made_after_it(db: Path) -> None:
    started(db)  # the copy
    rng = random.Random(11)
    store = Store(db)
    for step in range(6):
        doc = make_document(rng, 500 + step, date(2024, 3, 1 + step), rng.randint(1, 4))
        store.write(doc, Outcome("t", f"late {step}", "ok"), 0, {})
    first = store.conn.execute("SELECT document_id FROM evidence_facts ORDER BY rowid LIMIT 1").fetchone()[0]
    store.conn.execute("DELETE FROM indicators WHERE document_id = ?", (first,))
    store.close()
    rewrite(db, last_document(db), rng)
    ix = started(db)
    assert ix.copy == "loaded" and ix.deletions == 1
    assert rows_of(ix) == rows_of(cold(db))
    same_as_fresh(ix, db)


def test_another_store_at_the_same_path_ignores_the_copy(db: Path, caplog: pytest.LogCaptureFixture) -> None:
    started(db)
    copy = snapshot.location(db)
    kept = copy.with_name("kept")
    copy.rename(kept)
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    store = Store(db)
    run = store.start_run({"other": True}, ["other"])
    rng = random.Random(3)
    for n in range(30):
        store.write(make_document(rng, n, date(2023, 1, 1 + n % 28), 3), Outcome("o", str(n), "ok"), run, {})
    store.close()
    kept.rename(copy)  # the old store's copy, beside a new store
    with caplog.at_level(logging.INFO, logger="moralewatch.web.snapshot"):
        ix = started(db)
    assert ix.copy == "ignored" and "another store" in caplog.text
    assert rows_of(ix) == rows_of(cold(db))


@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "drop a file", "bad header", "old format",
                                    "codes out of range"])
def test_a_damaged_copy_is_ignored_and_the_store_read(db: Path, damage: str) -> None:
    started(db)
    copy = snapshot.location(db)
    facts, header_path = copy / "facts.arrow", copy / "header.json"
    header = json.loads(header_path.read_text())
    if damage == "flip a byte":
        data = bytearray(facts.read_bytes())
        data[len(data) // 2] ^= 0xFF
        facts.write_bytes(bytes(data))
    elif damage == "truncate":
        facts.write_bytes(facts.read_bytes()[:100])
    elif damage == "drop a file":
        (copy / "doc_ids.arrow").unlink()
    elif damage == "bad header":
        header_path.write_text("{not json")
    elif damage == "old format":
        header["format"] = 0
        header_path.write_text(json.dumps(header))
    else:  # a vocabulary shorter than the codes that point into it (CRCs still right: a bug, not a bit flip)
        header["vocab"]["indicator"] = header["vocab"]["indicator"][:1]
        header_path.write_text(json.dumps(header))
    ix = started(db)
    assert ix.copy == "ignored"
    assert rows_of(ix) == rows_of(cold(db))


def test_rows_changed_under_an_intact_copy_are_caught_by_the_check(db: Path) -> None:
    """A store edited behind the copy's back without a new rowid (an UPDATE the triggers do not follow): the rows
    the load compares with the store differ, and the copy is not used."""
    started(db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE evidence_facts SET indicator = 'fear'")
    conn.commit()
    conn.close()
    ix = started(db)
    assert ix.copy == "ignored"
    assert rows_of(ix) == rows_of(cold(db))


def test_a_place_that_cannot_be_written_costs_only_the_copy(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> str:
        raise PermissionError("read-only directory")

    monkeypatch.setattr(snapshot.tempfile, "mkdtemp", refuse)
    ix = started(db)
    assert not snapshot.location(db).exists() and rows_of(ix) == rows_of(cold(db))


def test_small_stores_keep_no_copy(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "MIN_ROWS", 10**9)
    started(db)
    assert not snapshot.location(db).exists()


def test_analyze_prepares_the_copy_for_the_next_dashboard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("moralewatch.web.COPY_MIN_ROWS", 1)
    monkeypatch.setattr(snapshot, "MIN_ROWS", 1)
    db = tmp_path / "a.db"
    src = Path(__file__).resolve().parents[1] / "examples"
    result = CliRunner().invoke(main, ["analyze", str(db), str(src)])
    assert result.exit_code == 0, result.output
    assert "dashboard read model saved" in result.output
    ix = started(db)
    assert ix.copy == "loaded" and rows_of(ix) == rows_of(cold(db)) and ix.n > 0
    again = CliRunner().invoke(main, ["analyze", str(db), str(src)])  # nothing new: the copy is current
    assert again.exit_code == 0 and "dashboard read model saved" not in again.output
