"""More Russian and Ukrainian place names found, and fewer confident wrong answers (entities.ruuk.v3): adjectival
names in their own gender, alternate GeoNames spellings, an adjective and a noun, a town word, a list of places; a
small settlement only with the document's support; never an adjective before its noun, a list of regions or a word
of the dictionary (invented sentences)."""

from __future__ import annotations

import pytest

from moralewatch.entities.context_ruuk import region_mentions
from moralewatch.model import Document, Entity
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY

V2 = Pipeline(["entities.ruuk.v2" if s.startswith("entities.ruuk.") else s for s in DEFAULT], None, REGISTRY)
V3 = Pipeline(["entities.ruuk.v3" if s.startswith("entities.ruuk.") else s for s in DEFAULT], None, REGISTRY)


def places(pipe: Pipeline, text: str) -> dict[str, Entity]:
    doc = pipe.run(Document(text=text))
    return {e.text: e for e in doc.entities if e.type == "place"}


@pytest.mark.parametrize(("text", "surface", "geonameid"), [
    # an adjectival town name in its own gender and case, in a list with another town
    ("Вчора окупанти знову обстріляли Рубіжне і Кремінну, повідомив голова адміністрації. Є поранені.",
     "Кремінну", 704138),
    # a town word makes the dictionary's adjective a name
    ("Сьогодні вранці ракета влучила в місто Миколаїв, зруйновано кілька будинків. Рятувальники працюють.",
     "Миколаїв", 700569),
    # an alternate GeoNames spelling of a small town, with its region named
    ("Ворог знову обстріляв житлові квартали в Охтирці на Сумщині. Загиблих немає.", "Охтирці", 713749),
])
def test_v3_finds_the_names_v2_misses(text: str, surface: str, geonameid: int) -> None:
    assert surface not in places(V2, text) or places(V2, text)[surface].geonameid != geonameid
    e = places(V3, text)[surface]
    assert e.geonameid == geonameid


def test_an_adjective_and_a_noun_are_one_name() -> None:
    text = "Российские подразделения вышли к Великой Новоселке Донецкой области, сообщает наш источник. Бои идут."
    e = places(V3, text)["Великой Новоселке"]
    assert e.geonameid == 690237 and e.admin1 == "Donetsk Oblast"


def test_the_words_before_a_listed_region_are_read_alone() -> None:
    text = "Вечером беспилотник упал у завода, Железногорск Курской области остался без света, пишут каналы."
    assert "Железногорск" not in places(V2, text)  # v2 skipped the whole run "Железногорск Курской"
    e = places(V3, text)["Железногорск"]
    assert e.geonameid == 463343 and e.admin1 == "Kursk Oblast"  # the Kursk one, not Krasnoyarsk's


@pytest.mark.parametrize(("text", "surface"), [
    # an adjective before the noun it qualifies
    ("Новый мост построят в Красноярском крае к осени, обещают власти. Денег пока нет.",
     "Красноярском"),
    # a list of regions, not of towns (Kurskaya, Bryanka are towns of those names)
    ("За сутки ПВО сбила дроны над Брянской, Курской и Белгородской областями, сообщили в ведомстве.", "Курской"),
    # a word of the dictionary, capitalised for emphasis
    ("Мы все ждём, когда придёт Победа, пишет автор канала. Пока же идут тяжёлые бои.", "Победа"),
])
def test_adjectives_and_common_words_are_no_places(text: str, surface: str) -> None:
    assert surface not in places(V3, text)


def test_a_small_village_with_nothing_in_the_document_for_it_stays_unknown() -> None:
    """The gazetteer knows one Demydivka (in Rivne oblast); a text about Kyiv's defence means another."""
    text = "Мешканці Демидівки самі розібрали міст, щоб зупинити колону. Дякую їм за це."
    e = places(V3, text)["Демидівки"]
    assert e.geonameid is None and e.admin1 is None and e.candidates  # the reading is kept as a candidate


def test_the_same_village_is_taken_when_its_region_is_named() -> None:
    text = "Мешканці Демидівки на Рівненщині зібрали допомогу для біженців. Дякую їм за це."
    e = places(V3, text)["Демидівки"]
    assert e.geonameid is not None and e.admin1 == "Rivne Oblast"


def test_a_town_after_a_village_word_is_a_namesake() -> None:
    """Melenki in the gazetteer is a town of 14,000; "в деревне Меленки" is a village of that name."""
    text = "Пожар начался ночью в деревне Меленки, огонь быстро потушили. Никто не пострадал."
    e = places(V3, text)["Меленки"]
    assert e.geonameid is None


def test_a_town_stands_without_support() -> None:
    text = "В Херсоне снова прилеты, сообщают местные каналы. Свет отключен в нескольких районах."
    assert places(V3, text)["Херсоне"].geonameid == 706448


def test_regions_are_read_more_strictly() -> None:
    coordinated = "Гуманітарні коридори в Сумській, Донецькій та Харківській областях працюють."
    assert {a for *_, a in region_mentions(coordinated)} == {"Kharkiv Oblast"}  # v2's reading
    assert {a for *_, a in region_mentions(coordinated, strict=True)} == {
        "Sumy Oblast", "Donetsk Oblast", "Kharkiv Oblast"}
    town = "Строительство укрытий на авиабазе в Крымске продолжается."
    assert region_mentions(town) and not region_mentions(town, strict=True)  # Krymsk is no "Крым"
