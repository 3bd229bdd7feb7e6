"""Downloads of what each dashboard view shows (issue 18, item 1): the same filters, the same rows, as CSV or JSONL
(and GeoJSON for places). The endpoints are ``/api/download/{view}.{format}`` (``app.py``).

- ``evidence``: every item that matches (not only the page on screen), newest first as the view lists them, with
  the columns of ``moralewatch export --table evidence`` (the store's ``evidence_flat`` view);
- ``trends``: one row per indicator, split key and period: asserted, hedged, negated, documents with the
  indicator, independent stories with it (a document and its copies count once, as the chart counts by default),
  and the documents analysed in that period (the per-100-documents denominator);
- ``places``: the places of the view with their coordinates (GeoJSON: a Feature per located place; the unlocated
  ones in the collection's ``unlocated`` member, the items without a place in ``without_place``);
- ``outlets`` and ``speakers``: the two tables of the Sources view.

CSV cells a spreadsheet would run as a formula get a leading ``'`` (as ``export``'s CSV).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..errors import MoraleWatchError
from ..export import EVIDENCE_COLUMNS, EVIDENCE_SELECT, csv_lines, jsonl_lines
from ..store import connect
from . import views as Q
from .filters import Filters
from .index import FactIndex

#: view -> formats it can be downloaded as
FORMATS: dict[str, tuple[str, ...]] = {
    "evidence": ("csv", "jsonl"), "trends": ("csv", "jsonl"), "places": ("csv", "jsonl", "geojson"),
    "outlets": ("csv", "jsonl"), "speakers": ("csv", "jsonl"),
}
MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson", "geojson": "application/geo+json"}
#: evidence rows fetched from SQLite per query
CHUNK = 500

TREND_COLUMNS = ["period", "indicator", "split", "key", "asserted", "hedged", "negated", "docs", "stories",
                 "documents_analysed"]
PLACE_COLUMNS = ["place", "lat", "lon", "country", "items", "docs", "ru", "ua", "hedged", "negated"]
OUTLET_COLUMNS = ["outlet", "items", "by_side", "about_ru", "about_ua"]
SPEAKER_COLUMNS = ["speaker", "side", "role", "items", "docs", "hedged", "negated"]


def check(view: str, fmt: str) -> None:
    if view not in FORMATS:
        raise MoraleWatchError("E404", f"no download for the view {view[:40]!r}",
                               f"use one of: {', '.join(FORMATS)}")
    if fmt not in FORMATS[view]:
        raise MoraleWatchError("E500", f"the view {view} downloads as {', '.join(FORMATS[view])}, not {fmt[:20]!r}",
                               "see /docs for the parameters of each call")


def evidence_rowids(ix: FactIndex, f: Filters) -> list[int]:
    """The ``evidence_facts`` rowids the evidence view lists for ``f``, in its order (newest first)."""
    with ix.lock.read():
        m = ix.mask(f)
        total = int(m.sum())
        return ix.newest(m, 0, total) if total else []


def evidence_rows(ix: FactIndex, db: str, f: Filters) -> Iterator[dict[str, Any]]:
    """The evidence view's items for ``f``, all of them, read through a connection of their own (a streamed
    response is read in whichever worker thread is free: a thread's connection is not this one's to use)."""
    rowids = evidence_rowids(ix, f)
    conn = connect(db, readonly=True)
    try:
        yield from _evidence_chunks(conn, rowids)
    finally:
        conn.close()


def _evidence_chunks(conn: Any, rowids: list[int]) -> Iterator[dict[str, Any]]:
    cols = ", ".join("e." + c for c in EVIDENCE_COLUMNS)
    for i in range(0, len(rowids), CHUNK):
        chunk = rowids[i:i + CHUNK]
        rows = {r["_r"]: r for r in (dict(x) for x in conn.execute(
            f"SELECT f.rowid AS _r, {cols} FROM evidence_facts f JOIN ({EVIDENCE_SELECT}) e ON e.document_id = "
            f"f.document_id AND e.idx = f.idx WHERE f.rowid IN ({', '.join('?' * len(chunk))})", chunk))}
        for r in chunk:
            row = rows.get(r)
            if row is None:  # deleted since the index was read
                continue
            del row["_r"]
            for b in ("hedged", "negated"):
                row[b] = bool(row[b]) if row[b] is not None else None
            row["via"] = json.loads(row["via"]) if row["via"] is not None else None
            yield row


def trend_rows(ix: FactIndex, f: Filters, interval: str, split: str) -> list[dict[str, Any]]:
    t = Q.trends(ix, f, interval, split)
    out = []
    for ind in t["indicators"]:
        for s in ind["series"]:
            for p, period in enumerate(t["periods"]):
                out.append({"period": period, "indicator": ind["indicator"], "split": t["split"], "key": s["key"],
                            "asserted": s["asserted"][p], "hedged": s["hedged"][p], "negated": s["negated"][p],
                            "docs": s["docs"][p], "stories": s["stories"][p],
                            "documents_analysed": t["denominator"][p]})
    return out


def body(view: str, fmt: str, ix: FactIndex, db: str, f: Filters, interval: str = "auto",
         split: str = "subject_side") -> Iterator[str]:
    """The text of a download, streamed."""
    check(view, fmt)
    rows: Any
    if view == "evidence":
        cols, rows = list(EVIDENCE_COLUMNS), evidence_rows(ix, db, f)
    elif view == "trends":
        cols, rows = TREND_COLUMNS, trend_rows(ix, f, interval, split)
    elif view == "places":
        p = Q.places(ix, f)
        if fmt == "geojson":
            return iter([json.dumps(geojson(p), ensure_ascii=False)])
        cols, rows = PLACE_COLUMNS, p["places"] + p["unlocated"]
    else:
        s = Q.sources(ix, f)
        cols, rows = (OUTLET_COLUMNS, s["outlets"]) if view == "outlets" else (SPEAKER_COLUMNS, s["speakers"])
    return csv_lines(rows, cols) if fmt == "csv" else jsonl_lines(rows, cols)


def geojson(p: dict[str, Any]) -> dict[str, Any]:
    """The places view as a GeoJSON FeatureCollection (RFC 7946: [longitude, latitude])."""
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                 "properties": {k: r[k] for k in PLACE_COLUMNS if k not in ("lat", "lon")}} for r in p["places"]]
    return {"type": "FeatureCollection", "features": features,
            "unlocated": [{k: r.get(k) for k in PLACE_COLUMNS if k not in ("lat", "lon", "country")}
                          for r in p["unlocated"]],
            "without_place": p["without_place"], "filters": p["filters"]}
