"""Score one English indicator stage, in one mode, on an indicator gold set (issue 12's ablations for a stage other
than ``indicators.v2``, which ``moralewatch eval indicators --mode`` swaps in).

    PYTHONPATH=src python scripts/eval_indicator_stage.py GOLD [--stage indicators.v2] [--mode both|rules|model]
        [--json]

The default pipeline runs with its English indicator stage replaced by ``--stage`` (the Russian/Ukrainian one stays),
configured with ``--mode``, through the extract contract exactly as ``moralewatch eval indicators`` runs it; the
scores are that command's (span, document, side, ECE, per source type, testimony recall).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from moralewatch.eval import indicators as ev  # noqa: E402
from moralewatch.pipeline import Pipeline  # noqa: E402
from moralewatch.stages import default_pipeline  # noqa: E402


def stage_pipeline(stage: str, mode: str | None) -> Pipeline:
    names = [stage if re.fullmatch(r"indicators\.v\d+", n) else n for n in default_pipeline().names]
    return Pipeline(names, {stage: {"mode": mode}} if mode else None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--stage", default="indicators.v2")
    ap.add_argument("--mode", choices=("both", "rules", "model"), default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    pipeline = stage_pipeline(args.stage, args.mode)

    def predict(docs: list[ev.GoldDoc], mode: str | None = None) -> dict[str, list[dict[str, Any]]]:
        from moralewatch.api import extract_line

        out = {}
        for d in docs:
            res = extract_line(json.dumps({"id": d.id, "text": d.text}), 0, pipeline)
            if res["error"]:
                raise SystemExit(f"the pipeline failed on {d.id}: {res['error']['message']}")
            out[d.id] = res["indicators"]
        return out

    ev.predict = predict  # the scorer's own reading of the gold and scoring, with this pipeline's predictions
    t0 = time.time()
    s = ev.evaluate(args.gold)
    s["stage"], s["mode"], s["seconds"] = args.stage, args.mode or "default", round(time.time() - t0, 1)
    print(json.dumps(s, indent=1) if args.json else f"{args.stage} {args.mode or ''}\n" + ev.render(s))


if __name__ == "__main__":
    main()
