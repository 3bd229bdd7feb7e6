"""The analyst's workbench in Chromium (issue 18): a map that shows every located place, charts that read on their
own (values on hover and keyboard, whole-number ticks, a legend for asserted/hedged/negated), Back and Forward, a
390 px layout, WCAG AA contrast (computed), visible focus, the confidence filter, the Quotes view and downloads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from moralewatch.web.app import LiveServer

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("MORALEWATCH_SHOTS", "bench-out/screenshots"))
VIEWS = ("trends", "evidence", "quotes", "places", "sources")


@pytest.fixture(scope="module")
def demo_live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo corpus (examples/, what `make demo` analyses) served on loopback."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    exe = Path(sys.executable).with_name("moralewatch")
    subprocess.run([str(exe), "analyze", str(ROOT / "examples"), "--db", str(db)], check=True, capture_output=True,
                   timeout=300)
    with LiveServer(db) as server:
        yield server.url


def api(base: str, path: str, **params: Any) -> Any:
    qs = urllib.parse.urlencode(params, doseq=True)
    with urllib.request.urlopen(f"{base}/api/{path}" + ("?" + qs if qs else ""), timeout=30) as r:
        return json.loads(r.read())


def ready(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=20000)
    page.wait_for_selector("body[data-rendered='1']", timeout=20000)


def rendered(page: Any) -> None:
    page.wait_for_selector("body[data-rendered='1']", timeout=20000)


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name))


# -- the map -------------------------------------------------------------------------------------------------------

MAP_STATE = """() => {
  const svg = document.querySelector('#p-map svg');
  const [x, y, w, h] = svg.getAttribute('viewBox').split(' ').map(Number);
  const pts = [...svg.querySelectorAll('g.pt')].map((g) => {
    const c = g.querySelector('circle');
    const cx = +c.getAttribute('cx'), cy = +c.getAttribute('cy');
    return { names: JSON.parse(g.dataset.places), inside: cx >= x && cx <= x + w && cy >= y && cy <= y + h };
  });
  const labels = [...svg.querySelectorAll('text.plabel, text.clabel')].map((t) => t.getBoundingClientRect())
    .map((r) => ({ l: r.left, t: r.top, r: r.right, b: r.bottom }));
  return { pts, labels, areas: [...document.querySelectorAll('#p-areas li button')].map((b) => b.textContent) };
}"""


def overlapping(boxes: list[dict[str, float]]) -> int:
    return sum(1 for i, a in enumerate(boxes) for b in boxes[i + 1:]
               if a["l"] < b["r"] - 0.5 and b["l"] < a["r"] - 0.5 and a["t"] < b["b"] - 0.5 and b["t"] < a["b"] - 0.5)


@pytest.mark.parametrize("which", ["demo", "fixture"])
def test_map_shows_every_located_place(page: Any, which: str, demo_live: str, live: str) -> None:
    base = demo_live if which == "demo" else live
    ready(page, base + "/#places")
    page.wait_for_selector("#p-map g.pt")
    r = api(base, "places")
    points = {p["place"] for p in r["places"] if p["kind"] not in ("country", "region", "continent")}
    areas = {p["place"] for p in r["places"]} - points
    st = page.evaluate(MAP_STATE)
    drawn = [n for p in st["pts"] for n in p["names"]]
    assert sorted(drawn) == sorted(points)  # every located place, once, and no country or region as a point
    assert all(p["inside"] for p in st["pts"])  # fitted: nothing outside the frame
    assert set(st["areas"]) == areas  # countries and regions listed apart
    assert overlapping(st["labels"]) == 0
    shot(page, f"map-{which}.png")
    # zoom in twice and back: still no overlapping labels, and "Fit to data" shows everything again
    page.click("#p-zin")
    page.click("#p-zin")
    assert overlapping(page.evaluate(MAP_STATE)["labels"]) == 0
    page.click("#p-fit")
    assert sorted(n for p in page.evaluate(MAP_STATE)["pts"] for n in p["names"]) == sorted(points)
    assert not page.errors


def test_map_cluster_zooms_in_to_its_places(page: Any, live: str) -> None:
    ready(page, live + "/#places")
    page.wait_for_selector("#p-map g.pt")
    clusters = page.locator("#p-map g.pt:not([data-place])")
    if clusters.count() == 0:
        pytest.skip("no places close enough to group at this size")
    names = json.loads(clusters.first.get_attribute("data-places"))
    for _ in range(8):
        cl = page.locator("#p-map g.pt:not([data-place])")
        hit = [i for i in range(cl.count()) if set(json.loads(cl.nth(i).get_attribute("data-places"))) & set(names)]
        if not hit:
            break
        cl.nth(hit[0]).locator("circle").click()
    singles = {page.locator("#p-map g.pt[data-place]").nth(i).get_attribute("data-place")
               for i in range(page.locator("#p-map g.pt[data-place]").count())}
    assert set(names) <= singles


# -- charts --------------------------------------------------------------------------------------------------------


def test_chart_hover_shows_values_and_ticks_are_whole_numbers(page: Any, live: str) -> None:
    ready(page, live + "/#trends?since=2022-01-01")
    card = page.locator("#t-grid .card").first
    over = card.locator(".u-over")
    box = over.bounding_box()
    values = card.locator(".u-legend .u-value")
    found = False
    for k in range(1, 40):  # sweep across the chart until the cursor sits on a period with evidence
        page.mouse.move(box["x"] + box["width"] * k / 40, box["y"] + box["height"] / 2)
        texts = values.all_inner_texts()
        if any(t.strip() not in ("", "–", "0") and t[0].isdigit() for t in texts[1:]):
            found = True
            break
    assert found, texts
    assert texts[0] not in ("", "–")  # the period
    ticks = page.evaluate("() => [...document.querySelectorAll('#t-grid .chart, #t-overview .chart')]"
                          ".map((n) => n._uplot.axes[1]._values || [])")
    assert ticks and all(t for t in ticks)
    for labels in ticks:
        for t in labels:
            assert t.replace(",", "").isdigit(), labels  # counts: no "2.5 items"
    xt = page.evaluate("() => document.querySelector('#t-overview .chart')._uplot.axes[0]._values")
    assert xt and not any(":" in t for t in xt)  # no hourly ticks


def test_measure_switch_and_legend(page: Any, live: str) -> None:
    ready(page, live + "/#trends")
    legend = page.inner_text("#t-legend")
    for word in ("asserted", "hedged", "negated"):
        assert word in legend
    dashes = page.eval_on_selector_all("#t-legend line", "ls => ls.map((l) => l.getAttribute('stroke-dasharray'))")
    assert len(set(dashes)) == 3  # three different strokes
    page.click("#t-measure button[data-measure='rate']")
    rendered(page)
    assert "measure=rate" in page.url
    assert page.get_attribute("#t-measure button[data-measure='rate']", "aria-checked") == "true"
    page.click("#t-measure button[data-measure='share']")
    rendered(page)
    ticks = page.evaluate("() => document.querySelector('#t-grid .chart')._uplot.axes[1]._values")
    assert any(t.endswith("%") for t in ticks)


def test_keyboard_path_from_a_chart_point_to_its_evidence(page: Any, live: str) -> None:
    ready(page, live + "/#trends")
    chart = page.locator("#t-grid .chart").first
    indicator = page.locator("#t-grid .card").first.get_attribute("data-indicator")
    chart.focus()
    assert chart.get_attribute("data-idx") is not None  # focus lands on a period with evidence
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("() => document.activeElement.classList.contains('chart')")
    page.keyboard.press("Enter")
    page.wait_for_selector("#e-body tr")
    rendered(page)
    assert "#evidence?" in page.url and f"indicator={indicator}" in page.url
    assert page.evaluate("() => document.activeElement.closest('#e-body') !== null")  # focus on the first row
    page.keyboard.press("Enter")
    page.wait_for_selector("#d-article mark.ev")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'd-title'")
    page.keyboard.press("Escape")
    assert page.evaluate("() => document.activeElement.closest('#e-body') !== null")  # and back to the row
    assert not page.errors


# -- history -------------------------------------------------------------------------------------------------------


def test_back_and_forward_move_between_views_and_filters(page: Any, live: str) -> None:
    ready(page, live + "/#trends")
    page.click("#tab-evidence")
    rendered(page)
    page.check("#f-indicator input[value='expendable']")
    page.click("#apply")
    page.wait_for_function("() => location.hash.includes('indicator=expendable')")
    rendered(page)
    n_filtered = page.locator("#e-body tr").count()
    page.go_back()
    page.wait_for_function("() => location.hash === '#evidence' || location.hash.startsWith('#evidence?') "
                           "&& !location.hash.includes('expendable')")
    rendered(page)
    assert page.locator("#e-body tr").count() > n_filtered
    assert not page.is_checked("#f-indicator input[value='expendable']")
    page.go_back()
    page.wait_for_function("() => location.hash.startsWith('#trends')")
    rendered(page)
    assert not page.is_hidden("#view-trends")
    page.go_forward()
    page.go_forward()
    page.wait_for_function("() => location.hash.includes('indicator=expendable')")
    rendered(page)
    assert page.locator("#e-body tr").count() == n_filtered
    assert page.url.startswith(live)  # never left the app


# -- small screens, contrast, focus ----------------------------------------------------------------------------------


def test_phone_layout_every_tab_reachable(browser: Any, live: str) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        ready(page, live + "/")
        for view in VIEWS:
            tab = page.locator(f"#tab-{view}")
            b = tab.bounding_box()
            assert b and b["x"] >= 0 and b["x"] + b["width"] <= 390 and b["height"] >= 40  # tappable, not clipped
            tab.tap()
            page.wait_for_function(f"() => location.hash.startsWith('#{view}')")
            rendered(page)
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, view
            page.screenshot(path=str(SHOTS / f"phone-{view}.png")) if SHOTS.mkdir(parents=True, exist_ok=True) \
                is None else None
        page.tap("#filters-toggle")
        assert page.is_visible("#f-q")
        ab = page.locator("#apply").bounding_box()
        assert ab and ab["y"] + ab["height"] <= 844  # Apply on screen
        page.locator("#f-indicator label").filter(has_text="fear").tap()
        page.tap("#apply")
        page.wait_for_function("() => location.hash.includes('indicator=fear')")
        assert not page.is_visible("#f-q")  # the panel closes on Apply
        assert not errors
    finally:
        ctx.close()


CONTRAST = """() => {
  const lum = (c) => { const v = c.map((x) => x / 255).map((x) => x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
                       return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const rgba = (s) => { const m = s.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const bgOf = (node) => {  // the colour behind a node: its own and its ancestors' backgrounds, blended
    const layers = [];
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let out = [255, 255, 255];
    for (const c of layers.reverse()) out = out.map((x, i) => x * (1 - c[3]) + c[i] * c[3]);
    return out;
  };
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const n = t.parentElement;
    if (!t.textContent.trim() || seen.has(n) || n.closest('svg, [hidden], .u-legend .u-marker, option, .skip, .sr-only')) continue;
    seen.add(n);
    const r = n.getBoundingClientRect();
    if (!r.width || !r.height || n.closest('button:disabled')) continue;
    const st = getComputedStyle(n);
    if (st.visibility === 'hidden' || st.display === 'none') continue;
    const fg = rgba(st.color), bg = bgOf(n);
    const f = fg.slice(0, 3).map((x, i) => x * fg[3] + bg[i] * (1 - fg[3]));
    const [a, b] = [lum(f), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(st.fontSize), bold = Number(st.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < need) bad.push(`${n.tagName}.${n.className} "${t.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1`);
  }
  return bad;
}"""


@pytest.mark.parametrize("view", VIEWS)
def test_text_contrast_meets_wcag_aa(page: Any, live: str, view: str) -> None:
    ready(page, live + f"/#{view}")
    if view == "evidence":
        page.locator("#e-body tr").first.click()
        page.wait_for_selector("#d-article mark.ev")
    assert page.evaluate(CONTRAST) == []


def test_focus_is_visible(page: Any, live: str) -> None:
    ready(page, live + "/")
    seen = 0
    for _ in range(12):
        page.keyboard.press("Tab")
        st = page.evaluate("() => { const s = getComputedStyle(document.activeElement); "
                           "return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; }")
        if st[0] == "BODY":
            continue
        assert st[1] != "none" and st[2] >= 2, st
        seen += 1
    assert seen >= 10


# -- filters, quotes, downloads ------------------------------------------------------------------------------------


def test_confidence_filter(page: Any, live: str) -> None:
    ready(page, live + "/#evidence")
    page.select_option("#f-min_confidence", "0.9")
    page.click("#apply")
    page.wait_for_function("() => location.hash.includes('min_confidence=0.9')")
    rendered(page)
    want = api(live, "evidence", min_confidence="0.9")["total"]
    assert "confidence ≥ 0.9" in page.inner_text("#chips")
    text = page.inner_text("#e-count")
    assert (want == 0 and "No evidence" in text) or f"of {want:,}" in text
    page.select_option("#f-min_confidence", "0.5")
    page.click("#apply")
    page.wait_for_function("() => location.hash.includes('min_confidence=0.5')")
    rendered(page)
    total = api(live, "evidence", min_confidence="0.5")["total"]
    assert total > 0 and f"of {total:,}" in page.inner_text("#e-count")


def test_quotes_view_searches_quotes_and_lists_speakers(page: Any, live: str) -> None:
    ready(page, live + "/#quotes")
    page.wait_for_selector("#qt-body tr")
    page.wait_for_selector("#sp-body tr")
    page.fill("#qt-q", "meat")
    page.press("#qt-q", "Enter")
    page.wait_for_function("() => location.hash.includes('qq=meat')")
    rendered(page)
    want = api(live, "quotes", q="meat")
    assert want["total"] > 0 and page.locator("#qt-body tr").count() == want["total"]
    assert all("meat" in t.lower() for t in page.locator("#qt-body td.evtext").all_inner_texts())
    speakers = api(live, "speakers")["speakers"]
    assert page.locator("#sp-body tr").count() == min(100, len(speakers))
    first = page.locator("#sp-body tr").first
    first.locator("button").click()
    rendered(page)
    assert "claimant=" in page.url
    ready(page, live + "/#quotes?indicator=fear&min_confidence=0.5")
    assert page.locator("#qt-body tr").count() == min(50, api(live, "quotes")["total"])  # not narrowed by them ...
    assert "not narrowed by: indicator, min confidence" in page.inner_text("#qt-count")  # ... and it says so
    assert not page.errors


def test_download_links_carry_the_view_and_its_filters(page: Any, live: str) -> None:
    ready(page, live + "/#evidence?indicator=expendable&hedged=false")
    href = page.get_attribute("#dl-csv", "href")
    q = urllib.parse.parse_qs(urllib.parse.urlparse(href).query)
    assert href.startswith("api/download/evidence?")
    assert q["format"] == ["csv"] and q["indicator"] == ["expendable"] and q["hedged"] == ["false"]
    assert page.is_hidden("#dl-geojson")
    page.click("#tab-places")
    rendered(page)
    assert page.is_visible("#dl-geojson") and "api/download/places?" in page.get_attribute("#dl-geojson", "href")
    try:  # the endpoints are h-wb-back's: when they are there, the file equals the API's own answer
        urllib.request.urlopen(f"{live}/api/download/evidence?format=jsonl", timeout=10).close()
    except urllib.error.HTTPError as e:
        if e.code == 404:
            pytest.skip("no /api/download endpoint in this build (built against the contract)")
        raise
    page.click("#tab-evidence")
    rendered(page)
    with page.expect_download() as dl:
        page.click("#dl-jsonl")
    rows = [json.loads(x) for x in Path(dl.value.path()).read_text(encoding="utf-8").splitlines() if x.strip()]
    api_rows = api(live, "evidence", indicator="expendable", hedged="false", limit=500)
    assert len(rows) == api_rows["total"]
    assert sorted((r["document_id"], r["idx"]) for r in rows) == sorted(
        (r["document_id"], r["idx"]) for r in api_rows["items"])


def test_report_quotes_view_works_offline(page: Any, hostile_store: Path, tmp_path: Path) -> None:
    import re

    from moralewatch.web import demo
    from moralewatch.web.report import build_report

    out = tmp_path / "report.html"
    build_report(hostile_store, out)
    ready(page, out.as_uri() + "#quotes")
    page.wait_for_selector("#qt-body tr")
    quotes = [q for a in demo.articles() + [demo.hostile_article()] for q in demo.build_document(a).quotes]
    assert page.locator("#qt-body tr").count() == min(50, len(quotes))
    page.fill("#qt-q", "meat")
    page.press("#qt-q", "Enter")
    page.wait_for_function("() => location.hash.includes('qq=meat')")
    rendered(page)
    want = sum(1 for q in quotes if "meat" in re.findall(r"\w+", q.text.lower()))
    assert want and page.locator("#qt-body tr").count() == want
    assert page.locator("#sp-body tr").count() == len({q.speaker for q in quotes if q.speaker})  # no merges here
    assert page.is_hidden("#downloads") and not page.errors
