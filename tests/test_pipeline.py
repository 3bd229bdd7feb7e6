"""Stages declare what they need; the pipeline is checked when it is built, and stamps what it ran."""

from __future__ import annotations

import pytest

from moralewatch.errors import PipelineError
from moralewatch.model import Document
from moralewatch.pipeline import Pipeline, Registration, registry_of, stage
from moralewatch.stages import DEFAULT, REGISTRY, default_pipeline


def test_default_pipeline_builds_and_runs() -> None:
    p = default_pipeline()
    assert p.names == list(DEFAULT)
    doc = p.run(Document(text="Soldiers said they were tired. Morale is low.\n\nSecond paragraph here."))
    assert set(doc.stamps) == set(DEFAULT)
    assert {"paragraphs", "sentences", "quotes", "indicators", "entities"} <= doc.done
    assert doc.paragraphs == [(0, 45), (47, 69)]
    assert [doc.text[s:e] for s, e in doc.sentences][:2] == ["Soldiers said they were tired.", "Morale is low."]


def test_requirement_not_met_is_caught_when_built() -> None:
    needs_quotes = [n for n, st in REGISTRY.items() if "quotes" in st.requires][0]
    with pytest.raises(PipelineError) as e:
        Pipeline([needs_quotes])
    assert e.value.code == "E104" and "requires" in e.value.message


def test_unknown_stage_names_the_options() -> None:
    with pytest.raises(PipelineError) as e:
        Pipeline(["nope.v1"])
    assert e.value.code == "E103" and "segment.v1" in e.value.fix


def test_unknown_option_is_refused() -> None:
    with pytest.raises(PipelineError) as e:
        Pipeline(["segment.v1"], {"segment.v1": {"bogus": 1}})
    assert e.value.code == "E105"


def test_stage_names_need_a_version() -> None:
    with pytest.raises(PipelineError):
        stage("unversioned", requires=(), provides=())


def test_config_changes_the_stamp() -> None:
    @stage("test_cfg.v1", requires=("text",), provides=("x",), defaults={"k": 1})
    def f(doc: Document, config: dict) -> None:
        pass

    registry = registry_of([Registration(f)])
    a = Pipeline(["test_cfg.v1"], registry=registry).stamps["test_cfg.v1"]
    b = Pipeline(["test_cfg.v1"], {"test_cfg.v1": {"k": 2}}, registry).stamps["test_cfg.v1"]
    assert a != b
    assert "test_cfg.v1" not in REGISTRY  # describing a stage registers nothing


@pytest.mark.parametrize("text,expected", [
    ("Mr. Smith went to Kyiv. He said no.", ["Mr. Smith went to Kyiv.", "He said no."]),
    ("The U.S. military said so. Others agreed!", ["The U.S. military said so.", "Others agreed!"]),
    ("“We were lied to.” Another soldier spoke.", ["“We were lied to.”", "Another soldier spoke."]),
    ("Gen. Valery Gerasimov spoke at 3 p.m. on Monday.", ["Gen. Valery Gerasimov spoke at 3 p.m. on Monday."]),
])
def test_sentences(text: str, expected: list[str]) -> None:
    from moralewatch.segment import sentences_in

    assert [text[s:e] for s, e in sentences_in(text, 0, len(text))] == expected
