"""What the quote finder finds: cue verbs, speaker mentions as written, and quotes before their speakers are
resolved (the resolver, :mod:`.resolver`, names and describes them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..layers.marks import Marked


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    text: str
    cls: str


@dataclass(slots=True)
class Speaker:
    """A speaker mention as written: ``[start, end)`` of the noun phrase, with the apposition that describes it."""

    start: int
    end: int
    text: str
    description: str = ""
    #: the mention at the cue when it is not the phrase itself ("O’Malley, who noted": the "who")
    at: tuple[int, int] | None = None


@dataclass(slots=True)
class Found:
    """A quote before speakers are resolved: content span, kind, attribution (cue, speaker mention), via."""

    start: int
    end: int
    kind: str
    cue: Cue | None = None
    speaker: Speaker | None = None
    via: list[str] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.5
    marked: Marked | None = None
    continues_prev: bool = False
