"""CSV exports neutralise spreadsheet formulas (OWASP CSV injection); JSONL and Parquet keep the data as stored."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from moralewatch.errors import MoraleWatchError
from moralewatch.export import FORMULA_START, columns, csv_cell, export_tables, iter_rows
from moralewatch.web import demo

HOSTILE = ['=HYPERLINK("http://127.0.0.1/x","click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
           "\t=1+1", "\r=1+1"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = demo.build_fixture_store(tmp_path_factory.mktemp("export") / "x.db")
    conn = sqlite3.connect(path)
    ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id LIMIT ?", (len(HOSTILE),))]
    for doc_id, title in zip(ids, HOSTILE):  # scraped titles that a spreadsheet would run
        conn.execute("UPDATE documents SET title = ? WHERE id = ?", (title, doc_id))
    conn.commit()
    conn.close()
    return path


def _export(db: Path, out: Path, fmt: str) -> Path:
    [(path, n)] = list(export_tables(str(db), ["documents"], fmt, str(out)))
    assert n > len(HOSTILE)
    return Path(path)


def test_csv_cells_that_start_a_formula_get_a_quote(db: Path, tmp_path: Path) -> None:
    with open(_export(db, tmp_path, "csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    titles = {r["id"]: r["title"] for r in rows}
    for t in HOSTILE:
        assert "'" + t in titles.values() and t not in titles.values()
    for r in rows:  # no cell of the file starts a formula any more
        assert not any(v.startswith(FORMULA_START) for v in r.values()), r
    jsonl = {d["id"]: d["title"] for d in map(json.loads, _export(db, tmp_path / "j", "jsonl").read_text()
                                              .splitlines())}
    for doc_id, title in titles.items():  # the other titles are untouched
        assert title == (("'" + jsonl[doc_id]) if jsonl[doc_id].startswith(FORMULA_START) else jsonl[doc_id])


def test_jsonl_and_parquet_keep_the_data_as_stored(db: Path, tmp_path: Path) -> None:
    lines = _export(db, tmp_path / "j", "jsonl").read_text(encoding="utf-8").splitlines()
    assert set(HOSTILE) <= {json.loads(x)["title"] for x in lines}
    table = pq.read_table(_export(db, tmp_path / "p", "parquet"))
    assert set(HOSTILE) <= set(table.column("title").to_pylist())


def test_csv_cell_leaves_numbers_and_plain_text_alone() -> None:
    assert csv_cell(-3) == -3 and csv_cell(2.5) == 2.5 and csv_cell(None) is None
    assert csv_cell("Kyiv") == "Kyiv" and csv_cell(" =x") == " =x"
    assert csv_cell(["=x"]) == '["=x"]'
    assert [csv_cell(t)[0] for t in HOSTILE] == ["'"] * len(HOSTILE)


# -- issue 18: evidence out, with the dashboard's filters ---------------------------------------------------------


def _rows_of(path: Path) -> tuple[list[str], list[dict]]:
    if path.suffix == ".csv":
        with open(path, encoding="utf-8", newline="") as fh:
            r = csv.DictReader(fh)
            return list(r.fieldnames or []), list(r)
    if path.suffix == ".jsonl":
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
        return (list(rows[0]) if rows else []), rows
    t = pq.read_table(path)
    return t.column_names, t.to_pylist()


@pytest.mark.parametrize("table", ["evidence", "documents", "quotes", "indicators", "entities", "outcomes", "runs"])
def test_one_column_set_in_every_format(db: Path, tmp_path: Path, table: str) -> None:
    seen = {}
    for fmt in ("csv", "jsonl", "parquet"):
        [(path, n)] = list(export_tables(str(db), [table], fmt, str(tmp_path / fmt)))
        cols, rows = _rows_of(Path(path))
        assert len(rows) == n > 0
        seen[fmt] = cols
    assert seen["csv"] == seen["jsonl"] == seen["parquet"] == columns(table)


def test_parquet_has_real_types(db: Path, tmp_path: Path) -> None:
    import pyarrow as pa

    [(path, _)] = list(export_tables(str(db), ["evidence"], "parquet", str(tmp_path)))
    schema = pq.read_schema(path)
    assert schema.field("hedged").type == pa.bool_() and schema.field("negated").type == pa.bool_()
    assert schema.field("published").type == pa.date32()
    assert schema.field("via").type == pa.list_(pa.string())
    [(qpath, _)] = list(export_tables(str(db), ["quotes"], "parquet", str(tmp_path / "q")))
    quotes = pq.read_table(qpath).to_pylist()
    assert any(q["via"] for q in quotes) and all(isinstance(q["via"], list) for q in quotes)


def test_export_filters_keep_what_the_dashboard_keeps(db: Path, tmp_path: Path) -> None:
    """The same Filters give the same evidence in `export` (SQL) as in the dashboard's index (FactIndex.mask)."""
    from moralewatch.store import connect
    from moralewatch.web.filters import Filters
    from moralewatch.web.index import FactIndex

    conn = connect(db, readonly=True)
    ix = FactIndex(conn).refresh()
    some = conn.execute("SELECT outlet, day, place FROM evidence_facts WHERE place IS NOT NULL LIMIT 1").fetchone()
    cases = [Filters(), Filters(subject_side=("ru",)), Filters(hedged=True), Filters(negated=False),
             Filters(outlet=(some["outlet"],), since=some["day"]), Filters(until=some["day"]),
             Filters(place=(some["place"],)), Filters(q="morale"), Filters(indicator=("morale_low",), q="troops")]
    for f in cases:
        keys = {(r["document_id"], r["idx"]) for r in conn.execute(
            "SELECT rowid, document_id, idx FROM evidence_facts") if ix.mask(f)[list(ix.rowid).index(r["rowid"])]}
        got = {(r["document_id"], r["idx"]) for r in iter_rows(conn, "evidence", f)}
        assert got == keys, f
        assert {(r["document_id"], r["idx"]) for r in iter_rows(conn, "indicators", f)} == keys
    with pytest.raises(MoraleWatchError) as e:
        list(export_tables(str(db), ["quotes"], "csv", str(tmp_path), Filters(subject_side=("ru",))))
    assert e.value.code == "E210"


def test_the_evidence_table_is_the_stores_view_and_needs_no_migration(tmp_path: Path) -> None:
    """export's evidence query is the SELECT of migration 4's view, and it reads a store made before it."""
    import gzip

    from moralewatch.export import EVIDENCE_SELECT
    from moralewatch.store.migrations import DATASETTE

    assert f"CREATE VIEW IF NOT EXISTS evidence_flat AS {EVIDENCE_SELECT}" in DATASETTE
    old = tmp_path / "old.db"  # made at 76cbf65: migrations 1 and 2 only (read-only here: not migrated)
    old.write_bytes(gzip.decompress((Path(__file__).parent / "fixtures" / "store-76cbf65.sqlite.gz").read_bytes()))
    [(path, n)] = list(export_tables(str(old), ["evidence"], "jsonl", str(tmp_path / "out")))
    rows = [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines()]
    conn = sqlite3.connect(old)
    assert n == len(rows) == conn.execute("SELECT count(*) FROM indicators").fetchone()[0] > 0
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'evidence_flat'").fetchone()[0] == 0
