"""Fixtures shared by the suite, and the skip accounting for a clone without ``../shared``.

``../shared`` (beside the repository, or ``$MORALEWATCH_SHARED``) holds the corpora, the seed articles with their
gold labels, PolNeAR and the extract validator: data we do not ship. A test that needs it asks for the ``shared``
fixture; without it the test is skipped with one reason, and the summary says how many were skipped and why. Under
CI (``CI`` set) a missing ``shared/`` fails them instead, so a CI run cannot pass without running them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MORALEWATCH_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "examples" / "seeds"
GOLD = SHARED / "examples" / "gold"

#: the one skip reason of every test that needs ``shared/`` (the summary counts the skips by it)
NO_SHARED = f"needs ../shared (corpora, seeds, gold texts), not found at {SHARED}; see README 'Tests and ../shared'"
#: the browser tests' reasons start with these (tests/browser/conftest.py)
NO_BROWSER = ("no Chromium at", "the playwright package is not installed")


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "data" / "corpora").is_dir():
        if os.environ.get("CI"):
            pytest.fail(NO_SHARED)
        pytest.skip(NO_SHARED)
    return SHARED


@pytest.fixture(scope="session")
def seed_texts(shared: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def seed_gold(shared: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def skip_counts(reports: list[pytest.TestReport]) -> dict[str, int]:
    """How many skipped tests lacked ``shared/``, how many the browser, and how many were skipped otherwise."""
    counts = {"shared": 0, "browser": 0, "other": 0}
    for report in reports:
        reason = _skip_reason(report)
        kind = "shared" if reason == NO_SHARED else "browser" if reason.startswith(NO_BROWSER) else "other"
        counts[kind] += 1
    return counts


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    counts = skip_counts(terminalreporter.stats.get("skipped", []))
    if counts["shared"]:
        terminalreporter.write_line(
            f"{counts['shared']} tests skipped: they need ../shared (corpora, seed and gold texts), not found at "
            f"{SHARED}. Put the shared directory beside the repository or set MORALEWATCH_SHARED to run them.")
    if counts["browser"]:
        terminalreporter.write_line(
            f"{counts['browser']} browser tests skipped: no Chromium or playwright. Run `make browser-deps` "
            f"(as root) or `make test BROWSER=1` to run them.")
