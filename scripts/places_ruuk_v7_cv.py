"""Check entities.ruuk.v7's fixes (moralewatch.entities.cyrillic_v7) on the Cyrillic DEV places by
leave-one-document-out cross-validation, as scripts/places_ruuk_v6_cv.py does for v6 (dev only: refuses a held-out
file), and the gazetteer's ORACLE per dev set: the share of the mentions with a gold id whose id is among the
settlements the gazetteer offers for the mention at all (its ambiguous candidates, or the reading taken), which
caps what any context can get right.

Each document is run once through the default pipeline with entities.ruuk.v5 whose abstention is held back (v3's
answers: v6 and v7 run the same steps before their own), then v6 and every v7 setting of the grid are applied to
copies of its entities. For each left-out document the setting with the best score on the other documents (right
answers minus ``--cost`` per confident wrong answer; ties to the setting that leaves more places of those documents
without an id) is applied to it; the pooled outcomes are the cross-validated figures.

    PYTHONPATH=src python scripts/places_ruuk_v7_cv.py [DEV_GOLD ...] [--cost 3] [--show]
"""

from __future__ import annotations

import copy
import itertools
import json
import sys
from typing import Any

from moralewatch.entities import cyrillic_v6 as c6
from moralewatch.entities import cyrillic_v7 as c7
from moralewatch.entities.context import local_readings
from moralewatch.entities.gazetteer import gazetteer
from moralewatch.eval.entities import _place_at, place_outcome

sys.path.insert(0, "scripts")
from places_ruuk_v4_cv import _mapped, _summary, held_back_runs  # noqa: E402
from places_ruuk_v5_cv import dev_gold, leave_one_out  # noqa: E402

GRID = [c7.Fixes(d, m, f) for d, m, f in itertools.product((False, True), repeat=3)]
ABSTAINED: dict[tuple[Any, str], int] = {}


def _outcomes(runs: dict, gold: list[dict[str, Any]], fx: c7.Fixes | None) -> tuple[list[str], list[Any]]:
    res = {}
    for i, (text, ents, amb, doc) in runs.items():
        es = copy.deepcopy(ents)
        c6.abstain_v6(text, es, amb)
        ids = [e.geonameid for e in es]
        if fx is not None:
            c7.fix_v7(text, es, amb, fx)
        res[i] = [_mapped(e, doc) for e in es]
        ABSTAINED[fx, i] = sum(1 for x, y in zip(ids, es, strict=True) if x is not None and y.geonameid is None)
    preds = [_place_at(res[g["id"]], g["start"], g["end"]) for g in gold]
    return [place_outcome(g, p) for g, p in zip(gold, preds, strict=True)], preds


def _strictness(fx: c7.Fixes, docs: list[str]) -> tuple[int, ...]:
    return (sum(ABSTAINED[fx, d] for d in docs), fx.directional + fx.more_oblasts + fx.no_focus)


def oracle(runs: dict, gold: list[dict[str, Any]], preds: list[Any]) -> tuple[float, list[str]]:
    """The share of gold ids among the settlements the gazetteer offers for the mention (v7's id and candidates, the
    candidates the Cyrillic finder kept for it, the settlements of the name it read), and the names of the mentions
    whose id it does not offer (no place found there, or not among its readings)."""
    ok, missing, n = 0, [], 0
    for g, p in zip(gold, preds, strict=True):
        if g.get("geonameid") is None:
            continue
        n += 1
        if p is None:
            missing.append(f"{g['name']} (not found)")
            continue
        text, ents, amb, doc = runs[g["id"]]
        offered = {p.get("geonameid"), *(p.get("candidates") or [])}
        for name in {p.get("name"), p.get("text")} - {None}:
            offered |= {c.place.geonameid for c in gazetteer().lookup(name)}
        for e in ents:
            if _mapped(e, doc)["start"] == p["start"]:
                offered |= {r.geonameid for r in local_readings(amb.get(e.start, ()))[0]}
        if g["geonameid"] in offered:
            ok += 1
        else:
            missing.append(f"{g['name']} (not a reading)")
    return round(ok / n, 4) if n else 1.0, missing


def main() -> None:
    a, gold, records = dev_gold()
    runs = held_back_runs(gold, records, "entities.ruuk.v5", "abstain")
    v6, v6_preds = _outcomes(runs, gold, None)
    per_setting = {fx: _outcomes(runs, gold, fx)[0] for fx in GRID}
    cv, chosen = leave_one_out(gold, runs, per_setting, v6, a.cost, _strictness)
    final = c7.Fixes()
    v7, v7_preds = _outcomes(runs, gold, final)
    report: dict[str, Any] = {"fixes": str(final), "cost": a.cost,
                              "chosen_by_fold": {str(k): n for k, n in chosen.most_common(5)}}
    for path in [*a.gold, "all"]:
        ks = [k for k, g in enumerate(gold) if path in ("all", g["_set"])]
        sub = [gold[k] for k in ks]
        share, missing = oracle(runs, sub, [v7_preds[k] for k in ks])
        report[path] = {"v6": _summary(sub, [v6[k] for k in ks]), "v7_cv": _summary(sub, [cv[k] for k in ks]),
                        "v7": _summary(sub, [v7[k] for k in ks]), "v6_to_v7_changed": sum(1 for k in ks if v6[k] != v7[k]),
                        "oracle": share, "oracle_missing": missing}
    print(json.dumps(report, indent=1, ensure_ascii=False))
    if a.show:
        for g, x, y, z, p6, p7 in zip(gold, v6, v7, cv, v6_preds, v7_preds, strict=True):
            if x != y or x != z or x not in ("right", "missed"):
                print(g["name"], g["geonameid"], g["admin1"], "| v6", x, (p6 or {}).get("geonameid"),
                      (p6 or {}).get("admin1"), "| v7", y, (p7 or {}).get("geonameid"), (p7 or {}).get("admin1"),
                      "| cv", z)


if __name__ == "__main__":
    main()
