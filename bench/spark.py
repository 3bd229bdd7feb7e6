"""The Spark benchmark of issue 20 (``python bench/run.py --spark`` or ``make bench-spark``).

Over a JSONL corpus (Reuters-21578 by default), each measurement in a fresh subprocess:

- **one local worker**: the pipeline over every raw input in one Python process, as ``analyze --workers 1`` runs it
  without the store (``run_one`` per input), timed after imports and the pipeline's warm-up: the reference;
- **Spark** ``local[2]`` and ``local[1]`` (``moralewatch.spark.run`` into Parquet): the session's start-up (JVM,
  py4j) and a first job over three lines (the executors' Python daemon and the JVM's warm-up): the fixed costs;
  then the job's wall time and its phases (planning, analysis, writing the tables), each
  task's time and its Python worker's peak RSS (the units' metrics rows), the JVM's peak RSS (sampled);
- ``local[2]`` over a quarter of the corpus, to show that memory per executor does not grow with input size.

Parallel efficiency = T(one local worker) / (2 x T(local[2] job)), the job timed without the session's start-up;
per-task overhead = (cores x analysis wall - sum of task times) / tasks; CPU ratio = one worker's CPU seconds /
the CPU seconds of the whole Spark process tree during the job (JVM, daemon, workers): on a loaded machine wall
times move with the share each process gets, CPU seconds hardly. Figures are reported, never asserted.
Writes bench/spark.json and prints a summary; docs/spark.md's sizing table is computed from it.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _one_worker(corpus: str) -> dict[str, Any]:
    from moralewatch.api import _warm_up
    from moralewatch.ingest import read_inputs
    from moralewatch.model import Document
    from moralewatch.runner import Limits, run_one
    from moralewatch.stages import default_pipeline

    pipe = default_pipeline()
    _warm_up(pipeline=pipe)
    raws = list(read_inputs([corpus]))
    limits = Limits()
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    docs = words = 0
    for raw in raws:
        r = run_one(raw, pipe, limits)
        if isinstance(r, Document):
            docs += 1
            words += len(r.text.split())
    import resource

    return {"seconds": time.perf_counter() - t0, "cpu_s": time.process_time() - cpu0, "inputs": len(raws),
            "docs": docs, "words": words, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _end_to_end(corpus: str, out: str) -> dict[str, Any]:
    """The honest second reference: one local worker doing the whole job as a user runs it, ``moralewatch extract
    CORPUS -o OUT --workers 1`` (read the JSONL file, analyse, write each input's rows), in a child process: its
    wall and CPU seconds, less those of the same command over the corpus's first three lines (the fixed start-up:
    Python, imports, the pipeline's build), as the Spark job is timed without the JVM's start-up."""
    import resource

    def timed(src: str) -> tuple[float, float]:
        cmd = [sys.executable, "-c", "import sys; from moralewatch.cli import main; sys.exit(main())", "extract", src,
               "-o", out, "--workers", "1"]
        c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        wall = time.perf_counter() - t0
        c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (c1.ru_utime - c0.ru_utime) + (c1.ru_stime - c0.ru_stime)

    tiny = out + "-3.jsonl"
    with open(corpus, "rb") as fh, open(tiny, "wb") as w:
        w.write(b"".join(fh.readline() for _ in range(3)))
    w0, c0 = timed(tiny)
    wall, cpu = timed(corpus)
    return {"seconds": wall - w0, "cpu_s": cpu - c0, "seconds_with_startup": wall, "cpu_s_with_startup": cpu,
            "startup_s": w0, "startup_cpu_s": c0, "command": "moralewatch extract CORPUS -o OUT --workers 1"}


def _java_rss(stop: threading.Event, out: dict[str, float]) -> None:
    try:
        import psutil
    except ImportError:
        return
    me = psutil.Process()
    java: Any = None
    # the JVM is found once (a scan of the process tree every 0.2 s cost the driver ~1% of the job's wall time in
    # CPU, counted as the job's), then only its RSS is read
    while not stop.wait(0.2):
        try:
            if java is None or not java.is_running():
                java = next((p for p in me.children(recursive=True) if "java" in p.name()), None)
            if java is not None:
                out["java_peak_mb"] = max(out.get("java_peak_mb", 0.0), java.memory_info().rss / 2**20)
        except psutil.Error:
            java = None


def _tree_cpu() -> float:
    """CPU seconds (user + system) of this process and every live descendant (the JVM, PySpark's daemon and its
    workers): what the job costs, whatever share of the machine it got."""
    return sum(_tree_cpu_by_kind().values())


def _tree_cpu_by_kind() -> dict[str, float]:
    """CPU seconds of this process tree by kind: ``driver`` (this Python), ``jvm`` (java: in local mode the Spark
    driver and executor, Arrow to rows, the shuffle, Parquet), ``python workers`` (PySpark's daemon, with the
    workers it forked and reaped). From /proc (Linux), children's reaped time included."""
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, tuple[int, str, float]] = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
                head, _, rest = fh.read().rpartition(")")
        except OSError:
            continue
        f = rest.split()
        stats[int(pid)] = (int(f[1]), head.partition("(")[2], sum(int(x) for x in f[11:15]) / tick)
    children: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    me = os.getpid()
    out = {"driver": stats.get(me, (0, "", 0.0))[2], "jvm": 0.0, "python workers": 0.0}
    todo = list(children.get(me, []))
    while todo:
        pid = todo.pop()
        _, name, cpu = stats[pid]
        if "java" in name:
            out["jvm"] += cpu
            todo += children.get(pid, [])  # the daemon is the JVM's child: counted with its own (and its workers')
        else:
            out["python workers"] += cpu  # cutime includes the reaped workers; live ones are its children
            todo += children.get(pid, [])
    return out


def _spark(corpus: str, master: str, out: str, options: str = "{}") -> dict[str, Any]:
    """One Spark measurement; ``options`` (JSON): ``conf`` (Spark settings added), ``split`` (bytes a JSONL range)."""
    t0 = time.perf_counter()
    from moralewatch import spark as mws

    opts = json.loads(options)
    stop = threading.Event()
    mem: dict[str, float] = {}
    threading.Thread(target=_java_rss, args=(stop, mem), daemon=True).start()
    spark = mws.session(master, {"spark.driver.memory": "2g", **opts.get("conf", {})})
    startup = time.perf_counter() - t0
    try:
        # the first job starts the executors' Python daemon (imports, the pipeline's warm-up) and warms the JVM
        # (class loading, JIT, the Parquet writer): fixed costs, timed apart on a three-line input
        tiny = Path(out + "-warm.jsonl")
        tiny.write_bytes(b"".join(Path(corpus).read_bytes().splitlines(keepends=True)[:3]))
        tw = time.perf_counter()
        mws.run([str(tiny)], out + "-warm", spark, stories=opts.get("stories", False))
        warm = time.perf_counter() - tw
        t1 = time.perf_counter()
        k1 = _tree_cpu_by_kind()
        res = mws.run([corpus], out, spark, split=opts.get("split"), stories=opts.get("stories", False))
        job = time.perf_counter() - t1
        k2 = _tree_cpu_by_kind()
        by_kind = {k: k2[k] - k1.get(k, 0.0) for k in k2}
        job_cpu = sum(by_kind.values())
    finally:
        spark.stop()
        stop.set()
    m = res.unit_metrics
    cores = int(master[6:-1]) if master.startswith("local[") else 0
    task_s = [r["seconds"] or 0.0 for r in m]
    return {"master": master, "startup_s": startup, "first_job_s": warm, "job_s": job, "job_cpu_s": job_cpu, "timings": res.timings, "units": res.units,
            "outcomes": res.outcomes, "rewritten_units": res.rewritten, "docs": sum(r["docs"] or 0 for r in m), "words": sum(r["words"] or 0 for r in m),
            "job_cpu_by_kind_s": by_kind,
            "run_one_cpu_s": sum(r.get("cpu_s") or 0.0 for r in m), "options": opts, "task_s_sum": sum(task_s), "task_s_max": max(task_s, default=0.0),
            "task_s_median": sorted(task_s)[len(task_s) // 2] if task_s else 0.0,
            "per_task_overhead_s": (cores * res.timings["analyse"] - sum(task_s)) / max(1, len(m)) if cores else None,
            "python_worker_peak_rss_mb": max((r["rss_kib"] or 0 for r in m), default=0) / 1024,
            "java_peak_rss_mb": mem.get("java_peak_mb")}


def _sub(kind: str, *args: str) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, __file__, "_" + kind, *args], capture_output=True, text=True, check=False,
                          cwd=ROOT, env=os.environ | {"PYTHONPATH": str(ROOT / "src")})
    if proc.returncode != 0:
        raise RuntimeError(f"{kind} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench(corpus: Path, workdir: Path, limit: int | None = None,
          masters: tuple[str, ...] = ("local[2]", "local[1]"), log: Any = print,
          stories_limit: int | None = None, core_only: bool = False) -> dict[str, Any]:
    workdir.mkdir(parents=True, exist_ok=True)
    src = corpus
    lines = [ln for ln in corpus.read_bytes().splitlines(keepends=True) if ln.strip()]
    if limit:
        lines = lines[:limit]
        src = workdir / f"{corpus.stem}-{limit}.jsonl"
        src.write_bytes(b"".join(lines))
    quarter = workdir / f"{corpus.stem}-quarter.jsonl"  # memory against input size
    quarter.write_bytes(b"".join(lines[: len(lines) // 4]))
    out: dict[str, Any] = {"corpus": corpus.name, "documents": len(lines), "load_before": os.getloadavg()}
    log(f"spark bench: {corpus.name}, {len(lines):,} lines; one local worker ...")
    out["one_worker"] = _sub("one", str(src))
    log(f"    {out['one_worker']['seconds']:.1f} s")
    log("spark bench: one local worker end to end (moralewatch extract --workers 1) ...")
    out["one_worker_end_to_end"] = _sub("e2e", str(src), str(workdir / "extract.jsonl"))
    log(f"    {out['one_worker_end_to_end']['seconds']:.1f} s")
    for master in masters:
        log(f"spark bench: {master} ...")
        out[master] = _sub("spark", str(src), master, str(workdir / f"out-{master[6:-1]}"))
        log(f"    start-up {out[master]['startup_s']:.1f} s, first job {out[master]['first_job_s']:.1f} s, "
            f"job {out[master]['job_s']:.1f} s "
            f"({out[master]['timings']})")
    if core_only:
        return _figures(out, log)
    log("spark bench: local[2] with the stories table ...")
    stories_src = src
    if stories_limit:  # the stories' joins over a slice (apart: their cost grows with the candidate pairs)
        stories_src = workdir / f"{corpus.stem}-stories-{stories_limit}.jsonl"
        stories_src.write_bytes(b"".join(lines[:stories_limit]))
        src_one = _sub("one", str(stories_src))
        out["one_worker stories slice"] = src_one
    out["local[2] stories"] = _sub("spark", str(stories_src), "local[2]", str(workdir / "out-stories"),
                                   '{"stories": true}')
    out["local[2] stories slice"] = _sub("spark", str(stories_src), "local[2]", str(workdir / "out-st0"),
                                         '{"stories": false}') if stories_limit else None
    log(f"    job {out['local[2] stories']['job_s']:.1f} s ({out['local[2] stories']['timings']})")
    log("spark bench: local[2] over a quarter of the corpus ...")
    out["local[2] quarter"] = _sub("spark", str(quarter), "local[2]", str(workdir / "out-quarter"))
    return _figures(out, log)


def _figures(out: dict[str, Any], log: Any) -> dict[str, Any]:
    """The derived figures (efficiency, CPU ratios, rates) into ``out``, and the summary logged."""
    one = out["one_worker"]["seconds"]
    two = out.get("local[2]")
    if two:
        out["efficiency_job"] = one / (2 * two["job_s"])
        out["efficiency_analyse"] = one / (2 * two["timings"]["analyse"])
        # CPU: what the job costs against one worker's CPU, whatever share of a loaded machine each got; on an
        # idle machine the efficiency cannot exceed this ratio
        out["cpu_ratio"] = out["one_worker"]["cpu_s"] / two["job_cpu_s"]
        e2e = out.get("one_worker_end_to_end")
        if e2e:
            out["efficiency_job_end_to_end"] = e2e["seconds"] / (2 * two["job_s"])
            out["cpu_ratio_end_to_end"] = e2e["cpu_s"] / two["job_cpu_s"]
        out["docs_per_core_hour"] = two["docs"] / (2 * two["job_s"]) * 3600
        out["docs_per_core_hour_one_worker"] = out["one_worker"]["docs"] / one * 3600
        out["docs_per_cpu_hour"] = two["docs"] / two["job_cpu_s"] * 3600
        if "local[2] stories" in out:
            base = out.get("local[2] stories slice") or two
            out["stories_cpu_s"] = out["local[2] stories"]["job_cpu_s"] - base["job_cpu_s"]
            out["stories_docs"] = out["local[2] stories"]["docs"]
    out["load_after"] = os.getloadavg()
    log(summary(out))
    return out


def summary(res: dict[str, Any]) -> str:
    """The figures of issue 20's target in one block: wall-clock efficiency and CPU ratio of local[2], against
    the strict reference (run_one over inputs read beforehand, writing nothing) and the end-to-end one."""
    two = res.get("local[2]")
    if not two:
        return "spark bench: no local[2] measurement"
    one, e2e = res["one_worker"], res.get("one_worker_end_to_end")
    k = two.get("job_cpu_by_kind_s", {})
    lines = [f"spark bench summary: {res['corpus']}, {res['documents']:,} documents; load average "
             f"{res['load_before'][0]:.1f} before, {res['load_after'][0]:.1f} after",
             f"  local[2] job: {two['job_s']:.1f} s wall, {two['job_cpu_s']:.1f} CPU-s ("
             + ", ".join(f"{n} {v:.1f}" for n, v in k.items()) + f"; run_one {two.get('run_one_cpu_s', 0):.1f}); "
             f"start-up {two['startup_s']:.1f} s and first job {two['first_job_s']:.1f} s not counted",
             f"  strict reference, one worker (run_one over inputs read beforehand, writing nothing): "
             f"{one['seconds']:.1f} s wall, {one['cpu_s']:.1f} CPU-s",
             f"    parallel efficiency (wall) {res['efficiency_job']:.2f}   CPU ratio {res['cpu_ratio']:.2f}"]
    if e2e:
        lines += [f"  end-to-end reference, one worker ({e2e['command']}, less its start-up over 3 lines): "
                  f"{e2e['seconds']:.1f} s wall, {e2e['cpu_s']:.1f} CPU-s",
                  f"    parallel efficiency (wall) {res['efficiency_job_end_to_end']:.2f}   CPU ratio "
                  f"{res['cpu_ratio_end_to_end']:.2f}"]
    lines.append("  target (issue 20): parallel efficiency >= 0.80 of two ideal cores, on an idle machine")
    return "\n".join(lines)


#: the obvious fixes tried against the default (``--variants``): each a local[2] run over the same slice
VARIANTS: dict[str, dict[str, Any]] = {
    "default (8 ranges a core; JVM: C1 JIT, serial GC)": {},
    "4 ranges a core": {"split_per_core": 4},
    "2 ranges a core": {"split_per_core": 2},
    "JVM: default JIT and GC (the default before)": {"conf": {"spark.driver.extraJavaOptions": ""}},
    "no Python worker reuse": {"conf": {"spark.python.worker.reuse": "false"}},
}


def variants(corpus: Path, workdir: Path, limit: int | None, log: Any = print,
             names: list[str] | None = None) -> dict[str, Any]:
    """One local worker, then local[2] under each of :data:`VARIANTS`, over the same slice; where the CPU goes."""
    workdir.mkdir(parents=True, exist_ok=True)
    lines = [ln for ln in corpus.read_bytes().splitlines(keepends=True) if ln.strip()][:limit]
    src = workdir / f"{corpus.stem}-{len(lines)}.jsonl"
    src.write_bytes(b"".join(lines))
    size = src.stat().st_size
    out: dict[str, Any] = {"corpus": corpus.name, "documents": len(lines), "load_before": os.getloadavg()}
    log(f"spark variants: {len(lines):,} lines; one local worker ...")
    out["one_worker"] = _sub("one", str(src))
    for name, opts in VARIANTS.items():
        if names and not any(name.startswith(n) for n in names):
            continue
        opts = dict(opts)
        if "split_per_core" in opts:
            opts["split"] = max(4096, size // (2 * opts.pop("split_per_core")) + 1)
        log(f"spark variants: {name} ...")
        r = out[name] = _sub("spark", str(src), "local[2]", str(workdir / "out-v"), json.dumps(opts))
        r["efficiency_job"] = out["one_worker"]["seconds"] / (2 * r["job_s"])
        r["cpu_ratio"] = out["one_worker"]["cpu_s"] / r["job_cpu_s"]
        log(f"    job {r['job_s']:.1f} s, {r['units']} units, CPU {r['job_cpu_s']:.1f} s "
            f"({', '.join(f'{k} {v:.1f}' for k, v in r['job_cpu_by_kind_s'].items())}; run_one "
            f"{r['run_one_cpu_s']:.1f}), efficiency {r['efficiency_job']:.2f}, CPU ratio {r['cpu_ratio']:.2f}, "
            f"{r['timings']}")
    out["load_after"] = os.getloadavg()
    return out


def sizing(res: dict[str, Any]) -> str:
    """The sizing table of docs/spark.md, computed from a bench/spark.json: rates from CPU seconds (what the job
    costs whatever share of a loaded machine it got: the JVM, the Python workers and the driver), wall-clock rates
    beside them."""
    two = res["local[2]"]
    one = res["one_worker"]
    words_per_doc = two["words"] / max(1, two["docs"])
    rows = [("one local worker (no Spark), CPU", one["docs"] / one["cpu_s"] * 3600, one["words"] / one["cpu_s"]),
            ("Spark local[2] job, CPU of JVM + Python + driver", two["docs"] / two["job_cpu_s"] * 3600,
             two["words"] / two["job_cpu_s"]),
            ("Spark local[2] job, wall x 2 cores", two["docs"] / (2 * two["job_s"]) * 3600,
             two["words"] / (2 * two["job_s"]))]
    st = res.get("local[2] stories")
    if st:
        rows.append((f"Spark local[2] job with the stories table over {st['docs']:,} documents, CPU",
                     st["docs"] / st["job_cpu_s"] * 3600, st["words"] / st["job_cpu_s"]))
    out = [f"Corpus {res['corpus']}: {res['documents']:,} documents, {words_per_doc:.0f} words each on average; "
           f"load average {res['load_before'][0]:.1f} before, {res['load_after'][0]:.1f} after (2 cores).", "",
           "| measured | documents per core-hour | words per core-second |", "|---|---:|---:|"]
    out += [f"| {name} | {d:,.0f} | {w:,.0f} |" for name, d, w in rows]
    rate = rows[1][1]
    with_st = rate
    if st:  # the whole corpus's rate plus the stories' CPU per document (against the same input without them)
        extra = (st["job_cpu_s"] - (res.get("local[2] stories slice") or two)["job_cpu_s"]) / st["docs"]
        with_st = 3600 / (two["job_cpu_s"] / two["docs"] + extra)
    out += ["", f"At the Spark job's measured CPU rates ({rate:,.0f} documents per core-hour for the export's tables, "
            f"{with_st:,.0f} with the stories table (the tables' rate plus the stories' CPU a document); Reuters-length documents: scale by words for longer ones):", "",
            "| documents | core-hours, tables | 4-core executors for 1 h / 8 h | core-hours, with stories | "
            "4-core executors for 1 h / 8 h |", "|---:|---:|---:|---:|---:|"]
    for n in (10_000_000, 100_000_000):
        a, b = n / rate, n / with_st
        out.append(f"| {n:,} | {a:,.0f} | {math.ceil(a / 4):,} / {math.ceil(a / 32):,} | {b:,.0f} | "
                   f"{math.ceil(b / 4):,} / {math.ceil(b / 32):,} |")  # whole executors
    return "\n".join(out)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "_one":
        print(json.dumps(_one_worker(argv[1])))
        return 0
    if argv and argv[0] == "_e2e":
        print(json.dumps(_end_to_end(argv[1], argv[2])))
        return 0
    if argv and argv[0] == "_spark":
        print(json.dumps(_spark(*argv[1:])))
        return 0
    import argparse

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "data" / "corpora" / "reuters21578.jsonl")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--stories-limit", type=int, default=None, help="measure the stories table over this many lines")
    ap.add_argument("--masters", default="local[2],local[1]", help="comma-separated (default local[2],local[1])")
    ap.add_argument("--core-only", action="store_true",
                    help="only the references and the --masters runs (no stories table, no quarter corpus)")
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "spark.json")
    ap.add_argument("--sizing", action="store_true", help="print the sizing table of --json and stop")
    ap.add_argument("--variants", type=Path, default=None, metavar="JSON",
                    help="instead: the fixes tried (VARIANTS), local[2] over the --limit slice, into JSON")
    ap.add_argument("--only", default="", help="with --variants: the variants whose names start so (comma-separated)")
    args = ap.parse_args(argv)
    if args.variants:
        with tempfile.TemporaryDirectory() as tmp:
            res = variants(args.corpus, Path(tmp), args.limit, log=lambda m: print(m, file=sys.stderr, flush=True),
                           names=[n for n in args.only.split(",") if n])
        args.variants.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
        return 0
    if args.sizing:
        print(sizing(json.loads(args.json.read_text(encoding="utf-8"))))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        res = bench(args.corpus, Path(tmp), args.limit, tuple(args.masters.split(",")),
                    log=lambda m: print(m, file=sys.stderr, flush=True), stories_limit=args.stories_limit,
                    core_only=args.core_only)
    args.json.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    print(summary(res))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
