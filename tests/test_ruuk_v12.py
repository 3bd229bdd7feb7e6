"""indicators.ruuk.v12 (issue 17, session 14): v10's recall rules composed with v11's side pass. Invented sentences;
the composition is checked against its two parts, so a change to either that v12 does not pick up fails here."""

from __future__ import annotations

import pytest

from moralewatch.model import Document
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT


def _pipe(version: str) -> Pipeline:
    return Pipeline([f"indicators.ruuk.{version}" if n.startswith("indicators.ruuk.") else n for n in DEFAULT])


@pytest.fixture(scope="module")
def pipes() -> dict[str, Pipeline]:
    return {v: _pipe(v) for v in ("v8", "v10", "v11", "v12")}


def _items(pipe: Pipeline, text: str) -> list[tuple[str, int, int, str, str | None]]:
    return [(i.indicator, i.start, i.end, i.subject_side, i.rule) for i in pipe.run(Document(text=text)).indicators]


# a side the pass corrects (v11's case: a ministry's report of losses names the claimant; the losses are the enemy's)
RESIDED = "Потери с начала наступления составили 27 500 человек, — сообщили в Минобороны РФ."


def test_v12_takes_v11s_side_where_v10_adds_nothing(pipes: dict[str, Pipeline]) -> None:
    assert _items(pipes["v10"], RESIDED) == _items(pipes["v8"], RESIDED)
    v12 = _items(pipes["v12"], RESIDED)
    assert v12 == _items(pipes["v11"], RESIDED)
    assert ("heavy_losses", "ua") in {(i[0], i[3]) for i in v12}
    assert ("heavy_losses", "ru") in {(i[0], i[3]) for i in _items(pipes["v8"], RESIDED)}


def test_v12_keeps_v10s_new_items(pipes: dict[str, Pipeline]) -> None:
    """Whatever v10 adds to v8 on these sentences, v12 has an item of the same indicator at the same span."""
    text = ("Пехоту перемололи в мясорубке, поля усеяны телами. Мобилизованных отправили на штурм без специальной "
            "подготовки. Командиры бросили раненых и сбежали.")
    v8 = {(i[0], i[1], i[2]) for i in _items(pipes["v8"], text)}
    v10 = {(i[0], i[1], i[2]) for i in _items(pipes["v10"], text)}
    v12 = {(i[0], i[1], i[2]) for i in _items(pipes["v12"], text)}
    assert v10 - v8, "v10's recall rules should add an item on these sentences"
    assert v12 == v10
