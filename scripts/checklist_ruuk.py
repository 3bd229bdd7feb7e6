"""The CheckList suite of the Russian and Ukrainian indicators (tests/checklist/ruuk_templates.py) on one
``indicators.ruuk`` version: pass rates per test type, indicator and language, then the failures by template.

A capability check (invented sentences of the codebook's constructions), not an accuracy figure.

Example:
    PYTHONPATH=src:. /work/main/.venv/bin/python scripts/checklist_ruuk.py --version v8 --failures 40
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.checklist import ruuk_suite  # noqa: E402
from tests.checklist.ruuk_templates import cases  # noqa: E402


def _pct(n: int, d: int) -> str:
    return f"{n}/{d} {n / d:.3f}" if d else "-"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--version", default="v8", help="indicators.ruuk version (v8, v10, v11, v12, v13, ...)")
    ap.add_argument("--failures", type=int, default=30, help="how many failing templates to list")
    ap.add_argument("--json", help="write the per-case failures here")
    args = ap.parse_args(argv)
    res = ruuk_suite.run(args.version)
    passed, total = res.rate(cases())
    print(f"indicators.ruuk.{args.version}: {_pct(passed, total)} of {total} cases pass")
    for key in ("test", "kind", "indicator"):
        rows = ruuk_suite.table(res, key)
        print(f"\n| {key} | ru | uk |\n|---|---:|---:|")
        for name in sorted({k[0] for k in rows}):
            print(f"| {name} | {_pct(*rows.get((name, 'ru'), (0, 0)))} | {_pct(*rows.get((name, 'uk'), (0, 0)))} |")
    print("\nfailures by template (lang, indicator, kind: template, why): cases")
    for (lang, ind, tpl, why), n in ruuk_suite.failures_by_template(res).most_common(args.failures):
        print(f"  {n:3d}  {lang} {ind:24s} {tpl:45s} {why}")
    if args.json:
        Path(args.json).write_text(json.dumps({"version": args.version, "failures": res.failures}, indent=1,
                                              ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
