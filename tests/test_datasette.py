"""A store Datasette users recognise (issue 18, item 5): migration 4's foreign keys, views and full text linked to
its tables, checked in SQLite and in a Datasette started on the loopback address (a dev dependency)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from moralewatch.store import Store, connect
from moralewatch.store.schema import FOREIGN_KEYS, TABLES, VIEWS
from moralewatch.web import demo


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo.build_fixture_store(tmp_path_factory.mktemp("datasette") / "demo.db")


def test_annotation_tables_declare_their_document(db: Path) -> None:
    conn = connect(db, readonly=True)
    for table in TABLES:  # what `moralewatch schema` says is what the store has
        fks = [(r["from"], r["table"], r["to"]) for r in conn.execute(f"PRAGMA foreign_key_list({table})")]
        assert fks == ([FOREIGN_KEYS[table]] if table in FOREIGN_KEYS else [])
    assert set(FOREIGN_KEYS) == {"quotes", "indicators", "entities", "claim_sources"}
    for name in VIEWS:
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone(), name
    # declared and true: every annotation row has its document
    orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
    assert orphans == []


def test_evidence_flat_has_one_row_per_indicator_with_its_document_place_and_quote(db: Path) -> None:
    conn = connect(db, readonly=True)
    n = conn.execute("SELECT count(*) FROM indicators").fetchone()[0]
    rows = [dict(r) for r in conn.execute("SELECT * FROM evidence_flat")]
    assert len(rows) == n > 0
    docs = {r["id"]: dict(r) for r in conn.execute("SELECT id, title, outlet, url FROM documents")}
    for r in rows:
        d = docs[r["document_id"]]
        assert (r["title"], r["outlet"], r["url"]) == (d["title"], d["outlet"], d["url"])
    located = [r for r in rows if r["place_lat"] is not None]
    assert located and all(r["place"] for r in located)
    quoted = [r for r in rows if r["quote_index"] is not None]
    assert quoted
    for r in quoted:
        text = conn.execute("SELECT text FROM quotes WHERE document_id = ? AND idx = ?",
                            (r["document_id"], r["quote_index"])).fetchone()[0]
        assert r["quote"] == text
    assert {r["date_source"] for r in rows} <= {None, "published", "text"}


def test_linked_full_text_follows_inserts_and_deletes(tmp_path: Path) -> None:
    path = demo.build_fixture_store(tmp_path / "x.db")
    store = Store(path)
    c = store.conn
    did, word = c.execute("SELECT document_id, text FROM quotes WHERE text LIKE '%morale%' LIMIT 1").fetchone()
    assert "morale" in word

    def hits() -> set[int]:
        return {r[0] for r in c.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'morale'")}

    gone = {r[0] for r in c.execute("SELECT rowid FROM quotes WHERE document_id = ?", (did,))}
    before = hits()
    assert before & gone
    store._delete_annotations(did)
    after = hits()
    assert after == before - gone
    assert after <= {r[0] for r in c.execute("SELECT rowid FROM quotes")}
    c.execute("INSERT INTO quotes_fts(quotes_fts, rank) VALUES('integrity-check', 1)")  # raises when out of step
    c.execute("INSERT INTO indicators_fts(indicators_fts, rank) VALUES('integrity-check', 1)")
    store.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310 (loopback only)
        return bytes(r.read())


def test_datasette_shows_links_and_a_search_box(db: Path) -> None:
    """Datasette, started on 127.0.0.1 in a child process, links quotes to their document (labelled by its title)
    and offers full-text search on quotes."""
    exe = shutil.which("datasette", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("datasette is not installed (it is in the dev extra: make dev)")
    port = _free_port()
    proc = subprocess.Popen([exe, str(db), "-h", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/{db.stem}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(f"{base}.json")
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail(f"datasette did not start: {proc.stderr.read().decode() if proc.stderr else ''}"[:2000])
                time.sleep(0.2)
        page = _get(f"{base}/quotes").decode()
        assert 'name="_search"' in page  # the search box: quotes_fts is linked to quotes
        assert f'href="/{db.stem}/documents/' in page  # each quote links to its document
        word = "morale"
        data = json.loads(_get(f"{base}/quotes.json?_search={word}&_shape=objects&_labels=on"))
        assert data["rows"]
        assert all(word in r["text"].lower() for r in data["rows"])
        conn = connect(db, readonly=True)
        titles = dict(conn.execute("SELECT id, title FROM documents").fetchall())
        conn.close()
        for r in data["rows"]:
            assert r["document_id"]["label"] == titles[r["document_id"]["value"]]
        views = json.loads(_get(f"{base}.json"))["views"]
        assert {"evidence_flat", "quotes_documents"} <= {v["name"] if isinstance(v, dict) else v for v in views}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
