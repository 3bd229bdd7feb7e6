"""Places found by entities.ruuk.v2 and v3 on unlabelled Russian and Ukrainian documents (no file under gold/ names
them), for a hand check: v3's additions (ADD), changed readings (CHG) and removals (DEL), a seeded sample.

    PYTHONPATH=src python scripts/places_v3_compare.py [SEED=7] [N=300] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

from moralewatch.api import extract_line
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ("milblogger-telegram-ru", "ru-news-telegram-war", "resistinua-addresses")
_ID = re.compile(r'"id":\s*"([^"]+)"')


def gold_ids() -> set[str]:
    """Every id a file under gold/ names (with and without its corpus prefix)."""
    out: set[str] = set()
    for path in (ROOT / "gold").rglob("*.jsonl"):
        for m in _ID.finditer(path.read_text(encoding="utf-8")):
            out.add(m.group(1))
            out.add(m.group(1).split(":", 1)[-1])
    return out


def sample(shared: Path, seed: int, n: int) -> list[dict[str, Any]]:
    named = gold_ids()
    docs = []
    for corpus in CORPORA:
        with open(shared / "data" / "corpora" / f"{corpus}.jsonl", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if r.get("lang") in ("ru", "uk") and r["id"] not in named and f"{corpus}:{r['id']}" not in named:
                    docs.append(r)
    random.Random(seed).shuffle(docs)
    return docs[:n]


def places(pipe: Pipeline, record: dict[str, Any]) -> dict[int, dict[str, Any]]:
    line = extract_line(json.dumps(record), 1, pipe)
    return {e["start"]: e for e in line.get("entities", []) if e["type"] == "place"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("seed", nargs="?", type=int, default=7)
    ap.add_argument("n", nargs="?", type=int, default=300)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    v2, v3 = (Pipeline([v if s.startswith("entities.ruuk.") else s for s in DEFAULT], None, REGISTRY)
              for v in ("entities.ruuk.v2", "entities.ruuk.v3"))
    counts = {"ADD": 0, "CHG": 0, "DEL": 0}
    docs = sample(args.shared, args.seed, args.n)
    for r in docs:
        a, b = places(v2, r), places(v3, r)
        for s, e in sorted(b.items()):
            old = a.get(s)
            if old is not None and old.get("geonameid") == e.get("geonameid") and old["end"] == e["end"]:
                continue
            kind = "ADD" if old is None else "CHG"
            counts[kind] += 1
            context = r["text"][max(0, s - 70):e["end"] + 50].replace("\n", " ")
            print(kind, r["id"], "|", e["text"], "->", e.get("name"), e.get("geonameid"), e.get("admin1"),
                  e.get("confidence"), "| was", old and (old.get("name"), old.get("geonameid")), "|", context)
        for s, e in sorted(a.items()):
            if s not in b:
                counts["DEL"] += 1
                print("DEL", r["id"], "|", e["text"], e.get("geonameid"))
    print(f"{len(docs)} documents: {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
