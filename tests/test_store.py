"""The store: migrations once, WAL, spans that equal their text, FTS over evidence, idempotent writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from moralewatch.clean.text import clean_text
from moralewatch.model import Document, Indicator, Outcome, Quote
from moralewatch.store import Store, connect
from moralewatch.store.schema import MIGRATIONS, TABLES


def _doc() -> Document:
    text = "Headline here\n\n“We are just meat,” one soldier said. Morale is low, officials said."
    q0 = text.index("We are")
    doc = Document(text=text, source="t.txt")
    doc.quotes = [Quote(q0, q0 + 16, text[q0:q0 + 16], speaker="one soldier", speaker_role="soldier", side="ru")]
    m = text.index("Morale is low")
    doc.indicators = [Indicator("expendable", q0, q0 + 16, text[q0:q0 + 16], "ru", quote_index=0),
                      Indicator("morale_low", m, m + 13, text[m:m + 13], "ru", hedged=True)]
    doc.stamps = {"quotes.vX": "abc", "indicators.vX": "def"}
    return doc


def test_migrations_run_once_and_wal(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    Store(db).close()
    s = Store(db)
    assert s.migrate() == []
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    versions = [r[0] for r in s.conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == [m[0] for m in MIGRATIONS]
    tables = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert set(TABLES) <= tables and "evidence_fts" in tables
    s.close()


def test_write_is_idempotent_and_searchable(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    s = Store(db)
    stage_of = {"quotes": "quotes.vX", "indicators": "indicators.vX", "entities": None}
    assert s.write(_doc(), Outcome("t.txt", "", "ok"), 1, stage_of) == "ok"
    assert s.write(_doc(), Outcome("u.txt", "", "ok"), 1, stage_of) == "duplicate"
    s.close()
    conn = connect(db, readonly=True)
    assert conn.execute("SELECT count(*) FROM indicators").fetchone()[0] == 2
    rows = conn.execute("SELECT i.stage, i.config_hash, i.text, d.text AS dt, i.start, i.end FROM indicators i "
                        "JOIN documents d ON d.id = i.document_id").fetchall()
    for r in rows:
        assert r["stage"] == "indicators.vX" and r["config_hash"] == "def"
        assert r["dt"][r["start"]:r["end"]] == r["text"]
    hits = conn.execute("SELECT kind FROM evidence_fts WHERE evidence_fts MATCH 'morale'").fetchall()
    assert [h[0] for h in hits] == ["indicator"]
    try:
        conn.execute("DELETE FROM documents")
        raise AssertionError("read-only connection wrote")
    except sqlite3.OperationalError:
        pass
    conn.close()


_para = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=0, max_size=80)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_para, st.sampled_from(["\n", "\n\n", "\r\n\r\n", "\n    ", "\n\n\n"])), max_size=12))
def test_canonical_maps_back_to_input(parts: list[tuple[str, str]]) -> None:
    raw = "".join(p + sep for p, sep in parts)
    c = clean_text(raw)
    assert len(c.paragraphs) == len(c.offset_map.canon)
    for (s, e) in c.paragraphs:
        assert 0 <= s <= e <= len(c.text)
        span = c.offset_map.span_to_input(s, e)
        assert span is not None
        a, b = span
        assert 0 <= a <= b <= len(raw) and b - a == e - s
        # characters agree except for the same-length substitutions (line breaks, nbsp, tabs -> space)
        for x, y in zip(raw[a:b], c.text[s:e]):
            assert x == y or (y == " " and x.isspace())


def test_a_file_that_is_no_database_is_e202(tmp_path: Path) -> None:
    import pytest

    from moralewatch.errors import MoraleWatchError

    bad = tmp_path / "notes.db"
    bad.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(MoraleWatchError) as err:
        Store(bad)
    assert err.value.code == "E202" and "move the file" in err.value.fix


def test_a_database_in_a_missing_folder_is_e208_not_blamed_on_the_file(tmp_path: Path) -> None:
    import pytest

    from moralewatch.errors import MoraleWatchError

    with pytest.raises(MoraleWatchError) as err:
        Store(tmp_path / "no" / "such" / "dir" / "m.db")
    assert err.value.code == "E208" and "not a MoraleWatch database" not in err.value.message
    assert "mkdir -p" in err.value.fix and not (tmp_path / "no").exists()


def test_rewrite_replaces_the_full_text_rows_of_the_document_only(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    s = Store(db)
    stage_of = {"quotes": "quotes.vX", "indicators": "indicators.vX", "entities": None}
    doc = _doc()
    other = _doc()
    other.text += " Another paragraph."
    s.write(doc, Outcome("t.txt", "", "ok"), 1, stage_of)
    s.write(other, Outcome("u.txt", "", "ok"), 1, stage_of)
    # a text with no tokens cannot be found as a phrase: the scan must remove it
    s.conn.execute("UPDATE quotes SET text='\u201c\u2026\u201d' WHERE document_id=?", (doc.id,))
    s.conn.execute("UPDATE evidence_fts SET text='\u201c\u2026\u201d' WHERE document_id=? AND kind='quote'", (doc.id,))
    before = s.conn.execute("SELECT rowid, * FROM evidence_fts WHERE document_id=?", (other.id,)).fetchall()
    doc.indicators = doc.indicators[:1]
    doc.stamps = {"quotes.vX": "abc", "indicators.vX": "new"}
    assert s.rewrite(doc, Outcome("t.txt", "", "ok"), 2, stage_of) == "reanalyzed"
    rows = sorted(tuple(r) for r in s.conn.execute(
        "SELECT text, kind, idx FROM evidence_fts WHERE document_id=?", (doc.id,)))
    assert rows == sorted([(doc.quotes[0].text, "quote", 0), (doc.indicators[0].text, "indicator", 0)])
    assert s.conn.execute("SELECT rowid, * FROM evidence_fts WHERE document_id=?", (other.id,)).fetchall() == before
    assert s.conn.execute("SELECT count(*) FROM evidence_facts WHERE document_id=?", (doc.id,)).fetchone()[0] == 1
    assert s.conn.execute("SELECT config_hash FROM indicators WHERE document_id=?", (doc.id,)).fetchone()[0] == "new"
    s.close()
