"""Word lists out of regexes (issue 15, item 3): the vocabulary of the stages' patterns lives in data files
(``data/{quotes,indicators,entities}/words/patterns.txt``) and is put into the patterns' templates at load."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from moralewatch import wordlists
from moralewatch.errors import PipelineError

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "moralewatch"
FILES = {"quotes/words/patterns.txt": sorted((PKG / "quotes").glob("*.py")),
         "indicators/words/patterns.txt": [PKG / "indicators" / "tagger.py"],
         "entities/words/patterns.txt": [PKG / "entities" / "names.py"]}
_SLOT = re.compile(r"@([\w.]+)@")
#: a group of five or more plain words or phrases: a word list still spelled out in a pattern
_SPELLED_OUT = re.compile(r"\(\?:(?:[A-Za-z][A-Za-z’' -]*\|){4,}[A-Za-z][A-Za-z’' -]*\)")


@pytest.mark.parametrize("path", sorted(FILES))
def test_every_list_is_used_and_every_slot_has_its_list(path: str) -> None:
    lists = wordlists.word_lists(path)
    used = {name for src in FILES[path] for name in _SLOT.findall(src.read_text(encoding="utf-8"))}
    assert used == set(lists), (sorted(used - set(lists)), sorted(set(lists) - used))
    assert all(len(alts) >= 5 for alts in lists.values())
    # one alternative a line: no "|" outside a group of its own ("spokes(?:man|woman|person)")
    assert all(alt == alt.strip() and "|" not in re.sub(r"\([^()]*\)", "", alt) for alts in lists.values() for alt in alts)


def test_no_word_list_is_left_spelled_out_in_a_stage_pattern() -> None:
    from moralewatch.entities import names
    from moralewatch.indicators import tagger
    from moralewatch.quotes import clauses, cues, finder, reader, resolver, speaker_phrases, speakers

    lists = sorted(("|".join(alts) for path in FILES for alts in wordlists.word_lists(path).values()),
                   key=len, reverse=True)
    left = []
    for mod in (names, tagger, clauses, cues, finder, reader, resolver, speaker_phrases, speakers):
        for name, value in vars(mod).items():
            if isinstance(value, re.Pattern):
                source = value.pattern
                for joined in lists:  # what the data files put there
                    source = source.replace(joined, "@list@")
                left += [f"{mod.__name__}.{name}: {m.group()[:60]}" for m in _SPELLED_OUT.finditer(source)]
    assert not left, left


def test_fill_puts_a_list_in_its_slot_in_order() -> None:
    days = wordlists.word_lists("quotes/words/patterns.txt")["speaker_phrases.days"]
    assert days[:2] == ("Monday", "Tuesday") and len(days) == 7
    assert wordlists.fill("quotes/words/patterns.txt", r"\b(?:@speaker_phrases.days@)\b") == \
        r"\b(?:" + "|".join(days) + r")\b"


def test_a_missing_list_is_a_coded_error() -> None:
    with pytest.raises(PipelineError) as err:
        wordlists.fill("quotes/words/patterns.txt", "(?:@no.such.list@)")
    assert err.value.code == "E108" and "no.such.list" in err.value.message


def test_a_word_before_any_list_is_a_coded_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wordlists, "lines", lambda path: ("stray", "[name]", "a"))
    wordlists.word_lists.cache_clear()
    try:
        with pytest.raises(PipelineError) as err:
            wordlists.word_lists("broken.txt")
        assert err.value.code == "E108"
    finally:
        wordlists.word_lists.cache_clear()
