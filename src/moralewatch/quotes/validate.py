"""What may be stored as a quote and as a speaker (issue 13): an indirect quote is a reported clause, not the
object of a verb that narrates an act ("announced a new tranche of weapons", "ordered a shutdown"); a speaker is
a noun phrase naming a person, group or organisation, never a sentence fragment ("will always", "the public to
civilian", "Moscow’s"). Unknown is better than wrong: what fails here is dropped (a quote) or stored as no
speaker (a speaker).

The word sets are code, not data files, on purpose: :func:`speaker_ok` is also what the indicator stage calls for
its ``claimant`` (through :func:`moralewatch.quotes.claimant_ok`), and a stage may load only the data files it
declares; the quote stage passes its lexicon's role nouns in as ``agent``.
"""

from __future__ import annotations

from collections.abc import Callable

from ..lexicons import compile_regex

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
    "force embassy consulate watchdog agent agents campaign campaigns camp transition".split()
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
_AGENT_END = compile_regex(r"[a-z]{2,}(?:er|ers|or|ors|ist|ists|ian|ians|ant|ants|ent|ents|man|men|woman|women|"
                           r"person|people|ary|aries|ee|ees|ive|ives|ic|ics|crat|crats|ster|sters)")

#: a word that is only a verb form here: "-ed" and "-ing" words that end a phrase, "stood", "will"
_VERB_END = compile_regex(r"[a-z]+(?:ed|ing)")

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
    last, raw_last = low[-1], words[-1]
    if last in _DETERMINERS or last in _PREPOSITIONS or last in _FUNCTION_START:
        return False
    if raw_last.endswith(("’s", "'s", "s’")) or raw_last.endswith("’") and raw_last[:-1].endswith("s"):
        return False  # "Moscow’s", "Ukraine’s stepped-up" cut before its noun
    for i, (w, raw) in enumerate(zip(low, words)):
        if i and raw[:1].islower() and (w in AUX or w in IRREGULAR_PAST):
            return False  # "she stood in the Capitol", "will always"
        if i and w in ("to", "from", "at") and i + 1 < len(words):
            nxt, raw_next = low[i + 1], words[i + 1]
            if not (raw_next[:1].isupper() or raw_next[:1].isdigit() or nxt in _DETERMINERS
                    or w == "of" or (w == "for" and _is_person_noun(nxt, agent))):
                return False  # "the public to civilian", "fallout from Russia’s"
    head_at = next((i for i in range(1, len(low)) if low[i] in _PREPOSITIONS), len(low)) - 1
    if head_at + 2 < len(low) and low[head_at + 1] == "of" and (low[head_at][:1].isdigit() or low[head_at] in
                                                                _QUANTITIES):
        head_at = len(low) - 1  # "70% of respondents", "many of the residents": the head is what is counted
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


#: subject pronouns that open a reported clause ("said he would")
_CLAUSE_PRONOUNS = frozenset("he she they it we i you there this these those".split())

#: verbs whose "to"-complement is what was said: commitments ("vowed to retake") and requests ("urged X to")
_TO_VERBS = ("vow", "pledg", "promis", "threat", "swear", "swore", "sworn", "urg", "ask", "call", "order", "told",
             "tell", "instruct", "invit", "warn", "beg", "plead", "demand", "appeal", "encourag", "advis",
             "claim")

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
    if cue_low.startswith(("seem", "appear")):
        return False  # "the economy appears to be doing better": an impression, nobody's words
    if cue_low.startswith(_NP_VERBS) or (cls == "speech" and not cue_low.startswith(_ACT_VERBS)
                                         and first not in _FUNCTION_START and len(tokens) >= 2):
        return True  # "called for a ceasefire", "demanded their release": the object is what was said
    if cue_low.startswith(_OF_VERBS) and any(t.lower() in ("of", "for") for t in tokens[1:6]):
        return True  # "accused Moscow of preparing …", "blamed Kyiv for the strike"
    if cue_low.startswith(("warn", "caution", "advis", "argu")) and first == "against":
        return True  # "warned against a further invasion"
    if cue_low.startswith("call") and "for" in (t.lower() for t in tokens[:4]) and first in _TIME_WORDS | {"for"}:
        return True  # "called this weekend for a mandatory evacuation"
    if cls == "object":
        return False
    return finite_clause(tokens)


#: words of a time adverbial between a verb and its preposition ("called this weekend for …")
_TIME_WORDS = frozenset("this last on again repeatedly publicly today yesterday recently".split())

#: verbs of speech whose noun-phrase object is what was asked for: "called for a ceasefire"
_NP_VERBS = ("call for", "called for", "calls for", "calling for", "push for", "pushed for", "pushes for",
             "pushing for", "demand", "appeal", "plead")

#: verbs of the speech class that narrate an act when a noun phrase follows ("attacked the city", "ordered a
#: shutdown", "posted a video", "added a layer", "called the meeting", "answered the door"): their report needs a
#: clause, as do verbs that judge or describe ("welcomed Turkey’s efforts", "criticised the attitude"); other
#: verbs of speech report their object ("denied the allegations", "announced new sanctions", "confirmed the deaths")
_ACT_VERBS = ("attack", "order", "post", "add", "relat", "continu", "signal", "indicat", "broadcast", "radio",
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
    words: list[str] = []
    for t in tokens[:24]:
        if t in ";:()—–":
            break
        words.append(t)
    if len([w for w in words if w != ","]) < 2:
        return False
    first = words[0]
    low0 = first.lower()
    if low0 in _OPENING_SUBORDINATORS and "," in words:  # "said as far as X is concerned, it is …"
        return finite_clause(words[words.index(",") + 1:])
    if (low0 in _FUNCTION_START and low0 not in ("there", "here")) or (first[:1].islower() and _VERB_END.fullmatch(first)):
        return False  # "have agreed …" (a noun taken for the cue: "member states have"), "planned referendums"
    i, seen, relative = 1, 1, False
    while i < len(words) and seen < 16:
        w = words[i]
        low, before = w.lower(), words[i - 1]
        if low in _RELATIVES and before != ",":
            relative, i = True, i + 1  # "the man who attacked the post was arrested": the relative's verb first
            continue
        if w == "," or low in _SUBORDINATORS:
            if w == "," and i + 1 < len(words) and words[i + 1].lower() in ("said", "says", "told", "added"):
                return False  # "advises the Kremlin on Ukraine policy, said …": the attribution of another clause
            if w == "," and not (i + 1 < len(words) and words[i + 1].lower() in _SUBORDINATORS):
                i += 1
                continue  # "said the US, Britain and France had …"
            nxt = words.index(",", i + 1) if "," in words[i + 1:] else -1
            if nxt < 0:
                return False
            i = nxt + 1
            continue
        seen += 1
        verb = low in AUX or low in IRREGULAR_PAST or _CONTRACTED.fullmatch(low) is not None or (
            low in _PRESENT and (before.lower() in _CLAUSE_PRONOUNS or (before[:1].islower() and before.lower().endswith("s")
                                                                          and not before.lower().endswith("ss")))) or (
            w[:1].islower() and low.endswith("ed") and len(low) >= 4 and before.lower() not in _DETERMINERS
            and not before.endswith(("’s", "'s", "s’")))  # (not "Russia’s continued success", "the planned vote")
        if verb and relative:  # the relative's verb group: "the fear that had gripped …"
            relative, i = False, i + 1
            while i < len(words) and (words[i].lower() in AUX or (words[i][:1].islower() and _VERB_END.fullmatch(
                    words[i].lower()))):
                i += 1
            continue
        if verb:
            return True
        if w[:1].islower() and low.endswith("s") and not low.endswith(("ss", "us", "is")) \
                and (before.lower() in _ADVERBS or before.endswith("ly")):
            return True  # "Pro-Russian feeling still exists"
        if w[:1].islower() and low.endswith("s") and not low.endswith(("ss", "us", "is")) and i == 2 \
                and low0 in _DETERMINERS and words[1][:1].islower() and not words[1].lower().endswith("s") \
                and (i + 1 >= len(words) or words[i + 1].lower() not in _PREPOSITIONS | {"and", "or"}):
            return True  # "said the campaign needs …"
        if w[:1].islower() and low.endswith("s") and not low.endswith(("ss", "us", "is")) and i == 1 \
                and (first[:1].isupper() or low0 in _CLAUSE_PRONOUNS) \
                and (len(words) < 3 or words[2].lower() not in _PREPOSITIONS | {"and", "or"}):
            return True  # "said Russia wants …", "said it remains …" (not "Russian forces of committing …")
        i += 1
    return False


#: a pronoun with a contracted verb: "it’s", "they’re", "he’d", "there’s"
_CONTRACTED = compile_regex(r"(?:it|he|she|that|there|what|who|we|they|i|you|this)(?:['’](?:s|re|m|d|ll|ve))|"
                            r"[a-z]+n['’]t")

#: present-tense verbs after a plural subject or a pronoun ("said voters want change", "said they need …")
_PRESENT = frozenset("want need think believe know say feel see like support oppose expect hope plan remain "
                     "continue agree fear worry understand intend refuse deserve face lack make take get go come "
                     "give keep hold stand".split())

#: subordinators that may open a reported clause before its subject ("said that if X, Y would …")
_OPENING_SUBORDINATORS = frozenset("as if when while although though because after before since unless once until "
                                   "despite given".split())

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
