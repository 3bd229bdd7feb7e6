"""Hostile input formats (session 13, h-hostile9): time, peak RSS and outcomes of bad HTML pages, Telegram Desktop
exports, JSONL and subtitle files, each followed by a good input (the batch must go on).

Each case writes its files under a temporary folder (big ones are generated, nothing is committed), then one fresh
process reads them as ``analyze`` does (read, decode, clean and, for the small inputs, the default pipeline); its wall time, CPU time and peak RSS (``wait4``) are reported with
every outcome code (tallied as they come: nothing is kept). Results go to ``bench/hostile_inputs.json``.

    PYTHONPATH=src:. .venv/bin/python bench/hostile_inputs.py            # every case
    PYTHONPATH=src:. .venv/bin/python bench/hostile_inputs.py -k telegram
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024
GOOD = "The soldiers said they were tired of the war and had no shells left.\n"


def _w(d: Path, name: str, data: bytes) -> str:
    p = d / name
    p.write_bytes(data)
    return str(p)


def _msg(i: int, text: Any = "", **kw: Any) -> dict[str, Any]:
    return {"id": i, "type": "message", "date": "2023-05-01T10:00:00", "from": "Chan", "text": text, **kw}


def _export(messages: list[bytes] | Any, tail: bytes = b"]}") -> bytes:
    head = b'{"name": "Chan", "type": "public_channel", "id": 77, "messages": ['
    return head + b",\n".join(messages) + tail


def _dump(o: Any) -> bytes:
    return json.dumps(o, ensure_ascii=False).encode("utf-8")


def _big_export(d: Path) -> list[str]:
    """A 200 MB export of 400,000 messages (~500 bytes each), streamed to disk."""
    p = d / "result.json"
    body = "Бойцы рассказали, что у них нет снарядов и что командиры бросили их на позициях. " * 5
    with open(p, "wb") as fh:
        fh.write(b'{"name": "Chan", "type": "public_channel", "id": 77, "messages": [')
        for i in range(400_000):
            fh.write((b",\n" if i else b"") + _dump(_msg(i, body[:480])))
        fh.write(b"]}")
    return [str(p)]


CASES: dict[str, tuple[Callable[[Path], list[str]], bool]] = {
    # HTML
    "html: 100,000 nested <div>": (lambda d: [_w(d, "deep.html", b"<html><body>" + b"<div>" * 100_000 + b"x"
                                                 + b"</div>" * 100_000 + b"</body></html>")], False),
    "html: a 50 MB attribute": (lambda d: [_w(d, "attr.html", b'<html><body><p title="' + b"a" * (50 * MB)
                                              + b'">Soldiers said.</p></body></html>')], False),
    "html: a 15 MB attribute (under the limit)": (
        lambda d: [_w(d, "attr15.html", b'<html><body><p title="' + b"a" * (15 * MB) + b'">' + GOOD.encode() * 3
                      + b"</p></body></html>")], False),
    "html: 1,000,000 tiny elements": (lambda d: [_w(d, "million.html", b"<html><body>" + b"<b>x</b>" * 1_000_000
                                                    + b"</body></html>")], False),
    "html: broken entities": (lambda d: [_w(d, "ent.html", b"<html><body><p>" + GOOD.encode() + (
        b"&#99999999999; &#x110000; &#0; &#xD800; &#xDFFF;x &amp &ampx &#; &#x; &notanentity; &#1114111; "
        b"&#x1F600; &#65 &lt&gt" * 2000) + b"</p></body></html>")], True),
    "html: a <script> of 18 MB": (lambda d: [_w(d, "script.html", b"<html><head><script>" + b"var a=1;" * (18 * MB // 8)
                                                + b"</script></head><body><p>" + GOOD.encode() * 3
                                                + b"</p></body></html>")], False),
    # Telegram Desktop exports
    "telegram: truncated JSON (cut inside a message)": (
        lambda d: [_w(d, "result.json", _export([_dump(_msg(1, GOOD)), _dump(_msg(2, GOOD))[:40]], b""))], True),
    "telegram: 200 MB export of 400,000 messages (read and cleaned)": (_big_export, False),
    "telegram: a text of 100,000 entities": (
        lambda d: [_w(d, "result.json", _export([_dump(_msg(1, [{"type": "bold", "text": "Бойцы "}, "устали. "] * 50_000
                                                          + [{"type": "hashtag", "text": "#фронт"}])),
                                                _dump(_msg(2, GOOD))]))], False),
    "telegram: unknown types": (
        lambda d: [_w(d, "result.json", _export([_dump({**_msg(1, GOOD), "type": "sticker_pack"}),
                                                _dump({**_msg(2, GOOD), "type": None}),
                                                _dump({**_msg(3, GOOD), "text": {"weird": 1}}),
                                                _dump({**_msg(4, [None, 5, {"type": "x"}, "Ok."]), "id": [1]}),
                                                _dump(_msg(5, GOOD))]))], True),
    "telegram: a message nested 100,000 deep": (
        lambda d: [_w(d, "result.json", _export([b'{"id": 1, "type": "message", "text": ' + b"[" * 100_000
                                                 + b"]" * 100_000 + b"}", _dump(_msg(2, GOOD))]))], True),
    "telegram: an album of 200,000 messages (one grouped_id)": (
        lambda d: [_w(d, "result.json", _export([_dump(_msg(i, "Бойцы устали, снарядов нет.", grouped_id=5))
                                                 for i in range(200_000)] + [_dump(_msg(200_001, GOOD))]))], False),
    "telegram: a 30 MB message between good ones": (
        lambda d: [_w(d, "result.json", _export([_dump(_msg(1, GOOD)), _dump(_msg(2, "ж" * (15 * MB))),
                                                _dump(_msg(3, GOOD))]))], False),
    # JSONL, subtitles
    "jsonl: a 100 MB line between good lines": (
        lambda d: [_w(d, "big.jsonl", _dump({"id": 1, "text": GOOD}) + b"\n" + _dump({"id": 2, "text": "a" * (100 * MB)})
                      + b"\n" + _dump({"id": 3, "text": GOOD}) + b"\n")], False),
    "srt: 300,000 cues (15 MB)": (
        lambda d: [_w(d, "subs.srt", b"".join(b"%d\n00:00:01,000 --> 00:00:02,000\nWe have no shells.\n\n" % i
                                                for i in range(1, 300_000)))], False),
    "vtt: one 15 MB cue line": (
        lambda d: [_w(d, "subs.vtt", b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + b"word " * (3 * MB) + b"\n")], False),
}

_CHILD = """
import json, sys, time
from collections import Counter
from moralewatch.clean import RejectedInput, to_document
from moralewatch.ingest import read_inputs
pipe = None
if sys.argv[1] == "1":
    from moralewatch.stages import default_pipeline
    pipe = default_pipeline()
t0 = time.perf_counter()
codes, details, last = Counter(), {}, None
for raw in read_inputs(sys.argv[2:]):  # as analyze reads them; nothing kept but the tally (a row each held 600 MB)
    code, detail = raw.error or ("ok", "")
    if raw.error is None:
        try:
            doc = to_document(raw)
            if pipe is not None:
                pipe.run(doc)
        except RejectedInput as e:
            code, detail = e.code, e.message
    codes[code] += 1
    details.setdefault(code, (detail or "")[:160])
    last = code
print(json.dumps({"wall": time.perf_counter() - t0, "codes": codes, "details": details, "last": last}))
"""


def _built(build: Callable[[Path], list[str]], d: Path) -> list[str]:
    """``build(d)`` in a forked child: this process never holds the big inputs, so the reading process it starts
    next does not inherit their resident memory as its peak (Linux keeps the largest RSS across exec)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.write(w, json.dumps(build(d)).encode())
        os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    paths: list[str] = json.loads(data)
    return paths


def run_case(name: str, build: Callable[[Path], list[str]], pipeline: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="mw-hostile-") as tmp:
        d = Path(tmp)
        paths = _built(build, d)
        good = _w(d, "zz-good.txt", GOOD.encode() * 3)
        size = sum(os.path.getsize(p) for p in paths)
        env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}
        t0 = time.perf_counter()
        with tempfile.TemporaryFile() as errf:
            proc = subprocess.Popen([sys.executable, "-c", _CHILD, "1" if pipeline else "0", *paths, good],
                                    stdout=subprocess.PIPE, stderr=errf, env=env, cwd=ROOT)
            assert proc.stdout is not None
            out = proc.stdout.read()
            _, status, usage = os.wait4(proc.pid, 0)  # this child's own CPU time and peak RSS
            proc.returncode = os.waitstatus_to_exitcode(status)
            errf.seek(0)
            err = errf.read()
        wall = time.perf_counter() - t0
    row: dict[str, Any] = {"case": name, "bytes": size, "pipeline": pipeline, "wall_s": round(wall, 2)}
    row["cpu_s"] = round(usage.ru_utime + usage.ru_stime, 2)
    row["peak_rss_mb"] = round(usage.ru_maxrss / 1024)
    if proc.returncode != 0:
        row["crash"] = err.decode("utf-8", "replace")[-600:]
        return row
    got = json.loads(out)
    row["read_s"] = round(got["wall"], 2)
    row["outcomes"] = got["codes"]
    row["details"] = {c: d for c, d in got["details"].items() if c != "ok"}
    row["batch_went_on"] = got["last"] == "ok"  # the good file after the bad input was read
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-k", default="", help="only the cases whose name contains this")
    ap.add_argument("--out", default=str(ROOT / "bench" / "hostile_inputs.json"))
    args = ap.parse_args(argv)
    rows = []
    for name, (build, pipeline) in CASES.items():
        if args.k and args.k not in name:
            continue
        row = run_case(name, build, pipeline)
        rows.append(row)
        print(f"{name[:62]:62} {row['wall_s']:7.2f} s {row['cpu_s']:7.2f} cpu {row['peak_rss_mb']:5d} MB "
              f"{row.get('outcomes', row.get('crash', ''))} went on: {row.get('batch_went_on')}", flush=True)
    out = {"what": "hostile input formats: wall, CPU, peak RSS and outcomes (bench/hostile_inputs.py)",
           "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load_before": os.getloadavg()[0],
           "cases": rows}
    if not args.k:
        Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
