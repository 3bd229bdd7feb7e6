"""Why an ``indicators.ruuk`` version misses the labelled sentences of a Russian/Ukrainian training round (issue 17,
session 14, h-ruukrec10): each missed (sentence, indicator) of the round is put in the first group that explains it:

* ``prefilter``: the sentence's paragraph is not labelled ru/uk by ``language``: the stage never reads it;
* ``refused``: v7 finds it and a refusal of v8 (``data/ruuk/indicators_v8/refusals.txt``) takes it away;
* ``condition``: a cue rule of v7 for that indicator matches in the sentence, but its condition (a size, soldiers, a
  military word) does not hold, or the sentence's cue belongs to another rule that wins at that place;
* ``other``: the version fires on the sentence, but with another indicator;
* ``no cue``: no rule of v7 for that indicator matches anywhere in the sentence.

The morphology-form group of the brief is read by hand from the ``no cue`` list (``--show``): a rule whose stem is
there but whose ending or word order is not.

    PYTHONPATH=src python scripts/ruuk_round_misses.py --version indicators.ruuk.v8 --half A [--show]
    PYTHONPATH=src python scripts/ruuk_round_misses.py --half C --files gold/train/ruuk/indicators_train_ruuk_{c,d}.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from score_ruuk_round import ROUND, _sentence_of, corpus_texts, pipeline, read_round  # noqa: E402

from moralewatch import lexicons  # noqa: E402
from moralewatch.indicators import slavic  # noqa: E402
from moralewatch.lexicons import compile_regex, lines  # noqa: E402
from moralewatch.model import Document  # noqa: E402

GROUPS = ("prefilter", "refused", "condition", "other", "no cue")


def _rule_regexes() -> list[tuple[tuple[str, ...], object]]:
    """v7's cue rules, one compiled regex each: (indicators, pattern)."""
    path = slavic._file(slavic.V7, "cues.txt")
    out = []
    for n, line in enumerate(lines(path), 1):
        rule, rx = slavic._rule(path, n, line)
        out.append((rule.indicators, compile_regex(rf"(?<!\w)(?:{rx})(?!\w)")))
    return out


def classify(version: str, half: str, files: tuple[Path, ...], shared: Path) -> tuple[Counter, list[dict]]:
    rows = read_round(half, files)
    by_doc: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in rows:
        by_doc[(r["corpus"], r["id"])].append(r)
    texts = corpus_texts(shared, set(by_doc))
    pipe = pipeline(version)
    with _loading("indicators.ruuk.v8"):
        rules = _rule_regexes()
    tally: Counter[tuple[str, str]] = Counter()
    cases = []
    for key in sorted(by_doc):
        text, sents = texts[key], by_doc[key]
        doc = pipe.run(Document(text=text, external_id=key[1]))
        with _loading("indicators.ruuk.v8"):
            v7 = slavic.tag(doc, structural=True, root=slavic.V7, v7=True)
        got: dict[int, set[str]] = defaultdict(set)
        for i in doc.indicators:
            if str(i.rule or "").startswith("ruuk:"):
                s = _sentence_of({"start": i.start, "end": i.end, "cue": i.cue}, sents, text)
                if s is not None:
                    got[s["pool_idx"]].add(i.indicator)
        v7got: dict[int, set[str]] = defaultdict(set)
        for i in v7:
            s = _sentence_of({"start": i.start, "end": i.end, "cue": i.cue}, sents, text)
            if s is not None:
                v7got[s["pool_idx"]].add(i.indicator)
        paras = list(zip(doc.paragraphs, doc.paragraph_languages, strict=False))
        low = slavic.fold(text)
        for s in sents:
            for ind in sorted({x["indicator"] for x in s["labels"]}):
                if ind in got[s["pool_idx"]]:
                    continue
                labs = {lab for (ps, pe), lab in paras if ps < s["end"] and pe > s["start"]}
                if not labs & set(slavic.LANGS):
                    why = "prefilter"
                elif ind in v7got[s["pool_idx"]]:
                    why = "refused"
                elif any(ind in inds and rx.search(low, s["start"], s["end"]) for inds, rx in rules):
                    why = "condition"
                elif got[s["pool_idx"]]:
                    why = "other"
                else:
                    why = "no cue"
                tally[(why, ind)] += 1
                tally[(why, "*")] += 1
                cases.append({"why": why, "indicator": ind, "half": s["half"], "pool_idx": s["pool_idx"],
                              "lang": s["lang"], "source": s["source_type"], "fired": sorted(got[s["pool_idx"]]),
                              "text": text[s["start"]:s["end"]]})
    return tally, cases


class _loading:
    """Reads the data files as ``name`` (the loaders refuse a file the running stage does not declare)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> None:
        self.outer = lexicons.loading_for(self.name)

    def __exit__(self, *exc: object) -> None:
        lexicons.loading_for(self.outer)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--version", default="indicators.ruuk.v8")
    ap.add_argument("--half", default="all")
    ap.add_argument("--files", type=Path, nargs="+")
    ap.add_argument("--show", action="store_true", help="list the misses with their group")
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MORALEWATCH_SHARED", ROOT.parent / "shared")))
    args = ap.parse_args()
    tally, cases = classify(args.version, args.half, tuple(args.files or ROUND), args.shared)
    total = sum(tally[(g, "*")] for g in GROUPS)
    print(f"{args.version}, half {args.half}: {total} missed (sentence, indicator) pairs")
    for g in GROUPS:
        per = ", ".join(f"{i} {n}" for (gg, i), n in sorted(tally.items(), key=lambda kv: -kv[1])
                        if gg == g and i != "*")
        print(f"  {g:10} {tally[(g, '*')]:4}   {per}")
    if args.show:
        for c in cases:
            print(json.dumps(c, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
