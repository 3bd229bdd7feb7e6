"""The corpus stage (issue 16): stories, events, relations, flags, the `stories` command and its saved state."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from moralewatch.cli import main
from moralewatch.corpus import StoryIndex, stories_stream
from moralewatch.corpus.flags import text_flags

WIRE = ("The Defense Ministry said on Thursday that troops near Bakhmut would be rotated to rest for two weeks, a "
        "spokesman told reporters in Moscow. Igor Konashenkov gave no figures for the units involved. Ukrainian "
        "officials in Kramatorsk said shelling continued overnight and that 14 people were wounded.")
OTHER = ("Coffee futures fell below one dollar a pound in New York on Tuesday, the lowest price in six years, as "
         "Brazil reported a larger harvest than traders had expected and exporters cut their prices again.")


def _run(docs: list[dict[str, object]], state: sqlite3.Connection | None = None) -> list[dict[str, object]]:
    out = io.StringIO()
    stories_stream([json.dumps(d) for d in docs], out, state)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_copies_share_a_story_and_the_earliest_is_the_first_source() -> None:
    docs = [{"id": "late", "text": WIRE, "date": "2022-07-15", "source": "tabloid"},
            {"id": "other", "text": OTHER, "date": "2022-07-15"},
            {"id": "early", "text": WIRE + " Residents of Sloviansk queued for water at the central square while "
             "volunteers drove the elderly to trains leaving for Dnipro and Lviv.", "date": "2022-07-14",
             "source": "wire"}]
    rows = {r["id"]: r for r in _run(docs)}
    assert rows["late"]["story"] == rows["early"]["story"] != rows["other"]["story"]
    assert rows["late"]["first_source"] == rows["early"]["first_source"] == "early"
    assert rows["early"]["relation"] == "original"
    assert rows["late"]["relation"] == "abridged"  # the later, shorter text relative to the first source
    assert rows["other"]["relation"] == "original"


def test_a_template_notice_of_another_company_is_not_a_copy() -> None:
    body = "Qtly div four cts vs four cts prior\n    Pay April 15\n    Record March 31"
    docs = [{"id": "a", "title": "KENAN TRANSPORT CO <KTCO> SETS QUARTERLY", "text": body, "date": "1987-03-16"},
            {"id": "b", "title": "AUTOCLAVE ENGINEERS INC <ACLV> QTLY DIVIDEND", "text": body, "date": "1987-03-16"}]
    rows = _run(docs)
    assert rows[0]["story"] != rows[1]["story"]


def test_the_same_report_on_another_day_is_another_story() -> None:
    docs = [{"id": "a", "text": WIRE, "date": "2022-07-14"}, {"id": "b", "text": WIRE, "date": "2022-08-20"}]
    rows = _run(docs)
    assert rows[0]["story"] != rows[1]["story"]


def test_one_run_and_many_runs_with_state_give_the_same_grouping(tmp_path: Path) -> None:
    docs = [{"id": f"d{i}", "text": (WIRE if i % 3 else OTHER) + f" Update {i // 3}.", "date": "2022-07-14"}
            for i in range(9)]
    whole = _run(docs)
    conn = sqlite3.connect(tmp_path / "state.sqlite")
    parts = _run(docs[:4], conn) + _run(docs[4:7], conn)
    conn.close()
    conn = sqlite3.connect(tmp_path / "state.sqlite")
    parts += _run(docs[7:], conn)
    assert [r["story"] for r in whole] == [r["story"] for r in parts]
    assert [r["event"] for r in whole] == [r["event"] for r in parts]
    again = StoryIndex.load(conn)
    assert len(again.members) == 9 and again.assignment("d8").story == whole[-1]["story"]


def test_every_input_line_gets_an_output_line() -> None:
    out = io.StringIO()
    counts = stories_stream(["not json", json.dumps({"id": 1}), json.dumps({"id": True, "text": "x"}),
                             json.dumps({"id": 7, "text": OTHER})], out)
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [r.get("error") for r in rows] == ["malformed_json", "missing_field", "bad_field", None]
    assert rows[3]["id"] == "7" and counts == {"documents": 1, "stories": 1, "events": 1, "rejected": 3}


def test_clean_text_has_no_flags_and_garbled_text_has() -> None:
    assert text_flags(WIRE) == []
    garbled = ("The ministry said troops could “rest”. A spokesman said the time would allow troops to “deliver "
               "letters and packages from home.” receive”, and experts said they “had broadly launched an "
               "operation.” Break.”")
    assert text_flags(garbled) == ["machine_garbled"]
    assert text_flags("The Protection Ministry said the Overseas Ministry would answer.") == ["machine_garbled"]


def test_the_spun_seed_is_a_spun_and_garbled_copy(seed_texts: dict[str, str]) -> None:
    text = seed_texts["just-meat-here-2022-07"]
    title, body = text.split("\n", 1)
    row = _run([{"id": "seed", "title": title, "text": body}])[0]
    assert row["flags"] == ["machine_garbled", "spun_copy"]
    clean = seed_texts["morale-crisis-2022-03-02"]
    t2, b2 = clean.split("\n", 1)
    assert _run([{"id": "seed2", "title": t2, "text": b2}])[0]["flags"] == []


def test_the_stories_command_writes_the_lines_and_codes_its_errors(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": WIRE}) + "\n" + json.dumps({"id": "b", "text": WIRE}) + "\n")
    res = CliRunner().invoke(main, ["stories", str(src), "-o", str(tmp_path / "out.jsonl")])
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert set(rows[0]) == {"id", "story", "event", "relation", "first_source", "flags"}
    assert rows[0]["story"] == rows[1]["story"] and rows[1]["relation"] == "copy"
    res = CliRunner().invoke(main, ["stories", str(tmp_path / "missing.jsonl")])
    assert res.exit_code != 0 and "E310" in res.output
    (tmp_path / "bad.sqlite").write_text("not a database")
    res = CliRunner().invoke(main, ["stories", str(src), "--state", str(tmp_path / "bad.sqlite")])
    assert res.exit_code != 0 and "E310" in res.output


def test_a_claim_repeated_in_copies_counts_once_per_story() -> None:
    from moralewatch.corpus.counts import independent_counts

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE documents (id TEXT, text TEXT, title TEXT, published TEXT, outlet TEXT, source TEXT)")
    conn.execute("CREATE TABLE indicators (document_id TEXT, indicator TEXT, text TEXT, claimant_side TEXT)")
    conn.execute("CREATE TABLE quotes (document_id TEXT, text TEXT, side TEXT)")
    docs = [("w1", WIRE, "2022-07-14", "TASS"), ("w2", WIRE, "2022-07-14", "Daily Tabloid"),
            ("w3", WIRE, "2022-07-15", "Ukrinform"), ("o1", OTHER + " " + WIRE[:60], "2022-07-14", None)]
    conn.executemany("INSERT INTO documents VALUES (?, ?, NULL, ?, ?, NULL)", docs)
    claim = "would be rotated to rest for two weeks"
    conn.executemany("INSERT INTO indicators VALUES (?, 'morale_boosting', ?, 'ru')",
                     [("w1", claim), ("w2", claim.upper()), ("w3", claim + "."), ("o1", claim)])
    conn.execute("INSERT INTO quotes VALUES ('o1', 'we are just meat here', 'ru')")
    sides = {"tass": "ru", "ukrinform": "ua"}
    counts = {(c.kind, c.label): c.to_json() for c in independent_counts(conn, sides=sides)}
    ind = counts[("indicator", "morale_boosting")]
    assert ind["documents"] == 4 and ind["stories"] == 2  # three copies of one wire story, and another story
    assert ind["by_claimant_side"] == {"ru": 2}
    assert ind["by_publishing_side"] == {"ru": 1, "ua": 1, "unknown": 2}
    assert counts[("quote", "quote")]["stories"] == 1
