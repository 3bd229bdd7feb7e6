"""Regenerate ``data/indicators/calibration_v4.json`` (the confidence of ``indicators.v4``: the precision of each
indicator; ``indicators.v3`` keeps ``calibration.json``): ``python -m moralewatch.indicators.calibrate [--shared DIR]``.

The precision of each indicator is counted over hand-checked output of the current rules: the predictions that
match a label of ``calibration_labels.jsonl`` (nyt-guardian-407 articles outside the dev set, checked by hand) and
every prediction on the dev set ``gold/v11/indicators_dev.jsonl`` (right when it matches a gold item, as the scorer
matches them); smoothed towards the pooled precision with a Beta prior of strength 8. The dev set is the set the rules
were revised on, so its calibration error (ECE) is optimistic after this; the held-out sets' is not.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from ..eval import indicators as ev
from ..eval.common import corpus_records, shared_dir
from ..lexicons import data_path
from .refusals import CALIBRATION as FILE

PRIOR = 8
ROOT = Path(__file__).resolve().parents[3]


def _count_labels(shared: Path, counts: dict[str, list[int]]) -> None:
    labels = [json.loads(line) for line in data_path("indicators/calibration_labels.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    texts = corpus_records(shared / "data" / "corpora" / "nyt-guardian-407.jsonl", {lab["id"] for lab in labels})
    docs = [ev.GoldDoc(i, texts[i]["text"], []) for i in sorted({lab["id"] for lab in labels})]
    preds = ev.predict(docs)
    for lab in labels:
        if any(p["indicator"] == lab["indicator"] and ev.overlap(p, lab) > 0 for p in preds[lab["id"]]):
            counts[lab["indicator"]][0] += bool(lab["correct"])
            counts[lab["indicator"]][1] += 1


def _count_dev(dev: Path, counts: dict[str, list[int]]) -> None:
    docs, _ = ev.read_dev(dev)
    preds = ev.predict(docs)
    for d in docs:
        pred = [p for p in preds[d.id] if ev.in_regions(p, d.regions)]
        matched = set(dict(ev.match(d.items, pred)).values())
        for i, p in enumerate(pred):
            counts[p["indicator"]][0] += i in matched
            counts[p["indicator"]][1] += 1


def calibration(shared: Path, dev: Path) -> dict[str, object]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    _count_labels(shared, counts)
    _count_dev(dev, counts)
    right, total = sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values())
    pooled = right / total
    precision = {"*": round(pooled, 3)}
    for k, (r, n) in sorted(counts.items()):
        precision[k] = round((r + PRIOR * pooled) / (n + PRIOR), 3)
    return {"method": __doc__.split("\n\n")[1].replace("\n", " "), "counts": dict(sorted(counts.items())),
            "pooled": [right, total], "prior_strength": PRIOR, "precision": precision}


def main() -> None:  # pragma: no cover - a maintenance command
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--dev", type=Path, default=ROOT / "gold" / "v11" / "indicators_dev.jsonl")
    args = ap.parse_args()
    doc = calibration(args.shared or shared_dir(ROOT), args.dev)
    out = data_path(FILE)
    Path(str(out)).write_text(json.dumps(doc, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(json.dumps(doc["precision"]))


if __name__ == "__main__":  # pragma: no cover
    main()
