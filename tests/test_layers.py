"""The shared text layers (issue 15, item 1): the segment stage computes paragraphs, sentences, quotation-mark
spans and the text with quotes blanked once; the quote and indicator stages read them through ``requires``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moralewatch.api import analyze_text
from moralewatch.errors import PipelineError
from moralewatch.layers.marks import blank, find_marked, in_paragraph
from moralewatch.layers.sentences import masked_sentences, sentences_in
from moralewatch.model import Document
from moralewatch.pipeline import Pipeline
from moralewatch.quotes import extract
from moralewatch.stages import REGISTRY

TEXT = ("KYIV — “We were lied to,” said Ivan Petrenko, 22, a conscript. He added: “Nobody told us.”\n\n"
        "Officials said the unit’s morale was low. ‘We’re just meat here,’ one soldier wrote.")


def test_segment_provides_every_layer_and_the_later_stages_require_them() -> None:
    assert set(REGISTRY["segment.v1"].provides) == {"paragraphs", "sentences", "marks", "masked"}
    assert {"marks", "masked"} <= set(REGISTRY["quotes.v2"].requires)
    assert "marks" in REGISTRY["indicators.v3"].requires
    assert "sentences" in REGISTRY["entities.v1"].requires
    with pytest.raises(PipelineError) as err:
        Pipeline(["quotes.v2"])
    assert err.value.code == "E104" and "marks" in str(err.value)


def test_layers_of_a_document() -> None:
    doc = analyze_text(TEXT)
    assert [TEXT[m.start:m.end] for m in doc.marks] == ["We were lied to,", "Nobody told us.", "We’re just meat here,"]
    assert len(doc.masked) == len(TEXT)
    for m in doc.marks:  # the contents blanked, the rest of the text as it is
        assert set(doc.masked[m.start + 1:m.end - 1]) <= {"x", " "}
    outside = [i for i in range(len(TEXT)) if not any(m.start < i < m.end for m in doc.marks)]
    assert all(doc.masked[i] == TEXT[i] for i in outside)
    assert [TEXT[s:e] for s, e in doc.sentences][:2] == ["KYIV — “We were lied to,” said Ivan Petrenko, 22, a conscript.",
                                                         "He added: “Nobody told us.”"]


def test_the_quote_stage_reads_the_marks_layer_instead_of_finding_marks_again() -> None:
    doc = analyze_text(TEXT)
    assert any(q.kind == "direct" for q in doc.quotes)
    doc.marks, doc.masked = [], doc.text  # a segment stage that found no quotation marks
    assert not any(q.kind == "direct" for q in extract(doc))


def test_the_indicator_fallback_uses_the_marks_layer() -> None:
    from moralewatch.indicators.tagger import quote_units

    doc = analyze_text(TEXT)
    doc.quotes = []  # the quote stage found nothing: the quoted words are still one piece of evidence each
    assert [(u.start, u.end) for u in quote_units(doc)] == [(m.start, m.end) for m in doc.marks]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["“", "”", "‘", "’", "\"", "'", "«", "»", "word ", "Word. ", "\n\n", " ", "said ",
                                 "x", ".", "?"]), max_size=40).map("".join))
def test_the_whole_text_layer_is_the_paragraph_by_paragraph_blanking(text: str) -> None:
    doc = Document(text)
    from moralewatch.segment import segment

    segment(doc, {})
    for lo, hi in doc.paragraphs:
        assert doc.masked[lo:hi] == blank(text, lo, hi, in_paragraph(text, lo, hi))
    assert [(m.start, m.end) for m in doc.marks] == [(m.start, m.end) for m in find_marked(text, doc.paragraphs)]
    assert [m.open_at for m in doc.marks] == sorted(m.open_at for m in doc.marks)  # the stages bisect on it


def test_the_two_modes_of_the_one_splitter() -> None:
    text = "“Why now?” Sanders replied. Mr. Smith left. He went home."
    masked = blank(text, 0, len(text), find_marked(text, [(0, len(text))]))
    plain = [text[s:e] for s, e in sentences_in(text, 0, len(text))]
    assert plain == ["“Why now?”", "Sanders replied.", "Mr. Smith left.", "He went home."]
    assert [text[s:e] for s, e in masked_sentences(masked, 0)] == plain

    def keeps(m: str, pos: int) -> bool:  # the quote stage's rule: the attribution stays with its quote
        return m.startswith(" Sanders", pos)

    assert [text[s:e] for s, e in masked_sentences(masked, 0, keeps)] == ["“Why now?” Sanders replied.",
                                                                           "Mr. Smith left.", "He went home."]


def test_a_sentence_longer_than_the_cap_is_read_in_pieces_cut_at_line_breaks() -> None:
    """Dialogue lines after a stop never end a sentence ("— …, he said.\\n— …"): 800 KB of them were one sentence,
    and the quote reader's per-cue work on the rest of its sentence made it quadratic (24 s). Pieces of at most
    MAX_SENTENCE characters, cut at a line break (else a blank), cover the sentence exactly; shorter ones are kept."""
    from moralewatch.layers.sentences import MAX_SENTENCE

    line = "— We will fight, he said.\n"
    text = line * (3 * MAX_SENTENCE // len(line))
    lo = 7
    spans = masked_sentences(text, lo)
    assert len(spans) >= 3 and all(e - s <= MAX_SENTENCE for s, e in spans)
    assert spans[0][0] == lo and spans[-1][1] == lo + len(text.rstrip())
    for (s1, e1), (s2, _) in zip(spans, spans[1:]):
        assert text[e1 - lo] == "\n" and text[s1 - lo:e1 - lo].endswith("he said.") and s2 == e1 + 1
    words = "word " * (MAX_SENTENCE // 2)  # no line break: cut at a blank
    assert all(e - s <= MAX_SENTENCE and words[e - 1] != " " for s, e in masked_sentences(words, 0)[:-1])
    short = "He said so. She said no."
    assert masked_sentences(short, 0) == [(0, 11), (12, 24)]
