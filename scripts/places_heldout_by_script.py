"""The held-out places (``gold/pages/places.jsonl``) with a chosen English and Cyrillic entity stage in the default
pipeline, as ``moralewatch eval entities`` scores them, split by the script of the mention (Cyrillic or Latin).
AGGREGATES ONLY: no mention is printed (the set is measured once per version, never analysed item by item).

    PYTHONPATH=src python scripts/places_heldout_by_script.py --entities entities.v2 --ruuk entities.ruuk.v8
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict

from moralewatch.api import extract_line
from moralewatch.eval.common import extracted, gold_and_texts
from moralewatch.eval.entities import _place_at, place_outcome
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default="gold/pages/places.jsonl")
    ap.add_argument("--entities", default="entities.v2")
    ap.add_argument("--ruuk", default="entities.ruuk.v1")
    a = ap.parse_args()
    stages = [a.ruuk if s.startswith("entities.ruuk.") else a.entities if s.startswith("entities.v") else s
              for s in DEFAULT]
    pipe = Pipeline(stages, None, REGISTRY)
    gold, records = gold_and_texts(a.gold)
    preds = {}
    for i in sorted({g["id"] for g in gold}):
        preds[i] = extracted(extract_line(json.dumps(records[i]), 1, pipe), i)["entities"]
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for g in gold:
        script = "cyrillic" if _CYRILLIC.search(records[g["id"]]["text"][g["start"]:g["end"]]) else "latin"
        out = place_outcome(g, _place_at(preds[g["id"]], g["start"], g["end"]))
        for key in ("all", script):
            groups[key]["n"] += 1
            groups[key][out] += 1
            if g.get("geonameid") is not None:
                groups[key]["id_n"] += 1
                groups[key]["id_right"] += out == "right"
    report = {"stages": [a.entities, a.ruuk]}
    for key, c in sorted(groups.items()):
        report[key] = {"mentions": c["n"], "id_right": round(c["id_right"] / c["id_n"], 4) if c["id_n"] else None,
                       "id_right_n": f"{c['id_right']}/{c['id_n']}", "confident_wrong": c["confident_wrong"]}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
