"""claims.ruuk.v1: who asserts a Russian or Ukrainian indicator (the quote's speaker, the sentence's source the quote
stage names, else the document's own voice), filling only what the indicator stage leaves unknown."""

from __future__ import annotations

import json
from typing import Any

import pytest

from moralewatch.api import extract_line
from moralewatch.indicators.claims_ruuk import Quotes, add_claims, own_voice
from moralewatch.model import Document, Indicator, Quote
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY

POW = ("«Нас бросили, командиры уехали, еды нет уже третий день», — сказал военнопленный 155-й бригады морской "
       "пехоты.")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    names = list(DEFAULT)
    if "claims.ruuk.v1" not in names:
        names.insert(names.index("indicators.ruuk.v8") + 1, "claims.ruuk.v1")
    return Pipeline(tuple(names), None, REGISTRY)


def run(pipeline: Pipeline, text: str, source: str | None = None) -> dict[str, Any]:
    line = {"id": "t", "text": text} | ({"source": source} if source else {})
    out = extract_line(json.dumps(line, ensure_ascii=False), 0, pipeline)
    assert out["error"] is None and out["indicators"]
    return out


def test_the_briefs_example_takes_the_quotes_speaker(pipeline: Pipeline) -> None:
    out = run(pipeline, POW, "Telegram channel: Mash")
    item = next(i for i in out["indicators"] if i["indicator"] == "betrayed_by_command")
    assert item["quote_index"] == 0 and item["claimant"] == out["quotes"][0]["speaker"]
    assert item["claimant"] == "военнопленный 155-й бригады морской пехоты"
    # the speaker, not the channel that relays it: the channel's side (Mash: ru) is not the claimant's
    assert item["claimant_side"] == out["quotes"][0]["side"] == "unknown"


def test_according_to_takes_the_source_the_quote_stage_names(pipeline: Pipeline) -> None:
    out = run(pipeline, "По словам Стрелкова, генералы воруют, оставляя бойцов без раций.", "Telegram channel: Mash")
    assert {(i["claimant"], i["claimant_side"]) for i in out["indicators"]} == {("Стрелков", "ru")}


def test_own_voice_is_the_writer_with_the_side_the_knowledge_base_gives_its_source(pipeline: Pipeline) -> None:
    text = "Генералы воруют, оставляя бойцов без раций."
    known = run(pipeline, text, "Telegram channel: Mash")["indicators"]
    assert {(i["claimant"], i["claimant_side"], i["channel"], i["quote_index"]) for i in known} == {
        ("writer", "ru", "social_media_post", None)}
    unknown = run(pipeline, text, "Telegram channel: Банкста")["indicators"]  # no side for a channel nobody lists
    assert {(i["claimant"], i["claimant_side"]) for i in unknown} == {("writer", "unknown")}
    bare = run(pipeline, text)["indicators"]  # no source: never a side from the text's Russian
    assert {(i["claimant"], i["claimant_side"]) for i in bare} == {("writer", "unknown")}


def test_an_addresss_own_voice_takes_its_speakers_side() -> None:
    doc = Document("x", source="Ukrainian official video address, speaker: Володимир Зеленський (compiled by x)")
    assert own_voice(doc) == ("writer", "ua", "video", None)
    doc.source = "Ukrainian official video address, speaker: Хтось Невідомий (compiled by x)"
    assert own_voice(doc)[1] == "unknown"


def _doc(quotes: list[Quote], items: list[Indicator], text: str = "x" * 200) -> Document:
    doc = Document(text, source="Telegram channel: Mash", quotes=quotes, indicators=items)
    doc.sentences = [(0, 100), (100, 200)]
    return doc


def _item(start: int, end: int, rule: str = "ruuk:ru:1", **kw: Any) -> Indicator:
    return Indicator("fear", start, end, "x" * (end - start), subject_side="ua", rule=rule, hedged=True, **kw)


def test_a_quote_without_a_speaker_gives_its_index_and_no_invented_claimant() -> None:
    quotes = [Quote(10, 40, "q", speaker=None, side="unknown", channel="video", rule="ruuk-dash")]
    items = [_item(20, 50)]
    add_claims(_doc(quotes, items))
    assert (items[0].quote_index, items[0].claimant, items[0].claimant_side, items[0].channel) == (0, None, "unknown",
                                                                                                   "video")


def test_the_largest_overlap_wins_and_only_ruuk_quotes_count() -> None:
    quotes = [Quote(0, 30, "q", speaker="Smith", side="west", rule="en-said"),  # an English quote: not this stage's
              Quote(5, 25, "q", speaker="Иванов", side="ru", rule="ruuk-said"),
              Quote(24, 90, "q", speaker="Петренко", side="ua", rule="ruuk-said")]
    items = [_item(10, 30), _item(60, 70)]
    add_claims(_doc(quotes, items))
    assert [(i.claimant, i.claimant_side, i.quote_index) for i in items] == [("Иванов", "ru", 1), ("Петренко", "ua", 2)]


def test_the_sentences_named_source_outside_the_evidence() -> None:
    # «X заявил, что …» with the evidence in the sentence but outside the reported words
    quotes = [Quote(150, 170, "q", speaker="Сырский", speaker_start=100, speaker_end=107, side="ua", rule="ruuk-that"),
              Quote(20, 30, "q", speaker="Богдан", speaker_start=50, speaker_end=60, side="ua", rule="ruuk-that")]
    items = [_item(175, 190), _item(45, 70)]
    add_claims(_doc(quotes, items))
    assert (items[0].claimant, items[0].claimant_side, items[0].quote_index) == ("Сырский", "ua", None)
    # a name inside the evidence does not assert it («орденом Богдана Хмельницького»): the writer's
    assert (items[1].claimant, items[1].claimant_side) == ("writer", "ru")


def test_only_unknown_fields_of_ruuk_items_are_filled_and_nothing_else_moves() -> None:
    quotes = [Quote(0, 50, "q", speaker="Иванов", side="ru", channel="video", rule="ruuk-said")]
    english = _item(0, 10, rule="en:fear")
    set_already = _item(0, 10, claimant="Петров", claimant_side="ua")
    items = [english, set_already]
    before = [(i.indicator, i.start, i.end, i.text, i.subject_side, i.hedged, i.negated) for i in items]
    add_claims(_doc(quotes, items))
    assert (english.claimant, english.quote_index, english.claimant_side) == (None, None, "unknown")
    assert (set_already.claimant, set_already.claimant_side, set_already.channel, set_already.quote_index) == (
        "Петров", "ua", "video", 0)
    assert [(i.indicator, i.start, i.end, i.text, i.subject_side, i.hedged, i.negated) for i in items] == before


def test_quote_lookup_walks_back_past_short_quotes_to_a_long_one() -> None:
    quotes = [Quote(0, 100, "q", speaker="A", rule="ruuk-a"), Quote(10, 12, "q", speaker="B", rule="ruuk-a"),
              Quote(20, 22, "q", speaker="C", rule="ruuk-a")]
    found = Quotes(quotes)
    assert found.overlapping(50, 60) == 0  # the long quote, behind two short ones that end before 50
    assert found.overlapping(100, 110) is None
    assert found.overlapping(11, 12) == 0  # overlap 1 each with quotes 0 and 1: the earlier quote


def test_the_outlets_sides_are_the_corpus_counts_ones() -> None:
    from moralewatch.corpus.counts import outlet_sides
    from moralewatch.indicators.claims_ruuk import _outlet_sides

    assert _outlet_sides() == outlet_sides() and _outlet_sides()["reuters"] == "independent"
