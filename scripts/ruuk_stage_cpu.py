"""CPU time per stage of the default pipeline on an extract-contract JSONL input (issue 17's speed work).

Runs every line through :func:`moralewatch.api.extract_line` in this process with the default pipeline, the
``indicators.ruuk.*`` stage replaced by ``--ruuk`` when given, and prints each stage's process CPU seconds and share,
the total and words (whitespace tokens of ``text``) per CPU second. ``--profile FILE`` also writes a cProfile dump.
The input is e.g. ``bench/ruuk.py``'s (``build``). Timings are reported, never asserted.

    PYTHONPATH=src python scripts/ruuk_stage_cpu.py INPUT.jsonl --ruuk indicators.ruuk.v7
"""

from __future__ import annotations

import argparse
import cProfile
import json
import sys
import time
from pathlib import Path

from moralewatch import api
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY


def pipeline(ruuk: str | None) -> Pipeline:
    names = DEFAULT if ruuk is None else tuple(ruuk if n.startswith("indicators.ruuk.") else n for n in DEFAULT)
    pipe = Pipeline(names, None, REGISTRY)
    spent: dict[str, float] = {}
    for st in pipe.stages:
        def timed(doc, config, _f=st.func, _n=st.name):  # type: ignore[no-untyped-def]
            t = time.process_time()
            try:
                _f(doc, config)
            finally:
                spent[_n] = spent.get(_n, 0.0) + time.process_time() - t
        object.__setattr__(st, "func", timed)
    pipe.spent = spent  # type: ignore[attr-defined]
    return pipe


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", type=Path)
    ap.add_argument("--ruuk", help="the indicators.ruuk version to run instead of the default's")
    ap.add_argument("--profile", type=Path, help="write a cProfile dump here")
    args = ap.parse_args()
    pipe = pipeline(args.ruuk)
    lines = args.input.read_text(encoding="utf-8").splitlines()
    words = sum(len(json.loads(line)["text"].split()) for line in lines)
    prof = cProfile.Profile() if args.profile else None
    t = time.process_time()
    if prof:
        prof.enable()
    for n, line in enumerate(lines, 1):
        api.extract_line(line, n, pipe)
    if prof:
        prof.disable()
        prof.dump_stats(str(args.profile))
    total = time.process_time() - t
    spent = pipe.spent  # type: ignore[attr-defined]
    for name, s in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"{name:24} {s:8.2f} s {100 * s / total:5.1f}%")
    print(f"{'total':24} {total:8.2f} s; {len(lines):,} lines, {words:,} words, {words / total:,.0f} words/CPU-s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
