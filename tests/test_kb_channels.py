"""The Telegram channels and address speakers of the corpora that the knowledge base lacked (session 16): a post of
one of them gets the side its row gives (the basis of each row: data/kb/README.md) as the claimant side of its own
voice, and a channel with no documented owner or stance still gets none."""

from __future__ import annotations

import json

import pytest

from moralewatch.api import extract_line
from moralewatch.indicators.claims_ruuk import _outlet_sides, add_claims, own_voice
from moralewatch.lexicons import kb
from moralewatch.model import Document, Indicator
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY

#: the milblogger corpus's channels, as its documents' sources name them (shared/data/corpora/CORPORA.md)
MILBLOGGERS = ("ПриZрак Новороссии", "Русский Манифест | Пресса РДС", "Стрелков Игорь Иванович", "Kotsnews",
               "Русский Манифест | Пресса РДС/РДВС", "ЖИВОВ Z", "AGDchan", "Прямое действие⚡Z", "Totalis",
               "Военкор Котенок", "Синяя Z Борода", "Афанасьев Z")
ADDRESS = "Ukrainian official video address, speaker: {} (compiled by resistinua, github:Amice13/resistinua)"


@pytest.mark.parametrize("channel", MILBLOGGERS)
def test_every_milblogger_channels_own_voice_is_ru(channel: str) -> None:
    assert own_voice(Document("x", source=f"Telegram channel: {channel}")) == ("writer", "ru", "social_media_post",
                                                                                None)


def test_the_russian_manifestos_side_comes_from_its_row_not_from_the_word_russian() -> None:
    """«Русский Манифест | Пресса РДС» was ru only because «русск» is a side stem of the quote stage's sources list;
    now its own outlet row gives it (the part before «|»)."""
    assert _outlet_sides()["русский манифест"] == "ru"


def test_the_channel_rows_are_read_by_the_claims_stage_only() -> None:
    """Marked `indicators`: the quote and entity stages (English output) never read them."""
    rows = [e for e in kb("orgs") if e.name in {"Kotsnews", "AGDchan", "Totalis", "ПриZрак Новороссии"}]
    assert len(rows) == 4 and all(e.kind == "outlet" and e.used_by == {"indicators"} for e in rows)
    assert not any(e.names_for("quotes") or e.names_for("entities") for e in rows)


@pytest.mark.parametrize("speakers", ["Олексій Дніпров", "Кирило Тимошенко", "Юлія Соколовська",
                                      "Андрій Єрмак, Юлія Соколовська, Юлія Свириденко, Кирило Тимошенко"])
def test_the_address_speakers_the_people_list_lacked_are_ua(speakers: str) -> None:
    assert own_voice(Document("x", source=ADDRESS.format(speakers))) == ("writer", "ua", "video", None)


@pytest.mark.parametrize("source", ["Telegram channel: Топор Live", "Telegram channel: Раньше всех. Ну почти.",
                                    ADDRESS.format("Андрій Смирнов")])
def test_no_side_without_a_documented_fact(source: str) -> None:
    """Left out on purpose (data/kb/README.md): unknown is better than wrong."""
    assert own_voice(Document("x", source=source))[1] == "unknown"


def test_a_posts_indicator_in_its_own_voice_gets_the_channels_side() -> None:
    doc = Document("x" * 100, source="Telegram channel: ПриZрак Новороссии")
    doc.sentences = [(0, 100)]
    doc.indicators = [Indicator("betrayed_by_command", 10, 40, "x" * 30, subject_side="ru", rule="ruuk:ru:1")]
    add_claims(doc)
    item = doc.indicators[0]
    assert (item.claimant, item.claimant_side, item.channel) == ("writer", "ru", "social_media_post")


def test_a_milblogger_post_through_the_pipeline() -> None:
    names = list(DEFAULT)
    if "claims.ruuk.v1" not in names:
        names.insert(names.index("indicators.ruuk.v8") + 1, "claims.ruuk.v1")
    line = {"id": "t", "text": "Генералы воруют, оставляя бойцов без раций.",
            "source": "Telegram channel: Стрелков Игорь Иванович"}
    out = extract_line(json.dumps(line, ensure_ascii=False), 0, Pipeline(tuple(names), None, REGISTRY))
    assert out["error"] is None and out["indicators"]
    assert {(i["claimant"], i["claimant_side"]) for i in out["indicators"]} == {("writer", "ru")}
