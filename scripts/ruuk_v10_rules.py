"""Per recall rule of ``indicators.ruuk.v10`` (``data/ruuk/indicators_v10/cues.txt``, issue 17, session 14): the items
it adds on a half of the training rounds and on the dev sets, right or false (the precision guard of h-ruukrec10's
brief: a rule that adds false hits on the rounds' negative sentences is a bad rule).

On a round half an item is right when its sentence carries the indicator, ``false-neg`` when the sentence is a
negative one (no label at all), ``false`` otherwise; on a dev set right when a gold item of its indicator overlaps it.

    PYTHONPATH=src python scripts/ruuk_v10_rules.py --half A [--show]
    PYTHONPATH=src python scripts/ruuk_v10_rules.py --half C --files gold/train/ruuk/indicators_train_ruuk_{c,d}.jsonl
    PYTHONPATH=src python scripts/ruuk_v10_rules.py --dev [--show]
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

from score_ruuk_round import DEV, ROUND, _sentence_of, corpus_texts, pipeline, read_round  # noqa: E402

from moralewatch.api import extract_line  # noqa: E402
from moralewatch.indicators.slavic_v10 import TAG  # noqa: E402


def _items(pipe, doc_id: str, text: str) -> list[dict]:
    res = extract_line(json.dumps({"id": doc_id, "text": text}), 0, pipe)
    if res["error"]:
        raise SystemExit(f"the pipeline failed on {doc_id}: {res['error']['message']}")
    return [i for i in res["indicators"] if f":{TAG}-" in str(i.get("rule", ""))]


def on_round(half: str, files: tuple[Path, ...], shared: Path) -> list[tuple[str, str, dict, str]]:
    rows = read_round(half, files)
    by_doc: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in rows:
        by_doc[(r["corpus"], r["id"])].append(r)
    texts = corpus_texts(shared, set(by_doc))
    pipe = pipeline("indicators.ruuk.v10")
    out = []
    for key in sorted(by_doc):
        text = texts[key]
        for i in _items(pipe, key[1], text):
            s = _sentence_of(i, by_doc[key], text)
            if s is None:
                continue
            inds = {x["indicator"] for x in s["labels"]}
            what = "right" if i["indicator"] in inds else "false" if inds else "false-neg"
            out.append((f"half {s['half']}", what, i, text[s["start"]:s["end"]]))
    return out


def on_dev() -> list[tuple[str, str, dict, str]]:
    from moralewatch.eval import indicators as ev

    pipe = pipeline("indicators.ruuk.v10")
    out = []
    for path in DEV:
        docs, _ = ev.read_gold(path)
        for d in docs:
            for i in _items(pipe, d.id, d.text):
                right = any(g["indicator"] == i["indicator"] and min(g["end"], i["end"]) > max(g["start"], i["start"])
                            for g in d.items)
                out.append((path.stem.replace("indicators_", ""), "right" if right else "false", i,
                            d.text[i["start"]:i["end"]]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", default="A")
    ap.add_argument("--files", type=Path, nargs="+")
    ap.add_argument("--dev", action="store_true", help="the dev sets instead of a round half")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MORALEWATCH_SHARED", ROOT.parent / "shared")))
    args = ap.parse_args()
    found = on_dev() if args.dev else on_round(args.half, tuple(args.files or ROUND), args.shared)
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for where, what, i, _ in found:
        tally[i["rule"].rsplit("-", 1)[1]][f"{where} {what}"] += 1
    for line in sorted(tally, key=int):
        print(f"line {line:>3}: " + ", ".join(f"{k} {v}" for k, v in sorted(tally[line].items())))
    total: Counter[str] = Counter()
    for t in tally.values():
        total.update(t)
    print("all     : " + ", ".join(f"{k} {v}" for k, v in sorted(total.items())))
    if args.show:
        for where, what, i, text in found:
            print(f"  {where} {what} {i['rule']} {i['indicator']} {i['subject_side']} {i['cue']!r}: {text[:200]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
