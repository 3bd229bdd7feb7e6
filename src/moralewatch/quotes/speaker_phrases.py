"""Speaker phrases: the noun phrase that says who speaks, read back from a cue ("Michael Kofman, an expert on
…, said") or forward after it ("…,” said Andrei Ivanov, 22, a conscript), with what describes it."""

from __future__ import annotations

import re

from ..lexicons import compile_regex
from ..wordlists import fill
from . import lexicon
from .found import Speaker
from .revision import at_least, speaker_fixes


def _words(template: str) -> str:
    """A pattern of this module with its word lists from data/quotes/words/patterns.txt (see moralewatch.wordlists)."""
    return fill("quotes/words/patterns.txt", template)


_WORD = compile_regex(r"\d{1,3}(?:,\d{3})+|[\w’'.&-]+")


_SPEAKER_TRIM = compile_regex(
                              _words(r"(?<!\s)\s++(?:@speaker_phrases.speaker_trim.1@)\b.*$|(?<!\s)\s++(?:[a-z]+ed|[a-z]+en|known|"
                                     r"seen|shown)\s+by\b.*$|(?<=[a-z])\s+with\s+(?:more\s+than\s+|about\s+|over\s+|nearly\s+)?(?:\d|"
                                     r"a\s|an\s|hundreds|thousands|millions).*$|(?<!\s)\s++(?:@speaker_phrases.speaker_trim.2@)"
                                     r"\s+(?:@speaker_phrases.speaker_trim.3@)\b.*$"),
                              re.S,
                              )


_LEAD_JUNK = compile_regex(_words(r"^(?:(?:@speaker_phrases.lead_junk.1@|to\s+[a-z]+|to|[a-z]+ed\s+(?:@speaker_phrases.lead_junk.2@)"
                                  r")\b[\s,]*)+"))


_BE = frozenset({"was", "were", "is", "are", "been", "be", "being"})


_VERBISH = frozenset({"have", "has", "had", "was", "were", "is", "are", "emerged", "appeared", "came", "went"})


def _strip_aux_back(masked: str, lo: int, pos: int) -> tuple[int, bool]:
    """Move ``pos`` back over auxiliaries and adverbs between a speaker and its cue ("he can be heard telling").

    Returns the new position and whether a form of "be" stood right before the cue (a passive: "we were told").
    """
    aux = lexicon.word_set("aux.txt")
    passive, first = False, True
    while True:
        w, start = _last_word(masked, lo, pos)
        if not w:
            return pos, passive
        w = w.lower()
        if w not in aux and not (w.endswith("ly") and w.isalpha() and len(w) > 4):
            return pos, passive
        if first and w in _BE:
            passive = True
        first = False
        pos = start
        while pos > lo and masked[pos - 1].isspace():
            pos -= 1


def _before_blanks(text: str, pos: int, blanks: str | None = None) -> int:
    """Where ``text[:pos]`` ends once the blanks (whitespace, or the characters of ``blanks``) at its end are left
    out: ``len(text[:pos].rstrip(blanks))`` without copying the text before ``pos`` (quadratic in a long paragraph)."""
    while pos > 0 and (text[pos - 1] in blanks if blanks is not None else text[pos - 1].isspace()):
        pos -= 1
    return pos


def _last_token(text: str, pos: int) -> str:
    """The last whitespace-separated token of ``text[:pos]`` (``text[:pos].split()[-1]``, without the copy)."""
    end = _before_blanks(text, pos)
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _last_word(text: str, lo: int, pos: int) -> tuple[str, int]:
    """The word that ends ``text[lo:pos]`` (trailing blanks skipped) and its start; ("", pos) if none."""
    end = pos
    while end > lo and text[end - 1].isspace():
        end -= 1
    start = end
    while start > lo and (text[start - 1].isalnum() or text[start - 1] in "’'-_"):
        start -= 1
    return text[start:end], start


def _np_start(seg: str, words: list[re.Match[str]], end: int | None = None) -> tuple[int, str]:
    """Index of the first word of the noun phrase that ends ``seg[:end]``, and the boundary word that stopped it
    (index 0 and ``""``: the words ran out first)."""
    stop = lexicon.word_set("boundaries.txt")
    forms = lexicon.cues().forms
    first = len(words)
    for j in range(len(words) - 1, -1, -1):
        w = words[j]
        between = seg[w.end():words[j + 1].start()] if j + 1 < len(words) else seg[w.end():end]
        if any(ch in between for ch in ",;:()—–\"“”") or (between.strip() == "-" and j + 1 < len(words)):
            return first, ","
        low = w.group().lower()
        if low in stop or (low in _VERBISH and j < len(words) - 1) or (low in forms and w.group()[0].islower()):
            return first, low
        first = j
    return first, ""


_CLAUSE_PUNCT = compile_regex(r"[,;:()—–]")


def _last_words(seg: str, n: int) -> str:
    """The last ``n`` words of ``seg`` after its last comma or clause mark."""
    tail = _CLAUSE_PUNCT.split(seg)[-1]
    return " ".join(tail.split()[-n:])


def _is_name(phrase: str) -> bool:
    """Capitalised words only (a person or an organisation named): "Robby Mook", "Jeff Weaver"."""
    words = phrase.split()
    return 0 < len(words) <= 5 and all(w[:1].isupper() or w in ("of", "the", "de", "van", "von", "bin", "al")
                                       for w in words)


#: a US party and state tag after a politician's name (", R-Ky.,", ", D-N.Y.,", ", I-Vt.,")
_PARTY_TAG = compile_regex(r",\s*[RDI]-[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?\s*,$")


_DAYS = _words(r"(?:@speaker_phrases.days@)")


_MONTHS = _words(r"(?:@speaker_phrases.months@)")


#: a time or setting adverbial between a speaker and the cue ("Spicer on Thursday evening said", "she in a
#: statement said", "Ms. Lee last week said"): skipped when reading the speaker backwards from the cue
_ADVERBIAL_BACK = compile_regex(_words(
    r",?\s{1,80}+(?:(?:on|late|early)\s+)?(?:(?:@speaker_phrases.days@)(?:\s+(?:morning|afternoon|evening|night))?|"
    r"(?:@speaker_phrases.adverbial_back.which@)\s+(?:@speaker_phrases.adverbial_back.periods@|(?:@speaker_phrases.days@))|"
    r"(?:in|on|during|since)\s+(?:early\s+|late\s+|mid-)?(?:(?:@speaker_phrases.months@)(?:\s+\d{1,2})?(?:,?\s+\d{4})?|\d{4})|"
    r"(?:in|on|at|during)\s+(?:@speaker_phrases.adverbial_back.determiners@)\s+(?:[\w’'-]+\s+){0,2}"
    r"(?:@speaker_phrases.adverbial_back.statements@)|on\s+(?:@speaker_phrases.adverbial_back.media@)|"
    r"with\s+(?:@speaker_phrases.adverbial_back.about@)?[\d,.]+(?:\s+(?:million|thousand))?\s+"
    r"(?:@speaker_phrases.adverbial_back.audiences@)|"
    r"(?:had|has|have)\s+(?:@speaker_phrases.adverbial_back.things@)\s+to)\s*,?\s*$"))


#: how far back from a cue the patterns above can start (their longest match, with room)
_BACK_WINDOW = 160


#: subject pronouns: always a whole noun phrase ("in September she said")
_SUBJECT_PRONOUNS = frozenset("he she they i we you".split())


#: a share of people as a speaker ("six in 10 say", "46 percent of voters said", "a majority said")
_SHARE = compile_regex(_words(r"(?:(?:more|fewer|less)\s+than\s+|@speaker_phrases.share@)?\w{1,100}+\s+(?:in|out\s+of)\s+(?:10|"
                              r"ten|\d+)(?:\s+\w{1,100}+)?\s*$|\d{1,100}+(?:\.\d{1,100}+)?\s*(?:%|percent|per\s+cent)(?:\s+of\s+(?:the\s+)"
                              r"?[\w’'-]{1,100}+(?:\s+[\w’'-]{1,100}+)?)?\s*$"),
                       re.I)


#: an aside between a subject and its verb: ", like Rubio and Bush," / ", including X," / ", such as X,"
_ASIDE = compile_regex(_words(r",\s+(?:@speaker_phrases.aside@)\s+[^,;:()]{1,80},\s*$"))


_CONJUNCTION = compile_regex(_words(r"(?:@speaker_phrases.conjunction@)\b"))


_ING_WORD = compile_regex(r"(?<!\w)\w+ing\b")


_AGE_END = compile_regex(r",\s*\d{1,2}\s*$")


#: the age and home town after a name, up to the comma before the cue: ", 29, of Myrtle Beach, S.C.,", ", 34,"
_HOME_TAIL = compile_regex(r",\s*(?:\d{1,3}\s*,\s*(?:of|from)\s+|(?:\d{1,3}\s*,\s*)?(?:of|from)\s+)"
                           r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s*,$"
                           r"|,\s*\d{1,3}\s*,$")


_QUANTIFIER_OF_END = compile_regex(_words(r"(?:(?:@speaker_phrases.quantifier_of_end@)\s+of)?\s*$"))


def speaker_before(text: str, masked: str, lo: int, cue_start: int, base: int) -> Speaker | None:
    """The noun phrase that ends right before a cue (after auxiliaries), with an apposition ("X, an expert, said").

    ``masked`` is indexed from ``base``; ``lo`` is the earliest offset the phrase may start at. A passive ("we were
    told") has no speaker here; a relative clause ("soldiers – many of whom have claimed") gives its antecedent.
    """
    end, passive = _phrase_end(masked, lo, cue_start, base)
    short = _pronoun_or_share(text, masked, lo, end, base, passive)
    if short is not None:
        return short
    close = _before_blanks(masked, end - base)
    if masked[close - 1:close] == ")":  # "Sen. Bernie Sanders (I-Vt.) said": skip the bracket
        opening = masked.rfind("(", lo - base, close)
        if 0 <= opening and close - opening <= 30:
            bracketed = speaker_before(text, masked, lo, base + opening, base)
            if bracketed is not None:
                return bracketed
    cue_word = masked[cue_start - base:cue_start - base + 12]
    if passive and not _ING_WORD.match(cue_word):
        return None
    described = _apposition(text, lo, masked[lo - base:end - base], end)
    if described is None or isinstance(described, Speaker):
        return described
    seg, end, description = described
    return _head_phrase(text, lo, seg, end, description)


def _phrase_end(masked: str, lo: int, cue_start: int, base: int) -> tuple[int, bool]:
    """Where the speaker's phrase ends before a cue (auxiliaries and time or setting adverbials skipped), and
    whether the cue is a passive ("we were told")."""
    end, passive = _strip_aux_back(masked, lo - base, cue_start - base)
    for _ in range(2):  # "Spicer on Thursday evening said", "the hawks, like Rubio and Bush, say"
        window = max(lo - base, end - _BACK_WINDOW)  # the patterns end at ``end``: no need to try every start
        adv = _ADVERBIAL_BACK.search(masked, window, end) or _ASIDE.search(masked, window, end)
        if adv is None or adv.start() <= lo - base:
            break
        end, more_passive = _strip_aux_back(masked, lo - base, adv.start())
        passive = passive or more_passive
    return end + base, passive


def _pronoun_or_share(text: str, masked: str, lo: int, end: int, base: int, passive: bool) -> Speaker | None:
    """A subject pronoun ("Although in September she said") or a share of people ("six in 10 say") before ``end``."""
    if passive:
        return None
    pron, pron_at = _last_word(masked, lo - base, end - base)
    if pron.lower() in _SUBJECT_PRONOUNS:
        s = pron_at + base
        return Speaker(s, s + len(pron), text[s:s + len(pron)])
    share = _SHARE.search(masked, max(lo - base, end - base - _BACK_WINDOW), end - base)
    if share is not None and (share.start() == lo - base or not masked[share.start() - 1].isalnum()):
        s = share.start() + base
        e = s + len(share.group().rstrip())
        phrase = _LEAD_JUNK.sub("", text[s:e])
        if phrase:
            return Speaker(e - len(phrase), e, phrase)
    return None


def _apposition(text: str, lo: int, seg: str, end: int) -> tuple[str, int, str] | Speaker | None:
    """What describes the speaker between commas before the cue: the phrase left (``seg``, its end) and the
    description; or the speaker itself when the apposition is the name ("Her campaign manager, Robby Mook, said");
    None when the commas hold no apposition."""
    description = ""
    stripped = seg.rstrip()
    tag = _PARTY_TAG.search(stripped)
    if tag:  # "Jack Reed, D-R.I., said": the party and state describe the name before them
        description, seg = tag.group().strip(" ,"), seg[:tag.start()]
        end = lo + len(seg)
        stripped = seg.rstrip()
    if not stripped.endswith(","):
        return seg, end, description
    if at_least(2):  # "Corey Mesimer, 29, of Myrtle Beach, S.C., said": age and home describe the name before them
        home = _HOME_TAIL.search(stripped)
        if home and home.start() > 0:
            description = (home.group().strip(" ,") + " " + description).strip()
            seg, end = seg[:home.start()], lo + home.start()
            if "," not in seg:  # the name alone before its age and home
                return seg, end, description
            stripped = seg + ","  # "A friend of his, Corey Mesimer[, 29, of …,]": the name in apposition
    # "Michael Kofman, an expert on ..., said" / "Her campaign manager, Robby Mook, said"
    inner = stripped[:-1]
    k = inner.rfind(",")
    if k <= 0:
        return None
    second = inner[k + 1:].strip()
    if _CONJUNCTION.match(second):
        return None  # "X sought to calm his supporters, and took a heckler in stride, saying": no apposition
    before_comma = _last_words(inner[:k], 5)
    if second[:1].islower() or (_is_name(before_comma) and not _is_name(second)):
        seg, end = inner[:k], lo + k
        age = _AGE_END.search(seg)  # "Andrei Ivanov, 22, a conscript from Buryatia, said"
        if age:
            seg, end = seg[:age.start()], lo + age.start()
        return seg, end, second
    if _is_name(second):
        first = _name_before_titled_description(inner, k) if at_least(2) else None
        if first is not None:  # "Mykhailo Podolyak, an adviser to Ukraine’s president, Volodymyr Zelenskiy, said"
            s1 = lo + first[0]
            return Speaker(s1, s1 + first[1] - first[0], text[s1:lo + first[1]], inner[first[2]:].strip(" ,"))
        s2 = lo + k + 1 + (len(inner[k + 1:]) - len(inner[k + 1:].lstrip()))
        return Speaker(s2, s2 + len(second), text[s2:s2 + len(second)], _last_words(inner[:k], 8))
    return None


#: two to five capitalised words that end a phrase (a person's name)
_NAME_RUN_END = compile_regex(r"(?<![\w’'.-])((?:[A-Z][\w.'’-]*\s){1,4}[A-Z][\w'’-]*[\w])$")


_PREPOSITIONS = frozenset("in on at after before during from for with without by of to as since until under over "
                          "near across among between like unlike despite".split())


def _name_before_titled_description(inner: str, k: int) -> tuple[int, int, int] | None:
    """In ``NAME, a description ending in a title, OTHER NAME`` (``inner`` up to the comma before the cue, ``k``
    the last comma), the other name is the title's holder, inside the description: the speaker is the first name.
    Returns the first name's start and end in ``inner`` and where the description starts, or None."""
    k2 = inner.rfind(",", 0, k)
    if k2 <= 0:
        return None
    middle = inner[k2 + 1:k].strip()
    words = middle.split()
    if not words or not middle[:1].islower() or words[-1].lower().strip("’'s") not in lexicon.roles()[0]:
        return None
    head = inner[:k2]
    m = _NAME_RUN_END.search(head)
    name = m.group(1) if m else ""
    if not name or name.split()[0].lower() in _PREPOSITIONS or lexicon.org_phrases().find(name):
        return None
    start = k2 - len(name)
    return start, k2, k2 + 1


#: how many space-separated chunks before a cue the speaker's phrase is first looked for in: the whole segment is
#: read only when the phrase may reach further back, not once per cue of a long sentence (quadratic)
_TAIL_CHUNKS = 48


class _Further(Exception):
    """The words after the cut ran out before the phrase's boundary: read the whole segment."""


def _tail_cut(seg: str, chunks: int) -> int:
    """A space of ``seg`` with ``chunks`` spaces after it (words never hold a space, so the words after it are the
    words of the whole segment that follow it), or 0 for a segment that short."""
    pos = len(seg)
    for _ in range(chunks):
        pos = seg.rfind(" ", 0, pos)
        if pos <= 0:
            return 0
    return pos


def _head_phrase(text: str, lo: int, seg: str, end: int, description: str) -> Speaker | None:
    """The noun phrase that ends ``seg`` (what a relative pronoun refers to, for "many of whom"), trimmed of leading
    function words and of a trailing modifier (which joins the description). Read in the last words of ``seg``
    first, and in all of it only when those run out before the phrase's boundary: the same answer, in time that
    does not grow with the sentence."""
    cut = _tail_cut(seg, _TAIL_CHUNKS)
    if cut:
        try:
            return _head_phrase_from(text, lo, seg, end, description, cut)
        except _Further:
            pass
    return _head_phrase_from(text, lo, seg, end, description, 0)


def _head_phrase_from(text: str, lo: int, seg: str, end: int, description: str, cut: int) -> Speaker | None:
    """:func:`_head_phrase` on the words of ``seg`` after ``cut``; raises :class:`_Further` when the answer may
    depend on words before it."""
    words = list(_WORD.finditer(seg, cut))
    if not words:
        if cut:
            raise _Further
        return None
    first, stopper = _np_start(seg, words)
    if cut and first == 0:
        raise _Further
    if stopper in ("and", "or") and 0 < first < len(words) and at_least(3):
        first = _left_conjunct(seg, words, first, cut)  # "Residents of Kharkiv and Sumy said": all of them
    at = None
    if stopper in ("who", "whom", "which") and (first >= len(words) or
                                                words[first].group().lower() in ("many", "some", "most", "all")):
        if cut:
            raise _Further  # the antecedent is read in the whole text before the pronoun
        pronoun = words[first - 1] if first < len(words) else words[-1]
        rel = pronoun.start()
        before = _QUANTIFIER_OF_END.sub("", seg[:rel]).rstrip(" ,–—-")
        bw = list(_WORD.finditer(before))
        first, _ = _np_start(before, bw)
        if not before or first >= len(bw):
            return None
        words, end = bw, lo + len(before)
        at = (lo + rel, lo + pronoun.end())
    if first >= len(words):
        return None
    s = lo + words[first].start()
    raw = text[s:end].rstrip(" ,")
    phrase = _LEAD_JUNK.sub("", raw)
    s += len(raw) - len(phrase)
    trim = _SPEAKER_TRIM.search(phrase)
    if trim and trim.start() > 0:
        description = (phrase[trim.start():].strip() + " " + description).strip()
        phrase = phrase[:trim.start()]
    phrase = phrase.strip(" ,–—-")
    if not phrase or not _looks_like_np(phrase):
        return None
    return Speaker(s, s + len(phrase), phrase, description, at)


def _left_conjunct(seg: str, words: list[re.Match[str]], first: int, cut: int = 0) -> int:
    """Where a coordinated speaker starts when the noun phrase before a cue stopped at "and"/"or" (revision 3):
    the conjunct before it, when that is a short noun phrase with no verb ("Soldiers and their relatives say",
    "Experts on North Korea and nuclear nonproliferation said"); else ``first`` ("The shelling stopped and residents
    said": "stopped" is a verb)."""
    conj = first - 1
    left = words[:conj]
    if not left:
        if cut:
            raise _Further
        return first
    start, _ = _np_start(seg, left, words[conj].start())
    if cut and start == 0:
        raise _Further
    run = [w.group() for w in left[start:]]
    if not run or len(run) > 6 or not (run[0][:1].isupper() or run[0].lower() in _CONJUNCT_OPENERS):
        return first
    if any(w[:1].islower() and (w.lower() in _CONJUNCT_VERBS or w.lower().endswith("ed")) for w in run):
        return first
    return start if _conjunct_head(run[-1]) else first


def _conjunct_head(word: str) -> bool:
    """Whether the last word of a left conjunct can head a noun phrase of speakers: a name ("Korea", "Kharkiv") or a
    plural noun ("officials", "Soldiers"), not an adjective ("Western and Ukrainian rhetoric", "the minister for
    economic and energy affairs", "a civilian and military administrator")."""
    low = word.lower()
    if word[:1].isupper():
        return not low.endswith(("an", "ern", "ese", "ish", "ic", "al", "ian"))
    return low.endswith("s") and not low.endswith(("ss", "us", "is"))


#: words a coordinated speaker may start with in lower case ("many soldiers and their wives say")
_CONJUNCT_OPENERS = frozenset("the a an many some most several both all two three four five his her their its our "
                              "local ukrainian russian western officials soldiers residents".split())

#: verbs and auxiliaries that show a conjunct is a clause, not a noun phrase
_CONJUNCT_VERBS = frozenset("is are was were has have had will would can could may might must do does did said says "
                            "told stopped began ended fell rose went came left".split())


#: an inverted speaker with a modifier: "a source (involved in …|familiar with …|who …|close to …)"
_DESCRIBED_AFTER = compile_regex(
                                 _words(r"\s{1,80}+((?:@speaker_phrases.described_after.1@)\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+)\s+((?:@speaker_phrases.described_after.2@)"
                                        r"\b[^.;]{0,120}?)(?=\s*[.;]|\s*$)"))


_NAME_AFTER = compile_regex(_words(r"\s{1,80}+((?:the\s+|a\s+|an\s+)?[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|@speaker_phrases.name_after@|"
                                   r"al-\w+))*)"))


_DESCRIPTION_AFTER_NAME = compile_regex(_words(r",\s*(?:\d{1,2},\s*)?((?:@speaker_phrases.description_after_name@)\b[^.;]*?)(?=[.;]|\s*$|"
                                               r",\s*(?:said|adding|noting)\b)"))


_NOUN_PHRASE_AFTER = compile_regex(_words(r"\s{1,80}+((?:@speaker_phrases.noun_phrase_after@)\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+)(?=\s*[,.;]|"
                                          r"\s*$)"))


_POSSESSED_AFTER = compile_regex(r"\s{1,80}+((?:its|his|her|their|our)\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+)(?=\s*[,.;]|\s*$)")


_NAME_AFTER_COMMA = compile_regex(r",\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3})(?=\s*[.,;]|\s*$)")


def speaker_after(text: str, pos: int, hi: int) -> Speaker | None:
    """An inverted speaker right after a cue ("…,” said Michael Kofman, an expert on …)."""
    titled = _titled_name(text, pos, hi)
    if titled is not None:
        return titled
    m = _NAME_AFTER.match(text[pos:hi])
    people = _person_after(text[pos:hi]) if m and speaker_fixes() and \
        _nationality_before_noun(m.group(1), text[pos + m.end(1):hi]) else None
    if not m or people:  # quotes.v8: "said a Russian soldier" is the soldier, not "a Russian"
        m = people or _NOUN_PHRASE_AFTER.match(text[pos:hi])
        if not m and at_least(2):  # "…, said its foreign minister, Sergei Lavrov."
            m = _POSSESSED_AFTER.match(text[pos:hi])
        if not m:  # "says a source involved in the super-PAC’s creation": the head, and what describes it
            m = _DESCRIBED_AFTER.match(text, pos, hi)
            if not m:
                return None
            name = m.group(1)
            return Speaker(m.start(1), m.start(1) + len(name), name, m.group(2).strip())
        named = _NAME_AFTER_COMMA.match(text[pos + m.end(1):hi])
        if named:  # "said the spokesman, John Kirby."
            person = named.group(1).rstrip(".")
            s = pos + m.end(1) + named.start(1)
            return Speaker(s, s + len(person), person, m.group(1))
    name = m.group(1).rstrip(" .")
    s = pos + m.start(1)
    rest = text[s + len(name):hi]
    description = ""
    am = _DESCRIPTION_AFTER_NAME.match(rest)  # "said Andrei Ivanov, 22, a conscript captured near Kyiv"
    if am:
        description = am.group(1)
    return Speaker(s, s + len(name), name, description)


_LOWER_WORD_NEXT = compile_regex(r"(?<!\s)\s++[a-z]")  # (?<!\s): a search tries a run of spaces once


def _nationality_before_noun(name: str, rest: str) -> bool:
    """quotes.v8: an inverted speaker read as "a Russian" whose capitalised word is a side word and a lower-case
    word follows ("said a Russian soldier", "said the Ukrainian military"): an adjective, not the speaker."""
    words = name.split()
    return len(words) == 2 and words[0].lower() in ("a", "an", "the") and words[1].lower() in lexicon.sides()[0] \
        and bool(_LOWER_WORD_NEXT.match(rest))


def _person_after(rest: str) -> re.Match[str] | None:
    """quotes.v8: the noun phrase after a cue when its head names a person or people ("a Russian soldier", "the
    Ukrainian officials"); None for anything else ("the Russian claims were false", "a Russian courtroom that …")."""
    m = _NOUN_PHRASE_AFTER.match(rest)
    return m if m and _agent_noun(m.group(1).split()[-1].lower()) else None


_TITLED = compile_regex(r"\s{1,80}+((?:[a-z][\w’'-]{0,100}+\s+|[A-Z]{2,}[\w-]{0,100}+\s+){1,5}?)([A-Z][a-z’'][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|de|van|von|bin))*)")


#: a singular agent noun before a name ("strategist", "lobbyist", "researcher", "spokeswoman")
_AGENT_SINGULAR = compile_regex(_words(r"(?<![a-z])[a-z]{3,}(?:ist|[^eh]er|@speaker_phrases.agent_singular@)"))


#: lower-case words before a capitalised title ("retired Army Lt. Gen.", "former Sen.", "then-Gov.")
_PRE_TITLE = frozenset("retired former then acting late current outgoing incoming interim ex".split())


#: lower-case words that may follow a speaker's name after the cue ("said Petrenko, who …", "said Petrenko in …")
_AFTER_NAME = frozenset("who whose said says told added in on at of for to and during after before from with as "
                        "when while last this".split())


_NEXT_LOWER_WORD = compile_regex(r"\s{1,80}+([a-z][\w’'-]*)")


def _titled_name(text: str, pos: int, hi: int) -> Speaker | None:
    """``said analyst and former officer Ivan Petrenko``, ``said former defence minister Oleksii Reznikov``: a name
    after lower-case descriptors of which the last is a role noun or a title; the descriptors describe it."""
    m = _TITLED.match(text, pos, hi)
    if not m:
        return None
    nxt = _NEXT_LOWER_WORD.match(text[m.end(2):hi])
    if nxt and nxt.group(1) not in _AFTER_NAME:
        return None  # "said the veteran Russian diplomat Sergei Lavrov": "Russian" is no name here
    words = m.group(1).split()
    roles, titles = lexicon.roles()[0], lexicon.word_set("titles.txt")
    titled = all(w in _PRE_TITLE for w in words) and len(m.group(2).split()) >= 2  # "retired Army Lt. Gen. X"
    if any(w in _NO_COMPLEMENT - {"and", "of", "for"} or w in lexicon.word_set("pronouns.txt") for w in words) \
            or (words[-1] not in roles and words[-1] not in titles and not _AGENT_SINGULAR.fullmatch(words[-1])
                and not titled):
        return None
    name = m.group(2).rstrip(" .")
    return Speaker(m.start(2), m.start(2) + len(name), name, m.group(1).strip())


_NOT_HEAD = frozenset(
    "to last next past month months week weeks year years day days time times ago then now later earlier more less "
    "most likely also just only even still here there this that these those it its such other same "
    "in on at of for with by from about into onto over under as than".split()
)


#: a plural agent noun, a speaker on its own ("forecasters say", "analysts believe", "historians note")
_AGENT_PLURAL = compile_regex(_words(r"(?<![a-z])[a-z]{3,}(?:@speaker_phrases.agent_plural@)"))


def _agent_noun(word: str) -> bool:
    """A lower-case noun that names who speaks on its own: a role ("officials"), "sources", or a plural agent noun
    ("analysts", "residents")."""
    return word in lexicon.roles()[0] or word in lexicon.word_set("speaker_nouns.txt") \
        or bool(_AGENT_PLURAL.fullmatch(word))


def _looks_like_np(phrase: str) -> bool:
    """A speaker is a noun phrase: not a time expression, a number, or a phrase ending in a function word."""
    words = phrase.split()
    if not words or len(words) > 14:
        return False
    head = words[-1].lower().strip(".,")
    if (head in _NOT_HEAD and words[-1][:1].islower()) or head.isdigit() or (len(words) > 1 and words[-2].lower() in ("last", "next", "this")):
        return False
    if words[-1].lower() in lexicon.word_set("boundaries.txt") or words[-1].lower() in lexicon.word_set("aux.txt"):
        return False
    first = words[0].lower().strip(",")
    if first in {"it", "there", "this", "what", "which", "to", "not", "no"} and len(words) == 1:
        return False
    agents = len(words) > 1 and bool(_AGENT_PLURAL.fullmatch(words[-1]))  # "hacking specialists", "voting members"
    if first in lexicon.word_set("not_speakers.txt") or (words[0][0].islower() and first.endswith("ing")
                                                         and not agents):
        return False
    if words[-1][0].islower() and words[-1].endswith("ing") and len(words) > 1 and not (
            words[0].lower() in ("the", "a", "an", "this", "that", "new", "recent", "latest", "our", "their", "its")
            and words[-2].lower() not in lexicon.word_set("aux.txt")):
        return False  # "he will be generating" (but "the same polling suggests" is a noun phrase)
    if len(words) == 1 and words[0][0].islower():  # one lower-case word: a pronoun, a role or "sources"
        return first in lexicon.word_set("pronouns.txt") or _agent_noun(first)
    return not (words[0][0].islower() and words[0].endswith("ed") and len(words) > 1)


#: words after a speech verb that start something other than its reported clause ("said in a statement")
_NO_COMPLEMENT = frozenset(
    "in on at during after before to of about for with by from as and but or so than while when because if "
    "yes no goodbye hello thanks nothing something anything little much more less what why how where whether "
    "only just also later earlier previously recently again".split()
)
