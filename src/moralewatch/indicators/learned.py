"""The learned indicator detector: a small linear model over sentences, trained by the project (``make train``).

What it sees of a sentence, and why:

* **Static sentence embedding**: the mean of token vectors distilled offline (model2vec) from the all-MiniLM-L6-v2
  weights (Apache-2.0). Paraphrases that share no cue word with the codebook ("nobody in the company wants to serve
  any more") land near the sentences that say the same thing in other words.
* **Word and word-pair features** from a vocabulary learned on the training sentences: the exact words still matter
  ("cannon fodder", "refuseniks").
* **The rules' verdict** (which indicators the cue rules of ``indicators.v4`` put on evidence overlapping the
  sentence): the rules are precise where the words are fixed, so they are features, and the model decides.

Everything is plain numpy at run time (no scikit-learn, no torch): a tokenizer (``tokenizers``), an embedding table
and the weights of one logistic regression per indicator, with Platt-calibrated probabilities and a threshold per
indicator chosen on cross-validated training predictions. A second small model gives the subject side (``ru`` or
``ua``, or ``unknown`` when it is not sure) from the sentence, the quote's speaker side, first-person words and the
rules' side. The files live in ``data/models/indicators/``; ``meta.json`` records the model version and the hash of
the training data, which every stored indicator carries through the stage stamp.

A missing or corrupt model file is an error with its fix when the pipeline is built, never a silent fall-back to the
rules alone.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from ..errors import MoraleWatchError, error
from ..lexicons import compile_regex, data_path

MODEL_DIR = "models/indicators"
#: ``indicators-model.v3`` (``indicators.v9``): the same design with ``indicators.v8``'s rules as the rules feature,
#: and per-indicator thresholds for adding to the rules (``{variant}_add``) and for vetoing a rule hit
#: (``{variant}_veto``) chosen on cross-validation
MODEL_DIR_V3 = "models/indicators_v3"
FORMAT = 1
FILES = ("meta.json", "tokenizer.json", "embeddings.npy", "weights.npz")
SIDES = ("ru", "ua")

_WORD = compile_regex(r"[a-z0-9]+(?:['’][a-z]+)?")
_FIRST_PERSON = compile_regex(r"\b(?:we|us|our|ours|i|me|my)\b", re.I)


def ngrams(text: str) -> list[str]:
    """Lower-cased words and adjacent word pairs: the vocabulary features' keys."""
    words = _WORD.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


@dataclass(frozen=True)
class SentenceContext:
    """What the document says around a sentence, beyond its words."""

    rule_indicators: frozenset[str] = frozenset()
    rule_sides: frozenset[str] = frozenset()
    speaker_side: str = "unknown"


def side_features(text: str, ctx: SentenceContext) -> list[float]:
    first = 1.0 if _FIRST_PERSON.search(text) else 0.0
    feats = [1.0 if s in ctx.rule_sides else 0.0 for s in SIDES]
    feats += [1.0 if ctx.speaker_side == s else 0.0 for s in SIDES]
    feats += [first * (1.0 if ctx.speaker_side == s else 0.0) for s in SIDES]
    feats.append(first)
    return feats


N_SIDE_FEATURES = 7


@dataclass(frozen=True)
class Model:
    indicators: tuple[str, ...]
    version: str
    data_hash: str
    use_rules: bool
    tokenizer: Any
    embeddings: np.ndarray  # (tokens, dim) float32
    vocab: dict[str, int]
    w_emb: np.ndarray  # (dim, K)
    w_ng: np.ndarray  # (V, K)
    w_rule: np.ndarray  # (K, K): rule indicator j -> class k
    bias: np.ndarray  # (K,)
    platt: np.ndarray  # (K, 2): a, b of sigmoid(a * logit + b)
    thresholds: np.ndarray  # (K,)
    side_emb: np.ndarray  # (dim,)
    side_ng: np.ndarray  # (V,)
    side_feat: np.ndarray  # (N_SIDE_FEATURES,)
    side_bias: float
    side_margin: float  # |p(ru) - 0.5| below this: unknown
    #: (K,) the probability at which the model adds an indicator the rules did not find (above 1: never); models
    #: before v3 have none and add at their F1 thresholds
    add_thresholds: np.ndarray | None = None
    #: (K,) a rule hit whose probability is below this is dropped (0: never)
    veto: np.ndarray | None = None

    @property
    def stamp(self) -> str:
        return f"{self.version}+{self.data_hash[:12]}"

    # -- features --------------------------------------------------------------------------------------------

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        dim = self.embeddings.shape[1]
        out = np.zeros((len(texts), dim), dtype=np.float32)
        for i, enc in enumerate(self.tokenizer.encode_batch(list(texts), add_special_tokens=False)):
            ids = enc.ids
            if ids:
                v = self.embeddings[ids].mean(axis=0)
                n = float(np.linalg.norm(v))
                if n > 0:
                    out[i] = v / n
        return out

    def ngram_ids(self, text: str) -> list[int]:
        vocab = self.vocab
        return sorted({vocab[g] for g in ngrams(text) if g in vocab})

    # -- prediction ------------------------------------------------------------------------------------------

    def logits(self, texts: Sequence[str], contexts: Sequence[SentenceContext]) -> np.ndarray:
        z = self.embed(texts) @ self.w_emb + self.bias
        index = {k: i for i, k in enumerate(self.indicators)}
        for i, (text, ctx) in enumerate(zip(texts, contexts)):
            ids = self.ngram_ids(text)
            if ids:
                z[i] += self.w_ng[ids].sum(axis=0) / np.sqrt(len(ids))
            if self.use_rules:
                for k in ctx.rule_indicators:
                    if k in index:
                        z[i] += self.w_rule[index[k]]
        return np.asarray(z, dtype=np.float32)

    def probabilities(self, texts: Sequence[str], contexts: Sequence[SentenceContext]) -> np.ndarray:
        """(sentences, indicators) calibrated probabilities."""
        if not texts:
            return np.zeros((0, len(self.indicators)), dtype=np.float32)
        z = self.logits(texts, contexts)
        return np.asarray(1.0 / (1.0 + np.exp(-(self.platt[:, 0] * z + self.platt[:, 1]))), dtype=np.float32)

    def side_probability(self, text: str, ctx: SentenceContext, emb: np.ndarray | None = None) -> float:
        """P(subject side is ``ru``) against ``ua``."""
        e = self.embed([text])[0] if emb is None else emb
        z = float(e @ self.side_emb) + self.side_bias
        ids = self.ngram_ids(text)
        if ids:
            z += float(self.side_ng[ids].sum()) / np.sqrt(len(ids))
        z += float(np.asarray(side_features(text, ctx), dtype=np.float32) @ self.side_feat)
        return float(1.0 / (1.0 + np.exp(-z)))

    def side(self, text: str, ctx: SentenceContext) -> tuple[str, float]:
        p = self.side_probability(text, ctx)
        if abs(p - 0.5) < self.side_margin:
            return "unknown", p
        return ("ru" if p > 0.5 else "ua"), p


def _error(detail: str, model_dir: str = MODEL_DIR) -> MoraleWatchError:
    return error("E109", f"the indicator model in moralewatch/data/{model_dir} cannot be loaded: {detail}")


def files_hash(model_dir: str = MODEL_DIR) -> str:
    """SHA-256 over the model's files, in order (what the stage stamp covers)."""
    h = hashlib.sha256()
    for name in FILES:
        try:
            h.update(data_path(f"{model_dir}/{name}").read_bytes())
        except OSError as exc:
            raise _error(f"{name} is missing ({exc.strerror or exc})", model_dir) from exc
    return h.hexdigest()


def _read(model_dir: str) -> tuple[dict[str, Any], Any, np.ndarray, dict[str, np.ndarray]]:
    """meta.json, the tokenizer, the embedding table and the weights of ``model_dir`` (E109 on any damage)."""
    try:
        meta = json.loads(data_path(f"{model_dir}/meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _error(f"meta.json: {exc}", model_dir) from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        got = meta.get("format") if isinstance(meta, dict) else None
        raise _error(f"meta.json has format {got!r}, this release reads {FORMAT}", model_dir)
    try:
        from tokenizers import Tokenizer

        tok = Tokenizer.from_str(data_path(f"{model_dir}/tokenizer.json").read_text(encoding="utf-8"))
        with data_path(f"{model_dir}/embeddings.npy").open("rb") as f:
            emb = np.load(f, allow_pickle=False).astype(np.float32)
        with data_path(f"{model_dir}/weights.npz").open("rb") as f:
            npz = np.load(f, allow_pickle=False)
            w = {k: npz[k] for k in npz.files}
    except Exception as exc:  # any damage to the files: one clear error
        raise _error(f"{type(exc).__name__}: {exc}", model_dir) from exc
    return meta, tok, emb, w


@cache
def load(variant: str = "both", model_dir: str = MODEL_DIR) -> Model:
    """The shipped model (``both``: with the rules' verdict as features; ``model``: words alone) of ``model_dir``
    (``indicators-model.v2`` in :data:`MODEL_DIR`, ``v3`` in :data:`MODEL_DIR_V3`)."""
    meta, tok, emb, w = _read(model_dir)
    p = f"{variant}_"
    try:
        vocab_list = [str(x) for x in w["vocab"]]
        model = Model(
            indicators=tuple(meta["indicators"]), version=str(meta["version"]), data_hash=str(meta["data_hash"]),
            use_rules=variant == "both", tokenizer=tok, embeddings=emb,
            vocab={g: i for i, g in enumerate(vocab_list)},
            w_emb=w[p + "w_emb"], w_ng=w[p + "w_ng"], w_rule=w[p + "w_rule"], bias=w[p + "bias"],
            platt=w[p + "platt"], thresholds=w[p + "thresholds"],
            side_emb=w["side_emb"], side_ng=w["side_ng"], side_feat=w["side_feat"],
            side_bias=float(w["side_bias"]), side_margin=float(w["side_margin"]),
            add_thresholds=w.get(p + "add"), veto=w.get(p + "veto"),
        )
    except KeyError as exc:
        raise _error(f"weights.npz lacks {exc}", model_dir) from exc
    k, dim, v = len(model.indicators), emb.shape[1], len(vocab_list)
    shapes = {"w_emb": (model.w_emb.shape, (dim, k)), "w_ng": (model.w_ng.shape, (v, k)),
              "w_rule": (model.w_rule.shape, (k, k)), "side_emb": (model.side_emb.shape, (dim,)),
              "side_ng": (model.side_ng.shape, (v,)), "side_feat": (model.side_feat.shape, (N_SIDE_FEATURES,))}
    for name, arr in (("add", model.add_thresholds), ("veto", model.veto)):
        if arr is not None:
            shapes[p + name] = (arr.shape, (k,))
    bad = [f"{n} is {got}, expected {want}" for n, (got, want) in shapes.items() if got != want]
    if bad:
        raise _error("; ".join(bad), model_dir)
    return model
