"""The dashboard and the report in a real browser: load, filter, open evidence, escaping, no off-machine request."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from moralewatch.web import demo
from moralewatch.web.report import build_report

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("MORALEWATCH_SHOTS", "bench-out/screenshots"))


def n_items(**match: Any) -> int:
    """Fixture indicators (hostile article included) whose fields equal ``match``: the expected row counts."""
    return sum(all(i.get(k) == v for k, v in match.items())
               for a in demo.articles() + [demo.hostile_article()] for i in a.indicators)


def ready(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=20000)


def xss_ran(page: Any) -> Any:
    return page.evaluate("() => window.__xss")


def local_only(urls: list[str], origin: str | None) -> list[str]:
    """Requests that leave the machine: anything but this server, file:, data: and about:."""
    bad = []
    for u in urls:
        p = urlparse(u)
        if p.scheme in ("data", "about", "blob") or (p.scheme == "file" and origin is None):
            continue
        if origin and u.startswith(origin + "/"):
            continue
        bad.append(u)
    return bad


def test_dashboard_loads_filters_and_opens_evidence(page: Any, live: str) -> None:
    ready(page, live + "/")
    assert page.locator("#t-grid .card").count() >= 5
    assert page.locator("#t-overview canvas").count() >= 1
    assert "documents" in page.inner_text("#summary")
    page.check("#f-indicator input[value='expendable']")
    page.click("#apply")
    page.wait_for_function("() => document.querySelectorAll('#t-grid .card').length === 1")
    assert page.get_attribute("#t-grid .card", "data-indicator") == "expendable"
    assert "indicator: expendable" in page.inner_text("#chips")
    page.click("#tab-evidence")
    page.wait_for_selector("#e-body tr")
    rows = page.locator("#e-body tr")
    n = n_items(indicator="expendable")
    assert rows.count() == n and f"{n} of {n}" in page.inner_text("#e-count")
    rows.filter(has_text="just meat").click()
    mark = page.locator("#d-article mark.ev")
    mark.wait_for()
    assert mark.inner_text() == "We are just meat here"
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    body = page.inner_text("#d-body")
    assert "Ukraine's security service" in body and "Bakhmut" in body and "just meat" in body
    assert "#evidence?" in page.url and "item=" in page.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "evidence.png"))
    assert not page.errors


def test_search_and_places_and_sources(page: Any, live: str) -> None:
    ready(page, live + "/#places")
    page.wait_for_selector("#p-map circle")
    assert page.locator("#p-map path.country").count() >= 8
    for _ in range(8):  # Kharkiv may be grouped with Belgorod until the map is zoomed in
        if page.locator("#p-map g.pt[data-place='Kharkiv']").count():
            break
        page.click("#p-zin")
    page.locator("#p-map g.pt[data-place='Kharkiv'] circle").click()
    page.wait_for_selector("#e-body tr")
    assert page.locator("#e-body tr").count() == n_items(place="Kharkiv")
    assert "place: Kharkiv" in page.inner_text("#chips")
    page.fill("#f-q", "morale crisis")
    page.click("#apply")
    page.wait_for_function("() => document.querySelector('#e-count').textContent.includes('No evidence')")
    page.click("#reset")
    page.click("#tab-sources")
    page.wait_for_selector("#s-speakers tbody tr")
    assert "Igor Sokolov" in page.inner_text("#s-speakers")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "sources.png"), full_page=True)
    assert not page.errors


def _visit_everything(page: Any) -> None:
    for view in ("trends", "evidence", "quotes", "places", "sources"):
        page.click(f"#tab-{view}")
        page.wait_for_timeout(150)
    page.click("#tab-evidence")
    page.locator("#e-body tr").filter(has_text="we have no ammunition").click()
    page.wait_for_selector("#d-article mark.ev")
    page.hover("#d-article mark.ev")
    page.hover("#e-body tr:first-child td:first-child")
    page.wait_for_timeout(200)


def test_planted_payloads_do_not_execute(page: Any, live: str) -> None:
    ready(page, live + "/")
    _visit_everything(page)
    assert xss_ran(page) is None and not page.dialogs
    text = page.inner_text("body")
    assert demo.XSS_SPEAKER in text and "window.__xss=4" in text  # shown as text, not run
    assert page.locator("#d-body a").count() == 0  # the javascript: URL is not made a link
    assert page.locator("svg[onload], img[onerror], b[onmouseover]").count() == 0


def test_no_request_leaves_the_machine(page: Any, live: str) -> None:
    ready(page, live + "/")
    _visit_everything(page)
    page.click("#tab-places")
    page.wait_for_selector("#p-map circle")
    assert page.requests and not local_only(page.requests, live)


def test_report_works_offline_with_its_views(page: Any, hostile_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    build_report(hostile_store, out)
    ready(page, out.as_uri())
    assert "static report" in page.inner_text("#mode")
    assert page.locator("#t-grid .card").count() >= 5
    page.check("#f-indicator input[value='supply_shortage']")
    page.click("#apply")
    page.click("#tab-evidence")
    page.wait_for_selector("#e-body tr")
    assert page.locator("#e-body tr").count() == n_items(indicator="supply_shortage")
    _visit_everything(page)
    assert page.locator("#d-article mark.ev").inner_text() == "we have no ammunition"
    page.click("#tab-places")
    page.wait_for_selector("#p-map circle")
    assert xss_ran(page) is None and not page.dialogs and not page.errors
    assert not local_only(page.requests, None)
    assert all(u.startswith(("file:", "data:")) for u in page.requests)
