"""The extract contract (shared/spec/extract-jsonl.md), checked with shared/tools/validate_extract.py."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from moralewatch.api import extract_line, extract_stream


def _seed_lines(seed_texts: dict[str, str]) -> list[str]:
    return [json.dumps({"id": k, "text": v}) for k, v in seed_texts.items()]


def test_seed_articles_pass_the_validator(tmp_path: Path, seed_texts: dict, shared: Path) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_text("\n".join(_seed_lines(seed_texts)) + "\n")
    r = subprocess.run([sys.executable, "-m", "moralewatch.cli", "extract", str(inp), "-o", str(out)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    v = subprocess.run([sys.executable, str(shared / "tools" / "validate_extract.py"), str(inp), str(out)],
                       capture_output=True, text=True)
    assert v.returncode == 0 and v.stdout.startswith("ok:"), v.stdout


def test_bad_lines_get_errors_and_the_run_goes_on() -> None:
    lines = [b'{"id": "a", "text": "Soldiers said they were tired."}', b"{oops", b'{"text": "no id"}',
             b'{"id": 7, "text": ""}', b'{"id": "b", "text": 5}', b'{"id": "c", "text": "Fine text."}']
    out = io.StringIO()
    assert extract_stream(lines, out) == 6
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [r["id"] for r in rows] == ["a", None, None, 7, "b", "c"]
    assert [r["error"]["code"] if r["error"] else None for r in rows] == [
        None, "malformed_json", "missing_field", None, "bad_field", None]
    assert all("Fix:" in r["error"]["message"] for r in rows if r["error"])
    assert all(set(r) == {"id", "quotes", "indicators", "entities", "error"} for r in rows)


def test_offsets_point_into_the_input_as_given(seed_texts: dict) -> None:
    # page furniture ahead of the article shifts the canonical text; offsets must still point into the input
    for name, text in seed_texts.items():
        noisy = "Skip to main content\n\nAdvertisement\n\n" + text.replace("\n\n", "\n\n\n", 3)
        row = extract_line(json.dumps({"id": name, "text": noisy}))
        for key in ("quotes", "indicators", "entities"):
            for item in row[key]:
                assert noisy[item["start"]:item["end"]] == item["text"]


def test_workers_give_the_same_output(seed_texts: dict) -> None:
    lines = [x.encode() for x in _seed_lines(seed_texts)] * 3
    one, two = io.StringIO(), io.StringIO()
    extract_stream(lines, one, workers=1)
    extract_stream(lines, two, workers=2)
    assert one.getvalue() == two.getvalue()
