"""Loads the data files in ``moralewatch/data`` (lexicons, gazetteer): once per process, cached."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any


def data_path(name: str) -> Any:
    return resources.files("moralewatch") / "data" / name


def read_text(name: str) -> str:
    return data_path(name).read_text(encoding="utf-8")


@cache
def lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a data file, stripped."""
    out = []
    for line in read_text(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@cache
def load_json(name: str) -> Any:
    return json.loads(read_text(name))


@cache
def line_matcher(name: str) -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    """A data file of whole-line patterns: plain lines (compared lower-cased) and ``re:`` lines."""
    plain, rx = set(), []
    for line in lines(name):
        if line.startswith("re:"):
            rx.append(re.compile(line[3:], re.I))
        else:
            plain.add(line.lower())
    return frozenset(plain), tuple(rx)
