"""``moralewatch eval quotes GOLD [PRED]``: quote spans and speakers scored with the field's conventions.

Content is matched one-to-one when a prediction covers more than 30% of a gold quote's characters (GGT@0.3, the
convention of Pareti's PARC and of PolNeAR's own evaluation), at 80%, and exactly (both trimmed of blanks,
punctuation and quotation marks). A matched quote's speaker is right when the predicted speaker mention overlaps the
gold one or the names agree (one is the other, or shares its last word). Results are split by kind.

Gold is PolNeAR-style JSONL (``id``, ``text``, ``quotes`` with ``fragments``), MoraleWatch's own offset-only JSONL
(``id``, ``corpus``, ``quotes`` with offsets and a ``sha1`` per span; the text is read from the corpus under
``shared/``; gold/quotes_war_dev.jsonl), or the seed gold (a directory of ``*.json`` files, or one file, whose
``document`` names a text under the examples directory). MoraleWatch's
convention differs from PolNeAR's in two places, and the scorer converts PolNeAR's gold to it (``--units spec``,
the default): a quote interrupted by its attribution ("…,” he said, “…") and a quote running over paragraphs are
one quote per piece, so PolNeAR's fragments separated by more than blanks or marks, or by a paragraph break, become
separate gold quotes (a piece that is only a pronoun or a connective, the "which" of "which he said would be …",
stays with the next piece as one quote of two fragments, as PolNeAR has it: it is nobody's words on its own, and an
exact match is judged on the other piece); and a quoted fragment that PolNeAR folds into its mixed quote is not
counted twice, so a predicted partial quote nested in a predicted mixed quote is dropped before matching
(``--nested``).
``--units polnear`` scores against PolNeAR's quotes as annotated (a prediction then covers a share of the whole).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from ..errors import MoraleWatchError
from .common import corpus_records, extracted, read_pred, sha12, shared_dir

_TRIM = " \t\n\r.,;:!?…\"'“”‘’«»„‚-–—()[]"
MARKED_KINDS = {"direct", "mixed", "partial"}


@dataclass
class Unit:
    """One quote (gold or predicted) as the scorer sees it."""

    start: int
    end: int
    kind: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class GoldDoc:
    id: str
    text: str
    quotes: list[Unit]
    #: the record's source, passed to the pipeline for Russian and Ukrainian gold (a Telegram channel relays)
    source: str | None = None


# -- reading gold and predictions --------------------------------------------------------------------------------


_OPEN = re.compile(r"^\s*(?:''|[“\"«„])")
_CLOSE = re.compile(r"(?:''|[”\"»“])[\s.,;:!?]*$")
_ANY_MARK = re.compile(r"''|[“”\"«»„]")


def kind_from_marks(text: str) -> str:
    """The codebook's kind read off the marks in a span: PolNeAR's labels miss the '' marks of its NYT texts."""
    if _OPEN.search(text) and _CLOSE.search(text):
        return "direct"
    return "mixed" if _ANY_MARK.search(text) else "indirect"


def _polnear_units(text: str, q: dict[str, Any], units: str, kinds: str = "gold") -> list[Unit]:
    frags = sorted(tuple(f) for f in (q.get("fragments") or [[q["start"], q["end"]]]))
    who, s0, e0 = q.get("speaker"), q.get("speaker_start"), q.get("speaker_end")
    if units == "polnear":
        return [Unit(frags[0][0], frags[-1][1], q["kind"], who, s0, e0, {"fragments": frags})]
    groups: list[list[int]] = []
    for a, b in frags:
        gap = text[groups[-1][1]:a] if groups else ""
        if groups and not gap.strip(_TRIM) and "\n\n" not in gap:
            groups[-1][1] = b
        else:
            groups.append([a, b])
    groups = [g for g in groups if text[g[0]:g[1]].strip(_TRIM)]
    pieces: list[list[tuple[int, int]]] = []
    for a, b in groups:  # "which [he said] would be its lowest ever": a lone pronoun is no piece of its own
        if pieces and _FUNCTION_ONLY.fullmatch(text[pieces[-1][-1][0]:pieces[-1][-1][1]].strip(_TRIM)) \
                and len(pieces[-1]) == 1:
            pieces[-1].append((a, b))
        else:
            pieces.append([(a, b)])
    if len(pieces) > 1 and _FUNCTION_ONLY.fullmatch(text[pieces[-1][0][0]:pieces[-1][0][1]].strip(_TRIM)):
        pieces[-2].extend(pieces.pop())
    out = []
    for frags in pieces:
        a, b = frags[0][0], frags[-1][1]
        kind = q["kind"] if kinds == "gold" else kind_from_marks(text[a:b])
        out.append(Unit(a, b, kind, who, s0, e0, {"fragments": frags, "words": max(frags, key=lambda f: f[1] - f[0])}
                        if len(frags) > 1 else {}))
    return out


#: a piece of a PolNeAR quote that is only a pronoun or a connective: it joins the next piece
_FUNCTION_ONLY = re.compile(r"(?i)(?:which|what|that|who|whom|whose|it|he|she|they|this|these|those|there|where|"
                            r"when|how|why|whether)")


_LABELS = ("speaker_role", "side", "channel", "via")


def _offset_units(text: str, doc_id: str, quotes: list[dict[str, Any]]) -> list[Unit]:
    """Quotes of a gold set kept as offsets into a corpus text (no text copied): MoraleWatch's own units already,
    each span checked against its ``sha1`` so that a moved text is an error, not a silent mis-score."""
    out = []
    for q in quotes:
        if q.get("sha1") and sha12(text[q["start"]:q["end"]])[:len(q["sha1"])] != q["sha1"]:
            raise MoraleWatchError("E406", f"{doc_id}: quote [{q['start']}, {q['end']}) no longer matches its sha1",
                                   "the corpus text changed: re-anchor the gold offsets")
        out.append(Unit(q["start"], q["end"], q["kind"], q.get("speaker"), q.get("speaker_start"),
                        q.get("speaker_end"), {k: q.get(k) for k in _LABELS}))
    return out


def read_gold(path: str, units: str = "spec", kinds: str = "gold") -> list[GoldDoc]:
    """Gold documents from PolNeAR-style JSONL (with ``text``), from MoraleWatch's offset-only gold (``id``,
    ``corpus``, ``quotes`` with offsets into the corpus text under ``shared/``), or from the seed gold."""
    p = Path(path)
    if p.is_file() and p.suffix == ".jsonl":
        docs = []
        records = [json.loads(line) for line in p.open(encoding="utf-8") if line.strip()]
        texts: dict[str, str] = {}
        sources: dict[str, str] = {}
        for corpus in sorted({str(r["corpus"]) for r in records if "text" not in r}):
            ids = {str(r["id"]) for r in records if r.get("corpus") == corpus}
            found = corpus_records(shared_dir(p) / "data" / "corpora" / f"{corpus}.jsonl", ids)
            texts.update({k: v["text"] for k, v in found.items()})
            sources.update({k: v["source"] for k, v in found.items() if isinstance(v.get("source"), str)})
        for d in records:
            if "text" in d:
                qs = [u for q in d["quotes"] for u in _polnear_units(d["text"], q, units, kinds)]
                docs.append(GoldDoc(str(d["id"]), d["text"], qs))
            else:
                text = texts.get(str(d["id"]))
                if text is None:
                    raise MoraleWatchError("E402", f"{d['id']} is not in the {d['corpus']} corpus",
                                           "check the gold ids against shared/data/corpora")
                source = sources.get(str(d["id"])) if d.get("lang") in ("ru", "uk") else None
                docs.append(GoldDoc(str(d["id"]), text, _offset_units(text, str(d["id"]), d["quotes"]), source))
        return docs
    files = sorted(p.glob("*.json")) if p.is_dir() else [p]
    docs = []
    for f in files:
        g = json.loads(f.read_text(encoding="utf-8"))
        text = (f.parent.parent / g["document"]).read_text(encoding="utf-8")
        qs = []
        for q in g["quotes"]:
            span = q.get("speaker_span") or [None, None]
            qs.append(Unit(q["span"][0], q["span"][1], q["kind"], q.get("speaker"), span[0], span[1],
                           {k: q.get(k) for k in _LABELS}))
        docs.append(GoldDoc(f.stem, text, qs))
    return docs


def _units_from_extract(quotes: Iterable[dict[str, Any]]) -> list[Unit]:
    return [Unit(q["start"], q["end"], q.get("kind", "direct"), q.get("speaker"), q.get("speaker_start"),
                 q.get("speaker_end"), {k: q.get(k) for k in _LABELS})
            for q in quotes]


def predict(docs: list[GoldDoc], pred_path: str | None, pipeline: Any = None) -> dict[str, list[Unit]]:
    """Predictions by document id: read from an extract JSONL, or produced by running the extract pipeline (the
    default one, or ``pipeline``: another stage list, e.g. with ``quotes.v3``)."""
    if pred_path:
        return {k: _units_from_extract(v) for k, v in read_pred(pred_path, "quotes", (d.id for d in docs)).items()}
    from ..api import extract_line
    from ..stages import default_pipeline

    pipe = pipeline or default_pipeline()
    return {d.id: _units_from_extract(extracted(extract_line(json.dumps({"id": d.id, "text": d.text} | (
                {"source": d.source} if d.source else {})), n, pipe), d.id)["quotes"])
            for n, d in enumerate(docs, 1)}


def drop_nested(preds: list[Unit]) -> list[Unit]:
    """Partial quotes inside a predicted mixed quote: PolNeAR counts them as part of it."""
    mixed = [p for p in preds if p.kind == "mixed"]
    return [p for p in preds if not (p.kind == "partial" and any(m.start <= p.start and p.end <= m.end
                                                                  for m in mixed))]


# -- matching ----------------------------------------------------------------------------------------------------


def _coverage(g: Unit, p: Unit) -> float:
    frags = g.extra.get("fragments") or [(g.start, g.end)]
    total = sum(b - a for a, b in frags) or 1
    return float(sum(max(0, min(b, p.end) - max(a, p.start)) for a, b in frags) / total)


def _trimmed(text: str, u: Unit) -> tuple[int, int]:
    s, e = u.start, u.end
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


def match(text: str, gold: list[Unit], pred: list[Unit], threshold: float | None) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, prediction index): by coverage above ``threshold``, or exact when None.

    The pairing is a maximum matching, so that a long prediction covering two gold quotes never hides the
    prediction that fits the second one."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if threshold is None:
                words = g.extra.get("words") or (g.start, g.end)  # a lone "which" is matched on the other piece
                if _trimmed(text, Unit(words[0], words[1], g.kind)) == _trimmed(text, p):
                    pairs.append((1.0, i, j))
            else:
                c = _coverage(g, p)
                if c > threshold:
                    pairs.append((c, i, j))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    options: dict[int, list[int]] = {}
    for _, i, j in pairs:
        options.setdefault(i, []).append(j)
    owner: dict[int, int] = {}  # prediction -> gold: a maximum one-to-one matching (augmenting paths)

    def augment(i: int, seen: set[int]) -> bool:
        for j in options.get(i, []):
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in sorted(options):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def _norm(name: str | None) -> list[str]:
    words = re.findall(r"[\w’'-]+", (name or "").lower().replace("’s", "").replace("'s", ""))
    return [w for w in words if w not in {"the", "a", "an"}]


def speaker_right(g: Unit, p: Unit) -> bool:
    if g.speaker_start is not None and p.speaker_start is not None and g.speaker_end is not None \
            and p.speaker_end is not None and min(g.speaker_end, p.speaker_end) > max(g.speaker_start,
                                                                                     p.speaker_start):
        return True
    gn, pn = _norm(g.speaker), _norm(p.speaker)
    if not gn or not pn:
        return False
    return gn == pn or gn[-1] == pn[-1] or " ".join(gn) in " ".join(pn) or " ".join(pn) in " ".join(gn)


# -- scores ------------------------------------------------------------------------------------------------------


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


GROUPS: dict[str, tuple[set[str], set[str]]] = {
    "all": ({"direct", "mixed", "indirect", "partial"}, {"direct", "mixed", "indirect", "partial"}),
    "direct+mixed": ({"direct", "mixed", "partial"}, {"direct", "mixed", "partial"}),
    "indirect": ({"indirect"}, {"indirect"}),
}


def score(docs: list[GoldDoc], preds: dict[str, list[Unit]], nested: str = "drop") -> dict[str, Any]:
    """Every figure of the report, as a dict (also what the CI floor test reads)."""
    out: dict[str, Any] = {"documents": len(docs)}
    for group, (gkinds, pkinds) in GROUPS.items():
        counts = {"gold": 0, "pred": 0, "ggt30": 0, "ggt80": 0, "exact": 0, "speaker_ok": 0, "speaker_n": 0}
        labels = {"role": 0, "side": 0, "channel": 0}
        for d in docs:
            gold = [g for g in d.quotes if g.kind in gkinds]
            pred = [p for p in preds.get(d.id, []) if p.kind in pkinds]
            if nested == "drop":
                pred = drop_nested(pred)
            counts["gold"] += len(gold)
            counts["pred"] += len(pred)
            m30 = match(d.text, gold, pred, 0.3)
            counts["ggt30"] += len(m30)
            counts["ggt80"] += len(match(d.text, gold, pred, 0.8))
            counts["exact"] += len(match(d.text, gold, pred, None))
            for i, j in m30:
                g, p = gold[i], pred[j]
                if g.speaker:
                    counts["speaker_n"] += 1
                    counts["speaker_ok"] += speaker_right(g, p)
                for key, gkey in (("role", "speaker_role"), ("side", "side"), ("channel", "channel")):
                    labels[key] += g.extra.get(gkey) is not None and g.extra.get(gkey) == p.extra.get(gkey)
        res: dict[str, Any] = {"gold": counts["gold"], "pred": counts["pred"], "found": counts["ggt30"]}
        for key in ("ggt30", "ggt80", "exact"):
            res[key] = _prf(counts[key], counts["pred"], counts["gold"])
        res["speaker_accuracy"] = round(counts["speaker_ok"] / counts["speaker_n"], 4) if counts["speaker_n"] else 0.0
        res["speaker_right"] = counts["speaker_ok"]
        res.update({f"{k}_right": v for k, v in labels.items()})
        out[group] = res
    return out


def evaluate(gold: str, pred: str | None = None, units: str = "spec", nested: str = "auto",
             kinds: str = "gold", pipeline: Any = None) -> dict[str, Any]:
    """Score predictions (or a fresh extract run, of ``pipeline`` if given) against a gold file or directory."""
    docs = read_gold(gold, units, kinds)
    if nested == "auto":  # PolNeAR and the JSONL gold sets fold quoted fragments into their mixed quote
        nested = "drop" if gold.endswith(".jsonl") else "keep"
    return score(docs, predict(docs, pred, pipeline), nested)


def _lines(result: dict[str, Any]) -> Iterator[str]:
    yield f"{result['documents']} documents"
    yield f"{'kinds':14} {'gold':>5} {'pred':>5} {'GGT@0.3 P/R/F1':>22} {'GGT@0.8 F1':>11} {'exact F1':>9} " \
          f"{'speaker':>8}"
    for group in GROUPS:
        r = result[group]
        g30 = r["ggt30"]
        yield (f"{group:14} {r['gold']:>5} {r['pred']:>5} {g30['p']:>7.3f}/{g30['r']:.3f}/{g30['f1']:.3f} "
               f"{r['ggt80']['f1']:>11.3f} {r['exact']['f1']:>9.3f} {r['speaker_accuracy']:>8.3f}")
    a = result["all"]
    yield (f"matched at 0.3: {a['found']} of {a['gold']}; speaker right on {a['speaker_right']}; role right "
           f"{a['role_right']}, side {a['side_right']}, channel {a['channel_right']} (where gold labels them)")


@click.command()
@click.argument("gold", type=click.Path(exists=True))
@click.argument("pred", required=False, type=click.Path(exists=True))
@click.option("--units", type=click.Choice(["spec", "polnear"]), default="spec", show_default=True,
              help="spec: PolNeAR quotes split into MoraleWatch's units (pieces, paragraphs); polnear: as annotated.")
@click.option("--nested", type=click.Choice(["auto", "drop", "keep"]), default="auto", show_default=True,
              help="Predicted partial quotes inside a predicted mixed one: auto drops them for JSONL gold "
                   "(PolNeAR's convention) and keeps them for the seed gold.")
@click.option("--kinds", type=click.Choice(["gold", "marks"]), default="gold", show_default=True,
              help="PolNeAR kinds as annotated, or read off the quotation marks (PolNeAR misses NYT's '' marks).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def command(gold: str, pred: str | None, units: str, nested: str, kinds: str, as_json: bool) -> None:
    """Score quotes and speakers against GOLD (PolNeAR JSONL, or the seed gold directory / JSON file).

    PRED is an extract output (JSONL); without it the extract pipeline runs on the gold texts. Content is
    matched at >30% and >80% of the gold characters (one-to-one) and exactly; speakers by span overlap or name.

    \b
    Example:
      moralewatch eval quotes ../shared/data/quotes/polnear_dev.jsonl
      moralewatch eval quotes ../shared/examples/gold/ --json
    """
    result = evaluate(gold, pred, units, nested, kinds)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    for line in _lines(result):
        click.echo(line)
