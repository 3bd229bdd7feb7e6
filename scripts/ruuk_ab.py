"""Interleaved CPU comparison of source trees on ``bench/ruuk.py``'s input (issue 17's speed, session 12).

On a shared machine absolute timings drift; the ratio of two trees measured in turn (A B A B ...) on the same input
drifts less. Builds ``bench/ruuk.py``'s repeated input once (or reads ``--input``), then runs ``moralewatch extract
--workers 1`` with each tree's ``src`` first on ``PYTHONPATH``, round after round, and reports per run the child's
CPU seconds (user + system), words per CPU second and the md5 of the output; then per tree the median, and each
tree's median CPU over the first's. Timings are reported, never asserted.

    python scripts/ruuk_ab.py main=/work/main mine=. --rounds 3 --json /tmp/ab.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from ruuk import build  # noqa: E402  (bench/ruuk.py: the same input)


def run(tree: Path, path: Path) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(tree / "src"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as out:
        subprocess.run([sys.executable, "-c", "from moralewatch.cli import main; main()", "extract", str(path),
                        "-o", out.name, "--workers", "1"], check=True, env=env, cwd=tree)
        md5 = hashlib.md5(Path(out.name).read_bytes()).hexdigest()
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cpu_s": round(cpu, 2), "wall_s": round(wall, 2), "md5": md5}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("trees", nargs="+", help="LABEL=PATH of a source tree (its src/ is put on PYTHONPATH)")
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MORALEWATCH_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--input", type=Path, help="an input already built (else bench/ruuk.py's, 1M words)")
    ap.add_argument("--min-words", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    trees = [(label, Path(p).resolve()) for label, _, p in (t.partition("=") for t in args.trees)]
    with tempfile.TemporaryDirectory() as tmp:
        path = args.input or Path(tmp) / "ruuk.jsonl"
        if args.input is None:
            build(args.shared, path, args.min_words)
        lines = [json.loads(line) for line in open(path, encoding="utf-8")]
        # bench/ruuk.py's count: the ru/uk documents (ids ID#REPEAT), not the English ones in front
        words = sum(len(r["text"].split()) for r in lines if "#" in str(r["id"]))
        runs: dict[str, list[dict[str, Any]]] = {label: [] for label, _ in trees}
        for k in range(args.rounds):
            for label, tree in trees:
                r = run(tree, path)
                r["words_per_cpu_s"] = round(words / r["cpu_s"])
                runs[label].append(r)
                print(f"round {k + 1} {label}: {r['cpu_s']} CPU-s, {r['words_per_cpu_s']:,} words/CPU-s, "
                      f"wall {r['wall_s']} s, md5 {r['md5'][:8]}", file=sys.stderr, flush=True)
    first = statistics.median(r["cpu_s"] for r in runs[trees[0][0]])
    summary = {}
    for label, _ in trees:
        med = statistics.median(r["cpu_s"] for r in runs[label])
        summary[label] = {"median_cpu_s": med, "median_words_per_cpu_s": round(words / med),
                          "cpu_ratio_to_" + trees[0][0]: round(med / first, 3),
                          "outputs": sorted({r["md5"] for r in runs[label]})}
        print(f"{label}: median {med} CPU-s, {words / med:,.0f} words/CPU-s, CPU x{med / first:.3f} of "
              f"{trees[0][0]}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps({"words": words, "runs": runs, "summary": summary}, indent=1) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
