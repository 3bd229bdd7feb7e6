"""Downloads of what each view shows (issue 18, item 1): the same filters give the same rows as the view's API
call, and the same evidence as `moralewatch export --table evidence`, over a live server on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from moralewatch.export import EVIDENCE_COLUMNS, iter_rows
from moralewatch.store import connect
from moralewatch.web import demo
from moralewatch.web.app import LiveServer
from moralewatch.web.filters import Filters


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo.build_fixture_store(tmp_path_factory.mktemp("dl") / "fixture.db", hostile=True)


@pytest.fixture(scope="module")
def server(store: Path):  # type: ignore[no-untyped-def]
    with LiveServer(store) as live:
        yield live.url


def fetch(url: str, **params: Any) -> tuple[int, dict[str, str], bytes]:
    qs = urllib.parse.urlencode(params, doseq=True)
    try:
        with urllib.request.urlopen(url + ("?" + qs if qs else ""), timeout=60) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


FILTERS: list[dict[str, Any]] = [{}, {"subject_side": "ru"}, {"hedged": "true"}, {"q": "morale"},
                                 {"indicator": ["expendable", "morale_low"], "negated": "false"}]


def _api_items(server: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while True:
        status, _, raw = fetch(f"{server}/api/evidence", limit=500, offset=len(items), **params)
        assert status == 200
        page = json.loads(raw)
        items += page["items"]
        if len(items) >= page["total"] or not page["items"]:
            return items


@pytest.mark.parametrize("params", FILTERS)
def test_evidence_download_is_what_the_view_lists(server: str, store: Path, params: dict[str, Any]) -> None:
    status, headers, raw = fetch(f"{server}/api/download/evidence.jsonl", **params)
    assert status == 200 and headers["content-type"].startswith("application/x-ndjson")
    assert 'filename="moralewatch-evidence.jsonl"' in headers["content-disposition"]
    rows = [json.loads(x) for x in raw.decode().splitlines()]
    api = _api_items(server, params)
    assert [(r["document_id"], r["idx"]) for r in rows] == [(r["document_id"], r["idx"]) for r in api]
    for r, a in zip(rows, api):
        assert list(r) == list(EVIDENCE_COLUMNS)
        assert (r["text"], r["title"], r["hedged"], r["negated"], r["outlet"]) == (
            a["text"], a["title"], a["hedged"], a["negated"], a["outlet"])
    # ... and what `export --table evidence` gives for the same filters
    conn = connect(store, readonly=True)
    f = Filters.from_mapping(params)
    exported = {(r["document_id"], r["idx"]): r for r in iter_rows(conn, "evidence", f)}
    conn.close()
    assert {(r["document_id"], r["idx"]): r for r in rows} == exported
    status, headers, raw = fetch(f"{server}/api/download/evidence.csv", **params)
    assert status == 200 and headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(raw.decode())))
    assert [(r["document_id"], int(r["idx"])) for r in table] == [(r["document_id"], r["idx"]) for r in rows]


def test_places_download_as_geojson_and_csv(server: str) -> None:
    _, _, raw = fetch(f"{server}/api/places", subject_side="ru")
    view = json.loads(raw)
    assert view["places"]
    status, headers, raw = fetch(f"{server}/api/download/places.geojson", subject_side="ru")
    assert status == 200 and headers["content-type"].startswith("application/geo+json")
    gj = json.loads(raw)
    assert gj["type"] == "FeatureCollection"
    assert [(f["properties"]["place"], f["geometry"]["coordinates"]) for f in gj["features"]] == [
        (p["place"], [p["lon"], p["lat"]]) for p in view["places"]]
    assert [u["place"] for u in gj["unlocated"]] == [u["place"] for u in view["unlocated"]]
    assert gj["without_place"] == view["without_place"]
    _, _, raw = fetch(f"{server}/api/download/places.csv", subject_side="ru")
    table = list(csv.DictReader(io.StringIO(raw.decode())))
    assert [r["place"].lstrip("'") for r in table] == [p["place"] for p in view["places"] + view["unlocated"]]


def test_trends_and_sources_download_the_views_numbers(server: str) -> None:
    _, _, raw = fetch(f"{server}/api/trends", interval="month", split="claimant_side")
    t = json.loads(raw)
    _, _, raw = fetch(f"{server}/api/download/trends.jsonl", interval="month", split="claimant_side")
    rows = [json.loads(x) for x in raw.decode().splitlines()]
    assert sum(r["asserted"] for r in rows) == sum(i["asserted"] for i in t["indicators"])
    assert sum(r["hedged"] for r in rows) == sum(i["hedged"] for i in t["indicators"])
    assert {r["period"] for r in rows} <= set(t["periods"])
    # the independent-story counts the chart shows by default are in the download too, cell for cell
    shown = {(ind["indicator"], s["key"], p): s["stories"][i] for ind in t["indicators"] for s in ind["series"]
             for i, p in enumerate(t["periods"])}
    assert {(r["indicator"], r["key"], r["period"]): r["stories"] for r in rows} == shown
    assert 0 < sum(r["stories"] for r in rows) <= sum(r["docs"] for r in rows)
    for r in rows:
        assert r["documents_analysed"] == t["denominator"][t["periods"].index(r["period"])]
    _, _, raw = fetch(f"{server}/api/sources")
    s = json.loads(raw)
    for view, key in (("outlets", "outlet"), ("speakers", "speaker")):
        _, _, raw = fetch(f"{server}/api/download/{view}.jsonl")
        assert [json.loads(x)[key] for x in raw.decode().splitlines()] == [r[key] for r in s[view]]


def test_a_bad_download_is_a_coded_error(server: str) -> None:
    status, _, raw = fetch(f"{server}/api/download/nothing.csv")
    assert status == 404 and json.loads(raw)["error"]["code"] == "E404"
    status, _, raw = fetch(f"{server}/api/download/evidence.geojson")
    assert status == 400 and json.loads(raw)["error"]["code"] == "E500"
    status, _, raw = fetch(f"{server}/api/download/evidence.csv", subject_side="mars")
    assert status == 400 and json.loads(raw)["error"]["code"] == "E501"
