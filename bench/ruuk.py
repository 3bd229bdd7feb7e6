"""Speed and memory on Russian and Ukrainian text (issue 17): ``moralewatch extract`` with one worker over the
Russian and Ukrainian documents of the three Telegram and address corpora, concatenated and repeated to at least
1M words, with the first 50 English articles of nyt-guardian-407 in front so that every language's resources are
loaded (the English stages, the gazetteer, pymorphy3's Russian and Ukrainian dictionaries).

Reports wall time, CPU time (user + system of the child), words/s (whitespace tokens of ``text``) and the child's
peak RSS (``getrusage`` of the finished child), for one pass over the corpus (every text new) and for the repeated
corpus (what the issue's target names). Writes ``bench/ruuk.json``; timings are reported, never asserted.

    .venv/bin/python bench/ruuk.py --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("milblogger-telegram-ru.jsonl", "ru-news-telegram-war.jsonl", "resistinua-addresses.jsonl")
TARGETS = {"words_per_s": 25_000, "peak_rss_mb": 1024, "min_words": 1_000_000}


def build(shared: Path, out: Path, min_words: int) -> tuple[int, int]:
    """Write the benchmark input to ``out``: English lead, then the ru/uk documents repeated to ``min_words``."""
    english, docs = [], []
    with open(shared / "data" / "corpora" / "nyt-guardian-407.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if len(english) < 50 and line.strip():
                english.append(json.loads(line))
    for name in SOURCES:
        with open(shared / "data" / "corpora" / name, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if r.get("lang") in ("ru", "uk") and r.get("text"):
                    docs.append(r)
    words = n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for r in english:
            fh.write(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n")
        rep = 0
        while rep == 0 or words < min_words:  # one pass at least
            for r in docs:
                fh.write(json.dumps({"id": f"{r['id']}#{rep}", "text": r["text"]}, ensure_ascii=False) + "\n")
                words += len(r["text"].split())
                n += 1
            rep += 1
    return n, words


def extract(path: Path) -> dict[str, Any]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as out:
        subprocess.run([str(ROOT / ".venv" / "bin" / "moralewatch"), "extract", str(path), "-o", out.name,
                        "--workers", "1"], check=True)
        lines = sum(1 for _ in open(out.name, encoding="utf-8"))
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": round(wall, 2), "cpu_s": round(cpu, 2), "output_lines": lines,
            "peak_rss_mb": round(after.ru_maxrss / 1024, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MORALEWATCH_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--min-words", type=int, default=TARGETS["min_words"])
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "ruuk.json")
    args = ap.parse_args()
    results: dict[str, Any] = {"targets": TARGETS, "runs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for label, min_words in (("one_pass", 0), ("repeated", args.min_words)):
            path = Path(tmp) / f"{label}.jsonl"
            docs, words = build(args.shared, path, min_words)
            run = extract(path)
            run.update(ru_uk_docs=docs, ru_uk_words=words, words_per_s=round(words / run["seconds"]),
                       words_per_cpu_s=round(words / run["cpu_s"]) if run["cpu_s"] else None)
            results["runs"][label] = run
            print(f"{label}: {docs:,} ru/uk documents, {words:,} words: {run['words_per_s']:,} words/s "
                  f"({run['words_per_cpu_s']:,} per CPU second), peak RSS {run['peak_rss_mb']} MB", file=sys.stderr)
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
