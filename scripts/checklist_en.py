"""Run the English indicators CheckList suite (``tests/checklist/en_templates.py``) on one English indicator stage.

    PYTHONPATH=src:. python scripts/checklist_en.py [--stage indicators.v8] [--failures N] [--json]

The default pipeline runs with its English indicator stage replaced by ``--stage`` (as
``scripts/eval_indicator_stage.py`` does), each case as one document through the extract contract; prints the pass
rates per test type and per indicator, and the failing templates with one example each. A capability check of
constructions the codebook defines, not an accuracy figure: the cases are invented sentences, not reporting.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from moralewatch.api import extract_line  # noqa: E402
from moralewatch.pipeline import Pipeline  # noqa: E402
from moralewatch.stages import default_pipeline  # noqa: E402
from tests.checklist import en_templates as suite  # noqa: E402


def stage_pipeline(stage: str) -> Pipeline:
    return Pipeline([stage if n.startswith("indicators.v") else n for n in default_pipeline().names])


def run(stage: str) -> tuple[list[suite.Case], dict[str, list[dict[str, Any]]], dict[str, bool]]:
    """Every case, the stage's indicators per case id, and whether each case passed."""
    pipeline = stage_pipeline(stage)
    cases = suite.cases()
    outputs: dict[str, list[dict[str, Any]]] = {}
    for case in cases:
        res = extract_line(json.dumps({"id": case.id, "text": case.text}), 0, pipeline)
        if res["error"]:
            raise SystemExit(f"the pipeline failed on {case.id}: {res['error']['message']}")
        outputs[case.id] = res["indicators"]
    passed = {c.id: suite.check(c, outputs[c.id], outputs) for c in cases}
    return cases, outputs, passed


def rates(cases: list[suite.Case], passed: dict[str, bool]) -> dict[str, dict[str, list[int]]]:
    """``{"test": {MFT: [passed, total]}, "indicator": {...}, "template": {...}}``."""
    out: dict[str, dict[str, list[int]]] = {"test": defaultdict(lambda: [0, 0]), "indicator": defaultdict(lambda: [0, 0]),
                                            "template": defaultdict(lambda: [0, 0])}
    for c in cases:
        for group, key in (("test", c.test), ("indicator", c.indicator or "(other senses)"), ("template", c.template)):
            out[group][key][0] += passed[c.id]
            out[group][key][1] += 1
    return {g: dict(v) for g, v in out.items()}


def render(stage: str, cases: list[suite.Case], outputs: dict[str, list[dict[str, Any]]], passed: dict[str, bool],
           failures: int) -> str:
    r = rates(cases, passed)
    total = sum(passed.values())
    lines = [f"{stage}: {total}/{len(cases)} cases pass ({total / len(cases):.3f})", "", "per test type:"]
    lines += [f"  {k:4} {p:5}/{n:<5} {p / n:.3f}" for k, (p, n) in sorted(r["test"].items())]
    lines += ["", "per indicator (MFT+INV+DIR):"]
    lines += [f"  {k:26} {p:5}/{n:<5} {p / n:.3f}" for k, (p, n) in sorted(r["indicator"].items())]
    lines += ["", "failing templates (failed/total, one example):"]
    first: dict[str, suite.Case] = {}
    for c in cases:
        if not passed[c.id]:
            first.setdefault(c.template, c)
    for t, c in sorted(first.items(), key=lambda kv: -(r["template"][kv[0]][1] - r["template"][kv[0]][0]))[:failures]:
        p, n = r["template"][t]
        got = sorted({(i["indicator"], i["subject_side"], bool(i.get("hedged")), bool(i.get("negated")))
                      for i in outputs[c.id]})
        lines.append(f"  {t:48} {n - p:3}/{n:<3} {c.text[:110]!r} -> {got}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stage", default="indicators.v8")
    ap.add_argument("--failures", type=int, default=200, help="how many failing templates to list")
    ap.add_argument("--json", action="store_true", help="pass rates per test type, indicator and template as JSON")
    args = ap.parse_args()
    cases, outputs, passed = run(args.stage)
    if args.json:
        print(json.dumps({"stage": args.stage, "cases": len(cases), "passed": sum(passed.values()),
                          **rates(cases, passed)}, indent=1, sort_keys=True))
    else:
        print(render(args.stage, cases, outputs, passed, args.failures))
    print(f"kinds: {dict(Counter(c.kind for c in cases))}", file=sys.stderr)


if __name__ == "__main__":
    main()
