"""Cyrillic places without confident wrong answers (entities.ruuk.v6): an unresolved place keeps only an oblast named
for it, a reading found by another settlement's variant spelling gives way to the settlement the mention spells, a
city that is also its own region is the city, weak support for a small settlement needs its paragraph or a unique
name in a document focused on its country (invented sentences and constructed readings)."""

from __future__ import annotations

import copy

from moralewatch.entities import cyrillic_v6 as c6
from moralewatch.entities.cyrillic_confidence import _context
from moralewatch.entities.gazetteer import Place
from moralewatch.model import Document, Entity
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY

V5 = Pipeline(["entities.ruuk.v5" if s.startswith("entities.ruuk.") else s for s in DEFAULT], None, REGISTRY)
V6 = Pipeline(["entities.ruuk.v6" if s.startswith("entities.ruuk.") else s for s in DEFAULT], None, REGISTRY)


def place(pipe: Pipeline, text: str, surface: str) -> Entity:
    doc = pipe.run(Document(text=text))
    hits = [e for e in doc.entities if e.type == "place" and e.text == surface]
    assert hits, [(e.text, e.rule) for e in doc.entities]
    return hits[0]


def test_an_unresolved_village_takes_no_oblast_the_text_did_not_name_for_it() -> None:
    """The paragraph names Kherson oblast, but 23 Ivanivkas and the gazetteer's Kherson ones may not be the village
    meant: v5 gave the paragraph's oblast (a confident wrong answer where the village lies elsewhere), v6 none."""
    text = "В Херсонской области ВСУ освободили Любимовку и Ивановку."
    v5 = place(V5, text, "Ивановку")
    v6 = place(V6, text, "Ивановку")
    assert v5.geonameid is None and v5.admin1 == "Kherson Oblast"
    assert v6.geonameid is None and v6.admin1 is None
    assert v6.candidates == v5.candidates and v6.confidence == v5.confidence


def test_an_oblast_named_for_the_village_is_kept() -> None:
    text = "Сегодня утром в селе Андреевка Донецкой области погибли двое мирных жителей, сообщили местные власти."
    e = place(V6, text, "Андреевка")
    assert e.geonameid is None and e.admin1 == "Donetsk Oblast" and e.candidates


def test_sevastopol_is_the_city_not_the_region_of_the_same_name() -> None:
    text = "Число погибших после атаки ВСУ на Севастополь увеличилось до трех человек."
    assert place(V5, text, "Севастополь").geonameid == 694422  # the first-level region
    e = place(V6, text, "Севастополь")
    assert e.geonameid == 694423 and e.admin1 == "Sevastopol" and e.lat is not None


def test_a_variant_spelling_of_another_settlement_gives_way_to_the_name_the_mention_spells() -> None:
    """"Наурскую" (feminine): v3's adjective lookup tries the masculine "Naurskiy" first, a GeoNames variant of
    Alpatovo; the feminine is the primary name of Naurskaya."""
    e = Entity(type="place", start=7, end=15, text="Наурскую", name="Alpatovo", geonameid=523210, admin1="Chechnya",
               country="RU", lat=43.7, lon=45.2)
    assert c6._variant_taken(e) is False  # not confident-breaking: the one settlement it spells is taken
    assert e.geonameid == 523206 and e.name == "Naurskaya"
    f = Entity(type="place", start=0, end=8, text="Наурскую", name="Naurskaya", geonameid=523206, admin1="Chechnya",
               country="RU")
    assert c6._variant_taken(copy.copy(f)) is False and f.geonameid == 523206  # already the mention's own name


def test_naurskaya_in_a_sentence_is_naurskaya() -> None:
    text = "Да ребят, вот уже как на Украине.\n\nСтаницу Наурскую в Чечне переименовали в город Невре.\n\nТак-то."
    assert place(V5, text, "Наурскую").geonameid == 523210  # Alpatovo, by its variant "Naurskiy"
    e = place(V6, text, "Наурскую")
    assert e.geonameid == 523206 and e.name == "Naurskaya" and e.admin1 == "Chechnya"


def _pl(gid: int, admin1: str, population: int, country: str = "UA", lat: float = 48.0, lon: float = 37.0) -> Place:
    return Place(gid, f"P{gid}", "city", country, admin1, lat, lon, population)


def _ent(text: str, surface: str, p: Place) -> Entity:
    start = text.index(surface)
    return Entity(type="place", start=start, end=start + len(surface), text=surface, name=p.name,
                  geonameid=p.geonameid, admin1=p.admin1, country=p.country, lat=p.lat, lon=p.lon)


def test_weak_support_for_a_small_village_needs_its_paragraph() -> None:
    far = "В Донецкой области идут бои.\n\nВ селе Пески снова стреляли."
    near = "В Донецкой области идут бои, в селе Пески снова стреляли."
    p, q = _pl(1, "Donetsk Oblast", 1_500), _pl(2, "Odesa Oblast", 900)
    st = c6.Strict(unique_focus=0.0)
    e = _ent(far, "Пески", p)
    assert c6.strict_veto(e, _context(far, [e], {}), [p, q], "weak", {}, st) == "weak_small"
    assert c6.strict_veto(e, _context(far, [e], {}), [p, q], "oblast", {}, st) is None
    assert c6.strict_veto(e, _context(far, [e], {}), [p, q], "weak", {}, c6.Strict(weak_small=0)) is None
    f = _ent(near, "Пески", p)
    assert c6.strict_veto(f, _context(near, [f], {}), [p, q], "weak", {}, st) is None
    big = _pl(3, "Donetsk Oblast", 50_000)
    g = _ent(far, "Пески", big)
    assert c6.strict_veto(g, _context(far, [g], {}), [big, q], "weak", {}, st) is None


def test_a_unique_name_stands_on_weak_support_when_the_document_is_about_its_country() -> None:
    text = "В Донецкой области идут бои.\n\nВ Пісках снова стреляли."
    p = _pl(1, "Donetsk Oblast", 1_500)
    e = _ent(text, "Пісках", p)
    st = c6.Strict(unique_focus=0.5)
    ctx = _context(text, [e], {})
    assert c6.strict_veto(e, ctx, [p], "weak", {"UA": 0.8, "RU": 0.2}, st) is None
    assert c6.strict_veto(e, ctx, [p], "weak", {"UA": 0.2, "RU": 0.8}, st) == "weak_small"
    assert c6.strict_veto(e, ctx, [p, _pl(2, "Odesa Oblast", 900)], "weak", {"UA": 1.0}, st) == "weak_small"


def test_one_countrys_reading_needs_the_documents_focus_on_that_country() -> None:
    text = "Дроны атаковали Новомосковск."
    ru, ua = _pl(1, "Tula Oblast", 125_000, "RU"), _pl(2, "Dnipropetrovsk Oblast", 70_000)
    e = _ent(text, "Новомосковск", ru)
    ctx = _context(text, [e], {})
    st = c6.Strict(focus=0.5)
    assert c6.strict_veto(e, ctx, [ru, ua], "weak", {"UA": 0.75, "RU": 0.25}, st) == "focus"
    assert c6.strict_veto(e, ctx, [ru, ua], "weak", {"RU": 1.0}, st) is None
    assert c6.strict_veto(e, ctx, [ru, ua], "weak", {}, st) is None  # no measured focus: v5's answer
    assert c6.strict_veto(e, ctx, [ru, ua], "weak", {"UA": 1.0}, c6.Strict(focus=0.0)) is None


def test_v6_leaves_english_alone() -> None:
    text = "Ukrainian forces held positions near Bakhmut and Pavlivka, officials in Donetsk region said."
    assert [(e.text, e.geonameid, e.admin1) for e in V6.run(Document(text=text)).entities] == \
        [(e.text, e.geonameid, e.admin1) for e in V5.run(Document(text=text)).entities]


def test_a_region_left_unresolved_keeps_its_own_name_as_oblast() -> None:
    """v3 leaves "Крым" between the peninsula and the village Krym; its oblast is the region it names itself."""
    e = place(V6, "Ракеты снова летят на Крым, сообщили в штабе.", "Крым")
    assert e.geonameid is None and e.admin1 == "Crimea"
    es = [Entity(type="place", start=22, end=26, text="Крым", rule="place.unresolved", admin1="Crimea",
                 candidates=[1]),
          Entity(type="place", start=31, end=39, text="Ивановку", rule="place.unresolved", admin1="Crimea",
                 candidates=[2])]
    c6._named_oblasts_only("Ракеты снова летят на Крым, и на Ивановку.", es)
    assert [e.admin1 for e in es] == ["Crimea", None]


def test_one_place_per_name_in_a_document() -> None:
    """A mention v3 left a namesake takes the settlement another mention of the document names with an id; a
    mention whose candidates hold two such settlements, or none, stays unresolved."""
    placed = Entity(type="place", start=0, end=11, text="Білогорівка", name="Bilohorivka", geonameid=712588,
                    admin1="Luhansk Oblast", country="UA", lat=48.9, lon=38.2, rule="ruuk:gazetteer", confidence=0.9)
    later = Entity(type="place", start=100, end=111, text="Білогорівка", name="Білогорівка", rule="place.unresolved",
                   candidates=[712588], confidence=0.2, country="UA")
    other = Entity(type="place", start=200, end=208, text="Ивановку", name="Ивановку", rule="place.unresolved",
                   candidates=[1, 2], confidence=0.3, country="UA")
    c6._one_place_per_name([placed, later, other])
    assert later.geonameid == 712588 and later.admin1 == "Luhansk Oblast" and later.candidates is None
    assert other.geonameid is None and other.candidates == [1, 2]
    a = Entity(type="place", start=0, end=3, text="Аaa", geonameid=1, lat=1.0, lon=1.0, rule="ruuk:gazetteer")
    b = Entity(type="place", start=10, end=13, text="Ббб", geonameid=2, lat=2.0, lon=2.0, rule="ruuk:gazetteer")
    c6._one_place_per_name([a, b, other])
    assert other.geonameid is None  # two of its candidates named: which one is not said
