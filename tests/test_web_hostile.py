"""The dashboard cannot be made to fall over (issue 14 item 5): hostile parameters, cross-site requests, foreign
Host headers, and a small soak of concurrent clients against the real app served on a loopback port.

Every request here goes to a LiveServer on a loopback address (127.0.0.0/8 or ::1), nowhere else; loops are
bounded in count and every request has a timeout.
"""

from __future__ import annotations

import json
import random
import socket
import sqlite3
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from moralewatch.cli import main
from moralewatch.model import Outcome
from moralewatch.store import Store
from moralewatch.web import demo
from moralewatch.web import views as Q
from moralewatch.web.app import LiveServer
from moralewatch.web.generate import make_document
from moralewatch.web.net import host_of, is_loopback

TIMEOUT = 30  # seconds, per request: a bound against a hang, not a measurement


def call(url: str, headers: dict[str, str] | None = None) -> tuple[int, Any, float]:
    """(status, JSON body, seconds) of one GET."""
    assert urllib.parse.urlsplit(url).hostname in ("127.0.0.1", "127.0.0.2", "::1")
    req = urllib.request.Request(url, headers=headers or {})
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
            status, raw = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, raw = e.code, e.read()
    return status, json.loads(raw), time.perf_counter() - t0


def url(base: str, path: str, params: dict[str, Any] | list[tuple[str, Any]] | None = None) -> str:
    return base + path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")


def assert_error(status: int, body: Any, code: str | None = None) -> None:
    assert 400 <= status < 500, (status, body)
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fix"}, body
    assert body["error"]["message"] and len(body["error"]["message"]) < 1000
    if code:
        assert body["error"]["code"] == code, body


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo.build_fixture_store(tmp_path_factory.mktemp("hostile") / "fixture.db", hostile=True)


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[str]:
    with LiveServer(store) as live:
        yield live.url


# -- hostile parameters -------------------------------------------------------------------------------------------

VIEWS = ("/api/trends", "/api/evidence", "/api/places", "/api/sources")
FILTER_ATTACKS: list[tuple[str, Any, str]] = [
    ("since", "2023-02-30", "E501"), ("since", "99999-01-01", "E501"), ("since", "2023-01-01\n", "E501"),
    ("since", "-1", "E501"), ("since", "9" * 5000, "E501"), ("until", "0000-00-00", "E501"),
    ("until", "２０２３-01-01", "E501"), ("indicator", "bravery", "E501"),
    ("indicator", ["expendable"] * 51, "E501"),
    ("subject_side", ",".join(["ru"] * 60), "E501"), ("channel", "x" * 10000, "E501"),
    ("place", "K" * 301, "E501"), ("outlet", ["o"] * 51, "E501"), ("claimant", "c" * 5000, "E501"),
    ("q", "word " * 21, "E501"), ("q", "x" * 501, "E501"), ("hedged", "perhaps", "E501"),
    ("negated", "2", "E501"),
]
VIEW_ATTACKS: list[tuple[str, list[tuple[str, Any]], str]] = [
    ("/api/trends", [("since", "2023-02-01"), ("until", "2023-01-01")], "E502"),
    ("/api/trends", [("interval", "hour")], "E501"), ("/api/trends", [("interval", "x" * 5000)], "E501"),
    ("/api/trends", [("split", "weather")], "E501"),
    ("/api/evidence", [("limit", 0)], "E501"), ("/api/evidence", [("limit", -1)], "E501"),
    ("/api/evidence", [("limit", 501)], "E501"), ("/api/evidence", [("limit", 10**30)], "E501"),
    ("/api/evidence", [("limit", "many")], "E500"), ("/api/evidence", [("limit", "1e9")], "E500"),
    ("/api/evidence", [("offset", -1)], "E501"), ("/api/evidence", [("offset", 10**30)], "E501"),
    ("/api/evidence", [("offset", 10_000_001)], "E501"), ("/api/evidence", [("sort", "sideways")], "E501"),
    ("/api/evidence/x/99999999999999999999", [], "E500"), ("/api/evidence/x/-1", [], "E500"),
    ("/api/evidence/x/1.5", [], "E500"), ("/api/evidence/" + "a" * 200 + "/1", [], "E500"),
    ("/api/evidence/nope/3", [], "E404"), ("/api/evidence/%00/0", [], "E404"),
    ("/api/nothing", [], "E404"), ("/api/evidence/x", [], "E404"),
]
HEADER_ATTACKS: list[tuple[dict[str, str], str]] = [
    ({"Host": "attacker.example"}, "E400"), ({"Host": "127.0.0.1.attacker.example"}, "E400"),
    ({"Host": "localhost.attacker.example:80"}, "E400"), ({"Sec-Fetch-Site": "cross-site"}, "E407"),
    ({"Sec-Fetch-Site": "same-site"}, "E407"), ({"Origin": "http://attacker.example"}, "E407"),
    ({"Origin": "null"}, "E407"), ({"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Dest": "image"}, "E407"),
]


def hostile_requests() -> list[tuple[str, str, dict[str, str], str]]:
    """(path, query string, headers, expected code) of every hostile request of the sweep."""
    out = []
    for view in VIEWS:
        for name, value, code in FILTER_ATTACKS:
            out.append((view, urllib.parse.urlencode({name: value}, doseq=True), {}, code))
    for path, params, code in VIEW_ATTACKS:
        out.append((path, urllib.parse.urlencode(params), {}, code))
    for path in VIEWS + ("/api/meta", "/api/evidence/x/0", "/openapi.json"):
        for headers, code in HEADER_ATTACKS:
            out.append((path, "", headers, code))
    return out


def test_every_endpoint_answers_hostile_parameters_with_a_4xx_in_the_error_shape(server: str) -> None:
    slowest = (0.0, "")
    requests = hostile_requests()
    assert len(requests) >= 150
    for path, qs, headers, code in requests:
        status, body, seconds = call(server + path + ("?" + qs if qs else ""), headers)
        assert_error(status, body, code)
        assert seconds < 1.0, (path, qs[:80], headers, seconds)  # the bound for a hostile parameter
        slowest = max(slowest, (seconds, f"{path}?{qs[:60]} {headers}"))
    print(f"\n{len(requests)} hostile requests, slowest {slowest[0] * 1000:.1f} ms: {slowest[1]}")


def test_hostile_values_are_never_echoed_whole(server: str) -> None:
    status, body, _ = call(url(server, "/api/trends", {"interval": "<script>" + "x" * 100_000}))
    assert_error(status, body, "E501")
    assert len(json.dumps(body)) < 1000 and "100,010 characters" in body["error"]["message"]


def test_trends_over_all_time_by_day_are_clamped_to_the_stored_days(server: str) -> None:
    """The request that allocated > 12 GB: since=0001-01-01&until=9999-12-31&interval=day."""
    status, t, seconds = call(url(server, "/api/trends", {"since": "0001-01-01", "until": "9999-12-31",
                                                        "interval": "day"}))
    assert status == 200 and seconds < 10
    _, m, _ = call(url(server, "/api/meta"))
    assert t["periods"][0] >= m["document_range"][0] and t["periods"][-1] <= m["document_range"][1]
    _, everything, _ = call(url(server, "/api/trends", {"interval": "day"}))
    assert sum(i["items"] for i in t["indicators"]) == sum(i["items"] for i in everything["indicators"]) > 0
    status, auto, _ = call(url(server, "/api/trends", {"since": "0001-01-01", "until": "9999-12-31"}))
    assert status == 200 and auto["interval"] == "day" and auto["periods"] == everything["periods"]


def test_too_many_periods_ask_for_a_coarser_interval(tmp_path: Path) -> None:
    db = demo.build_fixture_store(tmp_path / "wide.db")
    store = Store(db)
    rng = random.Random(4)
    for n, day in enumerate((date(1900, 1, 1), date(2099, 12, 31))):  # two centuries of documents
        store.write(make_document(rng, 900 + n, day, 2), Outcome("t", str(n), "ok"), 0, {})
    store.close()
    with LiveServer(db) as live:
        status, body, seconds = call(url(live.url, "/api/trends", {"interval": "day"}))
        assert_error(status, body, "E501")
        assert "73,049 periods" in body["error"]["message"] and "5,000" in body["error"]["message"]
        assert "interval=month" in body["error"]["fix"] and seconds < 1
        status, body, _ = call(url(live.url, "/api/trends", {"interval": "week"}))
        assert_error(status, body, "E501")
        status, t, _ = call(url(live.url, "/api/trends"))  # auto: months
        assert status == 200 and t["interval"] == "month" and len(t["periods"]) == 200 * 12
        status, t, _ = call(url(live.url, "/api/trends", {"interval": "day", "since": "2023-01-01",
                                                         "until": "2023-03-01"}))
        assert status == 200 and len(t["periods"]) == 60


# -- cross-site requests and the Host check ------------------------------------------------------------------------


def test_cross_site_requests_do_no_work(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = Q.trends

    def counted(*a: Any, **k: Any) -> Any:
        calls.append(1)
        return real(*a, **k)

    monkeypatch.setattr(Q, "trends", counted)
    with LiveServer(store) as live:
        heavy = url(live.url, "/api/trends", {"since": "0001-01-01", "until": "9999-12-31", "interval": "day"})
        for headers in ({"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"},
                        {"Origin": "https://news.example", "Sec-Fetch-Site": "cross-site"},
                        {"Origin": "http://127.0.0.1:1"}, {"Sec-Fetch-Site": "same-site"}):
            status, body, _ = call(heavy, headers)
            assert_error(status, body, "E407")
        assert calls == []
        own = live.url
        for headers in ({}, {"Sec-Fetch-Site": "same-origin", "Origin": own}, {"Sec-Fetch-Site": "none"},
                        {"Origin": own}):
            status, _, _ = call(heavy, headers)
            assert status == 200, headers
        assert len(calls) == 4
        req = urllib.request.Request(live.url + "/", headers={"Sec-Fetch-Site": "cross-site"})
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:  # a link to the dashboard still opens it
            assert r.status == 200 and b"<html" in r.read().lower()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "127.0.0.2", "127.255.255.254", "::1", "[::1]",
                                  "LOCALHOST"])
def test_loopback_addresses(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "example.com", "localhost.example",
                                  "127.0.0.1.nip.io", "", "[::1", "::1]", "[127.0.0.1]"])
def test_not_loopback(host: str) -> None:
    assert not is_loopback(host_of(host))


def test_host_of() -> None:
    assert [host_of(h) for h in ("127.0.0.2:8765", "[::1]:80", "localhost", "[::1]", "evil:1:2")] == [
        "127.0.0.2", "[::1]", "localhost", "[::1]", "evil:1:2"]


def _can_bind(family: socket.AddressFamily, host: str) -> bool:
    try:
        with socket.socket(family) as s:
            s.bind((host, 0))
        return True
    except OSError:
        return False


@pytest.mark.parametrize("host", ["127.0.0.2", "::1"])
def test_the_host_check_is_on_for_every_loopback_address(store: Path, host: str) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    if not _can_bind(family, host):
        pytest.skip(f"cannot bind {host} on this machine")
    with LiveServer(store, host=host) as live:
        port = live.url.rsplit(":", 1)[1]
        status, _, _ = call(live.url + "/api/meta")
        assert status == 200
        status, _, _ = call(live.url + "/api/meta", {"Host": f"localhost:{port}"})
        assert status == 200
        for foreign in ("attacker.example", f"attacker.example:{port}", "192.168.1.5"):
            status, body, _ = call(live.url + "/api/meta", {"Host": foreign})
            assert_error(status, body, "E400")


def test_serve_on_another_loopback_address_does_not_warn(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    res = CliRunner().invoke(main, ["serve", str(store), "--host", "127.0.0.2"])
    assert res.exit_code == 0 and "Warning" not in res.output and calls[-1][1]["host"] == "127.0.0.2"


# -- soak ----------------------------------------------------------------------------------------------------------


def rewrite_some(db: Path, stop: threading.Event, rounds: int) -> int:
    """Re-analysis in place, as ``analyze --reanalyze`` does it, of a few documents: their indicators deleted
    and written again (shuffled) in one transaction each. Returns how many were rewritten."""
    conn = sqlite3.connect(db, isolation_level=None, timeout=30)
    ids = [r[0] for r in conn.execute("SELECT DISTINCT document_id FROM indicators ORDER BY document_id")]
    rng = random.Random(9)
    done = 0
    for _ in range(rounds):
        if stop.is_set():
            break
        doc = rng.choice(ids)
        conn.row_factory = sqlite3.Row
        rows = [dict(r) for r in conn.execute("SELECT * FROM indicators WHERE document_id = ?", (doc,))]
        rng.shuffle(rows)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM indicators WHERE document_id = ?", (doc,))
        for i, row in enumerate(rows):
            row["idx"] = i
            conn.execute(f"INSERT INTO indicators ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                         list(row.values()))
        conn.execute("COMMIT")
        done += 1
        time.sleep(0.02)
    conn.close()
    return done


def test_soak_200_clients_5_requests_each_while_documents_are_rewritten(tmp_path: Path) -> None:
    db = demo.build_fixture_store(tmp_path / "soak.db", hostile=True)
    paths = ["/api/meta", "/api/trends", "/api/trends?interval=week&split=channel", "/api/evidence",
             "/api/evidence?q=meat", "/api/places", "/api/sources", "/api/evidence?subject_side=ua&limit=100",
             "/api/trends?since=0001-01-01&until=9999-12-31&interval=day", "/api/sources?hedged=true"]
    clients, per_client = 200, 5
    timings: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(clients + 1, timeout=60)

    def client(n: int) -> None:
        try:
            start.wait()
        except threading.BrokenBarrierError:
            pass
        for k in range(per_client):
            path = paths[(n + k) % len(paths)]
            try:
                status, body, seconds = call(base + path)
                ok = status == 200 and "error" not in body
            except Exception as e:  # noqa: BLE001 - every failure counts, whatever it is
                ok, seconds, status = False, 0.0, repr(e)  # type: ignore[assignment]
            with lock:
                timings.append(seconds)
                if not ok:
                    errors.append(f"{path}: {status}")

    stop = threading.Event()
    with LiveServer(db) as live:
        base = live.url
        threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
        for t in threads:
            t.start()
        rewritten: list[int] = []
        writer = threading.Thread(target=lambda: rewritten.append(rewrite_some(db, stop, 40)), daemon=True)
        writer.start()
        t0 = time.perf_counter()
        start.wait()
        deadline = time.monotonic() + 300
        for t in threads:
            t.join(timeout=max(0.1, deadline - time.monotonic()))
        wall = time.perf_counter() - t0
        stop.set()
        writer.join(timeout=60)
        alive = sum(t.is_alive() for t in threads)
        _, meta, _ = call(base + "/api/meta")
    assert alive == 0, f"{alive} clients still waiting after 300 s"
    assert len(timings) == clients * per_client
    assert errors == [], errors[:10]
    assert rewritten and rewritten[0] > 0
    assert meta["counts"]["indicators"] == sqlite3.connect(db).execute(
        "SELECT count(*) FROM evidence_facts").fetchone()[0]
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"\nsoak: {clients} clients x {per_client} requests, {len(errors)} errors, p50 "
          f"{timings[len(timings) // 2] * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {timings[-1] * 1000:.0f} ms, "
          f"wall {wall:.1f} s, {rewritten[0]} documents rewritten meanwhile")
