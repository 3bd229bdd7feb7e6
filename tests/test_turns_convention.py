"""One role convention in every labelled transcript set (codebook v1.1): heads of state and government, legislators
and party figures are ``politician``, as the turn stage reads them (data/turns/politicians.txt). Reads speaker names
and roles of the gold files only, no texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moralewatch import lexicons
from moralewatch.speaker_labels import resolve

ROOT = Path(__file__).resolve().parents[1]
SETS = sorted((ROOT / "gold" / "transcripts").glob("turns*.jsonl"))


def _politicians() -> set[str]:
    names = set(lexicons.lines("turns/politicians.txt"))
    return {n for e in lexicons.kb("people") if e.name in names for n in e.names_for("quotes")}


def test_every_politician_of_the_list_is_in_the_knowledge_base() -> None:
    kb_names = {e.name for e in lexicons.kb("people")}
    assert set(lexicons.lines("turns/politicians.txt")) <= kb_names


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_heads_of_state_are_politicians_in_every_set(path: Path) -> None:
    politicians = _politicians()
    wrong = [(json.loads(line)["id"], t["speaker"], t["role"])
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
             for t in json.loads(line)["turns"] if t.get("speaker") in politicians and t["role"] != "politician"]
    assert wrong == []


def _role(label: str) -> str | None:
    who = resolve(label, {})
    return who.role if who else None


def test_the_turn_stage_reads_them_as_politicians() -> None:
    # the knowledge base says official (v1.0); in a transcript they speak as politicians (v1.1)
    assert _role("Vladimir Putin") == "politician"
    assert _role("PRESIDENT ZELENSKYY") == "politician"
    assert _role("Volodymyr Zelenskyy") == "politician"  # an alias of the same person
    assert _role("Sergei Lavrov") == "official"  # a minister stays an official
    assert _role("Jen Psaki") == "official"
