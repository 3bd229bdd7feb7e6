"""Answer sheet -> gold/pages/evidence_dates_heldout.jsonl, with checks (session 12, l-edates8).

    python3 scripts/labelling/edates_convert.py

Reads edates_selected.jsonl (the blind selection) and edates_answers.txt (``n|date|basis|context``, or
``n|DROP||reason``); checks that every item has exactly one answer, the date's form (YYYY, YYYY-MM, YYYY-MM-DD,
YYYY-Www), the basis, the context's length (<= 80), the sha1 against the corpus text, and that a "published" label is
the corpus record's date (its day); writes the gold file and prints the counts by corpus and basis.
"""

from __future__ import annotations

import collections
import hashlib
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPORA = ROOT.parent / "shared" / "data" / "corpora"
OUT = ROOT / "gold" / "pages" / "evidence_dates_heldout.jsonl"
DATE = re.compile(r"\d{4}(?:-W\d\d|-\d\d(?:-\d\d)?)?$")
BASES = ("sentence", "paragraph", "published")


def answers(path: Path) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        n, *rest = line.split("|", 3)
        if int(n) in out:
            raise SystemExit(f"item {n} answered twice")
        out[int(n)] = rest
    return out


def main() -> None:
    items = [json.loads(x) for x in (HERE / "edates_selected.jsonl").read_text(encoding="utf-8").splitlines() if x]
    ans = answers(HERE / "edates_answers.txt")
    if sorted(ans) != list(range(len(items))):
        raise SystemExit(f"answers for {len(ans)} items, {len(items)} selected (missing or extra numbers)")
    records: dict[str, dict] = {}
    for corpus in sorted({i["corpus"] for i in items}):
        with open(CORPORA / f"{corpus}.jsonl", encoding="utf-8") as fh:
            records.update({r["id"]: r for r in map(json.loads, fh)})
    rows, dropped = [], []
    for n, item in enumerate(items):
        date, basis, context = ans[n]
        rec = records[item["id"]]
        if hashlib.sha1(rec["text"][item["start"]:item["start"] + 20].encode()).hexdigest()[:12] != item["sha1"]:
            raise SystemExit(f"#{n}: sha1 does not match the corpus text")
        if date == "DROP":
            dropped.append((n, context))
            continue
        if not DATE.match(date) or basis not in BASES or not 0 < len(context) <= 80:
            raise SystemExit(f"#{n}: bad line {ans[n]}")
        if basis == "published" and date != rec["date"][:10]:
            raise SystemExit(f"#{n}: 'published' but {date} is not the record's date {rec['date']}")
        rows.append(item | {"date": date, "basis": basis, "context": context})
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    by = collections.Counter((r["corpus"], r["basis"]) for r in rows)
    for corpus in sorted({r["corpus"] for r in rows}):
        docs = len({r["id"] for r in rows if r["corpus"] == corpus})
        counts = {b: by[(corpus, b)] for b in BASES}
        print(f"{corpus}: {sum(counts.values())} items, {docs} documents, {counts}")
    print(f"total {len(rows)} items, {len({r['id'] for r in rows})} documents; dropped {len(dropped)} {dropped}")
    print("kinds", dict(collections.Counter(r["kind"] for r in rows)),
          "granularity", dict(collections.Counter(
              "week" if "W" in r["date"] else {4: "year", 7: "month", 10: "day"}[len(r["date"])] for r in rows)))
    print(f"-> {OUT}")


if __name__ == "__main__":
    main()
