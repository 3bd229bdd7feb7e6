"""The dashboard's JSON API, its queries, the report and the commands, over the fixture store (web/demo.py).

Expected figures are computed here from the fixture's own model objects (a brute-force count), never typed in.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moralewatch.cli import main
from moralewatch.model import Outcome
from moralewatch.store import Store, connect
from moralewatch.web import demo
from moralewatch.web import views as Q
from moralewatch.web.app import LiveServer
from moralewatch.web.filters import Filters, fts_query
from moralewatch.web.generate import generate, make_document
from moralewatch.web.index import FactIndex
from moralewatch.web.report import build_report, json_for_script


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo.build_fixture_store(tmp_path_factory.mktemp("web") / "fixture.db", hostile=True)


@pytest.fixture(scope="module")
def server(store: Path):  # type: ignore[no-untyped-def]
    with LiveServer(store) as live:
        yield live.url


def get(url: str, **params: Any) -> tuple[int, Any]:
    qs = urllib.parse.urlencode(params, doseq=True)
    try:
        with urllib.request.urlopen(url + ("?" + qs if qs else ""), timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


# -- the fixture as plain rows: what every count must agree with ---------------------------------------------------


def truth() -> list[dict[str, Any]]:
    rows = []
    for a in demo.articles() + [demo.hostile_article()]:
        doc = demo.build_document(a)
        for ind in doc.indicators:
            q = doc.quotes[ind.quote_index] if ind.quote_index is not None else None
            rows.append({"doc": doc.id, "day": a.published, "outlet": a.outlet, "indicator": ind.indicator,
                         "subject_side": ind.subject_side, "claimant_side": ind.claimant_side,
                         "channel": ind.channel, "speaker_role": q.speaker_role if q else "unknown",
                         "place": ind.place, "hedged": ind.hedged, "negated": ind.negated, "text": ind.text,
                         "claimant": ind.claimant})
    return rows


def brute(rows: list[dict[str, Any]], f: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        ok = all(r[k] in v for k, v in f.items() if k in ("indicator", "subject_side", "claimant_side", "channel",
                                                         "speaker_role", "place", "outlet"))
        ok = ok and (f.get("since") is None or r["day"] >= f["since"]) and (f.get("until") is None or
                                                                            r["day"] <= f["until"])
        ok = ok and all(r[k] == f[k] for k in ("hedged", "negated") if f.get(k) is not None)
        if f.get("q"):
            ok = ok and all(w in re.findall(r"\w+", r["text"].lower()) for w in f["q"].lower().split())
        if ok:
            out.append(r)
    return out


ROWS = truth()


# -- API ----------------------------------------------------------------------------------------------------------


def test_meta_counts_the_store(server: str) -> None:
    status, m = get(server + "/api/meta")
    assert status == 200
    assert m["counts"]["indicators"] == len(ROWS)
    assert m["counts"]["documents"] == len({r["doc"] for r in ROWS})
    assert m["evidence_range"] == [min(r["day"] for r in ROWS), max(r["day"] for r in ROWS)]
    assert set(m["options"]["outlet"]) == {r["outlet"] for r in ROWS}
    assert set(m["options"]["place"]) == {r["place"] for r in ROWS if r["place"]}


def test_trends_counts_items_documents_and_the_denominator(server: str) -> None:
    status, t = get(server + "/api/trends", interval="week", split="subject_side")
    assert status == 200 and t["interval"] == "week"
    weeks = t["periods"]
    assert all(date.fromisoformat(w).weekday() == 0 for w in weeks)
    week_of = {r["day"]: (date.fromisoformat(r["day"]) - timedelta(days=date.fromisoformat(r["day"]).weekday()))
               .isoformat() for r in ROWS}
    doc_day = {r["doc"]: r["day"] for r in ROWS}  # every fixture document has evidence
    docs_per_week = Counter(week_of[d] for d in doc_day.values())
    assert t["denominator"] == [docs_per_week.get(w, 0) for w in weeks]
    for ind in t["indicators"]:
        mine = [r for r in ROWS if r["indicator"] == ind["indicator"]]
        assert ind["items"] == len(mine)
        assert ind["hedged"] == sum(r["hedged"] for r in mine)
        assert ind["negated"] == sum(r["negated"] for r in mine)
        assert ind["asserted"] == sum(not r["hedged"] and not r["negated"] for r in mine)
        assert ind["docs"] == len({r["doc"] for r in mine})
        for s in ind["series"]:
            side_rows = [r for r in mine if r["subject_side"] == s["key"]]
            for i, w in enumerate(weeks):
                in_week = [r for r in side_rows if week_of[r["day"]] == w]
                assert s["docs"][i] == len({r["doc"] for r in in_week})
                assert s["hedged"][i] == sum(r["hedged"] for r in in_week)
    assert sum(i["items"] for i in t["indicators"]) == len(ROWS)


def test_trends_split_by_channel_and_day(server: str) -> None:
    _, t = get(server + "/api/trends", interval="day", split="channel", indicator="supply_shortage")
    keys = {s["key"] for i in t["indicators"] for s in i["series"]}
    assert keys == {r["channel"] for r in ROWS if r["indicator"] == "supply_shortage"}
    assert [i["indicator"] for i in t["indicators"]] == ["supply_shortage"]
    assert len(t["periods"]) == len(t["denominator"])


FILTER_CASES = [
    {"indicator": ["expendable", "coerced"]}, {"subject_side": ["ua"]}, {"claimant_side": ["west"]},
    {"channel": ["phone_call"]}, {"speaker_role": ["pow"]}, {"place": ["Kramatorsk"]},
    {"outlet": ["Moscow Wire"]}, {"since": "2023-01-12", "until": "2023-01-23"}, {"hedged": True},
    {"negated": True}, {"hedged": False, "subject_side": ["ru"]}, {"q": "meat"}, {"q": "morale crisis"},
]


@pytest.mark.parametrize("f", FILTER_CASES, ids=lambda f: ",".join(f))
def test_every_filter_narrows_every_view(server: str, f: dict[str, Any]) -> None:
    expected = brute(ROWS, f)
    params = {k: (str(v).lower() if isinstance(v, bool) else v) for k, v in f.items()}
    _, ev = get(server + "/api/evidence", **params)
    assert ev["total"] == len(expected) and expected
    assert sorted(i["text"] for i in ev["items"]) == sorted(r["text"] for r in expected)
    _, t = get(server + "/api/trends", **params)
    assert sum(i["items"] for i in t["indicators"]) == len(expected)
    _, p = get(server + "/api/places", **params)
    assert sum(x["items"] for x in p["places"] + p["unlocated"]) + p["without_place"] == len(expected)
    _, s = get(server + "/api/sources", **params)
    assert sum(o["items"] for o in s["outlets"]) == len(expected)
    assert sum(s["by_side"].values()) == len(expected)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.fixed_dictionaries({}, optional={
    "indicator": st.lists(st.sampled_from(sorted({r["indicator"] for r in ROWS})), min_size=1, max_size=3),
    "subject_side": st.lists(st.sampled_from(["ru", "ua", "unknown"]), min_size=1, max_size=2),
    "claimant_side": st.lists(st.sampled_from(["ru", "ua", "west", "independent"]), min_size=1, max_size=2),
    "outlet": st.lists(st.sampled_from(sorted({r["outlet"] for r in ROWS})), min_size=1, max_size=2),
    "since": st.sampled_from(["2023-01-01", "2023-01-10", "2023-01-20", "2023-02-06"]),
    "hedged": st.booleans(), "negated": st.booleans(),
    "q": st.sampled_from(["meat", "morale", "no", "shells", "fight"]),
}))
def test_counts_agree_with_a_brute_force_count(store: Path, f: dict[str, Any]) -> None:
    conn = connect(store, readonly=True)
    try:
        ix = FactIndex(conn).refresh()
        filters = Filters.from_mapping(f)
        expected = brute(ROWS, f)
        assert Q.evidence(ix, filters, limit=500)["total"] == len(expected)
        t = Q.trends(ix, filters, "day", "claimant_side")
        assert sum(i["items"] for i in t["indicators"]) == len(expected)
        for i in t["indicators"]:
            assert i["docs"] == len({r["doc"] for r in expected if r["indicator"] == i["indicator"]})
        speakers = Q.sources(ix, filters)["speakers"]
        assert sum(s["items"] for s in speakers) == sum(1 for r in expected if r["claimant"])
    finally:
        conn.close()


def test_evidence_pages_are_newest_first_and_disjoint(server: str) -> None:
    _, a = get(server + "/api/evidence", limit=10)
    _, b = get(server + "/api/evidence", limit=10, offset=10)
    days = [i["day"] for i in a["items"] + b["items"]]
    assert days == sorted(days, reverse=True)
    keys = [(i["document_id"], i["idx"]) for i in a["items"] + b["items"]]
    assert len(set(keys)) == len(keys) == 20
    _, old = get(server + "/api/evidence", limit=5, sort="oldest")
    assert old["items"][0]["day"] == min(r["day"] for r in ROWS)


def test_an_evidence_item_opens_its_article_with_the_span(server: str) -> None:
    _, ev = get(server + "/api/evidence", q="meat")
    it = ev["items"][0]
    _, item = get(server + f"/api/evidence/{it['document_id']}/{it['idx']}")
    ind, doc, quote = item["indicator"], item["document"], item["quote"]
    assert doc["text"][ind["start"]:ind["end"]] == ind["text"] == "We are just meat here"
    assert quote["via"] == ["Ukraine's security service"] and quote["channel"] == "phone_call"
    assert doc["text"][quote["start"]:quote["end"]] == quote["text"]
    assert item["place"]["name"] == "Bakhmut" and item["place"]["lat"] == pytest.approx(48.595)
    assert ind["rule"] and ind["cue"] == "just meat"
    assert {o["indicator"] for o in item["others"]} == {"heavy_losses", "betrayed_by_command"}


def _assert_error(status: int, body: Any, expected_status: int, code: str) -> None:
    assert status == expected_status
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fix"}
    assert body["error"]["code"] == code and body["error"]["message"]


@pytest.mark.parametrize("path,params,status,code", [
    ("/api/trends", {"indicator": "bravery"}, 400, "E501"),
    ("/api/trends", {"split": "weather"}, 400, "E501"),
    ("/api/trends", {"interval": "hour"}, 400, "E501"),
    ("/api/evidence", {"limit": "many"}, 400, "E500"),
    ("/api/evidence", {"limit": 100000}, 400, "E501"),
    ("/api/evidence", {"since": "2023-02-30"}, 400, "E501"),
    ("/api/evidence", {"since": "2023-02-01", "until": "2023-01-01"}, 400, "E502"),
    ("/api/places", {"hedged": "perhaps"}, 400, "E501"),
    ("/api/evidence/nope/3", {}, 404, "E404"),
    ("/api/evidence/nope/x", {}, 400, "E500"),
    ("/api/nothing", {}, 404, "E404"),
])
def test_one_error_shape(server: str, path: str, params: dict[str, Any], status: int, code: str) -> None:
    _assert_error(*get(server + path, **params), status, code)


def test_unexpected_errors_keep_the_shape(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*a: Any, **k: Any) -> Any:
        raise ZeroDivisionError("x")

    monkeypatch.setattr(Q, "places", boom)
    with LiveServer(store) as live:
        _assert_error(*get(live.url + "/api/places"), 500, "E599")


def test_openapi_documents_every_view(server: str) -> None:
    _, spec = get(server + "/openapi.json")
    assert {"/api/meta", "/api/trends", "/api/evidence", "/api/evidence/{document_id}/{idx}", "/api/places",
            "/api/sources"} <= set(spec["paths"])
    params = {p["name"] for p in spec["paths"]["/api/evidence"]["get"]["parameters"]}
    assert {"indicator", "subject_side", "claimant_side", "channel", "speaker_role", "place", "outlet", "since",
            "until", "hedged", "negated", "q"} <= params
    with urllib.request.urlopen(server + "/docs") as r:
        page = r.read().decode()
    assert "cdn" not in page.lower() and "https://" not in page


# -- security ------------------------------------------------------------------------------------------------------


def test_search_text_never_reaches_sql(server: str, store: Path) -> None:
    for q in ["'; DROP TABLE documents; --", '" OR 1=1 --', "meat) OR (x", "NEAR(a b)", "*", "\"\"\""]:
        status, body = get(server + "/api/evidence", q=q)
        assert status == 200, body
    status, body = get(server + "/api/evidence", outlet="x' OR '1'='1")
    assert status == 200 and body["total"] == 0
    conn = sqlite3.connect(store)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == len({r["doc"] for r in ROWS})
    conn.close()


def test_the_server_cannot_write(store: Path) -> None:
    conn = connect(store, readonly=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM documents")
    conn.close()


def test_pages_carry_a_strict_policy_and_refuse_foreign_hosts(server: str) -> None:
    with urllib.request.urlopen(server + "/") as r:
        csp = r.headers["Content-Security-Policy"]
        page = r.read().decode()
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "connect-src 'self'" in csp
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    req = urllib.request.Request(server + "/api/meta", headers={"Host": "attacker.example"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req)
    _assert_error(e.value.code, json.loads(e.value.read()), 400, "E400")


def test_keeps_serving_while_an_ingest_writes(tmp_path: Path) -> None:
    db = demo.build_fixture_store(tmp_path / "busy.db")
    import random

    rng = random.Random(3)
    errors: list[BaseException] = []
    done = threading.Event()

    def ingest() -> None:
        try:
            store = Store(db)
            run = store.start_run({}, ["writer"])
            for n in range(120):
                doc = make_document(rng, n, date(2023, 1, 9) + timedelta(days=n % 30), 4)
                store.write(doc, Outcome("writer", str(n), "ok"), run, {"indicators": "gen.v1"})
            store.close()
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)
        finally:
            done.set()

    with LiveServer(db) as live:
        _, before = get(live.url + "/api/meta")
        writer = threading.Thread(target=ingest)
        writer.start()
        statuses = []
        while True:  # at least one round, then until the writer is done
            finished = done.is_set()
            for path in ("/api/trends", "/api/evidence", "/api/places", "/api/sources", "/api/evidence?q=worse"):
                status, body = get(live.url + path)
                statuses.append(status)
                assert status == 200, body
            if finished:
                break
        writer.join()
        _, after = get(live.url + "/api/meta")
        _, ev = get(live.url + "/api/evidence")
    assert not errors
    assert len(statuses) >= 4
    added = 120 * 4
    assert after["counts"]["indicators"] == before["counts"]["indicators"] + added
    assert ev["total"] == after["counts"]["indicators"]


def test_search_by_the_full_text_map_equals_the_sql_join(tmp_path: Path) -> None:
    import random

    db = demo.build_fixture_store(tmp_path / "fts.db", hostile=True)
    words = ["meat", "morale", "no", "shells", "fight*", "bodies", "they", "x"]
    conn = connect(db, readonly=True)
    slow = FactIndex(conn).refresh()
    expected = {w: slow._matching(fts_query(w) or "").copy() for w in words}
    fast = FactIndex(connect(db, readonly=True)).refresh()
    fast.build_fts(wait=True)
    assert fast.fts_ready and fast.fts_rowid.size == fast.n
    for w in words:
        assert np.array_equal(fast._matching(fts_query(w) or ""), expected[w]), w
    store = Store(db)  # the map follows new rows
    rng = random.Random(2)
    new_words = []
    for n in range(3):
        doc = make_document(rng, n, date(2023, 3, n + 1), 4)
        new_words.append(doc.indicators[0].text.split()[-1])
        store.write(doc, Outcome("t", str(n), "ok"), 0, {})
    store.close()
    n0 = fast.n
    fast.refresh()
    slow.refresh()
    assert fast.fts_rowid.size == fast.n == slow.n == n0 + 12
    for w in new_words + ["morale", "they"]:
        hit = fast._matching(fts_query(w) or "")
        assert np.array_equal(hit, slow._matching(fts_query(w) or "")), w
    assert all(fast._matching(fts_query(w) or "")[n0:].any() for w in new_words)
    conn.close()


def test_fact_index_follows_a_growing_store(tmp_path: Path) -> None:
    db = demo.build_fixture_store(tmp_path / "grow.db")
    conn = connect(db, readonly=True)
    ix = FactIndex(conn).refresh()
    n0 = ix.n
    store = Store(db)
    import random

    doc = make_document(random.Random(1), 1, date(2023, 3, 1), 5)
    store.write(doc, Outcome("t", "1", "ok"), store.start_run({}, []), {})
    assert ix.refresh().n == n0 + 5
    store.conn.execute("DELETE FROM indicators WHERE document_id = ?", (doc.id,))
    assert ix.refresh().n == n0
    store.close()
    conn.close()


# -- report --------------------------------------------------------------------------------------------------------


def test_report_is_self_contained_and_escaped(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    info = build_report(store, out)
    html = out.read_text(encoding="utf-8")
    assert info["items"] == len(ROWS) == info["total"]
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=["'](?!data:)""", html)
    assert "http-equiv=\"Content-Security-Policy\"" in html and "connect-src 'none'" in html
    for payload in (demo.XSS_TITLE, demo.XSS_OUTLET, demo.XSS_SPEAKER, demo.XSS_QUOTE):
        assert payload not in html
    data = re.search(r'<script type="application/json" id="mw-data">(.*?)</script>', html, re.S)
    assert data is not None
    parsed = json.loads(data.group(1))
    assert any(d["title"] == demo.XSS_TITLE for d in parsed["documents"].values())
    assert len(parsed["facts"]) == len(ROWS)


def test_json_for_script_cannot_close_the_element() -> None:
    text = json_for_script({"a": "</script><script>alert(1)</script><!--", "b": "\u2028&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><script>alert(1)</script><!--", "b": "\u2028&"}


def test_report_command_applies_filters(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    res = CliRunner().invoke(main, ["report", str(store), "-o", str(out), "--subject-side", "ua", "--limit", "3"])
    assert res.exit_code == 0, res.output
    data = json.loads(re.search(r'id="mw-data">(.*?)</script>', out.read_text(), re.S).group(1))  # type: ignore[union-attr]
    assert len(data["facts"]) == 3 and {f["subject_side"] for f in data["facts"]} == {"ua"}
    assert data["total"] == len(brute(ROWS, {"subject_side": ["ua"]}))
    bad = CliRunner().invoke(main, ["report", str(tmp_path / "missing.db")])
    assert bad.exit_code == 2 and "E201" in bad.output


# -- commands ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cmd", ["serve", "report"])
def test_command_help_ends_with_an_example(cmd: str) -> None:
    res = CliRunner().invoke(main, [cmd, "--help"])
    assert res.exit_code == 0
    doc = res.output.split("Options:")[0]
    assert "Example:" in doc and f"moralewatch {cmd} " in doc.split("Example:")[1]


def test_serve_defaults_to_loopback_and_warns_otherwise(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    res = CliRunner().invoke(main, ["serve", str(store)])
    assert res.exit_code == 0 and calls[-1]["host"] == "127.0.0.1" and "Warning" not in res.output
    res = CliRunner().invoke(main, ["serve", str(store), "--host", "0.0.0.0"])
    assert res.exit_code == 0 and calls[-1]["host"] == "0.0.0.0" and "Warning" in res.output
    assert "sensitive" in res.output


def test_serve_migrates_an_old_store_once(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    demo.build_fixture_store(db)
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE evidence_facts")
    conn.execute("DELETE FROM schema_migrations WHERE version = 2")
    conn.commit()
    conn.close()
    from moralewatch.web.cli import ensure_read_model

    assert ensure_read_model(str(db)) is True
    assert ensure_read_model(str(db)) is False
    conn = connect(db, readonly=True)
    assert conn.execute("SELECT count(*) FROM evidence_facts").fetchone()[0] == len(
        [r for r in ROWS if r["outlet"] != demo.XSS_OUTLET])
    conn.close()


# -- generator -----------------------------------------------------------------------------------------------------


def test_generator_builds_consistent_stores(tmp_path: Path) -> None:
    t0 = time.perf_counter()
    out = generate(tmp_path / "g.db", 500, days=40, batch=37)
    assert out["indicators"] == 500 and time.perf_counter() - t0 < 60
    conn = connect(tmp_path / "g.db", readonly=True)
    assert conn.execute("SELECT count(*) FROM evidence_facts").fetchone()[0] == 500
    for text, start, end, doc in conn.execute(
            "SELECT i.text, i.start, i.end, d.text FROM indicators i JOIN documents d ON d.id = i.document_id"):
        assert doc[start:end] == text
    ix = FactIndex(conn).refresh()
    assert Q.evidence(ix, Filters())["total"] == 500
    conn.close()
