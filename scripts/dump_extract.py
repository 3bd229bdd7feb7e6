"""The extract output (quotes, indicators, entities) of every document of some corpora, one JSON line each, and the
md5 of all of it: a before/after check that a change leaves the output identical (session 12, h-hostile8).

    PYTHONPATH=src .venv/bin/python scripts/dump_extract.py --lang ru,uk -o /tmp/ruuk.jsonl \
        ../shared/data/corpora/{milblogger-telegram-ru,ru-news-telegram-war,resistinua-addresses}.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys

from moralewatch.api import extract_line
from moralewatch.stages import default_pipeline


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora", nargs="+", help="JSONL corpora (id, text, lang)")
    ap.add_argument("--lang", default="", help="comma-separated languages to keep (the lang field); all if empty")
    ap.add_argument("-o", "--out", required=True)
    args = ap.parse_args(argv)
    langs = set(filter(None, args.lang.split(",")))
    pipe = default_pipeline()
    md5 = hashlib.md5()
    n = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for path in args.corpora:
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    if not line.strip():
                        continue
                    if langs and json.loads(line).get("lang") not in langs:
                        continue
                    row = json.dumps(extract_line(line, n, pipe), ensure_ascii=False, sort_keys=True) + "\n"
                    out.write(row)
                    md5.update(row.encode("utf-8"))
                    n += 1
    print(f"{n} documents, md5 {md5.hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
