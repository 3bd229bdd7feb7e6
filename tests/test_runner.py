"""One runner (moralewatch.runner.run_one) for analyze and extract: a failure, a recursion, a lack of memory or a
document that takes too long is that input's outcome and the run goes on; a re-run skips what is done; workers cost
one input when one kills them; analyze --workers N writes the same store as one process.

The misbehaving inputs are made by a test-only stage (``probe.v1``) appended to the default pipeline, which acts on
marker words in the text, so no test depends on the speed or the bugs of a real stage."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from moralewatch import api
from moralewatch.ingest import RawInput
from moralewatch.model import Document, Entity, Outcome
from moralewatch.pipeline import Pipeline, Registration, registry_of, stage
from moralewatch.runner import Limits, run_one, time_budget
from moralewatch.stages import DEFAULT, REGISTRATIONS
from moralewatch.store import Store

from .corpus import article


def _recurse(n: int) -> int:
    return _recurse(n + 1) + 1


def _probe(doc: Document, config: Mapping[str, Any]) -> None:
    """Misbehaves on marker words; otherwise adds one entity named after its ``mark`` option (so that a change of
    configuration changes both the stamp and the rows)."""
    text = doc.text
    if "BOOM" in text:
        raise ValueError("boom " + "x" * 20000)
    if "DEEP" in text:
        _recurse(0)
    if "OOM" in text:
        raise MemoryError()
    if "SLOW" in text:
        end = time.monotonic() + 60
        while time.monotonic() < end:  # a pure-Python loop, as a runaway stage would be
            pass
    if "KILLME" in text:
        os._exit(7)
    doc.entities = [*doc.entities, Entity("org", 0, 5, text[:5], name=str(config["mark"]))]


_REGISTRY = registry_of([*REGISTRATIONS, Registration(
    stage("probe.v1", requires=("text",), provides=("probe",), defaults={"mark": "a"})(_probe))])


def _pipeline(mark: str = "a") -> Pipeline:
    return Pipeline([*DEFAULT, "probe.v1"], {"probe.v1": {"mark": mark}}, _REGISTRY)


def _raw(text: str, name: str = "t.txt") -> RawInput:
    return RawInput(name, text=text, sha=str(hash(text)), size=len(text))


# -- run_one ------------------------------------------------------------------------------------------------------


def test_a_good_input_is_a_document() -> None:
    doc = run_one(_raw(article(1)), _pipeline())
    assert isinstance(doc, Document) and doc.entities[-1].name == "a" and "probe.v1" in doc.stamps


@pytest.mark.parametrize("marker,code,detail", [
    ("BOOM", "stage_failed", "ValueError: boom xxx"),
    ("DEEP", "stage_failed", "RecursionError"),
    ("OOM", "stage_failed", "MemoryError"),
])
def test_a_failing_input_is_its_outcome_with_a_bounded_reason(marker: str, code: str, detail: str) -> None:
    got = run_one(_raw(article(2) + f"\n{marker}\n"), _pipeline())
    assert isinstance(got, Outcome) and got.status == "rejected" and got.code == code
    assert got.reason and detail in got.reason and "Fix: report the error" in got.reason
    assert len(got.reason) < 800  # the 20,000 characters of the error message are cut


def test_a_rejection_from_ingest_keeps_its_code_and_gets_a_bounded_reason() -> None:
    raw = RawInput("z.warc", error=("malformed_warc", "\x00" * 10_000_000))
    got = run_one(raw, _pipeline())
    assert isinstance(got, Outcome) and got.code == "malformed_warc" and len(got.reason or "") < 800


def test_a_text_with_a_lone_surrogate_is_undecodable_not_a_crash_later() -> None:
    got = run_one(_raw("Soldiers said \ud800 they were tired."), _pipeline())
    assert isinstance(got, Outcome) and got.code == "undecodable" and "U+D800 at character 14" in (got.reason or "")


def test_a_reader_that_fails_in_one_file_costs_the_rest_of_that_file_not_the_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _corpus(tmp_path, 3)
    real = api.read_inputs

    def fails_in_a001(paths: list[str], max_bytes: int = 0) -> Any:
        for raw in real(paths, max_bytes=max_bytes):
            if raw.source.endswith("a001.txt"):
                raise RecursionError("maximum recursion depth exceeded")
            yield raw

    monkeypatch.setattr(api, "read_inputs", fails_in_a001)
    db = tmp_path / "s.db"
    s = api.analyze([str(src)], str(db), pipeline=_pipeline())
    assert s.counts["ok"] == 2 and s.counts["rejected"] == 1
    assert _outcomes(db)["a001.txt"] == ("rejected", "stage_failed")
    assert "RecursionError" in (s.rejected[0].reason or "") and "rest of this file" in (s.rejected[0].reason or "")


def test_a_slow_document_times_out_and_the_next_one_runs() -> None:
    pipe = _pipeline()
    t = time.monotonic()
    got = run_one(_raw(article(3) + "\nSLOW\n"), pipe, Limits(time_limit=0.5))
    assert time.monotonic() - t < 10
    assert isinstance(got, Outcome) and got.code == "timeout" and "raise --time-limit" in (got.reason or "")
    assert isinstance(run_one(_raw(article(4)), pipe, Limits(time_limit=0.5)), Document)


def test_the_time_budget_keeps_an_outer_alarm_and_its_handler() -> None:
    fired: list[int] = []

    def outer(signum: int, frame: Any) -> None:
        fired.append(signum)

    old = signal.signal(signal.SIGALRM, outer)
    try:
        signal.setitimer(signal.ITIMER_REAL, 1.0)
        with time_budget(5):
            pass
        assert signal.getsignal(signal.SIGALRM) is outer
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 0 < left <= 1.0  # the outer alarm goes on with the time it had left
        time.sleep(1.2)
        assert fired == [signal.SIGALRM]
        # an outer alarm due before the budget is handled, and the budget still holds
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        t = time.monotonic()
        with pytest.raises(BaseException) as e:
            with time_budget(0.6):
                while time.monotonic() - t < 30:
                    # (not `pass`: on Python 3.13 an exception a signal handler raises in a loop whose body is only
                    # `pass` can escape the try around it, about one run in three; a loop that calls anything is fine)
                    time.sleep(0.001)
        assert type(e.value).__name__ == "DocumentTimeout" and len(fired) == 2
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# -- analyze --------------------------------------------------------------------------------------------------------


def _corpus(root: Path, n: int = 12, bad: dict[int, str] | None = None) -> Path:
    src = root / "in"
    src.mkdir(exist_ok=True)
    for i in range(n):
        marker = (bad or {}).get(i, "")
        (src / f"a{i:03}.txt").write_text(article(i) + f"\nParagraph {i} of the unit's story. {marker}\n")
    return src


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        out = {}
        for t in ("documents", "quotes", "indicators", "entities", "outcomes", "evidence_facts"):
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({t})") if r[1] not in ("run_id", "at")]
            out[t] = conn.execute(f"SELECT rowid, {', '.join(cols)} FROM {t} ORDER BY rowid").fetchall()
        out["fts"] = conn.execute("SELECT rowid, * FROM evidence_fts ORDER BY rowid").fetchall()
        return out
    finally:
        conn.close()


def _outcomes(db: Path) -> dict[str, tuple[str, str | None]]:
    conn = sqlite3.connect(db)
    try:
        return {Path(r[0]).name: (r[1], r[2]) for r in conn.execute("SELECT source, status, code FROM outcomes")}
    finally:
        conn.close()


def test_analyze_isolates_each_input_and_a_rerun_skips_what_is_done(tmp_path: Path) -> None:
    src = _corpus(tmp_path, 8, {2: "BOOM", 4: "DEEP", 6: "SLOW"})
    db = tmp_path / "s.db"
    s = api.analyze([str(src)], str(db), pipeline=_pipeline(), time_limit=1)
    assert s.counts["ok"] == 5 and s.counts["rejected"] == 3
    got = _outcomes(db)
    assert got["a002.txt"] == ("rejected", "stage_failed") and got["a004.txt"] == ("rejected", "stage_failed")
    assert got["a006.txt"] == ("rejected", "timeout")
    s = api.analyze([str(src)], str(db), pipeline=_pipeline(), time_limit=1)
    assert s.counts["unchanged"] == 8 and s.counts["rejected"] == 0  # the same limit would time out again
    s = api.analyze([str(src)], str(db), pipeline=_pipeline(), time_limit=1.5)
    assert s.counts["unchanged"] == 7 and s.counts["rejected"] == 1  # a longer limit tries it again


def test_analyze_with_workers_writes_the_same_store_as_one_process(tmp_path: Path) -> None:
    src = _corpus(tmp_path, 150, {7: "BOOM", 90: "DEEP"})
    (src / "a005.txt").write_text(article(1) + "\nParagraph 1 of the unit's story. \n")  # a duplicate of a001
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    s1 = api.analyze([str(src)], str(one), pipeline=_pipeline())
    s2 = api.analyze([str(src)], str(two), pipeline=_pipeline(), workers=2)
    assert s1.counts == s2.counts and s1.counts["duplicate"] == 1 and s1.counts["rejected"] == 2
    assert _snapshot(one) == _snapshot(two)


def test_analyze_workers_lose_only_the_input_that_kills_them(tmp_path: Path) -> None:
    src = _corpus(tmp_path, 40, {17: "KILLME"})
    db = tmp_path / "s.db"
    s = api.analyze([str(src)], str(db), pipeline=_pipeline(), workers=2)
    got = _outcomes(db)
    assert s.counts["ok"] == 39 and got["a017.txt"] == ("rejected", "worker_lost")
    s = api.analyze([str(src)], str(db), pipeline=_pipeline(), workers=2)
    assert s.counts["unchanged"] == 39 and s.counts["rejected"] == 1  # a lost input is tried again


def test_a_higher_max_bytes_readmits_a_line_rejected_as_too_large(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    long_text = article(3) + " More words of the report." * 100
    feed.write_text(json.dumps({"id": "short", "text": article(1)}) + "\n"
                    + json.dumps({"id": "long", "text": long_text}) + "\n")
    db = tmp_path / "s.db"
    s = api.analyze([str(feed)], str(db), max_bytes=1000)
    assert s.counts == {"ok": 1, "duplicate": 0, "rejected": 1, "unchanged": 0, "reanalyzed": 0}
    s = api.analyze([str(feed)], str(db), max_bytes=1000)
    assert s.counts["rejected"] == 1 and s.counts["unchanged"] == 1  # the same limit: the same rejection
    s = api.analyze([str(feed)], str(db))
    assert s.counts["ok"] == 1 and s.counts["unchanged"] == 1
    assert {v for v in _outcomes(db).values()} == {("ok", None)}


def test_reanalyze_rewrites_exactly_the_stale_documents_in_place(tmp_path: Path) -> None:
    old_src, new_src = tmp_path / "old", tmp_path / "new"
    _corpus(tmp_path, 6).rename(old_src)
    _corpus(tmp_path, 0)
    for i in range(6, 10):
        (tmp_path / "in" / f"b{i}.txt").write_text(article(i) + f"\nA later story, number {i}.\n")
    (tmp_path / "in").rename(new_src)
    db = tmp_path / "s.db"
    api.analyze([str(old_src)], str(db), pipeline=_pipeline("a"))
    api.analyze([str(new_src)], str(db), pipeline=_pipeline("b"))
    before = _snapshot(db)

    s = api.analyze([str(old_src), str(new_src)], str(db), pipeline=_pipeline("b"))
    assert s.stale == {"probe.v1": 6} and s.counts["unchanged"] == 10 and _snapshot(db) == before  # told, not done

    s = api.analyze([str(old_src), str(new_src)], str(db), pipeline=_pipeline("b"), reanalyze=True)
    assert s.counts["reanalyzed"] == 6 and s.counts["unchanged"] == 4 and not s.stale
    after = _snapshot(db)
    conn = sqlite3.connect(db)
    old_ids = {r[0] for r in conn.execute("SELECT document_id FROM outcomes WHERE source LIKE '%/old/%'")}
    stamps = {r[0]: json.loads(r[1]) for r in conn.execute("SELECT id, stamps FROM documents")}
    conn.close()
    assert len(old_ids) == 6 and all(stamps[d] == _pipeline("b").stamps for d in stamps)
    conn = sqlite3.connect(db)
    marks = dict(conn.execute("SELECT document_id, name FROM entities WHERE idx = (SELECT max(idx) FROM entities e "
                              "WHERE e.document_id = entities.document_id)").fetchall())
    conn.close()
    assert set(marks.values()) == {"b"} and len(marks) == 10
    # the documents that were not stale keep their rows as they were, rowids included
    kept = {t: [r for r in before[t] if not any(d in r for d in old_ids)] for t in before}
    assert {t: [r for r in after[t] if not any(d in r for d in old_ids)] for t in after} == kept
    # the stale ones have as many rows as before, written anew (documents updated in place keep their rowid)
    for t in ("quotes", "indicators", "entities", "evidence_facts"):
        assert len(after[t]) == len(before[t])
    assert [r[0] for r in after["documents"]] == [r[0] for r in before["documents"]]
    s = api.analyze([str(old_src), str(new_src)], str(db), pipeline=_pipeline("b"), reanalyze=True)
    assert s.counts["reanalyzed"] == 0 and s.counts["unchanged"] == 10


def test_a_reanalysis_that_fails_keeps_the_stored_document_and_its_outcome(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    src = _corpus(tmp_path, 3)
    db = tmp_path / "s.db"
    api.analyze([str(src)], str(db), pipeline=_pipeline("a"))
    before = _snapshot(db)
    monkeypatch.setattr(api, "run_one", lambda raw, pipe, limits: Outcome(raw.source, raw.locator, "rejected",
                                                                          "stage_failed", "it broke"))
    s = api.analyze([str(src)], str(db), pipeline=_pipeline("b"), reanalyze=True)
    assert s.counts["rejected"] == 3 and all("stored annotations are kept" in (o.reason or "") for o in s.rejected)
    assert _snapshot(db) == before


# -- extract ------------------------------------------------------------------------------------------------------


def test_extract_reads_a_huge_line_in_chunks_and_rejects_it_as_too_large(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    huge = b'{"id": "huge", "text": "' + b"word " * 600_000 + b'"}\n'  # 3 MB
    last = b'{"id": "no newline at the end", "text": "' + b"x" * 2_000_000
    with open(path, "wb") as fh:
        fh.write(json.dumps({"id": "a", "text": article(1)}).encode() + b"\n" + huge + last)
    with open(path, "rb") as fh:
        items = list(api.read_lines(fh, 1 << 20))
    assert [(n, size) for n, _, size in items] == [(1, 0), (2, len(huge)), (3, len(last))]
    assert all(len(head) <= api.HEAD_BYTES for _, head, size in items if size)
    out = io.StringIO()
    with open(path, "rb") as fh:
        assert api.extract_stream(fh, out, limits=Limits(max_bytes=1 << 20)) == 3
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [r["id"] for r in rows] == ["a", "huge", "no newline at the end"]  # read off the line's first bytes
    assert rows[0]["error"] is None and rows[0]["quotes"]
    assert [r["error"]["code"] for r in rows[1:]] == ["too_large", "too_large"]
    assert "raise --max-bytes" in rows[1]["error"]["message"]


@pytest.mark.parametrize("workers", [1, 2])
def test_extract_gives_a_slow_or_failing_line_its_error_and_goes_on(workers: int,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "default_pipeline", lambda config=None: _pipeline())
    texts = {"a": article(1), "slow": article(2) + " SLOW", "boom": article(3) + " BOOM", "b": article(4)}
    lines = [json.dumps({"id": k, "text": v}).encode() for k, v in texts.items()]
    lines.append(b'{"id": "deep", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    lines.append(json.dumps({"id": "sur", "text": "Soldiers said \ud800 they were tired."}).encode())
    out = io.StringIO()
    t = time.monotonic()
    assert api.extract_stream(lines, out, workers=workers, limits=Limits(time_limit=0.5)) == 6
    assert time.monotonic() - t < 60
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    codes = {r["id"]: r["error"]["code"] if r["error"] else None for r in rows}
    # a lone surrogate: rejected here by run_one (undecodable), or earlier by the JSONL reader, or replaced by it
    assert codes.pop("sur", "no line") != "no line"
    assert codes == {"a": None, "slow": "timeout", "boom": "stage_failed", "b": None, "deep": "malformed_json"}
    out.getvalue().encode("utf-8")  # a lone surrogate never makes the output unwritable


def test_extract_cli_limits_and_errors(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from moralewatch.cli import main

    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": 1, "text": article(1)}) + "\n" + json.dumps({"id": 2, "text": "x" * 5000})
                    + "\n")
    r = CliRunner().invoke(main, ["extract", str(path), "--max-bytes", "2000", "--time-limit", "10"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in r.output.splitlines()]
    assert rows[0]["error"] is None and rows[1]["error"]["code"] == "too_large"
    r = CliRunner().invoke(main, ["extract", str(tmp_path)])  # a folder is no JSONL file
    assert r.exit_code == 2 and "E301" in r.output and "Fix:" in r.output
    r = CliRunner().invoke(main, ["extract", str(path), "-o", str(tmp_path / "no" / "out.jsonl")])
    assert r.exit_code == 2 and "E303" in r.output and "Traceback" not in r.output


# -- the store's write side -----------------------------------------------------------------------------------------


def test_a_second_run_on_a_store_is_refused_and_a_killed_run_is_marked_interrupted(tmp_path: Path) -> None:
    from moralewatch.errors import MoraleWatchError

    db = tmp_path / "s.db"
    first = Store(db)
    run = first.start_run({}, ["x"])
    second = Store(db)
    with pytest.raises(MoraleWatchError) as e:
        second.start_run({}, ["y"])
    assert e.value.code == "E207" and f"run {run}" in e.value.message and "another --db" in e.value.fix
    second.close()
    first.close()  # as a killed process would: the lock goes with it, the run stays 'running'
    third = Store(db)
    third.start_run({}, ["z"])
    status = dict(third.conn.execute("SELECT id, status FROM runs").fetchall())
    assert status[run] == "interrupted"
    third.close()


def test_two_writers_of_one_input_never_relabel_ok_as_duplicate(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    a, b = Store(db), Store(db)  # library users without the run lock: the write itself must not mislabel
    doc = run_one(_raw(article(1), "one.txt"), _pipeline())
    assert isinstance(doc, Document)
    stage_of = {"quotes": "quotes.v2", "indicators": "indicators.v3", "entities": "entities.v1"}
    assert a.write(doc, Outcome("one.txt", "", "ok", input_sha="s1"), 1, stage_of) == "ok"
    assert b.write(doc, Outcome("one.txt", "", "ok", input_sha="s1"), 2, stage_of) == "unchanged"
    assert b.write(doc, Outcome("two.txt", "", "ok", input_sha="s1"), 2, stage_of) == "duplicate"
    rows = dict(a.conn.execute("SELECT source, status FROM outcomes").fetchall())
    assert rows == {"one.txt": "ok", "two.txt": "duplicate"}
    a.close()
    b.close()


@pytest.mark.parametrize("name", ["a#b.db", "q?x=1.db", "100%25 sure.db", "dossier d'été ✓.db", "with space/s.db"])
def test_store_paths_with_any_characters_work_for_writer_and_readers(tmp_path: Path, name: str) -> None:
    from moralewatch.store import connect, stats

    db = tmp_path / name
    db.parent.mkdir(exist_ok=True)
    src = _corpus(tmp_path, 2)
    api.analyze([str(src)], str(db))
    conn = connect(db, readonly=True)
    assert stats(conn)["documents"] == 2
    conn.close()
    made = {p.name for p in db.parent.iterdir()} - {"in"}
    assert made <= {db.name, db.name + "-wal", db.name + "-shm"}, made  # no stray file from a cut-off URI


def test_a_full_disk_is_a_coded_error_and_what_was_stored_stays(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from moralewatch.cli import main
    from moralewatch.store import db as store_db
    from moralewatch.store import writer

    real = store_db.connect

    def small_disk(path: Any, *, readonly: bool = False) -> sqlite3.Connection:
        conn = real(path, readonly=readonly)
        if not readonly:
            conn.execute("PRAGMA max_page_count=60")  # SQLite's own "database or disk is full" once it is reached
        return conn

    monkeypatch.setattr(writer, "connect", small_disk)
    src = _corpus(tmp_path, 60)
    db = tmp_path / "s.db"
    r = CliRunner().invoke(main, ["analyze", str(src), "--db", str(db), "-q"])
    assert r.exit_code == 2 and "E206" in r.output and "Fix: free space" in r.output, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 0 < stored < 60
    assert conn.execute("SELECT count(*) FROM outcomes WHERE status='ok'").fetchone()[0] == stored
    conn.close()
    monkeypatch.setattr(writer, "connect", real)  # space again: the same command finishes the job
    s = api.analyze([str(src)], str(db))
    assert s.counts["ok"] == 60 - stored and s.counts["unchanged"] == stored


def test_a_read_only_store_is_a_coded_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from moralewatch.cli import main
    from moralewatch.store import db as store_db
    from moralewatch.store import writer

    src = _corpus(tmp_path, 2)
    db = tmp_path / "s.db"
    api.analyze([str(src)], str(db))
    (src / "new.txt").write_text(article(5))
    if os.geteuid() == 0:  # permissions do not hold root back: SQLite opens the file read-only as it would them
        def read_only(path: Any, *, readonly: bool = False) -> sqlite3.Connection:
            conn = sqlite3.connect(store_db.uri(path, "ro"), uri=True, isolation_level=None)
            conn.row_factory = sqlite3.Row
            return conn

        monkeypatch.setattr(writer, "connect", read_only)
    else:
        os.chmod(db, 0o444)
    r = CliRunner().invoke(main, ["analyze", str(src), "--db", str(db), "-q"])
    assert r.exit_code == 2 and "Error [E205]" in r.output and "writable" in r.output, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)


def test_the_cli_escapes_file_names_it_prints(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from moralewatch.cli import main

    src = tmp_path / "in"
    src.mkdir()
    (src / "evil\n\x1b[31mred.txt").write_text("")
    (src / os.fsdecode(b"latin\xe9.txt")).write_text("")
    r = CliRunner().invoke(main, ["analyze", str(src), "--db", str(tmp_path / "s.db")])
    assert r.exit_code == 1, r.output  # both inputs rejected: nothing stored (issue 18)
    assert "\x1b" not in r.output and "evil\\n\\x1b[31mred.txt" in r.output
    assert "latin\\xe9.txt" in r.output


def test_two_analyze_commands_on_one_store_never_relabel_ok_as_duplicate(tmp_path: Path) -> None:
    import subprocess
    import sys

    src = _corpus(tmp_path, 20)
    db = tmp_path / "s.db"
    cmd = [sys.executable, "-m", "moralewatch.cli", "analyze", "--db", str(db), "-q"]
    # the first run reads stdin, which stays open: it holds the store (its run started) until the test feeds it
    first = subprocess.Popen([*cmd, "-"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True)
    try:
        deadline = time.monotonic() + 120
        running = 0
        while time.monotonic() < deadline and first.poll() is None and not running:
            try:
                conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
                running = conn.execute("SELECT count(*) FROM runs WHERE status='running'").fetchone()[0]
                conn.close()
            except sqlite3.Error:
                pass
            time.sleep(0.02)
        assert running == 1
        second = subprocess.run([*cmd, str(src)], capture_output=True, text=True, timeout=120)
        assert second.returncode == 2 and "Error [E207]" in second.stderr and "Traceback" not in second.stderr
        _, err = first.communicate(article(0) + "\nParagraph 0 of the unit's story. \n", timeout=300)
        assert first.returncode == 0, err
    finally:
        if first.poll() is None:
            first.kill()
    third = subprocess.run([*cmd, str(src)], capture_output=True, text=True, timeout=300)
    assert third.returncode == 0, third.stderr
    conn = sqlite3.connect(db)
    statuses = dict(conn.execute("SELECT source, status FROM outcomes").fetchall())
    assert statuses.pop("-") == "ok" and statuses.pop(str(src / "a000.txt")) == "duplicate"  # the text of stdin's
    assert set(statuses.values()) == {"ok"} and len(statuses) == 19
    assert [r[0] for r in conn.execute("SELECT status FROM runs ORDER BY id")] == ["done", "done"]
    conn.close()


def test_a_store_locked_by_another_writer_is_a_coded_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from moralewatch.errors import MoraleWatchError
    from moralewatch.store import db as store_db

    db = tmp_path / "s.db"
    Store(db).close()
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of a long write
    try:
        store = Store(db)
        with pytest.raises(MoraleWatchError) as e:
            store.record_rejection(Outcome("x.txt", "", "rejected", "empty", "empty"), 1)
        assert e.value.code == "E207" and "locked" in e.value.message and "wait for the other writer" in e.value.fix
        store.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_run_summary_keeps_a_bounded_number_of_rejections(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from moralewatch.cli import main

    src = tmp_path / "in"
    src.mkdir()
    for i in range(api.REJECTED_KEPT + 30):
        (src / f"e{i:04}.txt").write_text("")
    db = tmp_path / "s.db"
    s = api.analyze([str(src)], str(db))
    assert s.counts["rejected"] == api.REJECTED_KEPT + 30 and len(s.rejected) == api.REJECTED_KEPT
    assert len(_outcomes(db)) == api.REJECTED_KEPT + 30  # every one is in the store
    r = CliRunner().invoke(main, ["analyze", str(src), "--db", str(tmp_path / "t.db")])
    assert f"... and {api.REJECTED_KEPT + 10} more" in r.output
