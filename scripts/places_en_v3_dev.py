"""entities.v3's evidence settings (moralewatch.entities.english_v3.Evidence) on the ENGLISH dev places
(gold/pages/places_dev.jsonl; dev only: refuses a held-out file): right / confident wrong / unresolved per setting, and
with ``--show`` each mention whose outcome differs from entities.v2's.

    PYTHONPATH=src python scripts/places_en_v3_dev.py [DEV_GOLD ...] [--show] [--grid]
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import Counter
from typing import Any

from moralewatch.api import extract_line
from moralewatch.entities import english_v3 as e3
from moralewatch.eval.common import gold_and_texts
from moralewatch.eval.entities import _place_at, place_outcome
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY

GRID = [e3.Evidence(near_km=near, apart_km=apart, window=window, front=front, unique_pop=unique, focus=focus)
        for near, apart, window, front, unique, focus in itertools.product(
            (60.0, 80.0), (100.0, 120.0), (0, 1), (0.0, 0.5), (0, 10_000, 20_000), (0.7,))
        if apart > near]


def _run(pipe: Pipeline, gold: list[dict[str, Any]], records: dict[str, Any]) -> tuple[list[str], list[Any]]:
    preds = {i: extract_line(json.dumps(records[i]), 1, pipe).get("entities", []) for i in sorted({g["id"] for g in gold})}
    got = [_place_at(preds[g["id"]], g["start"], g["end"]) for g in gold]
    return [place_outcome(g, p) for g, p in zip(gold, got, strict=True)], got


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="*", default=["gold/pages/places_dev.jsonl"])
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--grid", action="store_true", help="also score every setting of GRID")
    a = ap.parse_args()
    if any("heldout" in g or g.endswith("/places.jsonl") for g in a.gold):
        raise SystemExit("held-out sets are never tuned on")
    gold: list[dict[str, Any]] = []
    records: dict[str, Any] = {}
    for path in a.gold:
        g, r = gold_and_texts(path)
        gold += g
        records.update(r)
    v2 = Pipeline(DEFAULT, None, REGISTRY)
    v3 = Pipeline(["entities.v3" if s == "entities.v2" else s for s in DEFAULT], None, REGISTRY)
    base, base_p = _run(v2, gold, records)
    rows = []
    for ev in GRID if a.grid else []:
        e3.EVIDENCE = ev
        outs, _ = _run(v3, gold, records)
        c = Counter(outs)
        rows.append((c["right"], -c["confident_wrong"], str(ev), dict(c)))
    e3.EVIDENCE = e3.Evidence()
    final, final_p = _run(v3, gold, records)
    print(json.dumps({"v2": dict(Counter(base)), "v3": dict(Counter(final)), "v3_setting": str(e3.Evidence()),
                      "best": [r[2:] for r in sorted(rows, reverse=True)[:5]],
                      "worst": [r[2:] for r in sorted(rows)[:3]]}, indent=1))
    if a.show:
        for g, x, y, p2, p3 in zip(gold, base, final, base_p, final_p, strict=True):
            if x != y:
                print(g["name"], g["geonameid"], g["admin1"], "| v2", x, (p2 or {}).get("geonameid"), "| v3", y,
                      (p3 or {}).get("geonameid"), (p3 or {}).get("admin1"), "|", g["id"], g["start"])


if __name__ == "__main__":
    main()
