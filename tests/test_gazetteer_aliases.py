"""Curated fixes of the GeoNames extract (data/gazetteer/wrong_aliases.tsv): an alternate name that belongs to
another place is dropped at build time, so the name resolves to its own place."""

from __future__ import annotations

import json
from pathlib import Path

from moralewatch.api import extract_line

GAZ = Path(__file__).resolve().parents[1] / "src" / "moralewatch" / "data" / "gazetteer"


def _places(text: str) -> list[tuple[str, int | None]]:
    out = extract_line(json.dumps({"id": "t", "text": text}))
    return [(e["text"], e.get("geonameid")) for e in out["entities"] if e["type"] == "place"]


def test_every_dropped_alias_is_gone_from_its_holder() -> None:
    rows = {ln.split("\t")[0]: ln.rstrip("\n").split("\t") for ln in (GAZ / "places.tsv").read_text(
        encoding="utf-8").splitlines() if ln and not ln.startswith("#")}
    dropped = [ln.split("\t") for ln in (GAZ / "wrong_aliases.tsv").read_text(encoding="utf-8").splitlines()
               if ln.strip() and not ln.startswith("#")]
    assert dropped
    for alias, gid, _why in dropped:
        assert alias not in rows[gid][8].split("|"), (alias, gid)


def test_chornobyl_is_the_town_in_kyiv_oblast_not_lazurnyi() -> None:
    assert ("Chornobyl", 710403) in _places("Fighting was reported near the town of Chornobyl, Ukraine.")
    assert ("Chornobyl", 710403) in _places("Russian forces withdrew from Chornobyl and Bucha, officials said.")
