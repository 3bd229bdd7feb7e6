"""entities.ruuk.v8 against entities.ruuk.v9 (``moralewatch.entities.cyrillic_v9``, the KATOTTG namesake check), and
entities.v2 against entities.v4 (``english_v4``, the same check on Latin mentions), on the DEV places, per set: right ids / mentions with an id, confident wrong answers, and right answers among the
null-id mentions; v9 under each setting of ``--grid`` too. Refuses a held-out file.

    PYTHONPATH=src python scripts/places_katottg_dev.py [DEV_GOLD ...] [--grid]
"""

from __future__ import annotations

import itertools
import json
import sys
from collections import Counter

from moralewatch.api import extract_line
from moralewatch.entities import cyrillic_v9 as c9
from moralewatch.eval.common import extracted, gold_and_texts
from moralewatch.eval.entities import _place_at, place_outcome
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY

DEV = ["gold/pages/places_ruuk_dev.jsonl", "gold/pages/places_ruuk_dev_b.jsonl", "gold/pages/places_ruuk_dev_c.jsonl",
       "gold/pages/places_dev.jsonl"]


def score(path: str, ruuk: str, english: str = "entities.v2") -> dict[str, object]:
    stages = [ruuk if s.startswith("entities.ruuk.") else english if s.startswith("entities.v") else s for s in DEFAULT]
    pipe = Pipeline(stages, None, REGISTRY)
    gold, records = gold_and_texts(path)
    preds = {i: extracted(extract_line(json.dumps(records[i]), 1, pipe), i)["entities"]
             for i in sorted({g["id"] for g in gold})}
    c: Counter[str] = Counter()
    for g in gold:
        out = place_outcome(g, _place_at(preds[g["id"]], g["start"], g["end"]))
        key = "id" if g.get("geonameid") is not None else "null"
        c[f"{key}_n"] += 1
        c[f"{key}_{out}"] += 1
        c[out] += 1
    return {"id_right": f"{c['id_right']}/{c['id_n']}", "rate": round(c["id_right"] / max(1, c["id_n"]), 3),
            "null_right": f"{c['null_right']}/{c['null_n']}", "cw": c["confident_wrong"],
            "cw_id": c["id_confident_wrong"], "cw_null": c["null_confident_wrong"]}


def main() -> None:
    files = [a for a in sys.argv[1:] if not a.startswith("--")] or DEV
    if any("heldout" in f or f.endswith("/places.jsonl") for f in files):
        sys.exit("dev sets only")
    grid = [c9.Namesakes()]
    if "--grid" in sys.argv:
        grid = [c9.Namesakes(t, p, o) for t, p, o in itertools.product((5_000, 10_000, 20_000), (False, True),
                                                                        (False, True))]
    for f in files:
        print(f, "v2+v8", score(f, "entities.ruuk.v8"), flush=True)
        print(f, "v4+v8", score(f, "entities.ruuk.v8", "entities.v4"), flush=True)
        for ns in grid:
            c9.run_v9.__defaults__ = (ns,)  # the stage runs run_v9 with its default settings
            print(f, "v2+v9", ns, score(f, "entities.ruuk.v9"), flush=True)
        print(f, "v4+v9", score(f, "entities.ruuk.v9", "entities.v4"), flush=True)


if __name__ == "__main__":
    main()
