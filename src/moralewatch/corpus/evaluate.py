"""Scores of the grouping on labelled pairs (gold/stories/pairs_*.jsonl), beside two baselines (issue 16).

A pair is ``{"a": id, "b": id, "label": duplicate|update|abridged|rewrite|translation|same_event|unrelated}``;
the ids are documents of ../shared/data/corpora. Two tasks:

- **same story**: duplicate, update, abridged, rewrite and translation are positive; same_event and unrelated
  negative. Predicted by :func:`moralewatch.corpus.relate.relation` on the two sketches (later document as new).
- **same event**: on the pairs labelled same_event or unrelated only, same_event positive; a pair predicted as
  the same story counts as the same event (a copy reports the same event).

Baselines for the same-story task: byte-identical texts, and exact 5-shingle Jaccard at the threshold that is
best on the dev pairs (the held-out score uses the dev threshold).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from .features import Sketch, jaccard, shingle_hashes, sketch, tokens
from .relate import DEFAULT, SAME_STORY, Meta, Thresholds, relation, script_of

GOLD_SAME_STORY = frozenset({"duplicate", "update", "abridged", "rewrite", "translation"})


def load_pairs(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_docs(corpora: Path, ids: Iterable[str]) -> dict[str, dict[str, object]]:
    want = set(ids)
    docs: dict[str, dict[str, object]] = {}
    # ids carry their corpus as a prefix ("reuters21578:5546"), except nyt-guardian-407's own ids ("guardian-0047")
    for name in sorted({i.split(":")[0] if ":" in i else "nyt-guardian-407" for i in want}):
        with open(corpora / f"{name}.jsonl", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d["id"] in want:
                    docs[d["id"]] = d
    return docs


def f1(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": fn}


def sketches(docs: dict[str, dict[str, object]]) -> tuple[dict[str, Sketch], dict[str, Meta]]:
    """Each document's sketch and :class:`Meta` as :func:`relation` reads them; a missing or non-string title,
    date or source is None (as the story index has it), never the string "None"."""
    def text(d: dict[str, object], k: str) -> str | None:
        v = d.get(k)
        return v if isinstance(v, str) and v else None

    sk = {i: sketch(str(d["text"]), text(d, "title")) for i, d in docs.items()}
    meta = {i: Meta(date=(text(d, "date") or "")[:10] or None, script=script_of(str(d["text"])),
                    source=text(d, "source")) for i, d in docs.items()}
    return sk, meta


def predict(pairs: list[dict[str, object]], docs: dict[str, dict[str, object]],
            t: Thresholds = DEFAULT) -> list[str]:
    sk, meta = sketches(docs)
    out = []
    for p in pairs:
        a, b = str(p["a"]), str(p["b"])
        # the later document is the new one (ties: b)
        if (meta[a].date or "") > (meta[b].date or ""):
            a, b = b, a
        out.append(relation(sk[b], meta[b], sk[a], meta[a], t)[0])
    return out


def index_predict(pairs: list[dict[str, object]], docs: dict[str, dict[str, object]],
                  t: Thresholds = DEFAULT) -> list[str]:
    """What the story index (not :func:`relation` on the pair alone) makes of each pair: its documents grouped by
    :class:`~moralewatch.corpus.index.StoryIndex` in order of publication (then id), as ``moralewatch stories``
    does; ``copy`` for one story, ``same_event`` for one event, else ``unrelated``. The index relates a pair only
    when one document is a candidate of the other (the LSH buckets and the candidate filter), or through a third
    document: this shows what those leave out (session 9)."""
    from .index import StoryIndex

    idx = StoryIndex(t)
    items = []
    for i in sorted(docs, key=lambda i: (str(docs[i].get("date") or ""), i)):
        d = docs[i]
        opt = {k: v if isinstance(v, str) else None for k in ("title", "date", "source", "author")
               for v in (d.get(k),)}
        items.append((i, str(d["text"]), opt["title"], opt["date"], opt["source"], opt["author"]))
    idx.add_many(items)
    out = []
    for p in pairs:
        a, b = idx.assignment(str(p["a"])), idx.assignment(str(p["b"]))
        out.append("copy" if a.story == b.story else "same_event" if a.event == b.event else "unrelated")
    return out


def score(pairs: list[dict[str, object]], preds: list[str]) -> dict[str, dict[str, float]]:
    tp = fp = fn = 0
    etp = efp = efn = 0
    for p, pred in zip(pairs, preds):
        gold_story = p["label"] in GOLD_SAME_STORY
        pred_story = pred in SAME_STORY
        tp += gold_story and pred_story
        fp += (not gold_story) and pred_story
        fn += gold_story and not pred_story
        if p["label"] in ("same_event", "unrelated"):
            gold_e = p["label"] == "same_event"
            pred_e = pred == "same_event" or pred_story
            etp += gold_e and pred_e
            efp += (not gold_e) and pred_e
            efn += gold_e and not pred_e
    return {"same_story": f1(tp, fp, fn), "same_event": f1(etp, efp, efn)}


def baselines(pairs: list[dict[str, object]], docs: dict[str, dict[str, object]],
              j5_threshold: float | None = None) -> dict[str, object]:
    """Byte-identical and 5-shingle Jaccard on the same-story task; the threshold is chosen here when not given."""
    gold = [p["label"] in GOLD_SAME_STORY for p in pairs]
    ident = [docs[str(p["a"])]["text"] == docs[str(p["b"])]["text"] for p in pairs]
    sh = {i: shingle_hashes(tokens(str(d["text"])), 5) for i, d in docs.items()}
    j5 = [jaccard(sh[str(p["a"])], sh[str(p["b"])]) for p in pairs]

    def at(th: float) -> dict[str, float]:
        pred = [j >= th for j in j5]
        return f1(sum(g and q for g, q in zip(gold, pred)), sum((not g) and q for g, q in zip(gold, pred)),
                  sum(g and not q for g, q in zip(gold, pred)))

    if j5_threshold is None:
        j5_threshold = max((round(x * 0.05, 2) for x in range(1, 20)), key=lambda th: (at(th)["f1"], -th))
    return {"byte_identical": f1(sum(g and q for g, q in zip(gold, ident)),
                                 sum((not g) and q for g, q in zip(gold, ident)),
                                 sum(g and not q for g, q in zip(gold, ident))),
            "jaccard5": at(j5_threshold), "jaccard5_threshold": j5_threshold}


def evaluate(gold_dir: Path, corpora: Path, t: Thresholds = DEFAULT) -> dict[str, object]:
    """Dev, dev b (when present), held-out and, when present, held-out b (``pairs_heldout_b.jsonl``, a second set labelled blind in
    session 6) pairs: the stage's relation and the two baselines (5-shingle Jaccard at the dev threshold)."""
    dev = load_pairs(gold_dir / "pairs_dev.jsonl")
    splits = {}
    if (gold_dir / "pairs_dev_b.jsonl").is_file():  # a second dev set (session 7), rich in rewrites and events
        splits["dev_b"] = load_pairs(gold_dir / "pairs_dev_b.jsonl")
    splits["heldout"] = load_pairs(gold_dir / "pairs_heldout.jsonl")
    if (gold_dir / "pairs_heldout_b.jsonl").is_file():
        splits["heldout_b"] = load_pairs(gold_dir / "pairs_heldout_b.jsonl")
    docs = load_docs(corpora, [str(p[k]) for p in dev + [q for v in splits.values() for q in v] for k in ("a", "b")])
    dev_base = baselines(dev, docs)
    out: dict[str, object] = {"dev": score(dev, predict(dev, docs, t)) | {"baselines": dev_base}}
    for name, held in splits.items():
        out[name] = score(held, predict(held, docs, t)) | {
            "baselines": baselines(held, docs, float(dev_base["jaccard5_threshold"]))}  # type: ignore[arg-type]
    return out
