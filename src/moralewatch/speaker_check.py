"""Whether a phrase may be stored as a speaker or a claimant (issue 13): a noun phrase naming a person, group or
organisation (or, as a source, a document that holds a claim), never a sentence fragment ("will always", "the public
to civilian", "Moscow’s"). Unknown is better than wrong.

Outside the stage packages on purpose: the quote stage (``quotes.v3``) and the indicator stage (its ``claimant``)
both call it, and stage packages do not import each other. The word sets are code, not data files, so that no
stage loads a data file it does not declare; the quote stage passes its lexicon's role nouns in as ``agent``.
"""

from __future__ import annotations

from collections.abc import Callable

from .lexicons import compile_regex

#: auxiliaries and modals: a finite verb of a reported clause ("said the city had fallen"); never a speaker's word
AUX = frozenset(
    "is are was were am be been being has have had having do does did will would shall should can could may might "
    "must ought isn't aren't wasn't weren't hasn't haven't hadn't don't doesn't didn't won't wouldn't can't couldn't "
    "shouldn't mustn't".split()
)

#: irregular past tenses common in reporting: the finite verb of a clause without an auxiliary
IRREGULAR_PAST = frozenset(
    "went came took made gave hit left fled fell began won lost held kept met ran saw sent shot struck stood told said "
    "thought knew felt found built brought bought caught fought led paid put set spent threw wrote got became broke "
    "chose drew drove forgot froze grew hid hung heard lay meant rose sold shut sank sat slept spoke stole swore "
    "taught tore understood woke wore withdrew overran undertook sought cut let quit spread bore beat bit blew burnt "
    "dealt dug fed flew forbade forgave foresaw hurt laid lit mistook overcame overtook rang sang shook shone slid "
    "split sprang stuck stung swept swam swung tore upheld went wept wound".split()
)

#: words that start no noun phrase: prepositions, conjunctions, adverbs, relatives, the infinitive marker
_FUNCTION_START = frozenset(
    "to of in on at for from with by about into onto over under as than and but or nor so yet if because while when "
    "whereas although though after before since until unless whether which who whom whose what where why how that "
    "then there here also always never ever still just only even already again not no very too quite rather "
    "perhaps maybe once later earlier soon now today yesterday tomorrow instead however meanwhile thus therefore "
    "come comes came go goes going get gets got let like unlike despite amid among between against without within "
    "during through across around near toward towards upon per via whereby".split()
) | AUX

#: determiners and possessives: a phrase may start with one, never end with one
_DETERMINERS = frozenset(
    "the a an this that these those his her their its our my your some any each every another other no".split()
)

#: prepositions inside a speaker phrase ("the ambassador to the UN", "a spokesman for the ministry")
_PREPOSITIONS = frozenset("to of for at in on from with by".split())

#: lower-case pronouns a quote finder may give as a speaker (resolved later)
_PRONOUNS = frozenset("he she they i we you it".split())

#: lower-case heads that name a group or body of people on their own (besides agent-noun endings)
_GROUP_HEADS = frozenset(
    "people police military army navy government ministry forces troops administration authorities officials "
    "leadership command staff team office council committee parliament senate congress cabinet kremlin president "
    "premier minister spokesman spokeswoman spokesperson official source sources media press agency service "
    "services intelligence prosecutors prosecutor governor mayor commander commanders general generals colonel "
    "captain sergeant soldier soldiers fighters residents witnesses survivors relatives family families mother "
    "father wife husband son daughter brother sister friend friends neighbour neighbor neighbours neighbors "
    "woman women man men child children boy girl doctor doctors nurse nurses medic medics volunteer volunteers "
    "expert experts analyst analysts observers critics aides allies diplomats diplomat envoy ambassador campaigners "
    "activists journalist journalists reporter reporters correspondent editor editors researchers scientists "
    "economists lawyers lawyer judge judges court union alliance coalition party bloc group groups organisation "
    "organization company firm bank regulator regulators operator operators statement report reports study survey "
    "poll polls data documents records monitors mission delegation department directorate headquarters staffer "
    "staffers lawmaker lawmakers legislators senator senators representative representatives chief chiefs head "
    "leader leaders member members chairman chairwoman chair secretary spokespeople veteran veterans prisoner "
    "prisoners captive captives citizens locals villagers refugees evacuees pensioners teacher teachers worker "
    "workers employees owner owners farmer farmers priest bishop patriarch church others many some most both "
    "several few all everyone someone nobody one two three four five dozens hundreds thousands majority minority "
    "public nations countries states sides parties governments capitals partners counterparts neighbours "
    "neighbors powers delegates deputies ministers presidents colleagues owners country bloc presidency board side "
    "alliance federation republic regime junta state investors respondents entrepreneurs news outlet newspaper "
    "channel tv television radio website network broadcaster ally regiment brigade battalion unit guard guards "
    "force embassy consulate watchdog agent agents campaign campaigns camp transition thrift utility airline "
    "railroad exchange fund trust partnership concern subsidiary affiliate division parent cartel chain carrier "
    "corporation".split()
)

#: person nouns without an agent noun's ending (plurals in -s are read too)
_PERSON_NOUNS = frozenset(
    "pilot chef cook monk nun pope priest imam rabbi scholar spy thief victim hero host guest crew clerk cop coach "
    "boss aide mate kid baby teen youth adult elder widow orphan couple nominee mogul tycoon oligarch billionaire "
    "millionaire celebrity star legend ally rival enemy foe rebel partisan cadet conscript recruit marine sniper "
    "candidate guy lady person individual native local pensioner refugee evacuee hostage detainee captive inmate "
    "defendant suspect accused victim witness survivor casualty patient athlete player fan citizen resident "
    "colleague counterpart deputy delegate envoy emissary mediator negotiator insider whistleblower".split()
)

#: lower-case parts of names
_NAME_PARTICLES = frozenset("de der den van von bin al la le da dos du di".split())

#: words that count what follows "of" ("many of the residents")
_QUANTITIES = frozenset("many some most several few all both each none one two three four five six seven eight nine "
                        "ten dozens hundreds thousands millions majority minority half third quarter number".split())

#: endings of agent nouns: officer, analyst, politician, resident, spokesman, diplomats …
_AGENT_END = compile_regex(r"(?<![a-z])[a-z]{2,}(?:er|ers|or|ors|ist|ists|ian|ians|ant|ants|ent|ents|man|men|woman|"
                           r"women|person|people|ary|aries|ee|ees|ive|ives|ic|ics|crat|crats|ster|sters)")

#: a word that is only a verb form here: "-ed" and "-ing" words that end a phrase, "stood", "will"
_VERB_END = compile_regex(r"(?<![a-z])[a-z]+(?:ed|ing)")

_WORD = compile_regex(r"[\w’'.&/-]+")


#: an aside between a speaker and its cue ("Russia’s defence ministry, however, claims")
_ASIDE_END = compile_regex(r"(?:,\s*(?:however|though|meanwhile|too|also|in turn|for (?:its|his|her|their) part|"
                           r"instead|by contrast|in contrast|again))?[\s,]*$")


def trim_aside(phrase: str) -> str:
    """``phrase`` without an aside and the commas around it at its end."""
    return phrase[:_ASIDE_END.search(phrase).start()] if phrase else phrase  # type: ignore[union-attr]


def _bare(word: str) -> str:
    return word.lower().strip(".,;:()[]\"“”‘’'")


#: heads of a source that is no speaker but may follow "according to" ("according to the indictment")
SOURCE_HEADS = frozenset(
    "report reports study survey poll polls data figures estimates estimate statement statements documents document "
    "records indictment complaint filing filings assessment analysis update bulletin briefing investigation "
    "footage video videos images imagery transcript census tally count reporting accounts account testimony "
    "witnesses sources media article articles interview letter tweet post message memo paper editorial column "
    "blog podcast broadcast".split()
)


def source_ok(phrase: str | None, agent: Callable[[str], bool] | None = None) -> bool:
    """A speaker, or a document or record that a claim is attributed to ("according to the indictment")."""
    if speaker_ok(phrase, agent):
        return True
    words = [_bare(w) for w in _WORD.findall(phrase or "")]
    if not words or words[0] in _FUNCTION_START or words[-1] in _DETERMINERS | _PREPOSITIONS:
        return False
    k = 1 if words[0] in _DETERMINERS and len(words) > 1 else 0
    while k + 1 < len(words) and words[k + 1] not in _PREPOSITIONS and not _VERB_END.fullmatch(words[k + 1]):
        k += 1  # "a report published by …", "the latest intelligence update": the head before its complement
    return words[k] in SOURCE_HEADS or words[-1] in SOURCE_HEADS


#: a word before a speaker's name that the phrase caught ("But Tim Ash", "While Vladislav", "As Dr Pavel Luzin")
_LEADING_WORD = compile_regex(r"(?:(?:[Bb]ut|[Aa]nd|[Ww]hile|[Aa]s|[Ww]hen|[Ii]n\s+[A-Z][a-z]+|[Ss]o|[Yy]et|[Aa]lthough|"
                              r"[Tt]hough|[Ss]ince|[Aa]fter|[Bb]efore|[Ii]f|[Bb]ecause)\s+)+(?=[A-Z])")


def strip_leading(phrase: str) -> str:
    """``phrase`` without a conjunction or subordinator caught before a capitalised speaker ("But Tim Ash")."""
    m = _LEADING_WORD.match(phrase)
    return phrase[m.end():] if m else phrase


def speaker_ok(phrase: str | None, agent: Callable[[str], bool] | None = None) -> bool:
    """Whether ``phrase`` is a noun phrase naming a person, group or organisation (or a pronoun, resolved later).

    No function-word start, no auxiliary or finite verb inside, no dangling determiner, possessive or preposition
    at the end, a preposition inside followed by its own noun phrase ("the ambassador to the UN", not "the public
    to civilian"), and a head that names someone: a capitalised word (a name, an organisation, a title) or a
    lower-case person or group noun (``agent`` adds the caller's own lexicon of them)."""
    if not phrase:
        return False
    words = _WORD.findall(phrase)
    if not words or len(words) > 14:
        return False
    low = [_bare(w) for w in words]
    if len(words) == 1 and low[0] in _PRONOUNS:
        return True
    if low[0] in _FUNCTION_START or low[0] in _PRONOUNS:
        return False
    if len(words) == 1 and (low[0] in _QUANTITIES or low[0] == "others"):
        return True  # "Some said …", "Many believe …"
    if _dangling_end(low[-1], words[-1]) or not _inner_words_ok(words, low, agent):
        return False
    return _head_names_someone(words, low, agent)


def _dangling_end(last: str, raw_last: str) -> bool:
    """Whether a phrase ends on a word that needs more after it: a determiner, a preposition, a possessive."""
    if last in _DETERMINERS or last in _PREPOSITIONS or last in _FUNCTION_START:
        return True
    # a possessive: "Moscow’s", "Ukraine’s stepped-up" cut before its noun
    return raw_last.endswith(("’s", "'s", "s’")) or raw_last.endswith("’") and raw_last[:-1].endswith("s")


def _inner_words_ok(words: list[str], low: list[str], agent: Callable[[str], bool] | None) -> bool:
    """No finite verb after the first word, and a preposition inside followed by its own noun phrase."""
    for i, (w, raw) in enumerate(zip(low, words)):
        if i and raw[:1].islower() and (w in AUX or w in IRREGULAR_PAST):
            return False  # "she stood in the Capitol", "will always"
        if i and w in ("to", "from", "at") and i + 1 < len(words) \
                and not _complement_ok(w, low[i + 1], words[i + 1], agent):
            return False  # "the public to civilian", "fallout from Russia’s"
    return True


def _complement_ok(w: str, nxt: str, raw_next: str, agent: Callable[[str], bool] | None) -> bool:
    """Whether the word after the preposition ``w`` may open its noun phrase."""
    return bool(raw_next[:1].isupper() or raw_next[:1].isdigit() or nxt in _DETERMINERS
                or w == "of" or (w == "for" and _is_person_noun(nxt, agent)))


def _head_index(low: list[str]) -> int:
    """Where the head of a phrase is: before its first preposition, or what a quantity counts."""
    head_at = next((i for i in range(1, len(low)) if low[i] in _PREPOSITIONS), len(low)) - 1
    if head_at + 2 < len(low) and low[head_at + 1] == "of" and (low[head_at][:1].isdigit() or low[head_at] in
                                                                _QUANTITIES):
        head_at = len(low) - 1  # "70% of respondents", "many of the residents": the head is what is counted
    return head_at


def _head_names_someone(words: list[str], low: list[str], agent: Callable[[str], bool] | None) -> bool:
    """Whether the head of a phrase names someone: a capitalised word or a person or group noun."""
    head_at = _head_index(low)
    last, raw_last = low[head_at], words[head_at]  # the head comes before its complement: "the governor of X"
    if last in _NAME_PARTICLES and head_at and words[head_at - 1][:1].isupper():
        return True  # "Gerhard Schröder", "Ursula von der Leyen" (the particle cut off: "Schrö der")
    if raw_last[:1].islower() and _VERB_END.fullmatch(raw_last) and not _is_person_noun(last, agent):
        return False  # "the soldiers interviewed", "his team declined"
    if any(w[:1].isupper() for w in words):
        if raw_last[:1].isupper():
            return True
        return _is_person_noun(last, agent)  # "The Russian economy" is nobody; "Ukrainian officials" are
    return _is_person_noun(last, agent)


def _is_person_noun(word: str, agent: Callable[[str], bool] | None) -> bool:
    if word in _GROUP_HEADS or word in _PERSON_NOUNS or word[:-1] in _PERSON_NOUNS or (agent is not None and agent(word)):
        return True
    return bool(_AGENT_END.fullmatch(word)) and not word.endswith(("ment", "ments", "ence", "ance")) \
        and word.rstrip("s") not in _NOT_AGENTS


#: words with an agent noun's ending that name nobody
_NOT_AGENTS = frozenset(
    "dinner water border number order power matter letter paper center centre winter summer corner chapter cluster "
    "weather shelter quarter river tower computer monster thunder finger hunger danger answer banner trigger disaster "
    "register filter layer barrier character cancer fever liver shoulder silver timber trailer container launcher "
    "bunker tanker roster poster sticker transfer offer cover manner pattern factor sector vector error mirror doctor "
    "motor horror floor door corridor tractor reactor incident accident comment moment element event content "
    "current percent extent torrent talent patent segment statement document argument agreement government parliament "
    "equipment environment element treatment movement department settlement payment announcement apartment "
    "basement deployment employment "
    "history story territory victory memory factory category glossary library salary boundary primary summary "
    "dictionary itinerary anniversary commentary documentary military january february "
    "guarantee committee "
    "motive objective initiative incentive offensive explosive perspective directive alternative "
    "music logic topic panic traffic republic clinic tactic critic "
    "truant plant giant servant ant".split()
) - {"doctor", "critic", "government", "committee", "parliament", "department", "military", "servant"}


def claimant_ok(name: str | None) -> bool:
    """Whether an attributed source the indicator stage read ("according to X", "X said") may be stored as a
    claimant: a noun phrase naming a person, group or organisation, or a document that holds a claim ("a report
    by …"); not a sentence fragment ("will always", "the public to civilian")."""
    return source_ok(strip_leading(name or "").strip(" ,.;:"))
