"""Regenerate src/moralewatch/data/gazetteer/index.bin: which rows of places.tsv hold each alias.

scripts/build_gazetteer.py runs this after writing places.tsv; run it by hand after editing places.tsv otherwise
(tests/test_startup.py fails until you do)::

    .venv/bin/python scripts/build_gazetteer_index.py          # rewrite the file
    .venv/bin/python scripts/build_gazetteer_index.py --check  # exit 1 if it is out of date

The file names the SHA-256 of the places.tsv it indexes; at run time a mismatch means the index is built from
places.tsv instead (slower start-up, same results). See moralewatch.entities.gazetteer._index.
"""

from __future__ import annotations

import argparse
import marshal
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from moralewatch.entities.gazetteer import INDEX_FILE, index_payload  # noqa: E402

OUT = ROOT / "src" / "moralewatch" / "data" / INDEX_FILE


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if the file is out of date")
    args = ap.parse_args(argv)
    payload = index_payload()
    try:
        current = marshal.loads(zlib.decompress(OUT.read_bytes()))
    except (OSError, ValueError, EOFError, zlib.error):
        current = None
    if current == payload:
        print(f"{OUT.relative_to(ROOT)} is up to date")
        return 0
    if args.check:
        print(f"{OUT.relative_to(ROOT)} is out of date: run scripts/build_gazetteer_index.py", file=sys.stderr)
        return 1
    OUT.write_bytes(zlib.compress(marshal.dumps(payload), 9))
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
