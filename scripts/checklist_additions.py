"""What one English indicator stage adds over another on unlabelled documents (issue 12, session 15: the precision
check of ``indicators.v14``'s additions), and the count of indicators of each on a whole corpus.

    PYTHONPATH=src python scripts/checklist_additions.py pool [--n 300] [--seed 20261215] [--old indicators.v8]
        [--new indicators.v14] [--train-ok]
    PYTHONPATH=src python scripts/checklist_additions.py corpus FILE.jsonl [--old ...] [--new ...]

``pool``: documents of nyt-guardian-407, zelensky-addresses-en, whitehouse-ukraine-en and press-releases-2022-en
whose id no file under ``gold/`` names (``--train-ok``: except the training rounds, whose labelled sentences are then
left out of the additions), outside the evaluation split (``gold/audit/draw_additions.py``'s ``reserved``), a seeded
sample of ``--n``; prints every addition (an item of ``--new`` with no item of ``--old`` of the same indicator
overlapping it) with its cue and evidence, for judging by hand. ``corpus``: the number of items of each stage on every
document of FILE and every item ``--new`` adds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from moralewatch.api import extract_line  # noqa: E402
from moralewatch.pipeline import Pipeline  # noqa: E402
from moralewatch.stages import default_pipeline  # noqa: E402

SHARED = ROOT.parent / "shared"
POOL = ("nyt-guardian-407", "zelensky-addresses-en", "whitehouse-ukraine-en", "press-releases-2022-en")


def stage_pipeline(stage: str) -> Pipeline:
    return Pipeline([stage if n.startswith("indicators.v") else n for n in default_pipeline().names])


def reserved(corpus: str, did: str) -> bool:
    return int(hashlib.sha1((corpus + ":" + did).encode()).hexdigest(), 16) % 5 == 0


def named_ids(train_ok: bool) -> str:
    """The text of every file under gold/ (ids are looked up in it, as ``"id"``), the training rounds' too unless
    ``train_ok``."""
    gold = ROOT / "gold"
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(gold.rglob("*"))
                     if p.is_file() and p.suffix in (".jsonl", ".json", ".md", ".tsv", ".py", ".txt") and
                     not (train_ok and p.relative_to(gold).parts[0] == "train"))


def labelled_spans() -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for r in "abcd":
        for line in (ROOT / "gold" / "train" / f"indicators_train_{r}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.setdefault(row["doc_id"] if "doc_id" in row else row["id"], []).append(
                    (row.get("start", 0), row.get("end", 0)))
    return out


def predict(stage: str, docs: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    pipeline = stage_pipeline(stage)
    out = {}
    for d in docs:
        res = extract_line(json.dumps({"id": d["id"], "text": d["text"]}), 0, pipeline)
        out[d["id"]] = res["indicators"] if not res["error"] else []
    return out


def additions(old: dict[str, list[dict[str, Any]]], new: dict[str, list[dict[str, Any]]],
              sided: bool = False) -> list[tuple[str, dict]]:
    """Items of ``new`` with no item of ``old`` of the same indicator (and, with ``sided``, side) overlapping."""
    out = []
    for did, items in new.items():
        for i in items:
            if not any(o["indicator"] == i["indicator"] and o["start"] < i["end"] and i["start"] < o["end"]
                       and (not sided or o["subject_side"] == i["subject_side"]) for o in old.get(did, [])):
                out.append((did, i))
    return out


def show(did: str, i: dict[str, Any]) -> str:
    return (f"{did}\t{i['indicator']}\t{i['subject_side']}\th={i.get('hedged')} n={i.get('negated')}\t{i.get('rule')}"
            f"\tcue={i.get('cue')!r}\n    {i['text'][:400]!r}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=("pool", "corpus"))
    ap.add_argument("file", nargs="?")
    ap.add_argument("--old", default="indicators.v8")
    ap.add_argument("--new", default="indicators.v14")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=20261215)
    ap.add_argument("--train-ok", action="store_true")
    args = ap.parse_args()
    if args.mode == "corpus":
        docs = [json.loads(line) for line in open(args.file, encoding="utf-8") if line.strip()]
    else:
        used = named_ids(args.train_ok)
        docs = []
        for corpus in POOL:
            with open(SHARED / "data" / "corpora" / f"{corpus}.jsonl", encoding="utf-8") as f:
                docs += [d for d in map(json.loads, filter(str.strip, f)) if not reserved(corpus, d["id"])
                         and f'"{d["id"]}"' not in used and d.get("lang", "en") == "en"]
        print(f"{len(docs)} documents no gold file names", file=sys.stderr)
        docs = random.Random(args.seed).sample(docs, min(args.n, len(docs)))
    old, new = predict(args.old, docs), predict(args.new, docs)
    added = additions(old, new)
    if args.mode == "pool" and args.train_ok:
        spans = labelled_spans()
        added = [(d, i) for d, i in added if not any(s < i["end"] and i["start"] < e for s, e in spans.get(d, []))]
    resided = [(d, i) for d, i in additions(old, new, sided=True) if (d, i) not in added]
    print(f"{len(docs)} documents: {args.old} {sum(map(len, old.values()))} items, {args.new} "
          f"{sum(map(len, new.values()))} items, {len(added)} added, {len(additions(new, old))} removed, "
          f"{len(resided)} of another side over an item of the same indicator")
    for did, i in added:
        print(show(did, i))
    for did, i in additions(new, old):
        print("REMOVED " + show(did, i))
    for did, i in resided:
        print("SIDE " + show(did, i))


if __name__ == "__main__":
    main()
