"""entities.v1 and links.v1: places resolved from the gazetteer with context, people, organisations, dates."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from moralewatch.api import analyze_text
from moralewatch.entities import find_all
from moralewatch.entities.dates import find_dates
from moralewatch.entities.gazetteer import gazetteer


def _places(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.text, e.name, e.granularity) for e in find_all(text, "2022-07-20") if e.type == "place"]


def _of(text: str, kind: str) -> list[str]:
    return [e.text for e in find_all(text, "2022-07-20") if e.type == kind]


def test_transliterations_resolve_to_one_place() -> None:
    gaz = gazetteer()
    for a, b in (("Kiev", "Kyiv"), ("Kharkov", "Kharkiv"), ("Artemovsk", "Bakhmut"), ("Nikolaev", "Mykolaiv"),
                 ("Donbass", "Donbas"), ("Zaporozhye", "Zaporizhzhia"), ("Severodonetsk", "Sievierodonetsk")):
        assert gaz.lookup(a)[0].place == gaz.lookup(b)[0].place, (a, b)
    kyiv = gaz.lookup("Kyiv")[0].place
    assert (kyiv.country, kyiv.admin1) == ("UA", "Kyiv City")
    assert abs(kyiv.lat - 50.45) < 0.1 and abs(kyiv.lon - 30.52) < 0.1  # type: ignore[operator]


def test_city_or_oblast_from_context() -> None:
    assert _places("Shelling hit the Kherson region overnight.") == [("Kherson", "Kherson Oblast", "region")]
    assert _places("Fighting in Luhansk Province went on.") == [("Luhansk", "Luhansk Oblast", "region")]
    assert _places("They fled the southern city of Kherson.") == [("Kherson", "Kherson", "city")]


def test_no_place_inside_other_names() -> None:
    text = ("The Washington Post and the Kyiv Independent said Vladimir Putin met Defense Secretary Lloyd Austin. "
            "Austin was awarded the Hero of Ukraine medal, the Moscow Times wrote.")
    assert _places(text) == []
    assert "Vladimir Putin" in _of(text, "person")
    assert "Austin" in _of(text, "person")
    assert {"Washington Post", "Kyiv Independent", "Moscow Times"} <= set(_of(text, "org"))


def test_metonymy_and_dateline_places() -> None:
    places = _places("KHARKIV, Ukraine — Washington and Moscow traded charges as Russia shelled Bakhmut.")
    assert [p[1] for p in places] == ["Kharkiv", "Ukraine", "Washington", "Moscow", "Russia", "Bakhmut"]


def test_common_words_and_small_villages_need_place_context() -> None:
    assert _places("Mama, this is so hard.") == []
    assert _places("Bar owners were worried.") == []


def test_people_by_title_given_name_and_later_surname() -> None:
    text = "Michael Kofman, an analyst, spoke. Later Mr. Blinken met Ms. Harris. Kofman said it was over."
    people = [(e.text, e.name) for e in find_all(text, None) if e.type == "person"]
    assert ("Michael Kofman", "Michael Kofman") in people
    assert ("Kofman", "Michael Kofman") in people
    assert ("Blinken", "Antony Blinken") in people


def test_organisations_by_lexicon_head_and_house_style() -> None:
    text = ("The Main Intelligence Directorate, the 28th Separate Mechanized Brigade and Russia’s defense "
            "ministry spoke, as did the Institute for the Study of War.")
    orgs = _of(text, "org")
    assert "Main Intelligence Directorate" in orgs
    assert "28th Separate Mechanized Brigade" in orgs
    assert "defense ministry" in orgs
    assert "Institute for the Study of War" in orgs
    assert _places(text) == [("Russia", "Russia", "country")]


def test_relative_dates_resolve_against_publication() -> None:
    text = ("On Tuesday officials spoke; early Thursday a strike hit. Last week, earlier this month and "
            "in February were quiet, as they had been since 2014. The talks will end on Friday. 24 February.")
    got = {(e.text, e.value, e.granularity) for e in find_dates(text, "2022-07-20")}  # a Wednesday
    assert ("Tuesday", "2022-07-19", "day") in got
    assert ("early Thursday", "2022-07-14", "day") in got
    assert ("Last week", "2022-W28", "week") in got
    assert ("earlier this month", "2022-07", "month") in got
    assert ("February", "2022-02", "month") in got
    assert ("2014", "2014", "year") in got
    assert ("Friday", "2022-07-22", "day") in got
    assert ("24 February", "2022-02-24", "day") in got


def test_durations_and_verbs_are_not_dates() -> None:
    assert find_dates("They fought for weeks; it may end. March on, he said. 24 hours later.", "2022-07-20") == []


def test_relative_dates_need_a_publication_date() -> None:
    assert find_dates("It happened on Tuesday.", None) == []
    assert [e.value for e in find_dates("It happened on March 3, 2022.", None)] == ["2022-03-03"]


def test_links_fill_quote_place_and_date_from_sentence_then_paragraph() -> None:
    text = ("KYIV, Ukraine — Officials spoke on Monday.\n\n"
            "In Bakhmut on Tuesday, a soldier said: “We are exhausted and nobody came to relieve us.”\n\n"
            "“We were lied to,” another soldier said.")
    doc = analyze_text(text, date="2022-07-20")
    assert doc.quotes, "the quote stage found no quote"
    first = min(doc.quotes, key=lambda q: q.start)
    assert (first.place, first.date) == ("Bakhmut", "2022-07-19")
    last = max(doc.quotes, key=lambda q: q.start)
    assert last.place == "Kyiv"  # the dateline
    assert last.date == "2022-07-20"  # the publication date


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Kyiv Kherson region Mr. Putin said on Tuesday, 2014 USA-made ’s\n")),
               max_size=300))
def test_spans_in_bounds_match_text_and_never_overlap(text: str) -> None:
    ents = find_all(text, "2022-07-20")
    last_end = 0
    for e in ents:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.text
        assert e.start >= last_end
        last_end = e.end


def test_counts_after_a_known_event_resolve_without_a_publication_date() -> None:
    text = "Almost five months after Vladimir Putin’s “special military operation”, and 3 days after the invasion."
    got = [(e.value, e.granularity) for e in find_dates(text, None)]
    assert got == [("2022-07", "month"), ("2022-02-27", "day")]
    assert find_dates("After five months of war, nothing changed.", "2022-07-20") == []


def test_small_places_need_the_text_to_say_place() -> None:
    assert _places("The board agreed to back the Aga bid.") == []  # a GeoNames variant of Aginskoye
    assert _places("A spokesman told the Iraqi news agency INA.") == []
    assert _places("Saad al-Abdulla al-Sabah met them.") == []
    assert [p[1] for p in _places("Shelling hit the village of Bilohorivka.")] == ["Bilohorivka"]
    assert [p[1] for p in _places("SALTIVKA, Ukraine — On Saturday")] == ["Saltivka", "Ukraine"]


def test_title_case_headlines_keep_their_places() -> None:
    text = "Russian Forces Pound Kharkiv As Talks Stall In Istanbul\n\nThe Main Intelligence Directorate Says Kherson Was Hit"
    assert [p[1] for p in _places(text)] == ["Kharkiv", "Istanbul", "Kherson"]
    assert "Main Intelligence Directorate" in _of(text, "org")
