"""quote_roles.v2: v1, and for a speaker whose own words give no side, the side the document gives the same speaker
elsewhere (who installed them, a public figure named in apposition, a local authority's place, a soldier's unit),
for both armies alike, on invented sentences; never a nationality word of the sentence that is not about the
speaker. v1 stays as it was (each case below is unknown with it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moralewatch import quote_roles as roles
from moralewatch.model import Document
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY


def _with(stage: str) -> Pipeline:
    stages = [s for s in DEFAULT if not s.startswith("quote_roles.")]
    stages.insert(stages.index("turns.v4") + 1, stage)
    return Pipeline(tuple(stages), None, REGISTRY)


V1, V2 = _with("quote_roles.v1"), _with("quote_roles.v2")


def sides(text: str, pipe: Pipeline = V2) -> list[tuple[str | None, str, str]]:
    doc = pipe.run(Document(text=text))
    return [(q.speaker, q.speaker_role, q.side) for q in doc.quotes]


CASES = [
    # who installed the speaker, after the mention or before the name
    ("Local authorities installed by Russia have also said they may formally request annexation.", "ru"),
    ("Local officials appointed by Kyiv have said the evacuation will continue.", "ua"),
    ("Appointed by President Volodymyr Zelensky as the head of the military administration in his district, "
     "Mr. Doe insists there is no question of his loyalty to Ukraine.", "ua"),
    # a public figure of the knowledge base named in apposition to the same description nearby
    ("Two people were killed in shelling overnight, the regional governor said. The attack hit a market, the "
     "governor for the area, Oleh Synehubov, wrote on Telegram.", "ua"),
    ("Three people were hurt overnight, the regional governor said. The drone hit a house, the governor for the "
     "area, Vyacheslav Gladkov, wrote on Telegram.", "ru"),
    # a local authority without a place of its own: the place its paragraph names
    ("Russian missiles destroyed a fuel depot in Dnipro on Saturday. According to the head of the regional "
     "administration, three people have been sent to the hospital.", "ua"),
    ("A drone hit an oil depot in Belgorod on Saturday. According to the head of the regional administration, two "
     "people were hurt.", "ru"),
    ("Five civilians were killed on Saturday in strikes on the separatist city of Donetsk, according to local "
     "authorities.", "ru"),
    # the police are local too; a paragraph without a place looks at the one before it
    ("Shelling hit the centre of Kramatorsk again on Sunday.\n\nMore than half the residents have left. According "
     "to one patrol officer on duty, Ivan Doe, this makes the work easier.", "ua"),
    ("The shelling of Belgorod went on all night.\n\n“We evacuated the school,” a police officer said.", "ru"),
    # a soldier's unit, as the article describes it
    ("“We will hold the line,” said a soldier from the 93rd Mechanized Brigade, a Ukrainian unit.", "ua"),
    ("“We were sent to die,” said a soldier from the 155th Marine Brigade, a Russian unit.", "ru"),
]


@pytest.mark.parametrize("text,side", CASES)
def test_v2_reads_the_side_the_document_gives_the_speaker(text: str, side: str) -> None:
    got = sides(text)
    assert got and got[0][2] == side, got
    assert sides(text, V1)[0][2] == "unknown"  # v1 unchanged: the speaker's own words say nothing


@pytest.mark.parametrize("text", [
    "A Ukrainian drone hit a depot overnight, the regional governor said.",  # a drone's side, not the governor's
    "“We have no shells,” said a soldier from the 58th Motorised Brigade.",  # the article says nothing of the unit
    "Officials in Kharkiv and in Warsaw met on Friday. “We need more generators,” the mayor said.",  # last: Warsaw
    # the mayor of a city elsewhere is no local authority of the Ukrainian city named before
    "Mayors of several capitals were duped by a deepfake of their counterpart in Kyiv, Vitali Klitschko. The mayor "
    "of Berlin, Franziska Doe, took part in a call on Friday with a person she said looked like Klitschko.",
])
def test_v2_takes_no_side_from_words_that_are_not_about_the_speaker(text: str) -> None:
    got = sides(text)
    assert got and all(s == "unknown" for _, _, s in got), got


def test_a_body_that_is_no_local_authority_takes_no_place() -> None:
    assert not roles._only_places("the UN security council")
    assert not roles._only_places("ESA’s leadership council")
    assert roles._only_places("the head of the regional administration")
    assert roles._only_places("the mayor of Kharkiv")


def test_an_apposed_name_needs_a_short_complement() -> None:
    """"The mayors of several capitals were duped … of their counterpart in Kyiv, Vitali Klitschko": the name is
    not the mayors' apposition."""
    text = "The mayors of several capitals were duped by a deepfake of their counterpart in Kyiv, Vitali Klitschko."
    assert roles._apposed_side(text, text.index("mayors") + len("mayors")) is None
    text = "the governor for the area, Pavlo Kyrylenko, wrote"
    assert roles._apposed_side(text, len("the governor")) == "ua"


def test_v2_changes_labels_only(shared: Path) -> None:
    """On the war dev articles, spans, speakers, roles and channels are v1's: v2 only fills in a side v1 left
    unknown (and does so somewhere)."""
    from moralewatch.eval.quotes import read_gold

    root = Path(__file__).resolve().parents[1]
    filled = 0
    for d in read_gold(str(root / "gold" / "quotes_war_dev.jsonl")):
        a, b = V1.run(Document(text=d.text)), V2.run(Document(text=d.text))
        assert [(q.start, q.end, q.speaker, q.speaker_role, q.channel) for q in a.quotes] == \
            [(q.start, q.end, q.speaker, q.speaker_role, q.channel) for q in b.quotes]
        assert all(x.side == y.side for x, y in zip(a.quotes, b.quotes, strict=True) if x.side != "unknown")
        filled += sum(x.side != y.side for x, y in zip(a.quotes, b.quotes, strict=True))
    assert filled > 0


def test_war_dev_and_seeds_with_v2_against_v1(shared: Path) -> None:
    """On the war dev set v2 gets more sides right than v1 and no fewer roles or channels; the seeds hold their
    floors (tests/floors/quotes.json, quote_roles_v1)."""
    from moralewatch.eval.quotes import evaluate

    root = Path(__file__).resolve().parents[1]
    floors = json.loads((root / "tests" / "floors" / "quotes.json").read_text(encoding="utf-8"))["quote_roles_v1"]
    gold = str(root / "gold" / "quotes_war_dev.jsonl")
    one, two = evaluate(gold, pipeline=V1)["all"], evaluate(gold, pipeline=V2)["all"]
    assert two["side_right"] > one["side_right"]
    assert all(two[k] >= one[k] for k in ("role_right", "channel_right", "found", "speaker_right"))
    seeds = evaluate(str(shared / "examples" / "gold"), pipeline=V2)["all"]
    for key, floor in floors["seeds"].items():
        assert seeds[key] >= floor, f"seeds {key} {seeds[key]} fell below {floor}"
