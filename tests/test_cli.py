"""Every command is documented with an example; errors say what to do; the demo path works end to end."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from moralewatch.cli import main


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        out.append((prefix + name, cmd))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, prefix + name + " "))
    return out


@pytest.mark.parametrize("name,cmd", _commands(main))
def test_help_ends_with_an_example(name: str, cmd: click.Command) -> None:
    r = CliRunner().invoke(main, name.split() + ["--help"])
    assert r.exit_code == 0, r.output
    tail = r.output.split("Options:")[0]
    assert "Example" in tail and "moralewatch" in tail.split("Example")[-1], f"`{name} --help` has no example"


def test_analyze_stats_export(tmp_path: Path, seed_texts: dict) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for k, v in seed_texts.items():
        (src / f"{k}.txt").write_text(v)
    db = str(tmp_path / "t.db")
    r = CliRunner().invoke(main, ["analyze", str(src), "--db", db])
    assert r.exit_code == 0, r.output
    assert "2 stored" in r.output and "2 documents" in r.output
    r = CliRunner().invoke(main, ["stats", "--db", db, "--json"])
    s = json.loads(r.output)
    assert s["documents"] == 2 and s["outcomes"] == {"ok": 2}
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / fmt
        r = CliRunner().invoke(main, ["export", "--db", db, "--format", fmt, "-o", str(out), "--table", "documents",
                                      "--table", "outcomes"])
        assert r.exit_code == 0, r.output
        assert (out / f"documents.{fmt}").exists() and (out / f"outcomes.{fmt}").exists()
    rows = [json.loads(x) for x in (tmp_path / "jsonl" / "documents.jsonl").read_text().splitlines()]
    titles = {r["title"] for r in rows}
    assert "There's a morale crisis amongst Putin's invading forces" in titles
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "parquet" / "documents.parquet").num_rows == 2


def test_errors_name_the_fix(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["stats", "--db", str(tmp_path / "missing.db")])
    assert r.exit_code == 2 and "Fix:" in r.output and "moralewatch analyze" in r.output
    r = CliRunner().invoke(main, ["extract", str(tmp_path / "missing.jsonl")])
    assert r.exit_code == 2 and "Fix:" in r.output
    bad = tmp_path / "not.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    r = CliRunner().invoke(main, ["analyze", str(tmp_path), "--db", str(bad)])
    assert r.exit_code == 2 and "Fix:" in r.output


def test_readme_documents_every_rejection_code() -> None:
    from moralewatch.errors import REJECTIONS

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme[:1500] and "make test" in readme[:1500]
    for code in REJECTIONS:
        assert f"| `{code}` |" in readme, code


def test_analyze_with_workers_and_reanalyze(tmp_path: Path) -> None:
    from .corpus import article

    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"a{i}.txt").write_text(article(i))
    db = str(tmp_path / "w.db")
    r = CliRunner().invoke(main, ["analyze", str(src), "--db", db, "--workers", "2", "--time-limit", "60"])
    assert r.exit_code == 0, r.output
    assert "6 stored" in r.output
    r = CliRunner().invoke(main, ["analyze", str(src), "--db", db, "--reanalyze"])
    assert r.exit_code == 0 and "6 unchanged" in r.output and "0 re-analysed in place" in r.output, r.output


def test_errors_print_file_names_escaped(tmp_path: Path) -> None:
    evil = tmp_path / "no\n\x1b[2Jdir" / "s.db"
    r = CliRunner().invoke(main, ["analyze", str(tmp_path), "--db", str(evil)])
    assert r.exit_code == 2 and "E208" in r.output
    assert "\x1b" not in r.output and "no\\n\\x1b[2Jdir" in r.output
