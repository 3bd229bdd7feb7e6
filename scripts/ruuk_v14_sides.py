"""How many Russian/Ukrainian indicators change side from ``indicators.ruuk.v13`` to ``v14`` (variant A or B) over the
ru/uk documents of the three corpora (``ruuk_indicator_dump.py``'s sources), run with each record's ``source`` as
``moralewatch eval indicators`` passes it (the dump script passes none: v14 would see no writer); prints the counts
by corpus, channel and change, and a seeded sample of changed items to read by hand.

    PYTHONPATH=src /work/main/.venv/bin/python scripts/ruuk_v14_sides.py --variant A --sample 20
"""

from __future__ import annotations

import argparse
import json
import os
import random
from collections import Counter
from pathlib import Path
from typing import Any

from moralewatch.clean import to_document
from moralewatch.ingest import RawInput
from moralewatch.model import Indicator
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("milblogger-telegram-ru.jsonl", "ru-news-telegram-war.jsonl", "resistinua-addresses.jsonl")


def _pipe(version: str, config: dict[str, Any] | None) -> Pipeline:
    names = []
    for n in DEFAULT:
        names.append(version if n.startswith("indicators.ruuk.") else n)
        if n.startswith("indicators.ruuk."):
            break
    return Pipeline(tuple(names), config, REGISTRY)


def _items(pipe: Pipeline, r: dict[str, Any]) -> dict[tuple[int, int, str], Indicator]:
    meta = {"id": r["id"], "source": r.get("source")}
    doc = pipe.run(to_document(RawInput("-", r["id"], "jsonl", text=r["text"], meta=meta)))
    return {(i.start, i.end, i.indicator): i for i in doc.indicators if (i.rule or "").startswith("ruuk:")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variant", choices=("A", "B"), default="A")
    ap.add_argument("--sample", type=int, default=20)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MORALEWATCH_SHARED", ROOT.parent / "shared")))
    args = ap.parse_args()
    old = _pipe("indicators.ruuk.v13", None)
    new = _pipe("indicators.ruuk.v14", {"indicators.ruuk.v14": {
        "unknown_writer": "language" if args.variant == "A" else "none"}})
    changed: list[tuple[str, str, Indicator, str, str]] = []
    by: Counter[tuple[str, str, str]] = Counter()
    total = other = 0
    for name in SOURCES:
        with open(args.shared / "data" / "corpora" / name, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if r.get("lang") not in ("ru", "uk") or not r.get("text"):
                    continue
                a, b = _items(old, r), _items(new, r)
                total += len(a)
                other += len(set(a) ^ set(b))
                for k in set(a) & set(b):
                    if a[k].subject_side != b[k].subject_side:
                        changed.append((r["id"], r.get("source") or "", a[k], a[k].subject_side, b[k].subject_side))
                        by[(name.split(".")[0], a[k].subject_side, b[k].subject_side)] += 1
    print(f"v13 items {total}; v14 {args.variant}: {len(changed)} change side, {other} items found by one only")
    for (corpus, s0, s1), n in sorted(by.items(), key=lambda x: -x[1]):
        print(f"  {n:4}  {corpus:28} {s0} -> {s1}")
    channels = Counter(src for _, src, _, _, _ in changed)
    for src, n in channels.most_common():
        print(f"  {n:4}  {src[:70]}")
    for doc_id, src, item, s0, s1 in random.Random(args.seed).sample(changed, min(args.sample, len(changed))):
        print(f"\n{doc_id} | {src[:50]} | {item.indicator} {s0} -> {s1} | cue {item.cue!r}\n  {item.text[:400]!r}")


if __name__ == "__main__":
    main()
