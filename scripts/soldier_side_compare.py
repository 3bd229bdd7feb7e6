"""quotes.v2 (the default) against quotes.v7 (session 16: no guessed side for a soldier speaker), each with the
default pipeline's other stages: the figures of the brief on the dev sets, and the quotes whose side changes on
nyt-guardian-407 (written to a JSONL file for reading by hand).

    PYTHONPATH=src /work/main/.venv/bin/python scripts/soldier_side_compare.py dev [--changed OUT.jsonl]
    PYTHONPATH=src /work/main/.venv/bin/python scripts/soldier_side_compare.py heldout   # once, for the proposal

Held-out sets are scored in aggregate only (no item is printed).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from moralewatch import stages
from moralewatch.eval import indicators as ev_ind
from moralewatch.eval.quotes import evaluate
from moralewatch.model import Document
from moralewatch.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def pipe(version: str) -> Pipeline:
    return Pipeline(tuple(version if s.startswith("quotes.v") else s for s in stages.DEFAULT), None, stages.REGISTRY)


PIPES = {"v2": pipe("quotes.v2"), "v7": pipe("quotes.v7")}


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


def polnear_spans() -> tuple[int, int]:
    """(documents, documents whose quote spans, kinds and speakers differ) on PolNeAR dev (sides are not scored)."""
    from moralewatch.eval.quotes import read_gold

    docs = read_gold(str(SHARED / "data" / "quotes" / "polnear_dev.jsonl"))
    differ = 0
    for d in docs:
        a, b = (PIPES[v].run(Document(text=d.text)).quotes for v in ("v2", "v7"))
        differ += [(q.start, q.end, q.kind, q.speaker) for q in a] != [(q.start, q.end, q.kind, q.speaker) for q in b]
    return len(docs), differ


def changes(out: Path, corpus: Path = SHARED / "data" / "corpora" / "nyt-guardian-407.jsonl") -> dict[str, int]:
    """The quotes of ``corpus`` whose side differs (written to ``out``); spans and speakers must not."""
    quotes = changed = 0
    moves: dict[str, int] = {}
    with out.open("a", encoding="utf-8") as w:
        for line in corpus.open(encoding="utf-8"):
            rec = json.loads(line)
            a, b = (PIPES[v].run(Document(text=rec["text"])).quotes for v in ("v2", "v7"))
            assert [(q.start, q.end, q.speaker) for q in a] == [(q.start, q.end, q.speaker) for q in b]
            quotes += len(a)
            for x, y in zip(a, b, strict=True):
                if x.side != y.side:
                    changed += 1
                    key = f"{x.side}->{y.side}"
                    moves[key] = moves.get(key, 0) + 1
                    w.write(json.dumps({"id": rec.get("id"), "start": x.start, "speaker": x.speaker,
                                        "role": x.speaker_role, "v2": x.side, "v7": y.side,
                                        "quote": x.text[:160]}, ensure_ascii=False) + "\n")
    return {"quotes": quotes, "changed": changed} | moves


def main(argv: list[str]) -> None:
    what = argv[0] if argv else "dev"
    if what == "dev":
        for v, p in PIPES.items():
            print(v, "war dev", quote_figures(str(ROOT / "gold" / "quotes_war_dev.jsonl"), p), flush=True)
            print(v, "seeds", seeds(p), flush=True)
            print(v, "indicators v1.1 dev", indicators(p), flush=True)
        print("polnear dev (documents, differing)", polnear_spans(), flush=True)
        out = Path(argv[argv.index("--changed") + 1]) if "--changed" in argv else Path("/tmp/soldierside_changed.jsonl")
        out.write_text("")
        print("nyt-guardian-407", changes(out), flush=True)
    elif what == "corpus":  # another English corpus: scripts/soldier_side_compare.py corpus IN.jsonl OUT.jsonl
        Path(argv[2]).write_text("")
        print(argv[1], changes(Path(argv[2]), Path(argv[1])), flush=True)
    elif what == "heldout":
        for name, gold in (("war held-out", "gold/heldout/quotes_war_heldout.jsonl"),
                           ("web held-out", "gold/quotes_web/quotes_heldout.jsonl")):
            for v, p in PIPES.items():
                print(v, name, quote_figures(str(ROOT / gold), p), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
