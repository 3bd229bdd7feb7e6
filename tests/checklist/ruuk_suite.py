"""Runs the CheckList suite of :mod:`.ruuk_templates` on an ``indicators.ruuk`` version (the default pipeline with
that version in the default's place) and tallies pass rates by indicator, language, test type and template.

A capability check, not an accuracy figure: the cases are invented sentences of the codebook's constructions, so a
pass rate says which mechanisms a version has, not how often it is right on real reporting.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from moralewatch.model import Document
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT

from .ruuk_templates import HEADER, Case, Item, cases, document, verdict


def pipeline(version: str) -> Pipeline:
    """The default pipeline with ``indicators.ruuk.<version>`` in place of the default's ``indicators.ruuk``."""
    return Pipeline([f"indicators.ruuk.{version}" if n.startswith("indicators.ruuk.") else n for n in DEFAULT])


def items(pipe: Pipeline, lang: str, text: str) -> tuple[Item, ...]:
    doc = pipe.run(Document(text=f"{HEADER[lang]}\n\n{text}"))
    return tuple((i.indicator, i.subject_side, i.hedged, i.negated) for i in doc.indicators)


@dataclass
class Result:
    version: str
    failures: dict[str, str] = field(default_factory=dict)  # case id -> why
    found: dict[str, tuple[Item, ...]] = field(default_factory=dict)  # case id -> items

    def rate(self, keep: Iterable[Case]) -> tuple[int, int]:
        chosen = list(keep)
        return sum(c.id not in self.failures for c in chosen), len(chosen)


def run(version: str, only: Iterable[Case] | None = None) -> Result:
    pipe = pipeline(version)
    memo: dict[tuple[str, str], tuple[Item, ...]] = {}

    def get(lang: str, text: str) -> tuple[Item, ...]:
        if (lang, text) not in memo:
            memo[(lang, text)] = items(pipe, lang, text)
        return memo[(lang, text)]

    out = Result(version)
    for case in cases() if only is None else only:
        got = get(case.lang, case.text)
        why = verdict(case, got, get(case.lang, case.base) if case.base else ())
        out.found[case.id] = got
        if why is not None:
            out.failures[case.id] = why
    return out


def table(result: Result, key: str) -> dict[tuple[str, ...], tuple[int, int]]:
    """Pass counts grouped by ``key``: ``test`` (test type and language), ``indicator`` (indicator and language),
    ``kind`` (the test's kind and language)."""
    groups: dict[tuple[str, ...], list[Case]] = defaultdict(list)
    for c in cases():
        if c.id in result.found:
            groups[(getattr(c, key), c.lang)].append(c)
    return {k: result.rate(v) for k, v in sorted(groups.items())}


def failures_by_template(result: Result) -> Counter[tuple[str, str, str, str]]:
    """(language, indicator, template's first part, why) -> number of failing cases."""
    out: Counter[tuple[str, str, str, str]] = Counter()
    for c in cases():
        if c.id in result.failures:
            out[(c.lang, c.indicator, c.kind + ": " + c.template.split(" / ")[0], result.failures[c.id])] += 1
    return out


__all__ = ["Result", "document", "failures_by_template", "items", "pipeline", "run", "table"]
