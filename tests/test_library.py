"""A library face (issue 18, item 6): ``import moralewatch`` gives a documented, typed API, keyword mistakes
raise, and importing it stays light (the command line imports it at every start)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import moralewatch as mw

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TEXT = ("Russian soldiers are exhausted and their morale is very low, a Ukrainian commander told reporters in "
        "Kharkiv on Monday. \"They are afraid and they do not want to fight,\" he said.")


def test_the_api_is_listed_documented_and_typed() -> None:
    for name in mw.__all__:
        obj = getattr(mw, name)
        if name != "__version__":
            assert obj.__doc__, name
    assert (Path(mw.__file__).parent / "py.typed").exists()


def test_import_is_light() -> None:
    code = "import sys, moralewatch; print(sorted(m for m in sys.modules if m.startswith('moralewatch')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['moralewatch']"


def test_analyze_text_takes_its_metadata_and_refuses_a_mistyped_keyword() -> None:
    doc = mw.analyze_text(TEXT, published="2023-05-01", outlet="Test Outlet", title="A title")
    assert isinstance(doc, mw.Document)
    assert doc.published and doc.published.startswith("2023-05-01")
    assert (doc.outlet, doc.title) == ("Test Outlet", "A title")
    assert doc.indicators and all(isinstance(i, mw.Indicator) for i in doc.indicators)
    for ind in doc.indicators:
        assert doc.text[ind.start:ind.end] == ind.text
    with pytest.raises(TypeError):
        mw.analyze_text(TEXT, publshed="2023-05-01")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        mw.analyze_text(b"bytes")  # type: ignore[arg-type]


def test_analyze_file_gives_every_input_an_outcome(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    results = list(mw.analyze_file(tmp_path))
    assert sorted(r.outcome.status for r in results) == ["ok", "rejected"]
    for r in results:
        assert (r.document is not None) == (r.outcome.status == "ok")
        assert r.outcome.status == "ok" or r.outcome.code


def test_a_store_is_queried_with_the_dashboards_filters(tmp_path: Path) -> None:
    db = tmp_path / "war.db"
    summary = mw.analyze([str(EXAMPLES)], db)
    assert summary.counts["ok"] >= 1
    with mw.open_store(db) as store:
        everything = list(store.evidence())
        ru = list(store.evidence(subject_side=["ru"]))
        assert everything and 0 < len(ru) < len(everything) and all(r["subject_side"] == "ru" for r in ru)
        assert ru == list(store.evidence(mw.Filters(subject_side=("ru",))))
        assert store.stats()["indicators"] == len(everything)
        with pytest.raises(TypeError):
            store.evidence(subjet_side=["ru"])
        with pytest.raises(mw.MoraleWatchError):
            list(store.evidence(subject_side=["mars"]))
    with pytest.raises(mw.MoraleWatchError):
        mw.open_store(tmp_path / "missing.db")
