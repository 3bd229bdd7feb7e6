"""indicators.ruuk.v11's quote lookup (slavic_side11): the per-document cover answers as the plain scan does, for
overlapping, nested, empty and out-of-range quote spans, at every position."""
from __future__ import annotations

import random

from moralewatch.indicators.slavic_side11 import _quote_at, _QuoteCover
from moralewatch.model import Document, Quote


def test_cover_equals_the_scan_of_every_quote() -> None:
    rng = random.Random(15)
    for _ in range(300):
        n = rng.randint(0, 60)
        quotes = []
        for _ in range(rng.randint(0, 12)):
            a = rng.randint(-3, n + 3)
            quotes.append(Quote(start=a, end=a + rng.randint(-2, 30), text=""))
        doc = Document(text="x" * n, quotes=quotes)
        cover = _QuoteCover(doc)
        for pos in range(n):
            assert cover.at(pos) is _quote_at(doc, pos), (pos, quotes)
