"""Check a README move (session 15): nothing of the old README lost, tables well formed, relative links resolve.

    python scripts/check_readme_move.py [OLD]      # OLD: a git revision's README (default main:README.md) or a path

1. Every non-empty line of the old README (a table row: each of its cells) is in README.md or docs/*.md, compared
   with runs of whitespace collapsed (a moved paragraph may be re-wrapped or split at a sentence). Lines that are
   not found are printed with their number.
2. Every Markdown table of README.md and docs/*.md has the same number of cells in each row (outside code blocks).
3. Every relative link of those files points at a file that exists, and a `#fragment` at a heading of that file
   (GitHub's anchors: lower case, punctuation dropped, spaces to hyphens).
Exit status 1 when any check fails.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def old_text(spec: str) -> str:
    path = Path(spec)
    if path.exists():
        return path.read_text(encoding="utf-8")
    return subprocess.run(["git", "show", spec], cwd=ROOT, check=True, capture_output=True, text=True).stdout


def row_cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split(" | ")]


def table_lines(old: str) -> set[int]:
    return {n for n, line in enumerate(old.split("\n"), 1) if line.startswith("| ") and line.rstrip().endswith(" |")}


def pieces(old: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    fence = False
    for n, line in enumerate(old.split("\n"), 1):
        if line.startswith("```"):
            fence = not fence
        if not line.strip():
            continue
        if not fence and line.startswith("| ") and line.rstrip().endswith(" |"):
            out += [(n, c) for c in row_cells(line) if c]
        else:
            out.append((n, line.strip()))
    return out


def anchor(heading: str) -> str:
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found, fence = set(), False
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("```"):
            fence = not fence
        elif not fence and line.startswith("#"):
            found.add(anchor(line.lstrip("#")))
    return found


def check_tables(path: Path) -> list[str]:
    bad, fence, width = [], False, None
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if line.startswith("```"):
            fence = not fence
            continue
        if fence or not line.startswith("|"):
            width = None
            continue
        count = len(re.findall(r"(?<!\\)\|", line.strip())) - 1
        if width is None:
            width = count
        elif count != width:
            bad.append(f"{path.relative_to(ROOT)}:{n}: {count} cells, the table's header has {width}")
    return bad


def check_links(path: Path) -> list[str]:
    bad, fence = [], False
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if line.startswith("```"):
            fence = not fence
        if fence:
            continue
        for target in LINK.findall(line):
            if re.match(r"[a-z]+:", target):
                continue
            file_part, _, frag = target.partition("#")
            dest = (path.parent / file_part).resolve() if file_part else path
            if not dest.exists():
                bad.append(f"{path.relative_to(ROOT)}:{n}: no file {target}")
            elif frag and dest.suffix == ".md" and frag not in anchors(dest):
                bad.append(f"{path.relative_to(ROOT)}:{n}: no heading #{frag} in {dest.relative_to(ROOT)}")
    return bad


def main() -> int:
    old = old_text(sys.argv[1] if len(sys.argv) > 1 else "main:README.md")
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    new = squash("\n".join(f.read_text(encoding="utf-8") for f in files))
    all_pieces = pieces(old)
    cell_lines = table_lines(old)
    low = new.lower()
    # a heading or a table cell may become a heading of another level or a sentence's words: matched ignoring case
    missing = [
        (n, p)
        for n, p in all_pieces
        if squash(p) not in new
        and not ((p.startswith("#") or n in cell_lines) and squash(p.lstrip("#")).lower() in low)
    ]
    lines = {n for n, _ in all_pieces}
    print(f"old README: {len(lines)} non-empty lines ({len(all_pieces)} pieces, a table row's cells each)")
    print(f"not found in README.md + docs/*.md: {len(missing)} pieces")
    for n, p in missing:
        print(f"  line {n}: {p[:150]}")
    problems = [b for f in files for b in check_tables(f) + check_links(f)]
    print(f"tables and links: {len(problems)} problems")
    for b in problems:
        print("  " + b)
    return 1 if missing or problems else 0


if __name__ == "__main__":
    sys.exit(main())
