"""The entities an ``entities.ruuk`` version finds in every Russian and Ukrainian document of the Telegram and address
corpora, one JSON line each, and their md5: the identity check of a change that must not change any version's output
(session 13, h-hostile9: the place context's linear structures).

    PYTHONPATH=src .venv/bin/python scripts/entities_ruuk_dump.py --version entities.ruuk.v3 --out /tmp/v3.jsonl
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
    ap.add_argument("--version", default="entities.ruuk.v3", help="the entities.ruuk stage to run")
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MORALEWATCH_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--out", type=Path, help="write the dump here (else only its md5 is printed)")
    args = ap.parse_args()
    names = []
    for n in DEFAULT:
        names.append(args.version if n.startswith("entities.ruuk.") else n)
        if n.startswith("entities.ruuk."):
            break
    pipe = Pipeline(tuple(names), None, REGISTRY)
    digest, docs = hashlib.md5(), 0
    out = open(args.out, "w", encoding="utf-8") if args.out else None
    try:
        for name in SOURCES:
            with open(args.shared / "data" / "corpora" / name, encoding="utf-8") as fh:
                for line in fh:
                    r = json.loads(line)
                    if r.get("lang") not in ("ru", "uk") or not r.get("text"):
                        continue
                    doc = to_document(RawInput(str(r["id"]), format="txt", text=r["text"]))
                    pipe.run(doc)
                    row = json.dumps({"id": r["id"], "entities": [dataclasses.asdict(e) for e in doc.entities]},
                                     ensure_ascii=False, sort_keys=True, default=str) + "\n"
                    digest.update(row.encode("utf-8"))
                    docs += 1
                    if out:
                        out.write(row)
    finally:
        if out:
            out.close()
    print(f"{args.version}: {docs} documents, md5 {digest.hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
