"""Malformed subtitle files (issue 19, "Bad input"): bad timestamps, missing numbers, mixed encodings, byte order
marks, CRLF, overlapping cues, truncation. Each gets a recorded outcome (a note in the document's ``removed``, or a
coded rejection) and whatever turns can be read; none crashes. Invented files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moralewatch.ingest.read import read_inputs
from moralewatch.model import Document, Outcome
from moralewatch.runner import run_one
from moralewatch.stages import default_pipeline

GOOD = ("1\n00:00:01,000 --> 00:00:03,500\nInterviewer: Where were you captured?\n\n"
        "2\n00:00:04,000 --> 00:00:07,250\nCaptive: Near Robotyne.\n")
TWO = [("Interviewer", "Where were you captured?", 1.0, 3.5), ("Captive", "Near Robotyne.", 4.0, 7.25)]
PIPE = default_pipeline()


def _read(tmp_path: Path, name: str, data: bytes) -> Document | Outcome:
    path = tmp_path / name
    path.write_bytes(data)
    raws = list(read_inputs([str(path)]))
    assert len(raws) == 1
    return run_one(raws[0], PIPE)


def _turns(doc: Document) -> list[tuple[str | None, str, float | None, float | None]]:
    return [(t.get("label"), doc.text[t["start"]:t["end"]], t.get("time_start"), t.get("time_end"))
            for t in doc.meta["turns"]]


CASES = [
    ("crlf.srt", GOOD.replace("\n", "\r\n").encode(), TWO, None),
    ("bom.srt", b"\xef\xbb\xbf" + GOOD.encode(), TWO, None),
    ("utf16.srt", GOOD.encode("utf-16"), TWO, None),
    ("bom.vtt", b"\xef\xbb\xbfWEBVTT\n\n" + GOOD.replace(",", ".").encode(), TWO, None),
    ("no_numbers.srt", "\n".join(x for x in GOOD.split("\n") if x not in ("1", "2")).encode(), TWO,
     "2 cues without a number"),
    # a number parted from its times by a blank line still numbers its cue
    ("parted.srt", GOOD.replace("2\n00:00:04", "2\n\n00:00:04").encode(), TWO, None),
    ("arrow.srt", GOOD.replace("-->", "->", 1).encode(), TWO, None),  # a hand-edited arrow still gives times
    ("bad_times.srt", GOOD.replace("00:00:04,000 --> 00:00:07,250", "00:00:99 --> xx").encode(),
     [TWO[0], ("Captive", "Near Robotyne.", None, None)], "cue 2: times '00:00:99 --> xx'"),
    ("backwards.srt", GOOD.replace("00:00:04,000 --> 00:00:07,250", "00:00:09,000 --> 00:00:08,000").encode(),
     [TWO[0], ("Captive", "Near Robotyne.", None, None)], "cue 2: ends before it starts"),
    ("no_times.srt", GOOD.replace("00:00:04,000 --> 00:00:07,250\n", "").encode(),
     [TWO[0], ("Captive", "Near Robotyne.", None, None)], "cue 2: no times"),
    ("overlap.srt", GOOD.replace("00:00:04,000", "00:00:02,000").encode(),
     [TWO[0], ("Captive", "Near Robotyne.", 2.0, 7.25)], "1 cues start before the cue before them ends"),
    ("truncated.srt", (GOOD + "\n3\n00:00:08,000 --> 00:0").encode(), TWO, "1 cues without text dropped (cue 3)"),
    ("mixed.srt", "1\n00:00:01,000 --> 00:00:03,500\nInterviewer: Где вас взяли?\n\n".encode()
     + "2\n00:00:04,000 --> 00:00:07,250\nПленный: Под Работино.\n".encode("cp1251"),
     [("Interviewer", "Где вас взяли?", 1.0, 3.5), ("Пленный", "Под Работино.", 4.0, 7.25)],
     "encoding: mixed; 1 lines read as cp1251"),
]


@pytest.mark.parametrize(("name", "data", "turns", "note"), CASES, ids=[c[0] for c in CASES])
def test_a_malformed_subtitle_file_gives_the_turns_it_holds_and_says_what_was_wrong(
        tmp_path: Path, name: str, data: bytes, turns: list[tuple[str, str, float | None, float | None]],
        note: str | None) -> None:
    doc = _read(tmp_path, name, data)
    assert isinstance(doc, Document), doc
    assert _turns(doc) == turns
    notes = [n for n in doc.removed if n.startswith(("transcript:", "encoding:"))]
    if note is None:
        assert notes == []
    else:
        assert any(note in n for n in notes), notes


@pytest.mark.parametrize(("name", "data", "code"), [
    ("empty.srt", b"", "empty"),
    ("header_only.vtt", b"WEBVTT\n\n", "no_text"),
    ("binary.srt", bytes(range(1, 255)) * 3, "binary"),
])
def test_a_subtitle_file_without_turns_is_rejected_with_a_code(tmp_path: Path, name: str, data: bytes,
                                                               code: str) -> None:
    out = _read(tmp_path, name, data)
    assert isinstance(out, Outcome) and out.status == "rejected" and out.code == code and out.reason


_EDIT = st.tuples(st.integers(0, len(GOOD)), st.integers(0, 12),
                  st.sampled_from(["", "\n", "\r\n", "-->", "->", ":", "99", "\ufeff", "Captive: ", "\n\n", "—"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(_EDIT, max_size=6), enc=st.sampled_from(["utf-8", "utf-16", "cp1251-tail"]))
def test_no_damage_to_a_subtitle_file_crashes_and_every_turn_maps_into_the_input(
        tmp_path: Path, edits: list[tuple[int, int, str]], enc: str) -> None:
    text = GOOD
    for at, cut, put in edits:
        text = text[:at] + put + text[at + cut:]
    data = text.encode("utf-16") if enc == "utf-16" else \
        text.encode("utf-8") + "Пленный: Под Работино.\n".encode("cp1251") if enc == "cp1251-tail" else \
        text.encode("utf-8")
    out = _read(tmp_path, "damaged.srt", data)
    assert isinstance(out, (Document, Outcome))
    if isinstance(out, Document):
        for t in out.meta.get("turns", []):
            assert 0 <= t["start"] <= t["end"] <= len(out.text)
            assert out.offset_map.span_to_input(t["start"], t["end"]) is not None
