"""Dump what an ``indicators.ruuk`` version finds, one JSON line per Russian or Ukrainian document, and print its
md5: the identity check of a change that must not change any output (issue 17's speed work, session 12).

Reads the ``ru``/``uk`` documents of the Telegram and address corpora (``bench/ruuk.py``'s sources), runs the
default pipeline up to the ``indicators.ruuk`` stage (``--version`` in its place) and writes, per document, its id
and every field of every indicator (English and Russian/Ukrainian: the stage rewrites the list). Compare the md5
before and after a change (or ``cmp`` the ``--out`` files).

    PYTHONPATH=src python scripts/ruuk_indicator_dump.py --version indicators.ruuk.v7 --out /tmp/v7.jsonl
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import sys
from pathlib import Path

from moralewatch.clean import to_document
from moralewatch.ingest import RawInput
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("milblogger-telegram-ru.jsonl", "ru-news-telegram-war.jsonl", "resistinua-addresses.jsonl")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--version", default="indicators.ruuk.v7", help="the indicators.ruuk stage to run")
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MORALEWATCH_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--out", type=Path, help="write the dump here (else only its md5 is printed)")
    args = ap.parse_args()
    names = []
    for n in DEFAULT:
        names.append(args.version if n.startswith("indicators.ruuk.") else n)
        if n.startswith("indicators.ruuk."):
            break
    pipe = Pipeline(tuple(names), None, REGISTRY)
    digest, docs, found = hashlib.md5(), 0, 0
    out = open(args.out, "w", encoding="utf-8") if args.out else None
    try:
        for name in SOURCES:
            with open(args.shared / "data" / "corpora" / name, encoding="utf-8") as fh:
                for line in fh:
                    r = json.loads(line)
                    if r.get("lang") not in ("ru", "uk") or not r.get("text"):
                        continue
                    doc = pipe.run(to_document(RawInput("-", r["id"], "jsonl", text=r["text"], meta={"id": r["id"]})))
                    row = json.dumps({"id": r["id"], "indicators": [dataclasses.asdict(i) for i in doc.indicators]},
                                     ensure_ascii=False, sort_keys=True, default=str) + "\n"
                    digest.update(row.encode())
                    docs += 1
                    found += sum(i.rule.startswith("ruuk:") for i in doc.indicators)
                    if out:
                        out.write(row)
    finally:
        if out:
            out.close()
    print(f"{args.version}: {docs} documents, {found} ru/uk indicators, md5 {digest.hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
