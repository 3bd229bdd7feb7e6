"""Honest provenance (issue 15, item 2): a stage's stamp covers its version, its configuration and every data file
it may load; no data file can be loaded without a stamp covering it; a row records every stage that wrote it; the
stages are registered explicitly and what is registered is pinned."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from moralewatch import lexicons
from moralewatch.errors import PipelineError
from moralewatch.model import Document
from moralewatch.pipeline import Pipeline, Registration, registry_of, stage
from moralewatch.stages import DEFAULT, REGISTRATIONS, REGISTRY, default_pipeline
from moralewatch.store import Store

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "moralewatch" / "data"


# -- stamps cover the data files -------------------------------------------------------------------------------------


def _stamps(data_dir: Path) -> dict[str, str]:
    """The default pipeline's stamps in a fresh process that reads its data files from ``data_dir``."""
    code = "import json; from moralewatch.stages import default_pipeline; print(json.dumps(default_pipeline().stamps))"
    proc = subprocess.run([sys.executable, "-c", code], env={**os.environ, "MORALEWATCH_DATA": str(data_dir)},
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def _changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    assert set(before) == set(after) == set(DEFAULT)
    return {name for name in before if before[name] != after[name]}


def test_a_copy_of_the_data_gives_the_shipped_stamps(data_copy: Path) -> None:
    assert _stamps(data_copy) == default_pipeline().stamps


def test_editing_a_cue_file_changes_the_indicator_stamp_and_no_other(data_copy: Path) -> None:
    before = _stamps(data_copy)
    cue = data_copy / "indicators" / "cues" / "fear.txt"
    original = cue.read_text(encoding="utf-8")
    try:
        cue.write_text(original + "\nedited :: terrified beyond words\n", encoding="utf-8")
        assert _changed(before, _stamps(data_copy)) == {"indicators.v8"}
    finally:
        cue.write_text(original, encoding="utf-8")
    assert _stamps(data_copy) == before


def test_editing_the_gazetteer_changes_the_entity_stamp_and_no_other(data_copy: Path) -> None:
    before = _stamps(data_copy)
    places = data_copy / "gazetteer" / "places.tsv"
    original = places.read_bytes()
    try:
        places.write_bytes(original + b"\n")
        # entities.ruuk.v1 looks Cyrillic place names up in the same gazetteer (issue 17)
        assert _changed(before, _stamps(data_copy)) == {"entities.v2", "entities.ruuk.v1"}
    finally:
        places.write_bytes(original)


def test_the_v6_files_indicators_ruuk_v7_reads_are_in_its_stamp_and_only_those(data_copy: Path) -> None:
    # session 12: v7 reads v6's hedges (and size, soldiers, military words, calibration) instead of copies of them;
    # session 13: the default is v8, which reads v7's lexicon and so declares the same v6 files; session 15: v13,
    # which reads v8's; session 16: v14, which reads the same
    before = _stamps(data_copy)
    for name, stale in (("hedges.txt", {"indicators.ruuk.v14"}), ("cues.txt", set())):
        path = data_copy / "ruuk" / "indicators" / name
        original = path.read_bytes()
        try:
            path.write_bytes(original + b"\n# edited\n")
            assert _changed(before, _stamps(data_copy)) == stale, name
        finally:
            path.write_bytes(original)


def test_a_new_data_file_enters_its_stage_stamp(data_copy: Path) -> None:
    """Files are found by walking the declared directories, not from a fixed list (a new word list counts)."""
    before = _stamps(data_copy)
    new = data_copy / "quotes" / "new_word_list.txt"
    try:
        new.write_text("word\n", encoding="utf-8")
        assert _changed(before, _stamps(data_copy)) == {"quotes.v9"}
    finally:
        new.unlink()


def test_the_stamp_covers_the_versioned_name_and_the_configuration() -> None:
    @stage("prov_cfg.v1", requires=("text",), provides=("x",), defaults={"k": 1})
    def v1(doc: Document, config: Mapping[str, Any]) -> None:
        pass

    @stage("prov_cfg.v2", requires=("text",), provides=("x",), defaults={"k": 1})
    def v2(doc: Document, config: Mapping[str, Any]) -> None:
        pass

    registry = registry_of([Registration(v1, data=("quotes/",)), Registration(v2, data=("quotes/",))])
    a = Pipeline(["prov_cfg.v1"], registry=registry).stamps["prov_cfg.v1"]
    assert Pipeline(["prov_cfg.v2"], registry=registry).stamps["prov_cfg.v2"] != a
    assert Pipeline(["prov_cfg.v1"], {"prov_cfg.v1": {"k": 2}}, registry).stamps["prov_cfg.v1"] != a
    described = Pipeline(["prov_cfg.v1"], registry=registry).describe()["stages"][0]
    assert "quotes/cues.tsv" in described["data"] and described["hash"] == a


# -- no data file without a stamp ------------------------------------------------------------------------------------


def _loads(name: str) -> Any:
    def func(doc: Document, config: Mapping[str, Any]) -> None:
        lexicons.lines(name)

    return func


def test_a_stage_cannot_load_a_data_file_it_does_not_declare() -> None:
    sneaky = stage("prov_sneaky.v1", requires=("text",), provides=("y",))(_loads("quotes/cues.tsv"))
    pipe = Pipeline(["prov_sneaky.v1"], registry=registry_of([Registration(sneaky, data=("indicators/",))]))
    with pytest.raises(PipelineError) as e:
        pipe.run(Document(text="Morale is low."))
    assert e.value.code == "E106" and "quotes/cues.tsv" in e.value.message and "prov_sneaky.v1" in e.value.message


def test_a_file_cached_by_one_stage_is_still_refused_to_another() -> None:
    owner = stage("prov_owner.v1", requires=("text",), provides=("a",))(_loads("quotes/aux.txt"))
    other = stage("prov_other.v1", requires=("a",), provides=("b",))(_loads("quotes/aux.txt"))
    registry = registry_of([Registration(owner, data=("quotes/aux.txt",)), Registration(other)])
    Pipeline(["prov_owner.v1"], registry=registry).run(Document(text="x"))  # loaded and cached
    with pytest.raises(PipelineError) as e:
        Pipeline(["prov_owner.v1", "prov_other.v1"], registry=registry).run(Document(text="x"))
    assert e.value.code == "E106" and "prov_other.v1" in e.value.message


def test_a_pipeline_of_stages_made_by_hand_lets_them_read_their_data() -> None:
    from dataclasses import replace

    reader = stage("prov_hand.v1", requires=("text",), provides=("h",))(_loads("quotes/aux.txt"))
    st = replace(reader.__stage__, data=("quotes/aux.txt",))  # type: ignore[attr-defined]
    Pipeline(["prov_hand.v1"], registry={"prov_hand.v1": st}).run(Document(text="x"))  # no E106


def test_outside_the_stages_only_declared_files_load() -> None:
    assert lexicons.lines("quotes/aux.txt")
    assert lexicons.line_matcher("furniture.txt")  # the cleaner's: it shapes the canonical text (the document id)
    with pytest.raises(PipelineError) as e:
        lexicons.read_text("nobody/declares.txt")
    assert e.value.code == "E106"


def test_the_default_pipeline_loads_only_what_its_stages_declare() -> None:
    """A fresh process runs every stage through its common paths (the extract warm-up) with the loaders checking."""
    code = ("from moralewatch import api; api._warm_up(); from moralewatch import lexicons; "
            "print(sorted({n for s, n in lexicons._CHECKED if s}))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    loaded = ast.literal_eval(proc.stdout.strip())
    assert any(n.startswith("indicators/cues/") for n in loaded) and "gazetteer/places.tsv" in loaded


def test_stage_packages_do_not_import_each_other() -> None:
    """A data file is checked against the stage running when it is loaded: a stage calling another stage package's
    cached loader could use that package's data without declaring it. So stage packages stay apart."""
    packages = {"quotes", "indicators", "entities"}
    found = []
    for pkg in packages:
        for path in sorted((ROOT / "src" / "moralewatch" / pkg).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.level >= 2 and node.module:
                    top = node.module.split(".")[0]
                    if top in packages - {pkg}:
                        found.append(f"{path.relative_to(ROOT)}: from {'.' * node.level}{node.module}")
    assert not found, found


# -- rows record every stage that wrote them -------------------------------------------------------------------------

TEXT = ("KHARKIV, Ukraine — Russian soldiers near Izium said on Tuesday that morale was collapsing.\n\n"
        "“We have no food and no ammunition, and our commanders lie to us,” one soldier told reporters in Kharkiv.")


def test_rows_record_every_stage_that_wrote_them(tmp_path: Path) -> None:
    pipe = default_pipeline()
    doc = pipe.run(Document(text=TEXT, source="t.txt", published="2022-05-03"))
    assert doc.quotes and doc.indicators and doc.entities
    store = Store(tmp_path / "s.db")
    run = store.start_run(pipe.describe(), ["t.txt"])
    from moralewatch.model import Outcome

    stage_of = {name: pipe.stage_for(name) for name in ("quotes", "indicators", "entities")}
    store.write(doc, Outcome("t.txt", "", "ok"), run, stage_of)
    rows = {t: [json.loads(r[0]) for r in store.conn.execute(f"SELECT stages FROM {t}")]
            for t in ("quotes", "indicators", "entities")}
    store.close()
    s = pipe.stamps
    # turns.v4 (transcript turns), quotes.ruuk.v8 (Russian and Ukrainian quotes added in text order) and langgate.v1
    # (output on paragraphs not in English) may rewrite quotes and indicators: their stamps are recorded on every row
    # they passed, as links.v2's is
    assert rows["quotes"] and all(r == {"quotes.v9": s["quotes.v9"], "turns.v4": s["turns.v4"],
                                        "quotes.ruuk.v8": s["quotes.ruuk.v8"],
                                        "langgate.v1": s["langgate.v1"], "links.v2": s["links.v2"]}
                                  for r in rows["quotes"])
    # indicators.ruuk.v14 and entities.ruuk.v1 (issue 17) add rows of Russian and Ukrainian text to these tables, and
    # claims.ruuk.v1 (session 15) fills the claimants of the Russian and Ukrainian ones
    assert rows["indicators"] and all(r == {"indicators.v8": s["indicators.v8"], "langgate.v1": s["langgate.v1"],
                                            "indicators.ruuk.v14": s["indicators.ruuk.v14"],
                                            "claims.ruuk.v1": s["claims.ruuk.v1"], "links.v2": s["links.v2"]}
                                      for r in rows["indicators"])
    assert rows["entities"] and all(r == {"entities.v2": s["entities.v2"], "entities.ruuk.v1": s["entities.ruuk.v1"]}
                                    for r in rows["entities"])


def test_a_rewriting_stage_must_come_after_what_it_rewrites() -> None:
    registry = REGISTRY
    with pytest.raises(PipelineError) as e:
        Pipeline(["segment.v1", "entities.v1", "links.v1"], registry=registry)
    assert e.value.code == "E104"


# -- explicit registration -------------------------------------------------------------------------------------------


def _contents() -> dict[str, Any]:
    return {name: {"requires": list(st.requires), "provides": list(st.provides), "defaults": dict(st.defaults),
                   "data": list(st.data), "rewrites": list(st.rewrites),
                   "function": f"{st.func.__module__}.{st.func.__qualname__}"} for name, st in REGISTRY.items()}


def test_registry_contents_are_pinned() -> None:
    """A stage added, removed or changed (requires, provides, defaults, data, rewrites) must be a deliberate edit of
    tests/registry_contents.json as well as of moralewatch/stages.py."""
    pinned = json.loads((ROOT / "tests" / "registry_contents.json").read_text(encoding="utf-8"))
    assert _contents() == pinned


def test_registration_is_explicit() -> None:
    import moralewatch.pipeline as pipeline_module

    assert not hasattr(pipeline_module, "REGISTRY")  # no global registry that imports fill
    assert [r.func.__stage__.name for r in REGISTRATIONS] == list(REGISTRY)  # type: ignore[attr-defined]
    assert set(DEFAULT) <= set(REGISTRY)
    with pytest.raises(PipelineError) as e:
        registry_of([REGISTRATIONS[0], REGISTRATIONS[0]])
    assert e.value.code == "E102"
    with pytest.raises(PipelineError) as e:
        registry_of([Registration(lambda doc, config: None)])
    assert e.value.code == "E107"


# -- end to end: an edited cue file makes analyze see exactly the affected stage as stale ---------------------------


def _analyze(db: Path, data: Path | None) -> dict[str, Any]:
    code = ("import json, sys; from moralewatch.api import analyze; s = analyze([sys.argv[1]], sys.argv[2]); "
            "print(json.dumps({'counts': s.counts, 'stale': s.stale}))")
    env = {**os.environ, **({"MORALEWATCH_DATA": str(data)} if data else {})}
    proc = subprocess.run([sys.executable, "-c", code, str(ROOT / "examples"), str(db)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def test_an_edited_cue_file_makes_analyze_report_the_indicator_stage_stale(data_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    first = _analyze(db, None)
    assert first["counts"]["ok"] == 2 and first["stale"] == {}
    assert _analyze(db, data_copy)["stale"] == {}  # the same data in another place: nothing is stale
    cue = data_copy / "indicators" / "cues" / "fear.txt"
    original = cue.read_text(encoding="utf-8")
    try:
        cue.write_text(original + "\nedited :: terrified beyond words\n", encoding="utf-8")
        again = _analyze(db, data_copy)
    finally:
        cue.write_text(original, encoding="utf-8")
    assert again["counts"]["unchanged"] == 2 and again["stale"] == {"indicators.v8": 2}
