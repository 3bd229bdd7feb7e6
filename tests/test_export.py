"""CSV exports neutralise spreadsheet formulas (OWASP CSV injection); JSONL and Parquet keep the data as stored."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from moralewatch.export import FORMULA_START, csv_cell, export_tables
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
