"""Grouping speed and memory of the corpus stage (issue 16), called by bench/run.py; also runnable alone:

    .venv/bin/python bench/stories.py --shared ../shared [--limit N]

Each measurement runs in a fresh interpreter (``child``): it reads the Reuters JSONL, then groups the documents
with :class:`moralewatch.corpus.StoryIndex` on one core and reports CPU seconds of the grouping alone (reading and
JSON parsing excluded), documents per second, the resident memory grown while grouping and what the index holds
(:meth:`StoryIndex.nbytes`). The 10-million-document projection is made from the index's bytes per document (the
parts that grow with the documents; with the unused third of the rows at worst), and the slope of the resident
memory between the runs at 1/4 and all of the corpus is reported beside it (it includes the bounded buffers
filling up, so it overstates the growth at this size). When datasketch is installed, its MinHash (64 permutations, ``update_batch``) and MinHashLSH (threshold 0.5)
over the same 3-shingles are timed beside ours.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def child(src: str, limit: int, mode: str) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "src"))
    docs = []
    with open(src, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs.append((str(d["id"]), d["text"], d.get("title"), d.get("date"), d.get("source")))
            if len(docs) >= limit:
                break
    if mode == "ours":  # imported before the baseline: its modules are not the index
        from moralewatch.corpus import StoryIndex
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    base_now = _rss_now()
    t0, w0 = time.process_time(), time.perf_counter()
    if mode == "ours":
        idx = StoryIndex()
        for doc_id, text, title, day, source in docs:
            idx.add(doc_id, text, title, day, source)
        stories = len(set(idx._story))
        held = idx.nbytes()
    else:
        held = {}
        import numpy as np
        from datasketch import MinHash, MinHashLSH

        from moralewatch.corpus.features import tokens

        lsh = MinHashLSH(threshold=0.5, num_perm=64)
        stories = 0
        for doc_id, text, _title, _day, _source in docs:
            toks = tokens(text)
            sh = [" ".join(toks[i:i + 3]).encode("utf-8") for i in range(max(1, len(toks) - 2))]
            m = MinHash(num_perm=64)
            m.update_batch(sh)
            if not lsh.query(m):
                stories += 1
            lsh.insert(doc_id, m)
        del np
    cpu, wall = time.process_time() - t0, time.perf_counter() - w0
    return {"mode": mode, "docs": len(docs), "cpu_s": round(cpu, 3), "wall_s": round(wall, 3),
            "docs_per_s": round(len(docs) / cpu, 1) if cpu else None, "stories": stories,
            "rss_before_index": base_rss, "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            "rss_growth": _rss_now() - base_now, "index": held}


def _rss_now() -> int:
    """The resident set size now (Linux /proc), in bytes; 0 where there is no /proc."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize()
    except OSError:
        return 0


def measure(src: Path, limit: int, mode: str = "ours") -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--child", str(src), str(limit), mode], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def bench(shared: Path, limit: int | None = None) -> dict[str, Any]:
    """The grouping measurements for results.json (the key ``stories``)."""
    src = shared / "data" / "corpora" / "reuters21578.jsonl"
    total = sum(1 for _ in open(src, encoding="utf-8"))
    n = min(total, limit or total)
    runs = [measure(src, max(1, n // 4)), measure(src, max(1, n // 2)), measure(src, n)]
    full = runs[-1]
    # bytes per document: growth of the resident memory while grouping, between the quarter and the whole corpus
    # (the slope: constant costs such as the token memo's first fill cancel out)
    grow = full["rss_growth"] - runs[0]["rss_growth"]
    rss_per_doc = max(0.0, grow / max(1, full["docs"] - runs[0]["docs"]))
    # what the index holds per document (StoryIndex.nbytes: the parts that grow with the documents), the basis of the
    # projection; the bounded parts (recent bucket entries, the token memo of features.py) do not grow past their caps
    held = full["index"]
    per_doc = held["per_document"] / max(1, held["documents"])
    out: dict[str, Any] = {"corpus": "reuters21578", "runs": runs, "docs_per_s": full["docs_per_s"],
                           "index_bytes_per_doc": round(per_doc), "rss_growth_bytes_per_doc": round(rss_per_doc),
                           "projection_10M": {"index_gb": round(per_doc * 1e7 / 1e9, 1),
                                              "index_gb_with_slack": round(per_doc * 1.5 * 1e7 / 1e9, 1),
                                              "hours_one_core": round(1e7 / full["docs_per_s"] / 3600, 2)
                                              if full["docs_per_s"] else None}}
    try:
        import datasketch  # noqa: F401

        out["datasketch"] = measure(src, n, "datasketch")
    except ImportError:
        out["datasketch"] = "not installed"
    return out


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], int(sys.argv[3]), sys.argv[4])))
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    print(json.dumps(bench(args.shared, args.limit), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
