"""Scoring the indicator stage against hand annotations (codebook v1).

Two gold formats are read:

* the **dev set** JSONL (``gold/indicators_dev.jsonl``): one article per line, offsets into the ``text`` of a corpus
  in ``shared/data/corpora``; the text is read from there at eval time (never copied) and every item's ``sha1`` is
  checked, so moved offsets are reported instead of silently scored;
* the **seed gold** JSON files (``shared/examples/gold/*.json``): quotes with their indicator lists. They annotate
  quotes only, so a prediction that overlaps no gold quote is outside the annotated region: it is counted as
  ``unscored`` and not as a false positive. Their subject side is Russian forces throughout.

Scores: span micro-F1 (same indicator, overlapping evidence, one-to-one, largest overlap first), document micro-F1
(sets of indicators per document), subject-side agreement, hedged and negated accuracy on matched pairs, a
per-indicator table, and the expected calibration error of ``confidence`` (10 equal-width bins; a prediction is
correct when it is matched).

The claimant of matched pairs (who asserts it): ``claimant_side`` equal to the gold's, and ``claimant`` right where
the gold names one (:func:`same_claimant`): names compared case-folded, without marks and parentheses, with the
Russian and Ukrainian spellings of a letter folded (і ї и ы -> и, є ё -> е, ґ -> г, no ь or apostrophe) and each
word's case endings folded the way the Russian/Ukrainian quote stage folds speakers
(:func:`moralewatch.quotes_ruuk.names.candidates`: Стрелкова -> Стрелков); a lone surname matches a full name of
two or three capitalised words that ends with it (or, surname first, starts with it); and the document's own
voice is one claimant whatever it is called: ``writer`` (the gold's convention, gold/ruuk/DEV_C.md hard case 1),
or the channel or address speaker the corpus record's ``source`` names (gold/ruuk/indicators_dev.jsonl names them:
«Mash», «Володимир Зеленський»).
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
from ..model import INDICATORS
from .common import corpus_records, extracted, read_pred, sha12, shared_dir


@dataclass
class GoldDoc:
    id: str
    text: str
    items: list[dict[str, Any]]
    #: annotated regions; ``None`` means the whole document was annotated
    regions: list[tuple[int, int]] | None = None
    #: the document's dominant voice (news, official, testimony, analysis, finance), when the gold set says
    source_type: str | None = None
    #: the document's language (gold/ruuk: ru, uk), when the gold set says
    lang: str | None = None
    #: the corpus record's ``source`` («Telegram channel: Mash»): whose own voice the document is
    source: str | None = None


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    doc_tp: int = 0
    doc_fp: int = 0
    doc_fn: int = 0
    side_right: int = 0
    hedged_right: int = 0
    negated_right: int = 0
    unscored: int = 0
    sha_mismatch: int = 0
    documents: int = 0
    per_indicator: dict[str, list[int]] = field(default_factory=dict)  # indicator -> [tp, fp, fn]
    claimant_side_right: int = 0
    claimant_named: int = 0  # matched pairs whose gold names a claimant
    claimant_right: int = 0
    claimant_predicted: int = 0  # matched pairs with a predicted claimant
    calibration: list[tuple[float, bool]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        p, r, f = prf(self.tp, self.fp, self.fn)
        dp, dr, df = prf(self.doc_tp, self.doc_fp, self.doc_fn)
        per = {}
        for ind, (tp, fp, fn) in sorted(self.per_indicator.items()):
            ip, ir, i_f = prf(tp, fp, fn)
            per[ind] = {"gold": tp + fn, "pred": tp + fp, "tp": tp, "precision": ip, "recall": ir, "f1": i_f}
        matched = self.tp
        return {
            "documents": self.documents, "gold": self.tp + self.fn, "pred": self.tp + self.fp, "tp": self.tp,
            "span_precision": p, "span_recall": r, "span_f1": f,
            "doc_precision": dp, "doc_recall": dr, "doc_f1": df,
            "subject_side_agreement": ratio(self.side_right, matched),
            "hedged_accuracy": ratio(self.hedged_right, matched),
            "negated_accuracy": ratio(self.negated_right, matched),
            "ece": ece(self.calibration), "unscored_predictions": self.unscored,
            "sha1_mismatches": self.sha_mismatch, "per_indicator": per,
            **self.claimant_dict(),
        }

    def claimant_dict(self) -> dict[str, Any]:
        """The claimant of the matched pairs: its side (share and count), its name where the gold names one."""
        return {"claimant_side_agreement": ratio(self.claimant_side_right, self.tp),
                "claimant_side_right": self.claimant_side_right,
                "claimant_predicted": self.claimant_predicted, "claimant_named": self.claimant_named,
                "claimant_right": self.claimant_right,
                "claimant_accuracy": ratio(self.claimant_right, self.claimant_named)}


def ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def ece(pairs: list[tuple[float, bool]], bins: int = 10) -> float:
    """Expected calibration error: the bin-weighted gap between mean confidence and accuracy."""
    if not pairs:
        return 0.0
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        in_bin = [(c, ok) for c, ok in pairs if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if in_bin:
            conf = sum(c for c, _ in in_bin) / len(in_bin)
            acc = sum(1 for _, ok in in_bin if ok) / len(in_bin)
            total += len(in_bin) / len(pairs) * abs(conf - acc)
    return round(total, 4)


# -- gold readers --------------------------------------------------------------------------------------------------


def read_dev(path: Path, shared: Path | None = None) -> tuple[list[GoldDoc], int]:
    """Dev-set JSONL -> gold documents, and the number of items whose sha1 no longer matches (dropped)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    base = shared or shared_dir(path)
    texts: dict[str, str] = {}
    sources: dict[str, str] = {}
    for corpus in {r.get("corpus", "nyt-guardian-407") for r in rows}:
        ids = {r["id"] for r in rows if r.get("corpus", "nyt-guardian-407") == corpus}
        records = corpus_records(base / "data" / "corpora" / f"{corpus}.jsonl", ids)
        texts.update({k: v["text"] for k, v in records.items()})
        sources.update({k: v["source"] for k, v in records.items() if isinstance(v.get("source"), str)})
    docs, bad = [], 0
    for r in rows:
        if r["id"] not in texts:
            raise MoraleWatchError("E402", f"gold article {r['id']} is not in its corpus", "check the corpus file")
        text = texts[r["id"]]
        items = []
        for it in r["indicators"]:
            if "sha1" in it and sha12(text[it["start"]:it["end"]]) != it["sha1"]:
                bad += 1
                continue
            items.append(it)
        excerpt = r.get("excerpt")
        regions = [(int(excerpt[0]), int(excerpt[1]))] if excerpt else None
        docs.append(GoldDoc(r["id"], text, items, regions, r.get("source_type"), r.get("lang"), sources.get(r["id"])))
    return docs, bad


def read_seed(paths: Iterable[Path]) -> list[GoldDoc]:
    """Seed gold JSON -> gold documents whose annotated regions are their quotes."""
    docs = []
    for p in paths:
        g = json.loads(p.read_text(encoding="utf-8"))
        text = (p.parent.parent / g["document"]).read_text(encoding="utf-8")
        items, regions = [], []
        for q in g["quotes"]:
            s, e = q["span"]
            regions.append((s, e))
            for ind in q.get("indicators", []):
                items.append({"indicator": ind, "start": s, "end": e, "subject_side": q.get("subject_side", "ru"),
                              "hedged": q.get("hedged"), "negated": q.get("negated")})
        docs.append(GoldDoc(p.stem, text, items, regions))
    return docs


def read_gold(path: Path) -> tuple[list[GoldDoc], int]:
    if path.is_dir():
        return read_seed(sorted(path.glob("*.json"))), 0
    if path.suffix == ".json":
        return read_seed([path]), 0
    return read_dev(path)


# -- predictions ---------------------------------------------------------------------------------------------------


def ablation_stages(names: Iterable[str]) -> list[str]:
    """The default pipeline's stages with its English indicator stage replaced by the learned detector
    (``indicators.v2``); the Russian/Ukrainian one (``indicators.ruuk.*``) stays as it is."""
    return [n if not re.fullmatch(r"indicators\.v\d+", n) else "indicators.v2" for n in names]


def predict(docs: list[GoldDoc], mode: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Run the default pipeline through the extract contract (offsets into the gold text as given); ``mode``
    (``rules``, ``model``, ``both``) sets the indicator stage's mode for the ablations."""
    from ..api import extract_line
    from ..pipeline import Pipeline
    from ..stages import default_pipeline

    pipeline = default_pipeline()
    if mode:  # the indicator stage with the learned model, in the mode asked
        pipeline = Pipeline(ablation_stages(pipeline.names), {"indicators.v2": {"mode": mode}})
    out = {}
    for d in docs:
        # the record's source for Russian and Ukrainian gold, as eval quotes passes it: whose own voice a post is
        # (a Telegram channel, an address's speaker); English gold runs on the text alone, as before
        line = {"id": d.id, "text": d.text} | ({"source": d.source} if d.source and d.lang in ("ru", "uk") else {})
        # a failing stage must not score as "no indicators"
        out[d.id] = extracted(extract_line(json.dumps(line), 0, pipeline), d.id)["indicators"]
    return out


# -- matching -----------------------------------------------------------------------------------------------------


def overlap(a: dict[str, Any], b: dict[str, Any]) -> int:
    return int(min(a["end"], b["end"]) - max(a["start"], b["start"]))


def match(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> Iterator[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index): same indicator, overlapping evidence, largest overlap first."""
    pairs = sorted(((overlap(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                    if g["indicator"] == p["indicator"] and overlap(g, p) > 0), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            yield gi, pi


def in_regions(item: dict[str, Any], regions: list[tuple[int, int]] | None) -> bool:
    if regions is None:
        return True
    return any(min(item["end"], e) > max(item["start"], s) for s, e in regions)


# -- claimants ----------------------------------------------------------------------------------------------------

#: the gold's name for the document's own voice (a channel's, an author's, an address's speaker's)
WRITER = "writer"
_PARENS = re.compile(r"\([^()]*\)")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_SPELLING = str.maketrans({"і": "и", "ї": "и", "ы": "и", "є": "е", "ё": "е", "ґ": "г", "ь": None, "'": None,
                           "’": None})
#: «speaker: A, B (compiled by …)» in an address's source
_ADDRESS_SPEAKER = re.compile(r"speaker:\s*([^()]+)")


def _fold(word: str) -> str:
    return word.lower().translate(_SPELLING)


def _forms(word: str) -> set[str]:
    """A word and the nominatives its case ending may come from (the quote stage's folding), spelling folded."""
    from ..quotes_ruuk.names import candidates

    return {_fold(c) for c in candidates(word)}


def _words(name: str) -> list[str]:
    return _WORD.findall(name)


def _full_name(words: list[str]) -> bool:
    """Two or three capitalised words, none an acronym (Игорь Стрелков, Стрелков Игорь Иванович)."""
    return 2 <= len(words) <= 3 and all(w[0].isupper() and not w.isupper() for w in words)


def _same_name(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    if len(wa) == len(wb):
        return all(_forms(x) & _forms(y) for x, y in zip(wa, wb))
    one, full = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    if len(one) != 1 or not _full_name(full) or not one[0][0].isupper() or one[0].isupper():
        return False
    return bool(_forms(one[0]) & (_forms(full[-1]) | _forms(full[0])))


def own_names(source: str | None) -> list[str]:
    """The names of the document's own voice in a corpus record's ``source``: a Telegram channel (whole, and each
    part between | and /), an address's speakers."""
    if not source:
        return []
    if source.startswith("Telegram channel:"):
        name = source.split(":", 1)[1].strip()
        return [name] + [p.strip() for p in re.split(r"[|/]", name) if p.strip() and p.strip() != name]
    m = _ADDRESS_SPEAKER.search(source)
    return [p.strip() for p in m.group(1).split(",") if p.strip()] if m else []


def _variants(name: str) -> list[str]:
    """A claimant as written, and without its parenthesis («РДС (источник в 87-м полку)» -> «РДС»)."""
    bare = _PARENS.sub(" ", name).strip()
    return [name] if bare == name or not bare else [name, bare]


def _own_voice(name: str, source: str | None) -> bool:
    if _fold(name.strip()) == WRITER:
        return True
    return any(_same_name(v, own) for v in _variants(name) for own in own_names(source))


def same_claimant(gold: str, pred: str | None, source: str | None = None) -> bool:
    """Whether a predicted claimant names the gold's (see the module's docstring for the comparison)."""
    if not pred:
        return False
    if _own_voice(gold, source) or _own_voice(pred, source):
        return _own_voice(gold, source) and _own_voice(pred, source)
    return any(_same_name(g, p) for g in _variants(gold) for p in _variants(pred))


def score(docs: list[GoldDoc], preds: dict[str, list[dict[str, Any]]], sha_mismatch: int = 0) -> Scores:
    sc = Scores(sha_mismatch=sha_mismatch, documents=len(docs))
    for d in docs:
        all_pred = preds.get(d.id, [])
        pred = [p for p in all_pred if in_regions(p, d.regions)]
        sc.unscored += len(all_pred) - len(pred)
        pairs = dict(match(d.items, pred))
        matched_p = set(pairs.values())
        for gi, g in enumerate(d.items):
            row = sc.per_indicator.setdefault(g["indicator"], [0, 0, 0])
            if gi in pairs:
                p = pred[pairs[gi]]
                sc.tp += 1
                row[0] += 1
                sc.side_right += p.get("subject_side") == g.get("subject_side")
                sc.hedged_right += g.get("hedged") is None or bool(p.get("hedged")) == bool(g.get("hedged"))
                sc.negated_right += g.get("negated") is None or bool(p.get("negated")) == bool(g.get("negated"))
                sc.claimant_side_right += p.get("claimant_side", "unknown") == g.get("claimant_side", "unknown")
                sc.claimant_predicted += bool(p.get("claimant"))
                if g.get("claimant"):
                    sc.claimant_named += 1
                    sc.claimant_right += same_claimant(g["claimant"], p.get("claimant"), d.source)
            else:
                sc.fn += 1
                row[2] += 1
        for pi, p in enumerate(pred):
            sc.calibration.append((float(p.get("confidence", 0.5)), pi in matched_p))
            if pi not in matched_p:
                sc.fp += 1
                sc.per_indicator.setdefault(p["indicator"], [0, 0, 0])[1] += 1
        gset = {g["indicator"] for g in d.items}
        pset = {p["indicator"] for p in pred}
        sc.doc_tp += len(gset & pset)
        sc.doc_fp += len(pset - gset)
        sc.doc_fn += len(gset - pset)
    return sc


def evaluate(gold: Path, pred: Path | None = None, mode: str | None = None) -> dict[str, Any]:
    """The scores of ``pred`` (or of the default pipeline when omitted) against ``gold``, overall and by the
    documents' source type; ``testimony_recall`` is the recall on gold items marked as testimony."""
    docs, bad = read_gold(gold)
    preds = read_pred(pred, "indicators", (d.id for d in docs)) if pred else predict(docs, mode)
    out = score(docs, preds, bad).as_dict()
    types = sorted({d.source_type for d in docs if d.source_type})
    if types:
        out["by_source_type"] = {}
        for t in types:
            sub = score([d for d in docs if d.source_type == t], preds).as_dict()
            out["by_source_type"][t] = {k: sub[k] for k in ("gold", "pred", "span_precision", "span_recall",
                                                             "span_f1", "doc_f1")}
    langs = sorted({d.lang for d in docs if d.lang})
    if langs:  # gold/ruuk: the scores of each language's documents
        out["by_lang"] = {}
        for lang in langs:
            sub = score([d for d in docs if d.lang == lang], preds).as_dict()
            out["by_lang"][lang] = {k: sub[k] for k in ("documents", "gold", "pred", "span_f1", "doc_f1",
                                                         "subject_side_agreement")} | claimant_keys(sub)
    testimony = [GoldDoc(d.id, d.text, [i for i in d.items if i.get("testimony")], d.regions) for d in docs]
    n = sum(len(d.items) for d in testimony)
    if n:
        found = score(testimony, preds).tp
        out["testimony_recall"] = round(found / n, 3)
        out["testimony_items"] = n
    return out


def claimant_keys(sub: dict[str, Any]) -> dict[str, Any]:
    return {k: sub[k] for k in ("claimant_side_agreement", "claimant_side_right", "claimant_named", "claimant_right",
                                "claimant_accuracy")}


def render(s: dict[str, Any]) -> str:
    lines = [
        f"documents {s['documents']}  gold items {s['gold']}  predicted {s['pred']}  matched {s['tp']}"
        + (f"  (unscored predictions outside annotated quotes: {s['unscored_predictions']})"
           if s["unscored_predictions"] else ""),
        f"span     P {s['span_precision']:.3f}  R {s['span_recall']:.3f}  F1 {s['span_f1']:.3f}",
        f"document P {s['doc_precision']:.3f}  R {s['doc_recall']:.3f}  F1 {s['doc_f1']:.3f}",
        f"on matches: subject side {s['subject_side_agreement']:.3f}  hedged {s['hedged_accuracy']:.3f}  "
        f"negated {s['negated_accuracy']:.3f}",
        f"calibration: ECE {s['ece']:.3f} (10 bins)" + (f"   sha1 mismatches dropped: {s['sha1_mismatches']}"
                                                         if s["sha1_mismatches"] else ""),
        f"claimant on matches: side {s['claimant_side_agreement']:.3f} ({s['claimant_side_right']}/{s['tp']})  "
        f"name {s['claimant_accuracy']:.3f} ({s['claimant_right']}/{s['claimant_named']} the gold names)",
        "",
        f"{'indicator':26} {'gold':>5} {'pred':>5} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    if "testimony_recall" in s:
        lines.insert(5, f"testimony: recall {s['testimony_recall']:.3f} of {s['testimony_items']} items")
    for t, sub in s.get("by_source_type", {}).items():
        lines.insert(5, f"{t:9} gold {sub['gold']:>4} pred {sub['pred']:>4}  P {sub['span_precision']:.3f}  "
                        f"R {sub['span_recall']:.3f}  F1 {sub['span_f1']:.3f}")
    for lang, sub in reversed(list(s.get("by_lang", {}).items())):
        lines.insert(5, f"lang {lang:4} documents {sub['documents']:>4} gold {sub['gold']:>4} pred {sub['pred']:>4}  "
                        f"span F1 {sub['span_f1']:.3f}  doc F1 {sub['doc_f1']:.3f}  side "
                        f"{sub['subject_side_agreement']:.3f}")
    for ind in INDICATORS:
        r = s["per_indicator"].get(ind)
        if r:
            lines.append(f"{ind:26} {r['gold']:>5} {r['pred']:>5} {r['tp']:>4} {r['precision']:>6.3f} "
                         f"{r['recall']:>6.3f} {r['f1']:>6.3f}")
    return "\n".join(lines)


@click.command()
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.argument("pred", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--mode", type=click.Choice(["both", "rules", "model"]), default=None,
              help="The indicator stage's mode (ablations): cue rules with the learned model (the default), the rules "
                   "alone, or the model alone.")
def command(gold: Path, pred: Path | None, as_json: bool, mode: str | None) -> None:
    """Score morale indicators against GOLD: the dev-set JSONL (texts read from shared/data/corpora, sha1s checked)
    or seed gold JSON (a file or a directory). PRED is extract-contract JSONL; without it the pipeline runs.

    Reports span micro-F1 (same indicator, overlapping evidence, one-to-one), document micro-F1, subject-side
    agreement, hedged / negated accuracy on matches, the claimant on matches (its side; its name where the gold
    names one, case endings folded, ``writer`` for the document's own voice), a per-indicator table and the
    calibration error (ECE).

    \b
    Example:
      moralewatch eval indicators gold/indicators_dev.jsonl
      moralewatch eval indicators ../shared/examples/gold --json
    """
    s = evaluate(gold, pred, mode)
    click.echo(json.dumps(s, indent=2) if as_json else render(s))
