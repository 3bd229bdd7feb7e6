"""Finding quotes and their attribution clauses, one paragraph at a time.

The finder works on the segment stage's *masked* paragraph, in which the words between quotation marks are blanked
out: a cue verb inside a quote ("we were told") is then never taken for the writer's attribution, and sentence
ends are found outside quotes only. Each sentence is read once by the sentence reader (reader.py): its cue verbs
(cues.py) give attribution clauses (``speaker cue`` before or after the content, ``according to X``: the speaker
phrases of speaker_phrases.py, the content clauses of clauses.py), the marked spans are attached to the nearest
clause, and cue verbs left over with a complement clause give the indirect quotes. Here: the paragraph's sentences
(the splitter's masked mode), its headline form ("Speaker: what they said") and a paragraph that introduces the
next one's quote ("Jared Potts echoed:").
"""

from __future__ import annotations

import bisect

from ..layers.marks import Marked, blank
from ..layers.sentences import has_sentence_end, masked_sentences
from ..lexicons import compile_regex
from ..wordlists import fill
from . import lexicon
from .clauses import _according
from .cues import cues_in
from .found import Cue, Found, Speaker
from .reader import SentenceReader
from .speaker_phrases import speaker_before


def _words(template: str) -> str:
    """A pattern of this module with its word lists from data/quotes/words/patterns.txt (see moralewatch.wordlists)."""
    return fill("quotes/words/patterns.txt", template)


_ATTRIBUTION_AFTER = compile_regex(_words(r"\s{1,80}+((?:[A-Z][\w’'.-]{0,100}|@finder.attribution_after@)(?:\s+[\w’'.,-]+){0,5}?)[.!?]"))


def _is_trailing_attribution(masked: str, pos: int) -> bool:
    """After a closing mark: is the next "sentence" only its attribution ("…?” Sanders replied.")?"""
    m = _ATTRIBUTION_AFTER.match(masked, pos)
    return m is not None and bool(lexicon.cues().phrases.find(m.group(1)))


def sentences(masked: str, lo: int) -> list[tuple[int, int]]:
    """Sentence spans of a masked paragraph (the splitter's masked mode); a quote's trailing attribution stays in
    the quote's sentence."""
    return masked_sentences(masked, lo, _is_trailing_attribution)


def colon_intro(text: str, lo: int, hi: int) -> tuple[Cue, Speaker] | None:
    """A paragraph ending with a colon introduces the quote of the next one ("Jared Potts echoed:"): its last
    cue verb and that verb's speaker."""
    if not text[lo:hi].rstrip().endswith(":"):
        return None
    masked = text[lo:hi]  # nothing blanked: the intro is the writer's words
    s, e = sentences(masked, lo)[-1]
    for cue in reversed(cues_in(masked, lo, s, e)):
        sp = speaker_before(text, masked, s, cue.start, lo)
        if sp is None and cue.cls == "according":
            sp = _according(text, masked, lo, cue, e)
        if sp is None and cue.text.endswith("ing"):
            sp = SentenceReader(text, masked, lo, s, e, [], [])._subject()
        if sp is not None:
            return cue, sp
    return None


_HEADLINE = compile_regex(r"([A-Z][\w.’'&-]{0,100}+(?:\s++[\w.’'&-]{1,100}+){0,4}?):\s+(\S.*?)[.!?]?\s*$")


_VERB_FORM_END = compile_regex(r"\b[a-z]+(?:ing|ed)$")


_QUOTE_THEN_WORDS = compile_regex(r"x[,.!?]?[”\"’']+,?\s+\S")


def headline(text: str, lo: int, hi: int, masked: str) -> Found | None:
    """``Speaker: what they said`` as a headline (one line, no sentence end inside): the newspaper's shorthand."""
    para = masked[: hi - lo]
    if "\n" in para or len(para.split()) > 30 or has_sentence_end(para):
        return None
    m = _HEADLINE.fullmatch(para)
    if not m or len(m.group(2).split()) < 3 or m.group(1).lower() in {"update", "watch", "read", "note", "editor"}:
        return None
    if lexicon.cues().regex.search(m.group(1)) or _VERB_FORM_END.search(m.group(1)):
        return None  # "Russian soldier breaks down crying: ‘…’" is an ordinary attribution
    if _QUOTE_THEN_WORDS.search(m.group(2)) and lexicon.cues().regex.search(m.group(2)):
        return None  # "For example: “…,” he told CNN": the quote has its own attribution
    sp = Speaker(lo + m.start(1), lo + m.end(1), text[lo + m.start(1):lo + m.end(1)])
    colon = lo + m.end(1)
    return Found(lo + m.start(2), lo + m.end(2), "indirect", Cue(colon, colon + 1, ":", "speech"), sp,
                 rule="headline-colon", confidence=0.6)


def find_in_paragraph(text: str, lo: int, hi: int, marked: list[Marked], masked: str | None = None,
                      strict: bool = True) -> list[Found]:
    """Every quote of one paragraph (speakers as written; the document-level resolver names them). ``masked`` is
    the paragraph with ``marked`` blanked (the segment stage's layer), made here when not given; ``strict``
    checks reported clauses and speakers (quotes.v3; False reads as quotes.v2 did)."""
    if masked is None:
        masked = blank(text, lo, hi, marked)
    head = headline(text, lo, hi, masked)
    if head is not None:
        inside = [m for m in marked if head.start <= m.open_at and (m.close_at < 0 or m.close_at < head.end + 2)]
        if len(inside) == 1 and inside[0].open_at <= head.start + 1:
            head.start, head.end, head.kind = inside[0].start, inside[0].end, "direct"
        elif inside:
            head.kind = "mixed"
        return [head]
    out: list[Found] = []
    cues = cues_in(masked, lo, lo, hi)
    opens, cue_starts = [m.open_at for m in marked], [c.start for c in cues]
    for s, e in sentences(masked, lo):
        inside = marked[bisect.bisect_left(opens, s):bisect.bisect_left(opens, e)]  # (in order of their marks)
        mine = cues[bisect.bisect_left(cue_starts, s):bisect.bisect_left(cue_starts, e)]
        if mine or inside:  # a sentence with neither a cue nor a quote has nothing to attribute
            out.extend(SentenceReader(text, masked, lo, s, e, inside, mine, strict=strict).run())
    return out
