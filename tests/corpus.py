"""Builds test corpora on disk: good articles beside bad inputs of every kind."""

from __future__ import annotations

import io
import json
from pathlib import Path

ARTICLE = (
    "Troops near {place} complain of shortages\n\n"
    "Soldiers of a brigade near {place} said on Tuesday that they had run out of fuel and food, "
    "according to a report published by a regional newspaper. Article number {n}.\n\n"
    "\u201cWe have not eaten for three days,\u201d one soldier told reporters in {place}.\n"
)
PLACES = ["Kharkiv", "Bakhmut", "Kherson", "Mykolaiv", "Izium", "Kramatorsk", "Sievierodonetsk", "Avdiivka"]


def article(n: int) -> str:
    return ARTICLE.format(place=PLACES[n % len(PLACES)], n=n)


def html_page(title: str, body: str, date: str = "2022-03-04") -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (f"<!doctype html><html><head><title>{title}</title><meta property='article:published_time' "
            f"content='{date}'><meta property='og:site_name' content='Test Herald'></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{title}</h1>{paras}</article>"
            f"<footer>Copyright Test Herald</footer></body></html>")


def warc_bytes(pages: list[tuple[str, str]], gz: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = w.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers)
        w.write_record(rec)
    return buf.getvalue()


def build_bad_corpus(root: Path, big: bool = True) -> dict[str, str]:
    """Writes good and bad inputs under ``root``; returns {relative path: expected status or code}."""
    root.mkdir(parents=True, exist_ok=True)
    expect: dict[str, str] = {}

    def put(name: str, data: bytes, what: str) -> None:
        (root / name).write_bytes(data)
        expect[name] = what

    put("good1.txt", article(1).encode(), "ok")
    put("good2.txt", article(2).encode(), "ok")
    put("binary.txt", bytes(range(256)) * 40, "binary")
    put("empty.txt", b"", "empty")
    put("blank.txt", b"  \n\n \t\n", "empty")
    put("utf16.txt", article(3).encode("utf-16"), "ok")
    ru = ("Солдаты жалуются на нехватку топлива и еды. Командиры бросили подразделение под Харьковом, "
          "сообщили родственники военнослужащих. Моральный дух войск падает, говорят эксперты.\n") * 5
    put("cp1251.txt", ru.encode("cp1251"), "ok")
    put("page.html", html_page("Morale falters at the front", article(4).split("\n\n", 1)[1]).encode(), "ok")
    deep = "<html><body>" + "<div>" * 5000 + "text" + "</div>" * 5000 + "</body></html>"
    put("deep.html", deep.encode(), "too_deep")
    put("nav-only.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no_text")
    warc = warc_bytes([("http://example.org/a", html_page("Shortages reported", article(5).split("\n\n", 1)[1])),
                       ("http://example.org/b", html_page("Desertions reported", article(6).split("\n\n", 1)[1]))])
    put("crawl.warc.gz", warc, "ok")
    put("truncated.warc.gz", warc[: len(warc) * 2 // 3], "truncated")
    lines = [json.dumps({"id": "j1", "text": article(7), "date": "2022-04-01"}), "{not json",
             json.dumps({"id": "j2"}), json.dumps(["a", "list"]), json.dumps({"id": "j3", "text": article(8)})]
    put("feed.jsonl", ("\n".join(lines) + "\n").encode(), "mixed")
    if big:
        put("big.txt", (b"word " * 10_000_000)[: 50 * 1024 * 1024], "too_large")
    return expect
