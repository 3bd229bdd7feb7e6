"""One role convention in every labelled transcript set (codebook v1.1): heads of state and government, legislators
and party figures are ``politician``, heads and staff of international organisations ``ngo``, as the turn stage reads
them (data/turns/people_v11.tsv). Reads speaker names and roles of the gold files only, no texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moralewatch import lexicons
from moralewatch.speaker_labels import resolve

ROOT = Path(__file__).resolve().parents[1]
SETS = sorted((ROOT / "gold" / "transcripts").glob("turns*.jsonl"))


def _v11() -> dict[str, str]:
    """Every spelling of the people of data/turns/people_v11.tsv -> their codebook v1.1 role."""
    roles = dict(line.split("\t")[:2] for line in lexicons.lines("turns/people_v11.tsv"))
    return {n: roles[e.name] for e in lexicons.kb("people") if e.name in roles for n in e.names_for("quotes")}


def test_every_person_of_the_list_is_in_the_knowledge_base_with_a_v11_role() -> None:
    roles = dict(line.split("\t")[:2] for line in lexicons.lines("turns/people_v11.tsv"))
    assert set(roles) <= {e.name for e in lexicons.kb("people")}
    assert set(roles.values()) == {"politician", "ngo"}


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_every_set_follows_the_v11_roles(path: Path) -> None:
    v11 = _v11()
    wrong = [(json.loads(line)["id"], t["speaker"], t["role"])
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
             for t in json.loads(line)["turns"] if t.get("speaker") in v11 and t["role"] != v11[t["speaker"]]]
    assert wrong == []
    assert any(t.get("speaker") in v11 for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
               for t in json.loads(line)["turns"])  # the check bites


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
