"""``moralewatch eval turns`` (issue 19): an invented transcript in a corpus of its own, scored against its gold."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from moralewatch.cli import main
from moralewatch.eval import turns as T
from moralewatch.model import Outcome

TEXT = ("Briefing Room\n10:02 A.M. EDT\n"
        "MS. PSAKI: Good morning, everyone. I have two items for you today.\n"
        "Q: Has the President spoken to President Zelenskyy this week?\n"
        "MS. PSAKI: He has, yesterday, for about an hour.\n"
        "Q: And what did they discuss?\n"
        "MS. PSAKI: Security assistance, mostly.\n"
        "END 10:40 A.M. EDT\n")


def _turn(text: str, label: str, speech: str, after: int, speaker: str | None, role: str) -> dict[str, object]:
    ls = text.index(label + ":", after)
    s = text.index(speech, ls)
    return {"label_start": ls, "label_end": ls + len(label), "start": s, "end": s + len(speech),
            "sha1": hashlib.sha1(speech.encode()).hexdigest()[:12], "speaker": speaker, "role": role, "side": "west"}


@pytest.fixture
def gold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    corpora = tmp_path / "shared" / "data" / "corpora"
    corpora.mkdir(parents=True)
    (corpora / "briefings.jsonl").write_text(json.dumps({"id": "b1", "text": TEXT}) + "\n")
    monkeypatch.setenv("MORALEWATCH_SHARED", str(tmp_path / "shared"))
    turns, at = [], 0
    for label, speech, speaker, role in (
            ("MS. PSAKI", "Good morning, everyone. I have two items for you today.", "Jen Psaki", "official"),
            ("Q", "Has the President spoken to President Zelenskyy this week?", None, "journalist"),
            ("MS. PSAKI", "He has, yesterday, for about an hour.", "Jen Psaki", "official"),
            ("Q", "And what did they discuss?", None, "journalist"),
            ("MS. PSAKI", "Security assistance, mostly.", "Jen Psaki", "official")):
        t = _turn(TEXT, label, speech, at, speaker, role)
        at = int(t["end"])  # type: ignore[call-overload]
        turns.append(t)
    path = tmp_path / "turns.jsonl"
    path.write_text(json.dumps({"id": "b1", "corpus": "briefings", "kind": "briefing",
                                "labelled_chars": len(TEXT), "turns": turns}) + "\n")
    return path


def test_every_turn_of_a_declared_transcript_is_found_with_its_speaker(gold: Path) -> None:
    r = T.evaluate(str(gold))
    assert r["documents"] == 1 and r["gold_turns"] == 5
    assert r["found"] == 1.0 and r["precision"] == 1.0 and r["speaker_right"] == 1.0
    assert r["detected_undeclared"] == 1  # labels that come back: recognised without --format transcript


def test_a_turn_cut_short_is_not_found_and_a_wrong_role_is_counted(gold: Path) -> None:
    docs = T.read_gold(str(gold))
    preds, _ = T.predict(docs[0])
    preds[0].end = preds[0].start + (preds[0].end - preds[0].start) // 2  # half a turn
    for p in preds[1:]:
        p.extra["role"] = "official"
    r = T.score(docs, {"b1": preds}, {"b1": True})
    assert r["found"] == 0.8 and r["precision"] == 0.8
    assert r["role_right"] == 0.5  # of the 4 turns found, the two Q turns are journalists, not officials


def test_a_label_outside_the_labelled_region_is_not_scored(gold: Path) -> None:
    row = json.loads(gold.read_text())
    row["labelled_chars"] = TEXT.index("Q: And what")
    row["turns"] = row["turns"][:3]
    gold.write_text(json.dumps(row) + "\n")
    r = T.evaluate(str(gold))
    assert r["gold_turns"] == 3 and r["predicted_turns"] == 3 and r["found"] == 1.0


def test_the_command_prints_the_scores(gold: Path) -> None:
    res = CliRunner().invoke(main, ["eval", "turns", str(gold), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["found"] == 1.0


def test_a_gold_span_that_no_longer_matches_its_text_is_refused(gold: Path) -> None:
    row = json.loads(gold.read_text())
    row["turns"][0]["sha1"] = "0" * 12
    gold.write_text(json.dumps(row) + "\n")
    res = CliRunner().invoke(main, ["eval", "turns", str(gold)])
    assert res.exit_code != 0 and "E401" in res.output


def test_labels_resolve_to_the_people_the_header_names() -> None:
    from moralewatch.speaker_labels import header_names, resolve

    names = header_names("Press Briefing by Press Secretary Jen Psaki and Deputy National Security Advisor "
                         "Daleep Singh, February 24, 2022")
    psaki, singh = resolve("MS. PSAKI", names), resolve("MR. SINGH", names)
    assert psaki is not None and (psaki.name, psaki.role, psaki.side) == ("Jen Psaki", "official", "west")
    assert singh is not None and (singh.name, singh.role, singh.side) == ("Daleep Singh", "official", None)
    assert resolve("Q", names) is None and resolve("END", names) is None
    putin = resolve("Vladimir Putin", {})  # a full name of the knowledge base, without any header
    assert putin is not None and (putin.role, putin.side) == ("politician", "ru")  # codebook v1.1
    two = header_names("Remarks by John Smith and Mary Smith")  # two people share the surname: nobody
    assert resolve("MR. SMITH", two) is None
    assert resolve("MR. NOBODY", names) is None  # unknown is better than wrong


def test_a_time_after_a_closing_line_is_not_a_speaker_label() -> None:
    from moralewatch.ingest.raw import RawInput
    from moralewatch.runner import run_one
    from moralewatch.stages import default_pipeline

    doc = run_one(RawInput("-", "t", "transcript", text=TEXT, meta={"id": "t"}), default_pipeline())
    assert not isinstance(doc, Outcome)
    assert [q.speaker for q in doc.quotes] == ["Jen Psaki", "Q", "Jen Psaki", "Q", "Jen Psaki"]
    assert [q.speaker_role for q in doc.quotes] == ["official", "journalist"] * 2 + ["official"]


def _turns_of(text: str) -> list[tuple[str | None, str]]:
    from moralewatch.clean.transcript import build

    t = build(text, "text")
    return [(m["label"], t.text[m["start"]:m["end"]]) for m in t.meta["turns"]]


def test_turns_inside_lines_whose_breaks_were_lost() -> None:
    """A scraped meeting transcript in one line: turns begin after a sentence's end at a label of two or more
    words, or at a label that also begins a line; the text before the first label is the header."""
    text = ("Excerpts from the meeting. Taking part were the minister and the governor. * * * President of Ruritania "
            "Ivan Petrov: Colleagues, good afternoon. Let us begin. Head of the Regional Education Foundation Anna "
            "Sidorova: Thank you. The schools are open. Ivan Petrov: How many? Anna Sidorova: Twelve. <…> Oleg Lis: "
            "My name is Oleg Lis. Note: this is not a label. Moscow: neither is this.")
    assert _turns_of(text) == [
        ("President of Ruritania Ivan Petrov", "Colleagues, good afternoon. Let us begin."),
        ("Head of the Regional Education Foundation Anna Sidorova", "Thank you. The schools are open."),
        ("Ivan Petrov", "How many?"), ("Anna Sidorova", "Twelve."),
        ("Oleg Lis", "My name is Oleg Lis. Note: this is not a label. Moscow: neither is this.")]


def test_bare_q_lines_notes_on_their_own_line_and_sentences_with_a_colon() -> None:
    text = ("MS. SMITH: Good afternoon.\nQ Good afternoon.\nMS. SMITH: Let me be clear: we are ready.\n"
            "(Laughter.)\nQ One more question.\nMS. SMITH: Sure.\nEND 1:15 P.M. EDT\n")
    assert _turns_of(text) == [("MS. SMITH", "Good afternoon."), ("Q", "Good afternoon."),
                               ("MS. SMITH", "Let me be clear: we are ready."), ("Q", "One more question."),
                               ("MS. SMITH", "Sure.")]


def test_an_office_in_a_label_gives_the_role_to_every_label_of_that_person() -> None:
    from moralewatch.ingest.raw import RawInput
    from moralewatch.runner import run_one
    from moralewatch.stages import default_pipeline

    text = ("President of Russia Vladimir Putin: Good afternoon. Governor Ivan Orlov: Thank you. "
            "Vladimir Putin: Go on. SENATOR JONES: A question.")
    doc = run_one(RawInput("-", "t", "transcript", text=text, meta={"id": "t"}), default_pipeline())
    assert not isinstance(doc, Outcome)
    got = [(q.speaker, q.speaker_role, q.side) for q in doc.quotes if (q.rule or "").startswith("turn.")]
    assert got == [("Vladimir Putin", "politician", "ru"), ("Governor Ivan Orlov", "local_authority", "unknown"),
                   ("Vladimir Putin", "politician", "ru"), ("SENATOR JONES", "politician", "unknown")]
