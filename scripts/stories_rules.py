"""Which rule of ``relation()`` decides each DEV pair, by gold kind (issue 16, session 14).

Walks the branches of :func:`moralewatch.corpus.relate.relation` for every pair of gold/stories/pairs_dev.jsonl and
pairs_dev_b.jsonl (never a held-out file) and names the one that gave the answer (``title<=min``, ``far``,
``copy``, ``names_kept``, ``contained``, ``rewrite``, ``rewrite_low``, ``translation``, and for the event:
``same_day``, ``kept``, ``other``, ``long``, ``next_day``, or ``no_event:<why>``), checking that the walk gives
the same answer as ``relation()`` itself. Prints a table: gold kind x (answer, rule).

    PYTHONPATH=src python scripts/stories_rules.py --shared ../shared
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

from moralewatch.corpus.evaluate import load_docs, load_pairs, sketches
from moralewatch.corpus.features import Sketch, bottom_sets_jaccard, estimate, title_sets_jaccard
from moralewatch.corpus.relate import DEFAULT, Meta, Thresholds, _days, _long_event, _names_kept, relation

ROOT = Path(__file__).resolve().parents[1]
DEV_SPLITS = ("dev", "dev_b")  # never the held-out files


def event_rule(js: float, d: int | None, a: Sketch, b: Sketch, t: Thresholds, other: bool) -> tuple[str, str]:
    if d is None:
        return "unrelated", "no_event:undated"
    if d > t.event_days + 1:
        return "unrelated", "no_event:days"
    if d > t.event_days:
        return ("same_event", "next_day") if js >= t.event_next else ("unrelated", "no_event:next_day")
    if js >= t.event:
        return "same_event", "same_day"
    if (js >= t.event_kept_js and min(a.n_salient, b.n_salient) >= t.event_kept_min
            and _names_kept(js, a, b) >= t.event_kept):
        return "same_event", "kept"
    if other and _long_event(js, a, b, t):
        return "same_event", "long"
    if other and js >= t.event_other and min(a.n_salient, b.n_salient) >= t.event_other_min:
        return "same_event", "other"
    return "unrelated", "no_event:" + ("other_source_low" if other else "one_source_low")


def rule(new: Sketch, nm: Meta, old: Sketch, om: Meta, t: Thresholds = DEFAULT) -> tuple[str, str]:
    """The answer and the rule that gave it, following relation()'s branches."""
    j = estimate(new.sig, old.sig)
    js = bottom_sets_jaccard(new.bottom_keys, old.bottom_keys)
    d = _days(nm.date, om.date)
    cross = nm.script != om.script
    other = nm.source is not None and om.source is not None and nm.source != om.source
    tj = None if cross else title_sets_jaccard(new.title_keys, old.title_keys)
    retitled = j >= t.body_copy and min(new.n_shingles, old.n_shingles) >= t.body_min

    def ev(why: str) -> tuple[str, str]:
        ans, r = event_rule(js, d, new, old, t, other)
        return ans, f"{why}>{r}"

    if d is not None and d > t.story_days:
        return ev("far")
    if tj is not None and tj <= t.title_min and not retitled:
        return ev("title<=min")
    if new.exact == old.exact and new.n_shingles == old.n_shingles:
        return "copy", "exact"
    if cross:
        ratio = max(new.n_chars, old.n_chars) / max(1, min(new.n_chars, old.n_chars))
        if js >= t.translation and ratio <= t.translation_ratio and (d is None or d <= 1):
            return "translation", "translation"
        return ev("cross")
    if j >= t.copy:
        return "copy", "copy"
    if _names_kept(js, new, old) < t.names_kept:
        return ev("names_kept<")
    small, big = min(new.n_shingles, old.n_shingles), max(new.n_shingles, old.n_shingles)
    if j >= t.contained_min_j and small and j * (small + big) / ((1 + j) * small) >= t.contained:
        return ("abridged" if new.n_shingles < old.n_shingles else "update"), "contained"
    if d is None or d <= t.rewrite_days:
        if j >= t.rewrite:
            return "rewrite", "rewrite"
        if j >= t.rewrite_low and js >= t.rewrite_salient:
            return "rewrite", "rewrite_low"
    return ev("not_copy")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    pairs = [p for s in DEV_SPLITS for p in load_pairs(ROOT / "gold" / "stories" / f"pairs_{s}.jsonl")]
    docs = load_docs(args.shared / "data" / "corpora", [str(p[k]) for p in pairs for k in ("a", "b")])
    sk, meta = sketches(docs)
    table: dict[str, collections.Counter[tuple[str, str]]] = collections.defaultdict(collections.Counter)
    for p in pairs:
        a, b = str(p["a"]), str(p["b"])
        if (meta[a].date or "") > (meta[b].date or ""):
            a, b = b, a
        ans, why = rule(sk[b], meta[b], sk[a], meta[a])
        assert ans == relation(sk[b], meta[b], sk[a], meta[a])[0], (p, ans, why)
        table[str(p["label"]) + ("(h)" if p.get("hard") else "")][(ans, why)] += 1
    for kind in ("duplicate", "update", "abridged", "rewrite", "translation", "same_event", "unrelated",
                 "unrelated(h)"):
        row = table.get(kind, collections.Counter())
        print(f"{kind:13} {sum(row.values()):>4}  " + "; ".join(f"{a} by {w}: {n}" for (a, w), n in row.most_common()))


if __name__ == "__main__":
    main()
