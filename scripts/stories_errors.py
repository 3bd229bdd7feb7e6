"""Error analysis of the corpus stage on the DEV pairs only (issue 16, session 12).

Prints, for gold/stories/pairs_dev.jsonl and pairs_dev_b.jsonl (never a held-out file), the confusion of gold label
against the predicted relation (``relation()`` on the pair, and the index's grouping with ``--index``) by kind, and
one line of features for each error: shingle and salient Jaccard estimates, days apart, sizes, title Jaccard, share
of names kept, containment, same source, scripts.

    PYTHONPATH=src python scripts/stories_errors.py --shared ../shared [--index] [--all]
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

from moralewatch.corpus.evaluate import GOLD_SAME_STORY, index_predict, load_docs, load_pairs, predict, score
from moralewatch.corpus.features import bottom_sets_jaccard, estimate, sketch, title_sets_jaccard
from moralewatch.corpus.relate import SAME_STORY, _days, _names_kept, script_of, shared_names

ROOT = Path(__file__).resolve().parents[1]
DEV_SPLITS = ("dev", "dev_b")  # never the held-out files


def _cls(label: str) -> str:
    return "story" if label in GOLD_SAME_STORY or label in SAME_STORY else label


def features(a: dict[str, object], b: dict[str, object]) -> str:
    ska = sketch(str(a["text"]), a.get("title") if isinstance(a.get("title"), str) else None)  # type: ignore[arg-type]
    skb = sketch(str(b["text"]), b.get("title") if isinstance(b.get("title"), str) else None)  # type: ignore[arg-type]
    j = estimate(ska.sig, skb.sig)
    js = bottom_sets_jaccard(ska.bottom_keys, skb.bottom_keys)
    d = _days(str(a.get("date") or "")[:10] or None, str(b.get("date") or "")[:10] or None)
    tj = title_sets_jaccard(ska.title_keys, skb.title_keys)
    small, big = min(ska.n_shingles, skb.n_shingles), max(ska.n_shingles, skb.n_shingles)
    cont = j * (small + big) / ((1 + j) * small) if small else 0.0
    sa, sb = script_of(str(a["text"])), script_of(str(b["text"]))
    same_src = a.get("source") == b.get("source")
    return (f"j={j:.2f} js={js:.2f} d={d} sal={ska.n_salient}/{skb.n_salient} sh={ska.n_shingles}/{skb.n_shingles} "
            f"ch={ska.n_chars}/{skb.n_chars} tj={'-' if tj is None else f'{tj:.2f}'} "
            f"kept={_names_kept(js, ska, skb):.2f} shared={shared_names(js, ska, skb):.1f} cont={cont:.2f} "
            f"src={'same' if same_src else 'other'} {sa[:3]}/{sb[:3]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--index", action="store_true", help="also the index's grouping (index_predict)")
    ap.add_argument("--all", action="store_true", help="print the features of every pair, not only errors")
    args = ap.parse_args()
    for split in DEV_SPLITS:
        pairs = load_pairs(ROOT / "gold" / "stories" / f"pairs_{split}.jsonl")
        docs = load_docs(args.shared / "data" / "corpora", [str(p[k]) for p in pairs for k in ("a", "b")])
        runs = {"relation": predict(pairs, docs)}
        if args.index:
            runs["index"] = index_predict(pairs, docs)
        for how, preds in runs.items():
            s = score(pairs, preds)
            print(f"== {split} via {how}: same-story {s['same_story']}  same_event {s['same_event']}")
            conf: collections.Counter[tuple[str, str]] = collections.Counter()
            for p, q in zip(pairs, preds):
                label = str(p["label"]) + ("(hard)" if p.get("hard") else "")
                conf[(label, q)] += 1
            kinds = sorted({k for k, _ in conf})
            rels = sorted({r for _, r in conf})
            print(f"{'gold / pred':22}" + "".join(f"{r:>12}" for r in rels))
            for k in kinds:
                print(f"{k:22}" + "".join(f"{conf[(k, r)] or '':>12}" for r in rels))
            for p, q in zip(pairs, preds):
                g = str(p["label"])
                wrong = _cls(g) != _cls(q) and not (g == "same_event" and q in SAME_STORY)
                if wrong or args.all:
                    a, b = docs[str(p["a"])], docs[str(p["b"])]
                    mark = "ERR" if wrong else "ok "
                    print(f"{mark} {g:11}{'(h)' if p.get('hard') else '   '} -> {q:10} {p['a']} {p['b']}  "
                          f"{features(a, b)}")
            print()


if __name__ == "__main__":
    main()
