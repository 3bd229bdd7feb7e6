"""entities.v2 and links.v2 (issue 13, items 3 and 4): ambiguous places in context, years the text names for its
events, and where each evidence date came from."""

from __future__ import annotations

import json
from pathlib import Path

from moralewatch.api import analyze_text, extract_line
from moralewatch.entities import find_all
from moralewatch.entities.dates import find_dates
from moralewatch.entities.gazetteer import gazetteer
from moralewatch.eval.entities import place_outcome
from moralewatch.model import Entity

ROOT = Path(__file__).resolve().parents[1]


def _place(text: str, surface: str, in_context: bool = True) -> Entity:
    hits = [e for e in find_all(text, "2022-07-01", in_context) if e.type == "place" and e.text == surface]
    assert hits, f"{surface!r} not found as a place in {text!r}"
    return hits[0]


def _ids(surface: str, admin1: str) -> list[int]:
    return [c.place.geonameid for c in gazetteer().lookup(surface)
            if c.place.feature == "city" and c.place.admin1 == admin1 and c.place.geonameid is not None]


def test_an_oblast_named_for_the_village_picks_its_reading() -> None:
    text = "Shelling hit the village of Kostiantynivka, Zaporizhzhia region."
    [zaporizhzhia] = _ids("Kostiantynivka", "Zaporizhzhia Oblast")
    got = _place(text, "Kostiantynivka")
    assert (got.geonameid, got.admin1) == (zaporizhzhia, "Zaporizhzhia Oblast")
    assert _place(text, "Kostiantynivka", in_context=False).admin1 == "Donetsk Oblast"  # entities.v1: by name


def test_a_village_of_that_oblast_the_gazetteer_lacks_stays_unresolved_with_its_oblast() -> None:
    assert not _ids("Pavlovka", "Donetsk Oblast") and not _ids("Pavlivka", "Donetsk Oblast")
    got = _place("Russian troops took Pavlovka, Donetsk region, on Monday.", "Pavlovka")
    assert got.geonameid is None and got.lat is None and got.lon is None
    assert got.admin1 == "Donetsk Oblast"
    assert got.rule == "place.unresolved" and got.confidence is not None and got.confidence < 0.5


def test_a_stated_distance_from_another_place_picks_the_reading_at_that_distance() -> None:
    [kharkiv_lyman] = _ids("Lyman", "Kharkiv Oblast")
    got = _place("Fighting near Lyman, 45 km south of Kharkiv, went on.", "Lyman")
    assert (got.geonameid, got.admin1) == (kharkiv_lyman, "Kharkiv Oblast")
    assert _place("Fighting near Lyman went on.", "Lyman", in_context=False).admin1 == "Donetsk Oblast"


def test_the_places_of_the_paragraph_outweigh_population() -> None:
    [vinnytsia] = _ids("Trostyanets", "Vinnytsia Oblast")
    text = "Shelling near Vinnytsia, Haisyn and Trostyanets went on overnight."
    assert _place(text, "Trostyanets").geonameid == vinnytsia
    assert _place(text, "Trostyanets", in_context=False).admin1 == "Sumy Oblast"  # the bigger namesake


def test_without_context_a_name_several_villages_share_is_never_a_confident_answer() -> None:
    got = _place("Yet the retaking of Pavlivka was a welcome turnaround.", "Pavlivka")
    assert got.geonameid is None and got.lat is None
    assert got.candidates and len(got.candidates) >= 3
    assert set(got.candidates) <= {c.place.geonameid for c in gazetteer().lookup("Pavlivka")}
    assert got.confidence is not None and got.confidence < 0.5


def test_a_city_by_far_the_biggest_of_its_name_is_not_moved_by_an_oblast_after_it() -> None:
    got = _place("Russian troops entered Lysychansk, the last city held by Kyiv in Luhansk province.", "Kyiv")
    assert (got.name, got.admin1) == ("Kyiv", "Kyiv City")


def test_unresolved_places_carry_candidates_and_confidence_in_the_extract_output() -> None:
    line = json.dumps({"id": "a", "text": "Yet the retaking of Pavlivka was a welcome turnaround for Ukraine."})
    places = [e for e in extract_line(line)["entities"] if e["text"] == "Pavlivka"]
    assert places and "geonameid" not in places[0] and places[0]["candidates"]
    assert 0 <= places[0]["confidence"] < 0.5


def test_a_year_the_paragraph_names_for_its_events_anchors_days_and_months_without_one() -> None:
    text = ("In 2022, Russian forces withdrew from Kyiv in early April. On 3 March they had shelled Kharkiv.\n"
            "In early April the talks resumed.")
    new = [(e.text, e.value) for e in find_dates(text, "2026-05-10", True)]
    assert new == [("early April", "2022-04"), ("3 March", "2022-03-03"), ("early April", "2026-04")]
    old = [e.value for e in find_dates(text, "2026-05-10")]
    assert old == ["2026-04", "2026-03-03", "2026-04"]
    # without a publication date the named year still anchors; nothing else is made up
    assert [e.value for e in find_dates(text, None, True)] == ["2022-04", "2022-03-03"]


def test_a_year_inside_another_date_frames_nothing_after_it() -> None:
    text = "McCain died in August 2018; Reid died last December; and Hatch died on 23 April. It began since 2014 in March."
    values = [e.value for e in find_dates(text, "2022-05-22", True)]
    assert "2022-04-23" in values and "2018-04-23" not in values and "2014-03" not in values


def test_evidence_dates_say_where_they_came_from() -> None:
    text = ("Officials spoke briefly.\n\n"
            "In Bakhmut on Tuesday, a soldier said: “We are exhausted and nobody came to relieve us.”\n\n"
            "On Monday the brigade moved. “We were lied to,” another soldier said.\n\n"
            "“We have no food,” a third soldier said.")
    doc = analyze_text(text, date="2022-07-20")
    got = {q.text[:12]: (q.date, q.date_source) for q in doc.quotes}
    assert got["We are exhau"] == ("2022-07-19", "sentence")
    assert got["We were lied"] == ("2022-07-18", "paragraph")
    assert got["We have no f"] == ("2022-07-20", "published")
    undated = analyze_text(text.replace(" on Tuesday", "").replace("On Monday the", "The"))
    assert {q.date_source for q in undated.quotes} == {"none"}
    assert all(q.date is None for q in undated.quotes)


def test_place_outcomes_of_the_places_scorer() -> None:
    gold_id = {"geonameid": 1, "admin1": "A"}
    gold_null = {"geonameid": None, "admin1": "A"}
    assert place_outcome(gold_id, {"geonameid": 1}) == "right"
    assert place_outcome(gold_id, {"geonameid": 2}) == "confident_wrong"
    assert place_outcome(gold_id, {"geonameid": None, "admin1": "A"}) == "unresolved"
    assert place_outcome(gold_id, None) == "missed"
    assert place_outcome(gold_null, {"geonameid": 2, "admin1": "A", "granularity": "city"}) == "confident_wrong"
    assert place_outcome(gold_null, {"geonameid": 3, "admin1": "A", "granularity": "region"}) == "right"
    assert place_outcome(gold_null, {"geonameid": None, "admin1": "A"}) == "right"
    assert place_outcome(gold_null, {"geonameid": None, "admin1": "B"}) == "confident_wrong"
    assert place_outcome(gold_null, {"geonameid": None, "admin1": None}) == "right"


def test_the_dev_set_is_well_formed_and_disjoint_from_the_held_out_set() -> None:
    dev = [json.loads(x) for x in (ROOT / "gold/pages/places_dev.jsonl").read_text(encoding="utf-8").splitlines()]
    held = [json.loads(x) for x in (ROOT / "gold/pages/places.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(dev) >= 30
    assert not {d["id"] for d in dev} & {h["id"] for h in held}
    for d in dev:
        assert d["geonameid"] is not None or d["admin1"]
        assert len(d["sha1"]) == 12 and d["end"] > d["start"]


def test_the_store_keeps_date_sources_and_place_candidates_and_the_dashboard_counts_undated_items(
        tmp_path: Path) -> None:
    import sqlite3

    from moralewatch.api import analyze
    from moralewatch.store import connect
    from moralewatch.web.index import FactIndex
    from moralewatch.web.views import meta

    text = ("Yet the retaking of Pavlivka was a welcome turnaround. A soldier there said morale was very low "
            "and that many men had deserted.\n\n\"We are exhausted and nobody came to relieve us,\" he said.\n")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "undated.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "s.db"
    analyze([str(tmp_path / "in")], str(db))
    conn = sqlite3.connect(db)
    sources = {r[0] for r in conn.execute("SELECT date_source FROM quotes UNION SELECT date_source FROM indicators")}
    assert sources == {"none"}
    n_ind = conn.execute("SELECT count(*) FROM indicators").fetchone()[0]
    assert n_ind > 0
    cands, conf = conn.execute("SELECT candidates, confidence FROM entities WHERE text = 'Pavlivka'").fetchone()
    assert len(json.loads(cands)) >= 3 and conf < 0.5
    conn.close()
    m = meta(FactIndex(connect(db, readonly=True)).refresh())
    assert m["counts"]["undated"] == m["counts"]["indicators"] == n_ind


def test_a_paragraph_date_frames_only_the_sentences_after_it() -> None:
    text = ("Still, he said, the occupiers continued “to destroy settlements with barrel artillery.” Six civilians "
            "were killed by shelling in the Donetsk region on Friday, officials said.\n\n"
            "The talks resumed on Monday. “We will not give up one village,” the negotiator said.")
    doc = analyze_text(text, date="2022-07-30")
    got = {q.text[:12]: (q.date, q.date_source) for q in doc.quotes}
    assert got["to destroy s"] == ("2022-07-30", "published")  # Friday is the shelling's, in a later sentence
    assert got["We will not "] == ("2022-07-25", "paragraph")


def test_a_future_weekday_that_is_the_publication_day_is_that_day() -> None:
    text = "The first ship was expected to anchor at Istanbul on Tuesday night. They meet again next Tuesday."
    assert [e.value for e in find_dates(text, "2022-08-02", True)] == ["2022-08-02", "2022-08-09"]
    assert [e.value for e in find_dates(text, "2022-08-02")] == ["2022-08-09", "2022-08-09"]  # entities.v1
