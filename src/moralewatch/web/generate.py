"""A synthetic store of any size (1M indicators by default) for the dashboard's latency benchmark.

Documents are short template texts (written here, no corpus text) spread over three years; each carries quotes,
indicators and place entities whose spans satisfy ``text == canonical[start:end]``. Rows go in through the store's
own schema (``store.schema``) in large transactions, so the read model's triggers fill ``evidence_facts`` exactly
as an ingest would. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from ..model import INDICATORS, Document, Entity, Indicator, Quote, as_row
from ..store import Store, _encode
from ..store.schema import ANNOTATION_TABLES, DOCUMENTS
from .demo import PLACES

OUTLETS = [f"{a} {b}" for a in ("Kyiv", "Moscow", "Baltic", "Western", "Eastern", "Daily", "Global", "Frontline")
           for b in ("Ledger", "Wire", "Monitor", "Review", "Post")]
FIRST = ("Oleh", "Andrei", "Ivan", "Anna", "Maria", "Sergei", "Taras", "Olena", "Dmitri", "Yulia", "Petro", "Igor")
LAST = ("Marchenko", "Sokolov", "Keller", "Ivanov", "Kovalenko", "Smirnov", "Bondar", "Petrov", "Shevchenko", "Orlov")
ROLE_SIDE = (("soldier", "ru"), ("pow", "ru"), ("relative", "ru"), ("commander", "ua"), ("official", "ru"),
             ("official", "ua"), ("intelligence_agency", "ua"), ("expert", "independent"), ("diplomat", "west"),
             ("journalist", "independent"), ("local_authority", "ua"), ("civilian", "ua"))
CHANNELS = ("video", "phone_call", "text_message", "social_media_post", "interview", "press_briefing", "statement",
            "news_report")
PHRASES = {
    "fear": "I am afraid every night", "deceived": "they told us it was training", "coerced": "they said we would be shot",
    "betrayed_by_command": "our commanders left us", "expendable": "we are just meat here",
    "heavy_losses": "only thirty of us are left", "unwilling": "nobody wants to fight",
    "surrender_desertion": "men are deserting in groups", "sabotage": "they punctured the fuel tanks",
    "untrained": "we had no training at all", "supply_shortage": "we have no body armour",
    "casualty_concealment": "they hide the bodies", "forced_recruitment": "they took men from the prison",
    "trauma": "I will never recover from this", "orders_against_civilians": "we were told to fire at everyone",
    "morale_low": "morale is very low", "morale_boosting": "a concert was held for the troops",
    "morale_high": "morale is high and we will hold",
}


def make_document(rng: random.Random, n: int, day: date, per_doc: int) -> Document:
    """One synthetic article with ``per_doc`` indicators, each inside its own quote."""
    place = rng.choice(list(PLACES))
    title = f"Report {n}: fighting near {place}"
    parts = [title, "", f"Fighting continued near {place} on {day.isoformat()}, according to reports."]
    doc = Document(text="", source="generated", locator=str(n), title=title, published=day.isoformat(),
                   outlet=rng.choice(OUTLETS), lang="en")
    pos = len("\n".join(parts)) + 1
    quotes, indicators = [], []
    for k in range(per_doc):
        ind = INDICATORS[min(int(rng.paretovariate(1.2)) - 1, len(INDICATORS) - 1)] if rng.random() < 0.7 \
            else rng.choice(INDICATORS)
        role, side = rng.choice(ROLE_SIDE)
        speaker = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        phrase = PHRASES[ind]
        sentence = f"\u201c{phrase.capitalize()}, and it is getting worse,\u201d said {speaker}."
        qs = pos + 1
        qtext = f"{phrase.capitalize()}, and it is getting worse,"
        channel = rng.choice(CHANNELS)
        quotes.append(Quote(qs, qs + len(qtext), qtext, speaker=speaker, speaker_role=role, side=side,
                            channel=channel, via=["a regional news site"] if rng.random() < 0.2 else [],
                            cue="said", confidence=0.8, rule="generated"))
        indicators.append(Indicator(ind, qs, qs + len(phrase), phrase.capitalize(),
                                    subject_side="ua" if rng.random() < 0.35 else "ru", claimant=speaker,
                                    claimant_side=side, channel=channel, quote_index=k,
                                    hedged=rng.random() < 0.2, negated=rng.random() < 0.05,
                                    confidence=round(rng.uniform(0.5, 0.99), 2), rule="generated", cue=phrase,
                                    place=place if rng.random() < 0.7 else None, date=day.isoformat()))
        parts.append(sentence)
        pos += len(sentence) + 1
    doc.text = "\n".join(parts)
    i = doc.text.find(place)
    lat, lon, country = PLACES[place]
    doc.entities = [Entity("place", i, i + len(place), place, name=place, lat=lat, lon=lon, country=country)]
    doc.quotes, doc.indicators = quotes, indicators
    return doc


def _insert(store: Store, docs: list[Document], run_id: int) -> None:
    c = store.conn
    c.execute("BEGIN IMMEDIATE")
    c.executemany(f"INSERT OR IGNORE INTO documents ({', '.join(DOCUMENTS.names)}) "
                  f"VALUES ({', '.join('?' * len(DOCUMENTS.names))})",
                  [_encode(DOCUMENTS, as_row(d) | {"id": d.id, "run_id": run_id, "n_words": len(d.text.split())})
                   for d in docs])
    for name in ("quotes", "indicators", "entities"):
        table = ANNOTATION_TABLES[name]
        rows = [_encode(table, as_row(a) | {"document_id": d.id, "idx": i, "stage": "generated.v1"})
                for d in docs for i, a in enumerate(getattr(d, name))]
        c.executemany(f"INSERT OR IGNORE INTO {name} ({', '.join(table.names)}) "
                      f"VALUES ({', '.join('?' * len(table.names))})", rows)
    c.executemany("INSERT INTO evidence_fts (text, document_id, kind, idx) VALUES (?, ?, 'indicator', ?)",
                  [(a.text, d.id, i) for d in docs for i, a in enumerate(d.indicators)])
    c.execute("COMMIT")


def generate(path: str | Path, indicators: int = 1_000_000, *, seed: int = 5, days: int = 1096,
             batch: int = 5000) -> dict[str, int]:
    """Build a store with about ``indicators`` indicators (5 per document on average) over ``days`` days."""
    rng = random.Random(seed)
    store = Store(path)
    start = date(2022, 2, 24)
    run_id = store.start_run({"generator": "moralewatch.web.generate", "seed": seed}, ["generated"])
    made = n = 0
    docs: list[Document] = []
    try:
        while made < indicators:
            per_doc = min(rng.randint(1, 9), indicators - made)
            docs.append(make_document(rng, n, start + timedelta(days=rng.randrange(days)), per_doc))
            made += per_doc
            n += 1
            if len(docs) >= batch:
                _insert(store, docs, run_id)
                docs = []
        if docs:
            _insert(store, docs, run_id)
        store.conn.execute("ANALYZE")
        store.finish_run(run_id, {"ok": n})
    finally:
        store.close()
    return {"documents": n, "indicators": made}


if __name__ == "__main__":  # python -m moralewatch.web.generate bench-out/web-1m.db [N]
    t0 = time.perf_counter()
    out = generate(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
    print(out, f"{time.perf_counter() - t0:.0f}s")
