"""What may be stored as a quote (issue 13): an indirect quote is a reported clause, not the object of a verb that
narrates an act ("announced … a new tranche" is a message, "ordered a shutdown" an act); the speaker checks live in
:mod:`moralewatch.speaker_check` (the indicator stage's claimant uses them too) and are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable

from ..lexicons import compile_regex
from ..speaker_check import (
    _DETERMINERS,
    _FUNCTION_START,
    _PREPOSITIONS,
    _VERB_END,
    AUX,
    IRREGULAR_PAST,
    SOURCE_HEADS,
    claimant_ok,
    speaker_ok,
    strip_leading,
    trim_aside,
)
from ..speaker_check import source_ok as _source_ok
from .revision import at_least

__all__ = ["AUX", "IRREGULAR_PAST", "SOURCE_HEADS", "claimant_ok", "finite_clause", "has_verb", "reported_clause",
           "source_ok", "speaker_ok", "strip_leading", "trim_aside"]


#: subject pronouns that open a reported clause ("said he would")
_CLAUSE_PRONOUNS = frozenset("he she they it we i you there this these those".split())

#: verbs whose "to"-complement is what was said: commitments ("vowed to retake") and requests ("urged X to")
_TO_VERBS = ("vow", "pledg", "promis", "threat", "swear", "swore", "sworn", "urg", "ask", "call", "order", "told",
             "tell", "instruct", "invit", "warn", "beg", "plead", "demand", "appeal", "encourag", "advis",
             "claim")

def source_ok(phrase: str | None, agent: Callable[[str], bool] | None = None) -> bool:
    """:func:`moralewatch.speaker_check.source_ok`, and from revision 3 of the quote rules also a share of people
    ("Twelve percent", "52 percent of registered voters") and more records and works that a claim is attributed to
    ("the ruling", "the book", "her submission to the court")."""
    return _source_ok(phrase, agent) or (at_least(3) and _more_source(phrase or ""))


_SHARE_OF_PEOPLE = compile_regex(r"(?i)(?<![\w-])(?:(?:another|only|some|about|nearly|almost|over|just|"
                                 r"more\s++than|fewer\s++than)\s++)*+(?:\d[\d.,]*+\s*+%|(?:\d[\d.,]*+|[a-z]++"
                                 r"(?:-[a-z]++)?+)\s++(?:percent|per\s++cent))(?:\s++of\s++[\w’' -]{1,60})?")

#: heads of records and works a claim is attributed to, beyond speaker_check.SOURCE_HEADS (revision 3)
_MORE_SOURCE_HEADS = frozenset("book ruling clip submission panel journal resolution speech ad advert advertisement "
                               "verdict judgment lawsuit petition motion bill treaty communique communiqué declaration "
                               "release website film documentary story findings research note notes warning".split())

_HEAD_WORDS = compile_regex(r"[\w’'-]+")


#: groups and bodies that speak as one, beyond the speaker lexicon (revision 3)
_MORE_GROUP_HEADS = frozenset("people unions colleges universities schools attorneys lawyers commission commissions "
                              "committee committees council councils agency agencies board boards tribunal court "
                              "courts administration".split())

#: quantity nouns whose "of" phrase names who is counted ("a wide array of black artists")
_QUANTITY_HEADS = frozenset("array number group majority minority handful lot couple series range host dozens "
                            "hundreds thousands".split())

#: indefinite speakers ("No one", "Not everyone", "Those close to him")
_INDEFINITE = compile_regex(r"(?i)(?:no one|nobody|not everyone|not everybody|everyone|everybody|"
                            r"(?:those|people|someone|sources|aides) close to (?:him|her|them|the [\w’'-]+))")


def _more_source(phrase: str) -> bool:
    phrase = phrase.strip()
    if _SHARE_OF_PEOPLE.fullmatch(phrase) or _INDEFINITE.fullmatch(phrase):
        return True
    words = [w.lower() for w in _HEAD_WORDS.findall(phrase)]
    if not words or len(words) > 8 or words[0] in _FUNCTION_START - _DETERMINERS:
        return False
    if any(w in AUX for w in words[1:]) or words[-1] in _DETERMINERS | _PREPOSITIONS:
        return False
    head = next((i for i in range(1, len(words)) if words[i] in _PREPOSITIONS), len(words)) - 1
    if words[head] in _QUANTITY_HEADS and head + 2 < len(words) and words[head + 1] == "of":
        head = len(words) - 1  # "a wide array of black artists": the artists
    return words[head] in _MORE_SOURCE_HEADS or words[head] in _MORE_GROUP_HEADS


_FIRST_WORDS = compile_regex(r"[\w’'.&/-]+|[,;:()—–]")


def reported_clause(rest: str, cue_text: str, cls: str) -> bool:
    """Whether ``rest`` (the masked text where a cue's complement starts) is a reported clause: "that …", a
    colon or quotation, a wh-clause, a "to"-complement of a verb of promising or asking, or a clause with a subject
    and a finite verb ("said the city had fallen"). A noun phrase object is not one: "announced a new tranche of
    weapons", "ordered a complete shutdown", "denied allegations"; stance verbs ("wants", "seeks", "appears")
    report no speech without "that"."""
    stripped = rest.lstrip()
    if not stripped:
        return False
    if stripped[0] in ":“\"‘«":
        return True
    tokens = _FIRST_WORDS.findall(stripped[:200])
    if not tokens:
        return False
    first = tokens[0].lower()
    if first == "that":
        return True
    if first in ("whether", "if", "why", "how", "what", "when", "where", "who", "which"):
        return cls in ("speech", "belief")
    if first in ("to", "not"):
        return cls == "speech" and cue_text.lower().startswith(_TO_VERBS)
    cue_low = cue_text.lower()
    if _object_then_that(cue_low, tokens):
        return True  # "told news agency Reuters on Tuesday that …": the object, then the clause
    if at_least(3) and _addressee_then_to(cue_low, tokens):
        return True  # "called on Trump to stop …", "urged allies to send …": a request and whom it was made to
    if first.endswith("ly") and len(tokens) > 1 and first not in _FUNCTION_START:
        return reported_clause(stripped[len(tokens[0]):], cue_text, cls)  # "said immediately after …"
    if cue_low.startswith(("seem", "appear")):
        return False  # "the economy appears to be doing better": an impression, nobody's words
    if _object_is_said(cue_low, cls, first, tokens):
        return True
    if cls == "object":
        return False
    return finite_clause(tokens)


def _object_then_that(cue_low: str, tokens: list[str]) -> bool:
    """Whether a cue that takes a listener ("told", "assured") has its object, then "that", within ten words."""
    return cue_low.startswith(("told", "tell", "inform", "assur", "remind", "warn", "brief", "notif", "advis",
                               "promis", "reassur")) and "that" in (t.lower() for t in tokens[1:10]) \
        and not any(t in ";:()" for t in tokens[:10])


#: verbs of asking whose addressee comes before the "to"-complement ("urged allies to send …")
_REQUEST_VERBS = ("call on", "called on", "calls on", "calling on", "urg", "ask", "press", "implor", "beg", "plead",
                  "encourag", "invit", "told", "tell", "advis", "instruct", "appeal to", "appealed to", "appeals to",
                  "appealing to")


def _addressee_then_to(cue_low: str, tokens: list[str]) -> bool:
    """Whether a verb of asking has its addressee (a short noun phrase: no punctuation, no verb) and then "to" and a
    verb within seven words (revision 3)."""
    if not cue_low.startswith(_REQUEST_VERBS):
        return False
    low = [t.lower() for t in tokens[:8]]
    if "to" not in low[1:7]:
        return False
    k = low.index("to", 1)
    between = tokens[:k]
    if any(not t[:1].isalnum() for t in between) or any(t.lower() in _FUNCTION_START - _DETERMINERS for t in between):
        return False
    if any(t in _MONTHS or t.lower() in _TIME_WORDS or t.lower() in _WEEKDAYS for t in between):
        return False  # "called on Tuesday to discuss …": a time, not an addressee
    return k + 1 < len(tokens) and tokens[k + 1][:1].islower() and tokens[k + 1].isalpha() \
        and tokens[k + 1].lower() not in _DETERMINERS


def _object_is_said(cue_low: str, cls: str, first: str, tokens: list[str]) -> bool:
    """Whether the noun-phrase object of the cue is what was said (or asked for, or charged)."""
    if cue_low.startswith(_NP_VERBS) or (cls == "speech" and not cue_low.startswith(_ACT_VERBS)
                                         and first not in _FUNCTION_START and len(tokens) >= 2):
        return True  # "called for a ceasefire", "demanded their release": the object is what was said
    if cue_low.startswith(_OF_VERBS) and any(t.lower() in ("of", "for") for t in tokens[1:6]):
        return True  # "accused Moscow of preparing …", "blamed Kyiv for the strike"
    if cue_low.startswith(("warn", "caution", "advis", "argu")) and first == "against":
        return True  # "warned against a further invasion"
    # "called this weekend for a mandatory evacuation"
    return cue_low.startswith("call") and "for" in (t.lower() for t in tokens[:4]) and first in _TIME_WORDS | {"for"}


_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday weekend morning evening night".split())

#: words of a time adverbial between a verb and its preposition ("called this weekend for …")
_TIME_WORDS = frozenset("this last on again repeatedly publicly today yesterday recently".split())

#: verbs of speech whose noun-phrase object is what was asked for: "called for a ceasefire"
_NP_VERBS = ("call for", "called for", "calls for", "calling for", "push for", "pushed for", "pushes for",
             "pushing for", "demand", "appeal for", "appealed for", "appeals for", "appealing for")

#: verbs of the speech class that narrate an act when a noun phrase follows ("attacked the city", "ordered a
#: shutdown", "posted a video", "added a layer", "said the same", "pleaded guilty"): their report needs a
#: clause, as do verbs that judge or describe ("welcomed Turkey’s efforts", "criticised the attitude"); other
#: verbs of speech report their object ("denied the allegations", "announced new sanctions", "confirmed the deaths")
_ACT_VERBS = ("say", "said", "tell", "told", "attack", "order", "post", "add", "relat", "continu", "signal", "indicat", "broadcast", "radio",
              "text", "messag", "counter", "brief", "quot", "answer", "respond", "repl", "call", "label", "dub",
              "tweet", "writ", "wrote", "instruct", "inform", "beg", "plead", "lectur", "preach", "narrat", "ask",
              "detail", "outlin", "highlight", "underscor", "encourag", "remind", "assur", "reassur", "describ",
              "characteri", "recount", "recall", "cri", "cry", "shout", "scream", "yell", "sob", "whisper", "sigh",
              "laugh", "thunder", "vent", "rail", "gush", "marvel", "muse", "question", "challeng", "mention",
              "testif", "agree", "concur", "observ", "note", "hit back", "push back", "shot back", "shoot back",
              "fire back", "fired back", "chime", "weigh", "put it", "puts it", "putting it", "hail", "welcom",
              "applaud", "prais", "tout", "champion", "defend", "blast", "slam", "mock", "chid", "decr", "condemn",
              "critici", "denounc")

#: verbs of speech with an object and "of"/"for" that says what was charged: "accused Moscow of preparing …"
_OF_VERBS = ("accus", "blam", "charg", "credit", "prais", "condemn", "critici", "thank", "warn")


def finite_clause(tokens: list[str]) -> bool:
    """A subject then a finite verb within sixteen words ("said the strike, which hit a school, killed …"): a
    relative or subordinate clause inside is skipped to its comma, and one that runs to the end has no verb of the
    reported clause ("disclosed the existence of the proposal hours after Ms. Griner testified")."""
    words = _clause_words(tokens)
    if len([w for w in words if w != ","]) < 2:
        return False
    first = words[0]
    low0 = first.lower()
    if low0 in _OPENING_SUBORDINATORS and "," in words:  # "said as far as X is concerned, it is …"
        return finite_clause(words[words.index(",") + 1:])
    if at_least(3) and low0 in _DEGREE and len(words) > 2 and words[1].lower() in _QUANTIFIERS:
        return _subject_then_verb(words[1:])  # "says too much is made of …": a quantifier is the subject
    if at_least(3) and _CONTRACTED.fullmatch(low0) and len(words) > 1:
        return True  # "says she’ll continue …", "said he’s not being audited": subject and verb in one word
    if (low0 in _FUNCTION_START and low0 not in ("there", "here")) or (first[:1].islower() and _VERB_END.fullmatch(first)
                                                                        and not low0.endswith("ing")):
        return False  # "have agreed …" (a noun taken for the cue: "member states have"), "planned referendums"
    return _subject_then_verb(words)


def _clause_words(tokens: list[str]) -> list[str]:
    """The first words of a clause, up to a semicolon, colon or bracket; a dash sets off an apposition as a comma
    does."""
    words: list[str] = []
    for t in tokens[:24]:
        if t in ";:()":
            break
        words.append("," if t in "—–" else t)
    return words


def _subject_then_verb(words: list[str]) -> bool:
    """Whether a finite verb follows the first word within sixteen words, past relatives and subordinate clauses."""
    i, seen, relative = 1, 1, False
    while i < len(words) and seen < 16:
        w = words[i]
        low, before = w.lower(), words[i - 1]
        if low in _RELATIVES and before != ",":
            relative, i = True, i + 1  # "the man who attacked the post was arrested": the relative's verb first
            continue
        if _preposition_here(words, i):
            i += 1  # "sales since the beginning of the year totaled …": a preposition here
            continue
        if w == "," or low in _SUBORDINATORS:
            i = _past_aside(words, i)
            if i < 0:
                return False
            continue
        seen += 1
        verb = _finite_verb(w, low, before)
        if verb and relative:  # the relative's verb group: "the fear that had gripped …"
            relative, i = False, _past_verb_group(words, i + 1)
            continue
        if verb or _present_s_verb(words, i) or (at_least(3) and (_pronoun_then_verb(words, i)
                                                                  or _plural_then_verb(words, i) or low == "cannot")):
            return True
        i += 1
    return False


#: degree words before a quantifier subject ("too much", "so many") and the quantifiers
_DEGREE = frozenset("too so very far".split())
_QUANTIFIERS = frozenset("much many few little".split())

#: words that float between a pronoun subject and its verb ("they both share", "we all know", "they still believe")
_FLOATING = frozenset("both all also still now never always often really just only already even rarely".split())


#: more present-tense verbs after a plural subject (revision 3: "said the videos show …", "say parents still want …")
_PRESENT_MORE = frozenset("show shows suggest indicate mean prove reflect become begin cost pay try seem appear look "
                          "tend play work help hurt threaten risk put set run win lose live die deserve exist "
                          "share trust blame doubt accept reject insist claim remember consider".split())


def _plural_then_verb(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is a present-tense verb after a plural noun, past at most two floating words
    ("said parents still want …", "said the videos show …"; revision 3)."""
    j = i - 1
    while j > 0 and i - j <= 2 and (words[j].lower() in _FLOATING or words[j].lower().endswith("ly")):
        j -= 1
    subject, low = words[j].lower(), words[i].lower()
    if not (subject.endswith("s") and not subject.endswith(("ss", "us", "is")) and words[j][:1].islower()):
        return False
    return low in _PRESENT or low in _PRESENT_MORE


def _pronoun_then_verb(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is the present-tense verb of a plural or first/second-person pronoun subject, past at most
    two floating words or "-ly" adverbs ("said they both share …"; revision 3)."""
    if words[0].lower() not in ("they", "we", "i", "you"):
        return False
    between = words[1:i]
    if len(between) > 2 or any(w.lower() not in _FLOATING and not w.lower().endswith("ly") for w in between):
        return False
    w = words[i]
    low = w.lower()
    return w.isalpha() and w[:1].islower() and not low.endswith("ly") and low not in _FLOATING \
        and low not in _FUNCTION_START and low not in _DETERMINERS and low not in _PREPOSITIONS


def _preposition_here(words: list[str], i: int) -> bool:
    """Whether the subordinator at ``i`` is a preposition here: before a determiner, a number or a month."""
    low = words[i].lower()
    return low in _SUBORDINATORS and low not in _RELATIVES and i + 1 < len(words) and (
        words[i + 1].lower() in _DETERMINERS or words[i + 1][:1].isdigit() or words[i + 1] in _MONTHS)


def _past_aside(words: list[str], i: int) -> int:
    """Where to read on after the comma or subordinator at ``i``; -1 when no verb of the reported clause can
    follow (another clause's attribution, or a subordinate clause that runs to the end)."""
    w = words[i]
    if w == "," and i + 1 < len(words) and words[i + 1].lower() in ("said", "says", "told", "added"):
        return -1  # "advises the Kremlin on Ukraine policy, said …": the attribution of another clause
    if w == "," and not (i + 1 < len(words) and words[i + 1].lower() in _SUBORDINATORS):
        return i + 1  # "said the US, Britain and France had …"
    nxt = words.index(",", i + 1) if "," in words[i + 1:] else -1
    if nxt < 0:
        return -1
    return nxt + 1


def _finite_verb(w: str, low: str, before: str) -> bool:
    """Whether ``w`` (after ``before``) is a finite verb: an auxiliary, an irregular past, a contraction, a present
    tense after its subject, or an "-ed" past that is no participle of a noun phrase."""
    return (low in AUX and low not in ("being", "having")) or low in IRREGULAR_PAST \
        or _CONTRACTED.fullmatch(low) is not None or _present_after_subject(low, before) or _past_ed(w, low, before)


def _present_after_subject(low: str, before: str) -> bool:
    return low in _PRESENT and (before.lower() in _CLAUSE_PRONOUNS or (before[:1].islower() and before.lower().endswith("s")
                                                                      and not before.lower().endswith("ss")))


def _past_ed(w: str, low: str, before: str) -> bool:
    return (w[:1].islower() and low.endswith("ed") and len(low) >= 4
            and before.lower() not in _DETERMINERS | {"being", "having", "to", "by", "of", "with"}
            and not before.endswith(("’s", "'s", "s’")))  # (not "Russia’s continued success", "the planned vote")


def _past_verb_group(words: list[str], i: int) -> int:
    """The index after the auxiliaries and verb forms that start at ``i``."""
    while i < len(words) and (words[i].lower() in AUX or (words[i][:1].islower() and _VERB_END.fullmatch(
            words[i].lower()))):
        i += 1
    return i


def _present_s_verb(words: list[str], i: int) -> bool:
    """Whether the lower-case "-s" word at ``i`` is a present-tense verb after its subject."""
    w, first = words[i], words[0]
    low, before, low0 = w.lower(), words[i - 1], first.lower()
    if not (w[:1].islower() and low.endswith("s") and not low.endswith(("ss", "us", "is"))):
        return False
    if before.lower() in _ADVERBS or before.endswith("ly"):
        return True  # "Pro-Russian feeling still exists"
    if i == 2 and low0 in _DETERMINERS and words[1][:1].islower() and not words[1].lower().endswith("s") \
            and (i + 1 >= len(words) or words[i + 1].lower() not in _PREPOSITIONS | {"and", "or"}):
        return True  # "said the campaign needs …"
    # "said Russia wants …", "said it remains …" (not "Russian forces of committing …")
    return i == 1 and (low0 in _CLAUSE_PRONOUNS or first[:1].isupper()
                       and (len(words) < 3 or words[2].lower() not in _PREPOSITIONS | {"and", "or"}))


#: a pronoun with a contracted verb: "it’s", "they’re", "he’d", "there’s"
_CONTRACTED = compile_regex(r"(?<![a-z])(?:(?:it|he|she|that|there|what|who|we|they|i|you|this)(?:['’](?:s|re|m|d|"
                            r"ll|ve))|[a-z]+n['’]t)")

#: present-tense verbs after a plural subject or a pronoun ("said voters want change", "said they need …")
_PRESENT = frozenset("want need think believe know say feel see like support oppose expect hope plan remain "
                     "continue agree fear worry understand intend refuse deserve face lack make take get go come "
                     "give keep hold stand".split())

#: subordinators that may open a reported clause before its subject ("said that if X, Y would …")
_OPENING_SUBORDINATORS = frozenset("as if when while although though because after before since unless once until "
                                   "despite given".split())

#: months, after which "since", "before", "until" are prepositions
_MONTHS = frozenset("January February March April May June July August September October November December".split())

#: relative pronouns: the first verb after one is the relative clause's
_RELATIVES = frozenset("who which that whose whom".split())

#: adverbs between a subject and its verb
_ADVERBS = frozenset("still also now already often never always again just only even really".split())


def has_verb(tokens: list[str]) -> bool:
    """Whether a piece of a split report has a verb at all (three words or more): "Imperial Yachts" has none."""
    if len(tokens) < 3:
        return False
    for t in tokens:
        low = t.lower()
        if t[:1].islower() and (low in AUX or low in IRREGULAR_PAST or (len(low) >= 4 and (
                low.endswith("ed") or (low.endswith("s") and not low.endswith(("ss", "us", "is")))))):
            return True
    return False


#: words that open a clause inside the object: the finite verb of a reported clause comes before them
_SUBORDINATORS = frozenset("after before when while because since although though if unless until where as "
                           "that which who whom whose".split())
