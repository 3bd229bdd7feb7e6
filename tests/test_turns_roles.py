"""``turns.v4`` (issue 19): the roles of a transcript's speakers from the label's words, the document's context,
a self-introduction and the questions an interviewer asks; the cleaner's turn boundaries (edge notes, long titled
labels, a label glued to the header). Invented texts."""

from __future__ import annotations

from moralewatch.clean.document import _transcript_document
from moralewatch.clean.transcript import build
from moralewatch.ingest import RawInput
from moralewatch.model import Document, Quote
from moralewatch.stages import default_pipeline
from moralewatch.turns import introduced_role, read_context


def _turns(text: str, title: str | None = None, source: str | None = None) -> list[Quote]:
    meta = {k: v for k, v in (("title", title), ("source", source)) if v}
    doc = _transcript_document(RawInput("t.txt", text=text, meta=meta), text, "text")
    out = default_pipeline().run(doc)
    assert isinstance(out, Document)
    return [q for q in out.quotes if (q.rule or "").startswith("turn")]


def test_a_moderator_is_the_staff_of_a_government_press_event_and_unknown_elsewhere() -> None:
    text = ("MODERATOR: Thanks, everyone, for joining. We have Admiral Brand with us.\n"
            "Q: Thank you. Can you say more about the drones?\n"
            "MODERATOR: Next question goes to Ann.\n")
    gaggle = _turns(text, title="On-the-Record Press Gaggle by White House Security Advisor Tom Brand")
    assert [q.speaker_role for q in gaggle] == ["official", "journalist", "official"]
    podcast = _turns(text, title="Episode 12: a podcast about drones")
    assert [q.speaker_role for q in podcast] == ["unknown", "journalist", "unknown"]


def test_a_speaker_who_introduces_themself_gets_the_role_they_give() -> None:
    assert introduced_role("My name is Ivan Horak, I am Deputy Governor for Economic Development. Thank you.") \
        == "local_authority"
    assert introduced_role("Меня зовут Андрей, я мобилизованный из Белгорода, нас бросили.") == "soldier"
    assert introduced_role("Мене звати Оксана, я мати солдата 72-ї бригади.") == "relative"
    assert introduced_role("My name is Dana, I am 12 years old and I draw.") is None
    assert introduced_role("I am sure the soldiers are tired.") is None  # no introduction
    text = ("Vladimir Putin: Good afternoon. Please introduce yourself.\n"
            "Ivan Horak: My name is Ivan Horak, I am Deputy Governor of the region for the economy.\n"
            "Vladimir Putin: Thank you.\n"
            "Ivan Horak: We have built two plants.\n")
    roles = [(q.speaker, q.speaker_role) for q in _turns(text, title="Meeting with young leaders")]
    assert roles[1] == roles[3] == ("Ivan Horak", "local_authority")


def test_an_interviewer_who_asks_is_a_journalist_and_the_captive_who_answers_a_pow() -> None:
    text = ("Interview with a captured Russian soldier, video of the SBU\n\n"
            "Oleh Marchenko: What is your name and unit?\n"
            "Sergei Titov: Sergei, 155th brigade. We were sent forward without ammunition.\n"
            "Oleh Marchenko: Who gave the order?\n"
            "Sergei Titov: The company commander. He stayed behind.\n")
    turns = _turns(text)
    assert [(q.speaker, q.speaker_role, q.side) for q in turns[:2]] == [
        ("Oleh Marchenko", "journalist", "unknown"), ("Sergei Titov", "pow", "ru")]
    assert {q.channel for q in turns} == {"video"} and turns[0].via == ["SBU"]  # a video interview
    # the same two speakers in a document that is no interview: nobody is made a journalist by a question
    meeting = _turns(text.split("\n\n", 1)[1], title="Meeting on the regional budget")
    assert meeting[0].speaker_role == "unknown"


def test_a_long_titled_label_names_the_person_its_short_labels_name() -> None:
    text = ("Excerpts from the meeting of the Blue Sky Charity Board President of Russia Vladimir Putin: Good "
            "afternoon, colleagues. Let us begin. Director of Blue Sky autonomous non-profit organisation Olga "
            "Petrova: Thank you, Mr President. We have helped four thousand families. Vladimir Putin: How many "
            "volunteers? Olga Petrova: Nine hundred.\n")
    t = build(text, "text")
    assert [tr["label"] for tr in t.meta["turns"]] == [
        "President of Russia Vladimir Putin",
        "Director of Blue Sky autonomous non-profit organisation Olga Petrova", "Vladimir Putin", "Olga Petrova"]
    assert t.text[t.meta["header"][0]["start"]:t.meta["header"][0]["end"]] == \
        "Excerpts from the meeting of the Blue Sky Charity Board"
    turns = _turns(text)
    assert [(q.speaker, q.speaker_role) for q in turns] == [
        ("Vladimir Putin", "politician"), ("Olga Petrova", "ngo"), ("Vladimir Putin", "politician"),
        ("Olga Petrova", "ngo")]


def test_a_scrape_damaged_label_of_many_words_is_one_label() -> None:
    text = ("Vladimir Putin: Good afternoon. Let's talk about the work of the Commissioner. Human Rights "
            "Commissioner Anna Orlova Orlova AnnaHuman Rights Commissioner in Russian Federation: Mr President, I "
            "would like to present my report. Vladimir Putin: Please. Anna Orlova: Thank you.\n")
    turns = _turns(text, title="Meeting with Human Rights Commissioner Anna Orlova")
    assert [(q.speaker, q.speaker_role) for q in turns] == [
        ("Vladimir Putin", "politician"), ("Anna Orlova", "official"), ("Vladimir Putin", "politician"),
        ("Anna Orlova", "official")]  # a head of state is a politician (codebook v1.1), by name alone too


def test_a_note_at_the_edge_of_a_turn_is_a_stage_note_and_inside_it_stays() -> None:
    text = ("MS. LANE: Happy Thursday? (Laughs.)\n"
            "Q (Microphone is extended.) Okay. The aid (all of it) arrives when?\n"
            "REPRESENTATIVE COLE: (Inaudible.)\n"
            "MS. LANE: Next week.\n(Applause.)\n")
    t = build(text, "text")
    assert [(tr["label"], t.text[tr["start"]:tr["end"]]) for tr in t.meta["turns"]] == [
        ("MS. LANE", "Happy Thursday?"), ("Q", "Okay. The aid (all of it) arrives when?"),
        ("REPRESENTATIVE COLE", "(Inaudible.)"), ("MS. LANE", "Next week.")]
    assert [(n["text"], n["turn"]) for n in t.meta["stage_notes"]] == [
        ("(Laughs.)", 0), ("(Microphone is extended.)", 1), ("(Applause.)", 3)]
    for c, i, n in t.offset_map.to_json():
        assert t.text[c:c + n] == text[i:i + n]


def test_a_videoconference_is_no_video() -> None:
    assert read_context("Meeting with governors via videoconference")["channel"] is None
    assert read_context("Video of a captured soldier")["channel"] == "video"
    assert read_context("Совещание по видеосвязи")["channel"] is None


def test_a_turn_of_several_paragraphs_is_one_quote_per_paragraph_continuing_the_first() -> None:
    text = ("MS. LANE: Good afternoon. One item at the top.\n"
            "The President spoke with the Prime Minister about air defence\n"
            "and about the deliveries.\n"
            "With that, go ahead.\n"
            "Q: Thanks. Will the package include missiles?\n")
    turns = _turns(text, title="Press Briefing by Press Secretary Kim Lane")
    assert [(q.text, q.continues) for q in turns] == [
        ("Good afternoon. One item at the top.", None),
        ("The President spoke with the Prime Minister about air defence and about the deliveries.", 0),  # wrapped
        ("With that, go ahead.", 0),
        ("Thanks. Will the package include missiles?", None)]
    assert {(q.speaker, q.speaker_role) for q in turns[:3]} == {("Kim Lane", "official")}
    assert turns[1].speaker_start == turns[0].speaker_start  # the label is the mention of every paragraph
