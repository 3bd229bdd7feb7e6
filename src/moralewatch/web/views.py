"""Every read the dashboard, the report and the JSON API make, over a read-only connection.

Aggregates (trends, places, sources, pages of evidence) are vector operations over the in-memory
:class:`~.index.FactIndex`; rows, articles, full-text matches (FTS5) and coordinates are read with parameterised
SQL only: values never reach SQL text. Hedged and negated items are counted apart everywhere (codebook rule 5),
and every trend carries its denominator: the documents analysed in the period.

Independent sources (issue 16): trends also count **stories** (a document and its copies, the corpus stage's
``story_members``): evidence repeated in ten copies of one wire story counts once. A document not grouped yet
(a store written by an older version, or an ``analyze`` still running) is its own story.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

import numpy as np

from ..errors import MoraleWatchError
from ..model import CHANNELS, INDICATORS, ROLES, SIDES, SUBJECT_SIDES
from .filters import Filters, bad
from .index import NO_DAY, FactIndex, day_num, distinct_docs, group, iso_day

INTERVALS = ("auto", "day", "week", "month")
SPLITS = ("none", "subject_side", "claimant_side", "channel")
MAX_LIMIT = 500  # evidence items per page
MAX_OFFSET = 10_000_000
MAX_PERIODS = 5000  # periods of one trend


_View = TypeVar("_View", bound=Callable[..., Any])


def _locked(view: _View) -> _View:
    """Run a view holding the index's lock for reading: a refresh (another request's) never swaps arrays under
    it, and other views run meanwhile."""

    @functools.wraps(view)
    def run(ix: FactIndex, *args: Any, **kwargs: Any) -> Any:
        with ix.lock.read():
            return view(ix, *args, **kwargs)

    return run  # type: ignore[return-value]


def _rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(sql, params)]



# -- meta ---------------------------------------------------------------------------------------------------------


@_locked
def meta(ix: FactIndex) -> dict[str, Any]:
    """What the filter controls offer, the store's size and its date range."""
    dated = ix.day[ix.day != NO_DAY]
    ddated = ix.doc_day[ix.doc_day != NO_DAY]
    outlet_n = np.bincount(ix.doc_outlet, minlength=len(ix.vocab["outlet"].values))
    place_n = np.bincount(ix.cols["place"], minlength=len(ix.vocab["place"].values))

    def top(counts: np.ndarray, voc: Any) -> list[Any]:
        return [voc.values[i] for i in np.argsort(-counts, kind="stable") if i and counts[i]][:300]

    return {
        "counts": {"documents": int(ix.doc_day.size), "indicators": int(ix.n),
                   "quotes": ix.n_quotes, "undated": int(ix.day.size - dated.size)},
        "evidence_range": [iso_day(dated.min()), iso_day(dated.max())] if dated.size else [None, None],
        "document_range": [iso_day(ddated.min()), iso_day(ddated.max())] if ddated.size else [None, None],
        "options": {
            "indicator": list(INDICATORS), "subject_side": list(SUBJECT_SIDES), "claimant_side": list(SIDES),
            "channel": list(CHANNELS), "speaker_role": list(ROLES),
            "outlet": top(outlet_n, ix.vocab["outlet"]), "place": top(place_n, ix.vocab["place"]),
        },
        "intervals": list(INTERVALS), "splits": list(SPLITS),
    }


# -- trends -------------------------------------------------------------------------------------------------------


def _period_codes(days: np.ndarray, interval: str) -> np.ndarray:
    """Each day number as the number of its period: the day, its week's Monday, or its month (year * 12 + m)."""
    if interval == "day":
        return days.astype(np.int64)
    if interval == "week":
        weeks: np.ndarray = (days - (days + 3) % 7).astype(np.int64)
        return weeks  # 1970-01-01 was a Thursday
    if days.size == 0:
        return np.zeros(0, np.int64)
    lo, hi = int(days.min()), int(days.max())  # a lookup table over the days spanned, built by numpy
    lut = np.arange(lo, hi + 1).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) + 1970 * 12
    months: np.ndarray = lut[days - lo]
    return months


def _period_label(code: int, interval: str) -> str:
    if interval == "month":
        return date(code // 12, code % 12 + 1, 1).isoformat()
    return iso_day(code)


def _period_span(lo: str, hi: str, interval: str) -> tuple[int, int, int]:
    """The first period's code, the step between codes and the number of periods from ``lo`` to ``hi``."""
    a = _period_codes(np.array([day_num(lo, {}), day_num(hi, {})], np.int32), interval)
    step = 7 if interval == "week" else 1
    return int(a[0]), step, (int(a[1]) - int(a[0])) // step + 1


def _periods(first: int, step: int, n: int, interval: str) -> list[str]:
    """Every period from the first on (empty ones too, so a gap shows as a gap)."""
    return [_period_label(first + i * step, interval) for i in range(n)]


def _auto_interval(lo: str | None, hi: str | None) -> str:
    span = (date.fromisoformat(hi) - date.fromisoformat(lo)).days if lo and hi else 0
    return "day" if span <= 92 else "week" if span <= 800 else "month"


def _clamp(f: Filters, ix: FactIndex, days: np.ndarray) -> tuple[str | None, str | None]:
    """The range a trend covers: the filter's dates, or the matching evidence's first and last day; a filter date
    outside the store's documents is moved to the store's first or last day (no period before the first document
    or after the last one can hold anything), so ``since=0001-01-01`` costs nothing."""
    lo = f.since or (iso_day(days.min()) if days.size else None)
    hi = f.until or (iso_day(days.max()) if days.size else None)
    if not (lo and hi):
        return None, None
    if not (f.since or f.until):  # the evidence's own days: inside the store's range
        return lo, hi
    known = np.concatenate([ix.day[ix.day != NO_DAY], ix.doc_day[ix.doc_day != NO_DAY]])
    if not known.size:
        return None, None
    first, last = iso_day(known.min()), iso_day(known.max())
    lo, hi = max(lo, first), min(hi, last)
    return (lo, hi) if lo <= hi else (None, None)


@_locked
def trends(ix: FactIndex, f: Filters, interval: str = "auto", split: str = "subject_side") -> dict[str, Any]:
    """Per indicator and period: evidence items (asserted, hedged and negated apart) and distinct documents, split
    by a side or the channel, with the documents analysed in each period as the denominator. At most
    ``MAX_PERIODS`` periods: a longer range asks for a coarser interval."""
    if split not in SPLITS:
        raise bad("split", split, SPLITS)
    if interval not in INTERVALS:
        raise bad("interval", interval, INTERVALS)
    m = ix.mask(f)
    undated = int(np.count_nonzero(m & (ix.day == NO_DAY)))
    m &= ix.day != NO_DAY
    days = ix.day[m]
    lo, hi = _clamp(f, ix, days)
    if interval == "auto":
        interval = _auto_interval(lo, hi)
    if not (lo and hi):
        return {"interval": interval, "split": split, "periods": [], "denominator": [], "indicators": [],
                "undated": undated, "filters": f.as_dict()}
    first, step, np_ = _period_span(lo, hi, interval)
    if np_ > MAX_PERIODS:
        coarser = [i for i in INTERVALS[INTERVALS.index(interval) + 1:]
                   if _period_span(lo, hi, i)[2] <= MAX_PERIODS]
        raise MoraleWatchError(
            "E501", f"invalid interval: {interval} from {lo} to {hi} gives {np_:,} periods, more than "
            f"{MAX_PERIODS:,}", (f"use interval={coarser[0]}, or " if coarser else "") + "narrow since/until")
    periods = _periods(first, step, np_, interval)
    np_ = len(periods)
    pidx = (_period_codes(days, interval) - first) // step
    ind = ix.cols["indicator"][m].astype(np.int64)
    skeys = ix.cols[split][m].astype(np.int64) if split != "none" else np.zeros(days.size, np.int64)
    kvoc = ix.vocab[split].values if split != "none" else ["all"]
    ni, nk = len(ix.vocab["indicator"].values), max(len(kvoc), 1)
    size = ni * nk * np_
    g = (ind * nk + skeys) * np_ + pidx
    hed, neg = ix.hedged[m], ix.negated[m]
    items = np.bincount(g, minlength=size).reshape(ni, nk, np_)
    hedged = np.bincount(g[hed], minlength=size).reshape(ni, nk, np_)
    negated = np.bincount(g[neg], minlength=size).reshape(ni, nk, np_)
    asserted = np.bincount(g[~hed & ~neg], minlength=size).reshape(ni, nk, np_)
    docs = distinct_docs(g, ix.doc[m], size).reshape(ni, nk, np_)
    ind_docs = distinct_docs(ind, ix.doc[m], ni)
    stories, ind_stories = _story_counts(ix, m, ind, ind * nk + skeys, pidx, np_, ni, nk, docs, ind_docs)
    out: list[dict[str, Any]] = []
    for i in np.flatnonzero(items.sum(axis=(1, 2))):
        series = [{"key": str(kvoc[k]) if kvoc[k] is not None else "unknown", "asserted": asserted[i, k].tolist(),
                   "hedged": hedged[i, k].tolist(), "negated": negated[i, k].tolist(), "docs": docs[i, k].tolist(),
                   "stories": stories[i, k].tolist()}
                  for k in np.flatnonzero(items[i].sum(axis=1))]
        series.sort(key=lambda s: s["key"])
        out.append({"indicator": ix.vocab["indicator"].values[i], "items": int(items[i].sum()),
                    "asserted": int(asserted[i].sum()), "hedged": int(hedged[i].sum()),
                    "negated": int(negated[i].sum()), "docs": int(ind_docs[i]), "stories": int(ind_stories[i]),
                    "series": series})
    out.sort(key=lambda x: (-int(x["items"]), str(x["indicator"])))
    return {"interval": interval, "split": split, "periods": periods,
            "denominator": denominator(ix, f, interval, first, step, np_), "indicators": out, "undated": undated,
            "filters": f.as_dict()}


_STORY_CODES: dict[int, tuple[tuple[int, Any, int], tuple[np.ndarray, np.ndarray]]] = {}


def _story_counts(ix: FactIndex, m: np.ndarray, ind: np.ndarray, series: np.ndarray, pidx: np.ndarray, np_: int,
                  ni: int, nk: int, docs: np.ndarray, ind_docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Independent stories per indicator, split key and period, and per indicator. A document alone in its story
    (ungrouped, or no copy found) is its story, and all its rows share its day: those rows count as documents do
    (``docs``, ``ind_docs``, already computed); only the rows of stories with several documents are sorted."""
    codes, multi_doc = story_codes(ix)
    multi = multi_doc[ix.doc[m]]
    if not multi.any():
        return docs, ind_docs
    doc = ix.doc[m]
    single = ~multi
    size = ni * nk * np_
    stories = distinct_docs(series[single] * np_ + pidx[single], doc[single], size) + \
        first_periods(series[multi], codes[doc[multi]], pidx[multi], np_, ni * nk)
    ind_stories = distinct_docs(ind[single], doc[single], ni) + distinct_docs(ind[multi], codes[doc[multi]], ni)
    return stories.reshape(ni, nk, np_), ind_stories


def story_codes(ix: FactIndex) -> tuple[np.ndarray, np.ndarray]:
    """The story of each document of the index (by its document code) as an integer (an ungrouped document gets a
    code of its own), and whether that story has several documents. Read from ``story_members`` once per store
    change, and cached."""
    key = (ix.generation, ix.version, len(ix.docs.values))
    hit = _STORY_CODES.get(id(ix))
    if hit is not None and hit[0] == key:
        return hit[1]
    with ix.sql() as conn:
        cur = conn.cursor()
        cur.row_factory = None
        try:
            of = dict(cur.execute("SELECT id, story FROM story_members").fetchall())
        except sqlite3.OperationalError:  # a store of an older version, opened read-only: no stories yet
            of = {}
    codes: dict[str, int] = {}
    out = np.fromiter((codes.setdefault(of[d], len(codes)) if d in of else -1 for d in ix.docs.values),
                      dtype=np.int64, count=len(ix.docs.values))
    alone = np.flatnonzero(out < 0)
    out[alone] = len(codes) + np.arange(alone.size)
    multi = np.bincount(out)[out] >= 2 if out.size else np.zeros(0, bool)
    _STORY_CODES[id(ix)] = (key, (out, multi))
    return out, multi


def first_periods(series: np.ndarray, story: np.ndarray, period: np.ndarray, n_periods: int,
                  n_series: int) -> np.ndarray:
    """Independent stories per series and period: each story counts once in a series, in the first period it
    appears in (a copy published a day after its original adds nothing to the next day)."""
    if series.size == 0:
        return np.zeros(n_series * n_periods, np.int64)
    pair = series.astype(np.int64) * (int(story.max()) + 1) + story
    order = np.lexsort((period, pair))
    first = np.ones(order.size, bool)
    first[1:] = pair[order][1:] != pair[order][:-1]
    keep = order[first]
    return np.bincount(series[keep].astype(np.int64) * n_periods + period[keep], minlength=n_series * n_periods)


def denominator(ix: FactIndex, f: Filters, interval: str, first: int, step: int, n: int) -> list[int]:
    """Documents analysed per period: all stored documents published in it (of the chosen outlets, if any)."""
    m = ix.doc_day != NO_DAY
    if f.outlet:
        m &= np.isin(ix.doc_outlet, ix.vocab["outlet"].lookup(f.outlet))
    p = (_period_codes(ix.doc_day[m], interval) - first) // step
    p = p[(p >= 0) & (p < n)]
    return [int(x) for x in np.bincount(p, minlength=n).tolist()]


# -- evidence -----------------------------------------------------------------------------------------------------

_EVIDENCE_COLS = ("f.document_id, f.idx, f.day, f.outlet, f.indicator, f.subject_side, f.claimant, f.claimant_side, "
                  "f.channel, f.speaker_role, f.place, f.hedged, f.negated, i.text, i.confidence, i.rule, i.cue, "
                  "i.quote_index, d.title")
_SORTS = ("newest", "oldest")


def _by_rowid(conn: sqlite3.Connection, rowids: list[int], extra: str = "") -> list[dict[str, Any]]:
    if not rowids:
        return []
    rows = _rows(conn, f"SELECT f.rowid AS _r, {_EVIDENCE_COLS}{extra} FROM evidence_facts f JOIN indicators i ON "
                       f"i.document_id = f.document_id AND i.idx = f.idx JOIN documents d ON d.id = f.document_id "
                       f"WHERE f.rowid IN ({', '.join('?' * len(rowids))})", rowids)
    order = {r: i for i, r in enumerate(rowids)}
    rows.sort(key=lambda r: order[r["_r"]])
    for r in rows:
        del r["_r"]
        r["hedged"], r["negated"] = bool(r["hedged"]), bool(r["negated"])
    return rows


@_locked
def evidence(ix: FactIndex, f: Filters, limit: int = 50, offset: int = 0, sort: str = "newest") -> dict[str, Any]:
    """A page of evidence items (newest first) and the total that match."""
    if sort not in _SORTS:
        raise bad("sort", sort, _SORTS)
    if not 1 <= limit <= MAX_LIMIT:
        raise bad("limit", limit, f"a number from 1 to {MAX_LIMIT}")
    if not 0 <= offset <= MAX_OFFSET:
        raise bad("offset", offset, f"a number from 0 to {MAX_OFFSET:,}")
    m = ix.mask(f)
    page = ix.newest(m, offset, limit, sort == "oldest")
    with ix.sql() as conn:
        items = _by_rowid(conn, page)
    return {"total": int(np.count_nonzero(m)), "limit": limit, "offset": offset, "items": items,
            "filters": f.as_dict()}


def evidence_item(conn: sqlite3.Connection, document_id: str, idx: int) -> dict[str, Any]:
    """One evidence item with its article: the span, the quote (speaker, via-chain, cue), the place with its
    coordinates, the date, why it fired (rule, cue, confidence), and the document's other indicators."""
    ind = conn.execute("SELECT * FROM indicators WHERE document_id = ? AND idx = ?", (document_id, idx)).fetchone()
    if ind is None:
        raise MoraleWatchError("E404", f"no evidence item {document_id}/{idx}",
                               "pick an item from /api/evidence; the store may have been rebuilt")
    item = dict(ind)
    item["hedged"], item["negated"] = bool(item["hedged"]), bool(item["negated"])
    doc = dict(conn.execute("SELECT id, title, outlet, published, url, author, lang, source, text FROM documents "
                            "WHERE id = ?", (document_id,)).fetchone())
    quote = None
    if item.get("quote_index") is not None:
        row = conn.execute("SELECT * FROM quotes WHERE document_id = ? AND idx = ?",
                           (document_id, item["quote_index"])).fetchone()
        if row is not None:
            from ..store import decode_row
            from ..store.schema import ANNOTATION_TABLES

            quote = decode_row(ANNOTATION_TABLES["quotes"], row)
    place = None
    if item.get("place"):
        place = _one(conn, "SELECT name, lat, lon, country, start, end FROM entities WHERE document_id = ? AND "
                           "type = 'place' AND (name = ? OR text = ?) ORDER BY start LIMIT 1",
                     (document_id, item["place"], item["place"]))
        place = place or _one(conn, "SELECT name, avg(lat) AS lat, avg(lon) AS lon, max(country) AS country FROM "
                                    "entities WHERE type = 'place' AND name = ? AND lat IS NOT NULL GROUP BY name",
                              (item["place"],))
    others = _rows(conn, "SELECT idx, indicator, start, end, subject_side, hedged, negated FROM indicators "
                         "WHERE document_id = ? AND idx != ? ORDER BY start", (document_id, idx))
    from ..corpus.store import independent, story_summary

    return {"indicator": item, "document": doc, "quote": quote, "place": place, "others": others,
            "independent": independent(conn, "indicator", document_id, idx),
            "quote_independent": independent(conn, "quote", document_id, item["quote_index"])
            if item.get("quote_index") is not None else None,
            "story": story_summary(conn, document_id)}


def _one(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> dict[str, Any] | None:
    row = conn.execute(sql, params).fetchone()
    return dict(row) if row is not None else None




# -- stories: copies and independent sources (issue 16) ----------------------------------------------------------


def stories(conn: sqlite3.Connection, limit: int = 50, min_documents: int = 2,
            docs: set[str] | None = None) -> dict[str, Any]:
    """The stories with the most documents (copies of one original), each with its first source's title, outlet
    and day, and how many stories and documents the store holds. With ``docs`` (the documents holding the evidence
    the view's filters select, :func:`filtered_documents`), only the stories with one of them; ``n_matching`` is
    then how many such stories there are."""
    from ..corpus.store import has_stories

    if not has_stories(conn):
        return {"stories": [], "n_stories": 0, "n_documents": 0, "grouped": False}
    sql = ("SELECT s.id AS story, s.event, s.first_source, s.n_documents AS documents, "
           "date(coalesce(d.published, s.first_published)) AS day, d.title, d.outlet FROM stories s "
           "LEFT JOIN documents d ON d.id = s.first_source WHERE s.n_documents >= ? "
           "ORDER BY s.n_documents DESC, day DESC, s.id")
    n_stories, n_docs = conn.execute("SELECT count(*), coalesce(sum(n_documents), 0) FROM stories").fetchone()
    if docs is None:
        items = _rows(conn, sql + " LIMIT ?", (min_documents, limit))
        return {"stories": items, "n_stories": n_stories, "n_documents": n_docs, "grouped": True}
    # stories with copies are few beside the documents: their members are read and matched here
    hit = {sid for sid, member in conn.execute(
        "SELECT m.story, m.id FROM story_members m JOIN stories s ON s.id = m.story WHERE s.n_documents >= ?",
        (min_documents,)) if member in docs}
    items = [r for r in _rows(conn, sql, (min_documents,)) if r["story"] in hit]
    return {"stories": items[:limit], "n_stories": n_stories, "n_documents": n_docs, "grouped": True,
            "n_matching": len(items)}


@_locked
def filtered_documents(ix: FactIndex, f: Filters) -> set[str] | None:
    """The documents that hold evidence the filters select (``None`` when nothing is filtered)."""
    if f == Filters():
        return None
    codes = np.unique(ix.doc[ix.mask(f)])
    return {str(ix.docs.values[int(c)]) for c in codes}


def story(conn: sqlite3.Connection, story_id: str) -> dict[str, Any]:
    """The Copies view of one story: its members, their relation, flags and differences, and its first source."""
    from ..corpus.store import copies

    c = copies(conn, story_id)
    if c is None:
        raise MoraleWatchError("E404", f"no story {story_id}", "pick a story from /api/stories or an evidence item")
    return c


# -- places and sources -------------------------------------------------------------------------------------------


@_locked
def places(ix: FactIndex, f: Filters, limit: int = 300) -> dict[str, Any]:
    """Evidence by the place it is about, with coordinates from the place entities (unlocated ones listed apart)."""
    m = ix.mask(f)
    pl = ix.cols["place"][m].astype(np.int64)
    voc = ix.vocab["place"]
    size = len(voc.values)
    items = np.bincount(pl, minlength=size)
    side = ix.cols["subject_side"][m]
    ru_c, ua_c = ix.vocab["subject_side"].codes.get("ru", -1), ix.vocab["subject_side"].codes.get("ua", -1)
    ru = np.bincount(pl[side == ru_c], minlength=size)
    ua = np.bincount(pl[side == ua_c], minlength=size)
    hed = np.bincount(pl[ix.hedged[m]], minlength=size)
    neg = np.bincount(pl[ix.negated[m]], minlength=size)
    docs = distinct_docs(pl, ix.doc[m], size)
    order = [int(i) for i in np.lexsort((np.arange(size), -items)) if i and items[i]][:limit]
    rows: list[dict[str, Any]] = [{"place": voc.values[i], "items": int(items[i]), "docs": int(docs[i]), "ru": int(ru[i]), "ua": int(ua[i]),
             "hedged": int(hed[i]), "negated": int(neg[i])} for i in order]
    with ix.sql() as conn:
        coords = place_coords(conn, [r["place"] for r in rows], ix.coords)
    located: list[dict[str, Any]] = []
    unlocated: list[dict[str, Any]] = []
    for r in rows:
        c = coords.get(r["place"])
        r["kind"] = place_kind(r["place"], c)
        (located if c else unlocated).append(r | ({"lat": c[0], "lon": c[1], "country": c[2]} if c else {}))
    return {"places": located, "unlocated": unlocated, "without_place": int(items[0]), "filters": f.as_dict()}


@functools.lru_cache(maxsize=1)
def place_kinds() -> tuple[dict[int, str], dict[str, str]]:
    """The gazetteer's kind of each place name (city, region, country, continent): the map draws only points
    (cities and towns) as points; countries and regions are areas, listed apart. Read once from the shipped
    gazetteer tables (about 12,000 rows)."""
    from importlib import resources

    by_id: dict[int, str] = {}
    by_name: dict[str, str] = {}
    base = resources.files("moralewatch") / "data" / "gazetteer"
    for name in ("extra.tsv", "places.tsv"):
        for line in (base / name).read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("#") or len(cols) < 3 or cols[0] == "geonameid":
                continue
            if cols[0].isdigit():
                by_id.setdefault(int(cols[0]), cols[2])
            by_name.setdefault(cols[1], cols[2])
    return by_id, by_name


def place_coords(conn: sqlite3.Connection, names: Sequence[str],
                 cache: dict[str, Any] | None = None) -> dict[str, tuple[float, float, str | None]]:
    """Coordinates of place names, from the place entities the entity stage resolved (the first located mention
    of each name, found through the entities index)."""
    cache = {} if cache is None else cache
    for name in names:
        if name not in cache:
            row = conn.execute("SELECT lat, lon, country, geonameid FROM entities WHERE type = 'place' AND name = ? "
                               "AND lat IS NOT NULL LIMIT 1", (name,)).fetchone()
            cache[name] = tuple(row) if row is not None else None
    return {n: cache[n] for n in names if cache[n] is not None}


def place_kind(name: str, coords: tuple[Any, ...] | None) -> str:
    """The kind of a stored place: by its GeoNames id when it has one (a name is ambiguous: Washington the city
    and the state), else by its name (the hand-made regions such as Donbas have no id); "place" when unknown."""
    by_id, by_name = place_kinds()
    gid = coords[3] if coords is not None and len(coords) > 3 else None
    if gid is not None and int(gid) in by_id:
        return by_id[int(gid)]
    return by_name.get(name, "place") if gid is None else "place"


@_locked
def sources(ix: FactIndex, f: Filters, limit: int = 100) -> dict[str, Any]:
    """Outlets and speakers with their evidence counts by the source's side (and by the side it is about)."""
    m = ix.mask(f)
    sides = ix.vocab["claimant_side"]
    ns = len(sides.values)
    out_c = ix.cols["outlet"][m].astype(np.int64)
    side_c = ix.cols["claimant_side"][m].astype(np.int64)
    no = len(ix.vocab["outlet"].values)
    grid = np.bincount(out_c * ns + side_c, minlength=no * ns).reshape(no, ns)
    subj = ix.cols["subject_side"][m]
    about = {k: np.bincount(out_c[subj == ix.vocab["subject_side"].codes.get(k, -1)], minlength=no)
             for k in ("ru", "ua")}
    totals = grid.sum(axis=1)
    outlets = []
    for o in [int(i) for i in np.lexsort((np.arange(no), -totals)) if totals[i]][:limit]:
        outlets.append({"outlet": ix.vocab["outlet"].values[o] or "(unknown outlet)", "items": int(totals[o]),
                        "by_side": {(sides.values[s] or "unknown"): int(grid[o, s]) for s in np.flatnonzero(grid[o])},
                        "about_ru": int(about["ru"][o]), "about_ua": int(about["ua"][o])})
    cl = ix.cols["claimant"][m].astype(np.int64)
    role = ix.cols["speaker_role"][m].astype(np.int64)
    nr = len(ix.vocab["speaker_role"].values)
    key = (cl * ns + side_c) * nr + role
    has = cl != 0
    uniq, inv, counts = group(key[has])
    hed = np.bincount(inv, weights=ix.hedged[m][has], minlength=uniq.size)
    neg = np.bincount(inv, weights=ix.negated[m][has], minlength=uniq.size)
    docs = distinct_docs(inv, ix.doc[m][has], uniq.size)
    speakers = []
    for j in np.lexsort((uniq, -counts))[:limit]:
        k = int(uniq[j])
        speakers.append({"speaker": ix.vocab["claimant"].values[k // (ns * nr)],
                         "side": sides.values[(k // nr) % ns] or "unknown",
                         "role": ix.vocab["speaker_role"].values[k % nr] or "unknown", "items": int(counts[j]),
                         "docs": int(docs[j]), "hedged": int(hed[j]), "negated": int(neg[j])})
    by_side = np.bincount(side_c, minlength=ns)
    return {"outlets": outlets, "speakers": speakers,
            "by_side": {(sides.values[s] or "unknown"): int(by_side[s]) for s in np.flatnonzero(by_side)},
            "sides": list(SIDES), "filters": f.as_dict()}


# -- the static report ---------------------------------------------------------------------------------------------


def _report_rows(conn: sqlite3.Connection, rowids: list[int]) -> tuple[list[dict[str, Any]], dict[str, Any],
                                                                     dict[str, Any]]:
    """The report's evidence items (with span and dates), their articles and their quotes."""
    facts = _by_rowid(conn, rowids, ", i.start, i.end, i.date, i.hedged AS h, i.negated AS g")
    doc_ids = sorted({r["document_id"] for r in facts})
    docs: dict[str, Any] = {}
    quotes: dict[str, Any] = {}
    for i in range(0, len(doc_ids), 400):
        chunk = doc_ids[i:i + 400]
        marks = ", ".join("?" * len(chunk))
        for r in conn.execute(f"SELECT id, title, outlet, published, url, text FROM documents WHERE id IN ({marks})",
                              chunk):
            docs[r["id"]] = dict(r)
        for r in conn.execute(f"SELECT document_id, idx, text, speaker, speaker_role, side, channel, via, cue, kind, "
                              f"start, end, speaker_start, speaker_end FROM quotes WHERE document_id IN ({marks})",
                              chunk):
            quotes[f"{r['document_id']}/{r['idx']}"] = dict(r)
    return facts, docs, quotes


def _report_stories(conn: sqlite3.Connection, doc_ids: list[str]) -> tuple[dict[str, str], dict[str, Any]]:
    """The story of each of the report's documents, and the members of its stories that have copies (at most 200)."""
    from ..corpus.store import copies, has_stories

    story_of: dict[str, str] = {}
    copied: dict[str, Any] = {}
    if has_stories(conn):
        for i in range(0, len(doc_ids), 400):
            chunk = doc_ids[i:i + 400]
            story_of.update((r[0], r[1]) for r in conn.execute(
                f"SELECT id, story FROM story_members WHERE id IN ({', '.join('?' * len(chunk))})", chunk))
        shown_stories = sorted(set(story_of.values()))
        for i in range(0, len(shown_stories), 400):
            chunk = shown_stories[i:i + 400]
            for (sid,) in conn.execute(f"SELECT id FROM stories WHERE n_documents >= 2 AND id IN "
                                       f"({', '.join('?' * len(chunk))}) ORDER BY n_documents DESC, id", chunk):
                if len(copied) < 200:
                    copied[sid] = copies(conn, sid, limit=50)
    return story_of, copied


@_locked
def snapshot(ix: FactIndex, f: Filters, limit: int = 5000) -> dict[str, Any]:
    """Everything the self-contained report needs to redo the views in the browser without a server: the newest
    ``limit`` matching evidence items (facts, span, quote), their articles, the documents-per-day denominator and
    the place coordinates."""
    m = ix.mask(f)
    with ix.sql() as conn:
        facts, docs, quotes = _report_rows(conn, ix.newest(m, 0, limit))
        located = place_coords(conn, sorted({r["place"] for r in facts if r["place"]}))
        story_of, copied = _report_stories(conn, sorted(docs))
    for r in facts:  # the report's trends count independent stories too
        r["story"] = story_of.get(r["document_id"])
    dated = ix.doc_day != NO_DAY
    pairs, counts = np.unique(ix.doc_day[dated].astype(np.int64) * len(ix.vocab["outlet"].values)
                              + ix.doc_outlet[dated], return_counts=True)
    no = len(ix.vocab["outlet"].values)
    per_day_outlet: list[dict[str, Any]] = [{"day": iso_day(int(p) // no), "outlet": ix.vocab["outlet"].values[int(p) % no], "n": int(c)}
                      for p, c in zip(pairs, counts)]
    per_day: dict[str, int] = {}
    for r in per_day_outlet:
        per_day[r["day"]] = per_day.get(r["day"], 0) + r["n"]
    from collections import Counter

    from .speakers import canonical_names

    said = Counter(q["speaker"] for q in quotes.values() if q["speaker"])
    coords = {k: [v[0], v[1]] for k, v in located.items()}
    return {"facts": facts, "total": int(np.count_nonzero(m)), "documents": docs, "quotes": quotes,
            "per_day": per_day, "per_day_outlet": per_day_outlet, "coords": coords, "filters": f.as_dict(),
            "kinds": {k: place_kind(k, v) for k, v in located.items()},
            "speakers": canonical_names(sorted(said), dict(said)),
            "stories": copied if story_of else None,
            "meta": meta(ix)}


# -- quotes and speakers -------------------------------------------------------------------------------------------

_QUOTE_COLS = ("q.document_id, q.idx, q.text, q.kind, q.speaker, q.speaker_role, q.side, q.channel, q.cue, "
               "q.confidence, d.title, d.outlet, date(d.published) AS day, d.url")
_SPEAKERS_CACHE: dict[tuple[str, int, int], list[dict[str, Any]]] = {}


def quotes(conn: sqlite3.Connection, f: Filters, speaker: Sequence[str] = (), limit: int = 50, offset: int = 0,
           ) -> dict[str, Any]:
    """A page of quotes, newest first, with their documents: full-text search over the quotes' text (``f.q``,
    through the FTS index), the speaker (every spelling of a merged speaker), the source side (``claimant_side``
    is the quote's speaker's side), channel, speaker role, outlet and dates. Indicator, place and confidence
    filters do not apply to quotes."""
    if not 1 <= limit <= MAX_LIMIT:
        raise bad("limit", limit, f"a number from 1 to {MAX_LIMIT}")
    if not 0 <= offset <= MAX_OFFSET:
        raise bad("offset", offset, f"a number from 0 to {MAX_OFFSET:,}")
    if len(speaker) > 200 or any(len(s) > 300 for s in speaker):
        raise bad("speaker", f"{len(speaker)} values", "at most 200 names of at most 300 characters")
    from .filters import fts_query, sql_conditions

    params: list[Any] = []
    match = fts_query(f.q)
    src = "quotes q JOIN documents d ON d.id = q.document_id"
    if match:
        src = ("(SELECT document_id, idx FROM evidence_fts WHERE evidence_fts MATCH ? AND kind = 'quote') m "
               "JOIN quotes q ON q.document_id = m.document_id AND q.idx = m.idx JOIN documents d ON "
               "d.id = q.document_id")
        params.append(match)
    where, more = sql_conditions((("q.side", f.claimant_side), ("q.channel", f.channel),
                                  ("q.speaker_role", f.speaker_role), ("d.outlet", f.outlet),
                                  ("q.speaker", tuple(speaker) + f.claimant)), "date(d.published)", f)
    params += more
    sql_where = (" WHERE " + " AND ".join(where)) if where else ""
    total = conn.execute(f"SELECT count(*) FROM {src}{sql_where}", params).fetchone()[0]
    items = _rows(conn, f"SELECT {_QUOTE_COLS} FROM {src}{sql_where} ORDER BY d.published DESC, q.document_id, "
                        f"q.idx LIMIT ? OFFSET ?", [*params, limit, offset])
    canon = _canonical(conn)
    from ..corpus.store import independent

    for r in items:
        r["speaker_merged"] = canon.get(r["speaker"], r["speaker"]) if r["speaker"] else None
        ind = independent(conn, "quote", r["document_id"], r["idx"])
        r["stories"] = ind["stories"] if ind else None  # independent stories carrying the same words
    return {"total": total, "limit": limit, "offset": offset, "items": items, "filters": f.as_dict()}


def _canonical(conn: sqlite3.Connection) -> dict[str, str]:
    return {n: s["speaker"] for s in speakers(conn)["speakers"] for n in s["names"]}


def speakers(conn: sqlite3.Connection, limit: int = 300) -> dict[str, Any]:
    """Speakers of quotes merged across documents and spellings (knowledge-base aliases, then fuzzy matching:
    :mod:`.speakers`), each with its variants, quotes, documents (distinct, over all its spellings) and sides.
    Computed once per store version (``PRAGMA data_version`` and the quote count)."""
    from .speakers import canonical_names

    n, last = conn.execute("SELECT count(*), max(rowid) FROM quotes").fetchone()
    key = (str(conn.execute("PRAGMA database_list").fetchone()[2]), n, last or 0)
    hit = _SPEAKERS_CACHE.get(key)
    if hit is None:
        per_name: dict[str, int] = {}
        pairs: list[tuple[str, str, str | None]] = []
        for name, doc, side in conn.execute("SELECT speaker, document_id, side FROM quotes WHERE speaker IS NOT NULL "
                                            "AND speaker != ''"):
            per_name[name] = per_name.get(name, 0) + 1
            pairs.append((name, doc, side))
        canon = canonical_names(per_name, per_name)
        groups: dict[str, dict[str, Any]] = {}
        for name, doc, side in pairs:
            g = groups.setdefault(canon[name], {"speaker": canon[name], "quotes": 0, "_docs": set(), "sides": {},
                                                "_var": {}})
            g["quotes"] += 1
            g["_docs"].add(doc)
            g["sides"][side or "unknown"] = g["sides"].get(side or "unknown", 0) + 1
            g["_var"][name] = per_name[name]
        hit = []
        for g in sorted(groups.values(), key=lambda g: (-g["quotes"], g["speaker"])):
            var = g.pop("_var")
            g["docs"] = len(g.pop("_docs"))
            g["variants"] = [{"name": k, "count": v} for k, v in sorted(var.items(), key=lambda x: (-x[1], x[0]))]
            g["names"] = sorted(var)
            hit.append(g)
        if len(_SPEAKERS_CACHE) > 8:
            _SPEAKERS_CACHE.clear()
        _SPEAKERS_CACHE[key] = hit
    return {"speakers": hit[:limit], "total": len(hit),
            "merged": sum(1 for s in hit if len(s["names"]) > 1)}
