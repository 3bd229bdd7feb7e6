"""Finding quotes and their attribution clauses, one paragraph at a time.

The finder works on a *masked* copy of each paragraph, in which the words between quotation marks are blanked
out: a cue verb inside a quote ("we were told") is then never taken for the writer's attribution, and sentence
ends are found outside quotes only. Each sentence is read once: its cue verbs (lexicon.cues) give attribution
clauses (``speaker cue`` before or after the content, ``according to X``), the marked spans are attached to the
nearest clause, and cue verbs left over with a complement clause give the indirect quotes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..layers.marks import Marked, blank
from ..layers.sentences import has_sentence_end, masked_sentences
from ..lexicons import compile_regex
from . import lexicon

_WORD = compile_regex(r"\d{1,3}(?:,\d{3})+|[\w’'.&-]+")
_ACCORDING = compile_regex(r"\b[Aa]ccording to\s+")
_THAT = compile_regex(r"\s*(?:that\b|:|,)?\s*")
_TELL_OBJ = compile_regex(
                          r"\s{0,80}+(?:(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+|its\s+)?(?:[A-Z][\w’'.&-]{0,100}+\s++)*[A-Z][\w’'.&-]{0,100}|me|us|him|"
                          r"her|them|you|"
                          r"reporters|journalists|lawmakers|supporters|the\s+\w+|a\s+\w+(?:\s+\w+)?|his\s+\w+(?:\s+\w+)?|"
                          r"her\s+\w+(?:\s+\w+)?|their\s+\w+(?:\s+\w+)?)(?=[\s,:.])"
                          )
_ADVERBIAL = compile_regex(
                           r"\s{0,80}+(?:,\s{0,80}+)?(?:(?:on|last|this|early|late|later|earlier)\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|"
                           r"Friday|Saturday|Sunday|week|month|year|night|morning|evening|afternoon|day)|Monday|Tuesday|Wednesday|"
                           r"Thursday|Friday|Saturday|Sunday|yesterday|today|recently|previously|earlier|later|repeatedly|also|"
                           r"(?!only\b|early\b|family\b|july\b|italy\b)[a-z]{3,100}ly(?=\s+that\b)|"
                           r"in an? (?:\w+\s+){0,2}(?:statement|interview|briefing|speech|post|tweet|video|letter|message|report|"
                           r"conference|call|address)(?:\s+(?:with|to|on)\s+(?:[\w’'.-]++\s*){0,3}?[\w’'.-]+\s*)?)\b\s*,?"
                           )
_SPEAKER_TRIM = compile_regex(
                              r"(?<!\s)\s++(?:who|whose|which|that|where|when|while|whom)\b.*$|(?<!\s)\s++(?:[a-z]+ed|[a-z]+en|known|seen|shown)\s+by\b.*$|"
                              r"(?<=[a-z])\s+with\s+(?:more\s+than\s+|about\s+|over\s+|nearly\s+)?(?:\d|a\s|an\s|hundreds|thousands|millions)"
                              r".*$|"
                              r"(?<!\s)\s++(?:interviewed|caught|held|filmed|speaking|shown|seen|heard|quoted|cited|captured|taken|wounded|injured|"
                              r"killed|detained|stationed|deployed|based|fighting|serving|trapped)\s+(?:by|in|on|at|with|to|near|outside|"
                              r"inside|around|from|during|after|behind)\b.*$",
                              re.S,
                              )
_LEAD_JUNK = compile_regex(r"^(?:(?:But|And|Yet|So|Also|Still|Even|Now|Then|However|Meanwhile|Instead|Indeed|Moreover|"
                           r"With|By|From|For|Of|In|On|At|To|Like|Unlike|Among|After|Before|When|While|If|As|Since|"
                           r"Although|Though|Because|Once|Until|Unless|"
                           r"Later|Earlier|Previously|Separately|Today|Yesterday|Recently|Finally|Afterwards|Again|"
                           r"and|but|yet|so|also|with|by|from|for|of|in|on|at|to\s+[a-z]+|to|[a-z]+ed\s+(?:of|by|to|from|with|for))"
                           r"\b[\s,]*)+")


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    text: str
    cls: str


@dataclass(slots=True)
class Speaker:
    """A speaker mention as written: ``[start, end)`` of the noun phrase, with the apposition that describes it."""

    start: int
    end: int
    text: str
    description: str = ""
    #: the mention at the cue when it is not the phrase itself ("O’Malley, who noted": the "who")
    at: tuple[int, int] | None = None


@dataclass(slots=True)
class Found:
    """A quote before speakers are resolved: content span, kind, attribution (cue, speaker mention), via."""

    start: int
    end: int
    kind: str
    cue: Cue | None = None
    speaker: Speaker | None = None
    via: list[str] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.5
    marked: Marked | None = None
    continues_prev: bool = False


# -- sentences on the masked paragraph ---------------------------------------------------------------------------


_ATTRIBUTION_AFTER = compile_regex(r"\s{1,80}+((?:[A-Z][\w’'.-]{0,100}|the|a|an|he|she|they|one|another)(?:\s+[\w’'.,-]+){0,5}?)[.!?]")


def _is_trailing_attribution(masked: str, pos: int) -> bool:
    """After a closing mark: is the next "sentence" only its attribution ("…?” Sanders replied.")?"""
    m = _ATTRIBUTION_AFTER.match(masked, pos)
    return m is not None and bool(lexicon.cues().phrases.find(m.group(1)))


def sentences(masked: str, lo: int) -> list[tuple[int, int]]:
    """Sentence spans of a masked paragraph (the splitter's masked mode); a quote's trailing attribution stays in
    the quote's sentence."""
    return masked_sentences(masked, lo, _is_trailing_attribution)


# -- noun phrases around a cue -----------------------------------------------------------------------------------


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


def _last_word(text: str, lo: int, pos: int) -> tuple[str, int]:
    """The word that ends ``text[lo:pos]`` (trailing blanks skipped) and its start; ("", pos) if none."""
    end = pos
    while end > lo and text[end - 1].isspace():
        end -= 1
    start = end
    while start > lo and (text[start - 1].isalnum() or text[start - 1] in "’'-_"):
        start -= 1
    return text[start:end], start


def _np_start(seg: str, words: list[re.Match[str]]) -> tuple[int, str]:
    """Index of the first word of the noun phrase that ends ``seg``, and the boundary word that stopped it."""
    stop = lexicon.word_set("boundaries.txt")
    forms = lexicon.cues().forms
    first = len(words)
    for j in range(len(words) - 1, -1, -1):
        w = words[j]
        between = seg[w.end():words[j + 1].start()] if j + 1 < len(words) else seg[w.end():]
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


_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|" \
          r"Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
#: a time or setting adverbial between a speaker and the cue ("Spicer on Thursday evening said", "she in a
#: statement said", "Ms. Lee last week said"): skipped when reading the speaker backwards from the cue
_ADVERBIAL_BACK = compile_regex(
                                r",?\s{1,80}+(?:(?:on|late|early)\s+)?(?:" + _DAYS + r"(?:\s+(?:morning|afternoon|evening|night))?|"
                                r"(?:last|this|next|earlier|later)\s+(?:week|month|year|weekend|spring|summer|fall|autumn|winter|night|"
                                r"morning|evening|" + _DAYS + r")|(?:in|on|during|since)\s+(?:early\s+|late\s+|mid-)?(?:" + _MONTHS +
                                r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?|\d{4})|"
                                r"(?:in|on|at|during)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w’'-]+\s+){0,2}(?:statement|interview|speech|"
                                r"letter|post|tweet|video|email|e-mail|briefing|report|op-ed|memo|conference|call|address|hearing|appearance|"
                                r"debate|rally|sermon)|on\s+(?:Twitter|Facebook|Telegram|Instagram|television|TV|radio|air)|"
                                r"with\s+(?:more\s+than\s+|about\s+|over\s+|nearly\s+|some\s+)?[\d,.]+(?:\s+(?:million|thousand))?\s+"
                                r"(?:followers|subscribers|members|readers|viewers|fans)|"
                                r"(?:had|has|have)\s+(?:this|these\s+words|the\s+following|something|much|little|plenty|more)\s+to)\s*,?\s*$")
#: how far back from a cue the patterns above can start (their longest match, with room)
_BACK_WINDOW = 160

#: subject pronouns: always a whole noun phrase ("in September she said")
_SUBJECT_PRONOUNS = frozenset("he she they i we you".split())
#: a share of people as a speaker ("six in 10 say", "46 percent of voters said", "a majority said")
_SHARE = compile_regex(r"(?:(?:more|fewer|less)\s+than\s+|about\s+|nearly\s+|almost\s+|roughly\s+|over\s+)?"
                       r"\w{1,100}+\s+(?:in|out\s+of)\s+(?:10|ten|\d+)(?:\s+\w{1,100}+)?\s*$|"
                       r"\d{1,100}+(?:\.\d{1,100}+)?\s*(?:%|percent|per\s+cent)(?:\s+of\s+(?:the\s+)?[\w’'-]{1,100}+(?:\s+[\w’'-]{1,100}+)?)?\s*$",
                       re.I)
#: an aside between a subject and its verb: ", like Rubio and Bush," / ", including X," / ", such as X,"
_ASIDE = compile_regex(r",\s+(?:like|including|such\s+as|among\s+them|especially|notably)\s+[^,;:()]{1,80},\s*$")


_CONJUNCTION = compile_regex(r"(?:and|but|or|then|also|yet|so)\b")
_ING_WORD = compile_regex(r"(?<!\w)\w+ing\b")
_AGE_END = compile_regex(r",\s*\d{1,2}\s*$")
_QUANTIFIER_OF_END = compile_regex(r"(?:(?:many|some|most|all|none|one|each)\s+of)?\s*$")


def speaker_before(text: str, masked: str, lo: int, cue_start: int, base: int) -> Speaker | None:
    """The noun phrase that ends right before a cue (after auxiliaries), with an apposition ("X, an expert, said").

    ``masked`` is indexed from ``base``; ``lo`` is the earliest offset the phrase may start at. A passive ("we were
    told") has no speaker here; a relative clause ("soldiers – many of whom have claimed") gives its antecedent.
    """
    end, passive = _strip_aux_back(masked, lo - base, cue_start - base)
    for _ in range(2):  # "Spicer on Thursday evening said", "the hawks, like Rubio and Bush, say"
        window = max(lo - base, end - _BACK_WINDOW)  # the patterns end at ``end``: no need to try every start
        adv = _ADVERBIAL_BACK.search(masked, window, end) or _ASIDE.search(masked, window, end)
        if adv is None or adv.start() <= lo - base:
            break
        end, more_passive = _strip_aux_back(masked, lo - base, adv.start())
        passive = passive or more_passive
    end += base
    pron, pron_at = _last_word(masked, lo - base, end - base)
    if pron.lower() in _SUBJECT_PRONOUNS and not passive:  # "Although in September she said"
        s = pron_at + base
        return Speaker(s, s + len(pron), text[s:s + len(pron)])
    share = _SHARE.search(masked, max(lo - base, end - base - _BACK_WINDOW), end - base)
    if share is not None and not passive and (share.start() == lo - base or not masked[share.start() - 1].isalnum()):
        s = share.start() + base
        e = s + len(share.group().rstrip())
        phrase = _LEAD_JUNK.sub("", text[s:e])
        if phrase:
            return Speaker(e - len(phrase), e, phrase)
    close = len(masked[:end - base].rstrip())
    if masked[close - 1:close] == ")":  # "Sen. Bernie Sanders (I-Vt.) said": skip the bracket
        opening = masked.rfind("(", lo - base, close)
        if 0 <= opening and close - opening <= 30:
            bracketed = speaker_before(text, masked, lo, base + opening, base)
            if bracketed is not None:
                return bracketed
    cue_word = masked[cue_start - base:cue_start - base + 12]
    if passive and not _ING_WORD.match(cue_word):
        return None
    seg = masked[lo - base:end - base]
    description = ""
    stripped = seg.rstrip()
    tag = _PARTY_TAG.search(stripped)
    if tag:  # "Jack Reed, D-R.I., said": the party and state describe the name before them
        description, seg = tag.group().strip(" ,"), seg[:tag.start()]
        end = lo + len(seg)
        stripped = seg.rstrip()
    if stripped.endswith(","):  # "Michael Kofman, an expert on ..., said" / "Her campaign manager, Robby Mook, said"
        inner = stripped[:-1]
        k = inner.rfind(",")
        if k <= 0:
            return None
        second = inner[k + 1:].strip()
        if _CONJUNCTION.match(second):
            return None  # "X sought to calm his supporters, and took a heckler in stride, saying": no apposition
        before_comma = _last_words(inner[:k], 5)
        if second[:1].islower() or (_is_name(before_comma) and not _is_name(second)):
            description = second
            seg = inner[:k]
            end = lo + k
            age = _AGE_END.search(seg)  # "Andrei Ivanov, 22, a conscript from Buryatia, said"
            if age:
                seg, end = seg[:age.start()], lo + age.start()
        elif _is_name(second):
            s2 = lo + k + 1 + (len(inner[k + 1:]) - len(inner[k + 1:].lstrip()))
            return Speaker(s2, s2 + len(second), text[s2:s2 + len(second)], _last_words(inner[:k], 8))
        else:
            return None
    words = list(_WORD.finditer(seg))
    if not words:
        return None
    first, stopper = _np_start(seg, words)
    if stopper in ("who", "whom", "which") and (first >= len(words) or
                                                words[first].group().lower() in ("many", "some", "most", "all")):
        pronoun = words[first - 1] if first < len(words) else words[-1]
        rel = pronoun.start()
        before = _QUANTIFIER_OF_END.sub("", seg[:rel]).rstrip(" ,–—-")
        bw = list(_WORD.finditer(before))
        first, _ = _np_start(before, bw)
        if not before or first >= len(bw):
            return None
        words, end = bw, lo + len(before)
        at = (lo + rel, lo + pronoun.end())
    else:
        at = None
    if first >= len(words):
        return None
    s = lo + words[first].start()
    raw = text[s:end].rstrip(" ,")
    phrase = _LEAD_JUNK.sub("", raw)
    s += len(raw) - len(phrase)
    cut = _SPEAKER_TRIM.search(phrase)
    if cut and cut.start() > 0:
        description = (phrase[cut.start():].strip() + " " + description).strip()
        phrase = phrase[:cut.start()]
    phrase = phrase.strip(" ,–—-")
    if not phrase or not _looks_like_np(phrase):
        return None
    return Speaker(s, s + len(phrase), phrase, description, at)


#: an inverted speaker with a modifier: "a source (involved in …|familiar with …|who …|close to …)"
_DESCRIBED_AFTER = compile_regex(
                                 r"\s{1,80}+((?:a|an|the|one|another)\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+)\s+((?:who|involved|familiar|close|with|from|at|"
                                 r"of|in|on|for|briefed|speaking|knowledgeable|based)\b[^.;]{0,120}?)(?=\s*[.;]|\s*$)")


_NAME_AFTER = compile_regex(r"\s{1,80}+((?:the\s+|a\s+|an\s+)?[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*"
                            r"|of|the|for|de|von|van|bin|al-\w+))*)")
_DESCRIPTION_AFTER_NAME = compile_regex(r",\s*(?:\d{1,2},\s*)?((?:a|an|the|who|one|another)\b[^.;]*?)(?=[.;]|\s*$|,\s*(?:said|adding|noting)\b)")
_NOUN_PHRASE_AFTER = compile_regex(r"\s{1,80}+((?:a|an|the|one|another)\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+)(?=\s*[,.;]|\s*$)")
_NAME_AFTER_COMMA = compile_regex(r",\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3})(?=\s*[.,;]|\s*$)")


def speaker_after(text: str, pos: int, hi: int) -> Speaker | None:
    """An inverted speaker right after a cue ("…,” said Michael Kofman, an expert on …)."""
    titled = _titled_name(text, pos, hi)
    if titled is not None:
        return titled
    m = _NAME_AFTER.match(text[pos:hi])
    if not m:
        m = _NOUN_PHRASE_AFTER.match(text[pos:hi])
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


_TITLED = compile_regex(r"\s{1,80}+((?:[a-z][\w’'-]{0,100}+\s+|[A-Z]{2,}[\w-]{0,100}+\s+){1,5}?)([A-Z][a-z’'][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|de|van|von|bin))*)")


#: a singular agent noun before a name ("strategist", "lobbyist", "researcher", "spokeswoman")
_AGENT_SINGULAR = compile_regex(r"(?<![a-z])[a-z]{3,}(?:ist|[^eh]er|or|ian|ant|ent|man|woman|person)")


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
_AGENT_PLURAL = compile_regex(r"(?<![a-z])[a-z]{3,}(?:ers|ors|ists|ians|ants|ents|ics|ees|officials|experts|analysts|"
                              r"scholars|leaders|members|groups|residents|citizens|observers|witnesses|activists)")


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


# -- the sentence reader -----------------------------------------------------------------------------------------


#: words that make "show(s)" a noun ("chat shows", "a TV show")
_SHOW_NOUNS = frozenset("chat talk game tv television radio news road air trade fashion art reality cooking morning "
                        "late-night variety comedy puppet slide horse".split())

#: prepositions before a gerund: "about continuing", "of saying", "for criticizing"
_GERUND_BEFORE = frozenset("about of for without from into on upon toward towards against".split())

#: words after which a cue form is a noun or an adjective ("amid reports", "the alleged pause")
_NOMINAL_BEFORE = frozenset(
    "the a an amid of new media news these those such many some following countless recent earlier with by in on "
    "no any her his their its our my your this that numerous multiple several".split()
)


#: words that are a speaker on their own before a verb ("many believe", "some said") but a determiner before a noun
_QUANTIFIERS = frozenset("many some most several few both all numerous multiple".split())


#: the possessor right before a noun of saying: a name or noun with "'s", or a possessive pronoun
_POSSESSOR = compile_regex(r"(?:\b(?:[Tt]he\s+)?(?:[\w.-]{1,100}+\s+){0,3}?([\w.-]{1,100})(?:’s|'s|s’)|\b([Hh]is|[Hh]er|[Tt]heir|[Ii]ts))\s+(?:[a-z]+\s+)?$")

#: subjects after which a base form that is a noun too ("fear", "claim") is the verb
_SUBJECTS = _QUANTIFIERS | frozenset("i we they you who others".split())


def _verb_only(form: str) -> bool:
    """A cue form that is no noun: a past tense or a verb of saying or thinking ("many said", "some believe")."""
    return form.endswith("ed") or form in lexicon.word_set("verb_only_cues.txt")


_OBJECT_PRONOUN = compile_regex(r"\s{1,80}+(?:them|him|her|it|us|me)\b")
_NOUN_PHRASE_START = compile_regex(r"\s{1,80}+(?:the|a|an|that|he|she|they|it|we|his|her|their|its|this|these|those|[A-Z])")


def cues_in(masked: str, lo: int, s: int, e: int) -> list[Cue]:
    """Cue verbs of one sentence (outside quotes), skipping forms used as nouns or adjectives."""
    out = []
    cx = lexicon.cues()
    seg = masked[s - lo:e - lo]
    for a, b, form in cx.phrases.find(seg):
        prev, _ = _last_word(seg, max(0, a - 30), a)
        if prev and (prev.lower() in _NOMINAL_BEFORE or prev.endswith(("’s", "'s", "s’"))) \
                and not form.endswith("ing") and not (prev.lower() in _QUANTIFIERS and _verb_only(form)):
            continue  # "amid reports", "the alleged pause", "the Kremlin’s comments": nouns and adjectives
        if form in ("shows", "show") and prev.lower() in _SHOW_NOUNS:
            continue  # "political chat shows", "talk show": the noun
        if form.endswith("ing") and prev.lower() in _GERUND_BEFORE:
            continue  # "talked about continuing", "before saying": a gerund, not an attribution of its own
        out.append(Cue(s + a, s + b, form, cx.forms[form]))
    bases, classes = lexicon.noun_like_bases()
    for a, b, form in bases.find(seg):  # "we fear", "many know", "Democrats claim that …": verbs here
        prev, _ = _last_word(seg, max(0, a - 30), a)
        subject = prev.lower() not in _NOMINAL_BEFORE and (
            prev[:1].isupper() or (prev.endswith("s") and not prev.endswith(("’s", "'s", "ss"))))
        obj = _OBJECT_PRONOUN.match(seg[b:b + 6]) is not None  # "critics call them …"
        low = prev.lower()
        agent = (bool(_AGENT_PLURAL.fullmatch(low)) or (low.endswith("s") and _agent_noun(low))) and _NOUN_PHRASE_START.match(seg[b:b + 6]) is not None  # "American officials hope the …": a plural agent before a noun-like verb
        if prev.lower() in _SUBJECTS or ((seg.startswith(" that ", b) or obj) and subject) or agent:
            out.append(Cue(s + a, s + b, form, classes[form]))
    for m in lexicon.nominal_cue().finditer(seg):  # "the ministry's claim that …", "assurances by Putin that …"
        pm = _POSSESSOR.search(seg, max(0, m.start() - 70), m.start())
        if pm is not None or m.group(2):
            out.append(Cue(s + m.start(1), s + m.end(1), m.group(1), "nominal"))
    for m in _ACCORDING.finditer(seg):
        out.append(Cue(s + m.start(), s + m.start() + len(m.group().rstrip()), m.group().rstrip(), "according"))
    return sorted(out, key=lambda c: c.start)


_WORD_CHARS = compile_regex(r"[\w’'-]+")
_CLAUSE_SUBJECT = compile_regex(r"(?:he|she|they|it|we|i|you|there|this|these|those)\b", re.I)
_WH_WORD = compile_regex(r"(?:how|what|why|where|whether|who|when)\s")


def _content_after(text: str, masked: str, lo: int, cue: Cue, e: int) -> int | None:
    """Start of the complement of a cue: after an object ("told reporters"), adverbials and "that"."""
    pos = cue.end
    if cue.text.lower().startswith(("told", "tell", "inform", "assur", "remind", "warn", "brief", "ask", "urg")):
        m = _TELL_OBJ.match(masked, pos - lo)
        if m:
            pos = lo + m.end()
            later = _THAT_AFTER_OBJECT.match(masked, pos - lo, e - lo)
            if later and not cue.text.lower().startswith(("ask", "urg")):  # "told Ukrainian journalists in a
                return lo + later.start(1)  # video released by the SBU that …": the clause after the object
        else:  # "told battalion staff on Thursday that …": a longer object of common nouns, then the clause
            m = _TOLD_THAT.match(masked, pos - lo, e - lo) if not cue.text.lower().startswith(("ask", "urg")) else None
            if m and masked[:m.start(1)].split()[-1] not in ("so", "now", "order", "except", "given", "such"):
                return lo + m.start(1)
    for _ in range(3):
        m = _ADVERBIAL.match(masked, pos - lo)
        if not m or m.end() == pos - lo:
            break
        pos = lo + m.end()
    while pos < e and text[pos].isspace():
        pos += 1
    if pos >= e:
        return None
    nxt = masked[pos - lo:pos - lo + 40]
    if nxt.startswith(("that ", "that,")):
        return pos
    later = _LATER_THAT.match(masked, pos - lo, e - lo)  # "said during a news conference on Friday that …"
    if later:
        return lo + later.start(1)
    if nxt[:1] in ":":
        pos += 1
        while pos < e and text[pos].isspace():
            pos += 1
        return pos
    wh = _WH_WORD.match(nxt) is not None and \
        len(masked[pos - lo:e - lo].split()) >= 3
    if wh and cue.text.lower().startswith(_EXPLAINING):
        return pos  # "she explained why the unit withdrew", "described how the shelling began"
    if cue.cls in ("object", "belief", "evidence"):  # "wants a wall", "believes the plan …", "polls show …"
        first_word = _WORD_CHARS.match(nxt)
        if not first_word or first_word.group().lower() in _NO_COMPLEMENT - {"to", "for", "about", "as"} \
                or len(masked[pos - lo:e - lo].split()) < 3:
            return None
        return pos
    if cue.cls != "speech":
        clause = _CLAUSE_SUBJECT.match(nxt)
        return pos if clause and cue.cls == "belief" else None
    first = _WORD_CHARS.match(nxt)
    if not first:
        return pos if nxt[:1] in "“\"‘«" else None
    w = first.group().lower()
    asks = cue.text.lower().startswith(("ask", "urg", "told", "tell", "order", "instruct", "invit", "call"))
    if asks and w in ("to", "whether", "what", "how", "why", "if", "not"):
        return pos
    if w == "to" and cue.text.lower().startswith(_COMMISSIVES) and len(masked[pos - lo:e - lo].split()) >= 3:
        return pos  # "vowed to retake the city", "threatened to cut supplies": the promise is the content
    if w in _NO_COMPLEMENT or (cue.text.endswith("ing") and w == "to"):
        return None
    if len(masked[pos - lo:e - lo].split()) < 3:
        return None
    return pos


#: an impersonal passive right before its cue ("it was reported that", "it is widely believed that"): no speaker
_IMPERSONAL = compile_regex(r"\b[Ii]t\s+(?:is|was|has\s+been|had\s+been|will\s+be|is\s+being)\s+(?:[a-z]+ly\s+)?$")

#: verbs of explaining, whose complement may be a wh-clause ("explained why …", "described how …")
_EXPLAINING = ("explain", "describ", "reveal", "detail", "recount", "wonder", "recall", "outlin")

#: speech acts that commit the speaker to something: their "to"-complement is what they said they would do
_COMMISSIVES = ("vow", "pledg", "promis", "threat", "swear", "swore", "sworn")

#: the object of "told"/"informed"/"warned" (up to five lower-case or time words) and the "that" after it
_TOLD_THAT = compile_regex(r"\s{1,80}+(?:(?!that\b)(?:[a-z][\w’'-]{0,100}+|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                           r"\s+){1,5}?(that\b)")

#: the rest of a "told" object and its setting, up to the "that" of the reported clause (no clause punctuation)
_THAT_AFTER_OBJECT = compile_regex(r"(?!\s{0,80}+that\b)(?:\s{1,80}+(?!that\b)[\w’'-]{1,100}+){1,12}?\s+(that)\b(?!\s+(?:is|was|are|were|has|had)\b)")

_LATER_THAT = compile_regex(r"(?:in|on|at|during|after|before|to|with|from|of|earlier|later|last|this|posted|published|"
                            r"released|shared|aired|broadcast|issued|uploaded|obtained|seen|Monday|Tuesday|"
                            r"Wednesday|Thursday|Friday|Saturday|Sunday)\b[^,.;:“”\"]{0,70}?\s(that\b)")

#: words after a speech verb that start something other than its reported clause ("said in a statement")
_NO_COMPLEMENT = frozenset(
    "in on at during after before to of about for with by from as and but or so than while when because if "
    "yes no goodbye hello thanks nothing something anything little much more less what why how where whether "
    "only just also later earlier previously recently again".split()
)


#: a second reported clause of the same verb: "said that X and that Y"
_AND_THAT = compile_regex(r",?\s{1,80}+(?:and|but)\s+(that)\b")

_CLAUSE_STOP = compile_regex(r",\s+(?:but|while|whereas|according\s+to|([a-z]+ing))\b|;\s|,?\s{1,80}+and\s+(?:then\s+|also\s+)?([a-z]+(?:ed|ing|s)|said|told)\b")


def _clause_end(text: str, masked: str, lo: int, pos: int, e: int) -> int:
    """End of a reported clause: the sentence end, without its final punctuation, or an earlier comma that opens
    a contrast the writer adds ("…, but …", "…, while …") or a new attribution ("…, saying …")."""
    end = e
    for stop in _CLAUSE_STOP.finditer(masked, pos - lo, e - lo):  # "-ing": a new attribution ("…, saying …")
        if stop.group(1) and lexicon.cues().forms.get(stop.group(1)) != "speech":
            continue
        if stop.group(2) and stop.group(2) not in lexicon.cues().forms:  # "…, and accused …": a second report
            continue
        if stop.start() + lo - pos >= 12:
            end = lo + stop.start()
        break
    while end > pos and (text[end - 1] in ".!?…\"'”’») " or text[end - 1].isspace()):
        if text[end - 1] in "”»\"’" and end - 1 > pos and masked[end - 2 - lo] == "x":
            break
        end -= 1
    return end


#: a description before a name, its comma left open: "another friend, Mariam Emara told CNN"
_APPOSITION_BEFORE = compile_regex(r"(?:the|a|an|another|one|his|her|their|its)\s+[^,.;:]{1,60}")


_GAP_PUNCT = compile_regex(r"[\s,—–-]*")
_STRONG_PUNCT = compile_regex(r"[;:!?]")


def _trailing(text: str, masked: str, lo: int, cues: list[Cue], after: int, e: int) -> tuple[Cue, Speaker] | None:
    """``…, NP cue[ …].`` or ``…, cue NP[, apposition].`` right after ``after`` up to the sentence end."""
    m = _GAP_PUNCT.match(masked, after - lo)  # (not on a copy of the rest of the paragraph: quadratic)
    start = after + (m.end() - (after - lo) if m else 0)
    for cue in cues:
        if cue.start < start or cue.cls == "according":
            continue
        if cue.start == start:  # inverted: said Smith
            sp = speaker_after(text, cue.end, e)
            return (cue, sp) if sp else None
        sp = speaker_before(text, masked, start, cue.start, lo)
        gap = masked[start - lo:sp.start - lo].strip(" ,") if sp else ""
        open_comma = masked[start - lo:sp.start - lo].rstrip().endswith(",") if sp else False
        described = sp is not None and ((bool(sp.description) and gap.endswith(sp.description.strip(" ,")))
                                        or (open_comma and bool(_APPOSITION_BEFORE.fullmatch(gap)))) \
            and not _STRONG_PUNCT.search(gap)
        if sp and (not gap or described):  # "…,” the Moscow-appointed deputy leader of …, Kirill Stremousov, said
            if gap:
                sp.description = text[start:start + len(masked[start - lo:sp.start - lo].rstrip(" ,"))].strip(" ,")
            return cue, sp
        return None
    return None


#: after "according to X": ", " and a clause that goes on (not a relative, an apposition or a participle)
_AFTER_ACCORDING = compile_regex(r",\s+(?!(?:who|which|whose|where|when|a|an|and|but|or|as|in|on|at|for|with|by|from|"
                                 r"of|to|its|his|her|their|\w+ing|\w+ed)\b)(\S+(?:\s+\S+){2,})")


_ACCORDING_LONG = compile_regex(r"\s{0,80}+([\w’'.&/-]{1,100}+(?:\s++[\w’'.&/-]{1,100}+){0,19}?)(?=,)")
_ACCORDING_SHORT = compile_regex(r"\s{0,80}+([\w’'.&/-]{1,100}+(?:\s++[\w’'.&/-]{1,100}+){0,11}?)(?=,|\.\s*$|\s*$|\s+(?:that|which|who)\b)")


def _according(text: str, masked: str, lo: int, cue: Cue, e: int) -> Speaker | None:
    """The source after "according to": up to its comma (the usual case, however long the source: "according to
    early results of exit polls conducted for …, "), or up to the sentence end or a relative clause."""
    rest = masked[cue.end - lo:e - lo]
    m = _ACCORDING_LONG.match(rest) if cue.start == _sentence_start(masked, lo, cue) \
        else None
    if m is None:
        m = _ACCORDING_SHORT.match(rest)
    if not m:
        return None
    s = cue.end + m.start(1)
    phrase = text[s:cue.end + m.end(1)].rstrip(" .")
    return Speaker(s, s + len(phrase), phrase) if phrase else None


def _sentence_start(masked: str, lo: int, cue: Cue) -> int:
    """Where the sentence of ``cue`` starts, if the cue opens it (after blanks, marks or a bracket); else -1."""
    before = masked[:cue.start - lo].rstrip(" \t“\"‘'(«")
    return cue.start if not before or before[-1] in ".!?\n:" or before.endswith(("”", "’")) else -1


#: a sentence's introductory phrase, up to its comma ("Absent a strong defense of these programs, …")
_INTRO = compile_regex(
                       r"(?:(?:In|On|At|During|After|Before|Speaking|Earlier|Later|Asked|Absent|With|Without|Despite|Although|Though|"
                       r"While|When|As|Since|Because|If|Unlike|Like|For|From|Under|Over|Following|Amid|Given|Having|Now|Then|Still|Yet|"
                       r"But|And|However|Meanwhile|Instead|Also|Last|This|Next|Asked|[A-Z][a-z]+ed)\b[^,]{0,80},\s*)?"
                       )


#: a sentence that opens with a subordinate clause ("While X believe Y, …"): the clause ends at its comma
_SUBORDINATE = compile_regex(r"\s{0,80}+(?:While|Although|Though|Even though|Whereas|Because|Since|If|Unless|Even if|As)\s")

_DETERMINERS = frozenset("the a an his her their its this that these those some many most several our my".split())


def _object_speaker_ok(sp: Speaker) -> bool:
    """A stance verb ("plans", "support", "call") is often a noun: its speaker must look like one, a name, a
    pronoun, a role or a plural."""
    words = sp.text.split()
    last = words[-1]
    low = last.lower().strip(",.")
    if words[0].lower() in _DETERMINERS and not low.endswith(("ive", "ous", "ful", "al", "ing", "ed")):
        return True
    return last[:1].isupper() or low in lexicon.word_set("pronouns.txt") or low in lexicon.roles()[0] \
        or low in lexicon.word_set("speaker_nouns.txt") or (low.endswith("s") and not low.endswith("ss"))


_NAME_AT_END = compile_regex(r"((?:[A-Z][\w’'.-]{0,100}+\s++){0,3}[A-Z][\w’'.-]{0,100}+)\s*$")
_MIXED_STOP = compile_regex(r"\s[–—]\s|;|,\s*(?:according|[a-z]+\s+(?:said|says|told|added))\b|\(|,?\s{1,80}+(?:and|but)\s+that\b")
_ADVERBIAL_TAIL = compile_regex(r"^\s*(?:to\s+[\w’' .-]{0,40}?|in\s+[\w’' .-]{0,40}?|on\s+[\w’' .-]{0,30}?)?\s*[.!?…\"”’]*\s*$")
_TRAILING_SAID = compile_regex(r",\s*(?:(?:the\s+)?[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*)*|he|she|they)\s+"
                               r"(?:reported|said|says|added|reports)\s*$")
_SUBJECT_NP = compile_regex(r"(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother|(?:[A-Z][\w.-]{0,100}+\s++){0,20}[A-Z][\w.-]{0,100}+(?:’s|'s))\s+"
                            r"(?:[\w’'-]+\s+){0,4}?[\w’'-]+(?=\s+(?:was|is|were|are|has|had|could|can|would|will|\w+ed|"
                            r"(?!(?:his|this|its|us|as|thus|plus|was)\b)\w+s|sought|said|told|made|took|gave|went|came|found|"
                            r"thought|felt|knew|saw|began|became|kept|left|led|met|spoke|stood|won|wrote|got|held|brought)\b)")
_SUBJECT_NAME = compile_regex(r"(?:[A-Z][\w’'.-]{0,100}+\s++){0,20}[A-Z][\w’'.-]{0,100}+(?=\s+[a-z])")
_APPOSITION_TAIL = compile_regex(r"^,\s*(?:a|an|the|who|his|her|their|its|former|[\w.-]+(?:’s|'s))\b[^.;]*")
_WHO_BEFORE = compile_regex(r"\b(?:who|whom)\s+(?:\w+\s+){0,2}$")
_COMMA_WHO_BEFORE = compile_regex(r",\s*(?:who|whom)\s[^,]*$")
_OPEN_PUNCT_END = compile_regex(r"[,;:(]\s*$")
_DASH_COLON_END = compile_regex(r"[-–—:]\s*$")
_CLAUSE_PUNCT_INSIDE = compile_regex(r"[,;:]")


@dataclass
class SentenceReader:
    """Reads one sentence: attaches its marked spans to attribution clauses and finds its indirect quotes."""

    text: str
    masked: str
    lo: int
    s: int
    e: int
    marked: list[Marked]
    cues: list[Cue]
    out: list[Found] = field(default_factory=list)
    used: set[int] = field(default_factory=set)

    def run(self) -> list[Found]:
        cues = self.cues
        for i, m in enumerate(self.marked):
            self._marked(i, m, cues)
        self._indirect(cues)
        return self.out

    # marked spans ---------------------------------------------------------------------------------------------

    def _bounds(self, i: int) -> tuple[int, int]:
        prev_end = self.marked[i - 1].close_at + 1 if i > 0 else self.s
        nxt = self.marked[i + 1].open_at if i + 1 < len(self.marked) else self.e
        return max(prev_end, self.s), nxt

    def _marked(self, i: int, m: Marked, cues: list[Cue]) -> None:
        head_lo, tail_hi = self._bounds(i)
        open_at = m.open_at
        close = m.close_at + 1 if m.close_at >= 0 else m.end
        head = self.masked[head_lo - self.lo:open_at - self.lo]
        at_start = not head.strip(" —–-:")
        trail = _trailing(self.text, self.masked, self.lo, [c for c in cues if c.start >= close], close, tail_hi)
        lead = [c for c in cues if head_lo <= c.start and c.end <= open_at and c.start not in self.used]
        ends_clause = not self.masked[close - self.lo:tail_hi - self.lo].strip(" ,.;:!?—–-)\"”’")
        found = Found(m.start, m.end, "direct", marked=m, continues_prev=m.continues_prev)
        if trail and (at_start or head.rstrip().endswith((":", ","))):
            found.cue, found.speaker = trail
            found.rule, found.confidence = "marks+trailing", 0.9
            self.used.add(trail[0].start)
        elif head.rstrip().endswith(":") and self._colon_speaker(head_lo, open_at, found):
            found.rule, found.confidence = "marks+colon", 0.7
        elif lead and head.rstrip().endswith((":", ",")) and self._lead_speaker(lead[-1], found):
            found.rule, found.confidence = "marks+leading", 0.85
            if not self.text[m.start:m.start + 1].isupper() and not head.rstrip().endswith(":"):
                found.kind = "partial"
        elif at_start:
            content = self.text[m.start:m.end]
            if not trail and (len(content.split()) < 2 or content.rstrip().endswith(":")):
                return  # "Related:", a one-word title: nobody is quoted
            found.rule, found.confidence = ("marks", 0.6) if ends_clause or m.close_at < 0 else ("marks", 0.5)
            if trail:
                found.cue, found.speaker = trail
                self.used.add(trail[0].start)
                found.kind, found.rule = "partial", "marks+trailing"
        else:
            self._embedded(m, found, cues, head_lo, close, trail)
            if found.speaker is None and len(self.text[m.start:m.end].split()) >= 3 \
                    and self._split_from(i, head_lo, open_at, head, found):
                found.rule, found.confidence = "marks+split", 0.85
            if found.speaker is None and len(self.text[m.start:m.end].split()) < 4:
                return  # a scare quote ("special military operation") with nobody saying it
        self.out.append(found)

    def _split_from(self, i: int, head_lo: int, open_at: int, head: str, found: Found) -> bool:
        """``“…,” said Petrenko, speaking of the marines, “…”``: the second piece of a split quote has the speaker of
        the attribution between the pieces."""
        prev = self.out[-1] if self.out else None
        if i == 0 or prev is None or prev.marked is not self.marked[i - 1] or prev.speaker is None \
                or prev.cue is None or not head.rstrip().endswith(",") or not head_lo <= prev.cue.start < open_at:
            return False
        found.cue, found.speaker = prev.cue, prev.speaker
        if not self.text[found.start:found.start + 1].isupper():
            found.kind = "partial"  # as the embedded reading would call it: nested in a mixed quote, it is dropped
        return True

    def _coordinated(self, conj: int) -> Speaker | None:
        """The subject of the verb phrase before "and"/"but" (scanning back to a clause boundary)."""
        stop = lexicon.word_set("boundaries.txt")
        pos = conj
        for _ in range(8):
            w, start = _last_word(self.masked, self.s - self.lo, pos - self.lo)
            if not w or w.lower() in stop or _OPEN_PUNCT_END.search(self.masked[self.s - self.lo:pos - self.lo]):
                break
            pos = self.lo + start
            prev, _ = _last_word(self.masked, self.s - self.lo, start)
            if w[:1].islower() and (prev[:1].isupper() or prev.lower() in _SUBJECT_PRONOUNS):
                break  # "Ms. Sherry smiled and said": the verb phrase starts at "smiled"
        if pos == conj:
            return None
        return speaker_before(self.text, self.masked, self.s, pos, self.lo)

    def _colon_speaker(self, head_lo: int, open_at: int, found: Found) -> bool:
        """``Carl Bialik: “…”``: a name right before a colon introduces the quote."""
        head = self.text[head_lo:open_at].rstrip()[:-1]
        m = _NAME_AT_END.search(head)
        if not m or not _is_name(m.group(1)) or m.group(1).isupper():
            return False
        if head[:m.start(1)].strip() and not _DASH_COLON_END.search(head[:m.start(1)]):
            return False  # "Trump told the crowd in Georgia:" is not Georgia speaking
        s = head_lo + m.start(1)
        found.speaker = Speaker(s, s + len(m.group(1)), m.group(1))
        return True

    def _lead_speaker(self, cue: Cue, found: Found) -> bool:
        sp = speaker_before(self.text, self.masked, self.s, cue.start, self.lo)
        if sp is None and self.text[cue.start:cue.end].endswith("ing"):
            sp = self._subject()
        if sp is None and cue.cls == "according":
            sp = _according(self.text, self.masked, self.lo, cue, self.e)
        if sp is None:
            return False
        found.cue, found.speaker = cue, sp
        self.used.add(cue.start)
        return True

    def _subject(self) -> Speaker | None:
        """The sentence's first noun phrase after introductory phrases: the subject of an "-ing" cue."""
        seg = self.masked[self.s - self.lo:self.e - self.lo]
        m = _INTRO.match(seg)
        pos = self.s + (m.end() if m else 0)
        rest = self.masked[pos - self.lo:self.e - self.lo]
        nm = _SUBJECT_NP.match(rest) or \
            _SUBJECT_NAME.match(rest)
        if not nm:
            return None
        end, _ = _strip_aux_back(self.masked, pos - self.lo, pos - self.lo + nm.end())
        phrase = self.text[pos:self.lo + end]
        if not _looks_like_np(phrase):
            return None
        return Speaker(pos, pos + len(phrase), phrase)

    def _embedded(self, m: Marked, found: Found, cues: list[Cue], head_lo: int, close: int,
                  trail: tuple[Cue, Speaker] | None) -> None:
        """A quote inside the writer's sentence: partial, or mixed with the reported clause that holds it."""
        found.kind, found.rule, found.confidence = "partial", "marks-embedded", 0.4
        before = [c for c in cues if c.end <= m.open_at and c.start >= self.s]
        for cue in reversed(before):
            if cue.cls in ("according", "nominal"):
                continue
            participle = cue.text.endswith("ing") and self.masked[:cue.start - self.lo].rstrip().endswith(",")
            sp = None if participle else speaker_before(self.text, self.masked, self.s, cue.start, self.lo)
            if sp is None and cue.text.endswith("ing"):  # "…, saying": the subject of the clause it follows
                sp = (self._earlier_speaker(cue) if participle else None) or self._subject()
            if sp is None:
                conj, at = _last_word(self.masked, self.s - self.lo, cue.start - self.lo)
                if conj.lower() in ("and", "but"):  # "He said that …, and added that …": the first verb's subject
                    sp = self._earlier_speaker(cue) or self._coordinated(self.lo + at)
            if sp is None:
                continue
            found.cue, found.speaker, found.confidence = cue, sp, 0.7
            found.rule = "marks-embedded+cue"
            self.used.add(cue.start)
            start = _content_after(self.text, self.masked, self.lo, cue, m.open_at + 1)
            if start is not None and start <= m.open_at:
                self._mixed(found, start, close)
            return
        if trail:
            found.cue, found.speaker = trail
            found.rule, found.confidence = "marks-embedded+trailing", 0.7
            self.used.add(trail[0].start)
            self._mixed(found, self.s, close)
            return
        acc = [c for c in cues if c.cls == "according"]
        if acc:
            sp = _according(self.text, self.masked, self.lo, acc[0], self.e)
            if sp:  # the reported clause around it is read by _indirect (so the cue stays unused)
                found.cue, found.speaker, found.confidence = acc[0], sp, 0.65
                found.rule = "marks-embedded+according"

    def _mixed(self, found: Found, start: int, close: int) -> None:
        """Add the reported clause around a partial quote as a mixed quote (the partial stays as well)."""
        end = close
        rest = self.masked[close - self.lo:self.e - self.lo]
        stop = _MIXED_STOP.search(rest)
        if stop is None:
            end = _clause_end(self.text, self.masked, self.lo, close, self.e)
        else:
            end = close + stop.start()
        end = max(end, close)
        while end > start and self.text[end - 1] in " ,;:":
            end -= 1
        for f in self.out:  # a second quoted fragment of the same reported clause: one mixed quote
            if f.kind == "mixed" and f.start == start and f.cue is found.cue:
                again = list(_AND_THAT.finditer(self.masked, f.end - self.lo, found.start - self.lo))
                if not again:
                    f.end = max(f.end, end)
                    return
                start = self.lo + again[-1].start(1)  # "… that X “…” and that Y “…”": a second reported clause
                break
        self.out.append(Found(start, end, "mixed", found.cue, found.speaker, rule=found.rule + "+clause",
                              confidence=found.confidence))

    # indirect speech ------------------------------------------------------------------------------------------

    def _inside_marks(self, pos: int) -> bool:
        return any(m.open_at <= pos <= (m.close_at if m.close_at >= 0 else m.end) for m in self.marked)

    def _indirect(self, cues: list[Cue]) -> None:
        for k, cue in enumerate(cues):
            if cue.start in self.used or self._inside_marks(cue.start):
                continue
            if cue.cls == "according":
                self._according(cue)
                continue
            if cue.cls == "nominal":
                self._nominal(cue)
                continue
            if self._trailing_indirect(cue, cues[:k]):
                continue
            self._leading_indirect(cue)

    def _covered(self, start: int, end: int) -> bool:
        return any(f.start <= start and end <= f.end and f.kind in ("indirect", "mixed")
                   and (f.cue is None or f.cue.cls == "speech") for f in self.out)

    def _truncate_outer(self, sp: Speaker) -> None:
        """A new attribution inside an earlier reported clause ends that clause before its speaker ("…supporting
        the delay, multiple sources say it is …")."""
        for f in self.out:
            if f.kind in ("indirect", "mixed") and f.start < sp.start < f.end and f.cue and f.cue.cls != "speech":
                end = sp.start
                while end > f.start and self.text[end - 1] in " ,;:–—-":
                    end -= 1
                if len(self.text[f.start:end].split()) >= 2:
                    f.end = end

    def _add(self, start: int, end: int, cue: Cue, sp: Speaker | None, rule: str, conf: float) -> Found | None:
        while end > start and self.text[end - 1] in " ,;:–—-":
            end -= 1
        while start < end and self.text[start] in " ,;:–—-":
            start += 1
        if end - start < 8 or len(self.text[start:end].split()) < 2 or self._covered(start, end):
            return None
        kind = "mixed" if any(start <= m.start and m.end <= end for m in self.marked) else "indirect"
        found = Found(start, end, kind, cue, sp, rule=rule, confidence=conf)
        if sp is not None:
            self._truncate_outer(sp)
        self.out.append(found)
        self.used.add(cue.start)
        return found

    def _according(self, cue: Cue) -> None:
        sp = _according(self.text, self.masked, self.lo, cue, self.e)
        if sp is None:
            return
        quoted = [f for f in self.out if f.speaker is not None and f.cue is not None and f.cue.cls == "speech"
                  and f.end <= cue.start]
        if quoted and lexicon.org_phrases().find(sp.text):  # "…,” the Kremlin said, according to TASS: a relay
            for f in quoted:
                f.via.append(sp.text)
            return
        after = self.masked[sp.end - self.lo:self.e - self.lo]
        opens = not self.masked[self.s - self.lo:cue.start - self.lo].strip(" ,—–-")
        if opens and after.lstrip().startswith(","):  # According to X, CONTENT.
            start = sp.end + after.index(",") + 1
            self._add(start, _clause_end(self.text, self.masked, self.lo, start, self.e), cue, sp, "according-lead",
                      0.75)
        else:  # CONTENT, according to X.
            rest = _AFTER_ACCORDING.match(after) if len(self.text[self.s:cue.start].split()) <= 5 else None
            if not rest:  # else what came before is an adverbial: "About 10 p.m., according to X, …"
                self._add(self.s, cue.start, cue, sp, "according-trail", 0.75)
            if rest:  # "About 10 p.m., according to a timeline, the convoy left …": the clause goes on after X
                start = sp.end + rest.start(1)
                self._add(start, _clause_end(self.text, self.masked, self.lo, start, self.e), cue, sp,
                          "according-mid", 0.65)

    def _earlier_speaker(self, cue: Cue) -> Speaker | None:
        """The speaker of this sentence's last attribution before ``cue``: the subject of a participle after it."""
        done = [f for f in self.out if f.speaker is not None and f.cue is not None and f.cue.end <= cue.start
                and f.cue.cls != "according" and f.cue.start >= self.s]
        return max(done, key=lambda f: f.cue.end).speaker if done else None  # type: ignore[union-attr]

    def _nominal(self, cue: Cue) -> None:
        """``the ministry's claim that CONTENT``: the possessor is the speaker (a pronoun is resolved later);
        ``assurances by Vladimir Putin that CONTENT``: the agent is."""
        agent = lexicon.nominal_cue().match(self.masked, cue.start - self.lo)
        if agent is not None and agent.group(2):
            s = self.lo + agent.start(2)
            sp = Speaker(s, s + len(agent.group(2)), self.text[s:s + len(agent.group(2))])
            start = self.lo + agent.end() - 4
            self._add(start, _clause_end(self.text, self.masked, self.lo, start, self.e), cue, sp,
                      "indirect-nominal", 0.5)
            return
        pm = _POSSESSOR.search(self.masked, max(self.s - self.lo, cue.start - self.lo - 60), cue.start - self.lo)
        if pm is None:
            return
        g = 1 if pm.group(1) else 2
        lo = pm.start() if g == 1 else pm.start(2)
        raw = self.text[self.lo + lo:self.lo + pm.end(g)]
        if g == 2:
            raw = {"his": "he", "her": "she", "their": "they", "its": "it"}[raw.lower()]
            s = self.lo + pm.start(2)
            sp = Speaker(s, s + len(self.text[s:self.lo + pm.end(2)]), raw)
        else:
            phrase = _LEAD_JUNK.sub("", raw)
            s = self.lo + lo + len(raw) - len(phrase)
            if not phrase or not _looks_like_np(phrase):
                return
            sp = Speaker(s, s + len(phrase), phrase)
        start = self.masked.index("that", cue.end - self.lo) + self.lo
        self._add(start, _clause_end(self.text, self.masked, self.lo, start, self.e), cue, sp, "indirect-nominal",
                  0.5)

    def _trailing_indirect(self, cue: Cue, earlier: list[Cue]) -> bool:
        """``CONTENT, NP cue[ adverbials].`` with nothing but adverbials after the cue."""
        comma = self.masked.rfind(",", self.s - self.lo, cue.start - self.lo)
        if comma < 0:
            return False
        tail = self.masked[cue.end - self.lo:self.e - self.lo]
        inverted = not self.masked[comma + 1:cue.start - self.lo].strip() \
            and not _PARTY_TAG.search(self.masked[max(0, comma - 12):comma + 1])  # "Reed, D-R.I., said …"
        if inverted:
            sp = speaker_after(self.text, cue.end, self.e)
            if sp is None:
                return False
            tail = self.masked[sp.end - self.lo:self.e - self.lo]
            tail = _APPOSITION_TAIL.sub("", tail)
        else:
            sp = speaker_before(self.text, self.masked, self.lo + comma + 1, cue.start, self.lo)
            if sp is None or self.masked[comma + 1:sp.start - self.lo].strip():
                return False
        before = [f for f in self.out if f.kind in ("indirect", "mixed") and f.start <= self.lo + comma <= f.end + 1]
        if any(f.cue is not None and f.cue.cls == "speech" for f in before):
            self.used.add(cue.start)  # "…, the New York Post reported": a relay of the quote before it
            for f in before:
                if sp.text not in f.via:
                    f.via.append(sp.text)
            return True
        for f in before:  # "X called for …, sources said": the sources are quoted, the stance is theirs
            self.out.remove(f)
        rest = tail
        obj = _TELL_OBJ.match(rest) if cue.text.lower().startswith(("told", "tell")) else None
        if obj:  # "…, a school spokesman told The Wall Street Journal."
            rest = rest[obj.end():]
        while (m := _ADVERBIAL.match(rest)) and m.end() > 0:
            rest = rest[m.end():]
        rest = _ADVERBIAL_TAIL.sub("", rest)
        if rest.strip(" ,.") and not rest.lstrip().startswith(","):
            return False
        mid = rest.lstrip().startswith(",") and rest.strip(" ,.")
        content_lo = self.s
        lead = [c for c in earlier if c.start not in self.used and c.cls == "speech"]
        for c in reversed(lead):  # "the Pentagon revealed that …, the New York Post reported": a relay
            lsp = speaker_before(self.text, self.masked, self.s, c.start, self.lo)
            start = _content_after(self.text, self.masked, self.lo, c, self.lo + comma) if lsp else None
            if lsp and start is not None:
                found = self._add(start, self.lo + comma, c, lsp, "indirect-lead", 0.75)
                if found:
                    found.via.append(sp.text)
                    self.used.add(cue.start)
                    return True
        first = self.marked[0] if self.marked else None
        if first and first.open_at <= self.s + 1 and self.s <= first.open_at:
            return False
        if mid:  # CONTENT1, he said, CONTENT2.
            after = max(cue.end, sp.end)
            second = self.masked.index(",", after - self.lo, self.e - self.lo) + 1 + self.lo
            self._add(content_lo, self.lo + comma, cue, sp, "indirect-split", 0.65)
            self._add(second, _clause_end(self.text, self.masked, self.lo, second, self.e), cue, sp,
                      "indirect-split", 0.6)
            return True
        return self._add(content_lo, self.lo + comma, cue, sp, "indirect-trailing", 0.75) is not None

    def _leading_indirect(self, cue: Cue) -> None:
        """``NP cue [object] [that] CONTENT.``"""
        participle = cue.text.endswith("ing") and self.masked[:cue.start - self.lo].rstrip().endswith(",")
        if participle:  # "…, citing …": the subject of the clause before the comma, not an apposition
            sp = self._earlier_speaker(cue) or self._subject()
        else:
            sp = speaker_before(self.text, self.masked, self.s, cue.start, self.lo)
        if sp is None:
            before, at = _last_word(self.masked, self.s - self.lo, cue.start - self.lo)
            gap = self.masked[self.s - self.lo:cue.start - self.lo].rstrip()
            if before.lower() in ("and", "but"):  # "Weaver, who came out and endorsed …": the first verb's subject
                sp = self._earlier_speaker(cue) or self._coordinated(self.lo + at)
            if sp is None and cue.text.endswith("ing") and gap.endswith(","):
                sp = self._earlier_speaker(cue)  # "“…,” Syrskyi said on Monday, citing …"
            if sp is None and cue.text.endswith("ing") and before.lower() in ("by", "after", "before", "while", "when"):
                sp = self._coordinated(self.lo + at)  # "Josep Borrell hit back by saying …": the main verb's subject
            if sp is None and (cue.text.endswith("ing") or before.lower() in ("and", "but") or gap.endswith(",")):
                sp = self._subject()  # "X defended his plan, saying …", "He endorsed Clinton, but told …"
        if sp is None and cue.cls != "object" and _IMPERSONAL.search(self.masked, self.s - self.lo, cue.start - self.lo):
            start = _content_after(self.text, self.masked, self.lo, cue, self.e)  # "it was reported that …"
            if start is not None and self.masked.startswith("that", start - self.lo):
                self._add(start, _clause_end(self.text, self.masked, self.lo, start, self.e), cue, None,
                          "indirect-impersonal", 0.5)
            return
        if sp is None or (cue.cls == "object" and not _object_speaker_ok(sp)):
            return
        start = _content_after(self.text, self.masked, self.lo, cue, self.e)
        if start is None:
            return
        end = _clause_end(self.text, self.masked, self.lo, start, self.e)
        opening = self.masked[self.s - self.lo:cue.start - self.lo]
        if _SUBORDINATE.match(opening) and not _CLAUSE_PUNCT_INSIDE.search(opening) and len(opening.split()) <= 8:
            # "While many watchers expect X, others disagree.": the cue's clause ends at the comma
            comma = self.masked.find(", ", start - self.lo + 8, end - self.lo)
            if comma >= 0:
                end = self.lo + comma
        if _WHO_BEFORE.search(self.masked[sp.end - self.lo:cue.start - self.lo + 1]) \
                or _COMMA_WHO_BEFORE.search(self.masked[sp.end - self.lo:cue.start - self.lo]):
            comma = self.masked.find(",", start - self.lo, end - self.lo)  # "Barkley, who said he …, said …"
            if comma >= 0:
                end = self.lo + comma
        trail = _TRAILING_SAID.search(self.masked[start - self.lo:end - self.lo])
        via = []
        if trail:
            via.append(self.text[start + trail.start():start + trail.end()].strip(" ,").rsplit(" ", 1)[0])
            end = start + trail.start()
        found = self._add(start, end, cue, sp, "indirect-lead", 0.7 if cue.cls == "speech" else 0.55)
        if found:
            found.via.extend(via)


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


def find_in_paragraph(text: str, lo: int, hi: int, marked: list[Marked], masked: str | None = None) -> list[Found]:
    """Every quote of one paragraph (speakers as written; the document-level resolver names them). ``masked`` is
    the paragraph with ``marked`` blanked (the segment stage's layer), made here when not given."""
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
            out.extend(SentenceReader(text, masked, lo, s, e, inside, mine).run())
    return out
