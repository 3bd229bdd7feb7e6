"""Scoring an indicator stage sentence by sentence against the training labels of ``gold/train`` (issue 12).

``gold/train/indicators_train_<round>.jsonl`` labels sentences of documents excluded from every evaluation set
(offsets into ``shared/data/corpora``). The stage runs over each whole document (through the extract contract, as
the scorer of :mod:`moralewatch.eval.indicators` runs it); a prediction belongs to a labelled sentence when its
evidence covers at least half of the sentence or the sentence at least half of it (so a neighbour's evidence that
touches a sentence by a character does not count). Per sentence, the set of predicted indicators is compared with
the set labelled: sentence-level precision and recall per indicator, the subject side on the sentences where both
have the indicator, and every miss and false alarm (for error analysis: training data, not an evaluation set).
Written paraphrases (``synthetic_*.jsonl``) are never read here.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import MoraleWatchError
from ..eval.common import corpus_records, extracted, sha12

ROUNDS = ("a", "b", "c", "d")


@dataclass
class Sentence:
    """One labelled sentence: where it is, the round that labelled it, its labels (indicator -> subject side)."""

    corpus: str
    doc: str
    start: int
    end: int
    round: str
    source_type: str
    labels: dict[str, str]
    #: indicators neither counted as labelled nor as false alarms here (thanks coded as ``morale_boosting``)
    ignored: frozenset[str] = frozenset()


@dataclass
class Outcome:
    """The stage's indicators on one labelled sentence (indicator -> the sides it gave, and the highest
    confidence)."""

    sentence: Sentence
    sides: dict[str, set[str]] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)
    rules: dict[str, set[str]] = field(default_factory=dict)


def read_rounds(train_dir: Path, rounds: Iterable[str], thanks: bool = False) -> list[Sentence]:
    """The labelled sentences of ``rounds`` (a sentence labelled twice keeps its first line). Annotator a coded an
    address's thanks to units as ``morale_boosting`` (note ``thanks``; ``CARD_a.md`` decision 1), the others and the
    rules do not (``gold/train/README.md``): unless ``thanks``, such a sentence's ``morale_boosting`` is ignored
    (neither a miss nor a false alarm)."""
    out, seen = [], set()
    for r in rounds:
        if r not in ROUNDS:
            raise MoraleWatchError("E401", f"no training round {r!r}", f"name rounds among {', '.join(ROUNDS)}")
        for line in (train_dir / f"indicators_train_{r}.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            key = (row["corpus"], row["id"], row["start"], row["end"])
            if key in seen:
                continue
            seen.add(key)
            labels = {lab["indicator"]: lab.get("subject_side", "unknown") for lab in row["labels"]}
            ignored: frozenset[str] = frozenset()
            if not thanks and "thanks" in str(row.get("note", "")) and "morale_boosting" in labels:
                ignored = frozenset({"morale_boosting"})
                del labels["morale_boosting"]
            out.append(Sentence(row["corpus"], row["id"], row["start"], row["end"], r,
                                row.get("source_type", ""), labels, ignored))
    return out


def texts(sentences: list[Sentence], shared: Path) -> dict[str, str]:
    """The text of every document the sentences point into, by id."""
    out: dict[str, str] = {}
    for corpus in sorted({s.corpus for s in sentences}):
        ids = {s.doc for s in sentences if s.corpus == corpus}
        out.update({k: v["text"] for k, v in corpus_records(shared / "data" / "corpora" / f"{corpus}.jsonl",
                                                            ids).items()})
    return out


def mismatched(sentences: list[Sentence], text: dict[str, str], train_dir: Path, rounds: Iterable[str]) -> int:
    """The number of labelled sentences whose document is missing or whose text no longer has the labelled sha1."""
    sha = {}
    for r in rounds:
        for line in (train_dir / f"indicators_train_{r}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                sha[(row["id"], row["start"], row["end"])] = row.get("sha1")
    return sum(1 for s in sentences if s.doc not in text
               or sha.get((s.doc, s.start, s.end)) not in (None, sha12(text[s.doc][s.start:s.end])))


def predict(text: dict[str, str], stage: str = "") -> dict[str, list[dict[str, Any]]]:
    """The indicators of the default pipeline (with ``stage`` as its English indicator stage, when given) on each
    document, through the extract contract."""
    from ..api import extract_line
    from ..pipeline import Pipeline
    from ..stages import DEFAULT, REGISTRY

    names = [stage if stage and n.startswith("indicators.v") else n for n in DEFAULT]
    pipeline = Pipeline(names, None, REGISTRY)
    out = {}
    for doc, t in sorted(text.items()):
        out[doc] = extracted(extract_line(json.dumps({"id": doc, "text": t}), 0, pipeline), doc)["indicators"]
    return out


def belongs(p: dict[str, Any], s: Sentence) -> bool:
    ov = min(int(p["end"]), s.end) - max(int(p["start"]), s.start)
    return ov > 0 and (2 * ov >= s.end - s.start or 2 * ov >= int(p["end"]) - int(p["start"]))


def outcomes(sentences: list[Sentence], preds: dict[str, list[dict[str, Any]]]) -> list[Outcome]:
    """The stage's indicators on each labelled sentence whose document was predicted."""
    out = []
    by_doc: dict[str, list[Sentence]] = defaultdict(list)
    for s in sentences:
        by_doc[s.doc].append(s)
    for doc, sents in by_doc.items():
        if doc not in preds:
            continue
        for s in sents:
            o = Outcome(s)
            for p in preds[doc]:
                if p["indicator"] not in s.ignored and belongs(p, s):
                    o.sides.setdefault(p["indicator"], set()).add(str(p.get("subject_side", "unknown")))
                    o.rules.setdefault(p["indicator"], set()).add(str(p.get("rule") or ""))
                    conf = float(p.get("confidence", 0.5))
                    o.confidence[p["indicator"]] = max(conf, o.confidence.get(p["indicator"], 0.0))
            out.append(o)
    return out


def table(results: list[Outcome]) -> dict[str, Any]:
    """Per indicator: tp, fp, fn, precision, recall, side right on the tp; and the totals."""
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for o in results:
        gold, pred = set(o.sentence.labels), set(o.sides)
        for ind in gold | pred:
            row = rows[ind]
            if ind in gold and ind in pred:
                row[0] += 1
                row[3] += o.sentence.labels[ind] in o.sides[ind]
            elif ind in pred:
                row[1] += 1
            else:
                row[2] += 1
    total = [sum(r[i] for r in rows.values()) for i in range(4)]

    def line(r: list[int]) -> dict[str, Any]:
        tp, fp, fn, side = r
        p = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
        return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(rec, 3),
                "f1": round(f1, 3), "side": round(side / tp, 3) if tp else None}

    return {"sentences": len(results), "positive": sum(1 for o in results if o.sentence.labels),
            "all": line(total), "per_indicator": {k: line(v) for k, v in sorted(rows.items())}}


def errors(results: list[Outcome], text: dict[str, str]) -> list[dict[str, Any]]:
    """Every miss, false alarm and wrong side, with the sentence's text (for reading, never for committing)."""
    out = []
    for o in results:
        s = o.sentence
        gold, pred = set(s.labels), set(o.sides)
        sent = text[s.doc][s.start:s.end]
        base = {"round": s.round, "corpus": s.corpus, "id": s.doc, "start": s.start, "end": s.end,
                "sha1": sha12(sent), "source_type": s.source_type, "text": sent}
        for ind in sorted(gold - pred):
            out.append(base | {"kind": "miss", "indicator": ind, "gold_side": s.labels[ind]})
        for ind in sorted(pred - gold):
            out.append(base | {"kind": "false_alarm", "indicator": ind, "sides": sorted(o.sides[ind]),
                               "gold": sorted(gold)})
        for ind in sorted(gold & pred):
            if s.labels[ind] not in o.sides[ind]:
                out.append(base | {"kind": "side", "indicator": ind, "gold_side": s.labels[ind],
                                   "sides": sorted(o.sides[ind])})
    return out


def calibration_pairs(results: list[Outcome]) -> list[tuple[str, str, bool, float, str]]:
    """Every (document, indicator, right, confidence given, rule) the stage predicted on a labelled sentence: right
    when the sentence is labelled with the indicator; the rule is the first by name of those that fired."""
    return [(o.sentence.doc, ind, ind in o.sentence.labels, o.confidence[ind], min(o.rules.get(ind) or {""}))
            for o in results for ind in sorted(o.sides)]
