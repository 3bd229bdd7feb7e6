"""``moralewatch eval pages``: the benchmark's published metric re-implemented, the furniture renderings and their
labels, and the pinned floors (tests/floors/pages.json) for the body, publication dates and furniture lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from moralewatch.cli import main
from moralewatch.eval.furniture import kept_lines, label_lines, render
from moralewatch.eval.pages import body_scores, evaluate_body, evaluate_dates, page_counts, shingles

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "floors" / "pages.json").read_text(encoding="utf-8"))


def test_shingles_and_page_counts_follow_the_published_metric() -> None:
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("only two") == {("only", "two"): 1} and not shingles("")
    assert page_counts("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = page_counts("a b c d e f", "a b c d x y")  # 3 true shingles, 3 predicted, 1 shared
    assert (round(tp, 3), round(fp, 3), round(fn, 3)) == (0.2, 0.4, 0.4)


def test_an_empty_prediction_counts_for_recall_not_precision() -> None:
    s = body_scores([("a b c d e", "a b c d e"), ("f g h i j", "")])
    assert s["precision"] == 1.0 and s["recall"] == 0.5 and s["accuracy"] == 0.5
    assert s["f1"] == round(2 * 1.0 * 0.5 / 1.5, 4)


HTML = ("<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/w'>World news</a></li></ul></nav>"
        "<h1>Troops dig in</h1><p>The troops dug in near the river on Monday, officers said.</p>"
        "<p>Supplies arrived <a href='/s'>two days late</a>, they said.</p>"
        "<footer><p>Copyright 2024 Example News</p></footer></body></html>")
TRUTH = "The troops dug in near the river on Monday, officers said. Supplies arrived two days late, they said."


def test_renderings_and_line_labels() -> None:
    txt = render(HTML)
    md = render(HTML, markdown=True)
    assert "Home\nWorld news" in txt and "* [Home](/)" in md and "# Troops dig in" in md
    assert "[two days late](/s)" in md
    for rendered, is_md in ((txt, False), (md, True)):
        lines = rendered.split("\n")
        body = {lines[i] for i in label_lines(rendered, TRUTH)}
        assert {x for x in body if "troops dug in" in x} and {x for x in body if "Supplies arrived" in x}
        assert not {x for x in body if "Home" in x or "Copyright" in x or "Troops dig in" in x}
        kept = {lines[i] for i in kept_lines(rendered, is_md)}
        assert any("Supplies arrived" in x for x in kept)


@pytest.fixture(scope="module")
def bench(shared: Path) -> Path:
    return shared / "data" / "benchmarks" / "article-extraction"


def test_body_meets_its_floors(bench: Path) -> None:
    got = evaluate_body(bench)
    assert got["pages"] == 181 and got["rejected"] <= FLOORS["body"]["max_rejected"]
    for metric in ("precision", "recall", "f1"):
        assert got[metric] >= FLOORS["body"][metric], (metric, got[metric])


def test_dates_are_never_invented(bench: Path) -> None:
    got = evaluate_dates(ROOT / "gold" / "pages" / "dates.jsonl", bench)
    assert got["pages"] == 65 and got["undated"] == 31
    assert got["invented"] <= FLOORS["dates"]["max_invented"], got["wrong"]
    assert got["undated_right"] >= FLOORS["dates"]["undated_right"]
    assert got["right_rate"] >= FLOORS["dates"]["right_rate"]


def test_furniture_lines_meet_their_floors(bench: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "pages", str(bench), "--furniture",
                                       str(ROOT / "gold" / "pages" / "furniture.jsonl"), "--evidence", "--json"])
    assert result.exit_code == 0, result.output
    got = json.loads(result.output)
    assert got["renderings"] == 132 and not got["changed"]
    assert got["precision"] >= FLOORS["furniture"]["precision"] and got["recall"] >= FLOORS["furniture"]["recall"]
    # the whole pipeline on the same renderings: quotes and indicators standing on furniture lines (issue 13: none)
    ev = got["evidence"]
    assert ev["quotes"] > 1000 and ev["quotes_on_furniture"] <= FLOORS["furniture"]["max_quotes_on_furniture"]
    assert ev["indicators_on_furniture"] <= FLOORS["furniture"]["max_indicators_on_furniture"]


def test_a_directory_without_the_benchmark_is_a_coded_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "pages", str(tmp_path)])
    assert result.exit_code != 0 and "E212" in result.output
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"source": "x"}\n', encoding="utf-8")
    (tmp_path / "ground-truth.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "pages", str(tmp_path), "--dates", str(bad)])
    assert result.exit_code != 0 and "E214" in result.output
    bad.write_text('{"source": "benchmarks/article-extraction/html/nope.html.gz", "published": null}\n',
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "pages", str(tmp_path), "--dates", str(bad)])
    assert result.exit_code != 0 and "E213" in result.output
