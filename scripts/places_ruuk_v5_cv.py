"""Choose entities.ruuk.v5's abstention tests (moralewatch.entities.cyrillic_abstain) on the Cyrillic DEV places by
leave-one-document-out cross-validation, as scripts/places_ruuk_v4_cv.py does for v4 (dev only: refuses a held-out
file).

Each document is run once through the default pipeline with entities.ruuk.v5 whose abstention is held back (v3's
answers), then v4's calibration and every setting of the grid are applied to copies of its entities. For each
left-out document the setting with the best score on the other documents (right answers minus ``--cost`` per
confident wrong answer; ties to the setting that leaves more places of those documents without an id, gold
mentions or not: the dev sets hold few of the mentions v4 fails on, so a test that costs nothing there is taken) is applied to it; the pooled outcomes are the cross-validated
figures.

    PYTHONPATH=src python scripts/places_ruuk_v5_cv.py [DEV_GOLD ...] [--cost 3] [--show]

(default: the three Cyrillic dev sets, places_ruuk_dev.jsonl, _dev_b and _dev_c; folds are documents)
"""

from __future__ import annotations

import argparse
import copy
import itertools
import json
import sys
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from moralewatch.entities import cyrillic_abstain as ca
from moralewatch.entities import cyrillic_confidence as cc
from moralewatch.eval.common import gold_and_texts
from moralewatch.eval.entities import _place_at, place_outcome

sys.path.insert(0, "scripts")
from places_ruuk_v4_cv import _held, _mapped, _summary, held_back_runs  # noqa: E402

DEV = ["gold/pages/places_ruuk_dev.jsonl", "gold/pages/places_ruuk_dev_b.jsonl", "gold/pages/places_ruuk_dev_c.jsonl"]
GRID = [ca.Abstain(small, common, oblast_small, shared, weak_shared, word, countries)
        for small, common, oblast_small, shared, weak_shared, word, countries in itertools.product(
            (0, 2_000, 5_000, 10_000), (3, 4, 6, 10, 10**6), (2_000, 5_000, 10_000, 20_000, 50_000), (False, True),
            (False, True), (False, True), (False, True))]


ABSTAINED: dict[tuple[Any, str], int] = {}


def _outcomes(runs: dict, gold: list[dict[str, Any]], ab: ca.Abstain | str | None) -> tuple[list[str], list[Any]]:
    """Each gold mention's outcome and prediction; how many places of each document lost their id is kept in
    ABSTAINED (the strictness the ties go by)."""
    res = {}
    for i, (text, ents, amb, doc) in runs.items():
        es = copy.deepcopy(ents)
        if ab == "v4":
            cc.calibrate(text, es, amb)
        elif ab is not None:
            ca.abstain(text, es, amb, cc.Thresholds(), ab)
        res[i] = [_mapped(e, doc) for e in es]
        ABSTAINED[ab, i] = sum(1 for x, y in zip(ents, es, strict=True) if x.geonameid is not None and y.geonameid is None)
    preds = [_place_at(res[g["id"]], g["start"], g["end"]) for g in gold]
    return [place_outcome(g, p) for g, p in zip(gold, preds, strict=True)], preds


def _score(outs: list[str], cost: float) -> float:
    c = Counter(outs)
    return c["right"] - cost * c["confident_wrong"]


def _strictness(ab: ca.Abstain, docs: list[str]) -> tuple[int, ...]:
    """How many places of these documents (gold mentions or not) the setting leaves without an id; then the tests
    it switches on (a test that changes nothing on the dev documents is kept on)."""
    return (sum(ABSTAINED[ab, d] for d in docs), ab.shared_oblast + ab.weak_shared + ab.word + ab.countries,
            ab.small, -ab.common, ab.oblast_small)


def leave_one_out(gold: list[dict[str, Any]], runs: Mapping[str, Any], per_setting: Mapping[Any, list[str]],
                  start: list[str], cost: float, strictness: Callable[[Any, list[str]], Any]
                  ) -> tuple[list[str], Counter[Any]]:
    """Leave-one-document-out: each document of ``runs`` gets the setting (a key of ``per_setting``, in its order)
    with the best :func:`_score` on the other documents' gold mentions, ties to ``strictness(setting, those
    documents)``; its mentions take that setting's outcomes (``start``'s where no run covers them). Returns the
    pooled outcomes and how often each setting was chosen (also scripts/places_ruuk_v6_cv.py)."""
    cv = list(start)
    chosen: Counter[Any] = Counter()
    for d in sorted(runs):
        train = [k for k, g in enumerate(gold) if g["id"] != d]
        docs = [x for x in runs if x != d]
        best = max(per_setting, key=lambda st: (_score([per_setting[st][k] for k in train], cost), strictness(st, docs)))
        chosen[best] += 1
        for k, g in enumerate(gold):
            if g["id"] == d:
                cv[k] = per_setting[best][k]
    return cv, chosen


def dev_gold() -> tuple[argparse.Namespace, list[dict[str, Any]], dict[str, Any]]:
    """The command line of the places CV scripts (dev gold files, ``--cost``, ``--show``; a held-out file refused),
    the gold mentions of its files (each with its ``_set``) and their documents."""
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="*", default=DEV)
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
    return a, gold, records


def main() -> None:
    a, gold, records = dev_gold()
    runs = held_back_runs(gold, records, "entities.ruuk.v5", "abstain")
    v3, _ = _outcomes(runs, gold, None)
    v4, v4_preds = _outcomes(runs, gold, "v4")
    per_setting = {ab: _outcomes(runs, gold, ab)[0] for ab in GRID}
    cv, chosen = leave_one_out(gold, runs, per_setting, v4, a.cost, _strictness)
    final = ca.Abstain()
    v5, v5_preds = _outcomes(runs, gold, final)
    report: dict[str, Any] = {"abstain": str(final), "cost": a.cost,
                              "chosen_by_fold": {str(k): n for k, n in chosen.most_common(5)},
                              "best_on_all": str(max(GRID, key=lambda ab: (_score(per_setting[ab], a.cost),
                                                                          _strictness(ab, list(runs)))))}
    for path in [*a.gold, "all"]:
        ks = [k for k, g in enumerate(gold) if path in ("all", g["_set"])]
        sub = [gold[k] for k in ks]
        report[path] = {"v3": _summary(sub, [v3[k] for k in ks]), "v4": _summary(sub, [v4[k] for k in ks]),
                        "v5_cv": _summary(sub, [cv[k] for k in ks]), "v5": _summary(sub, [v5[k] for k in ks]),
                        "v4_to_v5_changed": sum(1 for k in ks if v4[k] != v5[k])}
    print(json.dumps(report, indent=1))
    if a.show:
        for g, x, y, z, p4, p5 in zip(gold, v4, v5, cv, v4_preds, v5_preds, strict=True):
            if x != y or x != z or x != "right":
                print(g["name"], g["geonameid"], g["admin1"], "| v4", x, (p4 or {}).get("geonameid"),
                      (p4 or {}).get("admin1"), "| v5", y, (p5 or {}).get("geonameid"), (p5 or {}).get("admin1"),
                      "| cv", z)


if __name__ == "__main__":
    main()
