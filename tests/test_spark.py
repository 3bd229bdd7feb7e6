"""issue 20: the pipeline on Spark gives the rows of ``analyze`` + ``export``; ``load`` brings them into a store.

The tests that run Spark need pyspark (the ``[spark]`` extra) and a Java runtime: without them they skip with one
reason, except under CI (``CI`` set), where ``make test`` installs both (``make spark-deps``) and a missing one
fails. One ``local[2]`` session serves the module (the JVM starts once). The planning tests need neither.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from moralewatch import spark as mws
from moralewatch.api import analyze
from moralewatch.cli import main
from moralewatch.export import export_tables
from moralewatch.ingest import read_inputs
from moralewatch.ingest.streams import lines
from moralewatch.runner import Limits

from .corpus import article, build_bad_corpus

TABLES = list(mws.OUTPUT_TABLES)
#: columns that say when and in which run a row was written, not what it is
VOLATILE = {"run_id", "at"}


def _no_spark() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (make spark-deps installs the [spark] extra and a Java runtime)"
    if not os.environ.get("JAVA_HOME") and shutil.which("java") is None:
        return "no Java runtime for Spark (make spark-deps installs Debian's OpenJDK)"
    return None


@pytest.fixture(scope="module")
def starting() -> Any:
    """The module's local[2] session, started in a thread (the JVM's start-up overlaps the corpus's build and
    ``analyze`` in the first fixture that needs it): a future of the session."""
    why = _no_spark()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"under CI the Spark tests must run: {why}")
        pytest.skip(why)
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(mws.session, "local[2]", TEST_CONF)
        yield future
        if future.exception() is None:
            future.result().stop()


@pytest.fixture(scope="module")
def spark(starting: Any) -> Any:
    return starting.result()


#: settings for a small job (seconds, not hours): two shuffle partitions for the duplicates' aggregation (the
#: session's default JVM options for a local master, C1 JIT and serial GC, cut its start-up CPU by about a third)
TEST_CONF = {"spark.driver.memory": "1g", "spark.sql.shuffle.partitions": "2"}


def _corpus(root: Path) -> Path:
    """A few hundred documents: a JSONL feed (repeated lines, bad lines, a blank line, a line over the size limit)
    beside the bad-input corpus (txt, html, warc, a truncated archive, encodings)."""
    build_bad_corpus(root / "mixed", big=False)
    rng = random.Random(20)
    feed = []
    for n in range(300):
        feed.append(json.dumps({"id": f"a{n}", "text": article(n), "date": f"2022-03-{1 + n % 28:02d}",
                                "title": f"Report {n}"}))
        if n % 50 == 7:
            feed.append(feed[rng.randrange(len(feed))])  # the same line again: a duplicate
        if n % 97 == 3:
            feed += ["{broken", "", json.dumps({"id": n}), json.dumps({"id": "big", "text": "x" * 70_000})]
    (root / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    return root


def _rows(table: Any) -> list[tuple[str, ...]]:
    cols = [c for c in table.column_names if c not in VOLATILE]
    return sorted(tuple(repr(r[c]) for c in cols) for r in table.select(cols).to_pylist())


# -- planning: no Spark needed ------------------------------------------------------------------------------------


@pytest.mark.parametrize("split", [5, 64, 1000, 4096])
def test_line_ranges_cover_every_line_once(tmp_path: Path, split: int) -> None:
    """The lines of consecutive ranges are the file's lines, each once, whatever the cut points."""
    rng = random.Random(split)
    data = b"".join(rng.choice([b"\n", b"{}\n", b"x" * rng.randrange(1, 300) + b"\n", b"  \n"]) for _ in range(400))
    data += b"last line without newline"
    path = tmp_path / "f.jsonl"
    path.write_bytes(data)
    with open(path, "rb") as fh:
        expected = list(lines(fh, 100))
    got = []
    for start in range(0, len(data), split):
        u = mws.Unit(0, str(path), str(path), "jsonl", start=start, end=min(len(data), start + split))
        with open(path, "rb") as fh:
            got += list(mws.range_lines(fh, u.start, u.end, 100))
    assert got == expected


def test_split_units_give_the_inputs_of_analyze(tmp_path: Path) -> None:
    """Planned units, numbered by their line counts (what the counting job computes), read exactly the raw inputs
    that analyze reads: same sources, locators, hashes, texts and rejections."""
    root = _corpus(tmp_path)
    units, to_count = mws.plan([str(root)], cores=2, split=8192)
    assert len(to_count) > 10  # the feed is cut into many ranges
    limit = 65_536
    mws._number(units, {u.unit: mws._range_counts(u, limit) for u in to_count})
    got = [r for u in units for r in mws.unit_inputs(u, limit)]
    want = list(read_inputs([str(root)], max_bytes=limit))

    def key(r: Any) -> tuple[Any, ...]:
        return (r.source, r.locator, r.sha, r.size, r.text, r.error, r.meta)

    assert [key(r) for r in got] == [key(r) for r in want]
    assert any(r.error and r.error[0] == "too_large" for r in got)


def test_blank_split_file_gets_its_empty_outcome(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_bytes(b"\n   \n" * 5000)
    units, to_count = mws.plan([str(path)], cores=2, split=4096)
    mws._number(units, {u.unit: mws._range_counts(u, 1000) for u in to_count})
    got = [(r.locator, r.error) for u in units for r in mws.unit_inputs(u, 1000)]
    assert got == [(r.locator, r.error) for r in read_inputs([str(path)], max_bytes=1000)]
    assert got == [("", ("empty", "10,000 blank lines"))]


def test_a_unit_that_fails_becomes_an_outcome_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """Anything that escapes the per-input isolation costs the rest of its unit, as one stage_failed outcome row:
    never the task, so never the job."""

    from moralewatch.model import Outcome

    def broken(u: Any, limits: Any, at: str) -> Any:
        yield "outcomes", [Outcome("/x", "line 1", "rejected")], {"_seq": 0}
        raise OSError("disk gone")

    monkeypatch.setattr(mws, "analyse_unit", broken)
    parts = list(mws._guarded(mws.Unit(3, "/x", "/x", "txt"), Limits(), "now"))
    table, [failed], fixed = parts[-2]
    assert table == "outcomes" and "OSError: disk gone" in (failed.reason or "") and fixed["_seq"] == 1
    assert failed.status == "rejected" and failed.code == "stage_failed"
    assert parts[-1][0] == "_unit" and parts[-1][2]["_seq"] == 2  # the unit's metrics count both outcomes


def test_a_retried_unit_replaces_its_files(tmp_path: Path) -> None:
    """A unit's rows go to its final file of each table, renamed into place when the unit is done: a second attempt
    of the same unit replaces the first's file (no duplicate rows), an attempt that dies leaves only a hidden file,
    which a Parquet reader skips; values come typed as the export types them, with only the export's columns."""
    import pyarrow.dataset as ds

    from moralewatch.spark.staging import UnitWriter, clear_tables, stage_columns

    @dataclasses.dataclass
    class Said:
        text: str
        via: tuple[str, ...]

    root = str(tmp_path / "out")
    clear_tables(root, ("outcomes", "quotes"))
    said = [Said("We hold", ("Reuters",))]
    for _ in range(2):  # the task, then its retry
        w = UnitWriter(root, 4)
        for i in range(3):
            w.add("quotes", stage_columns("quotes", said, {"document_id": "d1", "idx": i, "_unit": 4, "_seq": 0}))
        w.close()
        assert w.rows == {"quotes": 3}
    dead = UnitWriter(root, 5)
    dead.add("quotes", stage_columns("quotes", said, {"document_id": "d1", "idx": 0, "_unit": 5, "_seq": 0}))
    dead._flush("quotes")  # written, never closed: the task died
    names = sorted(p.name for p in (tmp_path / "out" / "quotes").iterdir())
    assert names[0].startswith(".part-u0000005.parquet.") and names[1:] == ["part-u0000004.parquet"]
    got = ds.dataset(tmp_path / "out" / "quotes", format="parquet").to_table().to_pylist()
    assert [(r["idx"], r["via"]) for r in got] == [(i, ["Reuters"]) for i in range(3)]
    assert {r["speaker"] for r in got} == {None}  # a column the rows do not give: null
    assert list(got[0]) == mws.export_columns("quotes")
    assert not list((tmp_path / "out" / "outcomes").iterdir())  # no row, no file


def test_rewriting_a_unit_resolves_its_later_inputs(tmp_path: Path) -> None:
    """A unit holding a later input of a text an earlier unit gave is rewritten: that input keeps its outcome, as
    ``duplicate``, and loses its document and annotation rows; the unit's other rows stay, in their order; a
    retried rewrite changes nothing more, and a file the change leaves as it was is not written again."""
    import pyarrow.dataset as ds

    from moralewatch.model import Outcome
    from moralewatch.spark.staging import UnitWriter, clear_tables, rewrite_unit, stage_columns

    @dataclasses.dataclass
    class Doc:
        text: str

    @dataclasses.dataclass
    class Said:
        text: str

    out = str(tmp_path / "out")
    clear_tables(out, tuple(TABLES))
    for unit in (0, 1):  # each unit: "same" (its first input), then its own; unit 1's "same" is the later one
        w = UnitWriter(out, unit)
        for seq, did in enumerate(("same", f"d{unit}")):
            key = {"_unit": unit, "_seq": seq}
            w.add("documents", stage_columns("documents", [Doc("t")], {"id": did} | key))
            w.add("quotes", stage_columns("quotes", [Said("q")], {"document_id": did, "idx": 0} | key))
            w.add("outcomes", stage_columns("outcomes", [Outcome("f", f"line {unit}.{seq}", "ok", document_id=did)],
                                            key))
        w.add("outcomes", stage_columns("outcomes", [Outcome("f", f"line {unit}.2", "duplicate", document_id=did)],
                                        {"_unit": unit, "_seq": 2}))  # a duplicate within the unit, as it is
        w.close()
    files = {t: tmp_path / "out" / t / f"part-u{u:07d}.parquet" for t in ("quotes",) for u in (0,)}
    before = files["quotes"].stat().st_mtime_ns
    for _ in range(2):  # the task, then its retry
        counts = rewrite_unit(out, 1, ["same"], tuple(TABLES))
        assert counts == {"documents": 1, "outcomes": 3, "quotes": 1}
    assert rewrite_unit(out, 0, ["absent"], tuple(TABLES)) == {"documents": 2, "outcomes": 3, "quotes": 2}
    assert files["quotes"].stat().st_mtime_ns == before  # nothing to change: not written again

    def table(t: str) -> list[dict[str, Any]]:
        return ds.dataset(tmp_path / "out" / t, format="parquet").to_table().to_pylist()

    got = [(r["locator"], r["status"], r["document_id"]) for r in table("outcomes")]
    assert got == [("line 0.0", "ok", "same"), ("line 0.1", "ok", "d0"), ("line 0.2", "duplicate", "d0"),
                   ("line 1.0", "duplicate", "same"), ("line 1.1", "ok", "d1"), ("line 1.2", "duplicate", "d1")]
    assert [r["id"] for r in table("documents")] == ["same", "d0", "d1"]
    assert [r["document_id"] for r in table("quotes")] == ["same", "d0", "d1"]
    assert list(table("outcomes")[0]) == mws.export_columns("outcomes")
    assert sorted(p.name for p in (tmp_path / "out" / "documents").iterdir()) == ["part-u0000000.parquet",
                                                                                  "part-u0000001.parquet"]


def test_a_unit_resolves_the_duplicates_among_its_own_inputs(tmp_path: Path) -> None:
    """A later input of a text an earlier input of the same unit gave gets the outcome ``duplicate`` (with the
    document's id) and no other row, and no key for the JVM's duplicates step; the metrics count it."""
    feed = tmp_path / "feed.jsonl"
    texts = [article(1), article(2), article(1)]
    feed.write_text("".join(json.dumps({"id": f"x{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    u = mws.Unit(7, str(feed), str(feed), "jsonl")
    parts = list(mws._guarded(u, Limits(), "now"))
    outcomes = [(o.locator, o.status, o.document_id) for t, objs, _ in parts if t == "outcomes" for o in objs]
    assert [o[:2] for o in outcomes] == [("line 1", "ok"), ("line 2", "ok"), ("line 3", "duplicate")]
    assert outcomes[2][2] == outcomes[0][2]
    assert [f["_seq"] for t, _, f in parts if t not in ("outcomes", mws._METRIC_TABLE)].count(2) == 0
    assert [f["_seq"] for t, _, f in parts if t == "documents"] == [0, 1]
    metrics = parts[-1][2]
    assert (metrics["_seq"], metrics["docs"], metrics["dups"]) == (3, 3, 1)


def test_without_pyspark_the_command_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pyspark", None)
    res = CliRunner().invoke(main, ["spark", str(tmp_path), "--out", str(tmp_path / "out")])
    assert res.exit_code == 2 and "[E601]" in res.output and "moralewatch[spark]" in res.output


def test_load_refuses_a_folder_that_is_no_spark_output(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["load", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert res.exit_code == 2 and "[E603]" in res.output
    assert not (tmp_path / "x.db").exists()


# -- Spark ------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def runs(starting: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The corpus analysed by Spark (local[2], the feed cut into 64 KiB ranges) and by analyze, then exported."""
    tmp = tmp_path_factory.mktemp("spark")
    root = _corpus(tmp / "in")
    limit = 65_536
    inputs = [str(root), str(root / "nope.txt")]  # a missing input: its outcome row, not_found
    # the Spark job in a thread (its driver mostly waits on the JVM) while analyze runs in the main thread (where
    # its time limit works): the two overlap
    with ThreadPoolExecutor(1) as pool:
        job = pool.submit(lambda: mws.run(inputs, str(tmp / "out"), starting.result(), max_bytes=limit,
                                          split=65_536))
        db = str(tmp / "local.db")
        analyze(inputs, db, max_bytes=limit)
        list(export_tables(db, TABLES, "parquet", str(tmp / "exp")))
        res = job.result()
    return {"res": res, "out": tmp / "out", "exp": tmp / "exp", "db": db, "tmp": tmp}


def test_spark_rows_equal_analyze_and_export(runs: dict[str, Any]) -> None:
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    for t in TABLES:
        got = ds.dataset(runs["out"] / t, format="parquet").to_table()
        want = pq.read_table(runs["exp"] / f"{t}.parquet")
        assert got.column_names == want.column_names, t
        assert got.num_rows == want.num_rows, t
        assert _rows(got) == _rows(want), t
        if t == "outcomes":
            assert ("rejected", "not_found") in {(r["status"], r["code"]) for r in got.to_pylist()}
    o = runs["res"].outcomes
    assert o["ok"] >= 300 and o["duplicate"] >= 6 and o["rejected"] >= 10
    assert runs["res"].rewritten >= 1  # a later input of a text in another unit than its first: that unit rewritten
    for t in TABLES:  # the counts of the manifest are the rows of the tables
        assert runs["res"].counts[t] == ds.dataset(runs["out"] / t, format="parquet").count_rows(), t
    assert runs["res"].units > 10  # the feed was cut into ranges, each its own task


def test_spark_stories_equal_the_store_corpus_stage(runs: dict[str, Any]) -> None:
    """The stories table of a Spark run gives each document the story, event, relation, first source and flags the
    corpus stage of analyze stored for it (the same documents, in the same input order)."""
    import pyarrow.dataset as ds

    from moralewatch.corpus import StoryIndex

    got = {r["id"]: r for r in ds.dataset(runs["out"] / mws.STORY_TABLE, format="parquet").to_table().to_pylist()}
    with sqlite3.connect(runs["db"]) as c:
        want = {a.id: a.to_json() for a in StoryIndex.load(c).assignments()}
    assert len(want) >= 300 and got == want
    assert len({r["story"] for r in got.values()}) < len(got)  # the feed's articles are copies of one another
    assert runs["res"].counts[mws.STORY_TABLE] == len({r["story"] for r in got.values()})


def test_no_task_holds_more_than_its_unit(runs: dict[str, Any]) -> None:
    """Each unit reports its metrics (one small row each: the only rows besides counts that reach the driver)."""
    m = runs["res"].unit_metrics
    assert len(m) == runs["res"].units
    assert sum(r["_seq"] for r in m) == sum(runs["res"].outcomes.values())
    manifest = json.loads((runs["out"] / mws.MANIFEST).read_text())
    assert manifest["tables"]["documents"] == mws.export_columns("documents")


def test_load_gives_the_store_of_analyze_and_is_idempotent(runs: dict[str, Any]) -> None:
    db = str(runs["tmp"] / "loaded.db")
    cli = CliRunner()
    first = cli.invoke(main, ["load", str(runs["out"]), "--db", db])
    assert first.exit_code == 0, first.output

    def table(path: str, name: str) -> list[tuple[Any, ...]]:
        cols = [c for c in mws.export_columns(name) if c not in VOLATILE]
        with sqlite3.connect(path) as c:
            return sorted(c.execute(f"SELECT {', '.join(cols)} FROM {name}").fetchall(), key=repr)

    for t in TABLES:
        assert table(db, t) == table(runs["db"], t), t
    with sqlite3.connect(db) as c:
        fts = c.execute("SELECT count(*) FROM evidence_fts").fetchone()[0]
    with sqlite3.connect(runs["db"]) as c:
        assert fts == c.execute("SELECT count(*) FROM evidence_fts").fetchone()[0]

    again = cli.invoke(main, ["load", str(runs["out"]), "--db", db])
    assert again.exit_code == 0 and "0 documents added" in again.output
    for t in TABLES:
        assert table(db, t) == table(runs["db"], t), t
    stats = cli.invoke(main, ["stats", "--db", db, "--json"])
    assert stats.exit_code == 0 and json.loads(stats.output)["runs"] == 2


def test_the_session_binds_only_loopback(spark: Any) -> None:
    conf = dict(spark.sparkContext.getConf().getAll())
    assert conf["spark.driver.host"] == "127.0.0.1" and conf["spark.driver.bindAddress"] == "127.0.0.1"
    assert conf["spark.ui.enabled"] == "false"
    assert conf["spark.driver.extraJavaOptions"].endswith(mws.LOCAL_JVM_OPTIONS)  # local master, none given


# -- URL inputs (issue 20, item 2) ---------------------------------------------------------------------------------


def test_url_inputs_are_read_by_spark_and_give_the_rows_of_local_paths(runs: dict[str, Any], spark: Any) -> None:
    """The corpus given as a file:// URL (a directory, listed and read by Spark's binaryFile reader, each file a
    unit read by the local readers from its bytes) gives the rows of the same corpus given as local paths, the
    sources spelled as Spark spells the URLs; a URL that names nothing is a not_found outcome."""
    import pyarrow.dataset as ds

    tmp = runs["tmp"]
    root = (tmp / "in").resolve()
    res = mws.run([f"file://{root}", f"file://{root}/nope.txt"], str(tmp / "url-out"), spark, max_bytes=65_536,
                  stories=False)
    assert res.units > 10

    def rows(out: Path, t: str) -> list[str]:
        got = []
        for r in ds.dataset(out / t, format="parquet").to_table().to_pylist():
            if t == "outcomes" and r["code"] == "not_found":
                continue
            if "source" in r:
                r["source"] = r["source"].removeprefix("file:")
            got.append(repr(sorted((k, v) for k, v in r.items() if k not in VOLATILE)))
        return sorted(got)

    for t in TABLES:
        assert rows(tmp / "url-out", t) == rows(runs["out"], t), t
    outs = ds.dataset(tmp / "url-out" / "outcomes", format="parquet").to_table().to_pylist()
    assert [o["source"] for o in outs if o["code"] == "not_found"] == [f"file://{root}/nope.txt"]


def test_a_url_scheme_without_a_file_system_is_a_coded_error(spark: Any, tmp_path: Path) -> None:
    from moralewatch.errors import MoraleWatchError

    with pytest.raises(MoraleWatchError) as e:
        mws.run(["fake://bucket/feed.jsonl"], str(tmp_path / "out"), spark)
    assert e.value.code == "E604" and "fake://" in e.value.message


def test_an_output_pyarrow_cannot_write_is_a_coded_error(tmp_path: Path) -> None:
    from moralewatch.errors import MoraleWatchError
    from moralewatch.spark.staging import filesystem

    with pytest.raises(MoraleWatchError) as e:
        filesystem("fake://bucket/out")
    assert e.value.code == "E605"
    assert filesystem(f"file://{tmp_path}")[1] == str(tmp_path)


# -- Parquet inputs -----------------------------------------------------------------------------------------------


def _feed_parquet(feed: Path, path: Path, lines_n: int | None = None, group: int = 20) -> list[dict[str, Any]]:
    """The records of a JSONL feed's parseable lines as a Parquet file of the extract contract's columns (several
    row groups); returns them."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    recs = []
    for line in feed.read_text(encoding="utf-8").splitlines()[:lines_n]:
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            continue
        recs.append({k: obj.get(k) if k != "id" or obj.get(k) is None else str(obj[k]) for k in
                     ("id", "text", "title", "date", "source", "url", "lang")})
    schema = pa.schema([(k, pa.string()) for k in ("id", "text", "title", "date", "source", "url", "lang")])
    pq.write_table(pa.Table.from_pylist(recs, schema=schema), path, row_group_size=group)
    return recs


def test_parquet_units_read_the_rows_as_jsonl_lines(tmp_path: Path) -> None:
    """Row groups are cut into units, rows are numbered across them, each row is checked as its JSONL line: a row
    without text is missing_field, an oversized one too_large, a date column of type date kept as its ISO text;
    a file that is no Parquet is unreadable, one without rows empty; directories give their Parquet files."""
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "d").mkdir()
    rows = [{"id": "a", "text": "Kyiv said on Monday the bridge was repaired.", "date": datetime.date(2022, 3, 1)},
            {"id": "b", "text": None, "date": None}, {"id": "c", "text": "x" * 5000, "date": None}] * 4
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "d" / "part-0.parquet", row_group_size=2)
    (tmp_path / "d" / "bad.parquet").write_bytes(b"PAR1 not really")
    pq.write_table(pa.Table.from_pylist([], schema=pa.schema([("id", pa.string()), ("text", pa.string())])),
                   tmp_path / "d" / "none.parquet")
    (tmp_path / "d" / "note.txt").write_text("Kyiv said the bridge was repaired.", encoding="utf-8")
    units, _ = mws.plan([str(tmp_path / "d")], cores=2, split=1)
    assert [u.kind for u in units].count("parquet") == 2 + 6  # bad and none one each, part-0 a unit per group
    got = [r for u in units for r in mws.unit_inputs(u, 4096)]
    by_loc = {(Path(r.source).name, r.locator): r for r in got}
    assert by_loc[("note.txt", "")].error is None
    assert by_loc[("bad.parquet", "")].error[0] == "unreadable"
    assert by_loc[("none.parquet", "")].error == ("empty", "no rows")
    assert [r.locator for r in got if r.source.endswith("part-0.parquet")] == [f"row {n}" for n in range(1, 13)]
    first = by_loc[("part-0.parquet", "row 1")]
    assert first.error is None and first.meta == {"id": "a", "date": "2022-03-01"} and first.format == "parquet"
    assert by_loc[("part-0.parquet", "row 2")].error == ("missing_field", "row 2 has no text")
    assert by_loc[("part-0.parquet", "row 3")].error[0] == "too_large"
    globbed, _ = mws.plan([str(tmp_path / "d" / "*")], cores=2, split=1)  # a glob over both kinds: each read as such
    assert [(u.source, u.kind) for u in globbed] == [(u.source, u.kind) for u in units]


def test_parquet_input_gives_the_rows_of_the_same_jsonl(runs: dict[str, Any], spark: Any) -> None:
    """A Parquet file with the records of the feed's first lines, analysed by Spark (cut into several units), gives
    the documents and annotations the JSONL feed gave, and the same outcomes (but the lines that are no record)."""
    import pyarrow.dataset as ds

    tmp = runs["tmp"]
    feed = tmp / "in" / "feed.jsonl"
    (tmp / "pq").mkdir()
    recs = _feed_parquet(feed, tmp / "pq" / "feed.parquet", lines_n=130)
    (tmp / "pq-out" / mws.STORY_TABLE).mkdir(parents=True)  # an earlier run's stories: not this run's, removed
    (tmp / "pq-out" / mws.STORY_TABLE / "part-0.parquet").write_bytes(b"old")
    res = mws.run([str(tmp / "pq")], str(tmp / "pq-out"), spark, max_bytes=65_536, split=8_192, stories=False)
    assert res.units > 3
    assert not (tmp / "pq-out" / mws.STORY_TABLE).exists() and mws.STORY_TABLE not in res.counts

    def table(root: Path, t: str) -> list[dict[str, Any]]:
        return ds.dataset(root / t, format="parquet").to_table().to_pylist()

    outs = table(tmp / "pq-out", "outcomes")
    assert len(outs) == len(recs)
    want_outs = [o for o in table(runs["out"], "outcomes") if o["source"] == str(feed.resolve())
                 and int(o["locator"].split()[1]) <= 130 and o["code"] != "malformed_json"]
    assert sorted((o["status"], o["code"], o["document_id"]) for o in outs) == \
        sorted((o["status"], o["code"], o["document_id"]) for o in want_outs)
    assert {o["status"] for o in outs} >= {"ok", "duplicate", "rejected"}
    ids = {o["document_id"] for o in outs if o["document_id"]}
    naming = {"source", "locator", "input_format", "input_sha", "size"} | VOLATILE
    for t in TABLES:
        if t == "outcomes":
            continue
        key = "id" if t == "documents" else "document_id"
        got = [{k: v for k, v in r.items() if k not in naming} for r in table(tmp / "pq-out", t)]
        want = [{k: v for k, v in r.items() if k not in naming} for r in table(runs["out"], t) if r[key] in ids]
        assert sorted(map(repr, got)) == sorted(map(repr, want)), t
        assert got or t != "documents"
    assert {r["input_format"] for r in table(tmp / "pq-out", "documents")} == {"parquet"}


# -- stories at scale (issue 20, item 4) --------------------------------------------------------------------------


def _planted_story_docs(shared: Path) -> list[dict[str, Any]]:
    """A few hundred documents with planted relatives: exact copies under other ids and outlets, updates (a
    paragraph added), abridgements, light rewrites, copies a month later (another story), copies published
    earlier but read later (the first source moves), bylines that disagree; beside Reuters' templates (full LSH
    buckets) and Russian Telegram posts (another script)."""
    corpora = shared / "data" / "corpora"

    def first(name: str, n: int) -> list[dict[str, Any]]:
        with open(corpora / name, encoding="utf-8") as fh:
            return [json.loads(line) for line, _ in zip(fh, range(n), strict=False)]

    rng = random.Random(16)
    base = first("nyt-guardian-407.jsonl", 140)
    docs: list[dict[str, Any]] = []
    for n, d in enumerate(base):
        d = {k: d.get(k) for k in ("id", "text", "title", "date", "source")}
        docs.append(d)
        paras = d["text"].split("\n\n")
        day = (d["date"] or "2022-08-01")[:10]
        later = f"{day[:8]}{min(28, int(day[8:]) + 1):02d}"
        if n % 4 == 0:
            docs.append(d | {"id": f"{d['id']}-copy", "source": "Wire copy", "date": later})
        if n % 6 == 1:
            docs.append(d | {"id": f"{d['id']}-upd", "text": d["text"] + "\n\nThis story has been updated with "
                             "comment from the regional governor, who said 14 people were evacuated.", "date": later})
        if n % 7 == 2 and len(paras) > 3:
            docs.append(d | {"id": f"{d['id']}-short", "text": "\n\n".join(paras[: len(paras) * 2 // 3])})
        if n % 9 == 3:
            words = d["text"].split(" ")
            for i in rng.sample(range(len(words)), len(words) // 6):
                words[i] = rng.choice(["reportedly", "allegedly", "the", "officials", "forces"])
            docs.append(d | {"id": f"{d['id']}-rw", "text": " ".join(words), "source": "Aggregator"})
        if n % 10 == 4:
            docs.append(d | {"id": f"{d['id']}-month", "date": f"{day[:5]}{min(12, int(day[5:7]) + 1):02d}-01"})
        if n % 11 == 5:
            earlier = f"{day[:8]}{max(1, int(day[8:]) - 2):02d}"
            docs.append(d | {"id": f"{d['id']}-early", "date": earlier, "source": "Early bird"})
        if n % 13 == 6:
            docs.append(d | {"id": f"{d['id']}-by1", "text": "By John Smith\n\n" + d["text"], "source": "Paper A"})
            docs.append(d | {"id": f"{d['id']}-by2", "text": "By Olga Petrenko\n\n" + d["text"], "source": "Paper B"})
    docs += [{k: d.get(k) for k in ("id", "text", "title", "date", "source")}
             for d in first("reuters21578.jsonl", 120) + first("ru-news-telegram-war.jsonl", 30)]
    rng.shuffle(docs)  # copies before and after their originals
    return docs


def test_spark_stories_equal_the_local_stories_command(spark: Any, shared: Path) -> None:
    """The Spark grouping (LSH band keys, a join for the candidates, the local pair decision, stories by pointer
    jumping, events by label propagation) gives every document the story, event, relation, first source and
    flags that `moralewatch stories` gives on the same lines."""
    import io

    from moralewatch.corpus import stories_stream
    from moralewatch.spark.stories import STORY_COLUMNS, group

    docs = _planted_story_docs(shared)
    rows = [{"_order": n, "id": d["id"], "text": d["text"], "title": d["title"], "published": d["date"],
             "source": d["source"], "author": None} for n, d in enumerate(docs)]
    df = spark.createDataFrame(rows, "_order bigint, id string, text string, title string, published string, "
                                     "source string, author string")
    with ThreadPoolExecutor(1) as pool:  # the Spark grouping (its driver mostly waits) beside the local command
        job = pool.submit(lambda: {r["id"]: {c: r[c] for c in STORY_COLUMNS} for r in group(df).toLocalIterator()})
        out = io.StringIO()
        stories_stream([json.dumps(d) for d in docs], out)
        want = {r["id"]: r for r in map(json.loads, out.getvalue().splitlines())}
        got = job.result()
    assert got.keys() == want.keys()
    for doc_id in want:
        assert got[doc_id] == want[doc_id], doc_id
    # the planted relatives were found: not a grouping that puts every document alone
    relations = [r["relation"] for r in want.values()]
    assert {"copy", "update", "abridged", "rewrite"} <= set(relations)
    assert len({r["story"] for r in want.values()}) < len(want) - 60
    assert sum(r["first_source"] != r["id"] and r["relation"] == "original" for r in want.values()) == 0
    assert any("byline_mismatch" in r["flags"] for r in want.values())


def test_speculative_execution_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    """A unit's tables are written by its analysis task and may be rewritten later: with speculative attempts a
    killed duplicate could put back the unrewritten files, so a session with spark.speculation on gets E608 (no
    JVM needed: the check comes before any job)."""
    from moralewatch.errors import MoraleWatchError

    class Conf:
        def get(self, key: str, default: str | None = None) -> str | None:
            return "true" if key == "spark.speculation" else default

    class Session:
        conf = Conf()

    out = tmp_path / "out"
    with pytest.raises(MoraleWatchError) as err:
        mws.run([str(tmp_path / "in.jsonl")], str(out), Session())
    assert err.value.code == "E608" and "speculation" in str(err.value)
    assert not out.exists()
