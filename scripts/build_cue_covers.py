"""Regenerate src/moralewatch/data/indicators/covers.json: the prefilter's literal cover of every cue rule.

Run it after editing any file under data/indicators/cues/ or macros.txt, or the cover derivation in
indicators/prefilter.py (tests/test_generated_data.py fails until you do)::

    .venv/bin/python scripts/build_cue_covers.py          # rewrite the file
    .venv/bin/python scripts/build_cue_covers.py --check  # exit 1 if it is out of date

Deriving the covers parses every cue regex with Python's regex parser (~0.2 s); shipping them keeps that out of
every process's start-up. See the docstring of moralewatch.indicators.prefilter.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from moralewatch.indicators.lexicon import load  # noqa: E402
from moralewatch.indicators.prefilter import COVERS_FILE, covers_document  # noqa: E402

OUT = ROOT / "src" / "moralewatch" / "data" / COVERS_FILE


def render() -> str:
    """The file's exact text: one rule per line, so that a diff shows which rules changed."""
    doc = covers_document(load().rules)
    rules = ",\n".join("    " + json.dumps(e, ensure_ascii=False) for e in doc["rules"])
    head = {k: v for k, v in doc.items() if k != "rules"}
    return json.dumps(head, ensure_ascii=False)[:-1] + ', "rules": [\n' + rules + "\n]}\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if the file is out of date")
    args = ap.parse_args()
    text = render()
    current = OUT.read_text(encoding="utf-8") if OUT.exists() else None
    if args.check:
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is out of date: run scripts/build_cue_covers.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)} ({len(json.loads(text)['rules'])} rules)")
    else:
        print(f"{OUT.relative_to(ROOT)} is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
