"""Indicators from the cue rules and the learned model together (``indicators.v2``).

The cue rules of ``indicators.v5`` (since session 6; ``indicators.v3``, then ``v4`` before) run first; the model then reads every sentence (the title excepted: rule 3) with
the rules' verdict as one of its features, and decides:

* a rule's indicator is kept when the model, knowing the rule fired, still gives that indicator a probability at or
  above its threshold on the evidence's sentences (this is what drops "surrendering" territory in talks or a
  lender's "losses"); the rule's evidence span, side, claimant and flags are kept, the confidence is the model's;
* an indicator the rules did not find in a sentence is added when the model's probability reaches the threshold:
  the evidence is the sentence (inside a quote, the quote's part of it), the claimant the quote's speaker or the
  sentence's attributed source, the subject side the side model's (``unknown`` when it is not sure: a wrong side is
  worse than none), hedged from the hedge cues, negated only for an explicit denial.

``mode`` selects ``both`` (the default), ``rules`` (``indicators.v5`` alone) or ``model`` (the model without the
rules' verdict): the three ablations of the evaluation.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import PipelineError
from ..lexicons import compile_regex
from ..model import Document, Indicator
from .lexicon import load as load_lexicon
from .tagger import Context, Unit, claimant_of, is_hedged, tag

if TYPE_CHECKING:  # numpy and the model load only when the model is used: the rules alone start without them
    import numpy as np

    from . import learned
    from .learned import SentenceContext

MODES = ("both", "rules", "model")
_DENIAL = compile_regex(
    r"\b(?:deni(?:ed|es)|deny|denying|refuted|rejected|dismissed|no (?:sign|evidence|indication)s? (?:of|that)|"
    r"(?:there (?:were|was|are|is) no)|never happened)\b", 2)  # re.I


def sentence_index(starts: list[int], pos: int) -> int:
    return max(0, bisect.bisect_right(starts, pos) - 1)


class _Sentences:
    """The sentences the model reads (the title excepted) and, for each, what the rules and the quotes say."""

    def __init__(self, doc: Document, ctx: Context, rules: list[Indicator]) -> None:
        from .learned import SentenceContext

        self.spans = [(s, e) for s, e in (doc.sentences or [(0, len(doc.text))]) if s >= ctx.title_end]
        self.starts = [s for s, _ in self.spans]
        found: list[list[Indicator]] = [[] for _ in self.spans]
        for ind in rules:
            for si in self.covering(ind):
                found[si].append(ind)
        self.contexts = [SentenceContext(frozenset(i.indicator for i in f), frozenset(i.subject_side for i in f),
                                         self._speaker_side(ctx, s, e)) for (s, e), f in zip(self.spans, found)]
        self.texts = [doc.text[s:e] for s, e in self.spans]

    @staticmethod
    def _speaker_side(ctx: Context, s: int, e: int) -> str:
        q = ctx.quote_for(s, e)
        return q.quote.side if q is not None and q.quote is not None else "unknown"

    def covering(self, ind: Indicator) -> range:
        """The indices of the sentences an indicator's evidence spans."""
        lo = sentence_index(self.starts, ind.start)
        return range(lo, sentence_index(self.starts, max(ind.start, ind.end - 1)) + 1)


def detect(doc: Document, mode: str, keep: float = 0.0, add: float = 0.85) -> list[Indicator]:
    """``keep``: a rule's indicator stays when the model gives it at least min(threshold, keep); ``add``: the model
    adds an indicator at max(threshold, add) or more."""
    rules = tag(doc, 5)
    if mode == "rules":
        return rules
    from . import learned

    model = learned.load("both" if mode == "both" else "model")
    if mode == "model":  # the floors combine the model with the rules; alone, its own thresholds decide
        keep, add, rules = 0.0, 0.0, []
    ctx = Context(doc, load_lexicon())
    sents = _Sentences(doc, ctx, rules)
    if not sents.spans:
        return rules
    probs = model.probabilities(sents.texts, sents.contexts)
    out, covered = _kept_rule_hits(model, sents, rules, probs, keep)
    for si, (s, e) in enumerate(sents.spans):
        for k, name in enumerate(model.indicators):
            p = float(probs[si, k])
            if p >= max(float(model.thresholds[k]), add) and (si, name) not in covered:
                out.append(model_indicator(doc, ctx, model, s, e, name, p, sents.contexts[si]))
    return sorted(out, key=lambda i: (i.start, i.end, i.indicator, i.subject_side))


def _kept_rule_hits(model: learned.Model, sents: _Sentences, rules: list[Indicator], probs: np.ndarray,
                    keep: float) -> tuple[list[Indicator], set[tuple[int, str]]]:
    """The rules' indicators the model lets stand, and the (sentence, indicator) pairs they cover."""
    index = {k: i for i, k in enumerate(model.indicators)}
    out: list[Indicator] = []
    covered: set[tuple[int, str]] = set()
    for ind in rules:
        k = index[ind.indicator]
        span = sents.covering(ind)
        p = max(float(probs[si, k]) for si in span)
        if p >= min(float(model.thresholds[k]), keep):
            if p >= model.thresholds[k]:  # the model agrees: its calibrated probability; else the rule's own
                ind.confidence = round(p, 3)
            out.append(ind)
            covered.update((si, ind.indicator) for si in span)
    return out, covered


def model_indicator(doc: Document, ctx: Context, model: learned.Model, s: int, e: int, name: str, p: float,
                    sctx: SentenceContext) -> Indicator:
    """An indicator the model found in the sentence ``[s, e)``."""
    q = ctx.quote_for(s, e)
    if q is not None and q.quote is not None:
        unit = Unit(max(s, q.start), min(e, q.end), q.quote_index, q.quote, True)
    else:
        unit = Unit(s, e)
    while unit.end > unit.start and doc.text[unit.end - 1].isspace():
        unit.end -= 1
    full_si = ctx.sentence_index(s)
    claimant, claimant_side, channel = claimant_of(ctx, unit, full_si)
    side, _ = model.side(doc.text[s:e], sctx)
    return Indicator(
        indicator=name, start=unit.start, end=unit.end, text=doc.text[unit.start:unit.end], subject_side=side,
        claimant=claimant, claimant_side=claimant_side, channel=channel, quote_index=unit.quote_index,
        hedged=is_hedged(ctx, unit, full_si), negated=_DENIAL.search(doc.text, s, e) is not None,
        confidence=round(p, 3), rule=f"model:{model.version}", cue=None)


def check_detector(config: Mapping[str, Any]) -> None:
    """When a pipeline is built: the mode is known and the model it needs loads (E109 with the fix otherwise)."""
    mode = config.get("mode")
    if mode not in MODES:
        raise PipelineError("E105", f"indicators.v2 has no mode {mode!r}", f"use one of: {', '.join(MODES)}")
    if mode != "rules":
        from . import learned

        learned.load("both" if mode == "both" else "model")


def tag_v2(doc: Document, config: Mapping[str, Any]) -> None:
    doc.indicators = detect(doc, str(config.get("mode", "both")), float(config.get("keep", 0.0)),
                            float(config.get("add", 0.85)))
