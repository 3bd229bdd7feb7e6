"""Cleaning scraped pages: the example articles as golden fixtures, and the offset map back to the input."""

from __future__ import annotations

import re

import pytest

from moralewatch.clean.text import clean_text, parse_date_line, split_paragraphs

EXPECTED = {
    "morale-crisis-2022-03-02": {
        "title": "There's a morale crisis amongst Putin's invading forces",
        "published": "2022-03-02T15:52", "updated": "2022-03-03T10:59", "section": "Politics",
    },
    "just-meat-here-2022-07": {
        "title": "Russian soldier breaks down crying: ‘We’re just meat here’", "published": None, "updated": None,
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_boilerplate_gone_article_kept(name: str, seed_texts: dict, seed_gold: dict) -> None:
    raw = seed_texts[name]
    gold = seed_gold[name]["article"]
    c = clean_text(raw)
    for line in gold["boilerplate"]:
        assert line not in c.text, line
    # every quote the annotators marked is still in the canonical text
    for q in seed_gold[name]["quotes"]:
        assert q["text"].replace("\n", " ") in c.text, q["text"][:40]
    assert c.title == (gold["title"])
    assert c.published == EXPECTED[name]["published"] == (gold.get("published") or None)
    assert c.updated == EXPECTED[name]["updated"] == (gold.get("updated") or None)
    if "section" in EXPECTED[name]:
        assert c.section == gold["section"]
    # the body is kept whole: every long input paragraph is in the canonical text
    for para in re.split(r"\n\s*\n", raw):
        para = para.strip()
        if len(para) > 200 and not any(b in para for b in gold["boilerplate"]):
            assert para.replace("\n", " ") in c.text, para[:60]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_offsets_map_back(name: str, seed_texts: dict) -> None:
    raw = seed_texts[name]
    c = clean_text(raw)
    for s, e in c.paragraphs:
        span = c.offset_map.span_to_input(s, e)
        assert span is not None
        assert raw[span[0]:span[1]].replace("\n", " ") == c.text[s:e]
    # a span inside a paragraph maps character by character
    for s, e in c.paragraphs:
        mid = (s + e) // 2
        i = c.offset_map.to_input(mid)
        assert raw[i] == c.text[mid] or (raw[i] in "\n\r\t\u00a0" and c.text[mid] == " ")


def test_furniture_and_metadata_lines() -> None:
    raw = ("Skip to main content\n\nWorld\n\nTroops dig in near the river\n\nBy Jane Doe\n\nPublished: 3 March 2022"
           "\n\nThe first paragraph of the story says something long enough to be a paragraph of an article.\n\n"
           "Second paragraph, with more words to make it an article and not a navigation element at all.\n\n"
           "Share\n\nRelated Articles\n\nAnother headline\n\nBack to top")
    c = clean_text(raw)
    assert c.title == "Troops dig in near the river"
    assert c.section == "World"
    assert c.author == "Jane Doe"
    assert c.published == "2022-03-03"
    assert "Skip to main" not in c.text and "Related Articles" not in c.text and "Another headline" not in c.text
    assert "Share" not in c.text.split("\n\n")
    assert c.text.startswith("Troops dig in near the river\n\nThe first paragraph")


def test_hard_wrapped_wire_copy_joins_lines() -> None:
    raw = ("Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\n"
           "January, a trader said.\n    The dry period means the temporao will be late this year.\n"
           "    Arrivals for the week were 155,221 bags.\n")
    paras = split_paragraphs(raw)
    assert len(paras) == 3
    c = clean_text(raw, detect_title=False)
    assert c.text.split("\n\n")[0] == ("Showers continued throughout the week in the Bahia cocoa zone, alleviating "
                                       "the drought since early January, a trader said.")


@pytest.mark.parametrize("line,iso", [
    ("March 2, 2022 3:52pm", "2022-03-02T15:52"),
    ("Updated: March 3, 2022 10:59am", "2022-03-03T10:59"),
    ("Thu 24 Feb 2022 06.15 GMT", "2022-02-24T06:15"),
    ("2022-08-01", "2022-08-01"),
    ("Published on Feb. 27, 2022", "2022-02-27"),
])
def test_date_lines(line: str, iso: str) -> None:
    parsed = parse_date_line(line)
    assert parsed is not None and parsed[0] == iso


@pytest.mark.parametrize("line", ["March on Kyiv, 2022 style", "The war began in 2014.", "12 soldiers, 2022"])
def test_not_date_lines(line: str) -> None:
    assert parse_date_line(line) is None


def test_tag_scans_are_linear_and_the_element_limit_holds() -> None:
    import time

    from moralewatch.clean import RejectedInput, to_document
    from moralewatch.clean.html import MAX_ELEMENTS, element_count, nesting_depth
    from moralewatch.ingest import RawInput

    t0 = time.monotonic()
    assert nesting_depth("<a" * 200_000) == 0 and element_count("<a" * 200_000) == MAX_ELEMENTS + 1
    assert time.monotonic() - t0 < 10  # was quadratic: 5 s at 10,000 and 91 s at 40,000
    with pytest.raises(RejectedInput) as e:
        to_document(RawInput("p.html", format="html", text="<p>x</p>" * (MAX_ELEMENTS + 1)))
    assert e.value.code == "too_complex" and "Fix:" in e.value.message


@pytest.mark.parametrize("value,kept", [
    ("2022-03-01", True), ("2022-03-01T10:00:00Z", True), ("0001-01-01", False), ("9999-12-31", False),
    ("nonsense", False), ("2022-02-30", False), (None, None),
])
def test_unusable_dates_are_dropped_and_said(value: str | None, kept: bool | None) -> None:
    from moralewatch.clean import to_document, usable_date
    from moralewatch.ingest import RawInput

    got, why = usable_date(value)
    assert (got == value and why is None) if kept or kept is None else (got is None and why and "dropped" in why)
    if value is not None:
        doc = to_document(RawInput("-", "line 1", "jsonl", text="Morale is low, soldiers said.", meta={"date": value}))
        assert doc.published == (value if kept else None)
        assert any("dropped" in r for r in doc.removed) == (not kept)


def test_rejection_details_are_bounded() -> None:
    from moralewatch.clean import RejectedInput

    assert len(RejectedInput("malformed_warc", "x" * 10**6).message) < 1000
