"""Registers ``moralewatch eval <what>``: each scorer module in this package that exists adds its command."""

from __future__ import annotations

import importlib
from typing import Any

SCORERS = ("quotes", "indicators", "entities", "turns", "pages")


def register(main: Any, eval_group: Any) -> None:
    for name in SCORERS:
        try:
            module = importlib.import_module(f"moralewatch.eval.{name}")
        except ModuleNotFoundError as e:
            if e.name is None or not f"moralewatch.eval.{name}".startswith(e.name):
                raise
            continue
        eval_group.add_command(module.command, name)
