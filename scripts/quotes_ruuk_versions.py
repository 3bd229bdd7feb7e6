"""Score quotes.ruuk versions on the gold/ruuk quote dev sets (session 13): each version in the default pipeline's
quotes.ruuk place, GGT@0.3 P/R/F1, exact F1 and speaker accuracy of the matched quotes, and role/side right.

    PYTHONPATH=src python scripts/quotes_ruuk_versions.py quotes.ruuk.v6 quotes.ruuk.v7 [--sets dev dev_b dev_c]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from moralewatch.eval.quotes import evaluate
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("versions", nargs="+")
    ap.add_argument("--sets", nargs="+", default=["dev", "dev_b", "dev_c"])
    args = ap.parse_args()
    for split in args.sets:
        for version in args.versions:
            pipe = Pipeline(tuple(version if n.startswith("quotes.ruuk.") else n for n in DEFAULT))
            a = evaluate(str(ROOT / "gold" / "ruuk" / f"quotes_{split}.jsonl"), pipeline=pipe)["all"]
            g = a["ggt30"]
            print(f"{split:8} {version:16} GGT@0.3 P {g['p']:.3f} R {g['r']:.3f} F1 {g['f1']:.3f}  exact "
                  f"{a['exact']['f1']:.3f}  speaker {a['speaker_accuracy']:.3f} ({a['speaker_right']})  matched "
                  f"{a['found']}/{a['gold']}  role {a['role_right']} side {a['side_right']}")


if __name__ == "__main__":
    main()
