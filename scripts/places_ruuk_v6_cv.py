"""Choose entities.ruuk.v6's tests (moralewatch.entities.cyrillic_v6) on the Cyrillic DEV places by
leave-one-document-out cross-validation, as scripts/places_ruuk_v5_cv.py does for v5 (dev only: refuses a held-out
file).

Each document is run once through the default pipeline with entities.ruuk.v5 whose abstention is held back (v3's
answers; v6 runs the same steps before its own abstention), then v5's abstention and every v6 setting of the grid are
applied to copies of its entities. For each left-out document the setting with the best score on the other documents
(right answers minus ``--cost`` per confident wrong answer; ties to the setting that leaves more places of those
documents without an id) is applied to it; the pooled outcomes are the cross-validated figures.

    PYTHONPATH=src python scripts/places_ruuk_v6_cv.py [DEV_GOLD ...] [--cost 3] [--show]

(default: the three Cyrillic dev sets; folds are documents)
"""

from __future__ import annotations

import copy
import itertools
import json
import sys
from typing import Any

from moralewatch.entities import cyrillic_abstain as ca
from moralewatch.entities import cyrillic_v6 as c6
from moralewatch.eval.entities import _place_at, place_outcome

sys.path.insert(0, "scripts")
from places_ruuk_v4_cv import _mapped, _summary, held_back_runs  # noqa: E402
from places_ruuk_v5_cv import _score, dev_gold, leave_one_out  # noqa: E402

GRID = [c6.Strict(named, propagate, variant, city, small, km, unique, focus)
        for named, propagate, variant, city, small, km, unique, focus in itertools.product(
            (False, True), (False, True), (False, True), (False, True), (0, 2_000, 5_000, 10_000, 20_000), (30.0, 60.0),
            (0.0, 0.5, 0.7), (0.0, 0.5))]

ABSTAINED: dict[tuple[Any, str], int] = {}


def _outcomes(runs: dict, gold: list[dict[str, Any]], st: c6.Strict | str | None) -> tuple[list[str], list[Any]]:
    res = {}
    for i, (text, ents, amb, doc) in runs.items():
        es = copy.deepcopy(ents)
        if st == "v5":
            ca.abstain(text, es, amb)
        elif isinstance(st, c6.Strict):
            c6.abstain_v6(text, es, amb, st=st)
        res[i] = [_mapped(e, doc) for e in es]
        ABSTAINED[st, i] = sum(1 for x, y in zip(ents, es, strict=True) if x.geonameid is not None and y.geonameid is None)
    preds = [_place_at(res[g["id"]], g["start"], g["end"]) for g in gold]
    return [place_outcome(g, p) for g, p in zip(gold, preds, strict=True)], preds


def _strictness(st: c6.Strict, docs: list[str]) -> tuple[float, ...]:
    """Places of these documents left without an id; then the stricter setting (tests on, thresholds high)."""
    return (sum(ABSTAINED[st, d] for d in docs), st.named_admin1 + st.variant + st.city_region - st.propagate, st.weak_small,
            -st.para_km, st.unique_focus, st.focus)


def main() -> None:
    a, gold, records = dev_gold()
    runs = held_back_runs(gold, records, "entities.ruuk.v5", "abstain")
    v5, v5_preds = _outcomes(runs, gold, "v5")
    per_setting = {st: _outcomes(runs, gold, st)[0] for st in GRID}
    cv, chosen = leave_one_out(gold, runs, per_setting, v5, a.cost, _strictness)
    final = c6.Strict()
    v6, v6_preds = _outcomes(runs, gold, final)
    report: dict[str, Any] = {"strict": str(final), "cost": a.cost,
                              "chosen_by_fold": {str(k): n for k, n in chosen.most_common(5)},
                              "best_on_all": str(max(GRID, key=lambda st: (_score(per_setting[st], a.cost),
                                                                          _strictness(st, list(runs)))))}
    for path in [*a.gold, "all"]:
        ks = [k for k, g in enumerate(gold) if path in ("all", g["_set"])]
        sub = [gold[k] for k in ks]
        report[path] = {"v5": _summary(sub, [v5[k] for k in ks]), "v6_cv": _summary(sub, [cv[k] for k in ks]),
                        "v6": _summary(sub, [v6[k] for k in ks]),
                        "v5_to_v6_changed": sum(1 for k in ks if v5[k] != v6[k])}
    print(json.dumps(report, indent=1))
    if a.show:
        for g, x, y, z, p5, p6 in zip(gold, v5, v6, cv, v5_preds, v6_preds, strict=True):
            if x != y or x != z or x not in ("right", "missed"):
                print(g["name"], g["geonameid"], g["admin1"], "| v5", x, (p5 or {}).get("geonameid"),
                      (p5 or {}).get("admin1"), "| v6", y, (p6 or {}).get("geonameid"), (p6 or {}).get("admin1"),
                      "| cv", z)


if __name__ == "__main__":
    main()
