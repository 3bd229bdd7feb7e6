"""Start-up work that ships precomputed or happens lazily (issue 6: ``--workers 2`` loses to serial start-up).

Each device here must never change a result: the generated covers file must match what the code derives from the cue
files, a lazily compiled cue rule must be the regex the eager build compiled, and the lazily built gazetteer must
answer every lookup exactly as the eager build did."""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from moralewatch import lexicons
from moralewatch.entities import gazetteer as gz
from moralewatch.indicators import prefilter as pfmod
from moralewatch.indicators.lexicon import CUE_FLAGS, compile_cue, load, parse_rules, top_level_branches
from moralewatch.model import INDICATORS

ROOT = Path(__file__).resolve().parents[1]


def _build_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_cue_covers", ROOT / "scripts" / "build_cue_covers.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# -- the generated covers file ---------------------------------------------------------------------------------------


def test_covers_file_is_up_to_date_with_the_cue_files() -> None:
    """Fails after a cue, macro or cover-derivation change until ``scripts/build_cue_covers.py`` is run."""
    shipped = (ROOT / "src" / "moralewatch" / "data" / pfmod.COVERS_FILE).read_text(encoding="utf-8")
    assert shipped == _build_script().render(), "run: .venv/bin/python scripts/build_cue_covers.py"


def test_every_rule_has_its_shipped_cover_and_it_is_the_derived_one() -> None:
    shipped = pfmod.shipped_covers()
    rules = load().rules
    assert len(shipped) == len({pfmod.rule_key(r) for r in rules})
    for rule in rules:
        key = pfmod.rule_key(rule)
        assert key in shipped, rule.name
        assert shipped[key] == pfmod.cover(rule.source, CUE_FLAGS), rule.name


def test_prefilter_from_the_file_equals_one_derived_at_start_up() -> None:
    rules = load().rules
    shipped, derived = pfmod.Prefilter(rules, pfmod.shipped_covers()), pfmod.Prefilter(rules)
    assert shipped.always == derived.always
    assert sorted(shipped.automaton.items()) == sorted(derived.automaton.items())


def test_a_rule_missing_from_the_file_gets_its_cover_derived() -> None:
    """A cue edited without regenerating the file costs start-up time, never results."""
    rules = load().rules
    stale = dict(pfmod.shipped_covers())
    del stale[pfmod.rule_key(rules[0])]
    stale["0" * 20] = frozenset({"nothing"})  # a rule that no longer exists: ignored
    pf = pfmod.Prefilter(rules, stale)
    text = "Morale is low among the troops, who suffered heavy losses and ran out of ammunition."
    assert pf.candidates(text) == pfmod.Prefilter(rules).candidates(text)
    assert not any(w == "nothing" for w, _ in pf.automaton.items())


def test_the_file_names_each_rule_and_keys_are_unique() -> None:
    doc = json.loads((ROOT / "src" / "moralewatch" / "data" / pfmod.COVERS_FILE).read_text(encoding="utf-8"))
    names = {r.name for r in load().rules}
    keys = [e["key"] for e in doc["rules"]]
    assert len(keys) == len(set(keys))
    assert {e["rule"] for e in doc["rules"]} == names


# -- lazily compiled cue rules ---------------------------------------------------------------------------------------


def test_lazily_compiled_rules_are_the_eagerly_compiled_regexes() -> None:
    for indicator in INDICATORS:
        for line in lexicons.lines(f"indicators/cues/{indicator}.txt"):
            rules = parse_rules(indicator, line)
            branches = top_level_branches(line.split(" :: ")[1])
            assert len(rules) == len(branches)
            for rule, branch in zip(rules, branches):
                assert "pattern" not in rule.__dict__  # nothing compiled before first use
                eager = compile_cue(branch)
                assert rule.pattern == eager
                assert rule.pattern is rule.pattern  # compiled once
                assert rule.pattern.flags == eager.flags == re.compile("", re.I).flags


# -- the lazily built gazetteer --------------------------------------------------------------------------------------


def _eager_tables() -> tuple[dict[str, tuple[gz.Candidate, ...]], dict[str, tuple[gz.Candidate, ...]], int]:
    """The gazetteer as it was built before the lazy table: every row parsed, every alias sorted up front."""
    exact: dict[str, list[gz.Candidate]] = {}
    folded: dict[str, list[gz.Candidate]] = {}
    longest = 1
    for line in lexicons.read_text("gazetteer/places.tsv").splitlines():
        if not line or line.startswith("#") or line.startswith("geonameid\t"):
            continue
        place, aliases = gz._parse_row(line)
        for raw in aliases:
            alias, _, flag = raw.partition("~")
            cand = gz.Candidate(place, alias == place.name or flag == "k", flag == "c")
            table, key = (exact, alias) if gz._is_acronym(alias) else (folded, alias.lower())
            table.setdefault(key, []).append(cand)
            longest = max(longest, alias.count(" ") + 1)
    return ({k: tuple(sorted(v, key=gz._score, reverse=True)) for k, v in exact.items()},
            {k: tuple(sorted(v, key=gz._score, reverse=True)) for k, v in folded.items()}, min(longest, 5))


def test_lazy_gazetteer_answers_every_alias_as_the_eager_build() -> None:
    exact, folded, max_tokens = _eager_tables()
    gaz = gz.Gazetteer(*gz._index())  # a fresh one: nothing looked up yet
    assert gaz.max_tokens == max_tokens
    assert set(gaz.exact) == set(exact) and set(gaz.folded) == set(folded)
    assert len(gaz.exact) == len(exact) and len(gaz.folded) == len(folded)
    for key, cands in exact.items():
        assert gaz.exact.get(key) == cands and gaz.exact[key] == cands, key
    for key, cands in folded.items():
        assert gaz.folded.get(key) == cands, key
    assert gaz.folded.get("no such place") is None and gaz.folded.get("no such place", ()) == ()
    assert "kyiv" in gaz.folded and "no such place" not in gaz.folded


def test_lazy_gazetteer_shares_one_place_per_row() -> None:
    gaz = gz.Gazetteer(*gz._index())
    kyiv, kiev = gaz.lookup("Kyiv")[0].place, gaz.lookup("Kiev")[0].place
    assert kyiv is kiev  # one Place object per row, whichever alias reached it first
    assert gaz.lookup("kyiv") is gaz.lookup("KYIV")  # built once per alias, then kept


# -- no private CPython API (issue 15, item 6) ----------------------------------------------------------------------


def test_no_module_uses_the_private_regex_engine() -> None:
    """``_sre`` and ``re._compiler`` (compiled regex code) are CPython internals: a release must not depend on them.
    (``indicators/prefilter.py`` still reads regex syntax trees with ``re._parser`` to derive literal covers.)"""
    found = []
    for path in sorted((ROOT / "src" / "moralewatch").rglob("*.py")) + sorted((ROOT / "scripts").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [f"{node.module}.{a.name}" for a in node.names] if isinstance(node, ast.ImportFrom) else []
            found += [f"{path.relative_to(ROOT)}: {n}" for n in names if "_sre" in n or n.startswith("re._compiler")]
    assert not found, found
    assert not (ROOT / "src" / "moralewatch" / "data" / "regex_code.bin").exists()


def test_compile_regex_is_re_compile() -> None:
    rx = lexicons.compile_regex(r"(?P<w>not\s+in)\s+the\s+file", re.I)
    assert rx == re.compile(r"(?P<w>not\s+in)\s+the\s+file", re.I)
    assert rx.search("It is NOT IN the file").group("w") == "NOT IN"


def test_a_pattern_is_compiled_on_first_use_only() -> None:
    rx = lexicons.compile_regex(r"never\s+used\s+(\w+)", re.I)
    assert "_rx" not in vars(rx)  # nothing compiled yet
    assert rx.pattern == r"never\s+used\s+(\w+)" and rx.flags == re.compile("", re.I).flags
    m = rx.search("it was NEVER USED here")
    assert m is not None and m.group(1) == "here"
    assert vars(rx)["search"].__self__ is vars(rx)["_rx"]  # later calls go straight to the compiled pattern
    assert rx == re.compile(r"never\s+used\s+(\w+)", re.I) and hash(rx) == hash(re.compile(rx.pattern, re.I))
    assert rx.sub("-", "never used x") == "-" and rx.groups == 1


def test_named_groups_survive() -> None:
    from moralewatch.entities import dates

    assert dates._COUNT.groupindex == {"n": 1, "unit": 2}
    m = dates._COUNT.search("three weeks after the invasion")
    assert m is not None and m.group("n", "unit") == ("three", "week")


# -- the cue-line splitter (a token scan instead of a character loop) ------------------------------------------------


def _branches_by_characters(rx: str) -> list[str]:
    """The character-by-character splitter that :func:`top_level_branches` replaced: the reference."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(rx):
        c = rx[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if rx[i + 1:i + 2] == "]":
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(rx[start:i])
            start = i + 1
        i += 1
    out.append(rx[start:])
    return [b for b in out if b]


def test_top_level_branches_split_every_cue_line_as_the_character_scan_did() -> None:
    n = 0
    for indicator in INDICATORS:
        for line in lexicons.lines(f"indicators/cues/{indicator}.txt"):
            for part in line.split(" :: ")[1:]:
                assert top_level_branches(part) == _branches_by_characters(part), part[:80]
                n += 1
    assert n > 100


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab|()[]\\^-", max_size=30))
def test_top_level_branches_agree_with_the_character_scan_on_any_string(rx: str) -> None:
    assert top_level_branches(rx) == _branches_by_characters(rx)


# -- the parent's collector around the warm-up and the fork ----------------------------------------------------------


def _two_worker_run() -> str:
    import io

    from moralewatch import api

    lines = [json.dumps({"id": i, "text": "Morale is low among Russian troops near Kharkiv, officials said."}).encode()
             for i in range(3)]
    buf = io.StringIO()
    assert api.extract_stream(lines, buf, workers=2) == 3
    return buf.getvalue()


def test_extract_with_workers_leaves_the_collector_as_it_found_it() -> None:
    import gc

    assert gc.isenabled()
    out = _two_worker_run()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert [json.loads(x)["id"] for x in out.splitlines()] == [0, 1, 2]
    gc.disable()
    try:
        assert _two_worker_run() == out
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()


def test_pool_workers_collect_garbage_when_the_caller_did() -> None:
    import gc

    from moralewatch import api

    gc.disable()
    try:
        api._pool_worker_init(True)
        assert gc.isenabled()
        gc.disable()
        api._pool_worker_init(False)
        assert not gc.isenabled()
    finally:
        gc.enable()


# -- the generated gazetteer index -----------------------------------------------------------------------------------


def test_gazetteer_index_file_is_up_to_date_with_places_tsv() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_gazetteer_index.py"), "--check"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr + proc.stdout


def test_gazetteer_index_is_the_shipped_one_and_equals_one_built_from_places_tsv() -> None:
    text = lexicons.read_text(gz.PLACES_FILE)
    import hashlib

    assert gz._shipped_index(hashlib.sha256(text.encode("utf-8")).hexdigest()) is not None  # start-up uses it
    shipped, built = gz._index(), gz._index(shipped=False)
    assert shipped[2] == built[2]
    for a, b in ((shipped[0], built[0]), (shipped[1], built[1])):
        assert a._entries == b._entries
    eager_exact, eager_folded, _ = _eager_tables()
    built_gaz = gz.Gazetteer(*built)
    assert all(built_gaz.folded.get(k) == v for k, v in eager_folded.items())
    assert all(built_gaz.exact.get(k) == v for k, v in eager_exact.items())


def test_an_index_for_another_places_tsv_is_not_used() -> None:
    assert gz._shipped_index("0" * 64) is None


#: the modules of the pipeline (what ``extract`` runs); the store, the web app and the scorers are not on its path
_PIPELINE_CODE = ("clean", "entities", "indicators", "ingest", "quotes", "segment.py", "stages.py", "pipeline.py",
                  "api.py", "model.py")
_RE_CALLS = {"compile", "match", "search", "fullmatch", "sub", "subn", "finditer", "findall", "split"}


def test_pipeline_regexes_are_module_constants_made_by_compile_regex() -> None:
    """An inline ``re.search(r"…", s)``
    compiles on first use and looks up ``re``'s cache on every call: in the pipeline, patterns are module constants
    (or cached builders) made by ``compile_regex``."""
    pkg = ROOT / "src" / "moralewatch"
    files = [p for name in _PIPELINE_CODE for p in ([pkg / name] if name.endswith(".py")
                                                    else sorted((pkg / name).rglob("*.py")))]
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _RE_CALLS \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} re.{node.func.attr}")
    assert len(files) > 20 and not found, found
