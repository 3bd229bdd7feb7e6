"""Regenerate src/moralewatch/data/regex_code.bin: the lexicons' regexes, compiled, for this interpreter.

Run it after editing the indicator or quote data files (cues, macros, exclusions, hedges, negations, sides,
nominal cues) or any regex of the pipeline (they are all made by compile_regex), and after a change of Python
version (tests/test_startup.py fails until you do)::

    .venv/bin/python scripts/build_regex_code.py          # rewrite the file
    .venv/bin/python scripts/build_regex_code.py --check  # exit 1 if it is out of date (3: only built for another
                                                          # Python, which then compiles them itself)

What goes in: every regex that moralewatch.lexicons.compile_regex is asked for while the process imports the
pipeline, loads the indicator lexicon (every cue rule), and runs the extract warm-up (api._warm_up). Why, and why
it can never change a result: see the docstring of moralewatch.lexicons. Run it in a fresh process (as here): the
list is what one start-up asks for.
"""

from __future__ import annotations

import argparse
import marshal
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from moralewatch import api, lexicons  # noqa: E402
from moralewatch.indicators.lexicon import load  # noqa: E402

OUT = ROOT / "src" / "moralewatch" / "data" / lexicons.REGEX_CODE_FILE


def wanted() -> list[tuple[str, int]]:
    """The regexes one start-up asks for, in the order it asks."""
    for rule in load().rules:
        rule.pattern  # noqa: B018 - compiled on first use
    api._warm_up()
    return lexicons.requested_regexes()


def shipped() -> dict | None:
    try:
        return marshal.loads(zlib.decompress(OUT.read_bytes()))  # type: ignore[no-any-return]
    except (OSError, ValueError, EOFError, zlib.error):
        return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if the file is out of date")
    args = ap.parse_args()
    payload = lexicons.regex_code_payload(wanted())
    current = shipped()
    if current == payload:
        print(f"{OUT.relative_to(ROOT)} is up to date ({len(payload['regexes'])} regexes, {payload['interpreter']})")
        return 0
    if args.check:
        if current and current.get("interpreter") != payload["interpreter"] and \
                [r[:2] for r in current["regexes"]] == [r[:2] for r in payload["regexes"]]:
            print(f"{OUT.relative_to(ROOT)} holds the right regexes, compiled for {current['interpreter']}, not "
                  f"{payload['interpreter']}: this interpreter compiles them at start-up", file=sys.stderr)
            return 3
        print(f"{OUT.relative_to(ROOT)} is out of date: run scripts/build_regex_code.py", file=sys.stderr)
        return 1
    OUT.write_bytes(zlib.compress(marshal.dumps(payload), 9))
    print(f"wrote {OUT.relative_to(ROOT)}: {len(payload['regexes'])} regexes for {payload['interpreter']}, "
          f"{OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
