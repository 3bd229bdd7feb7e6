"""Transcripts recognised without being declared, in plain text and in JSONL records (read as transcripts, since
``indicators.v5`` takes a turn's sentence as its evidence; ``--format transcript`` declares every record), and no
news recognised (issue 19, item 1). Invented texts."""

from __future__ import annotations

import json
from pathlib import Path

from moralewatch.clean import to_document
from moralewatch.clean.transcript import looks_like_transcript
from moralewatch.ingest import read_inputs

#: a White House-style briefing: long answers of several paragraphs, a bare "Q" for the reporters
BRIEFING = ("The Briefing Room\n1:05 P.M. EDT\n"
            "MS. LANE: Good afternoon. I have one item at the top.\n"
            "The President spoke with the Prime Minister this morning about air defence.\n"
            "They agreed to speed up the deliveries.\n"
            "And the aid package will be announced on Friday, with details from the Pentagon.\n"
            "With that, go ahead.\n"
            "Q Thanks, Kim. Will the package include long-range missiles?\n"
            "MS. LANE: I am not going to get ahead of the announcement.\n"
            "What I can say is that the needs on the battlefield drive what we send.\n"
            "The Pentagon will brief on the details.\n"
            "Q And on the call: did they discuss the prisoners?\n"
            "MS. LANE: They did. The President raised the exchange.\n"
            "Q One more: is the President travelling next week?\n"
            "MS. LANE: We will have more on the schedule soon.\n"
            "END 1:40 P.M. EDT\n")
#: a Kremlin-style transcript whose line breaks were lost
FLAT = ("Meeting with the Governor of the Region. President of Russia Vladimir Putin: Good afternoon. How is the "
        "harvest? Governor of the Region Ivan Sorokin: Good afternoon, Mr President. The harvest is good. "
        "Vladimir Putin: And the roads? Ivan Sorokin: We repaired four hundred kilometres. Vladimir Putin: Good.")
#: dialogue dashes only: a transcript a reader sees, that the rules do not tell from a list without a declaration
DASHES = ("Intercepted call, published by the SBU\n— Mom, they sent us forward again.\n— Сынок, держись.\n"
          "— We have no food.\n— Я позвоню отцу.\n")
NEWS = [
    # headings that do not come back
    "Kyiv update\n\nShelling: two districts hit overnight.\nPower: restored by morning.\nWater: still out.\n"
    "Schools: closed until Monday.\n",
    # a live blog: the same heading word again and again, at line starts
    "Live updates\nUpdate: Explosions reported in Kharkiv.\nThe mayor said power was cut.\n"
    "Update: Air raid alert lifted.\nResidents returned home.\nUpdate: Two people injured.\n"
    "Update: Trains delayed.\n",
    # an article quoting two people in turn, as news does
    "Soldiers tired after months at the front\n\nKYIV (Reuters) - Ukrainian soldiers said on Tuesday they were "
    "exhausted. \"We have not slept for days,\" said one. Colonel Petro Lysenko said: \"They need rotation.\"\n"
    "Another soldier added: \"We hold on.\" Lysenko said rotations would start. The ministry said: \"Soon.\"\n",
    # a roundup with places and one sentence each, the places coming back once
    "Overnight strikes\nOdesa: drones hit the port.\nKharkiv: a school was damaged.\n"
    "In the evening more strikes followed.\nOdesa: the port is working again.\n",
]


def test_a_briefing_with_long_answers_and_a_flattened_meeting_are_recognised() -> None:
    assert looks_like_transcript(BRIEFING)
    assert looks_like_transcript(FLAT)


def test_news_is_not_a_transcript() -> None:
    for text in NEWS:
        assert not looks_like_transcript(text), text[:40]
    assert not looks_like_transcript(DASHES)  # dashes alone: declare them


def _jsonl(tmp_path: Path, records: list[dict[str, str]]) -> str:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_a_jsonl_record_that_is_a_transcript_is_recognised_and_read_as_one(tmp_path: Path) -> None:
    records = [{"id": "b1", "text": BRIEFING, "title": "Press Briefing by Press Secretary Kim Lane",
                "date": "2024-03-01", "source": "White House"},
               {"id": "n1", "text": NEWS[2], "title": "Soldiers tired"},
               {"id": "k1", "text": FLAT}]
    path = _jsonl(tmp_path, records)
    undeclared = [to_document(r) for r in read_inputs([path])]  # the transcripts recognised, the news an article
    assert [d.input_format for d in undeclared] == ["transcript:text", "jsonl", "transcript:text"]
    docs = [to_document(r) for r in read_inputs([path], text_format="transcript")]
    assert [d.input_format for d in docs] == ["transcript:text"] * 3
    assert (undeclared[0].text, undeclared[0].meta, undeclared[2].text) == (docs[0].text, docs[0].meta, docs[2].text)
    b = docs[0]
    assert (b.title, b.published, b.outlet, b.external_id) == (
        "Press Briefing by Press Secretary Kim Lane", "2024-03-01", "White House", "b1")
    assert [t["label"] for t in b.meta["turns"]] == ["MS. LANE", "Q", "MS. LANE", "Q", "MS. LANE", "Q", "MS. LANE"]
    # the first answer's lines that end a sentence are paragraphs of the turn
    assert [b.text[s:e] for s, e in b.meta["turns"][0]["parts"]] == [
        "Good afternoon. I have one item at the top.",
        "The President spoke with the Prime Minister this morning about air defence.",
        "They agreed to speed up the deliveries.",
        "And the aid package will be announced on Friday, with details from the Pentagon.",
        "With that, go ahead."]
    assert [t["label"] for t in docs[2].meta["turns"]] == [
        "President of Russia Vladimir Putin", "Governor of the Region Ivan Sorokin", "Vladimir Putin", "Ivan Sorokin",
        "Vladimir Putin"]


def test_format_transcript_declares_the_records_of_a_jsonl_file(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, [{"id": "c1", "text": DASHES, "title": "Intercepted call"}])
    assert to_document(next(iter(read_inputs([path])))).input_format == "jsonl"  # not recognised undeclared
    raws = list(read_inputs([path], text_format="transcript"))
    assert [r.locator for r in raws] == ["line 1"]
    doc = to_document(raws[0])
    assert doc.input_format == "transcript:text" and doc.title == "Intercepted call"
    assert [(t["label"], t["dash"]) for t in doc.meta["turns"]] == [(None, True)] * 4
    assert doc.text[doc.meta["turns"][1]["start"]:doc.meta["turns"][1]["end"]] == "Сынок, держись."


def test_a_comment_thread_at_the_foot_of_an_article_is_no_transcript() -> None:
    from moralewatch.clean.transcript import looks_like_transcript

    article = "\n\n".join(f"Paragraph {i} of the article tells what happened in the town and what officials said "
                          "about it, at some length, as news does." for i in range(12))
    thread = "\n".join(["Anna Petrova: I agree.", "Ivan Sidorov: No way.", "Anna Petrova: Read it again.",
                        "Ivan Sidorov: I did.", "Anna Petrova: Then you know.", "Ivan Sidorov: Fine."])
    assert looks_like_transcript(thread)  # alone, it alternates as a transcript does
    assert not looks_like_transcript(article + "\n\nComments\n\n" + thread)
