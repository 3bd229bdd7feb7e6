"""A fresh clone without ``../shared`` (issue 15, item 7): the tests that need it skip with one reason, and the
summary says how many and why; under CI they fail instead."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: one test that needs shared/ and one that does not
TARGETS = ["tests/test_cli.py::test_analyze_stats_export", "tests/test_fresh_clone.py::test_readme_says_what_shared_holds"]


def _pytest(shared: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "CI"}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *TARGETS], cwd=ROOT,
                          env={**clean, "MORALEWATCH_SHARED": str(shared), **env}, capture_output=True, text=True,
                          timeout=300)


def test_without_shared_the_tests_that_need_it_skip_and_the_summary_counts_them(tmp_path: Path) -> None:
    proc = _pytest(tmp_path / "no-shared")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 passed, 1 skipped" in proc.stdout
    assert "1 tests skipped: they need ../shared" in proc.stdout
    assert str(tmp_path / "no-shared") in proc.stdout


def test_under_ci_a_missing_shared_fails(tmp_path: Path) -> None:
    proc = _pytest(tmp_path / "no-shared", CI="true")
    assert proc.returncode == 1 and "1 error" in proc.stdout, proc.stdout


def test_readme_says_what_shared_holds() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Tests and ../shared" in readme
    section = readme.split("## Tests and ../shared", 1)[1].split("\n## ", 1)[0]
    for word in ("corpora", "MORALEWATCH_SHARED", "make browser-deps", "BROWSER=1"):
        assert word in section, word
