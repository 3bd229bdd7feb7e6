"""Word lists of the pipeline's patterns, kept in data files (issue 15, item 3): the code holds a pattern's
structure, a data file its vocabulary.

A pattern is written as a template in which ``@name@`` stands for a list of the data file: :func:`fill` puts
the list's alternatives there, joined with ``|`` in the file's order, so the compiled pattern is exactly the one
the code used to spell out. In the file, each list follows its ``[name]`` line, one alternative a line (a
regular expression: most are plain words, some have an optional ending such as ``s?``); ``#`` lines describe.
"""

from __future__ import annotations

import re
from functools import cache

from .errors import PipelineError
from .lexicons import compile_regex, lines

_SLOT = compile_regex(r"@([\w.]+)@")


@cache
def word_lists(path: str) -> dict[str, tuple[str, ...]]:
    """The lists of a data file (``quotes/words/patterns.txt``), by name, in order."""
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines(path):
        if line.startswith("[") and line.endswith("]"):
            current = out.setdefault(line[1:-1], [])
        elif current is None:
            raise PipelineError("E108", f"data/{path}: {line!r} comes before any [name] line",
                                "put every alternative under the [name] of its list")
        else:
            current.append(line)
    return {name: tuple(alts) for name, alts in out.items()}


def fill(path: str, template: str) -> str:
    """``template`` with each ``@name@`` replaced by the alternatives of that list of ``path``, joined with "|"."""
    lists = word_lists(path)

    def alternatives(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in lists:
            raise PipelineError("E108", f"data/{path} has no list [{name}]", "restore the list or the pattern")
        return "|".join(lists[name])

    return _SLOT.sub(alternatives, template)
