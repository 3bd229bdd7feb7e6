"""The ru/uk gold figures of ``indicators.ruuk.v13`` against ``v14`` variant A (a source of no known side: the
language's writer) and variant B (no writer), scored as ``moralewatch eval indicators`` scores them: the default
pipeline with the version in the default's place, the corpus record's ``source`` passed for ru/uk gold.

    PYTHONPATH=src /work/main/.venv/bin/python scripts/ruuk_v14_scores.py [GOLD ...]
    PYTHONPATH=src /work/main/.venv/bin/python scripts/ruuk_v14_scores.py --heldout A   # once, for one variant

Without GOLD: the three dev sets. A held-out file is refused unless ``--heldout VARIANT`` names the one variant to
measure (aggregates only, never analysed item by item).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from moralewatch.api import extract_line  # noqa: E402
from moralewatch.eval import indicators as ev  # noqa: E402
from moralewatch.pipeline import Pipeline  # noqa: E402
from moralewatch.stages import DEFAULT  # noqa: E402

DEV = ("indicators_dev.jsonl", "indicators_dev_c.jsonl", "indicators_dev_c_uk.jsonl")
VARIANTS: dict[str, tuple[str, dict[str, Any] | None]] = {
    "v13": ("indicators.ruuk.v13", None),
    "A": ("indicators.ruuk.v14", {"indicators.ruuk.v14": {"unknown_writer": "language"}}),
    "B": ("indicators.ruuk.v14", {"indicators.ruuk.v14": {"unknown_writer": "none"}}),
}
KEYS = ("span_f1", "doc_f1", "subject_side_agreement", "claimant_side_agreement", "claimant_accuracy")


def scores(variant: str, gold: Path) -> dict[str, Any]:
    version, config = VARIANTS[variant]
    pipe = Pipeline([version if n.startswith("indicators.ruuk.") else n for n in DEFAULT], config)

    def predict(docs: list[ev.GoldDoc], mode: str | None = None) -> dict[str, list[dict[str, Any]]]:
        out = {}
        for d in docs:  # as ev.predict: the record's source for ru/uk gold
            line = {"id": d.id, "text": d.text} | ({"source": d.source} if d.source and d.lang in ("ru", "uk") else {})
            out[d.id] = ev.extracted(extract_line(json.dumps(line), 0, pipe), d.id)["indicators"]
        return out

    ev.predict = predict
    return ev.evaluate(gold)


def line(variant: str, name: str, s: dict[str, Any]) -> str:
    by = " ".join(f"{lang}: " + "/".join(f"{v[k]:.3f}" for k in ("span_f1", "doc_f1", "subject_side_agreement"))
                  for lang, v in s.get("by_lang", {}).items())
    return (f"{variant:4} {name:28} tp {s['tp']:3} " + " ".join(f"{k} {s[k]:.3f}" for k in KEYS)
            + f" sha1_mismatches {s['sha1_mismatches']}" + (f"  [{by}]" if len(s.get("by_lang", {})) > 1 else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="*", type=Path)
    ap.add_argument("--heldout", choices=tuple(VARIANTS), help="measure gold/ruuk/indicators_heldout.jsonl once")
    args = ap.parse_args()
    if args.heldout:
        gold = ROOT / "gold" / "ruuk" / "indicators_heldout.jsonl"
        print(line(args.heldout, gold.name, scores(args.heldout, gold)))
        return
    for gold in args.gold or [ROOT / "gold" / "ruuk" / n for n in DEV]:
        if "heldout" in gold.name:
            raise SystemExit("a held-out file is measured once, with --heldout VARIANT")
        for variant in VARIANTS:
            print(line(variant, gold.name, scores(variant, gold)), flush=True)


if __name__ == "__main__":
    main()
