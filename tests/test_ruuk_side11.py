"""indicators.ruuk.v11 (issue 17, session 14): v8's items through the side pass of slavic_side11 (relayed claims,
passive agents, targets of attacks, a relayed enemy voice, quoted speakers, sides.txt). Invented sentences only."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from moralewatch import lexicons
from moralewatch.errors import PipelineError
from moralewatch.indicators import slavic_side11
from moralewatch.indicators.slavic import V7, tag
from moralewatch.model import Document, Indicator
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "floors" / "ruuk.json").read_text(encoding="utf-8"))


def _pipe(version: str) -> Pipeline:
    return Pipeline([f"indicators.ruuk.{version}" if n.startswith("indicators.ruuk.") else n for n in DEFAULT])


@pytest.fixture(scope="module")
def v11() -> Pipeline:
    return _pipe("v11")


@pytest.fixture(scope="module")
def v8() -> Pipeline:
    return _pipe("v8")


def _found(pipe: Pipeline, text: str) -> set[tuple[str, str]]:
    return {(i.indicator, i.subject_side) for i in pipe.run(Document(text=text)).indicators}


# each: (text, indicator, v8's side, v11's side)
RESIDED = [
    # a ministry's report names the claimant; the losses it reports are the enemy's
    ("Потери с начала наступления составили 27 500 человек, — сообщили в Минобороны РФ.", "heavy_losses", "ru", "ua"),
    # the next sentence attributes the claim
    ("Сегодня на Курском направлении более 300 военнослужащих сдались в плен. Об этом сообщили в Минобороны России.",
     "surrender_desertion", "ru", "ua"),
    # a passive's agent acted on the subject
    ("Штурмовые группы ВСУ были нейтрализованы российской армией, а выжившие сдались в плен.",
     "surrender_desertion", "ru", "ua"),
    # a force before an impersonal passive of killing is the killer
    ("По нашей информации, в ходе зачистки котла ВС РФ ликвидировано более 600 человек.", "heavy_losses", "ru", "ua"),
    # the object of an attack verb is the target; the one who attacks ran short
    ("Бригада должна была атаковать российские подразделения, но не смогла из-за нехватки боеприпасов.",
     "supply_shortage", "ru", "ua"),
    # an opinion's source is a claimant, the object of «теснят» a target
    ("Русские постепенно теснят украинцев, хотя продвижение, по мнению украинцев, сопровождается большими потерями.",
     "heavy_losses", "ua", "ru"),
    # the force whose attacks are repelled is the target of the one that repels them
    ("Штурмовик ВС РФ три недели героически отбивал наступления украинских солдат.", "morale_high", "ua", "ru"),
    # a relayed enemy voice: a Russian milblogger's scornful frame hands over to the other side's words
    ("Почитайте нытьё от Петра Сидоренко:\n«Мы тут третий месяц без ротации. Почему нас бросили? Командиры сбежали.»",
     "betrayed_by_command", "ru", "ua"),
    # a Ukrainian address: who surrenders into captivity is the enemy
    ("Наші медики надають допомогу тим, хто здався в полон.", "surrender_desertion", "ua", "ru"),
]


@pytest.mark.parametrize(("text", "indicator", "before", "after"), RESIDED)
def test_the_pass_reads_the_side_the_sentence_gives(v8: Pipeline, v11: Pipeline, text: str, indicator: str,
                                                     before: str, after: str) -> None:
    assert (indicator, before) in _found(v8, text), text  # v8 (unchanged) has the other side
    assert (indicator, after) in _found(v11, text), text
    assert (indicator, before) not in _found(v11, text), text


KEPT = [
    # the sentence names the subject itself: the attribution does not change it
    "Потери ВС РФ под Курском составили более 500 человек, сообщили в Генштабе ВСУ.",
    # a count before the force: «более 100 ВСУшников ликвидировано» names the killed
    "Под Курском более 100 ВСУшников ликвидировано за сутки, тела остались на поле.",
    # Ukraine's own soldiers surrendering stay Ukraine's
    "Наші бійці здалися в полон після двох тижнів оточення.",
    # an attack's owner («атаки ВСУ») is no target
    "Атака ВСУ провалилась: украинские подразделения понесли большие потери, более 300 человек.",
]


@pytest.mark.parametrize("text", KEPT)
def test_sides_the_sentence_already_gives_are_kept(v8: Pipeline, v11: Pipeline, text: str) -> None:
    assert _found(v8, text), text
    assert _found(v11, text) == _found(v8, text), text


def test_resided_changes_only_the_side_and_works_on_any_versions_items(v8: Pipeline) -> None:
    text = "Сегодня на Курском направлении более 300 военнослужащих сдались в плен. Об этом сообщили в Минобороны России."
    doc = v8.run(Document(text=text))
    other = Indicator("fear", 0, 7, text[:7], subject_side="ru", rule="en:1")  # another stage's item: untouched
    v7_items = tag(doc, structural=True, root=V7, v7=True)  # v7's items, not v8's
    items = [other, *v7_items]
    out = slavic_side11.resided(doc, items)
    assert len(out) == len(items) and out[0] is other
    assert [i.subject_side for i in v7_items] == ["ru"] and [i.subject_side for i in out[1:]] == ["ua"]
    for a, b in zip(items, out, strict=True):
        assert dataclasses.replace(a, subject_side=b.subject_side) == b
    assert slavic_side11.resided(doc, [other]) == [other]


def test_a_frame_hands_the_quotation_after_it_to_the_other_side(v8: Pipeline) -> None:
    text = "Пишет боец ВСУ:\n«Мы третий месяц без ротации.»\nА наши парни держатся."
    doc = v8.run(Document(text=text))
    reader = slavic_side11._Reader(doc)
    assert reader.relayed is not None
    start, end, side = reader.relayed
    assert side == "ua" and doc.text[start:end] == "Мы третий месяц без ротации."
    # the writer's own side is no relayed voice
    assert slavic_side11._Reader(v8.run(Document(text="Пишет российский военный:\n«Мы держимся.»"))).relayed is None


def test_attributions_name_the_source_and_its_side() -> None:
    from moralewatch.indicators.slavic import load

    lex = load(V7)
    low = "по данным генштаба всу, противник потерял 300 человек. по мнению российских военных, ситуация сложная."
    found = slavic_side11.attributions(lex, low, 0, len(low), "ru")
    assert [(low[s:e], side, official) for s, e, side, official in found] == [
        ("генштаба всу", "ua", True), ("российских военных", "ru", False)]


def test_a_malformed_correction_is_a_coded_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert all(c.reason for c in slavic_side11.load_corrections())
    root = tmp_path / "data"
    (root / "ruuk" / "indicators_v11").mkdir(parents=True)
    (root / "ruuk" / "indicators_v11" / "sides.txt").write_text("fear ru maybe sentence :: паник\\w* :: why\n",
                                                                encoding="utf-8")
    monkeypatch.setenv("MORALEWATCH_DATA", str(root))
    for f in (lexicons._lines, slavic_side11._corrections):
        f.cache_clear()
    try:
        with pytest.raises(PipelineError) as e:
            slavic_side11.load_corrections()
        assert e.value.code == "E110" and "side 'maybe'" in e.value.message
    finally:
        for f in (lexicons._lines, slavic_side11._corrections):
            f.cache_clear()


def _scores(monkeypatch: pytest.MonkeyPatch, gold: Path) -> dict[str, Any]:
    """The indicator scorer on ``gold`` with indicators.ruuk.v11 in the default pipeline's place."""
    from moralewatch.api import extract_line
    from moralewatch.eval import indicators as ev

    pipe = _pipe("v11")

    def predict(docs: list[ev.GoldDoc], mode: str | None = None) -> dict[str, list[dict[str, Any]]]:
        return {d.id: ev.extracted(extract_line(json.dumps({"id": d.id, "text": d.text}), 0, pipe), d.id)["indicators"]
                for d in docs}

    monkeypatch.setattr(ev, "predict", predict)
    return ev.evaluate(gold)


@pytest.mark.parametrize(("name", "key"), [("indicators_dev.jsonl", "dev_v11"), ("indicators_dev_c.jsonl", "dev_c_v11")])
def test_v11_dev_floors(shared: Path, monkeypatch: pytest.MonkeyPatch, name: str, key: str) -> None:
    scores = _scores(monkeypatch, ROOT / "gold" / "ruuk" / name)
    assert scores["sha1_mismatches"] == 0
    for k, floor in FLOORS[key]["min"].items():
        assert scores[k] >= floor, f"{key} {k} {scores[k]} fell below its floor {floor}"
