"""Stages and the pipeline that runs them.

A stage is a plain function ``(doc, config) -> None`` that fills in what it ``provides`` from what it
``requires``. It has a versioned name (``quotes.v1``): a change of behaviour gets a new version, and every stored row
records the stage and the hash of its configuration. The pipeline checks requirements when it is built, not at
document 40,000.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import PipelineError
from .model import Document

#: what a document has before any stage runs (set by ingest and clean)
BASE_ATTRIBUTES = frozenset({"text", "meta"})

StageFunc = Callable[[Document, Mapping[str, Any]], None]


@dataclass(frozen=True)
class Stage:
    name: str
    func: StageFunc
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    defaults: Mapping[str, Any] = field(default_factory=dict)

    def config_hash(self, config: Mapping[str, Any]) -> str:
        blob = json.dumps({"stage": self.name, "config": dict(config)}, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:12]


REGISTRY: dict[str, Stage] = {}


def stage(
    name: str, *, requires: Iterable[str], provides: Iterable[str], defaults: Mapping[str, Any] | None = None
) -> Callable[[StageFunc], StageFunc]:
    """Register a stage function under a versioned name such as ``"quotes.v1"``."""
    if "." not in name or not name.rsplit(".", 1)[1].startswith("v"):
        raise PipelineError("E101", f"stage name {name!r} has no version", "name stages like 'quotes.v1'")

    def register(func: StageFunc) -> StageFunc:
        if name in REGISTRY and REGISTRY[name].func is not func:
            raise PipelineError("E102", f"stage {name!r} is registered twice", "give the new one a new version")
        REGISTRY[name] = Stage(name, func, tuple(requires), tuple(provides), dict(defaults or {}))
        return func

    return register


class Pipeline:
    """An ordered list of stages, checked when built."""

    def __init__(self, names: Iterable[str], config: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        config = config or {}
        self.stages: list[Stage] = []
        self.configs: dict[str, dict[str, Any]] = {}
        have = set(BASE_ATTRIBUTES)
        for name in names:
            if name not in REGISTRY:
                raise PipelineError(
                    "E103", f"no stage named {name!r}", f"use one of: {', '.join(sorted(REGISTRY))}"
                )
            st = REGISTRY[name]
            missing = [r for r in st.requires if r not in have]
            if missing:
                raise PipelineError(
                    "E104",
                    f"stage {name!r} requires {missing}, which no earlier stage provides (have: {sorted(have)})",
                    "put the stages that provide them earlier in the pipeline",
                )
            unknown = set(config.get(name, {})) - set(st.defaults)
            if unknown:
                raise PipelineError(
                    "E105", f"unknown option(s) {sorted(unknown)} for stage {name!r}",
                    f"valid options: {sorted(st.defaults) or 'none'}",
                )
            have.update(st.provides)
            self.stages.append(st)
            self.configs[name] = {**st.defaults, **config.get(name, {})}
        self.stamps = {st.name: st.config_hash(self.configs[st.name]) for st in self.stages}

    @property
    def names(self) -> list[str]:
        return [st.name for st in self.stages]

    def describe(self) -> dict[str, Any]:
        """The configuration recorded with every run."""
        return {"stages": [{"name": st.name, "config": self.configs[st.name], "hash": self.stamps[st.name]}
                           for st in self.stages]}

    def stage_for(self, attribute: str) -> str | None:
        """The name of the stage that provides ``attribute`` (the one recorded on its rows)."""
        for st in self.stages:
            if attribute in st.provides:
                return st.name
        return None

    def run(self, doc: Document) -> Document:
        for st in self.stages:
            st.func(doc, self.configs[st.name])
            doc.stamps[st.name] = self.stamps[st.name]
            doc.done.update(st.provides)
        return doc
