"""Candidate signals for the corpus stage's errors, on the DEV pairs only (issue 16, session 14).

For gold/stories/pairs_dev.jsonl and pairs_dev_b.jsonl (never a held-out file), groups the pairs by gold class
(same story, same_event, unrelated, unrelated hard) and by what ``relation()`` answers now, and prints for each group
the distribution (quartiles) of signals the sketch does not hold, to see whether any of them would separate the
pairs the stage confuses:

- ``hours``: hours between the two publication times (both texts with a time of day; a naive time taken as UTC);
- ``lead``: the smaller share, over both directions, of a text's first four names and numbers (its first 200
  characters) found anywhere in the other text (the lead's subject kept);
- ``quotes``: quoted spans (« », “ ”, " ") shared, as word-prefix strings;
- ``stems``: Jaccard of the two texts' content-word prefixes (five letters, words of four letters or more).

    PYTHONPATH=src python scripts/stories_signals.py --shared ../shared
"""

from __future__ import annotations

import argparse
import collections
import re
import statistics
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from moralewatch.corpus.evaluate import GOLD_SAME_STORY, load_docs, load_pairs, predict
from moralewatch.corpus.features import _SALIENT, _STOP_SALIENT, salient, salient_key, tokens
from moralewatch.corpus.relate import SAME_STORY

ROOT = Path(__file__).resolve().parents[1]
DEV_SPLITS = ("dev", "dev_b")  # never the held-out files
_QUOTE = re.compile(r"[«“\"„]([^«»“”\"„]{3,200})[»”\"]")


def hours(a: object, b: object) -> float | None:
    def at(s: object) -> datetime | None:
        s = str(s or "")
        if len(s) < 16 or s[10] not in "T ":
            return None
        try:
            dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
        except ValueError:
            return None
        return dt.astimezone(UTC).replace(tzinfo=None) if dt.tzinfo else dt

    x, y = at(a), at(b)
    return None if x is None or y is None else abs((x - y).total_seconds()) / 3600


def lead_keys(text: str, chars: int = 200, k: int = 4) -> list[str]:
    out: list[str] = []
    for word, number in _SALIENT.findall(text[:chars]):
        key = number.replace(",", "").replace(".", "") if number else (
            None if word.lower() in _STOP_SALIENT else salient_key(word.lower()))
        if key and key not in out:
            out.append(key)
    return out[:k]


def lead(a: str, b: str) -> float | None:
    la, lb = lead_keys(a), lead_keys(b)
    if not la or not lb:
        return None
    sa, sb = salient(a), salient(b)
    return min(sum(x in sb for x in la) / len(la), sum(x in sa for x in lb) / len(lb))


def quotes(a: str, b: str) -> float:
    def spans(t: str) -> set[str]:
        return {" ".join(w[:5] for w in tokens(q)) for q in _QUOTE.findall(t)} - {""}

    return float(len(spans(a) & spans(b)))


def stems(a: str, b: str) -> float:
    def words(t: str) -> set[str]:
        return {w[:5] for w in tokens(t) if len(w) >= 4 and not w.isdigit()}

    wa, wb = words(a), words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _cls(label: str, hard: bool = False) -> str:
    if label in GOLD_SAME_STORY or label in SAME_STORY:
        return "story"
    return label + ("(h)" if hard else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    pairs = [p for s in DEV_SPLITS for p in load_pairs(ROOT / "gold" / "stories" / f"pairs_{s}.jsonl")]
    docs = load_docs(args.shared / "data" / "corpora", [str(p[k]) for p in pairs for k in ("a", "b")])
    preds = predict(pairs, docs)
    signals: dict[str, Callable[[dict[str, object], dict[str, object]], float | None]] = {
        "hours": lambda x, y: hours(x.get("date"), y.get("date")),
        "lead": lambda x, y: lead(str(x["text"]), str(y["text"])),
        "quotes": lambda x, y: quotes(str(x["text"]), str(y["text"])),
        "stems": lambda x, y: stems(str(x["text"]), str(y["text"])),
    }
    groups: dict[tuple[str, str], dict[str, list[float]]] = collections.defaultdict(
        lambda: collections.defaultdict(list))
    for p, q in zip(pairs, preds, strict=True):
        a, b = docs[str(p["a"])], docs[str(p["b"])]
        g = groups[(_cls(str(p["label"]), bool(p.get("hard"))), _cls(q))]
        g["n"].append(1.0)
        for name, f in signals.items():
            v = f(a, b)
            if v is not None:
                g[name].append(v)
    print(f"{'gold':14}{'predicted':12}{'n':>5}" + "".join(f"{s + ' (n: q1 / median / q3)':>34}" for s in signals))
    for (gold, pred), g in sorted(groups.items()):
        cells = []
        for name in signals:
            vs = sorted(g[name])
            if len(vs) >= 2:
                q1, med, q3 = statistics.quantiles(vs, n=4, method="inclusive")
                cells.append(f"{len(vs)}: {q1:.2f} / {med:.2f} / {q3:.2f}")
            else:
                cells.append(f"{len(vs)}: " + " ".join(f"{v:.2f}" for v in vs))
        print(f"{gold:14}{pred:12}{len(g['n']):>5}" + "".join(f"{c:>34}" for c in cells))


if __name__ == "__main__":
    main()
