"""``indicators.ruuk.v12`` (issue 17, session 14): the composition of this session's two Russian/Ukrainian changes,
``indicators.ruuk.v10``'s recall rules (:mod:`.slavic_v10`) and ``indicators.ruuk.v11``'s side pass
(:mod:`.slavic_side11`): v8's items plus v10's new ones, every item's subject side then re-read by the pass.

Nothing of its own: both modules and their data stay as they are (v10's and v11's output unchanged).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document, Indicator
from ..pipeline import stage
from .slavic_side11 import resided
from .slavic_v10 import tag_v10


def tag_v12(doc: Document) -> list[Indicator]:
    """The indicators ``indicators.ruuk.v12`` adds to ``doc``: v10's (v8's and the recall rules'), re-sided."""
    return resided(doc, tag_v10(doc))


@stage("indicators.ruuk.v12", requires=("language", "sentences", "quotes", "indicators"), provides=("indicators_ruuk",))
def tag_ruuk_v12(doc: Document, config: Mapping[str, Any]) -> None:
    """``indicators.ruuk.v10``'s items through ``indicators.ruuk.v11``'s side pass."""
    found = tag_v12(doc)
    if found:
        doc.indicators = sorted([*doc.indicators, *found], key=lambda i: (i.start, i.end, i.indicator))


__all__ = ["tag_ruuk_v12", "tag_v12"]
