"""Russian and Ukrainian place names in context (entities.ruuk.v2): a region named for a village, a relation to
another place, a country or a big city abroad, and unknown rather than a guess (invented sentences)."""

from __future__ import annotations

import pytest

from moralewatch.model import Document, Entity
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY

V1 = Pipeline(["entities.ruuk.v1" if s.startswith("entities.ruuk.") else s for s in DEFAULT], None, REGISTRY)
V2 = Pipeline(["entities.ruuk.v2" if s.startswith("entities.ruuk.") else s for s in DEFAULT], None, REGISTRY)


def place(pipe: Pipeline, text: str, surface: str) -> Entity:
    doc = pipe.run(Document(text=text))
    hits = [e for e in doc.entities if e.type == "place" and e.text == surface]
    assert hits, [(e.text, e.rule) for e in doc.entities]
    return hits[0]


def test_a_region_named_for_the_village_narrows_it_to_that_region() -> None:
    text = ("Сегодня утром в селе Андреевка Донецкой области погибли двое мирных жителей, сообщили местные власти. "
            "Обстрелы продолжаются.")
    e = place(V2, text, "Андреевка")  # v1 does not find it: the run "Андреевка Донецкой" read as one name
    assert e.admin1 == "Donetsk Oblast" and e.geonameid is None and e.candidates  # several Andriivkas there
    assert all(isinstance(c, int) for c in e.candidates)


def test_a_ukrainian_region_after_a_settlement_word() -> None:
    text = "Село Новоселівка Харківської області знову під обстрілом, повідомила місцева влада. Загиблих немає."
    e = place(V2, text, "Новоселівка")
    assert e.admin1 == "Kharkiv Oblast" and e.geonameid is None  # not in the gazetteer there: unknown, region kept


@pytest.mark.parametrize(("text", "surface", "name"), [
    ("Беспилотники ВСУ атаковали завод в Воронеже, сообщил губернатор. Пострадавших нет.", "Воронеже", "Voronezh"),
    ("После войны Донецк отстроили практически заново, и город стал одним большим памятником.", "Донецк", "Donetsk"),
])
def test_a_city_far_bigger_than_its_namesakes_is_taken(text: str, surface: str, name: str) -> None:
    assert place(V1, text, surface).geonameid is None  # v1 leaves every shared name unresolved
    e = place(V2, text, surface)
    assert e.name == name and e.geonameid is not None and e.rule == "place.context"


def test_a_relation_that_no_reading_fits_leaves_the_village_unknown() -> None:
    text = "Бои идут под Бахмутом. ВСУ отступили из Андреевки, в 10 км от Бахмута, сообщает наш корреспондент."
    e = place(V2, text, "Андреевки")
    assert e.geonameid is None and e.confidence == 0.0


def test_a_renamed_town_is_not_taken_for_a_village_on_its_old_name() -> None:
    """GeoNames lists Petrovka as an old name of Kurakhove: the paragraph's region alone does not make it so."""
    text = "ВС РФ взяли под контроль населенные пункты Петровка и Ильинка в ДНР, сообщили в Минобороны РФ."
    e = place(V2, text, "Петровка")
    assert e.geonameid is None


@pytest.mark.parametrize(("text", "surface", "name"), [
    # the Ukrainian dictionary knows these town names as common nouns only
    ("Вчора ворог завдав удару по Кременчуку, загинули люди. Президент України заявив про це.", "Кременчуку",
     "Kremenchuk"),
    ("Окупанти обстріляли Пологи Запорізької області, повідомила обласна адміністрація.", "Пологи", "Polohy"),
    # a listed country's stem ("Росія") does not take a town's name
    ("Он отвез их в Ростов и обеспечил всем необходимым.", "Ростов", "Rostov-on-Don"),
])
def test_a_town_s_own_name_inside_a_sentence_is_found(text: str, surface: str, name: str) -> None:
    assert place(V2, text, surface).name == name


@pytest.mark.parametrize(("text", "surface"), [
    ("Российские войска также взяли под контроль Нижний Клин, сообщают военблогеры.", "Клин"),
    ("Россияне приехали с севера, со стороны Лимана первого, сообщает DeepState.", "Лимана"),
    ("Горит нефтебаза в Каменском районе, говорят очевидцы.", "Каменском"),
])
def test_part_of_a_longer_name_or_a_district_is_not_the_town(text: str, surface: str) -> None:
    doc = V2.run(Document(text=text))
    assert not [e for e in doc.entities if e.type == "place" and e.text == surface and e.geonameid is not None]
