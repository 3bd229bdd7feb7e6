from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MORALEWATCH_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "examples" / "seeds"
GOLD = SHARED / "examples" / "gold"


@pytest.fixture(scope="session")
def shared() -> Path:
    assert SHARED.exists(), f"../shared is needed beside the repository (or set MORALEWATCH_SHARED): {SHARED}"
    return SHARED


@pytest.fixture(scope="session")
def seed_texts(shared: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def seed_gold(shared: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}
