"""The corpus stage (issue 16): which documents are copies of one story, which stories report one event, and
how many independent stories carry each quote and indicator.

- :mod:`.features` sketches a text (MinHash of word 3-shingles and of names and numbers);
- :mod:`.relate` decides how two documents relate (thresholds fixed on gold/stories dev pairs);
- :mod:`.flags` reads quality flags off a text (``machine_garbled``, ``spun_copy``);
- :mod:`.index` groups documents incrementally (LSH buckets, persisted state);
- :mod:`.counts` counts independent stories per claim in the store.

``moralewatch stories IN.jsonl -o OUT.jsonl`` writes one line per input line::

    {"id": "...", "story": "s-…", "event": "e-…", "relation": "original|copy|update|abridged|rewrite|translation",
     "first_source": "<id of the story's earliest-published member>", "flags": ["machine_garbled", ...]}

An input line that cannot be read gets ``{"line": N, "id": ..., "error": CODE, "message": ..., "fix": ...}`` with a
rejection code of :data:`moralewatch.errors.REJECTIONS`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import IO

from .index import BATCH, Assignment, StoryIndex

__all__ = ["Assignment", "StoryIndex", "stories_stream"]


def _reject(n: int, doc_id: object, code: str, message: str) -> dict[str, object]:
    from ..errors import REJECTIONS

    fix = REJECTIONS[code][1] if code in REJECTIONS else ""
    return {"line": n, "id": doc_id, "error": code, "message": message, "fix": fix}


def stories_stream(lines: Iterable[bytes | str], out: IO[str], state: sqlite3.Connection | None = None) -> dict[str,
                                                                                                                int]:
    """Group the documents of a JSONL stream; write one line per input line, in input order, when all are read.

    With ``state`` (a SQLite connection), the index is loaded from it first and saved to it at the end, so a later
    run adds its documents to the same stories. Returns counts: documents, stories, events, rejected.
    """
    idx = StoryIndex.load(state) if state is not None else StoryIndex()
    order: list[str | dict[str, object]] = []
    batch: list[tuple[str, str, str | None, str | None, str | None]] = []  # grouped a batch at a time (add_many)
    rejected = 0
    for n, raw in enumerate(lines, 1):
        if len(batch) >= BATCH:
            idx.add_many(batch)
            batch.clear()
        line = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as e:
            order.append(_reject(n, None, "malformed_json", str(e)[:200]))
            rejected += 1
            continue
        if not isinstance(obj, dict) or "id" not in obj or "text" not in obj:
            order.append(_reject(n, obj.get("id") if isinstance(obj, dict) else None, "missing_field",
                                 "each line needs an id and a text"))
            rejected += 1
            continue
        doc_id, text = obj["id"], obj["text"]
        if not isinstance(doc_id, str | int) or isinstance(doc_id, bool) or not isinstance(text, str):
            order.append(_reject(n, None, "bad_field", "id must be a string or number, text a string"))
            rejected += 1
            continue
        title = obj.get("title") if isinstance(obj.get("title"), str) else None
        day = obj.get("date") if isinstance(obj.get("date"), str) else None
        source = obj.get("source") if isinstance(obj.get("source"), str) else None
        batch.append((str(doc_id), text, title, day, source))
        order.append(str(doc_id))
    idx.add_many(batch)
    for item in order:
        row = item if isinstance(item, dict) else idx.assignment(item).to_json()
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    if state is not None:
        idx.save(state)
    ids = [i for i in order if isinstance(i, str)]
    stories = {idx.assignment(i).story for i in ids}
    events = {idx.assignment(i).event for i in ids}
    return {"documents": len(ids), "stories": len(stories), "events": len(events), "rejected": rejected}
