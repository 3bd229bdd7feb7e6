"""Regenerate the confidence file of the default indicator stage (``data/indicators/calibration_v8.json`` for
``indicators.v8``; ``--version 11`` writes ``calibration_v11.json`` from ``indicators.v11``'s own predictions;
``indicators.v7`` keeps ``calibration_v7.json``, ``indicators.v6`` ``calibration_v6.json``, ``indicators.v4``/``v5``
``calibration_v4.json``, ``indicators.v3`` ``calibration.json``):
``python -m moralewatch.indicators.calibrate [--shared DIR] [--rounds a,b,c] [--version 11]``.

The precision of each indicator is counted over hand-checked output of the current rules: the predictions that match
a label of ``calibration_labels.jsonl`` (nyt-guardian-407 articles outside the dev set, checked by hand) and every
prediction on the dev set ``gold/v11/indicators_dev.jsonl`` (right when it matches a gold item, as the scorer
matches them); smoothed towards the pooled precision with a Beta prior of strength 16 (chosen among 2-1000 by the
cross-validated ECE). The dev set is the set the rules were revised on, so the file also gives the calibration error
(ECE) on dev cross-validated by document (5 folds: each fold's predictions get the confidence fitted without that
fold). The precision audits of gold/audit are not counted: v6's refusals were written from their wrong items, so
their precision after v6 is optimistic (see docs/indicators.md). From indicators.v8 a rule that never fires on the dev
set (most of them written for the official register) gets its own confidence from its predictions on the labelled
sentences of the training rounds ``gold/train/indicators_train_{a,b,c}.jsonl`` (right when the sentence is labelled
with the indicator, :mod:`.trainset`; annotator a's thanks to units left out) when it made at least 5 there, smoothed
with the same prior towards its indicator's precision on those rounds; the ECE on the rounds is cross-validated by
document like dev's. Pooling the rounds with dev for every rule would move dev's confidences too (dev is the set the
rules were revised on, precision 0.88 against the rounds' 0.75) and break dev's ECE ceiling.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..eval import indicators as ev
from ..eval.common import corpus_records, shared_dir
from ..lexicons import data_path
from . import trainset
from .refusals import calibration_file

PRIOR = 16
FOLDS = 5
VERSION = 8
#: the training rounds whose labelled sentences calibrate (round d is kept as the rules' unseen check)
ROUNDS = ("a", "b", "c")
ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Seen:
    """One hand-checked prediction: its document (the cross-validation group), where it was checked, its
    indicator, and whether it was right."""

    group: str
    source: str
    indicator: str
    right: bool
    rule: str = ""


def _predict(docs: list[ev.GoldDoc], stage: str) -> dict[str, list[dict[str, Any]]]:
    """The default pipeline's indicators on ``docs`` (with ``stage`` as its English indicator stage when given:
    ``--version 11`` calibrates ``indicators.v11`` whichever stage is the default)."""
    if not stage:
        return ev.predict(docs)
    return trainset.predict({d.id: d.text for d in docs}, stage)


def _labels(shared: Path, stage: str = "") -> list[Seen]:
    labels = [json.loads(line) for line in data_path("indicators/calibration_labels.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    texts = corpus_records(shared / "data" / "corpora" / "nyt-guardian-407.jsonl", {lab["id"] for lab in labels})
    docs = [ev.GoldDoc(i, texts[i]["text"], []) for i in sorted({lab["id"] for lab in labels})]
    preds = _predict(docs, stage)
    return [Seen(lab["id"], "labels", lab["indicator"], bool(lab["correct"]))
            for lab in labels
            if any(p["indicator"] == lab["indicator"] and ev.overlap(p, lab) > 0 for p in preds[lab["id"]])]


def _dev(dev: Path, stage: str = "") -> tuple[list[Seen], list[float]]:
    """Every prediction on the dev set, right when the scorer matches it; and the confidence it was given."""
    docs, _ = ev.read_dev(dev)
    preds = _predict(docs, stage)
    out, given = [], []
    for d in docs:
        pred = [p for p in preds[d.id] if ev.in_regions(p, d.regions)]
        matched = set(dict(ev.match(d.items, pred)).values())
        for i, p in enumerate(pred):
            out.append(Seen(d.id, "dev", p["indicator"], i in matched, str(p.get("rule") or "")))
            given.append(float(p.get("confidence", 0.5)))
    return out, given


def _train(shared: Path, rounds: tuple[str, ...] = ROUNDS, stage: str = "") -> list[Seen]:
    """Every prediction of the default pipeline (``stage`` as its indicator stage) on a labelled sentence of the
    training ``rounds``."""
    sentences = trainset.read_rounds(ROOT / "gold" / "train", rounds)
    results = trainset.outcomes(sentences, trainset.predict(trainset.texts(sentences, shared), stage))
    return [Seen(doc, "train", ind, right, rule) for doc, ind, right, _, rule in trainset.calibration_pairs(results)]


def fit(seen: list[Seen]) -> dict[str, float]:
    """Indicator -> precision smoothed towards the pooled precision (``*``)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for s in seen:
        counts[s.indicator][0] += s.right
        counts[s.indicator][1] += 1
    right, total = sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values())
    pooled = right / total if total else 0.5
    return {"*": round(pooled, 3)} | {k: round((r + PRIOR * pooled) / (n + PRIOR), 3)
                                      for k, (r, n) in sorted(counts.items())}


#: the fewest predictions on the training rounds that give a rule its own confidence
MIN_RULE = 5


def fit_rules(train: list[Seen], dev_rules: set[str]) -> dict[str, float]:
    """Rule -> precision on the training rounds, for the rules that never fired on dev and fired at least
    :data:`MIN_RULE` times there, smoothed towards their indicator's precision on the rounds."""
    if not train:
        return {}
    pooled = sum(s.right for s in train) / len(train)
    by_ind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for s in train:
        by_ind[s.indicator][0] += s.right
        by_ind[s.indicator][1] += 1
        if s.rule and s.rule not in dev_rules:
            by_rule[s.rule][0] += s.right
            by_rule[s.rule][1] += 1
    ind = {k: (r + PRIOR * pooled) / (n + PRIOR) for k, (r, n) in by_ind.items()}
    return {k: round((r + PRIOR * ind[k.split("/")[0]]) / (n + PRIOR), 3)
            for k, (r, n) in sorted(by_rule.items()) if n >= MIN_RULE}


def _fold(group: str) -> int:
    return int(hashlib.sha1(group.encode("utf-8")).hexdigest(), 16) % FOLDS


def cross_validated_ece(seen: list[Seen], source: str = "dev", train: list[Seen] | None = None) -> float:
    """ECE of the ``source`` observations, each scored with the confidence fitted without its document's fold
    (``seen``: the indicators' observations; ``train``: the training rounds' observations the rules' own confidence
    is fitted on, see :func:`fit_rules`)."""
    pairs = []
    dev_rules = {s.rule for s in seen if s.source == "dev"}
    pool = seen + (train or [])
    for k in range(FOLDS):
        held = [s for s in pool if s.source == source and _fold(s.group) == k]
        cal = fit([s for s in seen if not (s.source == source and _fold(s.group) == k)])
        cal |= fit_rules([s for s in train or [] if not (s.source == source and _fold(s.group) == k)], dev_rules)
        pairs += [(cal.get(s.rule, cal.get(s.indicator, cal["*"])), s.right) for s in held]
    return ev.ece(pairs)


def calibration(shared: Path, dev: Path, rounds: tuple[str, ...] = ROUNDS, stage: str = "") -> dict[str, object]:
    """The confidence file of ``stage`` (the default pipeline's indicator stage when empty)."""
    dev_seen, _ = _dev(dev, stage)
    train_seen = _train(shared, rounds, stage) if rounds else []
    seen = _labels(shared, stage) + dev_seen
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for s in seen:
        counts[s.indicator][0] += s.right
        counts[s.indicator][1] += 1
    indicators = fit(seen)
    precision = indicators | fit_rules(train_seen, {s.rule for s in dev_seen})
    return {"method": __doc__.split("\n\n")[1].replace("\n", " "), "counts": dict(sorted(counts.items())),
            "pooled": [sum(s.right for s in seen), len(seen)], "prior_strength": PRIOR,
            "ece_dev": ev.ece([(precision.get(s.indicator, precision["*"]), s.right) for s in dev_seen]),
            "ece_dev_cross_validated": cross_validated_ece(seen),
            "train_rounds": list(rounds), "train_pooled": [sum(s.right for s in train_seen), len(train_seen)],
            "ece_train_cross_validated": cross_validated_ece(seen, "train", train_seen) if train_seen else None,
            "ece_train_indicators_only": ev.ece([(indicators.get(s.indicator, indicators["*"]), s.right)
                                                 for s in train_seen]) if train_seen else None,
            "precision": precision}


def main() -> None:  # pragma: no cover - a maintenance command
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--dev", type=Path, default=ROOT / "gold" / "v11" / "indicators_dev.jsonl")
    ap.add_argument("--rounds", default=",".join(ROUNDS), help="training rounds to count ('' for none)")
    ap.add_argument("--version", type=int, default=VERSION,
                    help="the indicators.v<N> stage whose confidence file is written (11: calibration_v11.json)")
    args = ap.parse_args()
    stage = "" if args.version == VERSION else f"indicators.v{args.version}"
    doc = calibration(args.shared or shared_dir(ROOT), args.dev, tuple(r for r in args.rounds.split(",") if r), stage)
    doc["stage"] = stage or f"indicators.v{VERSION}"
    out = data_path(calibration_file(args.version))
    Path(str(out)).write_text(json.dumps(doc, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(json.dumps({k: doc[k] for k in ("pooled", "ece_dev", "ece_dev_cross_validated", "train_pooled",
                                         "ece_train_cross_validated", "ece_train_indicators_only", "precision")}))


if __name__ == "__main__":  # pragma: no cover
    main()
