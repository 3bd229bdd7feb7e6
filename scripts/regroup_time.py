"""Time of ``moralewatch regroup`` on a store of the Reuters-21578 stories (session 13).

Makes a store holding only documents (the 19,043 Reuters stories as rows of ``documents``: id, text, title, day,
source; no quotes or indicators, so no claims), groups it as ``analyze`` does (``group_store``), then regroups it
(``regroup_store``) and prints the CPU and wall seconds of each and the regroup's report. The store is a temporary
file, removed at the end.

    PYTHONPATH=src python scripts/regroup_time.py --shared ../shared [--limit N]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from moralewatch.corpus.store import group_store, regroup_store
from moralewatch.store import Store

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    rows = []
    with open(args.shared / "data" / "corpora" / "reuters21578.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            rows.append((str(d["id"]), d["text"], d.get("title"), d.get("date"), d.get("source")))
            if args.limit and len(rows) >= args.limit:
                break
    with tempfile.TemporaryDirectory(prefix="regroup-time-") as tmp:
        store = Store(Path(tmp) / "r.db")
        conn = store.conn
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO documents (id, text, title, published, source) VALUES (?, ?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
        out = {"documents": len(rows)}
        for name, call in (("group_store", lambda: group_store(conn)), ("regroup_store", lambda: regroup_store(conn))):
            c0, w0 = time.process_time(), time.perf_counter()
            res = call()
            out[name] = {"cpu_s": round(time.process_time() - c0, 2), "wall_s": round(time.perf_counter() - w0, 2),
                         "docs_per_cpu_s": round(len(rows) / max(1e-9, time.process_time() - c0)), "result": res}
        store.close()
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
