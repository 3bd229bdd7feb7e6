"""Choose entities.ruuk.v4's thresholds (moralewatch.entities.cyrillic_confidence) on the Cyrillic DEV places by
leave-one-document-out cross-validation, and print what each support kind did (dev only: refuses a held-out file).

Each document is run once through the default pipeline with entities.ruuk.v4 whose calibration is held back (v3's
answers), then every threshold setting of the grid is applied to copies of its entities. For each left-out document
the setting with the best score on the other documents (right answers minus ``--cost`` per confident wrong answer,
ties to the stricter setting) is applied to it; the pooled outcomes are the cross-validated figures.

    PYTHONPATH=src python scripts/places_ruuk_v4_cv.py [DEV_GOLD ...] [--cost 3] [--show]

(default: both Cyrillic dev sets, places_ruuk_dev.jsonl and places_ruuk_dev_b.jsonl; folds are documents)
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import itertools
import json
from collections import Counter
from typing import Any

from moralewatch import api
from moralewatch.api import extract_line
from moralewatch.entities import cyrillic
from moralewatch.entities import cyrillic_confidence as cc
from moralewatch.eval.common import gold_and_texts
from moralewatch.eval.entities import _place_at, place_outcome
from moralewatch.model import Entity
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY

GRID = [cc.Thresholds(near, town, weak, rare) for near, town, weak, rare in itertools.product(
    (30.0, 45.0, 60.0, 90.0), (10_000, 20_000, 50_000, 100_000), (2_000, 5_000, 10_000, 20_000, 50_000, 10**9),
    (0, 1, 2, 3, 5, 100))]


def _held(gold_path: str) -> bool:
    return "heldout" in gold_path or gold_path.rstrip("/").endswith("pages/places.jsonl")


def held_back_runs(gold: list[dict[str, Any]], records: dict[str, Any], stage: str = "entities.ruuk.v4",
                   hook: str = "calibrate") -> dict[str, tuple[str, list[Entity], dict, Any]]:
    """Per document: its text, the entities and the ambiguous mentions' candidates as ``stage`` has them just before
    its last step (``cyrillic.<hook>``: v4's calibration, v5's abstention) is held back, and the document."""
    captured: dict[str, Any] = {}
    real, real_extract = getattr(cyrillic, hook), api.to_extract
    setattr(cyrillic, hook, lambda text, ents, amb, *a, **k: captured.update(last=(text, copy.deepcopy(ents), dict(amb))))
    api.to_extract = lambda doc, ext_id: captured.update(doc=doc) or real_extract(doc, ext_id)  # type: ignore
    try:
        pipe = Pipeline([stage if s.startswith("entities.ruuk.") else s for s in DEFAULT], None, REGISTRY)
        out = {}
        for i in sorted({g["id"] for g in gold}):
            captured.clear()
            extract_line(json.dumps(records[i]), 1, pipe)
            text, ents, amb = captured.get("last", (records[i]["text"], [], {}))
            out[i] = (text, ents, amb, captured["doc"])
        return out
    finally:
        setattr(cyrillic, hook, real)
        api.to_extract = real_extract  # type: ignore[assignment]


def _outcomes(runs: dict, gold: list[dict[str, Any]], th: cc.Thresholds | None) -> list[str]:
    res = {}
    for i, (text, ents, amb, doc) in runs.items():
        es = copy.deepcopy(ents)
        if th is not None:
            cc.calibrate(text, es, amb, th)
        res[i] = [_mapped(e, doc) for e in es]
    return [place_outcome(g, _place_at(res[g["id"]], g["start"], g["end"])) for g in gold]


def _mapped(e: Entity, doc: Any) -> dict[str, Any]:
    """The entity with its offsets in the input text (as the extract output gives them); none when unmapped."""
    out = dataclasses.asdict(e)
    span = api._mapped(doc, e.start, e.end)
    out["start"], out["end"] = span if span is not None else (-1, -1)
    return out


def _score(outs: list[str], cost: float) -> float:
    c = Counter(outs)
    return c["right"] - cost * c["confident_wrong"]


def _strictness(th: cc.Thresholds) -> tuple[float, ...]:
    return (-th.rare, th.weak_town, th.town, -th.near_km)


def _summary(gold: list[dict[str, Any]], outs: list[str]) -> dict[str, Any]:
    ids = [o for g, o in zip(gold, outs, strict=True) if g.get("geonameid") is not None]
    return {"id_right": round(ids.count("right") / len(ids), 4), "confident_wrong": outs.count("confident_wrong"),
            "right_all": outs.count("right")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="*", default=["gold/pages/places_ruuk_dev.jsonl", "gold/pages/places_ruuk_dev_b.jsonl"])
    ap.add_argument("--cost", type=float, default=3.0)
    ap.add_argument("--show", action="store_true")
    a = ap.parse_args()
    if any(_held(g) for g in a.gold):
        raise SystemExit("held-out sets are never tuned on")
    gold: list[dict[str, Any]] = []
    records: dict[str, Any] = {}
    for path in a.gold:
        g, r = gold_and_texts(path)
        gold += [{**x, "_set": path} for x in g]
        records.update(r)
    runs = held_back_runs(gold, records)
    v3 = _outcomes(runs, gold, None)
    per_setting = {th: _outcomes(runs, gold, th) for th in GRID}
    cv: list[str] = list(v3)
    chosen: Counter[cc.Thresholds] = Counter()
    for d in sorted(runs):
        train = [k for k, g in enumerate(gold) if g["id"] != d]
        best = max(GRID, key=lambda th: (_score([per_setting[th][k] for k in train], a.cost), _strictness(th)))
        chosen[best] += 1
        for k, g in enumerate(gold):
            if g["id"] == d:
                cv[k] = per_setting[best][k]
    final = cc.Thresholds()
    report: dict[str, Any] = {"thresholds": str(final),
                              "chosen_by_fold": {str(k): n for k, n in chosen.most_common(4)}}
    for path in [*a.gold, "all"]:
        ks = [k for k, g in enumerate(gold) if path in ("all", g["_set"])]
        sub = [gold[k] for k in ks]
        report[path] = {"v3": _summary(sub, [v3[k] for k in ks]), "v4_cv": _summary(sub, [cv[k] for k in ks]),
                        "v4": _summary(sub, [per_setting[final][k] for k in ks]),
                        "id_to_candidates": sum(1 for k in ks if per_setting[final][k] != v3[k])}
    print(json.dumps(report, indent=1))
    if a.show:
        for g, x, y, z in zip(gold, v3, per_setting[final], cv, strict=True):
            if x != y or x != z:
                print(g["name"], g["geonameid"], g["admin1"], "v3", x, "v4", y, "cv", z)


if __name__ == "__main__":
    main()
