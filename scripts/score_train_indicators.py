"""Score the indicator rules sentence by sentence on the training rounds of ``gold/train`` (issue 12).

    PYTHONPATH=src python scripts/score_train_indicators.py [--rounds a,b,c] [--stage indicators.v8]
        [--errors FILE] [--json] [--thanks]

Prints per-indicator sentence-level precision, recall and subject side (see
:mod:`moralewatch.indicators.trainset`); ``--errors FILE`` writes every miss, false alarm and wrong side with the
sentence's text to FILE (JSONL, for reading: keep it out of the repository, it holds corpus text). Training data only:
never point this at an evaluation set, and the written paraphrases are never scored.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from moralewatch.eval.common import shared_dir  # noqa: E402
from moralewatch.indicators import trainset  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", default="a,b,c")
    ap.add_argument("--stage", default="", help="the English indicator stage (default: the default pipeline's)")
    ap.add_argument("--errors", type=Path, default=None)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--thanks", action="store_true", help="count annotator a's thanks to units as morale_boosting")
    args = ap.parse_args()
    rounds = [r for r in args.rounds.split(",") if r]
    train = ROOT / "gold" / "train"
    sentences = trainset.read_rounds(train, rounds, args.thanks)
    text = trainset.texts(sentences, shared_dir(ROOT))
    bad = trainset.mismatched(sentences, text, train, rounds)
    t0 = time.time()
    preds = trainset.predict(text, args.stage)
    results = trainset.outcomes(sentences, preds)
    tab = trainset.table(results)
    tab |= {"rounds": rounds, "stage": args.stage or "default", "documents": len(text), "mismatched": bad,
            "seconds": round(time.time() - t0, 1)}
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as f:
            for e in trainset.errors(results, text):
                f.write(json.dumps(e, ensure_ascii=False) + "\n")
    if args.json:
        print(json.dumps(tab, indent=1))
        return
    a = tab["all"]
    print(f"rounds {','.join(rounds)} stage {tab['stage']}: {tab['sentences']} sentences ({tab['positive']} positive), "
          f"{tab['documents']} documents, {bad} mismatched, {tab['seconds']} s")
    print(f"all: P {a['precision']:.3f} R {a['recall']:.3f} F1 {a['f1']:.3f} side {a['side']} "
          f"(tp {a['tp']} fp {a['fp']} fn {a['fn']})")
    for k, r in tab["per_indicator"].items():
        print(f"  {k:26s} tp {r['tp']:4d} fp {r['fp']:4d} fn {r['fn']:4d}  P {r['precision']:.3f} "
              f"R {r['recall']:.3f} side {r['side']}")


if __name__ == "__main__":
    main()
