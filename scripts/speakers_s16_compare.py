"""Two English quote versions, each with the default pipeline's other stages (session 16: quotes.v7 against quotes.v8
by default; S16_OLD=v2 S16_NEW=v7 for v7's figures, S16_OLD=v2 S16_NEW=v9 for the default's): the figures on the dev
sets, and the quotes that change on an English corpus (written to a JSONL file for reading by hand).

    PYTHONPATH=src /work/main/.venv/bin/python scripts/speakers_s16_compare.py dev
    PYTHONPATH=src /work/main/.venv/bin/python scripts/speakers_s16_compare.py corpus IN.jsonl OUT.jsonl
    PYTHONPATH=src /work/main/.venv/bin/python scripts/speakers_s16_compare.py heldout   # once, for the proposal

Held-out sets are scored in aggregate only (no item is printed).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from moralewatch import stages
from moralewatch.eval import indicators as ev_ind
from moralewatch.eval.quotes import evaluate, read_gold
from moralewatch.model import Document, Quote
from moralewatch.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
#: the two versions compared (session 16: v7 -> v8; S16_OLD=v2 S16_NEW=v9 for quotes.v9 against the default)
OLD, NEW = os.environ.get("S16_OLD", "v7"), os.environ.get("S16_NEW", "v8")


def pipe(version: str) -> Pipeline:
    return Pipeline(tuple(version if s.startswith("quotes.v") else s for s in stages.DEFAULT), None, stages.REGISTRY)


PIPES = {OLD: pipe(f"quotes.{OLD}"), NEW: pipe(f"quotes.{NEW}")}


def quote_figures(gold: str, p: Pipeline) -> dict[str, Any]:
    got = evaluate(gold, pipeline=p)["all"]
    found = got["found"] or 1
    return {"ggt30_p": round(got["ggt30"]["p"], 4), "ggt30_r": round(got["ggt30"]["r"], 4),
            "ggt30_f1": round(got["ggt30"]["f1"], 4), "exact_f1": round(got["exact"]["f1"], 4),
            "speaker": round(got["speaker_accuracy"], 4), "found": got["found"],
            "role": f"{got['role_right']} ({got['role_right'] / found:.3f})",
            "side": f"{got['side_right']} ({got['side_right'] / found:.3f})",
            "channel": f"{got['channel_right']} ({got['channel_right'] / found:.3f})"}


def seeds(p: Pipeline) -> dict[str, Any]:
    got = evaluate(str(SHARED / "examples" / "gold"), pipeline=p)["all"]
    return {k: got[k] for k in ("gold", "found", "speaker_right", "role_right", "side_right", "channel_right")}


def indicators(p: Pipeline) -> dict[str, Any]:
    original = stages.default_pipeline
    stages.default_pipeline = lambda config=None: p  # eval.indicators.predict runs the default pipeline
    try:
        got = ev_ind.evaluate(ROOT / "gold" / "v11" / "indicators_dev.jsonl")
    finally:
        stages.default_pipeline = original
    return {k: got[k] for k in ("span_f1", "subject_side_agreement", "claimant_side_agreement", "claimant_side_right",
                                "claimant_accuracy") if k in got}


def _row(q: Quote) -> tuple[Any, ...]:
    return (q.start, q.end, q.kind, q.speaker, q.speaker_role, q.side, q.channel)


def polnear() -> tuple[int, int]:
    """(documents, documents whose quote spans, kinds and speakers differ) on PolNeAR dev (sides are not scored)."""
    docs = read_gold(str(SHARED / "data" / "quotes" / "polnear_dev.jsonl"))
    differ = 0
    for d in docs:
        a, b = (PIPES[v].run(Document(text=d.text)).quotes for v in (OLD, NEW))
        differ += [(q.start, q.end, q.kind, q.speaker) for q in a] != [(q.start, q.end, q.kind, q.speaker) for q in b]
    return len(docs), differ


def changes(corpus: Path, out: Path) -> dict[str, int]:
    """The quote rows of ``corpus`` that differ in span, kind, speaker, role, side or channel (each version's rows
    that the other lacks, written to ``out``), and the indicator rows that differ (either version's)."""
    counts = {"documents": 0, "quotes_old": 0, "quotes_new": 0, "rows_old_only": 0, "rows_new_only": 0,
              "indicators": 0, "indicators_changed": 0}
    with out.open("w", encoding="utf-8") as w:
        for line in corpus.open(encoding="utf-8"):
            rec = json.loads(line)
            a, b = (PIPES[v].run(Document(text=rec["text"])) for v in (OLD, NEW))
            counts["documents"] += 1
            counts["quotes_old"] += len(a.quotes)
            counts["quotes_new"] += len(b.quotes)
            old, new = {_row(q) for q in a.quotes}, {_row(q) for q in b.quotes}
            for q in a.quotes + b.quotes:
                r = _row(q)
                if (r in old) != (r in new):
                    counts["rows_old_only" if r in old else "rows_new_only"] += 1
                    w.write(json.dumps({"id": rec.get("id"), "version": OLD if r in old else NEW, "start": q.start,
                                        "speaker": q.speaker, "role": q.speaker_role, "side": q.side,
                                        "channel": q.channel, "quote": q.text[:160]}, ensure_ascii=False) + "\n")
            ia = [(i.start, i.end, i.indicator, i.subject_side, i.claimant, i.claimant_side) for i in a.indicators]
            ib = [(i.start, i.end, i.indicator, i.subject_side, i.claimant, i.claimant_side) for i in b.indicators]
            counts["indicators"] += len(ia)
            for x in sorted(set(ia) ^ set(ib)):
                counts["indicators_changed"] += 1
                w.write(json.dumps({"id": rec.get("id"), "indicator": list(x), "version": OLD if x in ia else NEW,
                                    "text": a.text[x[0]:x[1]][:160]}, ensure_ascii=False) + "\n")
    return counts


def main(argv: list[str]) -> None:
    what = argv[0] if argv else "dev"
    if what == "dev":
        for v, p in PIPES.items():
            print(v, "war dev", quote_figures(str(ROOT / "gold" / "quotes_war_dev.jsonl"), p), flush=True)
            print(v, "seeds", seeds(p), flush=True)
            print(v, "indicators v1.1 dev", indicators(p), flush=True)
        print("polnear dev (documents, differing)", polnear(), flush=True)
    elif what == "corpus":
        print(argv[1], changes(Path(argv[1]), Path(argv[2])), flush=True)
    elif what == "heldout":
        for name, gold in (("war held-out", "gold/heldout/quotes_war_heldout.jsonl"),
                           ("web held-out", "gold/quotes_web/quotes_heldout.jsonl")):
            for v, p in PIPES.items():
                print(v, name, quote_figures(str(ROOT / gold), p), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
