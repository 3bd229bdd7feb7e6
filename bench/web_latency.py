"""Latency of the dashboard's API on a store with a million indicators (issue 5: target p95 < 300 ms per view).

Builds the store with ``moralewatch.web.generate`` unless it exists, serves it with the real app (uvicorn on a
loopback port, in this process), then calls the API behind each view with a spread of realistic parameters
(default views, date ranges, single filters, combined filters, full-text searches, deep pages), round-robin,
``--reps`` times each. Every request is timed end to end over HTTP (JSON included). The first call of a search is
not cached (a search is cached per store version after it), so the spread includes uncached searches. Calls start
once the server's background full-text map is built (its time is reported); before that a search joins in SQL.

Writes bench/web_latency.json: p50 / p95 / max per view and per call, the start-up time (with and without the
read model's copy beside the store), the store's size and the machine. Figures are reported, never asserted.

    python bench/web_latency.py [--db bench-out/web-1m.db] [--indicators 1000000] [--reps 15]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import time
import urllib.parse
import urllib.request
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET_P95_MS = 300.0


def _get(url: str) -> tuple[float, Any]:
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as r:
        body = json.loads(r.read())
    return (time.perf_counter() - t0) * 1000, body


def calls(base: str, meta: dict[str, Any], items: list[dict[str, Any]]) -> list[tuple[str, str, dict[str, Any]]]:
    """(view, name, params) of every measured call."""
    last = date.fromisoformat(meta["evidence_range"][1])
    d90, d365 = (last - timedelta(days=89)).isoformat(), (last - timedelta(days=364)).isoformat()
    outlet, place = meta["options"]["outlet"][0], meta["options"]["place"][0]
    out: list[tuple[str, str, dict[str, Any]]] = [("meta", "meta", {})]
    for view in ("trends", "evidence", "places", "sources"):
        out += [(view, "default (last 90 days)", {"since": d90}), (view, "everything", {}),
                (view, "one indicator", {"indicator": "expendable"}),
                (view, "sides + channel, 1 year", {"subject_side": "ua", "claimant_side": "ru",
                                                  "channel": "phone_call", "since": d365}),
                (view, "outlet + hedged", {"outlet": outlet, "hedged": "true"}),
                (view, "place + negated=false", {"place": place, "negated": "false"})]
    out += [("trends", "week split by channel", {"interval": "week", "split": "channel"}),
            ("trends", "day split by source side, 90 days", {"interval": "day", "split": "claimant_side",
                                                             "since": d90}),
            ("trends", "search 'bodies'", {"q": "bodies"}), ("evidence", "search 'training'", {"q": "training"}),
            ("places", "search 'prison'", {"q": "prison"}), ("sources", "search 'concert'", {"q": "concert"}),
            ("trends", "search 'afraid' (40% of items)", {"q": "afraid"}),
            ("evidence", "page 100", {"offset": 5000}), ("evidence", "oldest first", {"sort": "oldest"}),
            ("sources", "speaker role + since", {"speaker_role": "pow", "since": d365})]
    out += [("evidence item", f"item {i}", {"_path": f"{it['document_id']}/{it['idx']}"})
            for i, it in enumerate(items)]
    return out


def startups(db: Path) -> dict[str, float]:
    """Seconds from nothing to a serving dashboard: without the read model's copy beside the store (the first
    start after an ingest made outside ``analyze``; it writes the copy), the time ``analyze`` spends preparing the
    copy after a run, and the start from the copy (every start after that)."""
    import shutil

    from moralewatch.web import snapshot
    from moralewatch.web.app import LiveServer

    out = {}
    shutil.rmtree(snapshot.location(db), ignore_errors=True)
    t0 = time.perf_counter()
    with LiveServer(db):
        out["cold_startup_s"] = round(time.perf_counter() - t0, 2)
    shutil.rmtree(snapshot.location(db), ignore_errors=True)
    t0 = time.perf_counter()
    snapshot.prepare(db)
    out["analyze_prepares_copy_s"] = round(time.perf_counter() - t0, 2)
    return out


def measure(db: Path, reps: int) -> dict[str, Any]:
    from moralewatch.web.app import LiveServer

    starts = startups(db)
    t0 = time.perf_counter()
    with LiveServer(db) as live:
        startup = time.perf_counter() - t0
        t1 = time.perf_counter()
        live.server.config.app.state.readers.index.build_fts(wait=True)  # the background full-text map
        fts_map = time.perf_counter() - t1
        _, meta = _get(live.url + "/api/meta")
        _, page = _get(live.url + "/api/evidence?limit=500&offset=20000")
        items = random.Random(5).sample(page["items"], 10)
        plan = calls(live.url, meta, items)
        timings: dict[tuple[str, str], list[float]] = {(v, n): [] for v, n, _ in plan}
        for _ in range(reps):
            for view, name, params in plan:
                p = dict(params)
                path = "evidence/" + p.pop("_path") if "_path" in p else view
                url = f"{live.url}/api/{path}" + ("?" + urllib.parse.urlencode(p) if p else "")
                ms, body = _get(url)
                if isinstance(body, dict) and "error" in body:
                    raise RuntimeError(f"{url}: {body['error']}")
                timings[(view, name)].append(ms)
    def pct(xs: list[float], q: float) -> float:
        xs = sorted(xs)
        return round(xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))], 1)

    per_view: dict[str, list[float]] = {}
    for (view, _), xs in timings.items():
        per_view.setdefault(view, []).extend(xs)
    return {
        "startup_s": round(startup, 2),  # from the copy beside the store, as every start after an analyze
        **starts,
        "fts_map_s_after_startup": round(fts_map, 1),
        "counts": meta["counts"],
        "views": {v: {"calls": len(xs), "p50_ms": pct(xs, .5), "p95_ms": pct(xs, .95), "max_ms": round(max(xs), 1),
                      "meets_target": pct(xs, .95) < TARGET_P95_MS} for v, xs in per_view.items()},
        "calls": [{"view": v, "call": n, "p50_ms": pct(xs, .5), "p95_ms": pct(xs, .95), "max_ms": round(max(xs), 1),
                   "first_ms": round(xs[0], 1), "mean_ms": round(statistics.fmean(xs), 1)}
                  for (v, n), xs in timings.items() if v != "evidence item"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default=str(ROOT / "bench-out" / "web-1m.db"))
    ap.add_argument("--indicators", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=15)
    ap.add_argument("-o", "--output", default=str(ROOT / "bench" / "web_latency.json"))
    args = ap.parse_args()
    db = Path(args.db)
    built = None
    if not db.exists():
        from moralewatch.web.generate import generate

        db.parent.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        built = generate(db, args.indicators) | {"seconds": round(time.perf_counter() - t0)}
    result = {"target_p95_ms": TARGET_P95_MS, "store": {"path": db.name, "bytes": db.stat().st_size,
                                                         "generated": built},
              **measure(db, args.reps),
              "reps": args.reps, "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                                             "platform": platform.platform()},
              "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    Path(args.output).write_text(json.dumps(result, indent=2) + "\n")
    for view, r in result["views"].items():
        print(f"{view:14} p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  max {r['max_ms']:7.1f} ms"
              f"  {'ok' if r['meets_target'] else 'OVER TARGET'}")
    print(f"startup {result['startup_s']} s from the read model's copy (without it {result['cold_startup_s']} s; "
          f"analyze prepares it in {result['analyze_prepares_copy_s']} s); {result['counts']['indicators']:,} "
          f"indicators -> {args.output}")


if __name__ == "__main__":
    main()
