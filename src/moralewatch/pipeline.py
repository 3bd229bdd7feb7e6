"""Stages and the pipeline that runs them.

A stage is a plain function ``(doc, config) -> None`` that fills in what it ``provides`` from what it
``requires``. It has a versioned name (``quotes.v1``): a change of behaviour gets a new version. The pipeline checks
requirements when it is built, not at document 40,000.

Provenance (issue 15): a stage's **stamp** is a hash of its versioned name, its configuration and the content of
every data file it may load (the ``data`` its registration declares: files or whole directories of
``moralewatch/data``). :mod:`moralewatch.lexicons` refuses to load, while a stage runs, a data file that stage does
not declare, so no data file can change results without changing a stamp. A stage that rewrites fields of another
stage's rows (``links.v1`` sets ``place`` and ``date`` of quotes and indicators) declares ``rewrites``, and every row
records the stamps of all the stages that wrote it (:attr:`Pipeline.writers`).

:func:`stage` only describes a function; nothing is registered by importing a module. The stages this release runs
are listed once, in :data:`moralewatch.stages.REGISTRATIONS`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from . import lexicons
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
    #: data files (``quotes/cues.tsv``) and directories (``quotes/``) under ``moralewatch/data`` the stage may load
    data: tuple[str, ...] = ()
    #: attributes provided by earlier stages whose rows this stage rewrites
    rewrites: tuple[str, ...] = ()
    #: called with the stage's configuration when a pipeline is built: loads and checks what the stage needs (a
    #: model file), so that a missing or damaged one is an error at start-up, not at the first document
    setup: Callable[[Mapping[str, Any]], None] | None = None

    def stamp(self, config: Mapping[str, Any]) -> str:
        """What made this stage's output: its versioned name, its configuration and its data files' content."""
        blob = json.dumps({"stage": self.name, "config": dict(config), "data": lexicons.data_hashes(self.data)},
                          sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:12]

    def config_hash(self, config: Mapping[str, Any]) -> str:
        """The stamp (the name the stored rows' column keeps: ``config_hash``)."""
        return self.stamp(config)


def stage(
    name: str, *, requires: Iterable[str], provides: Iterable[str], defaults: Mapping[str, Any] | None = None
) -> Callable[[StageFunc], StageFunc]:
    """Describe a stage function under a versioned name such as ``"quotes.v1"`` (see :func:`spec`). Nothing is
    registered: :data:`moralewatch.stages.REGISTRATIONS` lists the stages a release runs."""
    if "." not in name or not name.rsplit(".", 1)[1].startswith("v"):
        raise PipelineError("E101", f"stage name {name!r} has no version", "name stages like 'quotes.v1'")

    def describe(func: StageFunc) -> StageFunc:
        func.__stage__ = Stage(name, func, tuple(requires), tuple(provides), dict(defaults or {}))  # type: ignore[attr-defined]
        return func

    return describe


def spec(func: StageFunc) -> Stage:
    """The :class:`Stage` a :func:`stage` decorator gave ``func``."""
    st = getattr(func, "__stage__", None)
    if not isinstance(st, Stage):
        raise PipelineError("E107", f"{getattr(func, '__qualname__', func)!r} is not a stage function",
                            "decorate it with @stage('name.v1', requires=..., provides=...)")
    return st


@dataclass(frozen=True)
class Registration:
    """One line of a registrations list: a stage function with the data it loads and the rows it rewrites."""

    func: StageFunc
    data: tuple[str, ...] = ()
    rewrites: tuple[str, ...] = ()
    setup: Callable[[Mapping[str, Any]], None] | None = None


def registry_of(registrations: Iterable[Registration]) -> dict[str, Stage]:
    """The stages of ``registrations`` by name (each one once), and their data declared to the loaders."""
    out: dict[str, Stage] = {}
    for reg in registrations:
        st = replace(spec(reg.func), data=tuple(reg.data), rewrites=tuple(reg.rewrites), setup=reg.setup)
        if st.name in out:
            raise PipelineError("E102", f"stage {st.name!r} is registered twice", "give the new one a new version")
        out[st.name] = st
        lexicons.declare(st.name, st.data)
    return out


def _default_registry() -> Mapping[str, Stage]:
    from .stages import REGISTRY  # the registrations list imports every stage module (and this one)

    return REGISTRY


class Pipeline:
    """An ordered list of stages, checked when built."""

    def __init__(self, names: Iterable[str], config: Mapping[str, Mapping[str, Any]] | None = None,
                 registry: Mapping[str, Stage] | None = None) -> None:
        config = config or {}
        registry = _default_registry() if registry is None else registry
        self.stages: list[Stage] = []
        self.configs: dict[str, dict[str, Any]] = {}
        have = set(BASE_ATTRIBUTES)
        for name in names:
            if name not in registry:
                raise PipelineError(
                    "E103", f"no stage named {name!r}", f"use one of: {', '.join(sorted(registry))}"
                )
            st = registry[name]
            missing = [r for r in (*st.requires, *st.rewrites) if r not in have]
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
            lexicons.declare(st.name, st.data)  # what the loaders let it read: what its stamp covers
            self.stages.append(st)
            self.configs[name] = {**st.defaults, **config.get(name, {})}
            if st.setup is not None:
                outer = lexicons.loading_for(st.name)
                try:
                    st.setup(self.configs[name])
                finally:
                    lexicons.loading_for(outer)
        self.stamps = {st.name: st.stamp(self.configs[st.name]) for st in self.stages}
        #: attribute -> {stage: stamp} of every stage that writes a field of its rows (provides or rewrites it)
        self.writers: dict[str, dict[str, str]] = {}
        for st in self.stages:
            for attribute in (*st.provides, *st.rewrites):
                self.writers.setdefault(attribute, {})[st.name] = self.stamps[st.name]

    @property
    def names(self) -> list[str]:
        return [st.name for st in self.stages]

    def describe(self) -> dict[str, Any]:
        """The configuration recorded with every run."""
        return {"stages": [{"name": st.name, "config": self.configs[st.name], "hash": self.stamps[st.name],
                            "data": sorted(lexicons.data_hashes(st.data)), "rewrites": list(st.rewrites)}
                           for st in self.stages]}

    def stage_for(self, attribute: str) -> str | None:
        """The name of the stage that provides ``attribute`` (the one recorded in its rows' ``stage`` column)."""
        for st in self.stages:
            if attribute in st.provides:
                return st.name
        return None

    def run(self, doc: Document) -> Document:
        if doc.input_text is None and doc.text:  # made by hand: cleaned as a .txt input with its metadata is
            from .clean.document import clean_given

            clean_given(doc)
        for st in self.stages:
            outer = lexicons.loading_for(st.name)  # a data file it loads must be one it declares
            try:
                st.func(doc, self.configs[st.name])
            finally:
                lexicons.loading_for(outer)
            doc.stamps[st.name] = self.stamps[st.name]
            doc.done.update(st.provides)
        doc.written_by = self.writers  # shared, never mutated
        return doc


__all__ = ["BASE_ATTRIBUTES", "Pipeline", "Registration", "Stage", "StageFunc", "registry_of", "spec", "stage"]
