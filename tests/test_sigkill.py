"""A run killed with SIGKILL at any point leaves a consistent database; re-running completes it with exactly the
rows of an uninterrupted run."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .corpus import article

KILLS = 20
TABLES = ("documents", "quotes", "indicators", "entities", "outcomes")


def _build(root: Path) -> Path:
    src = root / "in"
    src.mkdir()
    for n in range(40):
        (src / f"a{n:03}.txt").write_text(article(n) + f"\nExtra paragraph {n} about the unit.\n")
    with open(src / "feed.jsonl", "w") as fh:
        for n in range(40, 120):
            fh.write(json.dumps({"id": f"j{n}", "text": article(n), "date": "2022-05-01"}) + "\n")
        fh.write("{broken\n")
    return src


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        out = {}
        for t in TABLES:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({t})") if r[1] not in ("run_id", "at")]
            out[t] = sorted(conn.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall(), key=repr)
        out["fts"] = sorted(conn.execute("SELECT text, document_id, kind, idx FROM evidence_fts").fetchall())
        return out
    finally:
        conn.close()


def _run(src: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "moralewatch.cli", "analyze", str(src), "--db", str(db), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.mark.slow
def test_sigkill_at_random_points(tmp_path: Path) -> None:
    src = _build(tmp_path)
    ref = tmp_path / "ref.db"
    p = _run(src, ref)
    assert p.wait(timeout=300) == 0, p.stderr.read() if p.stderr else ""
    expected = _snapshot(ref)
    assert len(expected["documents"]) == 120 and len(expected["outcomes"]) == 121

    rng = random.Random(20260322)
    partial = 0
    for i in range(KILLS):
        db = tmp_path / f"k{i}.db"
        # kill once the run has stored a random number of documents (0: while it creates the schema)
        target = rng.randint(0, 119)
        p = _run(src, db)
        deadline = time.monotonic() + 120
        while p.poll() is None and time.monotonic() < deadline:
            if _stored(db) >= target:
                time.sleep(rng.uniform(0, 0.01))  # land anywhere inside the next transaction
                break
            time.sleep(0.002)
        if p.poll() is None:
            os.kill(p.pid, signal.SIGKILL)
        p.wait(timeout=60)
        if db.exists():
            conn = sqlite3.connect(db)
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            n = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            conn.close()
            partial += 0 < n < 120
        p = _run(src, db)
        assert p.wait(timeout=300) == 0, p.stderr.read() if p.stderr else ""
        assert _snapshot(db) == expected, f"kill {i}: re-run differs from an uninterrupted run"
    assert partial >= KILLS // 2, f"only {partial} of {KILLS} kills landed in the middle of a run"


def _stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return -1
