"""The dashboard's read model (web/index.py) on a store whose rows are deleted and rewritten in place.

``analyze --reanalyze`` deletes a document's quotes, indicators and entities and writes new ones in one
transaction. :func:`rewrite` does the same with plain SQL, so these tests do not depend on the runner. After every
change the incrementally refreshed index must hold exactly the rows a freshly loaded index holds.
"""

from __future__ import annotations

import json
import random
import sqlite3
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from moralewatch.model import INDICATORS, Outcome
from moralewatch.store import Store, connect
from moralewatch.web import demo
from moralewatch.web import views as Q
from moralewatch.web.app import LiveServer
from moralewatch.web.filters import Filters, fts_query
from moralewatch.web.generate import make_document
from moralewatch.web.index import FactIndex


def rows_of(ix: FactIndex) -> list[tuple[Any, ...]]:
    """Every row the index holds, decoded, in its order."""
    return [(int(ix.rowid[p]), ix.docs.values[ix.doc[p]], int(ix.idx[p]), int(ix.day[p]),
             *(ix.vocab[c].values[ix.cols[c][p]] for c in ix.cols), bool(ix.hedged[p]), bool(ix.negated[p]))
            for p in range(ix.n)]


def fresh(db: Path) -> FactIndex:
    return FactIndex(connect(db, readonly=True)).refresh()


def same_as_fresh(ix: FactIndex, db: Path) -> None:
    new = fresh(db)
    assert rows_of(ix) == rows_of(new)
    assert ix.doc_day.size == new.doc_day.size
    f = Filters()
    assert Q.trends(ix, f, "day", "claimant_side") == Q.trends(new, f, "day", "claimant_side")
    a, b = Q.sources(ix, f), Q.sources(new, f)  # equal counts; ties may come in another order (codes differ)
    for k in ("outlets", "speakers"):
        assert sorted(json.dumps(x, sort_keys=True) for x in a.pop(k)) == sorted(
            json.dumps(x, sort_keys=True) for x in b.pop(k))
    assert a == b
    new.conn.close()


def rewrite(db: Path, doc_id: str, rng: random.Random, n: int | None = None) -> list[str]:
    """Re-analysis in place, as the runner does it: the document's indicators (and their full-text rows) deleted
    and ``n`` new ones written in one transaction (new indicator ids and texts). Returns the new texts."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.row_factory = sqlite3.Row
    old = [dict(r) for r in conn.execute("SELECT * FROM indicators WHERE document_id = ? ORDER BY idx", (doc_id,))]
    n = len(old) if n is None else n
    texts = []
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DELETE FROM indicators WHERE document_id = ?", (doc_id,))
    conn.execute("DELETE FROM evidence_fts WHERE document_id = ?", (doc_id,))
    for i in range(n):
        row = dict(old[i % len(old)])
        row.update(idx=i, indicator=rng.choice(INDICATORS), hedged=rng.randint(0, 1),
                   text=f"rewritten{rng.randrange(10**6)} text")
        texts.append(row["text"])
        conn.execute(f"INSERT INTO indicators ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                     list(row.values()))
        conn.execute("INSERT INTO evidence_fts (text, document_id, kind, idx) VALUES (?, ?, 'indicator', ?)",
                     (row["text"], doc_id, i))
    conn.execute("COMMIT")
    conn.close()
    return texts


def last_document(db: Path) -> str:
    conn = sqlite3.connect(db)
    doc = conn.execute("SELECT document_id FROM evidence_facts ORDER BY rowid DESC LIMIT 1").fetchone()[0]
    conn.close()
    return str(doc)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return demo.build_fixture_store(tmp_path / "re.db")


def test_rewriting_the_last_document_in_place_is_seen(db: Path) -> None:
    """The last document's rows rewritten with as many rows reuse the same rowids: the count alone cannot see it."""
    ix = fresh(db)
    before = rows_of(ix)
    doc = last_document(db)
    rewrite(db, doc, random.Random(1))
    ix.refresh()
    assert rows_of(ix) != before and ix.deletions == 1
    same_as_fresh(ix, db)


def test_rewriting_an_earlier_document_drops_its_old_rows(db: Path) -> None:
    ix = fresh(db)
    conn = sqlite3.connect(db)
    first = conn.execute("SELECT document_id FROM evidence_facts ORDER BY rowid LIMIT 1").fetchone()[0]
    conn.close()
    n0, k = ix.n, [r[1] for r in rows_of(ix)].count(first)
    assert k > 1
    rewrite(db, first, random.Random(2), n=1)
    ix.refresh()
    assert ix.deletions == 1 and ix.n == n0 - k + 1
    same_as_fresh(ix, db)
    assert [r[1] for r in rows_of(ix)].count(first) == 1


def test_a_search_finds_the_new_text_and_not_the_old(db: Path) -> None:
    ix = fresh(db)
    ix.build_fts(wait=True)
    assert ix.fts_ready
    doc = last_document(db)
    old_texts = [r[0] for r in sqlite3.connect(db).execute("SELECT text FROM indicators WHERE document_id = ?",
                                                            (doc,))]
    new_texts = rewrite(db, doc, random.Random(3))
    ix.refresh()
    for t in new_texts:
        hit = Q.evidence(ix, Filters(q=t.split()[0]), limit=10)
        assert hit["total"] == 1 and hit["items"][0]["text"] == t
    ix.build_fts(wait=True)  # and again through the rebuilt full-text map
    assert ix.fts_ready and ix.fts_rowid.size == ix.n
    for t in new_texts:
        assert int(ix._matching(fts_query(t.split()[0]) or "").sum()) == 1
    word = old_texts[0].split()[-1]
    assert Q.evidence(ix, Filters(q=word))["total"] == Q.evidence(fresh(db), Filters(q=word))["total"]


def test_random_appends_rewrites_and_deletions_keep_the_index_exact(db: Path) -> None:
    rng = random.Random(7)
    ix = fresh(db)
    store = Store(db)
    for step in range(40):
        op = rng.choice(["append", "rewrite", "rewrite_last", "delete"])
        if op == "append":
            doc = make_document(rng, 100 + step, date(2023, 2, 1 + step % 20), rng.randint(1, 4))
            store.write(doc, Outcome("t", str(step), "ok"), 0, {})
        else:
            docs = [r[0] for r in store.conn.execute("SELECT DISTINCT document_id FROM evidence_facts")]
            target = last_document(db) if op == "rewrite_last" else rng.choice(docs)
            if op == "delete":
                store.conn.execute("DELETE FROM indicators WHERE document_id = ?", (target,))
            else:
                rewrite(db, target, rng, n=rng.choice([None, 1, 3]))
        if rng.random() < 0.7:  # sometimes several changes between two refreshes
            ix.refresh()
            assert rows_of(ix) == rows_of(fresh(db)), (step, op)
    ix.refresh()
    same_as_fresh(ix, db)
    assert ix.deletions > 0
    store.close()


def test_the_running_dashboard_follows_a_rewrite(db: Path) -> None:
    def get(url: str, **params: Any) -> Any:
        with urllib.request.urlopen(url + "?" + urllib.parse.urlencode(params, doseq=True), timeout=30) as r:
            return json.loads(r.read())

    with LiveServer(db) as live:
        before = get(live.url + "/api/trends", interval="week")
        doc = last_document(db)
        rewrite(db, doc, random.Random(5), n=2)
        after = get(live.url + "/api/trends", interval="week")
        ev = get(live.url + "/api/evidence", limit=500)
    new = fresh(db)
    assert after == Q.trends(new, Filters(), "week", "subject_side")
    assert after != before
    assert ev["total"] == new.n
    assert sorted((i["document_id"], i["idx"], i["indicator"]) for i in ev["items"]) == sorted(
        (r[1], r[2], r[5]) for r in rows_of(new))
    assert np.array_equal(np.sort(new.rowid), new.rowid)


def test_the_read_write_lock_lets_views_share_and_a_refresh_wait() -> None:
    import threading
    import time

    from moralewatch.web.index import ReadWriteLock

    lock = ReadWriteLock()
    inside: list[str] = []
    both_in = threading.Barrier(2, timeout=10)

    def reader(name: str) -> None:
        with lock.read():
            inside.append(name)
            both_in.wait()  # two readers at once, or this times out
            time.sleep(0.05)
            with lock.read():  # reentrant, even with a writer waiting
                inside.append(name + " again")

    readers = [threading.Thread(target=reader, args=(n,)) for n in ("a", "b")]
    for t in readers:
        t.start()
    while len(inside) < 2:
        time.sleep(0.001)
    with lock.write():  # waits for both readers to leave
        seen = list(inside)
        with lock.write(), lock.read():  # the writer may nest
            pass
    for t in readers:
        t.join(timeout=10)
    assert sorted(seen) == ["a", "a again", "b", "b again"]
    with lock.read(), pytest.raises(RuntimeError):
        with lock.write():
            pass


def test_deleted_rows_are_found_by_halving_or_by_one_scan(tmp_path: Path) -> None:
    """On a larger store: a few deleted documents are found by halving the rowid ranges; deletions spread over
    many ranges by reading every rowid. Either way the index ends up holding the store's rows."""
    from moralewatch.web.generate import generate

    db = tmp_path / "big.db"
    generate(db, 6000, days=30)
    ix = fresh(db)
    store = Store(db)
    docs = [r[0] for r in store.conn.execute(
        "SELECT document_id FROM evidence_facts GROUP BY document_id ORDER BY min(rowid)")]
    calls: list[str] = []
    real = ix._alive

    def spy(cur: sqlite3.Cursor, stored: int) -> np.ndarray:
        calls.append("alive")
        return real(cur, stored)

    ix._alive = spy  # type: ignore[method-assign]
    statements: list[str] = []
    ix.conn.set_trace_callback(statements.append)
    for doc in (docs[3], docs[len(docs) // 2], docs[-40]):  # a few, far apart
        store.conn.execute("DELETE FROM indicators WHERE document_id = ?", (doc,))
    ix.refresh()
    assert calls == ["alive"] and rows_of(ix) == rows_of(fresh(db))
    assert sum("count(*) FROM evidence_facts WHERE rowid BETWEEN" in s for s in statements) < 60
    assert not any(s.strip() == "SELECT rowid FROM evidence_facts" for s in statements)  # no full scan
    statements.clear()
    ix.leaf_rows = 16  # as on a store of a million rows: too many ranges to split
    for doc in docs[10:-60:7]:  # many, everywhere
        store.conn.execute("DELETE FROM indicators WHERE document_id = ?", (doc,))
    ix.refresh()
    assert rows_of(ix) == rows_of(fresh(db))
    assert any(s.strip() == "SELECT rowid FROM evidence_facts" for s in statements)  # one scan instead
    store.close()
