"""The API additions behind the dashboard's workbench: the Quotes view (full-text search over quotes), speakers merged
across spellings, the confidence filter and the kinds of places the map draws or lists apart.

Expected figures come from the fixture's own model objects (web/demo.py) or the store itself, never typed in."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from moralewatch.errors import MoraleWatchError
from moralewatch.store import connect
from moralewatch.web import demo
from moralewatch.web import views as Q
from moralewatch.web.filters import Filters
from moralewatch.web.index import FactIndex
from moralewatch.web.speakers import canonical_names, is_name, kb_aliases


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo.build_fixture_store(tmp_path_factory.mktemp("front") / "fixture.db", hostile=True)


@pytest.fixture(scope="module")
def conn(store: Path) -> sqlite3.Connection:
    return connect(store, readonly=True)


def fixture_quotes() -> list[tuple[str, str | None, str]]:
    """(text, speaker, published day) of every quote of the fixture."""
    out = []
    for a in demo.articles() + [demo.hostile_article()]:
        doc = demo.build_document(a)
        out += [(q.text, q.speaker, a.published) for q in doc.quotes]
    return out


# -- speakers ------------------------------------------------------------------------------------------------------


def test_kb_aliases_merge_spellings_of_one_person() -> None:
    kb = kb_aliases()
    canon = kb["zelenskiy"]
    assert kb["volodymyr zelenskiy"] == canon == kb["zelensky"]
    got = canonical_names(["Zelenskiy", "Volodymyr Zelenskiy", "Volodymyr Zelenskyy"])
    assert set(got.values()) == {canon}


def test_fuzzy_merges_close_spellings_of_full_names_only() -> None:
    got = canonical_names(["Ivan Petrenko", "Ivan Petrenco", "Petrenko", "I. Petrenko"],
                          {"Ivan Petrenko": 5, "Ivan Petrenco": 1, "Petrenko": 2, "I. Petrenko": 1})
    assert set(got.values()) == {"Ivan Petrenko"}  # the most frequent spelling names the group


def test_fuzzy_keeps_different_people_and_descriptions_apart() -> None:
    got = canonical_names(["Oleksandr Tkachenko", "Mykola Tkachenko", "Tkachenko", "a Russian soldier",
                           "an unidentified Russian soldier", "Russian soldiers", "writer", "both"])
    assert got["Oleksandr Tkachenko"] != got["Mykola Tkachenko"]  # same surname, different first names
    assert got["Tkachenko"] == "Tkachenko"  # a surname shared by two full names is left alone
    for d in ("a Russian soldier", "an unidentified Russian soldier", "Russian soldiers", "writer", "both"):
        assert got[d] == d and not is_name(d)  # descriptions are never matched fuzzily


def test_speakers_view_lists_variants_and_counts_every_quote(conn: sqlite3.Connection) -> None:
    r = Q.speakers(conn)
    quoted = [s for _, s, _ in fixture_quotes() if s]
    assert sum(s["quotes"] for s in r["speakers"]) == len(quoted) and r["total"] == len(r["speakers"])
    for s in r["speakers"]:
        assert sum(v["count"] for v in s["variants"]) == s["quotes"]
        assert s["names"] == sorted(v["name"] for v in s["variants"])
    every = [n for s in r["speakers"] for n in s["names"]]
    assert sorted(every) == sorted(set(quoted))  # each spelling in exactly one group


# -- quotes --------------------------------------------------------------------------------------------------------


def test_quotes_search_matches_the_fixture(conn: sqlite3.Connection) -> None:
    allq = fixture_quotes()
    r = Q.quotes(conn, Filters(), limit=500)
    assert r["total"] == len(allq) == len(r["items"])
    days = [x["day"] for x in r["items"]]
    assert days == sorted(days, reverse=True)  # newest first
    for word in ("meat", "officers", "ammunition"):
        want = [t for t, _, _ in allq if word in re.findall(r"\w+", t.lower())]
        got = Q.quotes(conn, Filters(q=word), limit=500)
        assert want and got["total"] == len(want)
        assert all(word in x["text"].lower() for x in got["items"])


def test_quotes_filter_by_speaker_and_dates(conn: sqlite3.Connection) -> None:
    allq = fixture_quotes()
    name = next(s for _, s, _ in allq if s)
    got = Q.quotes(conn, Filters(), speaker=[name], limit=500)
    assert got["total"] == sum(1 for _, s, _ in allq if s == name) > 0
    day = sorted(d for _, _, d in allq)[len(allq) // 2]
    got = Q.quotes(conn, Filters(since=day), limit=500)
    assert got["total"] == sum(1 for _, _, d in allq if d >= day)


def test_quotes_bounds(conn: sqlite3.Connection) -> None:
    with pytest.raises(MoraleWatchError):
        Q.quotes(conn, Filters(), limit=0)
    with pytest.raises(MoraleWatchError):
        Q.quotes(conn, Filters(), speaker=["x" * 301])


# -- confidence filter ---------------------------------------------------------------------------------------------


def test_confidence_filter_keeps_items_at_or_above(tmp_path: Path) -> None:
    db = demo.build_fixture_store(tmp_path / "conf.db", hostile=True)
    with sqlite3.connect(db) as w:  # spread the fixture's confidences (all 0.8) and leave one unknown
        w.execute("UPDATE indicators SET confidence = ((rowid * 7) % 10) / 10.0")
        w.execute("UPDATE indicators SET confidence = NULL WHERE rowid = (SELECT min(rowid) FROM indicators)")
    conn = connect(db, readonly=True)
    confs = [r[0] for r in conn.execute("SELECT confidence FROM indicators")]
    assert len({c for c in confs if c is not None}) >= 5
    ix = FactIndex(connect(db, readonly=True)).refresh()
    for t in (0.0, 0.3, 0.5, 0.8, 0.95, 1.0):
        want = sum(1 for c in confs if c is not None and c >= t)
        got = Q.evidence(ix, Filters(min_confidence=t), limit=500)
        assert got["total"] == want
        assert all(x["confidence"] >= t for x in got["items"])
    assert int(np.count_nonzero(ix.mask(Filters()))) == len(confs)


def test_confidence_follows_the_store(tmp_path: Path) -> None:
    """Confidences read for the filter follow appended rows (only those are read) and deleted ones."""
    db = demo.build_fixture_store(tmp_path / "grow.db")
    with sqlite3.connect(db) as w:
        w.execute("UPDATE indicators SET confidence = ((rowid * 3) % 10) / 10.0")
    ix = FactIndex(connect(db, readonly=True)).refresh()

    def check() -> None:
        with sqlite3.connect(db) as r:
            want = r.execute("SELECT count(*) FROM indicators WHERE confidence >= 0.5").fetchone()[0]
        assert Q.evidence(ix.refresh(), Filters(min_confidence=0.5))["total"] == want

    check()
    before = ix.n
    demo.build_fixture_store(db, hostile=True)  # appends the hostile article
    with sqlite3.connect(db) as w:
        w.execute("UPDATE indicators SET confidence = 0.3 WHERE document_id = (SELECT document_id FROM indicators "
                  "ORDER BY rowid DESC LIMIT 1)")
    check()
    assert ix.n > before
    with sqlite3.connect(db) as w:
        w.execute("DELETE FROM indicators WHERE document_id = (SELECT document_id FROM indicators ORDER BY rowid "
                  "LIMIT 1)")
    check()


@pytest.mark.parametrize("bad", ["-0.1", "1.5", "nan", "high"])
def test_confidence_filter_rejects_bad_values(bad: str) -> None:
    with pytest.raises(MoraleWatchError) as e:
        Filters.from_mapping({"min_confidence": bad})
    assert e.value.code == "E501"


# -- places --------------------------------------------------------------------------------------------------------


def test_places_carry_their_kind(store: Path) -> None:
    ix = FactIndex(connect(store, readonly=True)).refresh()
    r = Q.places(ix, Filters())
    by_id, _ = Q.place_kinds()
    assert r["places"]
    for p in r["places"]:
        gid = ix.coords[p["place"]][3]
        assert p["kind"] == (by_id.get(int(gid), "place") if gid is not None else p["kind"])
    assert {p["kind"] for p in r["places"]} <= {"city", "region", "country", "continent", "feature", "place"}
