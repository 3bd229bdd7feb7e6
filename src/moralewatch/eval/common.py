"""What the scorers share: finding ``shared/`` and reading an extract output as predictions."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import MoraleWatchError


def shared_dir(hint: Path | None = None) -> Path:
    """``shared/``: $MORALEWATCH_SHARED, else beside the repository (or beside the working directory)."""
    env = os.environ.get("MORALEWATCH_SHARED")
    candidates = [Path(env)] if env else []
    if hint is not None:
        candidates += [p / "shared" for p in hint.resolve().parents]
    candidates += [Path(__file__).resolve().parents[3].parent / "shared", Path.cwd().parent / "shared",
                   Path.cwd() / "shared"]
    for c in candidates:
        if (c / "data" / "corpora").is_dir():
            return c
    raise MoraleWatchError("E401", "cannot find shared/data/corpora for the gold texts",
                           "set MORALEWATCH_SHARED to the shared directory")


def read_pred(path: str | Path, key: str, ids: Iterable[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """An extract output (JSONL) as ``{id: items}`` for one of ``quotes``, ``indicators``, ``entities``. A line that
    records an error (the document was rejected or a stage failed) has no predictions to score: if its id is one
    of ``ids`` (the gold documents; every line when ``ids`` is None) it is the coded error ``E408``, never an empty
    prediction that would score as "found nothing"; a gold document with no line at all is ``E409``."""
    wanted = None if ids is None else {str(i) for i in ids}
    out: dict[str, list[dict[str, Any]]] = {}
    failed: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                obj = json.loads(line)
                doc_id = str(obj["id"])
                err = obj.get("error")
                if err and (wanted is None or doc_id in wanted):
                    failed.append(f"{doc_id} ({err.get('code', '?') if isinstance(err, dict) else err})")
                out[doc_id] = obj.get(key) or []
    missing = sorted(wanted - out.keys()) if wanted is not None else []
    if missing:
        raise MoraleWatchError(
            "E409", f"{len(missing)} gold document(s) have no line in {path}: "
                    f"{', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}",
            "run extract on every document the gold set names (the gold file's ids) and pass that output as PRED")
    if failed:
        raise MoraleWatchError(
            "E408", f"{len(failed)} gold document(s) have an error line in {path}, not predictions: "
                    f"{', '.join(failed[:5])}{' ...' if len(failed) > 5 else ''}",
            "fix the cause the error names and run extract again on those documents")
    return out


def extracted(result: dict[str, Any], doc_id: str) -> dict[str, Any]:
    """``result`` (an ``extract_line`` output for a gold document), or ``E403`` when it records an error: a stage
    that failed or an input the pipeline rejected must never score as a document where nothing was found."""
    err = result.get("error")
    if err:
        raise MoraleWatchError("E403", f"the pipeline failed on {doc_id}: {err.get('code')}: {err.get('message')}",
                               "fix the stage, or pass predictions as PRED")
    return result


def corpus_records(path: str | Path, ids: set[str]) -> dict[str, dict[str, Any]]:
    """The records of a corpus JSONL (``id``, ``text``, ``date``...) whose ids a gold set names."""
    out: dict[str, dict[str, Any]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            if obj.get("id") in ids:
                out[obj["id"]] = obj
    return out


def sha12(text: str) -> str:
    """The first 12 hex digits of a span's SHA-1: how the gold sets pin their offsets to the corpus text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def gold_and_texts(gold_path: str | Path) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The lines of an offset-only gold file whose lines each name their corpus (``corpus``, ``id``), and the
    records of ``shared/data/corpora/<corpus>.jsonl`` they point into, by id (ids missing from their corpus are the
    caller's to report)."""
    gold = [json.loads(x) for x in Path(gold_path).read_text(encoding="utf-8").splitlines() if x.strip()]
    shared = shared_dir(Path(gold_path))
    records: dict[str, dict[str, Any]] = {}
    for name in sorted({g["corpus"] for g in gold}):
        path = shared / "data" / "corpora" / f"{name}.jsonl"
        if "/" in name or not path.is_file():
            raise MoraleWatchError("E215", f"{gold_path} names the corpus {name!r}, which is not {path}",
                                   "check the gold lines' corpus field against the files in shared/data/corpora")
        records.update(corpus_records(path, {g["id"] for g in gold if g["corpus"] == name}))
    return gold, records
