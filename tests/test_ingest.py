"""Ingest: every input gets an outcome, bad inputs never stop a run, good ones beside them are stored."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from moralewatch.api import analyze
from moralewatch.ingest import read_inputs
from moralewatch.ingest.decode import decode_bytes

from .corpus import article, build_bad_corpus


def _outcomes(db: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    conn = sqlite3.connect(db)
    try:
        return {(Path(s).name, loc): (st, code) for s, loc, st, code in
                conn.execute("SELECT source, locator, status, code FROM outcomes")}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], object]:
    root = tmp_path_factory.mktemp("corpus")
    expect = build_bad_corpus(root / "in")
    db = root / "bad.db"
    summary = analyze([str(root / "in")], str(db))
    return db, expect, summary


def test_every_input_has_an_outcome(bad_run) -> None:  # type: ignore[no-untyped-def]
    db, expect, _ = bad_run
    got = _outcomes(db)
    for name, what in expect.items():
        rows = {k: v for k, v in got.items() if k[0] == name}
        assert rows, f"no outcome for {name}"
        if what == "ok":
            assert all(st == "ok" for st, _ in rows.values()), (name, rows)
        elif what not in ("mixed",):
            assert any(code == what for _, code in rows.values()), (name, rows)


def test_jsonl_lines_each_get_an_outcome(bad_run) -> None:  # type: ignore[no-untyped-def]
    db, _, _ = bad_run
    rows = {loc: (st, code) for (name, loc), (st, code) in _outcomes(db).items() if name == "feed.jsonl"}
    assert rows["line 1"] == ("ok", None)
    assert rows["line 2"] == ("rejected", "malformed_json")
    assert rows["line 3"] == ("rejected", "missing_field")
    assert rows["line 4"] == ("rejected", "malformed_json")
    assert rows["line 5"] == ("ok", None)


def test_warc_records_and_truncation(bad_run) -> None:  # type: ignore[no-untyped-def]
    db, _, _ = bad_run
    got = _outcomes(db)
    good = {loc for (name, loc), (st, _) in got.items() if name == "crawl.warc.gz" and st == "ok"}
    assert len(good) == 2 and all("example.org" in loc for loc in good)
    trunc = {v for (name, _), v in got.items() if name == "truncated.warc.gz"}
    assert ("rejected", "truncated") in trunc


def test_good_documents_stored_and_decoded(bad_run) -> None:  # type: ignore[no-untyped-def]
    db, _, summary = bad_run
    conn = sqlite3.connect(db)
    texts = [r[0] for r in conn.execute("SELECT text FROM documents")]
    titles = {r[0] for r in conn.execute("SELECT title FROM documents")}
    conn.close()
    assert any("Моральный дух" in t for t in texts), "cp1251 input decoded"
    assert any("Article number 3" in t for t in texts), "UTF-16 input decoded"
    assert "Morale falters at the front" in titles, "HTML title extracted"
    assert summary.counts["ok"] >= 8  # type: ignore[attr-defined]


def test_rejections_carry_a_reason_with_a_fix(bad_run) -> None:  # type: ignore[no-untyped-def]
    db, _, _ = bad_run
    conn = sqlite3.connect(db)
    reasons = [r[0] for r in conn.execute("SELECT reason FROM outcomes WHERE status='rejected'")]
    conn.close()
    assert reasons and all("Fix:" in r for r in reasons)


def test_rerun_adds_nothing(bad_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _, _ = bad_run
    conn = sqlite3.connect(db)
    before = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "outcomes", "quotes")]
    conn.close()
    summary = analyze([str(Path(db).parent / "in")], str(db))
    conn = sqlite3.connect(db)
    after = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "outcomes", "quotes")]
    conn.close()
    assert before == after
    assert summary.counts["ok"] == 0 and summary.counts["unchanged"] > 0


def test_a_rerun_says_which_stored_documents_an_earlier_stage_version_made(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from moralewatch.cli import main

    (tmp_path / "in").mkdir()
    for i in (1, 2, 3):
        (tmp_path / "in" / f"a{i}.txt").write_text(article(i), encoding="utf-8")
    db = str(tmp_path / "s.db")
    analyze([str(tmp_path / "in")], db)
    assert analyze([str(tmp_path / "in")], db).stale == {}  # same pipeline: nothing to say
    conn = sqlite3.connect(db)
    stamps = json.loads(conn.execute("SELECT stamps FROM documents LIMIT 1").fetchone()[0])
    quotes = next(k for k in stamps if k.startswith("quotes."))
    old = {("quotes.v0" if k == quotes else k): v for k, v in stamps.items()}  # as an earlier version stored it
    conn.execute("UPDATE documents SET stamps = ? WHERE rowid = (SELECT min(rowid) FROM documents)", (json.dumps(old),))
    conn.commit()
    conn.close()
    summary = analyze([str(tmp_path / "in")], db)
    assert summary.counts["unchanged"] == 3 and summary.counts["ok"] == 0
    assert summary.stale == {"quotes.v0": 1}
    out = CliRunner().invoke(main, ["analyze", str(tmp_path / "in"), "--db", db]).output
    assert "quotes.v0 (1)" in out and "new database" in out


def test_duplicate_text_is_one_document(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(article(1))
    (tmp_path / "b.txt").write_text(article(1))
    db = tmp_path / "d.db"
    s = analyze([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], str(db))
    assert s.counts["ok"] == 1 and s.counts["duplicate"] == 1


def test_missing_path_and_glob(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(article(1))
    raws = list(read_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "*.txt")]))
    assert raws[0].error and raws[0].error[0] == "not_found"
    assert raws[1].text and "Article number 1" in raws[1].text


def test_stdin(tmp_path: Path) -> None:
    import io

    raws = list(read_inputs(["-"], stdin=io.BytesIO(article(2).encode())))
    assert len(raws) == 1 and raws[0].text and raws[0].source == "-"


@pytest.mark.parametrize("data,code", [
    (b"", "empty"), (b"\x00\x01\x02\x03" * 100, "binary"), (b"\xff\xfe" + "hi".encode("utf-16-le"), None),
])
def test_decode(data: bytes, code: str | None) -> None:
    text, err = decode_bytes(data)
    assert (err[0] if err else None) == code
    if code is None:
        assert text == "hi"


# -- streamed reads, discovery, parsing (issue 14) -------------------------------------------------------------------

def test_lines_are_the_lines_of_the_file_and_long_ones_are_not_held() -> None:
    import io

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from moralewatch.ingest.streams import lines

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.binary(max_size=40) | st.just(b"\n"), max_size=30).map(b"".join), st.integers(0, 60))
    def check(data: bytes, limit: int) -> None:
        expect = [(ln if len(ln) <= limit else b"", len(ln)) for ln in io.BytesIO(data)]
        assert list(lines(io.BytesIO(data), limit)) == expect

    check()


def test_gunzip_streams_members_and_says_when_a_stream_is_cut() -> None:
    import gzip
    import io

    from moralewatch.ingest.streams import GzipTruncated, gunzip, read_bounded

    parts = [b"a" * 100_000, b"\0" * 3_000_000, b"tail"]
    data = b"".join(gzip.compress(p) for p in parts)
    assert read_bounded(gunzip(io.BytesIO(data)), 10**8) == b"".join(parts)
    assert len(read_bounded(gunzip(io.BytesIO(data)), 1000)) == 1001  # stops one byte past the limit
    with pytest.raises(GzipTruncated):
        read_bounded(gunzip(io.BytesIO(data[:-30])), 10**8)


def test_one_input_however_it_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(article(1))
    os.symlink(tmp_path / "corpus" / "a.txt", tmp_path / "corpus" / "link.txt")
    monkeypatch.chdir(tmp_path)
    raws = list(read_inputs(["corpus", "./corpus", "corpus/a.txt", str(tmp_path / "corpus")]))
    assert [r.source for r in raws] == [str((tmp_path / "corpus" / "a.txt").resolve())]


def test_a_fifo_is_never_opened(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "feed.jsonl")  # opening it would block until a writer comes
    raws = list(read_inputs([str(tmp_path), str(tmp_path / "feed.jsonl")]))
    assert [r.error[0] if r.error else None for r in raws] == ["not_a_file"]


@pytest.mark.parametrize("line,code", [
    (b"[" * 50_000 + b"]" * 50_000, "malformed_json"),
    (b'{"id": ' + b"9" * 4301 + b', "text": "x"}', "malformed_json"),
    (b'{"id": 1, "text": "a\\ud83d b"}', "bad_unicode"),
    (b'{"id": 1, "text": "a b", "url": "\\udfff"}', "bad_unicode"),
    (b'{"id": 1, "text": "a \\ud83d\\ude00 b"}', None),
    (b"3", "malformed_json"),
])
def test_parse_jsonl_line_never_raises(line: bytes, code: str | None) -> None:
    from moralewatch.ingest import parse_jsonl_line

    obj, err = parse_jsonl_line(line, 7)
    assert (err[0] if err else None) == code
    assert (obj is None) == (code is not None)


@pytest.mark.parametrize("data,code,text", [
    (("Morale is low. " * 10).encode()[:60] + b"\x00" + ("Morale is low. " * 10).encode()[61:150], "binary", None),
    ("Morale is low near Kharkiv.".encode("utf-16-le"), None, "Morale is low near Kharkiv."),
    ("Моральный дух падает.".encode("utf-16-be"), None, "Моральный дух падает."),
    ("Моральный дух падает. ".encode() * 20 + b"\xff", "undecodable", None),
])
def test_decode_never_guesses_silently(data: bytes, code: str | None, text: str | None) -> None:
    got, err = decode_bytes(data)
    assert (err[0] if err else None) == code
    assert got == text
