"""`moralewatch regroup STORE` (session 13): a store's stories, events and independent-source counts grouped again
with the stage as it is now, in one transaction, with what changed; coded errors for what is not a store it can
write."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from moralewatch.cli import main
from moralewatch.corpus.relate import DEFAULT
from moralewatch.corpus.store import regroup

from .test_stories import _analyze, _dump, _seed_docs

ROOT = Path(__file__).resolve().parents[1]

#: the relation with copies, updates and rewrites switched off: the wire story and its copy come apart
NO_COPIES = dataclasses.replace(DEFAULT, copy=1.01, contained=1.01, rewrite=1.01, rewrite_low=1.01, body_copy=1.01)


@pytest.fixture()
def store(tmp_path: Path, seed_texts: dict[str, str]) -> Path:
    """A store of the wire story, its copy under another outlet and an unrelated story (tests/test_stories.py)."""
    db = tmp_path / "s.db"
    _analyze(tmp_path, db, _seed_docs(seed_texts), "all.jsonl")
    return db


def _story(db: Path) -> dict[str, str]:
    """Story of ``wire``, ``copy`` and ``other`` (the store's ids are its own: the documents in the order stored)."""
    conn = sqlite3.connect(db)
    try:
        return dict(zip(("wire", "copy", "other"), (s for (s,) in conn.execute(
            "SELECT m.story FROM documents d JOIN story_members m ON m.id = d.id ORDER BY d.rowid"))))
    finally:
        conn.close()


def _wire_claim_stories(db: Path) -> set[int]:
    conn = sqlite3.connect(db)
    try:
        return {n for (n,) in conn.execute(
            "SELECT c.stories FROM claim_counts c JOIN claim_sources s ON s.claim = c.claim WHERE s.document_id = "
            "(SELECT id FROM documents ORDER BY rowid LIMIT 1)")}
    finally:
        conn.close()


def test_a_threshold_change_splits_the_known_pair_and_regrouping_with_the_stage_joins_it_again(store: Path) -> None:
    before = _dump(store)
    assert _story(store)["wire"] == _story(store)["copy"] and _wire_claim_stories(store) == {1}
    r = regroup(str(store), NO_COPIES)
    assert _story(store)["wire"] != _story(store)["copy"]  # the copy is a story of its own now
    assert r["stories_before"] == 2 and r["stories_after"] == 3 and r["stories_split"] == 1
    assert r["stories_merged"] == 0 and r["documents_moved"] == 2 and r["documents"] == 3
    # every claim of the wire story is carried by the copy too: two independent stories now, no longer one
    assert _wire_claim_stories(store) == {2} and r["counts_changed"] == r["counts_up"] > 0 and r["counts_down"] == 0
    r = regroup(str(store))
    assert r["stories_merged"] == 1 and r["stories_split"] == 0 and r["counts_down"] == r["counts_changed"] > 0
    assert _dump(store) == before  # the stage's own grouping, row for row, as analyze wrote it


def test_regrouping_with_the_same_stage_changes_nothing_and_says_so(store: Path) -> None:
    before = _dump(store)
    res = CliRunner().invoke(main, ["regroup", str(store)])
    assert res.exit_code == 0, res.output
    assert "3 documents regrouped: 2 -> 2 stories (0 merged, 0 split, 0 documents moved)" in res.output
    assert "counts changed for 0 claims" in res.output
    assert _dump(store) == before
    res = CliRunner().invoke(main, ["regroup", str(store), "--json"])
    got = json.loads(res.output)
    assert got["documents"] == 3 and got["counts_changed"] == 0 and got["claims"] > 0


def test_a_dry_run_reports_the_changes_and_writes_nothing(store: Path) -> None:
    before = _dump(store)
    r = regroup(str(store), NO_COPIES, dry_run=True)
    assert r["stories_split"] == 1 and r["counts_up"] > 0  # what the regroup would do ...
    assert _dump(store) == before  # ... and nothing done
    res = CliRunner().invoke(main, ["regroup", str(store), "--dry-run"])
    assert res.exit_code == 0 and "3 documents would be regrouped" in res.output, res.output
    assert _dump(store) == before


def test_a_document_analysed_after_a_regroup_joins_the_regrouped_stories(tmp_path: Path,
                                                                          seed_texts: dict[str, str]) -> None:
    docs = _seed_docs(seed_texts)
    _analyze(tmp_path, tmp_path / "two.db", docs[:2], "first.jsonl")
    regroup(str(tmp_path / "two.db"))
    _analyze(tmp_path, tmp_path / "two.db", docs[2:], "rest.jsonl")
    _analyze(tmp_path, tmp_path / "one.db", docs, "all.jsonl")
    assert _dump(tmp_path / "two.db") == _dump(tmp_path / "one.db")


def _error(args: list[str]) -> tuple[str, str]:
    res = CliRunner().invoke(main, ["regroup", *args])
    assert res.exit_code == 2, res.output
    line = res.output.strip().splitlines()
    assert line[0].startswith("Error [E") and line[-1].startswith("Fix: "), res.output
    return line[0][7:11], res.output


def test_what_is_not_a_store_it_can_write_is_a_coded_error_and_the_store_is_left_as_it_was(store: Path,
                                                                                             tmp_path: Path) -> None:
    assert _error([str(tmp_path / "none.db")])[0] == "E201"
    assert _error([str(tmp_path)])[0] == "E202"  # a folder
    (tmp_path / "notes.txt").write_text("not a database\n" * 100)
    assert _error([str(tmp_path / "notes.txt")])[0] == "E202"
    other = sqlite3.connect(tmp_path / "other.db")
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    assert _error([str(tmp_path / "other.db")])[0] == "E202"  # SQLite, but not a store
    assert [r[0] for r in sqlite3.connect(tmp_path / "other.db").execute("SELECT name FROM sqlite_master")] == ["t"]

    newer = tmp_path / "newer.db"
    shutil.copy(store, newer)
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO schema_migrations VALUES (99, 'a later schema', '2030-01-01')")
    conn.commit()
    conn.close()
    before = _dump(newer)
    code, out = _error([str(newer)])
    assert code == "E216" and "newer" in out
    assert _dump(newer) == before


def test_a_store_another_run_is_writing_to_is_refused(store: Path) -> None:
    from moralewatch.store import Store

    other = Store(store)
    other.start_run({}, [])  # holds the run lock, as a running analyze does
    try:
        before = _dump(store)
        code, out = _error([str(store)])
        assert code == "E207" and "another analyze run" in out
        assert _dump(store) == before
    finally:
        other.close()
    assert regroup(str(store))["documents"] == 3  # free again


def test_an_analyze_run_meeting_a_regroup_is_told_so(store: Path) -> None:
    """A regroup holds the run lock without a row in runs: the refused run is not told of a run that is not there."""
    from moralewatch.errors import MoraleWatchError
    from moralewatch.store import Store

    regrouping, other = Store(store), Store(store)
    regrouping._lock()  # as regroup() holds it
    try:
        with pytest.raises(MoraleWatchError) as e:
            other.start_run({}, [])
        assert e.value.code == "E207" and "an analyze run or a regroup" in str(e.value)
    finally:
        regrouping.close()
        other.close()


#: a regroup that stops for good inside its transaction (after the grouping, before the claims), to be killed there
_CHILD = """
import sys, time, dataclasses
from pathlib import Path
import moralewatch.corpus.store as st
from moralewatch.corpus.relate import DEFAULT
write = st.write_claims
def stop(*args, **kwargs):
    n = write(*args, **kwargs)
    Path(sys.argv[2]).write_text("inside")
    time.sleep(120)
    return n
st.write_claims = stop
st.regroup(sys.argv[1], dataclasses.replace(DEFAULT, copy=1.01, contained=1.01, rewrite=1.01, rewrite_low=1.01,
                                            body_copy=1.01))
"""


def _child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}


def _valid(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == conn.execute(
            "SELECT count(*) FROM story_members").fetchone()[0]
    finally:
        conn.close()


def test_a_regroup_killed_inside_its_transaction_leaves_the_old_grouping_and_runs_again(store: Path,
                                                                                        tmp_path: Path) -> None:
    before = _dump(store)
    ref = tmp_path / "ref.db"
    shutil.copy(store, ref)
    regroup(str(ref), NO_COPIES)  # what an uninterrupted regroup writes
    expected = _dump(ref)
    assert expected != before
    mark = tmp_path / "inside"
    p = subprocess.Popen([sys.executable, "-c", _CHILD, str(store), str(mark)], env=_child_env(),
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(600):
            if mark.exists() or p.poll() is not None:
                break
            time.sleep(0.1)
        assert mark.exists(), p.stderr.read() if p.stderr and p.poll() is not None else "the child never got there"
        os.kill(p.pid, signal.SIGKILL)
        p.wait(timeout=30)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait(timeout=30)
    _valid(store)
    assert _dump(store) == before  # the old stories, events and counts, whole
    regroup(str(store), NO_COPIES)
    assert _dump(store) == expected


#: regroups without end, the stage's grouping and the one without copies in turn (a mark once the first began)
_LOOP = """
import sys, dataclasses
from pathlib import Path
import moralewatch.corpus.store as st
from moralewatch.corpus.relate import DEFAULT
other = dataclasses.replace(DEFAULT, copy=1.01, contained=1.01, rewrite=1.01, rewrite_low=1.01, body_copy=1.01)
Path(sys.argv[2]).write_text("started")
while True:
    st.regroup(sys.argv[1], other)
    st.regroup(sys.argv[1])
"""


def test_a_regroup_killed_at_random_points_leaves_the_old_or_the_new_grouping(store: Path, tmp_path: Path) -> None:
    before = _dump(store)
    ref = tmp_path / "ref.db"
    shutil.copy(store, ref)
    regroup(str(ref), NO_COPIES)
    after = _dump(ref)
    rng = random.Random(13)
    for k in range(6):
        mark = tmp_path / f"started{k}"
        p = subprocess.Popen([sys.executable, "-c", _LOOP, str(store), str(mark)], env=_child_env(),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            for _ in range(600):
                if mark.exists() or p.poll() is not None:
                    break
                time.sleep(0.05)
            assert mark.exists(), p.stderr.read() if p.stderr and p.poll() is not None else "the child never started"
            time.sleep(rng.uniform(0.05, 0.6))
            assert p.poll() is None, p.stderr.read() if p.stderr else ""
        finally:
            p.send_signal(signal.SIGKILL)
            p.wait(timeout=30)
        _valid(store)
        got = _dump(store)
        assert got in (before, after), k
    regroup(str(store))
    assert _dump(store) == before
