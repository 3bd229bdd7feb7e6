"""Seeded selection of the evidence-date held-out items (issue 13, dates; session 12, l-edates8).

    cd /work/wt/edates8 && PYTHONPATH=src /work/main/.venv/bin/python scripts/labelling/edates_select.py

Per corpus, the eligible documents in a seeded random order; for each, the default pipeline runs exactly as
``moralewatch eval entities`` runs it on an evidence-date gold file (``analyze_text(text, date=record date)``), and
up to 3 of its quotes and indicators are drawn at random. BLIND RULE: of each item only the kind and the input
offset of its start are kept (plus the sha1 of its first 20 characters, as the scorer checks it); the date,
date_source, speaker, text and every other field are dropped here, before anything is written or printed. Documents
where the pipeline finds no quote or indicator are skipped (counted on stderr).

Excluded documents: every id of gold/pages/evidence_dates_dev.jsonl and gold/entities_dev.jsonl (the sets the date
linker was tuned on); the nyt-guardian-407 documents that tests/ and bench/ read by position as fixtures (the first
140: tests/test_spark.py; every 8th line: tests/test_indicators.py; every 20th: tests/test_spans.py; the first 20
and 50: tests/test_bench_smoke.py, bench/ruuk.py). No test, bench or docs file names a document of these corpora by
id (checked with grep). bench/run.py times the whole corpus (a speed benchmark, not a fixture): not excluded.
Output: scripts/labelling/edates_selected.jsonl.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from moralewatch.api import analyze_text
from moralewatch.eval.common import sha12

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "data" / "corpora"
OUT = Path(__file__).with_name("edates_selected.jsonl")
SEED = 20261207
# documents per corpus (nyt-guardian at least half of the items)
PLAN = (("nyt-guardian-407", 30), ("press-releases-2022-en", 7), ("zelensky-addresses-en", 7),
        ("whitehouse-ukraine-en", 5))
PER_DOC = 3


def excluded() -> set[str]:
    out: set[str] = set()
    for name in ("gold/pages/evidence_dates_dev.jsonl", "gold/entities_dev.jsonl"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.add(json.loads(line)["id"])
    with open(CORPORA / "nyt-guardian-407.jsonl", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i < 140 or i % 8 == 0 or i % 20 == 0:
                out.add(json.loads(line)["id"])
    return out


def items_of(rec: dict) -> list[tuple[str, int]]:
    """(kind, input start) of every quote and indicator, as the scorer keys them. Nothing else leaves here."""
    doc = analyze_text(rec["text"], date=rec.get("date"))
    keys: list[tuple[str, int]] = []
    for kind, rows in (("quote", doc.quotes), ("indicator", doc.indicators)):
        for r in rows:
            span = doc.offset_map.span_to_input(r.start, r.end)
            if span is not None and (kind, span[0]) not in keys:
                keys.append((kind, span[0]))
    return keys


def main() -> None:
    rng = random.Random(SEED)
    skip = excluded()
    rows = []
    for corpus, n_docs in PLAN:
        with open(CORPORA / f"{corpus}.jsonl", encoding="utf-8") as fh:
            recs = [json.loads(x) for x in fh if x.strip()]
        order = [r for r in recs if r["id"] not in skip]
        rng.shuffle(order)
        taken = empty = 0
        for rec in order:
            if taken == n_docs:
                break
            keys = items_of(rec)
            if not keys:
                empty += 1
                continue
            taken += 1
            for kind, start in sorted(rng.sample(keys, min(PER_DOC, len(keys))), key=lambda k: k[1]):
                rows.append({"corpus": corpus, "id": rec["id"], "kind": kind, "start": start,
                             "sha1": sha12(rec["text"][start:start + 20])})
        print(f"{corpus}: {len(recs)} docs, {len(order)} eligible, {taken} taken, {empty} skipped without items",
              file=sys.stderr)
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} items, {len({r['id'] for r in rows})} documents -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
