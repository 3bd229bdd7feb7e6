"""``moralewatch eval entities GOLD [PRED]``: places, people, organisations and dates against hand annotations.

Two kinds of gold:

- the entity dev set (``gold/entities_dev.jsonl``): one line per corpus article with offsets and no text; the text
  is joined from the corpus by ``id`` (``--corpus``). A prediction matches a gold entity of the same type when the
  spans overlap, one-to-one. A place is right when the coordinates are within 10 km (cities), or for countries and
  regions, whose points differ between sources, when the geonameid or the name agrees; a gold place without
  coordinates (unresolved) is right by name. A date is right when its normalised value is equal. People and
  organisations are right on overlap. Precision and recall are reported per type ("place" counts only right ones;
  "place_span" ignores coordinates).
- the seed gold (a directory of ``*.json`` or one file): lists of names per article, no offsets. Recall is the share
  of listed names found (a prediction's text or name equals the listed name, or the listed name starts with it and a
  comma: "Washington, DC"); a predicted place whose name is not listed is a false place.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from ..errors import MoraleWatchError
from .common import corpus_records, extracted, gold_and_texts, read_pred, shared_dir

TYPES = ("place", "person", "org", "date")
KM = 10.0


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _norm(name: str | None) -> str:
    n = (name or "").lower().strip()
    return n[4:] if n.startswith("the ") else n


def place_right(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Coordinates within 10 km for a city; geonameid or name for a country or region (or without coordinates)."""
    if gold.get("geonameid") and gold.get("geonameid") == pred.get("geonameid"):
        return True
    if gold.get("feature") == "city" and gold.get("lat") is not None:
        return _km(gold, pred) <= KM
    names = {_norm(pred.get("name")), _norm(pred.get("text"))}
    return _norm(gold.get("name")) in names


def _right(t: str, gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    if t == "place":
        return place_right(gold, pred)
    if t == "date":
        return gold.get("value") == pred.get("value")
    return True


def match_doc(gold: list[dict[str, Any]], pred: list[dict[str, Any]], counts: dict[str, list[int]]) -> None:
    """Add one document's true positives, gold and predicted counts per type (``counts[key] = [tp, g, p]``)."""
    for t in TYPES:
        gs = [g for g in gold if g["type"] == t]
        ps = [p for p in pred if p["type"] == t]
        used: set[int] = set()
        tp = span_tp = 0
        for g in gs:
            best = next((i for i, p in enumerate(ps) if i not in used and p["start"] < g["end"]
                         and g["start"] < p["end"] and _right(t, g, p)), None)
            if best is None:
                best = next((i for i, p in enumerate(ps) if i not in used and p["start"] < g["end"]
                             and g["start"] < p["end"]), None)
                if best is not None:
                    used.add(best)
                    span_tp += 1
                continue
            used.add(best)
            tp += 1
            span_tp += 1
        for key, hits in ((t, tp), (f"{t}_span", span_tp)):
            c = counts[key]
            c[0] += hits
            c[1] += len(gs)
            c[2] += len(ps)


def scores(counts: dict[str, list[int]]) -> dict[str, dict[str, float | int]]:
    out: dict[str, dict[str, float | int]] = {}
    for key, (tp, g, p) in sorted(counts.items()):
        pr = tp / p if p else 1.0
        rc = tp / g if g else 1.0
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        out[key] = {"precision": round(pr, 4), "recall": round(rc, 4), "f1": round(f1, 4), "tp": tp, "gold": g,
                    "pred": p}
    return out


def _predict(items: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    from ..api import extract_line

    return {str(o["id"]): extracted(extract_line(json.dumps(o)), str(o["id"]))["entities"] for o in items}


def evaluate_dev(gold_path: str, pred: str | None, corpus: Path) -> dict[str, Any]:
    """Scores against offset gold (JSONL), predictions from ``pred`` or from running the pipeline."""
    gold = [json.loads(x) for x in Path(gold_path).read_text(encoding="utf-8").splitlines() if x.strip()]
    texts = corpus_records(corpus, {g["id"] for g in gold})
    preds = read_pred(pred, "entities", (g["id"] for g in gold)) if pred else _predict(texts[g["id"]] for g in gold)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for g in gold:
        text = texts[g["id"]]["text"]
        for p in preds.get(g["id"], []):
            p.setdefault("text", text[p["start"]:p["end"]])
        match_doc(g["entities"], preds.get(g["id"], []), counts)
    return {"documents": len(gold), "scores": scores(counts)}


def _listed(pred: list[dict[str, Any]], t: str, name: str) -> bool:
    n = _norm(name)
    for p in pred:
        if p["type"] != t:
            continue
        for v in (_norm(p.get("text")), _norm(p.get("name"))):
            if v and (v == n or n.startswith(v + ",") or (t == "person" and n.split()[-1] == v.split()[-1])):
                return True
    return False


def evaluate_seeds(gold_path: str, pred: str | None) -> dict[str, Any]:
    """Recall of the listed names and false places on the seed articles."""
    p = Path(gold_path)
    files = sorted(p.glob("*.json")) if p.is_dir() else [p]
    preds = read_pred(pred, "entities", (f.stem for f in files)) if pred else None
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    false_places: list[str] = []
    for f in files:
        g = json.loads(f.read_text(encoding="utf-8"))
        art = g["article"]
        text_path = f.parent.parent / g["document"]
        text = text_path.read_text(encoding="utf-8")
        ents = preds[f.stem] if preds is not None else \
            _predict([{"id": f.stem, "text": text, "date": art.get("published")}])[f.stem]
        for t, key in (("place", "places"), ("person", "people"), ("org", "organizations")):
            for name in art.get(key, []):
                found[t][1] += 1
                found[t][0] += _listed(ents, t, name)
        listed = [_norm(n) for n in art.get("places", [])]
        for e in ents:
            if e["type"] == "place" and not any(
                v == n or n.startswith(v + ",") for n in listed for v in (_norm(e.get("text")), _norm(e.get("name")))
            ):
                false_places.append(f"{f.stem}: {e.get('text')}")
    return {"documents": len(files),
            "scores": {t: {"recall": round(a / b, 4) if b else 1.0, "found": a, "listed": b}
                       for t, (a, b) in sorted(found.items())},
            "false_places": false_places}


def _first(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        obj = json.loads(next((line for line in f if line.strip()), "{}"))
    return obj if isinstance(obj, dict) else {}


def _is_place_gold(path: str) -> bool:
    obj = _first(path)
    return "corpus" in obj and "sha1" in obj and "geonameid" in obj


def _is_evidence_date_gold(path: str) -> bool:
    obj = _first(path)
    return "corpus" in obj and "kind" in obj and "date" in obj


def _place_at(ents: list[dict[str, Any]], start: int, end: int) -> dict[str, Any] | None:
    """The predicted place overlapping a gold mention (the one starting first)."""
    hits = [p for p in ents if p["type"] == "place" and p["start"] < end and start < p["end"]]
    return min(hits, key=lambda p: p["start"]) if hits else None


def place_outcome(gold: dict[str, Any], pred: dict[str, Any] | None) -> str:
    """One ambiguous-place mention scored: ``right``, ``confident_wrong``, ``unresolved`` or ``missed``.

    A gold id is right only by that id; a null gold id (the place is not in the gazetteer, or the text cannot decide)
    makes any id a confident wrong answer, and an unresolved place (no id: candidates with a confidence) right when
    its oblast agrees with the gold ``admin1`` (or the gold has none)."""
    if pred is None:
        return "missed"
    gid = pred.get("geonameid")
    if gold.get("geonameid") is not None:
        if gid == gold["geonameid"]:
            return "right"
        return "confident_wrong" if gid is not None else "unresolved"
    if gid is not None:
        region = pred.get("granularity") == "region" and pred.get("admin1") == gold.get("admin1")
        return "right" if region else "confident_wrong"
    if gold.get("admin1") is None or pred.get("admin1") in (None, gold["admin1"]):
        return "right"
    return "confident_wrong"


def evaluate_places(gold_path: str, pred: str | None) -> dict[str, Any]:
    """Ambiguous place names in context (``gold/pages/places*.jsonl``): the text of each mention is joined from its
    corpus (``<shared>/data/corpora/<corpus>.jsonl``) and checked by the span's SHA-1."""
    from .common import sha12

    gold, records = gold_and_texts(gold_path)
    missing = sorted({g["id"] for g in gold} - set(records))
    if missing:
        raise MoraleWatchError("E402", f"{len(missing)} gold articles are not in their corpus: {missing[:3]}",
                               "check the gold ids against shared/data/corpora")
    stale = [g for g in gold if sha12(records[g["id"]]["text"][g["start"]:g["end"]]) != g["sha1"]]
    if stale:
        raise MoraleWatchError("E406", f"{len(stale)} gold spans no longer match their sha1, e.g. {stale[0]['id']} "
                               f"{stale[0]['start']}-{stale[0]['end']}", "re-anchor the gold offsets")
    doc_ids = sorted({g["id"] for g in gold})
    preds = read_pred(pred, "entities", doc_ids) if pred else _predict(records[i] for i in doc_ids)
    groups: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for g in gold:
        kind = "id" if g.get("geonameid") is not None else "oblast" if g.get("admin1") else "undecidable"
        out = place_outcome(g, _place_at(preds.get(g["id"], []), g["start"], g["end"]))
        for key in (kind, "all"):
            groups[key][out] += 1
            groups[key]["n"] += 1
        if not g.get("in_gazetteer", True):
            groups["not_in_gazetteer"]["n"] += 1
    result: dict[str, Any] = {"mentions": len(gold), "groups": {k: dict(v) for k, v in sorted(groups.items())}}
    ids = groups["id"]
    result["id_right"] = round(ids["right"] / ids["n"], 4) if ids["n"] else 1.0
    result["confident_wrong_undecidable"] = groups["oblast"]["confident_wrong"] + \
        groups["undecidable"]["confident_wrong"]
    result["confident_wrong"] = groups["all"]["confident_wrong"]
    return result


def evaluate_evidence_dates(gold_path: str) -> dict[str, Any]:
    """The date of each quote or indicator (``gold/pages/evidence_dates*.jsonl``: corpus, id, kind, input offset of
    the item's start, sha1 of its first 20 characters, the date the text supports): the pipeline runs on each
    document; an item is right when one of that kind starts there with that date, ``missed`` when none starts
    there; ``dated`` counts items that got any date."""
    from ..api import analyze_text
    from .common import sha12

    gold, records = gold_and_texts(gold_path)
    out: dict[str, Any] = {"items": len(gold), "right": 0, "missed": 0, "dated": 0}
    starts: dict[str, dict[tuple[str, int], str | None]] = {}
    for g in gold:
        rec = records.get(g["id"])
        if rec is None:
            raise MoraleWatchError("E402", f"gold article {g['id']} is not in its corpus", "check the corpus file")
        if sha12(rec["text"][g["start"]:g["start"] + 20]) != g["sha1"]:
            raise MoraleWatchError("E406", f"{g['id']}: item at {g['start']} no longer matches its sha1",
                                   "re-anchor the gold offsets")
        if g["id"] not in starts:
            doc = analyze_text(rec["text"], date=rec.get("date"))
            items: dict[tuple[str, int], str | None] = {}
            for kind, rows in (("quote", doc.quotes), ("indicator", doc.indicators)):
                for r in rows:
                    span = doc.offset_map.span_to_input(r.start, r.end)
                    if span is not None:
                        items.setdefault((kind, span[0]), r.date)
            starts[g["id"]] = items
        key = (g["kind"], g["start"])
        if key not in starts[g["id"]]:
            out["missed"] += 1
            continue
        got = starts[g["id"]][key]
        out["dated"] += got is not None
        out["right"] += got == g["date"]
    out["accuracy"] = round(out["right"] / out["items"], 4) if out["items"] else 1.0
    return out


def evaluate(gold: str, pred: str | None = None, corpus: str | None = None) -> dict[str, Any]:
    if gold.endswith(".jsonl") and _is_place_gold(gold):
        return evaluate_places(gold, pred)
    if gold.endswith(".jsonl") and _is_evidence_date_gold(gold):
        return evaluate_evidence_dates(gold)
    if gold.endswith(".jsonl"):
        path = Path(corpus) if corpus else shared_dir() / "data" / "corpora" / "nyt-guardian-407.jsonl"
        return evaluate_dev(gold, pred, path)
    return evaluate_seeds(gold, pred)


@click.command()
@click.argument("gold", type=click.Path(exists=True))
@click.argument("pred", required=False, type=click.Path(exists=True))
@click.option("--corpus", type=click.Path(exists=True), help="Corpus JSONL the offset gold points into "
              "(default: ../shared/data/corpora/nyt-guardian-407.jsonl).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def command(gold: str, pred: str | None, corpus: str | None, as_json: bool) -> None:
    """Score places (name and coordinates), people, organisations and dates against GOLD.

    GOLD is the offset entity set (JSONL joined to --corpus by id) or the seed gold (directory or JSON file of
    listed names). PRED is an extract output (JSONL); without it the extract pipeline runs on the gold texts.

    \b
    Example:
      moralewatch eval entities gold/entities_dev.jsonl
      moralewatch eval entities ../shared/examples/gold/ --json
    """
    result = evaluate(gold, pred, corpus)
    if as_json or "scores" not in result:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"documents: {result['documents']}")
    for key, s in result["scores"].items():
        figures = "  ".join(f"{k}={v}" for k, v in s.items())
        click.echo(f"{key:12s} {figures}")
    for fp in result.get("false_places", []):
        click.echo(f"false place: {fp}")
