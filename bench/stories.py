"""Grouping speed and memory of the corpus stage (issue 16), called by bench/run.py; also runnable alone:

    .venv/bin/python bench/stories.py --shared ../shared [--limit N]

Each measurement runs in a fresh interpreter (``child``): it reads the Reuters JSONL, then groups the documents
with :class:`moralewatch.corpus.StoryIndex` (``add_many``, session 11) on one core and reports CPU seconds of the grouping alone (reading and
JSON parsing excluded), documents per second, the resident memory grown while grouping (peak and at the end, over
the memory before the grouping, which holds the texts read) and what the index holds (:meth:`StoryIndex.nbytes`:
its bounded caches in memory, its database on disk). The index is on disk (session 6), so the runs at 1/4, 1/2
and all of the corpus should show the same memory once the caches are full; the 10-million-document projection
takes the disk bytes per document of the full run, the memory of the full run (its key filter replaced by the one
10 million documents' keys would grow, within ``Buckets.FILTER_MAX_BYTES``: session 10) and its rate. When datasketch is installed, its MinHash (64 permutations, ``update_batch``) and MinHashLSH (threshold 0.5)
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


def child(src: str, limit: int, mode: str, repeat: int = 1) -> dict[str, Any]:
    """One measurement. ``repeat`` > 1: the corpus read that many times, the k-th copy with its ids suffixed and
    its dates moved k * 10 years on (so it is new documents, none a copy of the first: the index only grows)."""
    sys.path.insert(0, str(ROOT / "src"))
    docs = []
    with open(src, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs.append((str(d["id"]), d["text"], d.get("title"), d.get("date"), d.get("source")))
            if len(docs) >= limit:
                break
    first = list(docs)
    for k in range(1, repeat):
        docs += [(f"{i}#{k}", text, title, _later(day, 10 * k), source) for i, text, title, day, source in first]
    if mode == "ours":  # imported before the baseline: its modules are not the index
        from moralewatch.corpus import StoryIndex
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    base_now = _rss_now()
    t0, w0 = time.process_time(), time.perf_counter()
    if mode == "ours":
        idx = StoryIndex()
        idx.add_many(docs)  # session 11: the batch path (the same grouping as one add() a document)
        idx.write()
        stories = idx.conn.execute("SELECT count(DISTINCT story) FROM story_members").fetchone()[0]
        held = idx.nbytes()
        held["keys"] = int(idx.conn.execute("SELECT count(*) FROM story_buckets").fetchone()[0])
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
            "peak_growth": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - base_rss,
            "rss_growth": _rss_now() - base_now, "index": held}


def _later(day: str | None, years: int) -> str | None:
    return f"{int(day[:4]) + years:04d}{day[4:]}" if day and day[:4].isdigit() else day


def _rss_now() -> int:
    """The resident set size now (Linux /proc), in bytes; 0 where there is no /proc."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize()
    except OSError:
        return 0


def measure(src: Path, limit: int, mode: str = "ours", repeat: int = 1) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--child", str(src), str(limit), mode, str(repeat)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def bench(shared: Path, limit: int | None = None) -> dict[str, Any]:
    """The grouping measurements for results.json (the key ``stories``)."""
    sys.path.insert(0, str(ROOT / "src"))
    src = shared / "data" / "corpora" / "reuters21578.jsonl"
    total = sum(1 for _ in open(src, encoding="utf-8"))
    n = min(total, limit or total)
    runs = [measure(src, max(1, n // 4)), measure(src, max(1, n // 2)), measure(src, n)]
    full = runs[-1]
    # beyond the corpus: read twice and four times (new ids and dates), to see the memory once the caches are full
    beyond = [measure(src, n, "ours", 2), measure(src, n, "ours", 4)]
    # the memory grown while grouping, at 1/4, 1/2 and all of the corpus: flat when it does not follow the documents
    disk = full["index"]["disk"] / max(1, full["docs"])
    # session 10: the key filter grows with the keys (1-2 bytes a key) up to Buckets.FILTER_MAX_BYTES
    from moralewatch.corpus.index import Buckets

    keys_per_doc = full["index"]["keys"] / max(1, full["docs"])
    filter_10m = min(Buckets.FILTER_MAX_BYTES, 1 << int(keys_per_doc * 1e7).bit_length())
    out: dict[str, Any] = {"corpus": "reuters21578", "runs": runs, "docs_per_s": full["docs_per_s"],
                           "peak_growth_mb": [round(r["peak_growth"] / 2**20, 1) for r in runs],
                           "rss_growth_mb": [round(r["rss_growth"] / 2**20, 1) for r in runs],
                           "beyond": [{k: r[k] for k in ("docs", "docs_per_s", "peak_growth", "rss_growth", "index")}
                                      for r in beyond],
                           "cache_bytes": full["index"]["memory"],
                           "disk_bytes_per_doc": round(disk),
                           "keys_per_doc": round(keys_per_doc, 1),
                           "projection_10M": {"disk_gb": round(disk * 1e7 / 1e9, 1),
                                              "filter_mb": round(filter_10m / 2**20),
                                              "memory_mb": round((full["peak_growth"] - full["index"]["filter"]
                                                                  + filter_10m) / 2**20),
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
        print(json.dumps(child(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]))))
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    print(json.dumps(bench(args.shared, args.limit), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
