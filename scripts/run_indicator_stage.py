"""Run the default pipeline with its English indicator stage replaced (``--stage``, ``--mode``) over a corpus JSONL
and print what it found and how fast (issue 12: off-domain false alarms on Reuters-21578, whole-pipeline speed).

    PYTHONPATH=src python scripts/run_indicator_stage.py CORPUS.jsonl [--stage indicators.v2] [--mode both]
        [--out FILE]

Each line goes through the extract contract in this process (one core), as ``moralewatch extract`` runs it with one
worker; prints the documents, words (whitespace-separated, of the inputs' text), indicators by kind and by rule
family (rules or model), the CPU seconds of the pipeline (``time.process_time``, model loading included) and words
per CPU second. ``--out`` writes the extract lines (keep them out of the repository: they quote corpus text).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

from eval_indicator_stage import stage_pipeline  # noqa: E402

from moralewatch.api import extract_line  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--stage", default="indicators.v2")
    ap.add_argument("--mode", choices=("both", "rules", "model"), default=None)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    lines = args.corpus.read_text(encoding="utf-8").splitlines()
    words = sum(len(json.loads(line).get("text", "").split()) for line in lines if line.strip())
    t0 = time.process_time()
    pipeline = stage_pipeline(args.stage, args.mode)
    kinds: Counter[str] = Counter()
    families: Counter[str] = Counter()
    errors = 0
    out = open(args.out, "w", encoding="utf-8") if args.out else None
    for n, line in enumerate(lines):
        if not line.strip():
            continue
        res = extract_line(line, n, pipeline)
        errors += res["error"] is not None
        for ind in res.get("indicators") or []:
            kinds[ind["indicator"]] += 1
            families["model" if str(ind.get("rule") or "").startswith("model:") else "rules"] += 1
        if out:
            out.write(json.dumps(res, ensure_ascii=False) + "\n")
    cpu = time.process_time() - t0
    if out:
        out.close()
    print(json.dumps({"corpus": args.corpus.name, "stage": args.stage, "mode": args.mode or "default",
                      "documents": len(lines), "errors": errors, "words": words,
                      "indicators": sum(kinds.values()), "by_family": dict(families),
                      "by_indicator": dict(kinds.most_common()), "cpu_seconds": round(cpu, 2),
                      "words_per_cpu_second": round(words / max(cpu, 1e-9))}, indent=1))


if __name__ == "__main__":
    main()
