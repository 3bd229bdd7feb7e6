"""Error codes in one table (issue 15, item 5): every E-code and every rejection code is defined once in errors.py
with its meaning and fix, each code is unique, every code written in the source is in the tables, and the README
lists them as the tables say."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from moralewatch.errors import ERRORS, OUTCOME_STATUSES, REJECTIONS, error

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "moralewatch"
E_CODE = re.compile(r"E\d{3}")


def _sources() -> list[tuple[Path, ast.AST]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(SRC.rglob("*.py"))]


def _table_keys(name: str) -> list[str]:
    tree = ast.parse((SRC / "errors.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            assert isinstance(node.value, ast.Dict)
            return [k.value for k in node.value.keys if isinstance(k, ast.Constant)]
    raise AssertionError(f"no table {name} in errors.py")


def test_codes_are_unique() -> None:
    """A dict literal keeps the last of two equal keys silently: read the source, not the dict."""
    for name in ("ERRORS", "REJECTIONS", "OUTCOME_STATUSES"):
        keys = _table_keys(name)
        assert len(keys) == len(set(keys)) > 2, name
    assert not set(ERRORS) & set(REJECTIONS) and not set(REJECTIONS) & set(OUTCOME_STATUSES)


def test_every_code_has_a_meaning_and_a_fix() -> None:
    for code, (meaning, fix) in {**ERRORS, **REJECTIONS}.items():
        assert meaning.strip() and fix.strip(), code
    assert all(E_CODE.fullmatch(c) for c in ERRORS)
    assert all(re.fullmatch(r"[a-z]+(?:_[a-z]+)*", c) for c in REJECTIONS)
    assert len({meaning for meaning, _ in ERRORS.values()}) == len(ERRORS)  # one meaning, one code


def test_every_e_code_in_the_source_is_in_the_table() -> None:
    found: dict[str, list[str]] = {}
    for path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and E_CODE.fullmatch(node.value):
                found.setdefault(node.value, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    missing = {code: where for code, where in found.items() if code not in ERRORS}
    assert not missing, missing
    assert len(found) >= 20  # the scan sees the codes


def _rejection_codes(tree: ast.AST) -> list[tuple[str, int]]:
    """String constants in the places a rejection code is written: ``RejectedInput(code, …)``,
    ``rejection_reason(code, …)``, ``reject(code, …)``, ``rejected(raw, code, …)``, ``_error_line(id, code, …)``, ``Outcome(src, loc, "rejected", code, …)``,
    ``error=(code, detail)``, ``return None, (code, detail)``, ``{"code": code}`` and ``code = … if … else …``."""
    out: list[ast.expr] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else ""
            if name in ("RejectedInput", "rejection_reason", "reject") and node.args:
                out.append(node.args[0])
            elif name == "rejected" and len(node.args) > 1:  # runner.rejected(raw, code, ...)
                out.append(node.args[1])
            elif name == "_error_line" and len(node.args) > 1:
                out.append(node.args[1])
            elif name == "Outcome" and len(node.args) > 3 and isinstance(node.args[2], ast.Constant) \
                    and node.args[2].value == "rejected":
                out.append(node.args[3])
            for kw in node.keywords:
                if kw.arg == "error" and isinstance(kw.value, ast.Tuple):
                    out.append(kw.value.elts[0])
        elif isinstance(node, (ast.Return, ast.Yield)) and isinstance(node.value, ast.Tuple):
            out += [e.elts[0] for e in node.value.elts if isinstance(e, ast.Tuple) and len(e.elts) == 2]
        elif isinstance(node, ast.Dict):
            out += [v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant) and k.value == "code"]
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "code" for t in node.targets):
            out.append(node.value)
    consts = []
    while out:
        expr = out.pop()
        if isinstance(expr, ast.IfExp):  # the two values, not the test
            out += [expr.body, expr.orelse]
        elif isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            consts.append((expr.value, expr.lineno))
    return consts


def test_every_rejection_code_in_the_source_is_in_the_table() -> None:
    found: dict[str, list[str]] = {}
    for path, tree in _sources():
        if path.parent.name in ("web", "eval"):  # their "code" keys are E-codes (checked above)
            continue
        for value, line in _rejection_codes(tree):
            if not E_CODE.fullmatch(value):
                found.setdefault(value, []).append(f"{path.relative_to(ROOT)}:{line}")
    missing = {code: where for code, where in found.items() if code not in REJECTIONS}
    assert not missing, missing
    assert set(REJECTIONS) <= set(found), set(REJECTIONS) - set(found)  # and no code of the table is dead


def test_error_fills_in_the_tables_fix() -> None:
    e = error("E201", "no database at x.db")
    assert e.code == "E201" and e.fix == ERRORS["E201"][1] and "Fix:" in str(e)
    assert error("E201", "m", "a specific fix").fix == "a specific fix"


def test_readme_lists_every_code_as_the_tables_say() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, (meaning, fix) in ERRORS.items():
        assert f"| `{code}` | {meaning} | {fix} |" in readme, code
    for code, (meaning, fix) in REJECTIONS.items():
        assert f"| `{code}` | {meaning} | {fix} |" in readme, code
