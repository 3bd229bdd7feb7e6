"""``indicators.v5`` (issue 19): inside a transcript's turn the evidence of an indicator is the cue's sentence, as in
an article, and the turn's speaker stays the claimant; ``indicators.v4`` keeps the whole turn. Invented texts."""

from __future__ import annotations

from moralewatch.clean import to_document
from moralewatch.ingest import RawInput
from moralewatch.model import Document
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY

INTERVIEW = ("Interview with a captured Russian soldier, published by the SBU\n"
             "Journalist: How long were you at the front?\n"
             "Soldier: Three months. We were sent forward without food. Our morale was very low. "
             "Many of us wanted to go home.\n"
             "Journalist: What happened to your unit?\n"
             "Soldier: We suffered heavy losses near the village. The commanders did not care.\n")
ARTICLE = ("Soldiers tired after months at the front\n\nKYIV (Reuters) - Russian soldiers captured near Bakhmut said "
           "their morale was very low. They said their unit suffered heavy losses. \"We had no food,\" one said.\n")


def _run(version: str, raw: RawInput) -> Document:
    pipe = Pipeline(tuple(version if n.startswith("indicators.v") else n for n in DEFAULT), None, REGISTRY)
    return pipe.run(to_document(raw))


def test_inside_a_turn_the_evidence_is_the_sentence_and_the_speaker_the_claimant() -> None:
    doc = _run("indicators.v5", RawInput("pow.txt", format="transcript", text=INTERVIEW))
    got = {(i.indicator, i.text) for i in doc.indicators}
    assert {("morale_low", "Our morale was very low."),
            ("heavy_losses", "We suffered heavy losses near the village.")} <= got
    turn_of = {i: q for i, q in enumerate(doc.quotes)}
    for ind in doc.indicators:
        assert ind.text == doc.text[ind.start:ind.end]
        assert "Soldier:" not in ind.text  # the label is no part of the evidence
        q = turn_of[ind.quote_index]  # type: ignore[index]
        assert (q.rule or "").startswith("turn") and q.start <= ind.start and ind.end <= q.end
        assert (ind.claimant, ind.claimant_side, ind.subject_side) == ("Soldier", "ru", "ru")


def test_v4_still_takes_the_whole_turn() -> None:
    doc = _run("indicators.v4", RawInput("pow.txt", format="transcript", text=INTERVIEW))
    morale = [i for i in doc.indicators if i.indicator == "morale_low"]
    assert [i.text for i in morale] == [
        "Three months. We were sent forward without food. Our morale was very low. Many of us wanted to go home."]


def test_an_article_is_read_as_v4_reads_it() -> None:
    raw = RawInput("a.txt", format="txt", text=ARTICLE)
    v4, v5 = _run("indicators.v4", raw).indicators, _run("indicators.v5", raw).indicators
    assert v4 and v5 == v4


def test_v5_is_the_learned_models_rules_and_v6_the_default() -> None:
    from moralewatch.indicators.detector import detect

    assert "indicators.v8" in DEFAULT and not {f"indicators.v{n}" for n in range(4, 8)} & set(DEFAULT)
    doc = _run("indicators.v5", RawInput("pow.txt", format="transcript", text=INTERVIEW))
    assert ("morale_low", "Our morale was very low.") in {(i.indicator, i.text) for i in detect(doc, "rules")}
