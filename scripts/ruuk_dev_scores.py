"""Dev figures of an ``indicators.ruuk`` version (the default pipeline with it in the default's place), scored as
tests/test_ruuk_v10.py scores v10: gold/ruuk/indicators_dev.jsonl and dev c. Refuses a held-out file.

Example:
    PYTHONPATH=src /work/main/.venv/bin/python scripts/ruuk_dev_scores.py --version v13 --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from moralewatch.api import extract_line  # noqa: E402
from moralewatch.eval import indicators as ev  # noqa: E402
from moralewatch.pipeline import Pipeline  # noqa: E402
from moralewatch.stages import DEFAULT  # noqa: E402

KEYS = ("span_f1", "span_precision", "span_recall", "doc_f1", "subject_side_agreement", "hedged_accuracy",
        "negated_accuracy")


def scores(version: str, gold: Path) -> dict:  # type: ignore[type-arg]
    if "heldout" in gold.name:
        raise SystemExit("a held-out file is scored once, by its floor test, not here")
    pipe = Pipeline([f"indicators.ruuk.{version}" if n.startswith("indicators.ruuk.") else n for n in DEFAULT])
    docs, bad = ev.read_gold(gold)
    preds = {d.id: ev.extracted(extract_line(json.dumps({"id": d.id, "text": d.text}), 0, pipe), d.id)["indicators"]
             for d in docs}
    return ev.score(docs, preds, bad).as_dict()  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--version", default="v8")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    os.environ.setdefault("MORALEWATCH_SHARED", args.shared)
    for name in ("indicators_dev.jsonl", "indicators_dev_c.jsonl"):
        s = scores(args.version, ROOT / "gold" / "ruuk" / name)
        print(args.version, name, {k: round(s[k], 3) for k in KEYS if k in s})


if __name__ == "__main__":
    main()
