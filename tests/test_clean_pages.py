"""Real pages (issue 13, items 1 and 3a): scraped text and markdown lose their furniture, titles come from the page,
publication dates are read from the page's own statement of them and never made up."""

from __future__ import annotations

from pathlib import Path

import pytest

from moralewatch.clean import to_document
from moralewatch.clean.dates import from_byline, from_jsonld, from_meta, from_url, html_published, parse_day
from moralewatch.clean.html import nesting_depth
from moralewatch.clean.text import clean_text
from moralewatch.ingest import RawInput
from moralewatch.ingest.discover import kind_of

PAGES = Path(__file__).parent / "fixtures" / "pages"
BODY_TXT = [
    "Drone crews working west of Orikhiv say their units have not been rotated since the winter",
    '"We fly every night and we repair every day," said a 34-year-old operator',
    "The brigade's press officer said rotations were planned",
    "Commanders interviewed by Frontline Daily described a front",
    "Several soldiers said morale held up",
    "Russian milbloggers, too, have complained",
    "Volunteers from Zaporizhzhia city drive repaired drones",
]
FURNITURE_TXT = ["Skip to main content", "Menu", "Ukraine war", "Listen to this article", "Facebook",
                 "Photo: Maria Kovalenko", "Read more: Russia claims", "Related articles", "Kyiv hit by largest drone",
                 "Most read", "Heavy fighting near Chasiv Yar", "independent newsroom", "Subscribe",
                 "All rights reserved", "Privacy policy", "frontline-daily.example", "By Maria Kovalenko"]


def _check_offsets(raw: str, c) -> None:  # type: ignore[no-untyped-def]
    for canon, inp, n in zip(c.offset_map.canon, c.offset_map.inp, c.offset_map.length, strict=True):
        assert c.text[canon:canon + n] == raw[inp:inp + n].replace("\n", " ")


def test_scraped_text_page_keeps_the_article_and_nothing_else() -> None:
    raw = (PAGES / "scraped-front.txt").read_text(encoding="utf-8")
    c = clean_text(raw)
    for line in BODY_TXT:
        assert line in c.text, line
    for line in FURNITURE_TXT:
        assert line not in c.text, line
    assert c.title == "Drone crews on the Zaporizhzhia front say supplies arrive late and rotations have stopped"
    assert c.title not in c.text  # the headline of a whole page is metadata
    assert (c.published, c.updated) == ("2024-05-14", "2024-05-15")
    assert c.author == "Maria Kovalenko and Ivan Hrytsenko" and c.site == "frontline-daily.example"
    _check_offsets(raw, c)


def test_scraped_markdown_page_reads_marks_and_links() -> None:
    raw = (PAGES / "scraped-front.md").read_text(encoding="utf-8")
    c = clean_text(raw, markdown=True)
    assert c.title == "Kharkiv residents return to damaged homes as shelling eases"
    assert c.published == "2023-06-02" and c.author == "Oksana Melnyk"
    assert "received more than 4,000 requests for help" in c.text  # a link keeps its text, loses its target
    assert "Bakhmut" not in c.text and "](" not in c.text and "**" not in c.text and "#" not in c.text
    assert "Schools reopen underground" in c.text  # a subheading inside the article stays
    for line in ("Skip to content", "Home", "Share on", "Photo by", "Source: Kharkiv city council", "More from",
                 "Odesa port", "Some rights reserved", "views expressed", "cookies", "News\n"):
        assert line not in c.text, line
    _check_offsets(raw, c)


def test_md_files_are_read_as_markdown(tmp_path: Path) -> None:
    assert kind_of("page.md") == ("md", False) and kind_of("page.md.gz") == ("md", True)
    assert kind_of("page.txt") == ("txt", False)
    raw = (PAGES / "scraped-front.md").read_text(encoding="utf-8")
    doc = to_document(RawInput("page.md", format="md", text=raw))
    assert doc.title == "Kharkiv residents return to damaged homes as shelling eases"
    assert doc.input_format == "md" and "](" not in doc.text
    assert doc.published == "2023-06-02" and doc.date_source == "byline"


@pytest.mark.parametrize("first", ["news.example.com", "News", "www.kyivindependent.com"])
def test_a_title_is_never_a_domain_or_a_section_word(first: str) -> None:
    raw = f"{first}\n\nKremlin says talks are frozen\n\nThe Kremlin said on Monday that talks were frozen and " \
          "that no new round was planned, according to a spokesman.\n\nHe gave no further details about it."
    c = clean_text(raw)
    assert c.title == "Kremlin says talks are frozen"


@pytest.mark.parametrize("line", [
    "Some rights reserved", "This work is licensed under a Creative Commons Attribution 4.0 licence.",
    "Source: @DefenceU on X", "Photo: Olena Petrenko/Reuters", "(Photo by Sergei Supinsky/AFP via Getty Images)",
    "We use cookies to give you the best experience. Accept all cookies", "Share this: Facebook Twitter Email",
    "The views expressed in this article are the author's own and do not necessarily reflect those of the site.",
    "Reporting by Pavel Polityuk; Editing by Alex Richardson", "Read more: Zelensky visits Kharkiv",
])
def test_standing_lines_are_furniture(line: str) -> None:
    body = "Ukrainian troops held their positions near the river on Tuesday, the general staff said in a statement."
    c = clean_text(f"{body}\n\n{line}\n\n{body.replace('Tuesday', 'Wednesday')}")
    assert line not in c.text and c.text.count("general staff said") == 2


def test_an_article_with_tables_and_short_lines_is_left_whole() -> None:
    raw = ("Shr 34 cts vs 1.19 dlrs\n Net 807,000 vs 2,858,000\n Revs 12.1 mln vs 10.2 mln\n\n"
           "The company said it would subscribe to the issue in the ratio of one bond for every 10 shares held.\n\n"
           "The Army said recent tests have indicated better reliability.\n REUTERS")
    c = clean_text(raw)
    assert "Net 807,000" in c.text and "subscribe to the issue" in c.text and "better reliability" in c.text


# -- publication dates --------------------------------------------------------------------------------------------

def _page(head: str = "", body: str = "", url: str | None = None) -> str:
    article = " ".join(["Russian forces shelled the town again on Tuesday, officials said."] * 12)
    return (f"<html><head><title>T</title>{head}</head><body><nav><a href='/'>Home</a></nav>"
            f"<h1>Shelling resumes in the town</h1>{body}<article><p>{article}</p><p>{article}</p></article>"
            "<aside class='related'><h3>Related</h3><ul><li><time datetime='2021-05-05'>May 5, 2021</time> "
            "Older story</li></ul></aside><div class='comments'><p>Posted 2020-01-02 by reader</p></div>"
            "</body></html>")


@pytest.mark.parametrize("value, day", [
    ("2022-03-02T15:52:00+02:00", "2022-03-02"), ("2019-11-19T20:15:00-06:00", "2019-11-19"),
    ("Mon, 18 Nov 2019 10:00:00 GMT", "2019-11-18"), ("20220302", "2022-03-02"), ("March 2022", None),
    ("0001-01-01T00:00:00", None), ("2022", None), ("not a date", None), ("", None),
])
def test_a_date_is_a_full_day_as_written(value: str, day: str | None) -> None:
    assert parse_day(value) == day


def test_meta_then_jsonld_then_byline_then_url_then_none() -> None:
    meta = '<meta property="article:published_time" content="2022-03-02T10:00:00Z">'
    modified = '<meta property="article:modified_time" content="2022-03-05T10:00:00Z">'
    jsonld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2022-03-03"}</script>'
    placeholder = '<script type="application/ld+json">{"datePublished": "0001-01-01T00:00:00"}</script>'
    byline = '<div class="byline">By Jane Doe <span class="date">4 March 2022</span></div>'
    assert html_published(_page(meta + modified + jsonld), None, None) == ("2022-03-02", "meta")
    assert html_published(_page(modified + jsonld), None, None) == ("2022-03-03", "jsonld")
    assert html_published(_page(placeholder, byline), None, None) == ("2022-03-04", "byline")
    assert html_published(_page(), "https://x.example/2022/03/05/shelling", None) == ("2022-03-05", "url")
    assert html_published(_page(), None, None) == (None, "none")  # sidebar and comment dates are not read


def test_byline_block_skips_update_dates_and_sidebars() -> None:
    updated = '<p class="meta-date">Updated 9 April 2023</p><p class="meta-date">Published 8 April 2023</p>'
    assert from_byline(_page(body=updated)) == "2023-04-08"
    sidebar_first = ("<html><body><aside class='sidebar'><span class='date'>1 Jan 2020</span></aside><h1>T</h1>"
                     "<p>text</p></body></html>")
    assert from_byline(sidebar_first) is None
    assert from_meta('<meta name="date" content="2024-02-24">') == "2024-02-24"
    assert from_jsonld('<script type="application/ld+json">[{"@graph": [{"datePublished": "2020-06-01"}]}]</script>'
                       ) == "2020-06-01"
    assert from_url("https://x.example/news/2023-7-4/story") == "2023-07-04" and from_url(None) is None


def test_an_undated_page_gets_no_date_and_says_so() -> None:
    doc = to_document(RawInput("p.html", format="html", text=_page()))
    assert doc.published is None and doc.date_source == "none"
    dated = _page('<meta property="article:published_time" content="2022-03-02T10:00:00Z">')
    doc = to_document(RawInput("p.html", format="html", text=dated))
    assert (doc.published, doc.date_source) == ("2022-03-02", "meta")
    doc = to_document(RawInput("p.txt", format="txt", text="Troops dig in\n\nThe troops dug in near the river."))
    assert doc.published is None and doc.date_source == "none"
    doc = to_document(RawInput("p.jsonl", format="jsonl", text="The troops dug in.", meta={"date": "2022-05-01"}))
    assert (doc.published, doc.date_source) == ("2022-05-01", "meta")


def test_a_date_line_far_below_the_header_is_not_the_publication_date() -> None:
    para = "The troops dug in near the river and waited for the supplies that had been promised for weeks."
    raw = "Troops dig in\n\n" + "\n\n".join([para] * 6) + "\n\nMarch 3, 2019\n\n" + para
    assert clean_text(raw).published is None


def test_depth_guard_ignores_markup_inside_scripts_and_comments() -> None:
    assert nesting_depth("<script>" + "<div>" * 900 + "</script><div>x</div>") == 1
    assert nesting_depth("<!--" + "<div>" * 900 + "-->") == 0
    assert nesting_depth("<div>" * 500) > 400


@pytest.mark.parametrize("title, kept", [("News", None), ("www.example.com", None), ("example.com.ua", None),
                                         ("Shelling resumes in the town", "Shelling resumes in the town")])
def test_an_html_title_is_never_a_domain_or_news(title: str, kept: str | None) -> None:
    html = _page(f'<meta property="og:title" content="{title}">').replace("<h1>Shelling resumes in the town</h1>", "")
    assert to_document(RawInput("p.html", format="html", text=html)).title == kept


def test_teasers_comments_and_lists_of_links_around_an_article_go() -> None:
    raw = (PAGES / "scraped-teasers.md").read_text(encoding="utf-8")
    c = clean_text(raw, markdown=True)
    assert c.text.startswith("Three cargo ships carrying grain left Odesa on Thursday")
    assert c.text.endswith("The navy said it had shot down most of the drones.")  # a short last sentence stays
    assert "ships sail by day only" in c.text  # a list inside the article is the article's
    for line in ("Menu", "Watch:", "Latest news", "Novorossiysk", "wheat futures", "Ministers from five",
                 "Comments", "reader123", "I hope the ships", "Reply", "Copyright"):
        assert line not in c.text, line
    assert (c.published, c.updated, c.author) == ("2023-08-10", "2023-08-11", "Petro Sydorenko")
    _check_offsets(raw, c)


def test_a_caption_loses_its_credit_and_keeps_its_words() -> None:
    body = "Ukrainian troops held their positions near the river on Tuesday, the general staff said in a statement."
    caption = "‘We will not leave,’ said a commander near Bakhmut. Photograph: Anatolii Stepanov/AFP/Getty Images"
    c = clean_text(f"{body}\n\n{caption}\n\n{body}")
    assert "‘We will not leave,’ said a commander near Bakhmut." in c.text and "Photograph" not in c.text
    assert "The Reuters/Ipsos poll showed gains." in clean_text(f"{body}\n\nThe Reuters/Ipsos poll showed gains.").text


SITES = PAGES / "sites"


def _site_lines(name: str, markdown: bool) -> tuple[set[int], set[int]]:
    """The body lines of a fixture page's rendering (its words a run of the ``id="mw-body"`` element's text, less
    the inserts marked ``data-x``) and the lines the cleaner keeps."""
    from lxml import html as lxml_html

    from moralewatch.eval.furniture import kept_lines, label_lines

    root = lxml_html.document_fromstring((SITES / f"{name}.html").read_text(encoding="utf-8"))
    body = root.get_element_by_id("mw-body")
    for el in body.xpath(".//*[@data-x]"):
        el.drop_tree()
    rendered = (SITES / f"{name}.{'md' if markdown else 'txt'}").read_text(encoding="utf-8")
    lines = rendered.split("\n")
    return set(label_lines(rendered, body.text_content())), {i for i in kept_lines(rendered, markdown)
                                                             if lines[i].strip()}


def test_scraped_renderings_of_the_fixture_sites_keep_the_body() -> None:
    # eight pages written for the tests (news, analysis, blog, wire, magazine, regional, Russian), each saved as a
    # scraper saves it (plain text and markdown): line-level body precision and recall over all sixteen renderings
    tp = fp = fn = 0
    for page in sorted(SITES.glob("*.html")):
        for md in (False, True):
            body, kept = _site_lines(page.stem, md)
            assert body, page.stem
            tp, fp, fn = tp + len(body & kept), fp + len(kept - body), fn + len(body - kept)
    assert tp / (tp + fp) >= 0.85 and tp / (tp + fn) >= 0.99, (tp, fp, fn)


def test_one_line_inserts_inside_the_article_do_not_cut_it() -> None:
    # an inline "RELATED: <headline>" and an advertisement's label between paragraphs: the article's first
    # paragraphs stay (they used to be cut off as a run of their own, lighter than the rest)
    for md in (False, True):
        body, kept = _site_lines("regional-ads-embeds", md)
        assert body <= kept
    raw = (SITES / "regional-ads-embeds.txt").read_text(encoding="utf-8")
    c = clean_text(raw)
    assert c.text.startswith("A Russian ballistic missile hit port infrastructure in Odesa")
    assert "RELATED:" not in c.text and "Advertisement" not in c.text and "@OlegKiper" not in c.text


def test_captions_pull_quotes_bios_and_print_lines_of_a_scraped_page_go() -> None:
    raw = (SITES / "magazine-longread.md").read_text(encoding="utf-8")
    c = clean_text(raw, markdown=True)
    assert c.text.startswith("The bus still comes on Tuesdays.") and c.text.endswith("Then she goes back up and sleeps.")
    assert "“I am not leaving. But I am ready.”" not in c.text  # the pull quote repeats the article's words
    assert '"I am not leaving," she told me.' in c.text
    for line in ("Ten kilometres from the front", "contributing writer", "print edition", "47 Comments"):
        assert line not in c.text, line
    assert c.title == "The Quiet Villages"
    raw = (SITES / "news-guardianlike.txt").read_text(encoding="utf-8")
    c = clean_text(raw)
    assert "Paramedics load a wounded soldier" not in c.text and "tracked ground robot" not in c.text
    assert c.text.startswith("The armoured ambulance waits") and "Photograph" not in c.text


@pytest.mark.parametrize("line", [
    "Читайте также: Власти объявили о вывозе детей из приграничных районов",
    "© 2024 «Вечерний курьер». Все права защищены. При использовании материалов ссылка на сайт обязательна.",
    "Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать главные новости.",
    "Поделиться: ВКонтакте Одноклассники Telegram",
    "This article appears in the July 2024 print edition with the headline “The Quiet Villages.”",
    "— Oleh Kiper (@OlegKiper) November 25, 2024",
    "Smoke rises over a fuel depot after a drone attack. Social media/via Global Wire",
])
def test_more_standing_lines_are_furniture(line: str) -> None:
    body = "Ukrainian troops held their positions near the river on Tuesday, the general staff said in a statement."
    c = clean_text(f"{body}\n\n{line}\n\n{body}")
    assert c.text == f"{body}\n\n{body}" or (line.startswith("Smoke") and "Social media" not in c.text)


def test_a_notes_paragraph_of_wire_copy_stays() -> None:
    # "NOTES: ..." in wire copy is the story's: a tail heading word with a colon is not a related list
    text = ("Net profit rose to 12 mln dlrs from 10 mln dlrs a year earlier, the company said.\n\n"
            "NOTES: Results include American Can Packaging Inc from acquisition on Nov 1, 1986.")
    assert clean_text(text).text == text


def test_a_table_inside_the_article_of_a_scraped_page_is_not_a_menu() -> None:
    # short rows without figures between two paragraphs of the article: the article's table, not the site's menu
    for name, md in (("explainer-lists", False), ("explainer-lists", True)):
        body, kept = _site_lines(name, md)
        assert body <= kept
    c = clean_text((SITES / "explainer-lists.txt").read_text(encoding="utf-8"))
    assert "Fathers of three childrenDeferred" in c.text and "Who is exempt" in c.text
    assert "Explainers" not in c.text and "Podcast" not in c.text  # the site's menu still goes


def test_a_byline_block_under_the_headline_is_metadata() -> None:
    c = clean_text((SITES / "magazine-longread.md").read_text(encoding="utf-8"), markdown=True)
    assert c.published == "2024-06-08" and "Sarah Hale" not in c.text.split("\n\n")[0]
    assert "9 min read" not in c.text


DATE_PAGES = sorted((PAGES / "dates").glob("*.html"))


@pytest.mark.parametrize("page", DATE_PAGES, ids=[p.stem for p in DATE_PAGES])
def test_publication_date_conventions(page: Path) -> None:
    # each page says what it states in its first line: "<!-- expect: DAY SOURCE -->" or "<!-- expect: none -->"
    html = page.read_text(encoding="utf-8")
    expect = html.split("expect:", 1)[1].split("-->", 1)[0].split()
    doc = to_document(RawInput(page.name, format="html", text=html))
    if expect == ["none"]:  # a masthead's "today", an update line, a body date, a comment's date: none of them
        assert (doc.published, doc.date_source) == (None, "none")
    else:
        assert (doc.published, doc.date_source) == (expect[0], expect[1])


@pytest.mark.parametrize("text, day", [
    ("12 марта 2024, 14:35", "2024-03-12"), ("12 березня 2024", "2024-03-12"), ("3. März 2022", "2022-03-03"),
    ("Publié le 3 mars 2022", "2022-03-03"), ("3 de marzo de 2022", "2022-03-03"), ("2024年3月12日", "2024-03-12"),
    ("3 marca 2022", "2022-03-03"), ("31 февраля 2024", None), ("марта 2024", None), ("Mar 3, 2022", "2022-03-03"),
])
def test_byline_dates_in_other_languages(text: str, day: str | None) -> None:
    from moralewatch.clean.dates import text_day

    assert text_day(text) == day


@pytest.mark.parametrize("value, day", [
    ("1710254100", "2024-03-12"), ("1710254100123", "2024-03-12"), ("2022030215", "2022-03-02"),
    ("202203021530", "2022-03-02"), ("123456789", None),
])
def test_numeric_dates_are_unix_times_or_compact_days(value: str, day: str | None) -> None:
    assert parse_day(value) == day


def test_slashed_short_year_and_url_month_dates_are_read_only_when_unambiguous() -> None:
    from lxml import html as lxml_html

    from moralewatch.clean.dates import _element_day, text_day

    assert text_day("Posted 18/11/2019") == "2019-11-18" and text_day("11/18/2019") == "2019-11-18"
    assert text_day("03/02/2022") is None  # 3 February or March 2? not read
    assert _element_day(lxml_html.fromstring('<span class="date">05.11.18</span>')) == "2018-11-05"
    assert _element_day(lxml_html.fromstring("<p>05.11.18</p>")) is None  # a short year only where marked a date
    assert from_url("https://x.example/world/2019/nov/18/kherson-story") == "2019-11-18"
    assert from_jsonld('<script type="application/ld+json">{"datePublished": ["2020-06-01T10:00:00Z"]}</script>'
                       ) == "2020-06-01"


def test_a_huge_scraped_page_is_cleaned_in_bounded_time() -> None:
    # thousands of quoted short paragraphs sharing common trigrams, menus between prose, tables: no quadratic walk
    import time

    prose = "The brigade said on Tuesday that one of the positions near the river had been held through the night."
    block = ["Home\nNews\nWorld\nSport", f"“{prose[:60]}”", prose, "Row A\nRow B\nRow C", prose,
             "“One of the soldiers said one of the things.”"]
    page = "\n\n".join(block * 3000)
    start = time.monotonic()
    c = clean_text(page)
    assert time.monotonic() - start < 10 and prose in c.text
