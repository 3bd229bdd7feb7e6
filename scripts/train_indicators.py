"""Train the learned indicator detector (``make train``): labelled sentences -> data/models/indicators/.

Reproducible: the same label files, embedding table and seed give the same weights. Steps:

1. read the labelled sentences (``gold/train/indicators_train_*.jsonl``: offsets into ``shared/data/corpora``) and
   the written paraphrases (``gold/train/synthetic_*.jsonl``: training only, never validation);
2. run the cue rules (``--rules-stage``: ``indicators.v8`` for ``indicators-model.v3``, ``indicators.v4`` for v2)
   and the quote stage over each sentence's whole document, so that every sentence gets the context it has at run
   time (which rules fired on it, the side of the quote's speaker);
3. features: the static embedding (``--embeddings``: a model2vec directory distilled by ``scripts/distill.py``), words
   and word pairs (vocabulary from the training sentences), the rules' verdict;
4. one logistic regression per indicator; five folds grouped by document give out-of-fold predictions, on which a
   Platt calibration and a threshold per indicator are fitted; then the final model is fitted on everything;
5. the subject-side model (``ru`` against ``ua``) and its abstention margin, the same way;
5b. (``--policy``, v3) from the same out-of-fold predictions of the model with the rules' verdict: per indicator the
   lowest probability at which the model's additions (sentences the rules left alone) reach ``--add-precision``
   (above 1: never added) and the veto below which a rule hit is dropped (0: never); the cross-validated sentence
   figures of the rules alone and of the rules with those additions and vetoes;
6. write ``meta.json`` (version, data hash, cross-validated figures), ``tokenizer.json``, ``embeddings.npy``,
   ``weights.npz``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from moralewatch.api import extract_line  # noqa: E402
from moralewatch.eval.common import extracted, sha12, shared_dir  # noqa: E402
from moralewatch.indicators import learned  # noqa: E402
from moralewatch.indicators.learned import SentenceContext, ngrams, side_features  # noqa: E402
from moralewatch.model import INDICATORS  # noqa: E402
from moralewatch.pipeline import Pipeline  # noqa: E402

#: v2: rounds a+b+c (+d), the rules of indicators.v4 as a feature; v3: rounds a-d, the rules of indicators.v8
VERSION = "indicators-model.v3"
RULES_STAGE = "indicators.v8"
ADD_PRECISION = 0.80
MIN_ADD_TP = 3  # an add threshold needs at least this many right additions in cross-validation
VETOES = (0.0, 0.01, 0.02, 0.05)  # the veto probabilities tried (the brief: never, or only very low)
VETO_PRECISION = 0.8  # a veto is kept when at least this share of the rule hits it drops were wrong in CV
SEED = 13
FOLDS = 5
C_IND = 4.0
C_SIDE = 2.0
MIN_COUNT = 2  # a word or pair seen fewer times in training is not a feature
#: ``--class-weight balanced`` weighs each indicator's few positives up (sklearn's "balanced"); None: as they come
CLASS_WEIGHT: str | None = None


def rules_pipeline() -> Pipeline:
    return Pipeline(("segment.v1", "quotes.v2", RULES_STAGE))


# -- data -------------------------------------------------------------------------------------------------------


def read_labels(gold: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str]:
    real: list[dict[str, Any]] = []
    synthetic: list[dict[str, Any]] = []
    h = hashlib.sha256()
    for path in sorted((gold / "train").glob("indicators_train_*.jsonl")):
        h.update(path.name.encode() + path.read_bytes())
        real += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for path in sorted((gold / "train").glob("synthetic_*.jsonl")):
        h.update(path.name.encode() + path.read_bytes())
        synthetic += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return real, synthetic, h.hexdigest()


def corpus_texts(shared: Path, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for corpus in sorted({c for c, _ in wanted}):
        with open(shared / "data" / "corpora" / f"{corpus}.jsonl", encoding="utf-8") as f:
            for line in f:
                obj = json.loads(line)
                if (corpus, obj["id"]) in wanted:
                    out[(corpus, obj["id"])] = obj
    return out


def overlaps(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def context_of(ext: dict[str, Any], start: int, end: int) -> SentenceContext:
    """What the rules and the quote stage said about ``[start, end)`` of the input (extract offsets)."""
    inds = [i for i in ext.get("indicators") or [] if overlaps(start, end, i["start"], i["end"])]
    best, side = 0, "unknown"
    for q in ext.get("quotes") or []:
        o = overlaps(start, end, q["start"], q["end"])
        if o > best:
            best, side = o, q.get("side") or "unknown"
    return SentenceContext(frozenset(i["indicator"] for i in inds),
                           frozenset(i["subject_side"] for i in inds), side)


def examples(shared: Path, real: list[dict[str, Any]], synthetic: list[dict[str, Any]]) -> list[dict[str, Any]]:
    pipe = rules_pipeline()
    docs = corpus_texts(shared, {(r["corpus"], r["id"]) for r in real})
    by_doc: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in real:
        by_doc[(r["corpus"], r["id"])].append(r)
    out: list[dict[str, Any]] = []
    for n, (key, rows) in enumerate(sorted(by_doc.items())):
        obj = docs.get(key)
        if obj is None:
            raise SystemExit(f"document {key} of the labels is not in the corpora")
        text = obj["text"]
        ext = extracted(extract_line(json.dumps({"id": obj["id"], "text": text}), n, pipe), obj["id"])
        for r in rows:
            sent = text[r["start"]:r["end"]]
            if sha12(sent) != r["sha1"]:
                raise SystemExit(f"{key} {r['start']}:{r['end']}: the text moved (sha1 differs)")
            out.append({"text": sent, "group": f"{key[0]}:{key[1]}", "labels": r["labels"],
                        "context": context_of(ext, r["start"], r["end"]), "synthetic": False})
    for i, s in enumerate(synthetic):
        ext = extracted(extract_line(json.dumps({"id": f"synthetic-{i}", "text": s["text"]}), i, pipe),
                        f"synthetic-{i}")
        out.append({"text": s["text"], "group": "synthetic", "labels": s["labels"],
                    "context": context_of(ext, 0, len(s["text"])), "synthetic": True})
    return out


# -- features ---------------------------------------------------------------------------------------------------


class Featurizer:
    def __init__(self, embed_model: learned.Model, vocab: list[str], use_rules: bool) -> None:
        self.m = embed_model
        self.vocab = {g: i for i, g in enumerate(vocab)}
        self.use_rules = use_rules

    def matrix(self, exs: list[dict[str, Any]]) -> sparse.csr_matrix:
        emb = self.m.embed([e["text"] for e in exs])
        rows, cols, vals = [], [], []
        for i, e in enumerate(exs):
            ids = sorted({self.vocab[g] for g in ngrams(e["text"]) if g in self.vocab})
            for j in ids:
                rows.append(i)
                cols.append(j)
                vals.append(1.0 / np.sqrt(len(ids)))
        ng = sparse.csr_matrix((vals, (rows, cols)), shape=(len(exs), len(self.vocab)), dtype=np.float32)
        rule = np.zeros((len(exs), len(INDICATORS)), dtype=np.float32)
        if self.use_rules:
            for i, e in enumerate(exs):
                for k in e["context"].rule_indicators:
                    rule[i, INDICATORS.index(k)] = 1.0
        return sparse.hstack([sparse.csr_matrix(emb), ng, sparse.csr_matrix(rule)], format="csr")


def build_vocab(exs: list[dict[str, Any]]) -> list[str]:
    counts: dict[str, int] = defaultdict(int)
    for e in exs:
        for g in set(ngrams(e["text"])):
            counts[g] += 1
    return sorted(g for g, c in counts.items() if c >= MIN_COUNT)


def label_matrix(exs: list[dict[str, Any]]) -> np.ndarray:
    y = np.zeros((len(exs), len(INDICATORS)), dtype=np.int8)
    for i, e in enumerate(exs):
        for lab in e["labels"]:
            y[i, INDICATORS.index(lab["indicator"])] = 1
    return y


def folds(exs: list[dict[str, Any]]) -> np.ndarray:
    """Fold of each real example, by document (seeded); -1 for written paraphrases (always trained on)."""
    groups = sorted({e["group"] for e in exs if not e["synthetic"]})
    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(groups))
    fold_of = {groups[j]: i % FOLDS for i, j in enumerate(order)}
    return np.array([-1 if e["synthetic"] else fold_of[e["group"]] for e in exs])


def fit(x: sparse.csr_matrix, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    if y.sum() == 0:
        return np.zeros(x.shape[1]), -8.0
    if y.sum() == len(y):
        return np.zeros(x.shape[1]), 8.0
    lr = LogisticRegression(C=c, solver="liblinear", max_iter=2000, random_state=SEED, class_weight=CLASS_WEIGHT)
    lr.fit(x, y)
    return lr.coef_[0].astype(np.float64), float(lr.intercept_[0])


def platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    if y.sum() < 3 or y.sum() > len(y) - 3:
        return 1.0, 0.0
    lr = LogisticRegression(C=1e4, solver="lbfgs")
    lr.fit(z.reshape(-1, 1), y)
    return float(lr.coef_[0][0]), float(lr.intercept_[0])


def best_threshold(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    if y.sum() < 5:
        return 0.5, 0.0
    best = (0.0, 0.5)
    for t in np.arange(0.15, 0.86, 0.05):
        pred = p >= t
        tp = float((pred & (y == 1)).sum())
        fp = float((pred & (y == 0)).sum())
        fn = float((~pred & (y == 1)).sum())
        f = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f > best[0] + 1e-9:
            best = (f, float(t))
    return best[1], best[0]


def train_indicators(exs: list[dict[str, Any]], feat: Featurizer) -> dict[str, Any]:
    x = feat.matrix(exs)
    y = label_matrix(exs)
    fold = folds(exs)
    real = fold >= 0
    oof = np.zeros(y.shape, dtype=np.float64)
    for f in range(FOLDS):
        tr, va = fold != f, fold == f
        for k in range(len(INDICATORS)):
            w, b = fit(x[tr], y[tr, k], C_IND)
            oof[va, k] = x[va] @ w + b
    platts, thresholds, cv = [], [], {}
    tp_all = fp_all = fn_all = 0
    oof_p = np.zeros((int(real.sum()), len(INDICATORS)))
    for k, name in enumerate(INDICATORS):
        a, c = platt(oof[real, k], y[real, k])
        p = 1 / (1 + np.exp(-(a * oof[real, k] + c)))
        oof_p[:, k] = p
        t, f1 = best_threshold(p, y[real, k])
        platts.append((a, c))
        thresholds.append(t)
        pred = p >= t
        tp = int((pred & (y[real, k] == 1)).sum())
        fp = int((pred & (y[real, k] == 0)).sum())
        fn = int((~pred & (y[real, k] == 1)).sum())
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        cv[name] = {"positives": int(y[real, k].sum()), "threshold": round(t, 2), "f1": round(f1, 3),
                    "tp": tp, "fp": fp, "fn": fn}
    cv["_micro"] = {"f1": round(2 * tp_all / max(1, 2 * tp_all + fp_all + fn_all), 3),
                    "precision": round(tp_all / max(1, tp_all + fp_all), 3),
                    "recall": round(tp_all / max(1, tp_all + fn_all), 3)}
    ws, bs = [], []
    for k in range(len(INDICATORS)):
        w, b = fit(x, y[:, k], C_IND)
        ws.append(w)
        bs.append(b)
    w_all = np.stack(ws, axis=1).astype(np.float32)  # (features, K)
    dim = feat.m.embeddings.shape[1]
    nv = len(feat.vocab)
    return {"w_emb": w_all[:dim], "w_ng": w_all[dim:dim + nv], "w_rule": w_all[dim + nv:],
            "bias": np.array(bs, dtype=np.float32), "platt": np.array(platts, dtype=np.float32),
            "thresholds": np.array(thresholds, dtype=np.float32), "cv": cv, "oof": (oof_p, y[real])}


def rule_matrix(exs: list[dict[str, Any]]) -> np.ndarray:
    r = np.zeros((len(exs), len(INDICATORS)), dtype=bool)
    for i, e in enumerate(exs):
        for k in e["context"].rule_indicators:
            r[i, INDICATORS.index(k)] = True
    return r


def add_threshold(p: np.ndarray, y: np.ndarray, target: float) -> float:
    """The lowest probability (grid 0.15-0.95) at which the additions ``p`` (sentences the rules left alone) are
    right at least ``target`` of the time with at least MIN_ADD_TP right; 2.0 (never) when none is."""
    for t in np.arange(0.15, 0.951, 0.05):
        pred = p >= t
        tp = int((pred & (y == 1)).sum())
        if tp >= MIN_ADD_TP and tp / int(pred.sum()) >= target:
            return round(float(t), 2)
    return 2.0


def veto_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The highest of VETOES below which the rule hits dropped are wrong at least VETO_PRECISION of the time (and
    at least 3 are dropped); 0.0 (never veto) otherwise."""
    best = 0.0
    for v in VETOES[1:]:
        drop = p < v
        if int(drop.sum()) >= 3 and float((y[drop] == 0).mean()) >= VETO_PRECISION:
            best = v
    return best


def micro(pred: np.ndarray, y: np.ndarray) -> dict[str, float]:
    tp = int((pred & (y == 1)).sum())
    fp = int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    return {"precision": round(tp / max(1, tp + fp), 3), "recall": round(tp / max(1, tp + fn), 3),
            "f1": round(2 * tp / max(1, 2 * tp + fp + fn), 3), "tp": tp, "fp": fp, "fn": fn}


def policy(oof_p: np.ndarray, y: np.ndarray, rules: np.ndarray, target: float, veto: bool) -> dict[str, Any]:
    """indicators.v9's combination on the out-of-fold predictions: add and veto thresholds per indicator, and the
    sentence-level figures of the rules alone and of the combination (real sentences, cross-validated)."""
    add = np.array([add_threshold(oof_p[~rules[:, k], k], y[~rules[:, k], k], target)
                    for k in range(len(INDICATORS))], dtype=np.float32)
    vetoes = np.array([veto_threshold(oof_p[rules[:, k], k], y[rules[:, k], k]) if veto else 0.0
                       for k in range(len(INDICATORS))], dtype=np.float32)
    combined = (rules & (oof_p >= vetoes)) | (~rules & (oof_p >= add))
    per = {}
    for k, name in enumerate(INDICATORS):
        added = ~rules[:, k] & (oof_p[:, k] >= add[k])
        per[name] = {"add": float(add[k]), "veto": float(vetoes[k]), "added": int(added.sum()),
                     "added_right": int((added & (y[:, k] == 1)).sum()),
                     "vetoed": int((rules[:, k] & (oof_p[:, k] < vetoes[k])).sum()),
                     "rules": micro(rules[:, k], y[:, k]), "combined": micro(combined[:, k], y[:, k])}
    return {"add": add, "veto": vetoes, "cv": {"rules": micro(rules, y), "combined": micro(combined, y),
                                               "add_precision": target, "per_indicator": per}}


def side_rows(exs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], np.ndarray]:
    keep, ys = [], []
    for e in exs:
        sides = {lab["subject_side"] for lab in e["labels"]}
        if sides in ({"ru"}, {"ua"}):
            keep.append(e)
            ys.append(1 if sides == {"ru"} else 0)
    return keep, np.array(ys)


def train_side(exs: list[dict[str, Any]], feat: Featurizer) -> dict[str, Any]:
    rows, y = side_rows(exs)
    base = feat.matrix(rows)
    dim, nv = feat.m.embeddings.shape[1], len(feat.vocab)
    extra = np.array([side_features(e["text"], e["context"]) for e in rows], dtype=np.float32)
    x = sparse.hstack([base[:, :dim + nv], sparse.csr_matrix(extra)], format="csr")
    fold = folds(rows)
    real = fold >= 0
    oof = np.zeros(len(rows))
    for f in range(FOLDS):
        tr, va = fold != f, fold == f
        w, b = fit(x[tr], y[tr], C_SIDE)
        oof[va] = 1 / (1 + np.exp(-(x[va] @ w + b)))
    # the margin: abstain ("unknown") where a wrong side would cost more than a missing one (wrong counts twice)
    best = (-1e9, 0.0)
    for m in np.arange(0.0, 0.41, 0.025):
        conf = np.abs(oof[real] - 0.5) >= m
        right = ((oof[real] > 0.5) == (y[real] == 1)) & conf
        wrong = conf & ~right
        score = right.sum() - 2 * wrong.sum()
        if score > best[0]:
            best = (score, float(m))
    margin = best[1]
    conf = np.abs(oof[real] - 0.5) >= margin
    acc = float((((oof[real] > 0.5) == (y[real] == 1)) & conf).sum() / max(1, conf.sum()))
    acc_all = float(((oof[real] > 0.5) == (y[real] == 1)).mean()) if real.any() else 0.0
    w, b = fit(x, y, C_SIDE)
    return {"side_emb": w[:dim].astype(np.float32), "side_ng": w[dim:dim + nv].astype(np.float32),
            "side_feat": w[dim + nv:].astype(np.float32), "side_bias": np.float32(b),
            "side_margin": np.float32(margin),
            "cv": {"examples": int(real.sum()), "accuracy_all": round(acc_all, 3),
                   "accuracy_decided": round(acc, 3), "decided": round(float(conf.mean()), 3),
                   "margin": round(margin, 3)}}


# -- main -------------------------------------------------------------------------------------------------------


def embedding_model(path: Path) -> learned.Model:
    """A model2vec directory as a :class:`learned.Model` that can only embed (for featurising)."""
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    emb = load_file(str(path / "model.safetensors"))
    table = next(iter(emb.values())).astype(np.float32)
    tok = Tokenizer.from_file(str(path / "tokenizer.json"))
    z = np.zeros((0,), dtype=np.float32)
    return learned.Model(indicators=INDICATORS, version="", data_hash="", use_rules=False, tokenizer=tok,
                         embeddings=table, vocab={}, w_emb=z, w_ng=z, w_rule=z, bias=z, platt=z, thresholds=z,
                         side_emb=z, side_ng=z, side_feat=z, side_bias=0.0, side_margin=0.0)


def main() -> None:
    global CLASS_WEIGHT, RULES_STAGE
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--embeddings", type=Path, required=True, help="a model2vec directory (scripts/distill.py)")
    ap.add_argument("--gold", type=Path, default=ROOT / "gold")
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=ROOT / "src/moralewatch/data" / learned.MODEL_DIR_V3)
    ap.add_argument("--exclude-corpus", action="append", default=[],
                    help="leave a corpus's sentences out (e.g. nyt-guardian-407, whose licence is CC BY-NC-SA)")
    ap.add_argument("--class-weight", choices=("none", "balanced"), default="none",
                    help="weigh each indicator's positives up (balanced) or not (none, the default)")
    ap.add_argument("--rules-stage", default=RULES_STAGE,
                    help="the rules whose verdict is a feature (indicators.v4 rebuilds indicators-model.v2)")
    ap.add_argument("--version", default=VERSION, help="the model version written to meta.json")
    ap.add_argument("--no-policy", dest="policy", action="store_false",
                    help="write no add/veto thresholds (indicators-model.v2 has none)")
    ap.add_argument("--add-precision", type=float, default=ADD_PRECISION,
                    help="the cross-validated precision the model's additions must reach, per indicator")
    ap.add_argument("--veto", action="store_true", help="let the model veto rule hits below a very low probability")
    args = ap.parse_args()
    CLASS_WEIGHT = None if args.class_weight == "none" else args.class_weight
    RULES_STAGE = args.rules_stage
    shared = args.shared or shared_dir(ROOT)
    real, synthetic, labels_hash = read_labels(args.gold)
    if args.exclude_corpus:
        real = [r for r in real if r["corpus"] not in set(args.exclude_corpus)]
        labels_hash = hashlib.sha256((labels_hash + "-" + ",".join(sorted(args.exclude_corpus))).encode()).hexdigest()
    emb_model = embedding_model(args.embeddings)
    emb_bytes = (args.embeddings / "model.safetensors").read_bytes()
    data_hash = hashlib.sha256(labels_hash.encode() + hashlib.sha256(emb_bytes).hexdigest().encode()).hexdigest()
    print(f"{len(real)} labelled sentences, {len(synthetic)} paraphrases; data hash {data_hash[:12]}", flush=True)
    exs = examples(shared, real, synthetic)
    vocab = build_vocab(exs)
    print(f"vocabulary {len(vocab)}", flush=True)
    out: dict[str, Any] = {"vocab": np.array(vocab, dtype=np.str_)}
    cv: dict[str, Any] = {}
    for variant, use_rules in (("both", True), ("model", False)):
        res = train_indicators(exs, Featurizer(emb_model, vocab, use_rules))
        cv[variant] = res.pop("cv")
        oof_p, y_real = res.pop("oof")
        out.update({f"{variant}_{k}": v for k, v in res.items()})
        print(variant, json.dumps(cv[variant]["_micro"]), flush=True)
        if variant == "both" and args.policy:
            rules = rule_matrix([e for e in exs if not e["synthetic"]])
            pol = policy(oof_p, y_real, rules, args.add_precision, args.veto)
            out.update({"both_add": pol["add"], "both_veto": pol["veto"]})
            cv["policy"] = pol["cv"]
            print("rules", json.dumps(pol["cv"]["rules"]), "combined", json.dumps(pol["cv"]["combined"]), flush=True)
    side = train_side(exs, Featurizer(emb_model, vocab, False))
    cv["side"] = side.pop("cv")
    out.update(side)
    print("side", json.dumps(cv["side"]), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    np.save(args.out / "embeddings.npy", emb_model.embeddings.astype(np.float16))
    (args.out / "tokenizer.json").write_bytes((args.embeddings / "tokenizer.json").read_bytes())
    with open(args.out / "weights.npz", "wb") as f:
        np.savez_compressed(f, **out)
    meta = {"format": learned.FORMAT, "version": args.version, "data_hash": data_hash,
            "indicators": list(INDICATORS),
            "training": {"sentences": len(real), "paraphrases": len(synthetic), "rules_stage": args.rules_stage,
                         "add_precision": args.add_precision if args.policy else None, "veto": args.veto,
                         "positives": sum(1 for r in real if r["labels"]), "seed": SEED, "folds": FOLDS,
                         "C": C_IND, "C_side": C_SIDE, "min_count": MIN_COUNT,
                         "class_weight": args.class_weight, "excluded_corpora": sorted(args.exclude_corpus)},
            "embeddings": "model2vec distilled from all-MiniLM-L6-v2 (Apache-2.0), 256 dims, float16",
            "cross_validation": cv}
    (args.out / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
