"""The side pass of ``indicators.ruuk.v11`` (:mod:`moralewatch.indicators.slavic_side11`) against its base version on
the Russian/Ukrainian training rounds and the gold/ruuk dev sets (issue 17, session 14).

For a round's half (``gold/train/ruuk/indicators_train_ruuk_{a,b,c,d}.jsonl``) it prints the side of right hits
before and after, overall, per language and per source type (``scripts/score_ruuk_round.py``'s scoring); for a gold
set the scorer's side on matches, per language. ``--changes`` lists each item whose side the pass changed, with the
gold sides of its sentence (round) or of the gold items of its indicator it overlaps (dev): training-side data only,
never a held-out set (the script refuses a path with "heldout" in it).

    PYTHONPATH=src python scripts/ruuk_side11.py --round c [--changes]
    PYTHONPATH=src python scripts/ruuk_side11.py --gold gold/ruuk/indicators_dev.jsonl [--changes]
    PYTHONPATH=src python scripts/ruuk_side11.py --round a --quotes quotes.ruuk.v7
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from moralewatch.api import extract_line  # noqa: E402
from moralewatch.pipeline import Pipeline  # noqa: E402
from moralewatch.stages import DEFAULT  # noqa: E402
from score_ruuk_round import _sentence_of, corpus_texts, score_gold, score_round  # noqa: E402


def pipeline(version: str, quotes: str | None) -> Pipeline:
    def pick(n: str) -> str:
        if n.startswith("indicators.ruuk."):
            return version
        if quotes and n.startswith("quotes.ruuk."):
            return quotes
        return n
    return Pipeline(tuple(pick(n) for n in DEFAULT))


def _items(pipe: Pipeline, doc_id: str, text: str) -> list[dict[str, Any]]:
    res = extract_line(json.dumps({"id": doc_id, "text": text}), 0, pipe)
    if res["error"]:
        raise SystemExit(f"the pipeline failed on {doc_id}: {res['error']['message']}")
    return [i for i in res["indicators"] if str(i.get("rule", "")).startswith("ruuk:")]


def _with_quotes(monkey: str | None) -> None:
    """score_ruuk_round's pipelines with ``monkey`` in the quotes.ruuk stage's place."""
    if not monkey:
        return
    import score_ruuk_round as s

    def patched(version: str) -> Pipeline:
        return pipeline(version, monkey)
    s.pipeline = patched


def changes_round(files: list[Path], base: str, new: str, quotes: str | None, shared: Path) -> None:
    rows = [json.loads(line) for p in files for line in open(p, encoding="utf-8")]
    by_doc: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_doc[(r["corpus"], r["id"])].append(r)
    texts = corpus_texts(shared, set(by_doc))
    p0, p1 = pipeline(base, quotes), pipeline(new, quotes)
    for key in sorted(by_doc):
        text = texts[key]
        a, b = _items(p0, key[1], text), _items(p1, key[1], text)
        for x, y in zip(a, b, strict=True):
            if x["subject_side"] == y["subject_side"]:
                continue
            s = _sentence_of(y, by_doc[key], text)
            gold = sorted({lab["subject_side"] for lab in s["labels"] if lab["indicator"] == y["indicator"]}) if s else []
            verdict = "no gold" if not gold else "FIXED" if y["subject_side"] in gold and x["subject_side"] not in gold \
                else "BROKEN" if x["subject_side"] in gold and y["subject_side"] not in gold else "same"
            print(json.dumps({"verdict": verdict, "doc": key[1], "lang": s["lang"] if s else None,
                              "source": s["source_type"] if s else None, "indicator": y["indicator"], "gold": gold,
                              "before": x["subject_side"], "after": y["subject_side"], "cue": y["cue"],
                              "text": text[y["start"]:y["end"]][:300]}, ensure_ascii=False))


def changes_gold(path: Path, base: str, new: str, quotes: str | None) -> None:
    from moralewatch.eval import indicators as ev

    docs, _ = ev.read_gold(path)
    p0, p1 = pipeline(base, quotes), pipeline(new, quotes)
    for d in docs:
        a, b = _items(p0, d.id, d.text), _items(p1, d.id, d.text)
        for x, y in zip(a, b, strict=True):
            if x["subject_side"] == y["subject_side"]:
                continue
            gold = sorted({g["subject_side"] for g in d.items if g["indicator"] == y["indicator"]
                           and min(g["end"], y["end"]) > max(g["start"], y["start"])})
            verdict = "no gold" if not gold else "FIXED" if y["subject_side"] in gold and x["subject_side"] not in gold \
                else "BROKEN" if x["subject_side"] in gold and y["subject_side"] not in gold else "same"
            print(json.dumps({"verdict": verdict, "doc": d.id, "indicator": y["indicator"], "gold": gold,
                              "before": x["subject_side"], "after": y["subject_side"], "cue": y["cue"],
                              "text": d.text[y["start"]:y["end"]][:300]}, ensure_ascii=False))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--round", nargs="+", help="round halves: a b c d")
    ap.add_argument("--gold", type=Path, help="a gold/ruuk set (not a held-out one)")
    ap.add_argument("--base", default="indicators.ruuk.v8")
    ap.add_argument("--version", default="indicators.ruuk.v11")
    ap.add_argument("--quotes", help="a quotes.ruuk version in the default's place (e.g. quotes.ruuk.v7)")
    ap.add_argument("--changes", action="store_true", help="list the items whose side changed")
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MORALEWATCH_SHARED", ROOT.parent / "shared")))
    args = ap.parse_args()
    _with_quotes(args.quotes)
    if args.gold:
        if "heldout" in str(args.gold):
            raise SystemExit("not on a held-out set")
        for v in (args.base, args.version):
            s = score_gold(v, args.gold)
            langs = " ".join(f"{k} {x['subject_side_agreement']:.3f}" for k, x in sorted(s.get("by_lang", {}).items()))
            print(f"{v:22} span {s['span_f1']:.3f} doc {s['doc_f1']:.3f} side {s['subject_side_agreement']:.3f} "
                  f"{langs}")
        if args.changes:
            changes_gold(args.gold, args.base, args.version, args.quotes)
        return 0
    files = [ROOT / "gold" / "train" / "ruuk" / f"indicators_train_ruuk_{h.lower()}.jsonl" for h in args.round or []]
    for v in (args.base, args.version):
        s, _ = score_round(v, "all", args.shared, tuple(files))
        cells = []
        for g, inds in s["groups"].items():
            a = inds["*"]
            if a["right"]:
                cells.append(f"{g} {a['side_right']}/{a['right']}={a['side']:.3f}")
        print(f"{v:22} " + "; ".join(cells))
    if args.changes:
        changes_round(files, args.base, args.version, args.quotes, args.shared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
