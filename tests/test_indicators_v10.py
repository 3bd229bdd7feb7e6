"""indicators.v10 (issue 12, session 10): soldiers' own voice. A first-person cue in a quote whose speaker's side is
known is about the speaker's side (not the nearest nationality word); the cue rules of data/indicators/voice_cues.txt
fire only in a soldier's, POW's or relative's own words. Every example is invented (no corpus sentence); each side
test has its mirror (codebook rule 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from moralewatch.api import analyze_text, extract_line
from moralewatch.eval import indicators as indicator_eval
from moralewatch.indicators import testimony
from moralewatch.indicators.lexicon import load
from moralewatch.model import Quote
from moralewatch.pipeline import Pipeline
from moralewatch.stages import default_pipeline


def _pipeline(stage: str) -> Pipeline:
    return Pipeline([n if not n.startswith("indicators.v") else stage for n in default_pipeline().names])


V8, V10 = _pipeline("indicators.v8"), _pipeline("indicators.v10")
ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "floors" / "indicators.json").read_text(encoding="utf-8"))["v10"]
LEAD = "The fighting near the river went on for a third week, with shelling on both banks. "


def found(text: str, pipeline: Pipeline) -> set[tuple[str, str]]:
    return {(i.indicator, i.subject_side) for i in analyze_text(LEAD + text, pipeline).indicators}


def indicators(text: str, pipeline: Pipeline) -> set[str]:
    return {i.indicator for i in analyze_text(LEAD + text, pipeline).indicators}


#: (text, indicator, side): the speaker's side, though the sentence names the other side's forces or country
SIDE_FROM_THE_VOICE = [
    ('"We are cannon fodder, they throw us at the Ukrainian positions," a Russian soldier said in an intercepted '
     "call.", "expendable", "ru"),
    ('"We are cannon fodder, they throw us at the Russian positions," a Ukrainian soldier said in an interview.',
     "expendable", "ua"),
    ('"Nobody in our company wants to fight the Ukrainians any more," said a Russian soldier taken prisoner.',
     "morale_low", "ru"),
    ('"Nobody in our company wants to fight the Russians any more," said a Ukrainian soldier in the hospital.',
     "morale_low", "ua"),
    ('"Our morale is broken, the Ukrainians know it," a captured Russian paratrooper said.', "morale_low", "ru"),
    ('"Our morale is broken, the Russians know it," a captured Ukrainian paratrooper said.', "morale_low", "ua"),
    ('"They lied to us, they said the Ukrainian army had already run away," said a captured Russian conscript.',
     "deceived", "ru"),
    ('"They lied to us, they said the Russian army had already run away," said a captured Ukrainian conscript.',
     "deceived", "ua"),
]

#: reported speech of a soldier: "his unit", "their commanders" are the speaker's own side's
REPORTED = [
    ("A captured Russian soldier said his platoon was demoralized after the Ukrainian assault.", "morale_low", "ru"),
    ("A captured Ukrainian soldier said his platoon was demoralized after the Russian assault.", "morale_low", "ua"),
    ("A Russian conscript said that their commanders had abandoned them near the Ukrainian trenches.",
     "betrayed_by_command", "ru"),
    ("A Ukrainian conscript said that their commanders had abandoned them near the Russian trenches.",
     "betrayed_by_command", "ua"),
]


@pytest.mark.parametrize(("text", "indicator", "side"), REPORTED)
def test_v10_side_of_a_soldiers_reported_words(text: str, indicator: str, side: str) -> None:
    assert (indicator, side) in found(text, V10)


@pytest.mark.parametrize(("text", "indicator", "side"), SIDE_FROM_THE_VOICE)
def test_v10_side_of_a_first_person_cue_is_the_speakers(text: str, indicator: str, side: str) -> None:
    assert found(text, V10) == {(indicator, side)}


#: v8 as the default runs it, and with quote_roles.v1 (issue 13; registered, not the default) before it
V8_ALONE = Pipeline([n for n in V8.names if n != "quote_roles.v1"])
V8_ROLES = Pipeline([m for n in V8_ALONE.names for m in ((n, "quote_roles.v1") if n == "turns.v4" else (n,))])


@pytest.mark.parametrize(("text", "indicator", "side"), SIDE_FROM_THE_VOICE[:6])
def test_v8_took_the_nearest_nationality_word(text: str, indicator: str, side: str) -> None:
    """v8 keeps its output (the v10 side is a new stage, not a change of v8's): on the quotes as the quote stage
    labels them it takes the nearest nationality word."""
    assert found(text, V8_ALONE) == {(indicator, "ua" if side == "ru" else "ru")}


@pytest.mark.parametrize(("text", "indicator", "side"), SIDE_FROM_THE_VOICE[4:6])
def test_v8_reads_the_speakers_own_side_from_quote_roles(text: str, indicator: str, side: str) -> None:
    """With quote_roles.v1 upstream, the quote's side is the speaker's own ("a captured Russian paratrooper": a
    POW of his army, where the quote stage read the other army's name), and v8 takes it for these two; on the
    other four v8 still takes the nearest nationality word."""
    assert found(text, V8_ROLES) == {(indicator, side)}


def test_they_is_the_side_named_before_it() -> None:
    text = '"The Russians are demoralized, we see them surrender every day," said a Ukrainian marine.'
    assert ("surrender_desertion", "ru") in found(text, V10)
    mirror = '"The Ukrainians are demoralized, we see them surrender every day," said a Russian marine.'
    assert ("surrender_desertion", "ua") in found(mirror, V10)


#: (text, indicator, side): the voice rules, in a soldier's, POW's or relative's words; v8 misses each
RECALL = [
    ('"The guys have nothing left, the spirit is gone," said a Ukrainian drone operator near the river.',
     "morale_low", "ua"),
    ('"The guys have nothing left, the spirit is gone," said a Russian drone operator near the river.',
     "morale_low", "ru"),
    ('"Headquarters never answers us, they forgot about us completely," said a Russian contract soldier.',
     "betrayed_by_command", "ru"),
    ('"Headquarters never answers us, they forgot about us completely," said a Ukrainian contract soldier.',
     "betrayed_by_command", "ua"),
    ('"I was shaking all night, I thought every drone was coming for me," said a Russian paratrooper who was '
     "taken prisoner.", "fear", "ru"),
    ('"Whoever pulls back without an order will be shot, the captain told us," a Russian prisoner of war said.',
     "coerced", "ru"),
    ('"They promised us rotation after three months, and now nobody even mentions it," a Ukrainian infantryman '
     "said.", "deceived", "ua"),
    ('"Nobody raised a hand when they asked who would go on the assault," a Russian soldier said.',
     "unwilling", "ru"),
    ('"My husband came back a different man, he drinks to sleep," said the wife of a Ukrainian marine.',
     "trauma", "ua"),
    ('"No tourniquets, no batteries, no night sights, we get nothing," said a Russian rifleman.',
     "supply_shortage", "ru"),
]


@pytest.mark.parametrize(("text", "indicator", "side"), RECALL)
def test_v10_voice_rules_find_soldiers_words(text: str, indicator: str, side: str) -> None:
    assert (indicator, side) in found(text, V10)
    assert indicator not in indicators(text, V8)


#: (text, indicator): the same words from a politician, a reporter, a civilian or in the writer's own words are
#: not a soldier's: the voice rules do not fire
NOT_A_SOLDIER = [
    ('"The spirit of the occupiers is gone," the minister of defence said at a briefing.', "morale_low"),
    ("The spirit is gone from the old market, where traders sell only a few vegetables now.", "morale_low"),
    ('"No water, no electricity, no heating," said Olena, a pensioner in the city.', "supply_shortage"),
    ('"I was shaking all night when the missiles hit our street," said a Kharkiv resident.', "fear"),
    ('"They forgot about us completely, nobody from the city council answers," said a teacher from the village.',
     "betrayed_by_command"),
    ("Critics say the government forgot about them completely after the floods.", "betrayed_by_command"),
]


@pytest.mark.parametrize(("text", "indicator"), NOT_A_SOLDIER)
def test_v10_voice_rules_keep_out_of_other_voices(text: str, indicator: str) -> None:
    assert indicator not in indicators(text, V10)


def test_voice_rules_are_v10s_only() -> None:
    rules = [r for r in load().rules if r.voice]
    assert rules and all(r.since >= 10 for r in rules)
    assert {r.indicator for r in rules} >= {"morale_low", "betrayed_by_command", "supply_shortage", "deceived",
                                            "unwilling", "expendable", "fear", "coerced", "trauma"}


def _quote(text: str, speaker: str, role: str = "unknown", side: str = "unknown") -> Quote:
    start = text.index(speaker)
    return Quote(0, start, text[:start], speaker=speaker.split()[0] + " " + speaker.split()[1],
                 speaker_start=start, speaker_end=start + len(speaker.split()[0] + " " + speaker.split()[1]),
                 speaker_role=role, side=side)


def test_the_speakers_description_past_the_quote_stage_span() -> None:
    """The quote stage may keep "a Russian" of "a Russian contract soldier": the rest of the phrase tells the
    role and the side; a relative and a civilian are told apart the same way."""
    text = '"We have nothing," said a Russian contract soldier in a video.'
    q = _quote(text, "a Russian contract soldier", role="official", side="ru")
    assert testimony.speaker_voice(q, text) == "soldier"
    assert testimony.speaker_voice(q) == ""  # without the text only the stage's span counts
    text = '"He cries at night," said the wife of a Ukrainian marine.'
    q = _quote(text, "the wife of a Ukrainian marine", role="soldier", side="unknown")
    assert testimony.speaker_voice(q, text) == "relative"
    assert testimony.speaker_side(q, load().sides, text) == "ua"
    text = '"I was scared," said a Kharkiv resident.'
    assert testimony.civilian_speaker(_quote(text, "a Kharkiv resident", role="official"), text)


def test_unknown_speaker_side_is_never_guessed() -> None:
    text = '"We are cannon fodder, they throw us at the Ukrainian trenches," said a soldier.'
    q = Quote(1, text.index('"', 1), "", speaker="a soldier", speaker_role="soldier", side="unknown")
    span = (text.index("cannon"), text.index("cannon") + len("cannon fodder"))
    assert testimony.voice_side(text, q, "expendable", span, (1, q.end), load().sides) is None


def test_a_kill_claim_is_not_the_speakers_loss() -> None:
    text = '"We killed forty of them in one night," said a Ukrainian sergeant.'
    q = Quote(1, text.index('"', 1), "", speaker="a Ukrainian sergeant", speaker_role="soldier", side="ua")
    span = (text.index("killed"), text.index(" in one"))
    assert testimony.voice_side(text, q, "heavy_losses", span, (1, q.end), load().sides) is None


@pytest.mark.parametrize(("sentence", "who"), [
    ("We are exhausted, nobody relieves us", "first"),
    ("The Russians are demoralized, we see them surrender every day", "ru"),
    ("The Ukrainians are demoralized, we see them surrender every day", "ua"),
    ("They are exhausted", ""),
])
def test_subject_of_the_cue(sentence: str, who: str) -> None:
    cue = next(w for w in ("exhausted", "surrender") if w in sentence)
    start = sentence.index(cue)
    assert testimony.subject_of(sentence, "morale_low", (start, start + len(cue)), (0, len(sentence)),
                                load().sides) == who


def test_v10_finishes_on_a_long_soldiers_quote() -> None:
    """A quote of many clauses with a cue in each is judged clause by clause (bounded windows)."""
    body = " ".join(["no tourniquets, no batteries, we get nothing, the spirit is gone;"] * 200)
    out = analyze_text(LEAD + f'"{body}" said a Russian rifleman.', V10).indicators
    assert {i.indicator for i in out} >= {"supply_shortage", "morale_low"}


def test_the_writers_we_of_a_unit_counts_outside_an_address() -> None:
    """A diary or a milblogger's post in the writer's own words ("our platoon") is a soldier's voice; a briefing's
    "we" (a government) is not."""
    diary = ("Day 212 at the front. Our platoon is still in the same trench near the river, with the brigade's "
             "guns behind us. Yesterday the company commander switched off his radio when we asked to pull back.")
    assert "betrayed_by_command" in indicators(diary, V10)
    assert "betrayed_by_command" not in indicators(diary, V8)
    briefing = ("We will keep sending the ammunition and the artillery shells Ukraine needs, without rotation of "
                "our commitments. Our troops in Europe stand ready.")
    assert "supply_shortage" not in indicators(briefing, V10)


def _predict_v10(docs: list[indicator_eval.GoldDoc], mode: str | None = None) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for d in docs:
        res = extract_line(json.dumps({"id": d.id, "text": d.text}), 0, V10)
        assert res["error"] is None
        out[d.id] = res["indicators"]
    return out


@pytest.mark.parametrize("gold", ["seed_gold", "dev_v11"])
def test_v10_floors(shared: Path, gold: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """v10 on the seed gold (every seed indicator still found) and on dev v1.1 (the tuning set): not below v8's
    floors, pinned at what v10 measured."""
    monkeypatch.setattr(indicator_eval, "predict", _predict_v10)
    path = shared / "examples" / "gold" if gold == "seed_gold" else ROOT / "gold" / "v11" / "indicators_dev.jsonl"
    scores = indicator_eval.evaluate(path)
    assert scores["sha1_mismatches"] == 0
    for key, floor in FLOORS[gold]["min"].items():
        assert scores[key] >= floor, f"v10 {gold} {key} {scores[key]} fell below its floor {floor}"
    for key, ceiling in FLOORS[gold].get("max", {}).items():
        assert scores[key] <= ceiling, f"v10 {gold} {key} {scores[key]} rose above its ceiling {ceiling}"


@pytest.mark.parametrize(("army", "enemy", "side"), [("Russian", "Ukrainian", "ru"), ("Ukrainian", "Russian", "ua")])
def test_v10_in_a_transcripts_turns(army: str, enemy: str, side: str) -> None:
    """An intercepted call as a transcript: the soldier's turns are his own words, of his own side."""
    text = (f"Transcript of an intercepted call between a {army} soldier and his mother.\n\n"
            f"SOLDIER: Mom, the {enemy} artillery hits us every hour and the guys have nothing left.\n"
            "MOTHER: My God, son, are you all right?\n"
            "SOLDIER: I can't come home, they said anyone who leaves the position will be shot.\n")
    got = {(i.indicator, i.subject_side) for i in analyze_text(text, V10).indicators}
    assert ("coerced", side) in got
    assert "coerced" not in {i.indicator for i in analyze_text(text, V8).indicators}


@pytest.mark.parametrize(("text", "indicator"), [
    ('"We froze the arms sales near the front for a month," said a Ukrainian soldier.', "fear"),
    ('"My mother is scared for me, she calls every day," said a Russian soldier.', "fear"),
    ('"Our disposable income went to the drones," said a Ukrainian soldier.', "expendable"),
])
def test_v10_voice_rules_keep_out_of_other_senses(text: str, indicator: str) -> None:
    """A soldier's words in another sense: a freeze of sales, a mother's worry, money."""
    assert indicator not in indicators(text, V10)


@pytest.mark.parametrize(("key", "gold"), [("indicators_v11", "gold/v11/heldout/indicators_heldout.jsonl"),
                                           ("indicators_heldout2", "gold/heldout2/indicators_heldout2.jsonl")])
def test_v10_heldout_floors(shared: Path, key: str, gold: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """v10 on the held-out sets (measured once, never tuned on), pinned in tests/floors/heldout.json."""
    floors = json.loads((ROOT / "tests" / "floors" / "heldout.json").read_text(encoding="utf-8"))["v10"][key]
    monkeypatch.setattr(indicator_eval, "predict", _predict_v10)
    scores = indicator_eval.evaluate(ROOT / gold)
    assert scores["sha1_mismatches"] == 0
    for metric, floor in floors.items():
        assert scores[metric] >= floor, f"v10 {key} {metric} {scores[metric]} fell below its floor {floor}"
