"""The knowledge base (issue 15, item 3): one format and one place for people, organisations, titles and side words,
read by the quote, indicator and entity stages through their loaders; aliases in other scripts fit in a row."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from moralewatch import lexicons
from moralewatch.model import ROLES, SIDES

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "moralewatch" / "data"
FILES = ("people", "orgs", "titles", "sides")
KINDS = {"person", "outlet", "agency", "ministry", "military", "think_tank", "government", "other", "org", "title",
         "side_word", "side_pattern"}
READERS = {"entities", "quotes", "indicators"}


def _script(form: str) -> str:
    return "Cyrl" if re.search("[\u0400-\u04ff]", form) else "Latn"


@pytest.mark.parametrize("name", FILES)
def test_every_row_is_well_formed(name: str) -> None:
    entries = lexicons.kb(name)
    assert entries
    for e in entries:
        where = f"kb/{name}.tsv: {e.name}"
        assert e.kind in KINDS and e.role in (*ROLES, "-") and e.side in (*SIDES, "-"), where
        assert e.used_by and e.used_by <= READERS, where
        assert all(users and users <= e.used_by for _, users in e.forms), where  # a mark narrows, never widens
        assert set(e.script) == {_script(f) for f, _ in e.forms}, where
        assert e.flags <= {"full_name_only"}, where
        if e.kind == "side_pattern":
            assert e.name.startswith("re:") and re.compile(e.name[3:]), where


@pytest.mark.parametrize("name", ["people", "orgs"])
def test_no_form_is_read_twice_by_one_stage(name: str) -> None:
    """A second row with the same form would silently replace the first one's role and side."""
    for reader in ("entities", "quotes"):
        forms = [f.removeprefix("the:") for e in lexicons.kb(name) for f in e.names_for(reader)]
        assert len(forms) == len(set(forms)), (name, reader, {f for f in forms if forms.count(f) > 1})


def test_the_merged_lists_are_gone() -> None:
    for old in ("entities/orgs.txt", "entities/titles.txt", "entities/people.txt", "quotes/orgs.tsv",
                "quotes/titles.txt", "quotes/people.tsv", "quotes/sides.tsv", "indicators/sides.txt"):
        assert not (DATA / old).exists(), old


def test_the_loaders_read_the_knowledge_base() -> None:
    from moralewatch.entities.names import lexicon
    from moralewatch.indicators.lexicon import load
    from moralewatch.quotes import lexicon as quotes

    assert quotes.people()[0]["Vladimir Putin"] == ("official", "ru")
    assert quotes.people()[1]["Lavrov"] == ("official", "ru")  # a unique surname
    assert quotes.orgs()[0]["TASS"].side == "ru" and quotes.sides()[0]["kremlin"] == ("ru",)
    assert "senator" in quotes.word_set("titles.txt")
    assert lexicon().people["Zelenskyy"] == "Volodymyr Zelensky" and lexicon().orgs["Kremlin"] == "Kremlin"
    assert "prime minister" in lexicon().titles
    sides = load().sides
    assert list(sides) == ["ru", "ua", "west", "independent"] and sides["ru"].search("the Kremlin said")


def _in_copy(data: Path, code: str) -> object:
    proc = subprocess.run([sys.executable, "-c", code], env={**os.environ, "MORALEWATCH_DATA": str(data)},
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_a_cyrillic_alias_fits_in_its_row(data_copy: Path) -> None:
    people = data_copy / "kb" / "people.tsv"
    rows = people.read_text(encoding="utf-8").splitlines()
    i = next(n for n, r in enumerate(rows) if r.startswith("Vladimir Putin\t"))
    cells = rows[i].split("\t")
    cells[1] = "|".join(a for a in (cells[1], "Владимир Путин") if a)
    cells[5] = "Cyrl,Latn"
    rows[i] = "\t".join(cells)
    people.write_text("\n".join(rows) + "\n", encoding="utf-8")
    got = _in_copy(data_copy, "import json; from moralewatch.quotes.lexicon import people; "
                              "from moralewatch.entities.names import lexicon; "
                              "print(json.dumps([people()[0].get('Владимир Путин'), "
                              "lexicon().people.get('Владимир Путин')]))")
    assert got == [["official", "ru"], "Vladimir Putin"]


def test_the_knowledge_base_enters_the_stamps_of_the_stages_that_read_it(data_copy: Path) -> None:
    code = "import json; from moralewatch.stages import default_pipeline; print(json.dumps(default_pipeline().stamps))"
    before = _in_copy(data_copy, code)
    assert isinstance(before, dict)
    with open(data_copy / "kb" / "sides.tsv", "a", encoding="utf-8") as f:
        f.write("re:nowhere-land\t\tside_pattern\t-\tru\tLatn\tindicators\t\n")
    after = _in_copy(data_copy, code)
    assert isinstance(after, dict)
    assert {k for k in before if before[k] != after[k]} == {"quotes.v9", "indicators.v8"}
    with open(data_copy / "kb" / "people.tsv", "a", encoding="utf-8") as f:
        f.write("Nobody Known\t\tperson\tofficial\tru\tLatn\tentities,quotes\t\n")
    again = _in_copy(data_copy, code)
    assert isinstance(again, dict)
    # entities.ruuk.v1 (issue 17) resolves Cyrillic surnames against kb/people.tsv too
    assert {k for k in after if after[k] != again[k]} == {"quotes.v9", "entities.v2", "turns.v4", "entities.ruuk.v1"}
