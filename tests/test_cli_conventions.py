"""A CLI like its neighbours (issue 18, item 7): the database named first in every command (the old --db still
works), -q quiet and -s search everywhere, --json summaries, exit 1 when every input was rejected, a summary on
Ctrl-C that says a re-run resumes, coded errors for a file that is not a store, progress only on a terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from moralewatch.cli import Progress, main
from moralewatch.export import export_tables
from moralewatch.web.filters import Filters

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "war.db"
    r = CliRunner().invoke(main, ["analyze", str(path), str(EXAMPLES), "-q"])
    assert r.exit_code == 0, r.output
    return path


def test_the_database_comes_first_and_the_old_db_option_still_works(db: Path, tmp_path: Path) -> None:
    new = CliRunner().invoke(main, ["stats", str(db), "--json"])
    old = CliRunner().invoke(main, ["stats", "--db", str(db), "--json"])
    assert new.exit_code == old.exit_code == 0
    assert json.loads(new.stdout) == json.loads(old.stdout)
    assert json.loads(new.stdout)["documents"] > 0
    # analyze: old form and new form write the same store
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    r1 = CliRunner().invoke(main, ["analyze", str(a), str(EXAMPLES), "--json"])
    r2 = CliRunner().invoke(main, ["analyze", str(EXAMPLES), "--db", str(b), "--json"])
    assert r1.exit_code == r2.exit_code == 0
    s1, s2 = json.loads(r1.stdout), json.loads(r2.stdout)
    assert s1["counts"] == s2["counts"] and s1["counts"]["ok"] > 0
    assert (s1["database"], s2["database"]) == (str(a), str(b))
    both = CliRunner().invoke(main, ["stats", str(a), "--db", str(b)])
    assert both.exit_code == 2 and "two databases" in both.output


def test_every_command_that_reads_a_store_takes_it_first(db: Path, tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["export", str(db), "--table", "runs", "-o", str(tmp_path), "-q"])
    assert r.exit_code == 0 and (tmp_path / "runs.jsonl").exists() and r.output == ""
    r = CliRunner().invoke(main, ["report", str(db), "-o", str(tmp_path / "r.html"), "-s", "morale"])
    assert r.exit_code == 0, r.output


def test_export_takes_the_dashboards_filters(db: Path, tmp_path: Path) -> None:
    args = ["--subject-side", "ru", "-s", "morale"]
    r = CliRunner().invoke(main, ["export", str(db), "--format", "csv", "-o", "-", *args])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    [(path, n)] = list(export_tables(str(db), ["evidence"], "csv", str(tmp_path),
                                     Filters(subject_side=("ru",), q="morale")))
    assert 0 < n == len(lines) - 1  # evidence is the default table with filters
    assert Path(path).read_text(encoding="utf-8").splitlines() == lines
    r = CliRunner().invoke(main, ["export", str(db), "--table", "quotes", "--outlet", "x", "-o", str(tmp_path)])
    assert r.exit_code == 2 and "Error [E210]" in r.output


def test_every_input_rejected_exits_1(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    r = CliRunner().invoke(main, ["analyze", str(tmp_path / "s.db"), str(tmp_path / "in")])
    assert r.exit_code == 1 and "every input was rejected" in r.output


@pytest.mark.parametrize("content", [b"not a database at all" * 100, b"SQLite format 3\x00" + b"\x00" * 200])
def test_stats_on_a_file_that_is_not_a_store_is_a_coded_error(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "notes.db"
    bad.write_bytes(content)
    r = CliRunner().invoke(main, ["stats", str(bad)])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "Error [E202]" in r.output, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    r = CliRunner().invoke(main, ["stats", str(tmp_path)])  # a folder
    assert r.exit_code == 2 and "Error [E2" in r.output and "Traceback" not in r.output


def test_ctrl_c_prints_a_summary_that_says_a_rerun_resumes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from moralewatch import api

    real = api.analyze

    def interrupted(inputs: Any, db: str, progress: Any = None, **kw: Any) -> Any:
        def stop(raw: Any, outcome: str) -> None:
            progress(raw, outcome)
            raise KeyboardInterrupt

        return real(inputs, db, progress=stop, **kw)

    monkeypatch.setattr(api, "analyze", interrupted)
    r = CliRunner().invoke(main, ["analyze", str(tmp_path / "s.db"), str(EXAMPLES)])
    assert r.exit_code == 130
    assert "Interrupted: 1 inputs done" in r.output and "Run the same command again to resume" in r.output
    monkeypatch.setattr(api, "analyze", real)
    again = CliRunner().invoke(main, ["analyze", str(tmp_path / "s.db"), str(EXAMPLES), "--json"])
    counts = json.loads(again.stdout)["counts"]
    assert counts["unchanged"] + counts["duplicate"] >= 1 and counts["ok"] >= 1  # the first input was kept


def test_progress_has_total_rate_and_eta_and_is_silent_off_a_terminal(db: Path, tmp_path: Path) -> None:
    p = Progress(4, show=False)

    class Raw:
        def __init__(self, source: str) -> None:
            self.source = source

    for i in range(3):
        p(Raw(f"f{i}"), "ok")
    line = p.line(p.start + 2.0)
    assert "3/4 files" in line and "(2/s)" in line and "ETA 0:02" in line
    # CliRunner's stderr is not a terminal: no progress line, no carriage return
    r = CliRunner().invoke(main, ["analyze", str(tmp_path / "x.db"), str(EXAMPLES)])
    assert r.exit_code == 0 and "\r" not in r.output and "ETA" not in r.output


def test_the_cli_names_every_table_export_knows() -> None:
    from moralewatch import cli, export

    assert cli.EXPORT_TABLES == export.EXPORT_TABLES


def test_extract_counts_its_lines_on_a_terminal_only(tmp_path: Path) -> None:
    import io

    from moralewatch.cli import _Counting

    src = io.BytesIO(b"x" * 1000)
    src.seek(250)
    out = io.StringIO()
    c = _Counting(out, src, 1000, show=False)
    c.write('{"id": 1}\n')
    c.write('{"id": 2}\n')
    assert out.getvalue() == '{"id": 1}\n{"id": 2}\n' and c.lines == 2
    line = c.line(c.start + 1.0)
    assert "2 lines (2/s)" in line and "25% of the input read" in line and "ETA 0:03" in line
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"id": "a", "text": "Morale is low, a soldier said."}) + "\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["extract", str(inp), "-o", str(tmp_path / "out.jsonl")])
    assert r.exit_code == 0 and r.output == ""  # not a terminal: nothing but the output file
    assert json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))["id"] == "a"


def test_a_real_ctrl_c_keeps_what_was_stored_and_a_rerun_resumes(tmp_path: Path) -> None:
    """SIGINT to a running `analyze` (a child process): the summary on stderr, exit 130, the stored inputs kept,
    and the same command again completes the store."""
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    from tests.corpus import article

    src = tmp_path / "in"
    src.mkdir()
    for i in range(80):
        (src / f"a{i:03}.txt").write_text(article(i) + f"\nParagraph {i} of the unit's story.\n", encoding="utf-8")
    db = tmp_path / "s.db"
    cmd = [sys.executable, "-m", "moralewatch.cli", "analyze", str(db), str(src)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    stored = 0
    while stored < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                stored = conn.execute("SELECT count(*) FROM outcomes").fetchone()[0]
        except sqlite3.Error:
            pass
    if proc.poll() is not None:
        pytest.skip("the run finished before it could be interrupted")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert b"Run the same command again to resume" in err and b"Traceback" not in err
    with sqlite3.connect(db) as conn:
        kept = conn.execute("SELECT count(*) FROM outcomes").fetchone()[0]
        assert conn.execute("SELECT status FROM runs").fetchone()[0] == "interrupted"
    assert 3 <= kept < 80
    again = subprocess.run([*cmd, "--json"], capture_output=True, timeout=600)
    assert again.returncode == 0, again.stderr.decode()
    counts = json.loads(again.stdout)["counts"]
    assert counts["unchanged"] >= kept - 1 and counts["ok"] + counts["unchanged"] + counts["duplicate"] == 80


def test_export_prints_a_json_summary(db: Path, tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["export", str(db), "--table", "evidence", "--table", "runs", "-o", str(tmp_path),
                                  "--json"])
    assert r.exit_code == 0, r.output
    s = json.loads(r.stdout)
    assert [t["table"] for t in s["tables"]] == ["evidence", "runs"]
    for t in s["tables"]:
        assert sum(1 for _ in open(t["path"], encoding="utf-8")) == t["rows"] > 0


def test_bad_paths_and_files_are_coded_errors_in_every_command(db: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    for args, code in [
        (["export", str(junk), "-o", str(tmp_path / "o")], "E202"),
        (["report", str(junk), "-o", str(tmp_path / "r.html")], "E202"),
        (["serve", str(junk), "--port", "1"], "E202"),
        (["export", str(db), "--table", "runs", "-o", str(a_file / "sub")], "E211"),
        (["report", str(db), "-o", str(tmp_path / "no-such-folder" / "r.html")], "E211"),
        (["stats", str(tmp_path / "missing.db")], "E201"),
    ]:
        r = CliRunner().invoke(main, args)
        assert r.exit_code == 2 and f"Error [{code}]" in r.output and "Fix:" in r.output, (args, r.output)
        assert r.exception is None or isinstance(r.exception, SystemExit), (args, r.exception)
