"""The places scorer (``moralewatch eval entities``'s :func:`evaluate_places`) on a gold file of gold/pages, with a
pipeline's output for the gold's documents: shared by the place tests of every entities version."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from moralewatch.api import extract_line
from moralewatch.eval.common import gold_and_texts
from moralewatch.eval.entities import evaluate_places
from moralewatch.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "floors" / "entities.json").read_text(encoding="utf-8"))


def score_places(gold_name: str, pipe: Pipeline) -> dict[str, Any]:
    """The places scorer on ``gold/pages/<gold_name>``, with ``pipe``'s output for its documents."""
    path = str(ROOT / "gold" / "pages" / gold_name)
    gold, records = gold_and_texts(path)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for i in sorted({g["id"] for g in gold}):
            fh.write(json.dumps(extract_line(json.dumps(records[i]), 1, pipe), ensure_ascii=False) + "\n")
    try:
        return evaluate_places(path, fh.name)
    finally:
        os.unlink(fh.name)
