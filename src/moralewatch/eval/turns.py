"""``moralewatch eval turns GOLD``: speaker turns of transcripts (issue 19): found, speaker, role.

Gold is offset-only JSONL (gold/transcripts/): one line per document, ``{id, corpus, kind, labelled_chars,
turns: [{label_start, label_end, start, end, sha1, speaker, role, side}]}``, the text read from the corpus under
``shared/``. Only the first ``labelled_chars`` characters of a document were labelled, so only predictions that start
there are scored.

The documents are read with their corpus metadata (title, date, source, url, language), as extract reads a JSONL
record, and as transcripts declared so (``--format transcript``): the scorer measures how turns, speakers
and roles come out of a transcript, not whether a JSONL record is recognised as one (reported apart, as
``detected``: how many documents ``looks_like_transcript`` recognises undeclared). A predicted turn is a quote
written by the turn stage (rule ``turn.*``), with the paragraphs that continue it (a long answer). Gold and
predicted turns are matched one to one when their character
spans overlap by at least 80% of their union (turn boundaries are lines: a turn found is a turn found whole). A
matched turn's speaker is right when the predicted speaker mention overlaps the gold label or the names agree (as in
``eval quotes``); its role is right when it equals the gold role.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import click

from ..errors import MoraleWatchError
from .common import gold_and_texts, sha12
from .quotes import Unit, speaker_right

MIN_OVERLAP = 0.8


@dataclass
class GoldTranscript:
    id: str
    corpus: str
    kind: str
    text: str
    limit: int
    turns: list[Unit]
    meta: dict[str, str]


def read_gold(path: str) -> list[GoldTranscript]:
    rows, records = gold_and_texts(path)
    out = []
    for r in rows:
        rec = records.get(r["id"])
        if rec is None:
            raise MoraleWatchError("E401", f"{r['corpus']}:{r['id']} is not in the corpus", "check the gold file")
        text = rec["text"]
        turns = []
        for t in r["turns"]:
            if sha12(text[t["start"]:t["end"]]) != t["sha1"]:
                raise MoraleWatchError("E401", f"{r['id']}: the turn at {t['start']} does not match its sha1",
                                       "the corpus text changed: label the document again")
            turns.append(Unit(t["start"], t["end"], "direct", t.get("speaker"), t.get("label_start"),
                              t.get("label_end"), {"role": t.get("role"), "side": t.get("side")}))
        meta = {k: rec[k] for k in ("title", "date", "source", "url", "lang") if isinstance(rec.get(k), str)}
        out.append(GoldTranscript(r["id"], r["corpus"], r.get("kind", "unknown"), text,
                                  int(r.get("labelled_chars") or len(text)), turns, meta))
    return out


def predict(doc: GoldTranscript) -> tuple[list[Unit], bool]:
    """The turns the pipeline gives for the document read as a declared transcript, in the input's offsets, and
    whether the text is recognised as a transcript without being declared one."""
    from ..clean.transcript import looks_like_transcript
    from ..ingest.raw import RawInput
    from ..model import Document
    from ..runner import run_one
    from ..stages import default_pipeline

    raw = RawInput("-", doc.id, "transcript", text=doc.text, meta=doc.meta | {"id": doc.id})
    result = run_one(raw, default_pipeline())
    if not isinstance(result, Document):  # a failure must not score as a transcript where no turn was found
        raise MoraleWatchError("E403", f"the pipeline failed on {doc.id}: {result.code}: {result.reason}",
                               "fix the stage, or leave the transcript out of the gold set")
    turns = []
    ends: dict[int, int] = {}  # a turn of several paragraphs: its first quote and the end of its last
    for i, q in enumerate(result.quotes):
        if (q.rule or "").startswith("turn."):
            first = q.continues if q.continues is not None else i
            ends[first] = max(ends.get(first, q.end), q.end)
    for i, q in enumerate(result.quotes):
        span = result.offset_map.span_to_input(q.start, ends.get(i, q.end))
        if not (q.rule or "").startswith("turn.") or q.continues is not None or span is None or \
                span[0] >= doc.limit:
            continue
        label = result.offset_map.span_to_input(q.speaker_start, q.speaker_end) \
            if q.speaker_start is not None and q.speaker_end is not None else None
        turns.append(Unit(span[0], span[1], q.kind, q.speaker, label[0] if label else None,
                          label[1] if label else None, {"role": q.speaker_role, "side": q.side}))
    return turns, looks_like_transcript(doc.text)


def _overlap(a: Unit, b: Unit) -> float:
    inter = min(a.end, b.end) - max(a.start, b.start)
    return max(0, inter) / (max(a.end, b.end) - min(a.start, b.start))


def match(gold: list[Unit], pred: list[Unit]) -> list[tuple[int, int]]:
    pairs = sorted(((_overlap(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)
                    if _overlap(g, p) >= MIN_OVERLAP), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def score(docs: list[GoldTranscript], preds: dict[str, list[Unit]], detected: dict[str, bool]) -> dict[str, Any]:
    n_gold = n_pred = found = speaker = role = 0
    by_kind: dict[str, dict[str, int]] = {}
    for d in docs:
        pairs = match(d.turns, preds[d.id])
        sp = sum(speaker_right(d.turns[i], preds[d.id][j]) for i, j in pairs)
        ro = sum(d.turns[i].extra.get("role") == preds[d.id][j].extra.get("role") for i, j in pairs)
        n_gold, n_pred, found, speaker, role = (n_gold + len(d.turns), n_pred + len(preds[d.id]), found + len(pairs),
                                                speaker + sp, role + ro)
        k = by_kind.setdefault(d.kind, {"documents": 0, "gold": 0, "found": 0, "speaker": 0, "role": 0})
        for key, v in (("documents", 1), ("gold", len(d.turns)), ("found", len(pairs)), ("speaker", sp),
                       ("role", ro)):
            k[key] += v

    def ratio(a: int, b: int) -> float:
        return round(a / b, 3) if b else 0.0

    return {"documents": len(docs), "gold_turns": n_gold, "predicted_turns": n_pred,
            "found": ratio(found, n_gold), "precision": ratio(found, n_pred),
            "speaker_right": ratio(speaker, found), "role_right": ratio(role, found),
            "detected_undeclared": sum(detected.values()),
            "by_kind": {k: v | {"found_ratio": ratio(v["found"], v["gold"])} for k, v in sorted(by_kind.items())}}


def evaluate(gold: str) -> dict[str, Any]:
    docs = read_gold(gold)
    preds: dict[str, list[Unit]] = {}
    detected: dict[str, bool] = {}
    for d in docs:
        preds[d.id], detected[d.id] = predict(d)
    return score(docs, preds, detected)


@click.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def command(gold: str, as_json: bool) -> None:
    """Score transcript turns against GOLD (gold/transcripts/*.jsonl): turns found, speakers, roles.

    \b
    Example:
      moralewatch eval turns gold/transcripts/turns_dev.jsonl
    """
    r = evaluate(gold)
    if as_json:
        click.echo(json.dumps(r, indent=2))
        return
    click.echo(f"{r['documents']} transcripts ({r['detected_undeclared']} recognised without --format transcript)")
    click.echo(f"turns: {r['gold_turns']} gold, {r['predicted_turns']} predicted; found {r['found']:.3f}, "
               f"precision {r['precision']:.3f}; of those found: speaker right {r['speaker_right']:.3f}, "
               f"role right {r['role_right']:.3f}")
    for k, v in r["by_kind"].items():
        click.echo(f"  {k:16} {v['documents']:3} documents {v['gold']:5} turns, found {v['found_ratio']:.3f}")
