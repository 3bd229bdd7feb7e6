"""The bad-input corpus of issue 14, generated at test time (nothing large is committed: big inputs are sparse
files or gzip bombs built from a few KB): each case writes its inputs under a folder and says which outcome codes
are acceptable for them. ``python -m tests.hostile DIR MAX_BYTES INPUT...`` reads inputs in a fresh process and prints
their outcomes as JSON (the memory of big cases is measured on such a process)."""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .corpus import article, html_page, warc_bytes

MB = 1024 * 1024
LIMIT = 20 * MB  # the default --max-bytes
OK = "ok"


@dataclass
class Case:
    """``build(folder)`` writes the inputs and returns the paths to pass to ``read_inputs``; every outcome's code
    must be in ``expect`` (``ok`` for a document); ``need`` must each occur at least once."""

    name: str
    build: Callable[[Path], list[str]]
    expect: frozenset[str]
    need: frozenset[str] = frozenset()
    big: bool = False
    max_bytes: int = LIMIT
    check: Callable[[list[dict[str, Any]]], None] | None = None
    pipeline: bool = False
    tags: list[str] = field(default_factory=list)


CASES: list[Case] = []


def case(name: str, expect: str | set[str], need: str | set[str] | None = None, **kw: Any) -> Callable[..., Any]:
    def wrap(fn: Callable[[Path], list[str]]) -> Callable[[Path], list[str]]:
        exp = frozenset({expect} if isinstance(expect, str) else expect)
        nd = frozenset({need} if isinstance(need, str) else need) if need is not None else (
            exp if len(exp) == 1 else frozenset())
        CASES.append(Case(name, fn, exp, nd, **kw))
        return fn
    return wrap


def put(folder: Path, name: str | bytes, data: bytes) -> str:
    path = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else name.encode())
    with open(path, "wb") as fh:
        fh.write(data)
    return os.fsdecode(path)


def sparse(folder: Path, name: str, size: int, tail: bytes = b"") -> str:
    """A file of ``size`` zero bytes that takes no disk space (then ``tail``)."""
    path = folder / name
    with open(path, "wb") as fh:
        fh.truncate(size)
        if tail:
            fh.seek(size)
            fh.write(tail)
    return str(path)


def zeros_gz(total: int, member: int = 10 * MB) -> bytes:
    """A gzip bomb: ``total`` zero bytes in members of ``member`` bytes (each ~10 KB compressed)."""
    one = gzip.compress(b"\0" * member, 9)
    return one * (total // member)


def zeros_gz_member(total: int) -> bytes:
    """One gzip member of ``total`` zero bytes (a reader that stops after one member still meets the whole bomb)."""
    import zlib

    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(MB)
    return b"".join([c.compress(block) for _ in range(total // MB)] + [c.flush()])


def line(**obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=True).encode() + b"\n"


TEXT = article(1)
GOOD = line(id="good", text=TEXT, date="2022-03-01")


def _jsonl(folder: Path, name: str, *lines: bytes) -> list[str]:
    return [put(folder, name, b"".join(lines))]


# -- discovery ------------------------------------------------------------------------------------------------------

@case("FIFO named .txt in a folder", "not_a_file")
def _fifo(d: Path) -> list[str]:
    os.mkfifo(d / "pipe.txt")
    return [str(d)]


@case("FIFO given by name", "not_a_file")
def _fifo_named(d: Path) -> list[str]:
    os.mkfifo(d / "pipe.jsonl")
    return [str(d / "pipe.jsonl")]


@case("unix socket named .txt", "not_a_file")
def _socket(d: Path) -> list[str]:
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(d / "sock.txt"))
    s.close()
    return [str(d)]


@case("symlink to /dev/zero named .txt", "not_a_file")
def _devzero(d: Path) -> list[str]:
    os.symlink("/dev/zero", d / "zero.txt")
    return [str(d)]


@case("/dev/urandom given by name", "not_a_file")
def _urandom(d: Path) -> list[str]:
    return ["/dev/urandom"]


def _one_each(outs: list[dict[str, Any]]) -> None:
    keys = [(o["source"], o["locator"]) for o in outs]
    assert len(keys) == len(set(keys)), f"an input read twice: {keys}"


@case("symlink loop inside a folder", OK, check=_one_each)
def _loop(d: Path) -> list[str]:
    (d / "sub").mkdir()
    put(d / "sub", "a.txt", TEXT.encode())
    os.symlink("..", d / "sub" / "up")
    os.symlink(".", d / "sub" / "self")
    return [str(d)]


@case("** glob over a symlink loop", OK, check=_one_each)
def _glob_loop(d: Path) -> list[str]:
    (d / "a" / "b").mkdir(parents=True)
    put(d / "a" / "b", "x.txt", TEXT.encode())
    os.symlink(str(d / "a"), d / "a" / "b" / "loop")
    return [str(d / "**" / "*.txt")]


@case("a link to a file beside the file", OK, check=_one_each)
def _file_link(d: Path) -> list[str]:
    put(d, "a.txt", TEXT.encode())
    os.symlink("a.txt", d / "b.txt")
    return [str(d)]


@case("symlink to itself", "unreadable")
def _self_link(d: Path) -> list[str]:
    os.symlink("me.txt", d / "me.txt")
    return [str(d)]


@case("dangling symlink", "not_found")
def _dangling(d: Path) -> list[str]:
    os.symlink("gone.txt", d / "link.txt")
    return [str(d)]


@case("non-UTF-8 bytes in a file name", OK)
def _latin1_name(d: Path) -> list[str]:
    put(d, b"caf\xe9-\xff.txt", TEXT.encode())
    return [str(d)]


@case("newline and ANSI escapes in a file name", OK)
def _ansi_name(d: Path) -> list[str]:
    put(d, "evil\n\x1b[2J\x1b[31mred.txt", TEXT.encode())
    return [str(d)]


@case("the same folder as ./x, x and x/", OK, check=_one_each)
def _same_folder(d: Path) -> list[str]:
    (d / "corpus").mkdir()
    put(d / "corpus", "a.txt", TEXT.encode())
    rel = os.path.relpath(d / "corpus")
    return [rel, "./" + rel if not rel.startswith("/") else rel, str(d / "corpus") + "/"]


@case("missing path", "not_found")
def _missing(d: Path) -> list[str]:
    return [str(d / "nope.txt")]


@case("glob that matches nothing", "not_found")
def _noglob(d: Path) -> list[str]:
    return [str(d / "*.nothing")]


@case("empty folder", set(), need=set())
def _empty_dir(d: Path) -> list[str]:
    (d / "void").mkdir()
    return [str(d / "void")]


# -- sizes and memory -----------------------------------------------------------------------------------------------

@case("50 MB sparse .txt over the limit", "too_large", big=True)
def _big_txt(d: Path) -> list[str]:
    return [sparse(d, "big.txt", 50 * MB)]


@case("2 GB .jsonl without a newline, then a good line", {"too_large", OK}, need={"too_large", OK}, big=True)
def _no_newline(d: Path) -> list[str]:
    return [sparse(d, "flood.jsonl", 2048 * MB, b"\n" + GOOD)]


@case("gzip bomb .txt.gz (3 MB -> 3 GB)", "too_large", big=True)
def _bomb_txt(d: Path) -> list[str]:
    return [put(d, "bomb.txt.gz", zeros_gz(3000 * MB))]


@case("gzip bomb .jsonl.gz (one 1 GB line, then a good line)", {"too_large", OK}, need={"too_large", OK}, big=True)
def _bomb_jsonl(d: Path) -> list[str]:
    return [put(d, "bomb.jsonl.gz", zeros_gz(1000 * MB) + gzip.compress(b"\n" + GOOD))]


@case("gzip bomb .html.gz (3 GB)", "too_large", big=True)
def _bomb_html(d: Path) -> list[str]:
    return [put(d, "bomb.html.gz", zeros_gz(3000 * MB))]


def _warc_header(payload_len: int, uri: str = "http://example.org/bomb") -> bytes:
    return (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2022-03-01T00:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{len(uri):012d}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {payload_len}\r\n\r\n").encode()


def _warc_bomb() -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    size = 1000 * MB
    good = warc_bytes([("http://example.org/after", html_page("After the bomb", article(2)))], gz=True)
    return (gzip.compress(_warc_header(len(http) + size) + http) + zeros_gz(size) + gzip.compress(b"\r\n\r\n")
            + good)


@case("gzip bomb record in a .warc.gz (1 GB), a good record after it", {"too_large", OK},
      need={"too_large", OK}, big=True)
def _bomb_warc(d: Path) -> list[str]:
    return [put(d, "bomb.warc.gz", _warc_bomb())]


@case("HTTP Content-Encoding gzip bomb inside a WARC record (100 KB -> 100 MB)", "too_large", big=True)
def _bomb_http(d: Path) -> list[str]:
    body = zeros_gz_member(100 * MB)
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    return [put(d, "enc.warc", _warc_header(len(http) + len(body)) + http + body + b"\r\n\r\n")]


@case("zero-filled 20 MB .warc", "malformed_warc", big=True)
def _zero_warc(d: Path) -> list[str]:
    return [sparse(d, "zeros.warc", 20 * MB)]


@case("HTML page of 10^6 elements", "too_complex", big=True)
def _million(d: Path) -> list[str]:
    return [put(d, "million.html", b"<html><body>" + b"<span>x</span>" * 1_000_000 + b"</body></html>")]


@case("10^6 unclosed '<a' tags", "too_complex", big=True)
def _unclosed(d: Path) -> list[str]:
    return [put(d, "unclosed.html", b"<a" * 1_000_000)]


@case("a 15 MB text file of one 'word'", OK, big=True)
def _one_word(d: Path) -> list[str]:
    return [put(d, "word.txt", b"Morale " + b"x" * (15 * MB) + b" is low.\n")]


@case("20 MB of article text (at the limit): read, decoded and cleaned", OK, big=True)
def _at_default_limit(d: Path) -> list[str]:
    para = (article(9).split("\n\n", 1)[1] + "\n\n").encode()
    return [put(d, "limit.txt", (para * (LIMIT // len(para)))[:LIMIT])]


@case("text of exactly the limit", OK, max_bytes=4096)
def _at_limit(d: Path) -> list[str]:
    body = (TEXT * 20).encode()[:4096]
    return [put(d, "exact.txt", body[:-1] + b"\n")]


@case("text one byte over the limit", "too_large", max_bytes=4096)
def _over_limit(d: Path) -> list[str]:
    return [put(d, "over.txt", (TEXT * 20).encode()[:4097])]


@case("JSONL line over the limit between good lines", {"too_large", OK}, need={"too_large", OK}, max_bytes=4096)
def _long_line(d: Path) -> list[str]:
    return _jsonl(d, "long.jsonl", GOOD, line(id="long", text="word " * 2000), GOOD.replace(b"good", b"good2"))


# -- gzip -----------------------------------------------------------------------------------------------------------

@case("valid .txt.gz", OK)
def _txt_gz(d: Path) -> list[str]:
    return [put(d, "a.txt.gz", gzip.compress(TEXT.encode()))]


@case("multi-member .jsonl.gz", OK)
def _multi_gz(d: Path) -> list[str]:
    return [put(d, "m.jsonl.gz", gzip.compress(GOOD) + gzip.compress(GOOD.replace(b"good", b"other")))]


@case("truncated .txt.gz", "truncated")
def _trunc_gz(d: Path) -> list[str]:
    data = gzip.compress((TEXT * 50).encode())
    return [put(d, "t.txt.gz", data[: len(data) // 2])]


@case("truncated .jsonl.gz keeps the lines before the cut", {"truncated", OK}, need={"truncated", OK})
def _trunc_jsonl_gz(d: Path) -> list[str]:
    body = b"".join(line(id=i, text=article(i)) for i in range(40))
    data = gzip.compress(body)
    return [put(d, "t.jsonl.gz", data[: len(data) * 3 // 4])]


@case("garbage named .txt.gz", "truncated")
def _garbage_gz(d: Path) -> list[str]:
    return [put(d, "g.txt.gz", b"this is not gzip at all " * 20)]


@case("gzip with trailing garbage", {"truncated", OK}, need="truncated")
def _trailing_gz(d: Path) -> list[str]:
    return [put(d, "tg.txt.gz", gzip.compress(TEXT.encode()) + b"trailing junk")]


@case("empty .txt.gz", "empty")
def _empty_gz(d: Path) -> list[str]:
    return [put(d, "e.txt.gz", b"")]


# -- JSONL ----------------------------------------------------------------------------------------------------------

@case("JSON nested 100,000 deep", "malformed_json")
def _deep_json(d: Path) -> list[str]:
    return _jsonl(d, "deep.jsonl", b"[" * 100_000 + b"]" * 100_000 + b"\n")


@case("object with a field nested 100,000 deep", "malformed_json")
def _deep_field(d: Path) -> list[str]:
    return _jsonl(d, "deepf.jsonl", b'{"id": 1, "text": "x", "extra": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n")


@case("id of 5,000 digits", "malformed_json")
def _big_int(d: Path) -> list[str]:
    return _jsonl(d, "bigint.jsonl", b'{"id": ' + b"7" * 5000 + b', "text": "' + TEXT.encode()[:80] + b'"}\n')


@case("id of 4,000 digits", OK)
def _big_int_ok(d: Path) -> list[str]:
    return _jsonl(d, "int4000.jsonl", b'{"id": ' + b"7" * 4000 + b', "text": ' + json.dumps(TEXT).encode() + b"}\n")


@case("lone surrogate in text", "bad_unicode")
def _sur_text(d: Path) -> list[str]:
    return _jsonl(d, "st.jsonl", b'{"id": 1, "text": "Morale \\ud800 is low"}\n')


@case("lone low surrogate in title", "bad_unicode")
def _sur_title(d: Path) -> list[str]:
    return _jsonl(d, "stt.jsonl", b'{"id": 1, "title": "\\udc00", "text": ' + json.dumps(TEXT).encode() + b"}\n")


@case("lone surrogate in id", "bad_unicode")
def _sur_id(d: Path) -> list[str]:
    return _jsonl(d, "sid.jsonl", b'{"id": "\\udbff", "text": ' + json.dumps(TEXT).encode() + b"}\n")


@case("escaped surrogate pair (an emoji)", OK)
def _pair(d: Path) -> list[str]:
    return _jsonl(d, "pair.jsonl", b'{"id": 1, "text": ' + json.dumps(TEXT + " \U0001F600").encode() + b"}\n")


for _kind, _raw in [("number", b"42"), ("string", b'"text"'), ("null", b"null"), ("list", b"[1, 2]"),
                    ("true", b"true")]:
    case(f"a JSON {_kind} line", "malformed_json")(lambda d, _r=_raw, _k=_kind: _jsonl(d, f"{_k}.jsonl", _r + b"\n"))


def _dates_dropped(outs: list[dict[str, Any]]) -> None:
    for o in outs:
        assert o["published"] is None and any("date" in r for r in o["removed"]), o


for _i, _date in enumerate(["0001-01-01", "9999-12-31", "nonsense", "2022-13-45", "0001-01-01T00:00:00"]):
    case(f"date {_date!r}", OK, check=_dates_dropped, pipeline=True)(
        lambda d, _v=_date, _n=_i: _jsonl(d, f"date{_n}.jsonl", line(id=1, text=TEXT, date=_v)))


def _strings_only(outs: list[dict[str, Any]]) -> None:
    for o in outs:
        assert o["published"] is None and (o["title"] is None or isinstance(o["title"], str)), o
        assert any("dropped" in r for r in o["removed"]), o


@case("date as a number, title as an object", OK, pipeline=True, check=_strings_only)
def _types(d: Path) -> list[str]:
    return _jsonl(d, "types.jsonl", line(id=1, text=TEXT, date=20220301, title={"a": 1}))


@case("text is a number", "bad_field")
def _text_num(d: Path) -> list[str]:
    return _jsonl(d, "tn.jsonl", line(id=1, text=5))


@case("id is a boolean", "bad_field")
def _id_bool(d: Path) -> list[str]:
    return _jsonl(d, "ib.jsonl", line(id=True, text=TEXT))


@case("id is NaN", "bad_field")
def _id_nan(d: Path) -> list[str]:
    return _jsonl(d, "nan.jsonl", b'{"id": NaN, "text": "x"}\n')


@case("no text field", "missing_field")
def _no_text(d: Path) -> list[str]:
    return _jsonl(d, "nt.jsonl", line(id=1))


@case("invalid UTF-8 inside a JSON string", "malformed_json")
def _bad_utf8_line(d: Path) -> list[str]:
    return _jsonl(d, "bu.jsonl", b'{"id": 1, "text": "caf\xe9 \xff"}\n')


@case("NUL bytes in a line", "malformed_json")
def _nul_line(d: Path) -> list[str]:
    return _jsonl(d, "nul.jsonl", b'{"id": 1,\x00 "text": "x"}\n')


@case("CRLF line ends and blank lines", OK)
def _crlf(d: Path) -> list[str]:
    return _jsonl(d, "crlf.jsonl", GOOD.replace(b"\n", b"\r\n"), b"\r\n\r\n", GOOD.replace(b"good", b"g2"))


@case("empty .jsonl", "empty")
def _empty_jsonl(d: Path) -> list[str]:
    return [put(d, "e.jsonl", b"")]


@case(".jsonl of blank lines only", "empty")
def _blank_jsonl(d: Path) -> list[str]:
    return [put(d, "b.jsonl", b"\n \n\t\n")]


@case("UTF-16 .jsonl", {"malformed_json"})
def _utf16_jsonl(d: Path) -> list[str]:
    return [put(d, "u16.jsonl", GOOD.decode().encode("utf-16"))]


@case("10,000 keys in one object", OK)
def _many_keys(d: Path) -> list[str]:
    obj = {f"k{i}": i for i in range(10_000)} | {"id": 1, "text": TEXT}
    return _jsonl(d, "keys.jsonl", json.dumps(obj).encode() + b"\n")


@case("truncated last line", {"malformed_json", OK}, need={"malformed_json", OK})
def _cut_line(d: Path) -> list[str]:
    return _jsonl(d, "cut.jsonl", GOOD, GOOD[:40])


# -- decoding -------------------------------------------------------------------------------------------------------

@case("even-length UTF-8 with one NUL (was UTF-16-LE mojibake)", "binary")
def _one_nul(d: Path) -> list[str]:
    u = (TEXT * 3).encode()
    u = u[:200] + b"\x00" + u[201:]
    return [put(d, "nul.txt", u[: len(u) // 2 * 2])]


def _text_is(expected: str) -> Callable[[list[dict[str, Any]]], None]:
    def check(outs: list[dict[str, Any]]) -> None:
        assert all(expected in (o["text"] or "") for o in outs if o["code"] == OK), outs
    return check


RU = ("Солдаты жалуются на нехватку топлива и еды. Моральный дух войск падает, говорят эксперты. "
      "Командиры бросили подразделение под Харьковом, сообщили родственники военнослужащих.\n") * 4

for _enc in ("utf-16-le", "utf-16-be"):
    case(f"{_enc} without BOM, English", OK, check=_text_is("complain of shortages"))(
        lambda d, _e=_enc: [put(d, f"en-{_e}.txt", TEXT.encode(_e))])
    case(f"{_enc} without BOM, Russian", OK, check=_text_is("Моральный дух"))(
        lambda d, _e=_enc: [put(d, f"ru-{_e}.txt", RU.encode(_e))])

for _enc in ("utf-32", "utf-8-sig", "cp1251", "koi8-r"):
    case(f"{_enc} text", OK, check=_text_is("Моральный дух"))(lambda d, _e=_enc: [put(d, f"{_e}.txt", RU.encode(_e))])


@case("random bytes without NUL", {"undecodable", "binary"})
def _random_hi(d: Path) -> list[str]:
    import random

    rnd = random.Random(7)
    return [put(d, "rnd.txt", bytes(rnd.randrange(128, 256) for _ in range(8000)))]


@case("random bytes", {"binary", "undecodable"})
def _random(d: Path) -> list[str]:
    import random

    rnd = random.Random(8)
    return [put(d, "rnd2.txt", bytes(rnd.randrange(256) for _ in range(8000)))]


@case("UTF-8 with one stray byte", "undecodable")
def _stray(d: Path) -> list[str]:
    return [put(d, "stray.txt", RU.encode() + b"\xff" + RU.encode())]


@case("UTF-16 BOM with an odd byte count", "undecodable")
def _odd16(d: Path) -> list[str]:
    return [put(d, "odd.txt", TEXT.encode("utf-16") + b"x")]


@case("UTF-8 BOM then invalid UTF-8", "undecodable")
def _bom_bad(d: Path) -> list[str]:
    return [put(d, "bb.txt", b"\xef\xbb\xbf" + TEXT.encode() + b"\xc3\x28")]


@case("1 MB of NUL bytes", "binary")
def _zeros(d: Path) -> list[str]:
    return [put(d, "z.txt", b"\0" * MB)]


@case("control characters", "binary")
def _controls(d: Path) -> list[str]:
    return [put(d, "c.txt", bytes(range(1, 9)) * 500)]


@case("whitespace only", "empty")
def _ws(d: Path) -> list[str]:
    return [put(d, "ws.txt", b" \n\t\r\n" * 100)]


# -- HTML -----------------------------------------------------------------------------------------------------------

@case("HTML nested 5,000 deep", "too_deep")
def _deep_html(d: Path) -> list[str]:
    return [put(d, "deep.html", b"<html><body>" + b"<div>" * 5000 + b"t" + b"</div>" * 5000 + b"</body></html>")]


@case("HTML with a 5 MB attribute", {"no_text", OK})
def _attr(d: Path) -> list[str]:
    return [put(d, "attr.html", html_page("T", article(3)).replace("<body>", "<body data-x='" + "a" * 5 * MB + "'>")
                .encode())]


@case("HTML that is one 1 MB comment", {"no_text", "empty"})
def _comment(d: Path) -> list[str]:
    return [put(d, "comment.html", b"<!--" + b"x " * (MB // 2) + b"-->")]


@case("HTML with scripts only", "no_text")
def _script(d: Path) -> list[str]:
    return [put(d, "script.html", b"<html><head><script>" + b"var a=1;" * 10_000 + b"</script></head></html>")]


@case("angle-bracket soup", {"no_text", OK})
def _soup(d: Path) -> list[str]:
    return [put(d, "soup.html", b"<<<<>>>><</<><>/>" * 20_000)]


@case("entity flood", {"no_text", OK})
def _entities(d: Path) -> list[str]:
    return [put(d, "ent.html", b"<html><body><p>" + b"&amp;&#x41;&nbsp;&bogus;" * 100_000 + b"</p></body></html>")]


@case("billion laughs DOCTYPE", {"no_text", OK})
def _laughs(d: Path) -> list[str]:
    ents = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    return [put(d, "laughs.html", f"<!DOCTYPE html [{ents}]><html><body><p>&a9;</p></body></html>".encode())]


@case("HTML with NUL bytes", "binary")
def _html_nul(d: Path) -> list[str]:
    return [put(d, "nul.html", html_page("T", article(4)).encode().replace(b"<p>", b"<p>\x00", 1))]


@case("5,000 paragraphs (under the element limit)", {OK, "no_text"})
def _near_limit(d: Path) -> list[str]:
    return [put(d, "near.html", b"<html><body><article>" + b"<p>Soldiers said morale was low.</p>" * 5_000
                + b"</article></body></html>")]


# -- WARC -----------------------------------------------------------------------------------------------------------

@case("empty .warc", "empty")
def _empty_warc(d: Path) -> list[str]:
    return [put(d, "e.warc", b"")]


def _one_outcome(outs: list[dict[str, Any]]) -> None:
    assert len(outs) == 1, outs


@case("garbage .warc (was 50 binary rejections)", "malformed_warc", check=_one_outcome)
def _garbage_warc(d: Path) -> list[str]:
    import random

    rnd = random.Random(9)
    return [put(d, "g.warc", bytes(rnd.randrange(256) for _ in range(50_000)))]


@case("text file named .warc.gz", "malformed_warc", check=_one_outcome)
def _text_warc(d: Path) -> list[str]:
    return [put(d, "t.warc.gz", TEXT.encode())]


def _warc_records(types: list[str]) -> bytes:
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    for i, t in enumerate(types):
        rec = w.create_warc_record(f"http://example.org/{i}", t, payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                                   warc_content_type="application/http; msgtype=request" if t == "request" else
                                   "text/plain")
        w.write_record(rec)
    return buf.getvalue()


@case("WARC of request and metadata records only", "no_records", check=_one_outcome)
def _requests(d: Path) -> list[str]:
    return [put(d, "req.warc", _warc_records(["warcinfo", "request", "metadata", "request"]))]


@case("truncated .warc.gz", {"truncated", OK}, need="truncated")
def _trunc_warc(d: Path) -> list[str]:
    w = warc_bytes([("http://example.org/a", html_page("A", article(5))), ("http://example.org/b",
                                                                         html_page("B", article(6)))])
    return [put(d, "t.warc.gz", w[: len(w) * 2 // 3])]


@case("WARC header line of 4 MB", "malformed_warc", check=_one_outcome)
def _long_header(d: Path) -> list[str]:
    return [put(d, "h.warc", b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: " + b"a" * 4 * MB + b"\r\n\r\n")]


@case("WARC record longer than the file", {"truncated", "malformed_warc", "no_text", OK})
def _short_record(d: Path) -> list[str]:
    return [put(d, "s.warc", _warc_header(10 * MB) + b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nshort")]


@case("WARC Content-Length not a number", {"malformed_warc", "binary"})
def _bad_length(d: Path) -> list[str]:
    return [put(d, "l.warc", _warc_header(5).replace(b"Content-Length: 5", b"Content-Length: many") + b"hello")]


@case("WARC response of image/png", "binary")
def _png(d: Path) -> list[str]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("http://example.org/p.png", "response",
                                        payload=io.BytesIO(b"\x89PNG\r\n" + bytes(range(256)) * 10),
                                        http_headers=headers))
    return [put(d, "png.warc.gz", buf.getvalue())]


@case("gzip-compressed WARC named .warc", OK)
def _gz_named_warc(d: Path) -> list[str]:
    return [put(d, "c.warc", warc_bytes([("http://example.org/a", html_page("Shortages", article(7)))]))]


@case("zeros after the first record of a .warc", {"malformed_warc", OK}, need={"malformed_warc", OK}, big=True)
def _zeros_after(d: Path) -> list[str]:
    first = warc_bytes([("http://example.org/a", html_page("Shortages", article(7)))], gz=False)
    return [put(d, "za.warc", first + b"\0" * (30 * MB))]


# -- running a case -------------------------------------------------------------------------------------------------

def outcomes(inputs: list[str], max_bytes: int = LIMIT, pipeline: bool = False) -> list[dict[str, Any]]:
    """Each raw input of ``inputs`` with its outcome: a rejection code, or ``ok`` and its document's fields."""
    from moralewatch.clean import RejectedInput, to_document
    from moralewatch.ingest import read_inputs

    pipe = None
    if pipeline:
        from moralewatch.stages import default_pipeline

        pipe = default_pipeline()
    out = []
    for raw in read_inputs(inputs, max_bytes=max_bytes):
        row: dict[str, Any] = {"source": raw.source, "locator": raw.locator, "code": None, "detail": "",
                               "text": None, "published": None, "removed": [], "title": None}
        if raw.error:
            row["code"], row["detail"] = raw.error
        else:
            try:
                doc = to_document(raw)
            except RejectedInput as e:
                row["code"], row["detail"] = e.code, e.message
            else:
                if pipe is not None:
                    doc = pipe.run(doc)
                row.update(code=OK, text=doc.text[:2000], published=doc.published, removed=doc.removed,
                           title=doc.title)
        out.append(row)
    return out


def main(argv: list[str]) -> None:
    max_bytes = int(argv[0])
    print(json.dumps(outcomes(argv[1:], max_bytes), ensure_ascii=True))


if __name__ == "__main__":
    main(sys.argv[1:])


# -- Telegram Desktop exports (session 13) -----------------------------------------------------------------------

def _tg_message(i: int, text: Any, **kw: Any) -> bytes:
    return json.dumps({"id": i, "type": "message", "date": "2023-05-01T10:00:00", "from": "Chan", "text": text, **kw},
                      ensure_ascii=False).encode()


def _tg_export(d: Path, *messages: bytes, tail: bytes = b"]}") -> list[str]:
    head = b'{"name": "Chan", "type": "public_channel", "id": 77, "messages": ['
    return [put(d, "result.json", head + b",\n".join(messages) + tail)]


@case("Telegram export cut inside a message", {"truncated_export", OK}, need={"truncated_export", OK})
def _tg_truncated(d: Path) -> list[str]:
    return _tg_export(d, _tg_message(1, TEXT), _tg_message(2, TEXT)[:40], tail=b"")


@case("Telegram messages of unknown types and odd fields", {"unknown_message", "media_only", OK},
      need={"unknown_message", "media_only", OK})
def _tg_unknown(d: Path) -> list[str]:
    return _tg_export(d, _tg_message(1, TEXT).replace(b'"message"', b'"sticker_pack"'),
                      json.dumps({"id": 2, "type": None, "text": "x"}).encode(),
                      _tg_message(3, {"weird": 1}), _tg_message(4, [None, 5, {"type": "x"}, "Soldiers said."]),
                      _tg_message(5, TEXT))


@case("Telegram message nested 100,000 deep, then a good one", {"malformed_message", OK},
      need={"malformed_message", OK})
def _tg_deep(d: Path) -> list[str]:
    return _tg_export(d, b'{"id": 1, "type": "message", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                      _tg_message(2, TEXT))


@case("Telegram text of 100,000 entities", OK)
def _tg_entities(d: Path) -> list[str]:
    return _tg_export(d, _tg_message(1, [{"type": "bold", "text": "Бойцы "}, "устали. "] * 50_000
                                     + [{"type": "hashtag", "text": "#фронт"}]), _tg_message(2, TEXT))


def _albums_within(limit: int) -> Callable[[list[dict[str, Any]]], None]:
    def check(outs: list[dict[str, Any]]) -> None:
        texts = [o["text"] for o in outs if o["code"] == OK]
        assert len(texts) >= 3, len(texts)  # the run of one group is cut into inputs of at most the limit
        assert all(len(t.encode()) <= limit for t in texts)
    return check


@case("Telegram 'album' of 20,000 messages of one group (was quadratic, one input of any size)", OK,
      max_bytes=256 * 1024, check=_albums_within(256 * 1024))
def _tg_album(d: Path) -> list[str]:
    return _tg_export(d, *(_tg_message(i, "Бойцы устали, снарядов нет.", grouped_id=5) for i in range(20_000)))
