"""scripts/score_ruuk_round.py with another quotes.ruuk version in the pipeline (session 13, issue 17): the same
scoring of an indicators.ruuk version on the training round or a gold/ruuk set, with ``--quotes`` in the default
pipeline's Cyrillic quote stage's place (without ``--quotes``: the default's own).

    PYTHONPATH=src python scripts/score_ruuk_round_quotes.py --quotes quotes.ruuk.v7 --version indicators.ruuk.v8 \
        --files gold/train/ruuk/indicators_train_ruuk_?.jsonl [--errors]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import score_ruuk_round as base  # noqa: E402
from moralewatch.pipeline import Pipeline  # noqa: E402
from moralewatch.stages import DEFAULT  # noqa: E402


def main() -> int:
    args = sys.argv[1:]
    quotes = next(n for n in DEFAULT if n.startswith("quotes.ruuk."))  # the default's, unless --quotes says
    if "--quotes" in args:
        i = args.index("--quotes")
        quotes = args[i + 1]
        del args[i:i + 2]

    def pipeline(version: str) -> Pipeline:
        return Pipeline(tuple(version if n.startswith("indicators.ruuk.") else quotes if n.startswith("quotes.ruuk.")
                              else n for n in DEFAULT))

    base.pipeline = pipeline
    sys.argv = [sys.argv[0], *args]
    return base.main()


if __name__ == "__main__":
    raise SystemExit(main())
