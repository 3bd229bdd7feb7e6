"""Cyrillic places that are never confidently wrong (entities.ruuk.v4): v3's reading keeps its id only with support
the text gives it (an oblast named for it, a relation it fits, a paragraph place near it, prominence, or a region
for a town or a rare name); a common village name with only its region named somewhere stays candidates and a
confidence (invented sentences)."""

from __future__ import annotations

from moralewatch.entities.cyrillic_confidence import Thresholds, confident
from moralewatch.model import Document, Entity
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY

V3 = Pipeline(["entities.ruuk.v3" if s.startswith("entities.ruuk.") else s for s in DEFAULT], None, REGISTRY)
V4 = Pipeline(["entities.ruuk.v4" if s.startswith("entities.ruuk.") else s for s in DEFAULT], None, REGISTRY)


def place(pipe: Pipeline, text: str, surface: str) -> Entity:
    doc = pipe.run(Document(text=text))
    hits = [e for e in doc.entities if e.type == "place" and e.text == surface]
    assert hits, [(e.text, e.rule) for e in doc.entities]
    return hits[0]


def test_a_common_village_name_with_its_region_named_elsewhere_keeps_candidates() -> None:
    """Many Mikhailovkas: the one the gazetteer holds in Kursk oblast is not thereby the one the text means."""
    text = ("Губернатор Курской области сообщил об эвакуации жителей.\n\nПротивник обстрелял Михайловку ночью, "
            "пострадавших нет.")
    taken = place(V3, text, "Михайловку").geonameid
    assert taken is not None  # v3 took the Kursk-oblast reading
    e = place(V4, text, "Михайловку")
    assert e.geonameid is None and e.lat is None
    assert e.candidates and e.candidates[0] == taken and len(e.candidates) > 1
    assert e.admin1 is None  # the region is named in another paragraph, not for the mention
    assert e.confidence is not None and e.confidence < 0.5


def test_the_region_of_the_paragraph_is_kept_without_an_id() -> None:
    text = "Бои идут в Херсонской области. Украинские войска вошли в Ивановку, сообщают жители. Подробностей нет."
    e = place(V4, text, "Ивановку")
    assert e.geonameid is None and e.admin1 == "Kherson Oblast" and e.candidates


def test_an_oblast_named_for_the_village_is_support() -> None:
    text = "Противник обстрелял Михайловку Курской области ночью, пострадавших нет. Губернатор сообщил подробности."
    e = place(V4, text, "Михайловку")
    assert e.geonameid is not None and e.admin1 == "Kursk Oblast"


def test_a_village_placed_once_is_placed_in_every_mention() -> None:
    """The second paragraph names the village alone; the first placed it by the oblast named for it."""
    text = ("Противник обстрелял Михайловку Курской области ночью, пострадавших нет.\n"
            "Днем в Михайловку приехали спасатели, сообщил губернатор.")
    doc = V4.run(Document(text=text))
    ids = [e.geonameid for e in doc.entities if e.type == "place" and e.text == "Михайловку"]
    assert len(ids) == 2 and ids[0] is not None and ids[0] == ids[1]
    alone = place(V4, "Днем в Михайловку приехали спасатели.\nГубернатор Курской области рассказал о помощи.",
                  "Михайловку")
    assert alone.geonameid is None  # without the first paragraph: a common name, its region named elsewhere


def test_a_prominent_town_and_a_rare_name_keep_their_ids() -> None:
    # Avdiivka: a town of 35,000 against villages of 2,000 (its Russian spelling is a GeoNames variant)
    e = place(V4, "Сегодня ночью дроны атаковали Авдеевку, сообщают военкоры. Подробностей нет.", "Авдеевку")
    assert e.geonameid == 713122
    # Kreminna: the gazetteer knows one settlement of that name, and the text names its region
    e = place(V4, "Ситуация в Луганской области сложная. Бои идут у Кременной, сообщили военные.", "Кременной")
    assert e.geonameid == 704138


def test_regions_are_not_weighed_as_settlements() -> None:
    """"Севастополя" read as the region and "Чечне" as a region: no settlement reading to doubt."""
    text = "Жители Севастополя слышали взрывы ночью.\nВ Чечне прошли учения, сообщили власти."
    for surface in ("Севастополя", "Чечне"):
        assert place(V4, text, surface).geonameid == place(V3, text, surface).geonameid is not None


def test_weak_support_is_enough_only_for_a_town_or_a_rare_name() -> None:
    th = Thresholds(near_km=30.0, town=20_000, weak_town=10_000, rare=2)
    assert confident("weak", 12_000.0, 16, th)  # a town of 12,000 with its region named
    assert confident("weak", 600.0, 1, th)  # the only settlement of its name
    assert not confident("weak", 3_000.0, 15, th)  # a village with fifteen namesakes in the gazetteer alone
    assert not confident(None, 50_000.0, 1, th)  # nothing in the text for it
    assert confident("relation", 300.0, 20, th) and confident("oblast", 300.0, 20, th)


def test_v4_leaves_documents_without_cyrillic_places_alone() -> None:
    text = "Russian forces shelled Mykhailivka overnight, the regional governor said. No one was hurt."
    a = [(e.text, e.geonameid) for e in V3.run(Document(text=text)).entities]
    b = [(e.text, e.geonameid) for e in V4.run(Document(text=text)).entities]
    assert a == b


def test_regions_are_found_as_the_full_pattern_finds_them() -> None:
    """The quick search (:func:`_region_matches`) finds what the region pattern's own search does."""
    from moralewatch.entities.context_ruuk import _region_matches, _regions

    stems, pattern = _regions()
    assert min(len(s) for s in stems) >= 3  # the quick search looks for a stem's first three letters
    texts = ["Обстрелы в Донецкой области и на Харківщині, ДНР и ЛНР.", "xДонецкой области, донеччина, ДОНЕЦКОЙ ОБЛ.",
             "в Сумській, Донецькій та Харківській областях", "Крым-Крыму, Криму, кримський міст", "до за ки"]
    for text in texts:
        assert [m.span() for m in _region_matches(text)] == [m.span() for m in pattern.finditer(text)]
    assert _region_matches(texts[0])
