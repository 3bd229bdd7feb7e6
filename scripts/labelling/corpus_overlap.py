"""Screen a candidate corpus before it is added to ../shared (docs/data-request.md): which of its documents repeat
a document already there (so that a held-out or training document does not come back in by another door: the same
article relayed by another outlet, a VOA item already in a Telegram corpus, a page crawled twice) and which repeat
each other.

Both sides are JSONL files with at least `id` and `text` (the ../shared/data/corpora layout). A document is reduced
to its word n-gram shingles (lower-cased `\\w+` tokens, n=8 by default), hashed with crc32 (deterministic across
runs); only shingles whose hash is divisible by --keep are indexed, which keeps memory small on the 4.5 M words of
../shared and estimates the shared share well for documents of a few hundred words. For each candidate document the
script prints the existing (or earlier candidate) document with which it shares the largest share of its sampled
shingles, when that share reaches --min. No network; reads only the files it is given.

    /work/main/.venv/bin/python scripts/labelling/corpus_overlap.py NEW.jsonl
    /work/main/.venv/bin/python scripts/labelling/corpus_overlap.py NEW.jsonl --against ../shared/data/corpora \\
        --n 8 --keep 4 --min 0.5 > overlaps.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_AGAINST = ROOT.parent / "shared" / "data" / "corpora"
WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 8, keep: int = 1) -> set[int]:
    """The sampled hashes of the text's word n-grams (a text shorter than n words has none)."""
    words = [w.lower() for w in WORD.findall(text)]
    out = set()
    for i in range(len(words) - n + 1):
        h = zlib.crc32(" ".join(words[i : i + n]).encode("utf-8"))
        if h % keep == 0:
            out.add(h)
    return out


def read_jsonl(paths: Iterable[Path]) -> Iterator[tuple[str, str, str]]:
    """(file name, id, text) of every line of the files, and of the *.jsonl files under a directory."""
    for path in paths:
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        for f in files:
            with open(f, encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        doc = json.loads(line)
                        yield f.name, str(doc["id"]), doc.get("text") or ""


class Index:
    """Sampled shingle -> the documents that hold it."""

    def __init__(self, n: int = 8, keep: int = 1) -> None:
        self.n, self.keep = n, keep
        self.owners: dict[int, list[tuple[str, str]]] = {}

    def add(self, file: str, doc_id: str, text: str) -> None:
        for h in shingles(text, self.n, self.keep):
            self.owners.setdefault(h, []).append((file, doc_id))

    def best(self, text: str) -> tuple[tuple[str, str] | None, float]:
        """The indexed document sharing the largest share of the text's sampled shingles, and that share."""
        mine = shingles(text, self.n, self.keep)
        if not mine:
            return None, 0.0
        counts: Counter[tuple[str, str]] = Counter()
        for h in mine:
            counts.update(set(self.owners.get(h, ())))
        if not counts:
            return None, 0.0
        owner, shared = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return owner, shared / len(mine)


def screen(
    candidates: Iterable[tuple[str, str, str]], index: Index, min_share: float
) -> Iterator[dict[str, object]]:
    """One record per candidate document that repeats an indexed one or an earlier candidate."""
    for file, doc_id, text in candidates:
        owner, share = index.best(text)
        if owner is not None and share >= min_share:
            yield {"file": file, "id": doc_id, "match_file": owner[0], "match_id": owner[1], "share": round(share, 3)}
        index.add(file, doc_id, text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("candidates", nargs="+", type=Path, help="candidate JSONL files or directories")
    ap.add_argument("--against", nargs="*", type=Path, default=[DEFAULT_AGAINST], help="existing JSONL files or dirs")
    ap.add_argument("--n", type=int, default=8, help="words per shingle")
    ap.add_argument("--keep", type=int, default=4, help="index one shingle hash in KEEP (1 = all)")
    ap.add_argument("--min", type=float, default=0.5, help="report a document from this shared share up")
    args = ap.parse_args(argv)
    index = Index(args.n, args.keep)
    existing = 0
    for file, doc_id, text in read_jsonl(args.against):
        index.add(file, doc_id, text)
        existing += 1
    flagged = 0
    for rec in screen(read_jsonl(args.candidates), index, args.min):
        print(json.dumps(rec, ensure_ascii=False))
        flagged += 1
    seen = sum(1 for _ in read_jsonl(args.candidates))
    print(f"{flagged} of {seen} candidate documents repeat one of {existing} existing or an earlier candidate "
          f"(share >= {args.min}, {args.n}-word shingles, 1 in {args.keep} indexed)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
