"""Check entities.ruuk.v8's added place names (moralewatch.entities.cyrillic_v8) on the Cyrillic DEV places by
leave-one-document-out cross-validation, as scripts/places_ruuk_v7_cv.py does for v7 (dev only: refuses a held-out
file), and the gazetteer's ORACLE per dev set (v7's script's ``oracle``: the share of the mentions with a gold id
whose id is among the settlements offered for the mention at all), for v7 and for v8.

Each document is run once through the default pipeline with entities.ruuk.v8 whose steps are held back (the document
as the English stages leave it), then v7 (every kind of v8's :class:`Recall` off) and every v8 setting of the grid
run on copies of it. For each left-out document the setting with the best score on the other documents (right
answers minus ``--cost`` per confident wrong answer; ties to the setting that adds fewer places to those documents)
is applied to it; the pooled outcomes are the cross-validated figures.

    PYTHONPATH=src python scripts/places_ruuk_v8_cv.py [DEV_GOLD ...] [--cost 3] [--show]
"""

from __future__ import annotations

import copy
import itertools
import json
import sys
from typing import Any

from moralewatch import api
from moralewatch.api import extract_line
from moralewatch.entities import cyrillic_v8 as c8
from moralewatch.eval.entities import _place_at, place_outcome
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY

sys.path.insert(0, "scripts")
from places_ruuk_v4_cv import _mapped, _summary  # noqa: E402
from places_ruuk_v5_cv import dev_gold, leave_one_out  # noqa: E402
from places_ruuk_v7_cv import oracle  # noqa: E402

OFF = c8.Recall(False, False, False, False)
GRID = [c8.Recall(*flags) for flags in itertools.product((False, True), repeat=4)]
ADDED: dict[tuple[Any, str], int] = {}


def held_back(gold: list[dict[str, Any]], records: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Per document: a copy of it as entities.ruuk.v8 gets it, and the document the extract maps offsets by."""
    captured: dict[str, Any] = {}
    real, real_extract = c8.run_v8, api.to_extract
    c8.run_v8 = lambda doc, rc=c8.Recall(): captured.update(pre=copy.deepcopy(doc)) or real(doc, rc)  # type: ignore
    api.to_extract = lambda doc, ext_id: captured.update(doc=doc) or real_extract(doc, ext_id)  # type: ignore
    try:
        pipe = Pipeline([("entities.ruuk.v8" if s.startswith("entities.ruuk.") else s) for s in DEFAULT], None, REGISTRY)
        out = {}
        for i in sorted({g["id"] for g in gold}):
            captured.clear()
            extract_line(json.dumps(records[i]), 1, pipe)
            out[i] = (captured.get("pre"), captured["doc"])
        return out
    finally:
        c8.run_v8 = real  # type: ignore[assignment]
        api.to_extract = real_extract  # type: ignore[assignment]


def _outcomes(pre: dict, gold: list[dict[str, Any]], rc: c8.Recall) -> tuple[list[str], list[Any], dict]:
    """Outcomes per gold mention, the places predicted there, and per document (text, entities, ambiguous, doc) as
    the oracle wants them."""
    res, runs = {}, {}
    for i, (before, doc) in pre.items():
        if before is None:
            res[i], runs[i] = [], (doc.text, [], {}, doc)
            continue
        d = copy.deepcopy(before)
        n0 = len(d.entities)
        amb: dict = {}
        found = c8.find_v8(d, amb, rc)
        c8._add(d, found)
        c8.resolve_in_context(d.text, d.entities, amb, v3=True)
        c8.abstain_v6(d.text, d.entities, amb)
        c8.fix_v7(d.text, d.entities, amb)
        res[i] = [_mapped(e, doc) for e in d.entities]
        runs[i] = (d.text, d.entities, amb, doc)
        ADDED[rc, i] = len(d.entities) - n0
    preds = [_place_at(res[g["id"]], g["start"], g["end"]) for g in gold]
    return [place_outcome(g, p) for g, p in zip(gold, preds, strict=True)], preds, runs


def _fewer_added(rc: c8.Recall, docs: list[str]) -> tuple[int, ...]:
    return (-sum(ADDED[rc, d] for d in docs), -(rc.compound + rc.split + rc.town_form + rc.adjective))


def main() -> None:
    a, gold, records = dev_gold()
    pre = held_back(gold, records)
    v7, v7_preds, v7_runs = _outcomes(pre, gold, OFF)
    per_setting = {rc: _outcomes(pre, gold, rc)[0] for rc in GRID}
    cv, chosen = leave_one_out(gold, pre, per_setting, v7, a.cost, _fewer_added)
    final = c8.Recall()
    v8, v8_preds, v8_runs = _outcomes(pre, gold, final)
    report: dict[str, Any] = {"recall": str(final), "cost": a.cost,
                              "chosen_by_fold": {str(k): n for k, n in chosen.most_common(5)},
                              "places_added_all_docs": sum(ADDED[final, d] for d in pre) - sum(ADDED[OFF, d] for d in pre)}
    for path in [*a.gold, "all"]:
        ks = [k for k, g in enumerate(gold) if path in ("all", g["_set"])]
        sub = [gold[k] for k in ks]
        o7, miss7 = oracle(v7_runs, sub, [v7_preds[k] for k in ks])
        o8, miss8 = oracle(v8_runs, sub, [v8_preds[k] for k in ks])
        report[path] = {"v7": _summary(sub, [v7[k] for k in ks]), "v8_cv": _summary(sub, [cv[k] for k in ks]),
                        "v8": _summary(sub, [v8[k] for k in ks]), "v7_to_v8_changed": sum(1 for k in ks if v7[k] != v8[k]),
                        "oracle_v7": o7, "oracle_v8": o8, "oracle_missing_v8": miss8}
    print(json.dumps(report, indent=1, ensure_ascii=False))
    if a.show:
        for g, x, y, z, p7, p8 in zip(gold, v7, v8, cv, v7_preds, v8_preds, strict=True):
            if x != y or x != z or x not in ("right", "missed"):
                print(g["name"], g["geonameid"], g["admin1"], "| v7", x, (p7 or {}).get("geonameid"),
                      (p7 or {}).get("admin1"), "| v8", y, (p8 or {}).get("geonameid"), (p8 or {}).get("admin1"),
                      "| cv", z)


if __name__ == "__main__":
    main()
