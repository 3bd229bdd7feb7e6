"""``moralewatch eval pages``: what the clean stage keeps of real pages.

* **Body** (default): the article-extraction benchmark (``shared/data/benchmarks/article-extraction``: raw HTML and
  the article body each page should yield), scored with its published metric, re-implemented from its README:
  tokens are ``\\w+`` runs, each text the multiset of its 4-token shingles (a text of fewer tokens is one shingle);
  per page TP / FP / FN by count, normalised to sum 1; precision and recall are means over pages (a page with
  FP = FN = 0 counts 1 for both; a page with nothing predicted is left out of the precision mean, as the
  published scorer does, and counts 0 recall), F1 from the two means; accuracy is the share of pages whose token
  lists are identical.
* **Dates** (``--dates GOLD``): the publication date and its source against ``gold/pages/dates.jsonl``: right on
  pages that state one, and *invented* (a date where the page states none, or a wrong date) counted apart.
* **Furniture** (``--furniture GOLD``): line-level precision / recall of the lines kept as body on the renderings
  of ``gold/pages/furniture.jsonl`` (see :mod:`moralewatch.clean.render`).

The benchmark is evaluation only: no rule is tuned on its pages.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

import click

from ..errors import MoraleWatchError, error
from .common import shared_dir

_TOKEN = re.compile(r"\w+", re.UNICODE)
N = 4


def shingles(text: str, n: int = N) -> Counter[tuple[str, ...]]:
    """The multiset of ``n``-token shingles of ``text`` (one shingle of all tokens when there are fewer)."""
    tokens = _TOKEN.findall(text or "")
    out: Counter[tuple[str, ...]] = Counter()
    for i in range(max(1, len(tokens) - n + 1)):
        sh = tuple(tokens[i:i + n])
        if sh:
            out[sh] += 1
    return out


def page_counts(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (TP, FP, FN) of one page's predicted body against its true body."""
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0
    for key in t.keys() | p.keys():
        a, b = t.get(key, 0), p.get(key, 0)
        tp += min(a, b)
        fp += max(0, b - a)
        fn += max(0, a - b)
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def _ratio(tp: float, fp: float, fn: float, other: float) -> float:
    """TP / (TP + other), 1 for a page with FP = FN = 0."""
    if fp == fn == 0:
        return 1.0
    return tp / (tp + other) if tp + other else 0.0


def body_scores(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Precision, recall, F1 and accuracy over ``(true, predicted)`` bodies. As the published scorer does, a page
    with nothing predicted (TP = FP = 0) is left out of the precision mean (its recall is 0), and a page with an
    empty truth out of the recall mean."""
    counts = [page_counts(t, p) for t, p in pairs]
    precisions = [_ratio(tp, fp, fn, fp) for tp, fp, fn in counts if tp + fp > 0]
    recalls = [_ratio(tp, fp, fn, fn) for tp, fp, fn in counts if tp + fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(_TOKEN.findall(t) == _TOKEN.findall(p) for t, p in pairs) / (len(pairs) or 1)
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "accuracy": round(accuracy, 4)}


def bench_dir(given: str | None) -> Path:
    if given:
        return Path(given)
    return shared_dir() / "data" / "benchmarks" / "article-extraction"


def read_gold(path: Path, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """The rows of a pages gold (JSONL), each with ``fields``; E214 names the first row that is not."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as e:
            raise error("E214", f"{path} line {n}: {e}") from None
        if not isinstance(row, dict) or any(f not in row for f in fields):
            raise error("E214", f"{path} line {n}: needs the fields {', '.join(fields)}")
        rows.append(row)
    return rows


def bench_page(bench: Path, name: str, gold: Path) -> Path:
    """A page of the benchmark the gold names (E213 when it is not there)."""
    page = bench / "html" / name
    if not page.is_file():
        raise error("E213", f"{page} (named in {gold}) does not exist")
    return page


def read_page(path: Path) -> str:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    from ..ingest.decode import decode_bytes

    text, err = decode_bytes(data)
    return text if text is not None else data.decode("utf-8", "replace")


def html_document(html: str, url: str | None = None) -> Any:
    """The document the clean stage makes of one HTML page, or ``None`` when it rejects the page."""
    from ..clean import RejectedInput, to_document
    from ..ingest import RawInput

    raw = RawInput("page.html", format="html", text=html, meta={"url": url} if url else {})
    try:
        return to_document(raw)
    except RejectedInput:
        return None


def evaluate_body(bench: Path) -> dict[str, Any]:
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    pairs: list[tuple[str, str]] = []
    seconds = 0.0
    rejected = 0
    for key in sorted(truth):
        html = read_page(bench / "html" / f"{key}.html.gz")
        t0 = time.perf_counter()
        doc = html_document(html)
        seconds += time.perf_counter() - t0
        rejected += doc is None
        pairs.append((truth[key].get("articleBody") or "", doc.text if doc is not None else ""))
    out: dict[str, Any] = {"pages": len(pairs), "rejected": rejected, **body_scores(pairs)}
    out["pages_per_second"] = round(len(pairs) / seconds, 1) if seconds else None
    return out


def evaluate_dates(gold_path: Path, bench: Path) -> dict[str, Any]:
    """Publication dates against the gold: right where the page states one, invented where it states none or a
    wrong one is given (corpus rows are read from ``shared/data/corpora`` and cleaned as plain text)."""
    gold = read_gold(gold_path, ("source", "published"))
    corpus_ids = {g["source"][7:] for g in gold if g["source"].startswith("corpus:")}
    records = _corpus_texts(corpus_ids) if corpus_ids else {}
    stated = right = invented = none_right = missing = 0
    sources: Counter[str] = Counter()
    wrong: list[dict[str, Any]] = []
    for g in gold:
        src = g["source"]
        if src.startswith("corpus:"):
            rec = records.get(src[7:])
            if rec is None:
                raise MoraleWatchError("E401", f"corpus row {src[7:]} of {gold_path} not found",
                                       "set MORALEWATCH_SHARED to the shared directory")
            doc = _text_document(rec)
        else:
            doc = html_document(read_page(bench_page(bench, Path(src).name, gold_path)))
        got = (doc.published or "")[:10] if doc is not None else ""
        source = (doc.date_source or "none") if doc is not None else "none"
        sources[source] += 1
        ok = {g["published"], *(g.get("also_acceptable") or [])} if g["published"] else set()
        if g["published"]:
            stated += 1
            if got in ok:
                right += 1
            elif got:
                invented += 1
                wrong.append({"source": src, "gold": g["published"], "got": got, "date_source": source})
            else:
                missing += 1
        else:
            if got:
                invented += 1
                wrong.append({"source": src, "gold": None, "got": got, "date_source": source})
            else:
                none_right += 1
    undated = len(gold) - stated
    return {"pages": len(gold), "stated": stated, "right": right, "missed": missing,
            "right_rate": round(right / stated, 4) if stated else None, "undated": undated,
            "undated_right": none_right, "invented": invented, "date_sources": dict(sources), "wrong": wrong}


def _corpus_texts(ids: set[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in sorted((shared_dir() / "data" / "corpora").glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not any(f'"{i}"' in line for i in ids - out.keys()):
                    continue
                obj = json.loads(line)
                if str(obj.get("id")) in ids:
                    out[str(obj["id"])] = obj
        if len(out) == len(ids):
            break
    return out


def _text_document(rec: dict[str, Any]) -> Any:
    from ..clean import RejectedInput, to_document
    from ..ingest import RawInput

    meta = {k: rec[k] for k in ("title", "date", "source", "url", "lang") if rec.get(k)}
    raw = RawInput("corpus.jsonl", locator=str(rec.get("id")), format="jsonl", text=rec.get("text") or "", meta=meta)
    try:
        return to_document(raw)
    except RejectedInput:
        return None


@click.command()
@click.argument("bench", required=False, type=click.Path(exists=True, file_okay=False))
@click.option("--dates", "dates", type=click.Path(exists=True, dir_okay=False),
              help="Score publication dates against this gold (gold/pages/dates.jsonl) instead of the body.")
@click.option("--furniture", "furniture", type=click.Path(exists=True, dir_okay=False),
              help="Score line-level furniture removal against this gold (gold/pages/furniture.jsonl).")
@click.option("--evidence", "evidence", is_flag=True,
              help="With --furniture: also run the whole pipeline on each rendering and count the quotes and "
                   "indicators that stand on furniture lines.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def command(bench: str | None, dates: str | None, furniture: str | None, evidence: bool, as_json: bool) -> None:
    """Score the clean stage on real pages: article body (default), publication dates, or furniture lines.

    BENCH is the article-extraction benchmark directory (ground-truth.json and html/); default
    ../shared/data/benchmarks/article-extraction.

    \b
    Example:
      moralewatch eval pages
      moralewatch eval pages --dates gold/pages/dates.jsonl
      moralewatch eval pages --furniture gold/pages/furniture.jsonl --json
      moralewatch eval pages --furniture gold/pages/furniture.jsonl --evidence
    """
    where = bench_dir(bench)
    if not (where / "ground-truth.json").is_file():
        raise error("E212", f"{where} holds no ground-truth.json")
    if dates:
        result = evaluate_dates(Path(dates), where)
    elif furniture:
        from .furniture import evaluate_furniture

        result = evaluate_furniture(Path(furniture), where, with_evidence=evidence)
    else:
        result = evaluate_body(where)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        if key == "wrong":
            for w in value:
                click.echo(f"wrong: {json.dumps(w)}")
        else:
            click.echo(f"{key}: {value}")
