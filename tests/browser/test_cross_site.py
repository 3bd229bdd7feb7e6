"""Another page the analyst visits cannot make the dashboard work: an ``<img>``, a ``fetch`` and a form pointed at
the API from another origin are refused (403) before any view runs. The other page is served on another loopback
address (127.0.0.2, or another port of 127.0.0.1 where that address cannot be bound); nothing leaves the machine.
"""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from moralewatch.web import views as Q

pytestmark = pytest.mark.browser


def _host() -> str:
    try:
        with socket.socket() as s:
            s.bind(("127.0.0.2", 0))
        return "127.0.0.2"
    except OSError:
        return "127.0.0.1"


@pytest.fixture()
def other_site(live: str) -> Iterator[str]:
    heavy = live + "/api/trends?since=0001-01-01&until=9999-12-31&interval=day"
    page = (f'<!doctype html><title>news</title><img id="i" src="{heavy}">'
            f'<form id="f" method="get" action="{live}/api/sources"><input name="q" value="x"></form>'
            f'<script>fetch("{live}/api/places", {{mode: "no-cors"}}).catch(() => 0)'
            f'.finally(() => document.title = "fetched")</script>').encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer((_host(), 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{server.server_address[0]}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_another_site_cannot_make_the_dashboard_work(page: Any, live: str, other_site: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []
    for name in ("trends", "places", "sources"):
        real = getattr(Q, name)
        monkeypatch.setattr(Q, name, lambda *a, _n=name, _r=real, **k: (ran.append(_n), _r(*a, **k))[1])
    answers: dict[str, int] = {}
    page.on("response", lambda r: answers.__setitem__(r.url.split("?")[0], r.status) if "/api/" in r.url else None)
    page.goto(other_site)
    page.wait_for_function("() => document.title === 'fetched'", timeout=20000)
    page.wait_for_function("() => document.getElementById('i').complete", timeout=20000)
    sent = [u.split("?")[0] for u in page.requests]  # type: ignore[attr-defined]
    assert live + "/api/trends" in sent and live + "/api/places" in sent  # the browser did send them ...
    assert answers.get(live + "/api/places") == 403  # ... and was refused (the image's answer is opaque to it)
    with page.expect_navigation(timeout=20000):
        page.evaluate("() => document.getElementById('f').submit()")
    assert '"E407"' in page.content()
    assert ran == []
    page.goto(live + "/")  # the dashboard itself still works, in the same browser
    page.wait_for_selector("body[data-ready='1']", timeout=20000)
    assert "trends" in ran
