"""Cyrillic places, session 16 (entities.ruuk.v9): the KATOTTG table of every Ukrainian settlement loads and is
declared; an id whose evidence leaves a namesake the gazetteer lacks becomes candidates; a name whose namesakes all
lie in one oblast answers that oblast; v8 is unchanged (invented sentences)."""

from __future__ import annotations

from pathlib import Path

import pytest

from moralewatch import lexicons
from moralewatch.entities import cyrillic_v9 as c9
from moralewatch.model import Document, Entity
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY

from .places_scoring import FLOORS, score_places

V8 = Pipeline(["entities.ruuk.v8" if s.startswith("entities.ruuk.") else s for s in DEFAULT], None, REGISTRY)
V9 = Pipeline(["entities.ruuk.v9" if s.startswith("entities.ruuk.") else s for s in DEFAULT], None, REGISTRY)


def places(pipe: Pipeline, text: str) -> dict[str, Entity]:
    doc = pipe.run(Document(text=text))
    return {e.text: e for e in doc.entities if e.type == "place"}


def test_the_table_loads_and_is_declared() -> None:
    table = c9.table()
    assert sum(len(v) for v in table.values()) == 29_703
    mykhailivka = table[c9.fold("Михайлівка")]
    assert len(mykhailivka) > 100 and {s.category for s in mykhailivka} <= {"C", "X", "M"}
    assert {s.admin1 for s in table[c9.fold("Бахмут")]} == {"Donetsk Oblast"}
    assert lexicons.covers(REGISTRY["entities.ruuk.v9"].data, c9.TABLE)
    assert not lexicons.covers(REGISTRY["entities.ruuk.v8"].data, c9.TABLE)


@pytest.mark.parametrize(("russian", "ukrainian"), [
    ("Михайловка", "Михайлівка"), ("Великая Новоселка", "Велика Новосілка"), ("Кременная", "Кремінна"),
    ("Новое", "Нове"), ("Каменское", "Кам’янське"), ("Покровск", "Покровськ"),
])
def test_russian_and_ukrainian_spellings_share_a_key(russian: str, ukrainian: str) -> None:
    assert c9.fold(russian) == c9.fold(ukrainian)


def test_a_mention_is_looked_up_by_its_nominative() -> None:
    found = c9.namesakes("Михайловке", "ru")
    assert len(found) > 100 and all(s.name == "Михайлівка" for s in found)
    assert {s.admin1 for s in c9.namesakes("Великой Новоселки", "ru")} == {"Donetsk Oblast"}


def test_an_oblast_with_a_namesake_the_gazetteer_lacks_keeps_candidates() -> None:
    """KATOTTG holds two Kamianske in Zaporizhzhia oblast (Vasylivka and Melitopol raions), the gazetteer one: the
    oblast named does not decide, v8's id becomes a candidate in that oblast."""
    text = "Вночі ворог обстріляв Кам’янське у Запорізькій області, повідомили у ДСНС."
    v8 = places(V8, text)["Кам’янське"]
    assert v8.geonameid == 706967
    v9 = places(V9, text)["Кам’янське"]
    assert v9.geonameid is None and v9.candidates == [706967] and v9.admin1 == "Zaporizhzhia Oblast"
    assert v9.confidence is not None and v9.confidence < 0.5


def test_a_place_of_the_same_raion_decides() -> None:
    """Vasylivka lies in Vasylivka raion, which holds one Kamianske: the id stays."""
    text = "Вночі ворог обстріляв Василівку та Кам’янське у Запорізькій області, повідомили у ДСНС."
    assert places(V9, text)["Кам’янське"].geonameid == 706967


def test_a_name_whose_namesakes_lie_in_one_oblast_answers_that_oblast() -> None:
    text = "Вночі ворог обстріляв Чорнобиль, повідомили у ДСНС."
    v8 = places(V8, text)["Чорнобиль"]
    assert v8.geonameid is None and v8.admin1 is None
    v9 = places(V9, text)["Чорнобиль"]
    assert v9.geonameid is None and v9.admin1 == "Kyiv Oblast" and v9.candidates == [710403]


def test_an_unresolved_name_of_many_oblasts_gets_none() -> None:
    ent = Entity(type="place", start=22, end=32, text="Мартыновку", country="UA", confidence=0.29,
                 rule="place.unresolved", candidates=[701754, 701746])
    c9.check_namesakes("Ночью противник обстрелял Мартыновку.", [ent], {})
    assert ent.admin1 is None and ent.geonameid is None


def test_a_village_id_without_support_is_dropped_and_a_town_kept() -> None:
    """check_namesakes alone on v8-like answers: a Crimean Martynivka taken without support (KATOTTG: 22 of the
    name) loses its id; Pokrovsk (a town; KATOTTG: one of the name) keeps it."""
    village = Entity(type="place", start=26, end=36, text="Мартыновку", geonameid=701754, country="UA",
                     admin1="Crimea", lat=45.6, lon=34.3, confidence=0.9, rule="place.context")
    town = Entity(type="place", start=39, end=47, text="Покровск", geonameid=704422, country="UA",
                  admin1="Donetsk Oblast", lat=48.28, lon=37.18, confidence=0.9, rule="place.context")
    c9.check_namesakes("Ночью противник обстрелял Мартыновку и Покровск.", [village, town], {})
    assert village.geonameid is None and village.candidates == [701754]
    assert town.geonameid == 704422


def test_v8_is_unchanged() -> None:
    """v8 runs as before: no KATOTTG data among what it may load, and its answer on a hidden namesake stands."""
    assert c9.TABLE.split("/")[0] + "/" not in REGISTRY["entities.ruuk.v8"].data
    assert places(V8, "Вночі ворог обстріляв Кам’янське у Запорізькій області.")["Кам’янське"].geonameid == 706967


@pytest.mark.parametrize("gold_name, key", [("places_ruuk_dev.jsonl", "ruuk_dev"),
                                            ("places_ruuk_dev_b.jsonl", "ruuk_dev_b"),
                                            ("places_ruuk_dev_c.jsonl", "ruuk_dev_c")])
def test_v9_meets_v8s_floors_on_the_cyrillic_dev_sets(shared: Path, gold_name: str, key: str) -> None:
    result = score_places(gold_name, V9)
    floor = FLOORS["places"][key]["v8"]
    assert result["id_right"] >= floor["id_right"], result["groups"]
    assert result["confident_wrong"] <= floor["max_confident_wrong"], result["groups"]


# -- entities.v4: the same check on Latin mentions (registered, not the default) -------------------------------------

EN2 = Pipeline(DEFAULT, None, REGISTRY)
EN4 = Pipeline(["entities.v4" if s.startswith("entities.v") else s for s in DEFAULT], None, REGISTRY)


@pytest.mark.parametrize("spelling", ["Mikhaylovka", "Mykhajlivka", "Mykhaylivka"])
def test_latin_spellings_find_the_namesakes(spelling: str) -> None:
    from moralewatch.entities import english_v4 as e4

    assert e4.latin_fold(spelling) == e4.latin_fold("Mykhailivka")
    assert len(e4.latin_namesakes(spelling)) > 100


def test_v4_drops_an_english_id_its_oblast_does_not_decide() -> None:
    """KATOTTG holds two Olenivka in Donetsk oblast, the gazetteer one: the oblast named leaves a namesake."""
    text = "Russian forces shelled Olenivka, Donetsk region, overnight, the governor said."
    assert places(EN2, text)["Olenivka"].geonameid == 698614
    v4 = places(EN4, text)["Olenivka"]
    assert v4.geonameid is None and v4.candidates == [698614] and v4.admin1 == "Donetsk Oblast"


def test_v4_keeps_a_town() -> None:
    text = "Russian forces shelled Pokrovsk and Kramatorsk overnight, the governor said."
    assert places(EN4, text)["Pokrovsk"].geonameid == places(EN2, text)["Pokrovsk"].geonameid == 704422
