"""The library the CLI, the dashboard and batch jobs call: ``analyze`` (inputs into the store) and ``extract``
(the JSONL contract of shared/spec/extract-jsonl.md)."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, BinaryIO

from . import batching
from .clean import to_document
from .errors import rejection_reason
from .ingest import DEFAULT_MAX_BYTES, RawInput, expand, parse_jsonl_line, read_inputs
from .model import Document, Entity, Indicator, Outcome, Quote
from .pipeline import Pipeline
from .runner import DEFAULT_TIME_LIMIT, Limits, bounded, rejected, run_one
from .stages import default_pipeline

# -- one document -------------------------------------------------------------------------------------------------


def analyze_text(text: str, pipeline: Pipeline | None = None, **meta: Any) -> Document:
    """Run the pipeline over one text (as a ``.txt`` input) and return the document (errors raise: for a
    document or an outcome that never raises, see :func:`moralewatch.runner.run_one`)."""
    raw = RawInput(meta.pop("source", "-"), format=meta.pop("format", "txt"), text=text, meta=meta)
    return (pipeline or default_pipeline()).run(to_document(raw))


# -- extract contract ---------------------------------------------------------------------------------------------

QUOTE_FIELDS = ("start", "end", "text", "kind", "speaker", "speaker_start", "speaker_end", "speaker_role", "side",
                "channel", "via", "cue", "confidence")
INDICATOR_FIELDS = ("indicator", "start", "end", "text", "subject_side", "claimant", "claimant_side", "channel",
                    "quote_index", "hedged", "negated", "confidence", "rule", "cue")
ENTITY_OPTIONAL = ("name", "lat", "lon", "country", "admin1", "geonameid", "value", "granularity", "candidates",
                   "confidence")


def _mapped(doc: Document, start: int | None, end: int | None) -> tuple[int, int] | None:
    if start is None or end is None:
        return None
    return doc.offset_map.span_to_input(start, end)


def to_extract(doc: Document, ext_id: Any) -> dict[str, Any]:
    """A document's annotations as one output line of the extract contract, offsets mapped to the input."""
    src = doc.input_text or doc.text
    quotes: list[dict[str, Any]] = []
    indicators: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    qmap: dict[int, int] = {}
    for i, q in enumerate(doc.quotes):
        span = _mapped(doc, q.start, q.end)
        if span is None:
            continue
        qmap[i] = len(quotes)
        out: dict[str, Any] = {k: getattr(q, k) for k in QUOTE_FIELDS}
        out["start"], out["end"] = span
        out["text"] = src[span[0]:span[1]]
        sp = _mapped(doc, q.speaker_start, q.speaker_end)
        out["speaker_start"], out["speaker_end"] = sp if sp else (None, None)
        if q.continues is not None:
            out["continues"] = q.continues
        quotes.append(out)
    for qd in quotes:  # a continued quote points at its first paragraph's index in this output
        if "continues" in qd:
            qd["continues"] = qmap.get(qd["continues"])
    for ind in doc.indicators:
        span = _mapped(doc, ind.start, ind.end)
        if span is None:
            continue
        out = {k: getattr(ind, k) for k in INDICATOR_FIELDS}
        out["start"], out["end"] = span
        out["text"] = src[span[0]:span[1]]
        out["quote_index"] = qmap.get(ind.quote_index) if ind.quote_index is not None else None
        indicators.append(out)
    for ent in doc.entities:
        span = _mapped(doc, ent.start, ent.end)
        if span is None:
            continue
        out = {"type": ent.type, "start": span[0], "end": span[1], "text": src[span[0]:span[1]]}
        out.update({k: getattr(ent, k) for k in ENTITY_OPTIONAL if getattr(ent, k) is not None})
        entities.append(out)
    return {"id": ext_id, "quotes": quotes, "indicators": indicators, "entities": entities, "error": None}


_PIPELINE: Pipeline | None = None
_LIMITS = Limits()


def _worker_init(limits: Limits | None = None) -> None:
    global _PIPELINE, _LIMITS
    _PIPELINE = default_pipeline()
    _LIMITS = limits or Limits()


def extract_line(line: str | bytes, n: int = 0, pipeline: Pipeline | None = None,
                 limits: Limits | None = None) -> dict[str, Any]:
    """One output object for one input line; never raises."""
    try:
        obj, err = parse_jsonl_line(line, n)
    except Exception as e:  # JSON nested too deep (RecursionError), an id too long to convert, ...
        obj, err = None, ("malformed_json", f"line {n}: {type(e).__name__}: {e}")
    if err:
        code, detail = err
        return _error_line(_line_id(line), code, bounded(detail))
    assert obj is not None
    empty = {"id": obj["id"], "quotes": [], "indicators": [], "entities": [], "error": None}
    if not obj["text"].strip():
        return empty
    meta = {k: obj[k] for k in ("title", "date", "source", "url", "lang") if isinstance(obj.get(k), str)}
    raw = RawInput("-", f"line {n}", "jsonl", text=obj["text"], meta=meta | {"id": str(obj["id"])})
    result = run_one(raw, pipeline or _PIPELINE or default_pipeline(), limits or _LIMITS)
    if isinstance(result, Document):
        try:
            return to_extract(result, obj["id"])
        except Exception as e:
            result = rejected(raw, "stage_failed", f"{type(e).__name__}: {e}")
    if result.code == "no_text":
        return empty  # nothing but page furniture: no annotations, not an error
    return empty | {"error": {"code": result.code, "message": result.reason}}


def _line_id(line: str | bytes) -> Any:
    """The ``id`` of a JSONL line if it has one, for the output line of an input that could not be analysed."""
    try:
        parsed = json.loads(line)
        return parsed.get("id") if isinstance(parsed, dict) else None
    except Exception:  # not JSON, nested too deep, an id too long to convert: the id if it is the first key
        head = line[:HEAD_BYTES]
        return _leading_id(head if isinstance(head, bytes) else head.encode("utf-8", "surrogatepass"))


def _leading_id(head: bytes) -> Any:
    """The id of a line too long to hold, read off its first bytes when it is the object's first key."""
    decoder = json.JSONDecoder()
    text = head.decode("utf-8", "replace").lstrip()
    if not text.startswith("{"):
        return None
    try:  # a failure here (a cut-off or huge id) only means that the id is not known
        key, end = decoder.raw_decode(text[1:].lstrip())
        rest = text[1:].lstrip()[end:].lstrip()
        if key != "id" or not rest.startswith(":"):
            return None
        value, _ = decoder.raw_decode(rest[1:].lstrip())
    except Exception:  # cut off inside the id, or not JSON
        return None
    return value if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def _error_line(ext_id: Any, code: str, detail: str) -> dict[str, Any]:
    return {"id": ext_id, "quotes": [], "indicators": [], "entities": [],
            "error": {"code": code, "message": rejection_reason(code, detail)}}


#: an input line as the workers get it: (line number, bytes, 0), or (line number, its first bytes, its size) for a
#: line longer than the size limit, which is never held whole
Line = tuple[int, bytes, int]
#: bytes of a too-long line kept to read its id from
HEAD_BYTES = 4096


def read_lines(fh: BinaryIO, max_bytes: int) -> Iterator[Line]:
    """The non-blank lines of ``fh``, numbered from 1; a line longer than ``max_bytes`` (its newline counted) is
    read through to its newline in chunks, never held whole, and comes as its first bytes and its size."""
    n = 0
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        n += 1
        if len(line) <= max_bytes:
            if line.strip():
                yield n, line, 0
            continue
        head, size, ended = line[:HEAD_BYTES], len(line), line.endswith(b"\n")
        del line
        while not ended:  # the rest of the line, a chunk at a time
            chunk = fh.readline(1 << 20)
            if not chunk:
                break
            size += len(chunk)
            ended = chunk.endswith(b"\n")
        yield n, head, size


def _numbered(lines: Iterable[bytes], max_bytes: int) -> Iterator[Line]:
    if hasattr(lines, "readline"):
        yield from read_lines(lines, max_bytes)  # type: ignore[arg-type]
        return
    for n, line in enumerate(lines, 1):
        if len(line) > max_bytes:
            yield n, line[:HEAD_BYTES], len(line)
        elif line.strip():
            yield n, line, 0


def _extract_numbered(item: Line) -> str:
    n, line, oversize = item
    if oversize:
        row = _error_line(_leading_id(line), "too_large", f"line {n} has {oversize:,} bytes > limit "
                                                           f"{_LIMITS.max_bytes:,}")
    else:
        row = extract_line(line, n)
    return _dumps(row)


def _dumps(row: dict[str, Any]) -> str:
    """An output line: UTF-8 JSON, or ASCII JSON when a string holds a lone surrogate (given as a JSON escape in
    the input, it is given back the same way instead of making the output unwritable)."""
    out = json.dumps(row, ensure_ascii=False)
    try:
        out.encode("utf-8")
    except UnicodeEncodeError:
        out = json.dumps(row)
    return out


def _extract_batch(batch: list[Line]) -> list[str]:
    """A worker's share: one message each way per batch, not per document (a pipe round trip per line would cost
    more than a short wire story's analysis)."""
    return [_extract_numbered(tuple(item)) for item in batch]  # type: ignore[arg-type]


def extract_stream(lines: Iterable[bytes] | BinaryIO, out: IO[str], workers: int = 1,
                   limits: Limits | None = None) -> int:
    """The extract contract over a stream of lines (a binary file, read line by line with the size limit, or any
    iterable of lines), in input order. Returns the number of output lines.

    A line longer than ``limits.max_bytes`` gets the error ``too_large`` (from a file it is never held whole); one
    that takes longer than ``limits.time_limit`` gets ``timeout``. With several workers (forked processes,
    :mod:`moralewatch.batching`) the input is read lazily in bounded batches, so memory does not grow with the size
    of the input; a worker that dies costs one line (the error ``worker_lost``), not the run."""
    limits = limits or Limits()
    numbered = _numbered(lines, limits.max_bytes)
    count = 0
    if workers <= 1 or not batching.can_fork():  # no fork (Windows): one process
        _worker_init(limits)
        for item in numbered:
            out.write(_extract_numbered(item) + "\n")
            count += 1
        return count
    results = batching.in_workers(numbered, _extract_batch, workers=workers, size=lambda item: len(item[1]),
                                  warm_up=lambda: _warm_up(limits),
                                  init=lambda gc_enabled: _pool_worker_init(gc_enabled, limits),
                                  lost=_lost_lines, time_limit=limits.time_limit)
    try:
        for line in results:
            out.write(line + "\n")
            count += 1
    finally:
        results.close()  # type: ignore[attr-defined]
    return count


def _pool_worker_init(gc_enabled: bool, limits: Limits | None = None) -> None:
    """A forked extract worker's start: the collector as the caller had it, then the pipeline and limits."""
    batching.collect_garbage_as(gc_enabled)
    _worker_init(limits)


def _lost_lines(batch: list[Line], why: str) -> list[str]:
    return [_dumps(_error_line(_leading_id(line) if size else _line_id(line), "worker_lost", why))
            for _, line, size in batch]


#: a short text that takes every stage through its common paths (attributions before and after, "according to",
#: a titled name, a relay, places, dates), so that what is built on first use is built once, before the fork
_WARM_UP = (
    "Russian soldiers say they were deceived, Ukraine\u2019s military intelligence claimed on Monday.\n\n"
    "Troops near Kharkiv said on Tuesday they had run out of fuel.\n\n"
    "\u201cWe were sent to our deaths,\u201d a captured soldier told Ukraine\u2019s security service, "
    "according to The Mirror. Morale is low, officials said.\n\n"
    "\u201cThe operation is going to plan,\u201d said Kremlin spokesman Dmitry Peskov. According to the Institute "
    "for the Study of War, Russian forces near Bakhmut and Donetsk are exhausted. In a video posted on Telegram, "
    "a commander in Kyiv, Kherson and Mariupol warned that his men would not surrender. The Pentagon revealed on "
    "3 March 2022 that many units had refused orders, the New York Post reported."
)


def _warm_up(limits: Limits | None = None, pipeline: Pipeline | None = None) -> None:
    """Run the pipeline once on a short text so that every lazily loaded lexicon, gazetteer and compiled pattern is
    in memory before worker processes are forked."""
    _worker_init(limits)
    (pipeline or _PIPELINE or default_pipeline()).run(to_document(RawInput("-", text=_WARM_UP)))


# -- analyze into the store ---------------------------------------------------------------------------------------


#: rejections a run summary keeps (memory stays flat over millions of inputs)
REJECTED_KEPT = 100


@dataclass
class RunSummary:
    run_id: int
    counts: dict[str, int] = field(default_factory=lambda: {"ok": 0, "duplicate": 0, "rejected": 0,
                                                            "unchanged": 0, "reanalyzed": 0})
    #: the first ``REJECTED_KEPT`` rejections (all are in the store; ``counts["rejected"]`` counts them)
    rejected: list[Outcome] = field(default_factory=list)
    #: unchanged inputs whose stored document was made by other stage versions (stage name -> inputs); with
    #: ``reanalyze`` these are re-analysed in place and counted in ``counts["reanalyzed"]`` instead
    stale: dict[str, int] = field(default_factory=dict)
    #: the corpus stage: documents grouped into stories, claims written, stories changed
    stories: dict[str, int] = field(default_factory=dict)


#: rejections that another run may not give: a re-run analyses these inputs again (``timeout`` only when the time
#: limit is now longer than the one that gave it)
_RETRY = frozenset({"too_large", "worker_lost", "timeout"})


def analyze(
    paths: Iterable[str], db: str, *, pipeline: Pipeline | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[RawInput, str], None] | None = None, workers: int = 1,
    time_limit: float = DEFAULT_TIME_LIMIT, reanalyze: bool = False, text_format: str | None = None,
) -> RunSummary:
    """Read every input under ``paths``, run the pipeline (in ``workers`` forked processes; the store is written by
    this process only, in input order, so the store is the same with any number of workers), store each document in
    its own transaction, and record an outcome for every input.

    Inputs already stored with the same content are skipped, except those rejected for a limit (``too_large``,
    ``timeout``) or a lost worker. Those whose stored document was made by other stage versions are counted in
    ``summary.stale``, or with ``reanalyze`` analysed again and rewritten in place (one transaction per document).
    ``text_format`` (``transcript``) declares what plain-text inputs are."""
    paths = list(paths)
    from .store import Store  # here, not at the top: extract never needs it (start-up time)

    pipe = pipeline or default_pipeline()
    limits = Limits(max_bytes=max_bytes, time_limit=time_limit)
    store = Store(db)
    try:
        stage_of = {name: pipe.stage_for(name) for name in ("quotes", "indicators", "entities")}
        summary = RunSummary(store.start_run(pipe.describe() | {"limits": {"max_bytes": max_bytes,
                                                                           "time_limit": time_limit}}, paths))
        status = "interrupted"
        try:
            todo = _todo(_read_each(paths, max_bytes, text_format), store, pipe, limits, summary, reanalyze, progress)
            for task, result in _analysed(todo, pipe, limits, workers, store):
                raw, again = task
                if isinstance(result, Outcome):
                    if again:  # a re-analysis that fails: the stored document and its outcome stay as they were
                        result.reason = f"re-analysis failed, the stored annotations are kept: {result.reason}"
                    else:
                        store.record_rejection(result, summary.run_id)
                    if len(summary.rejected) < REJECTED_KEPT:
                        summary.rejected.append(result)
                    state = "rejected"
                else:
                    outcome = Outcome(raw.source, raw.locator, "ok", input_sha=raw.sha, size=raw.size)
                    if again:
                        state = store.rewrite(result, outcome, summary.run_id, stage_of)
                    else:
                        state = store.write(result, outcome, summary.run_id, stage_of)
                summary.counts[state] += 1
                if progress:
                    progress(raw, state)
            group_stories(store, summary)
            status = "done"
        finally:
            store.finish_run(summary.run_id, summary.counts, status, quiet=status != "done")
    finally:
        store.close()
    return summary


def group_stories(store: Any, summary: RunSummary) -> None:
    """The corpus stage (issue 16): the documents stored by this run (and any left ungrouped by an interrupted
    one) join the store's stories; the claims of the run's documents are counted by independent story."""
    from .corpus.store import group_store

    with store._errors():
        summary.stories = group_store(store.conn, summary.run_id, purge=summary.counts.get("reanalyzed", 0) > 0)


def _read_each(paths: list[str], max_bytes: int, text_format: str | None = None) -> Iterator[RawInput]:
    """``read_inputs`` one path at a time, so that a reader that fails on one file (it should never raise, but a
    bug is a bug) costs the rest of that file, with an outcome that says so, and not the rest of the run."""
    for found in expand(paths):
        path = found.source
        raws = read_inputs([found], max_bytes=max_bytes, text_format=text_format) if text_format else \
            read_inputs([found], max_bytes=max_bytes)  # the call stays as it was without --format
        last = ""
        while True:
            try:
                raw = next(raws)
            except StopIteration:
                break
            except Exception as e:
                detail = f"reading failed ({type(e).__name__}: {e}); the rest of this file was not read"
                yield RawInput(path, f"after {last}" if last else "", error=("stage_failed", detail))
                break
            last = raw.locator
            yield raw


#: what a worker gets for one input: the raw input (pickled) and whether it is a re-analysis
Task = tuple[RawInput, bool]


def _todo(raws: Iterable[RawInput], store: Any, pipe: Pipeline, limits: Limits, summary: RunSummary,
          reanalyze: bool, progress: Callable[[RawInput, str], None] | None) -> Iterator[Task]:
    """The inputs that need the pipeline: new or changed ones, rejections a re-run may not give, and with
    ``reanalyze`` the stale ones. The others are counted (and shown) here."""
    rewritten: set[str] = set()
    for raw in raws:
        seen = store.unchanged(raw.source, raw.locator, raw.sha, pipe.stamps, retry=_RETRY,
                               time_limit=limits.time_limit)
        if seen is None:
            yield raw, False
            continue
        stale, doc_id = seen
        if stale and reanalyze and doc_id not in rewritten:
            rewritten.add(doc_id)
            yield raw, True
            continue
        summary.counts["unchanged"] += 1
        for name in stale if not reanalyze else ():
            summary.stale[name] = summary.stale.get(name, 0) + 1
        if progress:
            progress(raw, "unchanged")


def _analyze_worker_init(gc_enabled: bool, store: Any) -> None:
    batching.collect_garbage_as(gc_enabled)
    store.forget_in_child()  # the parent holds the store's run lock; a worker that outlives it must not


def _analysed(todo: Iterator[Task], pipe: Pipeline, limits: Limits, workers: int,
              store: Any) -> Iterator[tuple[Task, Document | Outcome]]:
    if workers <= 1 or not batching.can_fork():
        for task in todo:
            yield task, run_one(task[0], pipe, limits)
        return

    def work(batch: list[bytes]) -> list[bytes]:
        out = []
        for blob in batch:
            task: Task = pickle.loads(blob)
            out.append(pickle.dumps((task, run_one(task[0], pipe, limits)), pickle.HIGHEST_PROTOCOL))
        return out

    def lost(batch: list[bytes], why: str) -> list[bytes]:
        out = []
        for blob in batch:
            task: Task = pickle.loads(blob)
            out.append(pickle.dumps((task, rejected(task[0], "worker_lost", why, limits))))
        return out

    blobs = (pickle.dumps(task, pickle.HIGHEST_PROTOCOL) for task in todo)
    results = batching.in_workers(blobs, work, workers=workers, size=len, warm_up=lambda: _warm_up(limits, pipe),
                                  init=lambda gc_enabled: _analyze_worker_init(gc_enabled, store), lost=lost,
                                  time_limit=limits.time_limit)
    try:
        for blob in results:
            yield pickle.loads(blob)
    finally:
        results.close()  # type: ignore[attr-defined]


def iter_docs(db: str) -> Iterator[dict[str, Any]]:
    """Stored documents as dicts (for reports and exports)."""
    from .store import connect, iter_table

    conn = connect(db, readonly=True)
    try:
        yield from iter_table(conn, "documents")
    finally:
        conn.close()


__all__ = ["analyze", "analyze_text", "extract_line", "extract_stream", "read_lines", "to_extract",
           "DEFAULT_MAX_BYTES", "DEFAULT_TIME_LIMIT", "Limits", "Quote", "Indicator", "Entity"]
