"""The event thresholds refitted with a third, independently labelled dev set (issue 16, session 16).

Pools the reconciled dev (gold/stories/pairs_dev_r.jsonl), dev b and dev c (pairs_dev_c.jsonl: the relay zone,
two independent labellers), never a held-out file, and runs two checks of a grid of ``Thresholds`` settings:

1. **Pooled cross-validation** as ``scripts/stories_cv.py`` does it: folds by connected component of the document
   graph (no document in two folds), components dealt by a seeded shuffle; each fold predicted by the grid point
   best on the other folds (pooled same-story F1 + same_event F1; ties: the point listed first, the current default
   first). Printed per seed: the pooled figures of the defaults and of the cross-validated fit, and the same_event
   F1 of each set apart (how much of a gain is on dev c).
2. **Transfer**: the point best in-sample on dev + dev b alone (dev c never seen), scored on dev c, against the
   defaults' dev c figure (session 16: same_event 0.436).

    PYTHONPATH=src python scripts/stories_cv_c.py [--shared ../shared] [--grid event_other] [--seeds 16 1 2 3 4]

``--grid`` names one of ``GRIDS`` (a family of the existing event thresholds; ``numbers`` needs the session-14
one-source numbers rule applied, ``scripts/stories_numbers_event_s14r.patch``, in the tree on PYTHONPATH). The
first value of each entry is the current default, so the grid's first point is the stage as it stands.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import itertools
import random
from pathlib import Path

from moralewatch.corpus.evaluate import load_docs, load_pairs, score, sketches
from moralewatch.corpus.relate import DEFAULT, Thresholds, relation

ROOT = Path(__file__).resolve().parents[1]
SETS = {"dev": "pairs_dev_r.jsonl", "dev_b": "pairs_dev_b.jsonl", "dev_c": "pairs_dev_c.jsonl"}  # never held-out

#: the grids, by name; each entry's first value is the current default
GRIDS: dict[str, dict[str, tuple[object, ...]]] = {
    # the same-day rule of any two texts, and the rule of a short text kept inside a long one
    "event": {
        "event": (0.25, 0.18, 0.20, 0.22, 0.28, 0.30, 0.35),
        "event_kept": (0.65, 0.50, 0.55, 0.60, 0.70, 0.80, 2.0),
        "event_kept_js": (0.20, 0.12, 0.15, 0.25),
    },
    # two known, different sources the same day (session 12)
    "event_other": {
        "event_other": (0.15, 0.08, 0.10, 0.12, 0.14, 0.16, 0.18, 0.20, 0.25),
        "event_other_min": (0, 3, 5, 8, 12),
    },
    # a calendar day apart (event_days 1: a day apart is judged as the same day)
    "event_next": {
        "event_next": (0.70, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 2.0),
        "event_days": (0, 1),
    },
    # two long texts of two sources (session 8)
    "event_long": {
        "event_long_min": (12, 8, 10, 15, 20, 1000),
        "event_long_shared": (9.0, 6.0, 7.0, 8.0, 10.0, 12.0),
        "event_long_js": (0.12, 0.06, 0.08, 0.10, 0.14),
    },
    # the main thresholds of every family at once, coarser
    "joint": {
        "event": (0.25, 0.20, 0.30),
        "event_other": (0.15, 0.12, 0.18, 0.25),
        "event_next": (0.70, 0.40, 0.55),
        "event_long_js": (0.12, 0.08, 1.0),
        "event_kept": (0.65, 0.55, 0.80),
    },
    # h-stories10's one-source numbers rule (only with scripts/stories_numbers_event_s14r.patch applied; its
    # defaults there: event_nums_min 2, event_nums 0.70; the first point here is the rule off)
    "numbers": {
        "event_nums_min": (0, 2, 3, 4),
        "event_nums": (0.70, 0.2, 0.3, 0.4, 0.5, 0.6),
    },
}


def components(pairs: list[dict[str, object]]) -> list[int]:
    """The connected component of each pair in the graph of documents joined by pairs."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        parent[find(str(p["a"]))] = find(str(p["b"]))
    roots: dict[str, int] = {}
    return [roots.setdefault(find(str(p["a"])), len(roots)) for p in pairs]


def _fig(s: dict[str, dict[str, float]]) -> str:
    st, ev = s["same_story"], s["same_event"]
    return (f"story {st['f1']:.3f} (P {st['p']:.3f} R {st['r']:.3f})  "
            f"event {ev['f1']:.3f} (P {ev['p']:.3f} R {ev['r']:.3f}, tp {ev['tp']} fp {ev['fp']} fn {ev['fn']})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seeds", type=int, nargs="+", default=[16, 1, 2, 3, 4])
    ap.add_argument("--grid", choices=sorted(GRIDS), default="event_other")
    args = ap.parse_args()
    grid = GRIDS[args.grid]
    assert not any("heldout" in f for f in SETS.values()), "never a held-out file"
    pairs: list[dict[str, object]] = []
    of_set: list[str] = []
    for name, f in SETS.items():
        got = load_pairs(ROOT / "gold" / "stories" / f)
        pairs += got
        of_set += [name] * len(got)
    docs = load_docs(args.shared / "data" / "corpora", [str(p[k]) for p in pairs for k in ("a", "b")])
    sk, meta = sketches(docs)

    def predict(t: Thresholds) -> list[str]:
        out = []
        for p in pairs:
            a, b = str(p["a"]), str(p["b"])
            if (meta[a].date or "") > (meta[b].date or ""):
                a, b = b, a
            out.append(relation(sk[b], meta[b], sk[a], meta[a], t)[0])
        return out

    points = [dict(zip(grid, v)) for v in itertools.product(*grid.values())]
    preds = [predict(dataclasses.replace(DEFAULT, **pt)) for pt in points]  # type: ignore[arg-type]
    base = preds[0]

    def sc(sel: list[int], pred: list[str]) -> dict[str, dict[str, float]]:
        return score([pairs[i] for i in sel], [pred[i] for i in sel])

    def objective(sel: list[int], pred: list[str]) -> float:
        s = sc(sel, pred)
        return s["same_story"]["f1"] + s["same_event"]["f1"]

    def best_on(sel: list[int]) -> int:
        return max(range(len(points)), key=lambda q: (objective(sel, preds[q]), -q))

    allsel = list(range(len(pairs)))
    per = {name: [i for i in allsel if of_set[i] == name] for name in SETS}
    print(f"grid {args.grid}: {len(points)} points; pairs", {n: len(s) for n, s in per.items()})
    print("defaults, pooled:   ", _fig(sc(allsel, base)))
    for name, sel in per.items():
        print(f"defaults, {name:9}", _fig(sc(sel, base)))
    comp = components(pairs)
    ids = sorted(set(comp))
    print("components", len(ids), "folds", args.folds)
    print(f"{'seed':>4}  {'story base->cv':>15}  {'event base->cv':>15}  "
          + "  ".join(f"{n + ' event':>14}" for n in SETS) + "  chosen by the folds")
    for seed in args.seeds:
        order = list(ids)
        random.Random(seed).shuffle(order)
        fold_of = {c: k % args.folds for k, c in enumerate(order)}
        folds = [fold_of[c] for c in comp]
        cv = [""] * len(pairs)
        chosen: collections.Counter[str] = collections.Counter()
        for k in range(args.folds):
            q = best_on([i for i, f in enumerate(folds) if f != k])
            chosen[", ".join(f"{n}={v}" for n, v in points[q].items())] += 1
            for i, f in enumerate(folds):
                if f == k:
                    cv[i] = preds[q][i]
        b, c = sc(allsel, base), sc(allsel, cv)
        cells = [f"{sc(sel, base)['same_event']['f1']:.3f}->{sc(sel, cv)['same_event']['f1']:.3f}"
                 for sel in per.values()]
        print(f"{seed:>4}  {b['same_story']['f1']:.3f} -> {c['same_story']['f1']:.3f}  "
              f"{b['same_event']['f1']:.3f} -> {c['same_event']['f1']:.3f}  " + "  ".join(f"{x:>14}" for x in cells)
              + f"  (event tp/fp/fn {c['same_event']['tp']}/{c['same_event']['fp']}/{c['same_event']['fn']})  "
              + str(dict(chosen)))
    q_all = best_on(allsel)
    print("in-sample best on all three:", points[q_all], _fig(sc(allsel, preds[q_all])))
    q_ab = best_on(per["dev"] + per["dev_b"])
    print("transfer: best on dev + dev b:", points[q_ab])
    print("   dev + dev b, defaults -> fit:", _fig(sc(per["dev"] + per["dev_b"], base)), "->",
          _fig(sc(per["dev"] + per["dev_b"], preds[q_ab])))
    print("   dev c,       defaults -> fit:", _fig(sc(per["dev_c"], base)), "->", _fig(sc(per["dev_c"], preds[q_ab])))


if __name__ == "__main__":
    main()
