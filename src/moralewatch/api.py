"""The library the CLI, the dashboard and batch jobs call: ``analyze`` (inputs into the store) and ``extract``
(the JSONL contract of shared/spec/extract-jsonl.md)."""

from __future__ import annotations

import gc
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from .clean import RejectedInput, to_document
from .errors import rejection_reason
from .ingest import DEFAULT_MAX_BYTES, RawInput, parse_jsonl_line, read_inputs
from .model import Document, Entity, Indicator, Outcome, Quote
from .pipeline import Pipeline
from .stages import default_pipeline

# -- one document -------------------------------------------------------------------------------------------------


def analyze_text(text: str, pipeline: Pipeline | None = None, **meta: Any) -> Document:
    """Run the pipeline over one text (as a ``.txt`` input) and return the document."""
    raw = RawInput(meta.pop("source", "-"), format=meta.pop("format", "txt"), text=text, meta=meta)
    return (pipeline or default_pipeline()).run(to_document(raw))


# -- extract contract ---------------------------------------------------------------------------------------------

QUOTE_FIELDS = ("start", "end", "text", "kind", "speaker", "speaker_start", "speaker_end", "speaker_role", "side",
                "channel", "via", "cue", "confidence")
INDICATOR_FIELDS = ("indicator", "start", "end", "text", "subject_side", "claimant", "claimant_side", "channel",
                    "quote_index", "hedged", "negated", "confidence", "rule", "cue")
ENTITY_OPTIONAL = ("name", "lat", "lon", "country", "admin1", "geonameid", "value", "granularity")


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


def _worker_init() -> None:
    global _PIPELINE
    _PIPELINE = default_pipeline()


def extract_line(line: str | bytes, n: int = 0, pipeline: Pipeline | None = None) -> dict[str, Any]:
    """One output object for one input line; never raises."""
    obj, err = parse_jsonl_line(line, n)
    if err:
        code, detail = err
        return _error_line(_line_id(line), code, detail)
    assert obj is not None
    empty = {"id": obj["id"], "quotes": [], "indicators": [], "entities": [], "error": None}
    if not obj["text"].strip():
        return empty
    meta = {k: obj[k] for k in ("title", "date", "source", "url", "lang") if isinstance(obj.get(k), str)}
    raw = RawInput("-", f"line {n}", "jsonl", text=obj["text"], meta=meta | {"id": str(obj["id"])})
    pipe = pipeline or _PIPELINE or default_pipeline()
    try:
        doc = pipe.run(to_document(raw))
    except RejectedInput:
        return empty  # nothing but page furniture: no annotations, not an error
    except Exception as e:  # one bad document never stops the batch
        return empty | {"error": {"code": "stage_failed", "message": rejection_reason("stage_failed", repr(e))}}
    return to_extract(doc, obj["id"])


def _line_id(line: str | bytes) -> Any:
    """The ``id`` of a JSONL line if it has one, for the output line of an input that could not be analysed."""
    try:
        parsed = json.loads(line)
    except (ValueError, TypeError):
        return None
    return parsed.get("id") if isinstance(parsed, dict) else None


def _error_line(ext_id: Any, code: str, detail: str) -> dict[str, Any]:
    return {"id": ext_id, "quotes": [], "indicators": [], "entities": [],
            "error": {"code": code, "message": rejection_reason(code, detail)}}


def _extract_numbered(item: tuple[int, bytes]) -> str:
    n, line = item
    return json.dumps(extract_line(line, n), ensure_ascii=False)


def _extract_batch(batch: list[tuple[int, bytes]]) -> list[str]:
    """A worker's share: one message each way per batch, not per document (a pipe round trip per line would cost
    more than a short wire story's analysis)."""
    return [_extract_numbered(item) for item in batch]


#: a batch ends at this many lines or this many input bytes, whichever comes first. The byte limit keeps batches
#: of long articles small enough that no worker is left with a long last batch while the others idle (at 1 MiB
#: the 407 articles of nyt-guardian made 7 batches for 2 workers); 64 short wire stories stay one message.
BATCH_LINES = 64
BATCH_BYTES = 32 << 10
#: the input's last lines (up to this many lines or bytes) are held back and sent in batches of at most
#: ``TAIL_BATCH_BYTES`` once the input ends, so that the workers finish within a short batch of each other instead
#: of one waiting out the other's last full batch (~0.15 s of news articles)
TAIL_LINES = 2 * BATCH_LINES
TAIL_BYTES = 2 * BATCH_BYTES
TAIL_BATCH_BYTES = 4 << 10
#: batches in flight per worker: enough to keep every worker busy, few enough that memory stays flat
BATCHES_PER_WORKER = 3


def _batches(numbered: Iterable[tuple[int, bytes]]) -> Iterator[list[tuple[int, bytes]]]:
    """Bounded batches in input order: full ones while more than the tail's worth of input follows them, then the
    tail in small ones. At most a tail and a batch of input are held at a time."""
    held: deque[tuple[int, bytes]] = deque()
    size = 0

    def cut(max_lines: int, max_bytes: int) -> list[tuple[int, bytes]]:
        nonlocal size
        batch: list[tuple[int, bytes]] = []
        taken = 0
        while held and len(batch) < max_lines and taken < max_bytes:
            item = held.popleft()
            batch.append(item)
            taken += len(item[1])
        size -= taken
        return batch

    for item in numbered:
        held.append(item)
        size += len(item[1])
        while len(held) >= TAIL_LINES + BATCH_LINES or size >= TAIL_BYTES + BATCH_BYTES:
            yield cut(BATCH_LINES, BATCH_BYTES)
    while held:
        yield cut(BATCH_LINES, TAIL_BATCH_BYTES)


def extract_stream(lines: Iterable[bytes], out: IO[str], workers: int = 1) -> int:
    """The extract contract over a stream of lines, in input order. Returns the number of output lines.

    With several workers (forked processes, :mod:`moralewatch.workers`) the input is read lazily in bounded batches
    and at most ``BATCHES_PER_WORKER`` batches per worker are in flight, so memory does not grow with the size of
    the input; a worker that dies costs the lines of the batch it was on (each gets an output line with the error
    ``worker_lost``), not the run."""
    numbered = ((n, line) for n, line in enumerate(lines, 1) if line.strip())
    count = 0
    if workers <= 1 or not hasattr(os, "fork"):  # no fork (Windows): one process
        _worker_init()
        for item in numbered:
            out.write(_extract_numbered(item) + "\n")
            count += 1
        return count
    from . import workers as forked  # here, not at the top: one worker never needs it

    # Lexicons and patterns load once here; forked workers share them instead of loading their own. What is loaded
    # lives as long as the process, so the collector has nothing to find in it while it loads (its passes over the
    # growing heap cost ~15 ms), and frozen afterwards the workers' collector never walks it, and so never writes
    # to (and copies) the pages they share with this process.
    gc_enabled = gc.isenabled()
    gc.disable()
    try:
        _warm_up()
        gc.freeze()
        if gc_enabled:
            gc.enable()
        results = forked.ordered(_batches(numbered), _extract_batch, workers=workers, per_worker=BATCHES_PER_WORKER,
                                 init=lambda: _pool_worker_init(gc_enabled), lost=_lost_batch)
        try:
            for batch in results:
                count += _write_results(batch, out)
        finally:
            results.close()
    finally:
        gc.unfreeze()
        if gc_enabled:
            gc.enable()
    return count


def _lost_batch(batch: list[tuple[int, bytes]], why: str) -> list[str]:
    return [json.dumps(_error_line(_line_id(line), "worker_lost", why), ensure_ascii=False) for _, line in batch]


def _pool_worker_init(gc_enabled: bool) -> None:
    if gc_enabled:
        gc.enable()  # forked while the parent had it off for the warm-up
    _worker_init()


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


def _warm_up() -> None:
    """Run the default pipeline once on a short text so that every lazily loaded lexicon, gazetteer and compiled
    pattern is in memory before worker processes are forked."""
    _worker_init()
    assert _PIPELINE is not None
    _PIPELINE.run(to_document(RawInput("-", text=_WARM_UP)))


def _write_results(results: list[str], out: IO[str]) -> int:
    out.write("".join(r + "\n" for r in results))
    return len(results)


# -- analyze into the store ---------------------------------------------------------------------------------------


@dataclass
class RunSummary:
    run_id: int
    counts: dict[str, int] = field(default_factory=lambda: {"ok": 0, "duplicate": 0, "rejected": 0,
                                                            "unchanged": 0})
    rejected: list[Outcome] = field(default_factory=list)
    #: unchanged inputs whose stored document was made by other stage versions (stage name -> inputs)
    stale: dict[str, int] = field(default_factory=dict)


def _process(raw: RawInput, pipe: Pipeline) -> Document | Outcome:
    if raw.error:
        code, detail = raw.error
        return Outcome(raw.source, raw.locator, "rejected", code, rejection_reason(code, detail),
                       input_sha=raw.sha, size=raw.size)
    try:
        return pipe.run(to_document(raw))
    except RejectedInput as e:
        return Outcome(raw.source, raw.locator, "rejected", e.code, e.message, input_sha=raw.sha, size=raw.size)
    except Exception as e:
        return Outcome(raw.source, raw.locator, "rejected", "stage_failed",
                       rejection_reason("stage_failed", f"{type(e).__name__}: {e}"), input_sha=raw.sha,
                       size=raw.size)


def analyze(
    paths: Iterable[str], db: str, *, pipeline: Pipeline | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[RawInput, str], None] | None = None,
) -> RunSummary:
    """Read every input under ``paths``, run the pipeline, store each document in its own transaction, and record
    an outcome for every input. Inputs already stored with the same content are skipped; those whose stored
    document was made by other stage versions are counted in ``summary.stale`` (re-analysis in place is not built)."""
    paths = list(paths)
    from .store import Store  # here, not at the top: extract never needs it (start-up time)

    pipe = pipeline or default_pipeline()
    store = Store(db)
    stage_of = {name: pipe.stage_for(name) for name in ("quotes", "indicators", "entities")}
    summary = RunSummary(store.start_run(pipe.describe(), paths))
    status = "interrupted"
    try:
        for raw in read_inputs(paths, max_bytes=max_bytes):
            stale = store.unchanged(raw.source, raw.locator, raw.sha, pipe.stamps)
            if stale is not None:
                summary.counts["unchanged"] += 1
                for name in stale:
                    summary.stale[name] = summary.stale.get(name, 0) + 1
                if progress:
                    progress(raw, "unchanged")
                continue
            result = _process(raw, pipe)
            if isinstance(result, Outcome):
                store.record_rejection(result, summary.run_id)
                summary.rejected.append(result)
                state = "rejected"
            else:
                state = store.write(result, Outcome(raw.source, raw.locator, "ok", input_sha=raw.sha,
                                                    size=raw.size), summary.run_id, stage_of)
            summary.counts[state] += 1
            if progress:
                progress(raw, state)
        status = "done"
    finally:
        store.finish_run(summary.run_id, summary.counts, status)
        store.close()
    return summary


def iter_docs(db: str) -> Iterator[dict[str, Any]]:
    """Stored documents as dicts (for reports and exports)."""
    from .store import connect, iter_table

    conn = connect(db, readonly=True)
    try:
        yield from iter_table(conn, "documents")
    finally:
        conn.close()


__all__ = ["analyze", "analyze_text", "extract_line", "extract_stream", "to_extract", "DEFAULT_MAX_BYTES",
           "Quote", "Indicator", "Entity"]
