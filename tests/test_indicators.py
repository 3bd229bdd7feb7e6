"""The indicator stage: lexicons, prefilter soundness, spans, symmetry (codebook rule 2), hedging, negation, sides,
quotes and claimants."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moralewatch import lexicons
from moralewatch.api import analyze_text
from moralewatch.indicators.lexicon import Rule, load, top_level_branches
from moralewatch.indicators.prefilter import cover, unanchored_rules
from moralewatch.indicators.tagger import Context, hits, hits_unfiltered, normalised, tag
from moralewatch.model import INDICATORS, SUBJECT_SIDES, Document, Quote
from moralewatch.segment import segment


def make_doc(text: str, quotes: list[Quote] | None = None, title: str | None = None) -> Document:
    doc = Document(text=text, title=title)
    segment(doc, {})  # the text layers: paragraphs, sentences, quotation marks
    doc.quotes = quotes or []
    return doc


def found(text: str, **kw: object) -> set[tuple[str, str]]:
    return {(i.indicator, i.subject_side) for i in tag(make_doc(text, **kw))}  # type: ignore[arg-type]


def indicators_of(text: str) -> set[str]:
    return {i.indicator for i in tag(make_doc(text))}


# -- lexicons ------------------------------------------------------------------------------------------------------


def test_every_codebook_indicator_has_rules_and_names_say_which() -> None:
    lex = load()
    have = {r.indicator for r in lex.rules}
    assert have == set(INDICATORS)
    for r in lex.rules:
        assert r.name.startswith(r.indicator + "/")


def test_top_level_split_respects_groups_classes_and_escapes() -> None:
    assert top_level_branches(r"a|(b|c)|[|]x|d\|e") == ["a", "(b|c)", "[|]x", r"d\|e"]


def test_no_branch_starts_or_ends_with_a_space() -> None:
    """A cue is anchored on word boundaries, so a branch ending in a space could only match before punctuation."""
    for indicator in INDICATORS:
        for line in lexicons.lines(f"indicators/cues/{indicator}.txt"):
            if " :: " not in line:
                continue
            for branch in top_level_branches(line.split(" :: ")[1]):
                assert branch == branch.strip(), (indicator, branch[-40:])


def test_no_rule_scans_the_whole_text() -> None:
    assert unanchored_rules() == []


# -- prefilter: a speed device that must never change results -----------------------------------------------------


def _hit_set(doc: Document, prefiltered: bool) -> set[tuple[str, int, int]]:
    norm = normalised(doc.text)
    found_hits = hits(norm, Context(doc, load())) if prefiltered else hits_unfiltered(norm, load())
    return {(h.rule.name, h.start, h.end) for h in found_hits}


def test_prefilter_finds_exactly_what_a_full_scan_finds(seed_texts: dict[str, str], shared: Path) -> None:
    texts = list(seed_texts.values())
    with open(shared / "data" / "corpora" / "nyt-guardian-407.jsonl", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 8 == 0:
                texts.append(json.loads(line)["text"])
    total = 0
    for text in texts:
        doc = make_doc(text)
        full = _hit_set(doc, prefiltered=False)
        assert _hit_set(doc, prefiltered=True) == full
        total += len(full)
    assert total > 100  # the comparison covered real matches


_WORDS = ["morale", "is", "low", "troops", "Russian", "Ukrainian", "heavy", "losses", "surrendered", "no", "the",
          "soldiers", "were", "told", "training", "cannon", "fodder", "ran", "out", "of", "ammunition", "afraid",
          "I", "am", "deserted", "their", "posts", "civilians", "targeting", "lack", "motivation", ",", ".", "“", "”"]


@functools.cache
def _covers() -> list[tuple[Rule, frozenset[str]]]:
    out = []
    for rule in load().rules:
        c = cover(rule.pattern.pattern, rule.pattern.flags)
        assert c is not None, rule.name
        out.append((rule, c))
    return out


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40))
def test_every_match_contains_its_rules_anchor(words: list[str]) -> None:
    text = " ".join(words)
    norm = normalised(text).lower()
    for rule, c in _covers():
        for m in rule.pattern.finditer(normalised(text)):
            assert any(a in norm[m.start():m.end()] for a in c), (rule.name, m.group())


# -- spans and fields ----------------------------------------------------------------------------------------------


def _check_fields(doc: Document) -> None:
    for ind in doc.indicators:
        assert 0 <= ind.start < ind.end <= len(doc.text)
        assert ind.text == doc.text[ind.start:ind.end]
        assert ind.indicator in INDICATORS
        assert ind.subject_side in SUBJECT_SIDES
        assert 0.0 <= ind.confidence <= 1.0
        assert ind.rule and ind.rule.startswith(ind.indicator + "/")
        assert ind.cue


def test_seed_articles_give_valid_rows(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        doc = analyze_text(text)
        assert doc.indicators
        _check_fields(doc)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS + ["\n\n", "Ukraine’s", "(", ")", "?"]), max_size=60))
def test_spans_stay_in_bounds_on_any_text(words: list[str]) -> None:
    doc = make_doc(" ".join(words))
    doc.indicators = tag(doc)
    _check_fields(doc)
    keys = [(i.start, i.end, i.indicator, i.subject_side) for i in doc.indicators]
    assert len(keys) == len(set(keys))  # each indicator once per evidence (rule 1)


# -- symmetry (codebook rule 2) ------------------------------------------------------------------------------------

PAIRED = [
    ("Morale among {A} troops is sagging, officials said.", {"morale_low"}),
    ("Many {A} soldiers abandoned their tanks and fled.", {"surrender_desertion"}),
    ("Dozens of {A} conscripts refused to fight.", {"unwilling", "surrender_desertion"}),
    ("{A} units ran out of food and fuel within days.", {"supply_shortage"}),
    ("The {A} soldiers were exhausted after weeks of shelling.", {"morale_low"}),
    ("{A} forces have suffered heavy losses in the battle.", {"heavy_losses"}),
    ("The {A} troops were sent to the front without any training.", {"untrained"}),
    ("Hundreds of {A} soldiers surrendered on Tuesday.", {"surrender_desertion"}),
    ("The {A} fighters are in high spirits and determined to fight.", {"morale_high"}),
    ("{A} commanders abandoned their men and fled.", {"betrayed_by_command", "surrender_desertion"}),
    ("{A} troops have been sabotaging their own vehicles.", {"sabotage"}),
    ("The {A} army is hiding the true number of its casualties.", {"casualty_concealment"}),
    ("Recruiters for the {A} army are signing up prisoners.", {"forced_recruitment"}),
    ("{A} soldiers were ordered to fire at everyone, even civilians.", {"orders_against_civilians"}),
    ("{A} soldiers said they were treated as cannon fodder.", {"expendable"}),
    ("{A} soldiers said they were told they were going on exercises.", {"deceived"}),
    ("{A} soldiers said deserters would be shot.", {"coerced", "surrender_desertion"}),
    ("The {A} defence ministry gave the troops a chance to rest and held concerts for them.", {"morale_boosting"}),
]


@pytest.mark.parametrize("template,expected", PAIRED)
def test_same_sentence_same_indicators_for_either_army(template: str, expected: set[str]) -> None:
    ru = found(template.format(A="Russian"))
    ua = found(template.format(A="Ukrainian"))
    assert {i for i, _ in ru} == {i for i, _ in ua} == expected
    assert {s for _, s in ru} == {"ru"}
    assert {s for _, s in ua} == {"ua"}


#: other ways war reporting says the same things (soldiers' voices, intercepted calls, officials), either army
PHRASINGS = [
    ("{A} soldiers are looting food from shops because they have not been fed for days.", {"supply_shortage"}),
    ("Morale among the {A} troops is at rock bottom.", {"morale_low"}),
    ("The {A} soldiers were poorly fed and poorly equipped.", {"supply_shortage"}),
    ("Our commanders told us to advance or be shot, a {A} soldier said.", {"coerced"}),
    ("Mobilized {A} men complain they were sent to the front with rusty rifles.", {"supply_shortage"}),
    ("Of 100 men in my company, only 20 are left, the {A} soldier said.", {"heavy_losses"}),
    ("The morale of our troops is unbreakable, the {A} commander said.", {"morale_high"}),
    ("Many {A} soldiers shot themselves in the leg to get sent home.", {"surrender_desertion"}),
    ("Whole {A} units refused to go on the offensive.", {"surrender_desertion"}),
    ("We have no food, no water, nothing, a {A} soldier told his wife in an intercepted call.", {"supply_shortage"}),
    ("They were thrown into battle with no idea where they were going, a {A} POW said.", {"expendable", "deceived"}),
    ("The {A} conscripts said they had been given just three days of training before being sent to the front.",
     {"untrained"}),
    ("{A} troops are exhausted and many want to go home, according to intercepted calls.",
     {"morale_low", "unwilling"}),
]


#: whole categories of phrasing that reporting uses for violence against civilians, shortfalls, losses and morale
#: (written for this test, either army; each line is a different construction of the same idea)
CATEGORIES = [
    ("Investigators said {A} forces committed war crimes in the occupied villages.", {"orders_against_civilians"}),
    ("The court sentenced two {A} soldiers to prison terms for war crimes.", {"orders_against_civilians"}),
    ("Five civilians were killed on Monday in {A} shelling of the town.", {"orders_against_civilians"}),
    ("The mayor said {A} troops had abducted dozens of residents.", {"orders_against_civilians"}),
    ("Officials accused {A} forces of shelling residential areas of the city.", {"orders_against_civilians"}),
    ("{A} troops opened fire on a convoy of civilians trying to flee.", {"orders_against_civilians"}),
    ("Witnesses said {A} soldiers shot dead an elderly man on his bicycle.", {"orders_against_civilians"}),
    ("The {A} army said it needed fire parity to hold the line.", {"supply_shortage"}),
    ("The {A} offensive is coming at a cost to the sustainment of its own weapons.", {"supply_shortage"}),
    ("{A} forces have exhausted their supply of artillery shells.", {"supply_shortage"}),
    ("The {A} army is struggling to resupply its troops in the south.", {"supply_shortage"}),
    ("{A} commanders say they are badly short of ammunition.", {"supply_shortage"}),
    ("{A} casualties have been staggering in the battle for the city.", {"heavy_losses"}),
    ("The {A} army has taken a pummelling in the east.", {"heavy_losses"}),
    ("{A} casualties are estimated at more than 20,000 killed and wounded.", {"heavy_losses"}),
    ("The president was shown presenting {A} soldiers with awards.", {"morale_boosting"}),
    ("{A} troops remain upbeat despite the shelling, their commander said.", {"morale_high"}),
    ("The {A} defenders are holding out with remarkable resilience.", {"morale_high"}),
    ("The {A} military has lost about a third of the ground combat force it committed.", {"heavy_losses"}),
    ("{A} troops are dying in large numbers, officials admitted.", {"heavy_losses"}),
    ("{A} commanders promised soldiers leave and a pay rise.", {"morale_boosting"}),
    ("{A} soldiers complained that their equipment was outdated and broken.", {"supply_shortage"}),
    ("Medics in {A} units say they lack tourniquets and bandages.", {"supply_shortage"}),
    ("The {A} army does not have enough air defence systems, the minister said.", {"supply_shortage"}),
    ("The {A} army has received only 10% of the heavy weapons it asked for.", {"supply_shortage"}),
    ("Officials warned of a new round of crimes against civilians by {A} troops.", {"orders_against_civilians"}),
    ("Witnesses described the cruelty of the {A} soldiers in the occupied town.", {"orders_against_civilians"}),
    ("The girl was killed by a {A} missile strike on the park.", {"orders_against_civilians"}),
    ("{A} missiles hit residential areas of the city overnight.", {"orders_against_civilians"}),
    ("Eleven {A} riot police refused deployment to the front.", {"surrender_desertion", "unwilling"}),
    ("Witnesses described the massacre of civilians by {A} troops.", {"orders_against_civilians"}),
    ("Our people die every day from {A} missiles.", {"orders_against_civilians"}),
]


@pytest.mark.parametrize("template,expected", CATEGORIES)
def test_categories_of_phrasing_are_found_for_either_army(template: str, expected: set[str]) -> None:
    ru = found(template.format(A="Russian"))
    ua = found(template.format(A="Ukrainian"))
    assert {i for i, _ in ru} == {i for i, _ in ua} == expected
    assert {s for _, s in ru} == {"ru"} and {s for _, s in ua} == {"ua"}


def test_violence_against_civilians_is_of_the_side_that_did_it() -> None:
    assert found("Ukraine accused Moscow of war crimes after the strike.") == {("orders_against_civilians", "ru")}
    assert found("Russia accused Kyiv of war crimes after the strike.") == {("orders_against_civilians", "ua")}
    assert found("Officials said Russian troops had abducted Ukrainian children.") == {
        ("orders_against_civilians", "ru")}
    assert found("Seven people were killed by a Ukrainian missile strike on a market in Donetsk.") == {
        ("orders_against_civilians", "ua")}
    assert found("Survivors described the massacre of Ukrainians in the village.") == {("orders_against_civilians", "ru")}
    assert found("Survivors described the massacre of Russians in the village.") == {("orders_against_civilians", "ua")}


def test_strikes_on_military_sites_and_mutual_accusations_are_not_violence_against_civilians() -> None:
    assert not indicators_of("Three people were killed when Russian missiles hit a military airfield.")
    assert not indicators_of("Seven people were killed by a Ukrainian strike on an ammunition depot.")
    assert not indicators_of("Kyiv and Moscow accused each other of committing a war crime at the prison.")
    assert not indicators_of("The Russian bombardment is forcing civilians to shelter in basements.")
    assert not indicators_of("Port officials said the strike had caused losses estimated at 1.5 mln dlrs.")


@pytest.mark.parametrize("template,expected", PHRASINGS)
def test_varied_phrasings_are_found_for_either_army(template: str, expected: set[str]) -> None:
    ru = found(template.format(A="Russian"))
    ua = found(template.format(A="Ukrainian"))
    assert {i for i, _ in ru} == {i for i, _ in ua} == expected
    assert {s for _, s in ru} == {"ru"} and {s for _, s in ua} == {"ua"}


@pytest.mark.parametrize("template,expected", PAIRED[:6])
def test_symmetry_holds_for_other_names_of_the_forces(template: str, expected: set[str]) -> None:
    ru = found(template.format(A="Kremlin’s"))
    ua = found(template.format(A="Kyiv’s"))
    assert {i for i, _ in ru} == {i for i, _ in ua} == expected


# -- subject side ----------------------------------------------------------------------------------------------


def test_victims_of_a_kill_claim_are_the_subject() -> None:
    assert found("Ukrainian forces killed more than 300 Russian soldiers near Izium.") == {("heavy_losses", "ru")}
    assert found("Russian forces killed more than 300 Ukrainian soldiers near Izium.") == {("heavy_losses", "ua")}


def test_the_source_of_a_claim_is_not_its_subject() -> None:
    assert found("Ukraine said Russian troops were demoralized.") == {("morale_low", "ru")}
    assert found("Russia said Ukrainian troops were demoralized.") == {("morale_low", "ua")}


def test_perpetrators_not_victims_are_the_subject_of_violence_against_civilians() -> None:
    assert found("Witnesses said Russian soldiers executed Ukrainian civilians in the town.") == {
        ("orders_against_civilians", "ru")}


def test_both_sides_gives_one_item_per_side() -> None:
    assert found("Both sides have suffered heavy losses in the fighting.") == {
        ("heavy_losses", "ru"), ("heavy_losses", "ua")}


# -- hedged, negated, hypothetical, not about forces ------------------------------------------------------------


def test_hedged_claims_are_kept_and_flagged() -> None:
    (ind,) = tag(make_doc("Russian troops reportedly abandoned their tanks near Kharkiv."))
    assert ind.indicator == "surrender_desertion" and ind.hedged and not ind.negated


def test_denials_are_kept_and_flagged_negated() -> None:
    (ind,) = tag(make_doc("There have been no desertions among Ukrainian troops, the ministry said."))
    assert ind.indicator == "surrender_desertion" and ind.negated and ind.subject_side == "ua"


def test_morale_remains_high_is_morale_high_not_a_negation() -> None:
    (ind,) = tag(make_doc("Morale remains high among Russian troops, the ministry said."))
    assert ind.indicator == "morale_high" and not ind.negated


@pytest.mark.parametrize("side", ["Russian", "Ukrainian"])
def test_a_forces_state_taken_as_given_holds_inside_a_conditional(side: str) -> None:
    assert "heavy_losses" in indicators_of(f"A ceasefire would only let the depleted {side} forces regroup.")
    assert "heavy_losses" not in indicators_of(f"The {side} forces could be depleted by winter if the attack fails.")


def test_a_conditional_is_not_a_claim() -> None:
    assert indicators_of("If Russia advances, Ukrainian troops could suffer heavy losses.") == set()


def test_operational_facts_are_not_indicators() -> None:
    assert indicators_of("Russian forces carried out a rocket attack on the city centre, local officials said.") == set()
    assert indicators_of("A missile strike on the mall killed 20 civilians, officials said.") == set()


def test_civilians_fear_and_public_morale_are_not_a_forces_morale() -> None:
    assert indicators_of("Residents were terrified as shells fell on the city.") == set()
    assert indicators_of("The blackouts are meant to sap public morale in Ukraine.") == set()


def test_headline_framing_is_not_evidence_but_a_quote_in_it_is() -> None:
    text = "Russian army's morale is collapsing\n\nThe war goes on. Officials met on Tuesday."
    assert indicators_of(text) == {"morale_low"}
    assert {i.indicator for i in tag(make_doc(text, title="Russian army's morale is collapsing"))} == set()
    quoted = "Soldier says: “We are just cannon fodder”\n\nThe war goes on."
    assert {i.indicator for i in tag(make_doc(quoted, title="Soldier says: “We are just cannon fodder”"))} == {
        "expendable"}


# -- quotes and claimants ----------------------------------------------------------------------------------------

QUOTED = "“We were sent to die here, nobody wanted to fight,” a captured soldier told his mother."


def _soldier_quote(side: str) -> Quote:
    start = QUOTED.index("We")
    end = QUOTED.index(",”") + 1
    return Quote(start, end, QUOTED[start:end], speaker="a captured soldier", speaker_role="pow", side=side,
                 channel="phone_call")


@pytest.mark.parametrize("side", ["ru", "ua"])
def test_evidence_in_a_quote_takes_the_quote_span_and_claimant(side: str) -> None:
    q = _soldier_quote(side)
    inds = tag(make_doc(QUOTED, quotes=[q]))
    assert {i.indicator for i in inds} == {"expendable", "unwilling"}
    for ind in inds:
        assert (ind.start, ind.end) == (q.start, q.end)
        assert ind.quote_index == 0
        assert (ind.claimant, ind.claimant_side, ind.channel) == ("a captured soldier", side, "phone_call")
        assert ind.subject_side == side  # a soldier's "we" is his own side


def test_without_the_quote_stage_quotation_marks_still_bound_the_evidence() -> None:
    inds = tag(make_doc(QUOTED))
    assert {(i.start, i.end) for i in inds} == {(1, QUOTED.index("”"))}


def test_claim_sentences_name_their_source() -> None:
    (ind,) = tag(make_doc("Russian units are running out of ammunition, according to British intelligence."))
    assert ind.indicator == "supply_shortage"
    assert ind.claimant and "British intelligence" in ind.claimant and ind.claimant_side == "west"
    assert ind.hedged  # "according to" is a hedge cue of the codebook
    (writer,) = tag(make_doc("Russian units are running out of ammunition."))
    assert (writer.claimant, writer.channel) == ("writer", "news_report")


def test_rule_and_cue_say_why() -> None:
    (ind,) = tag(make_doc("Ukrainian soldiers said they were used as cannon fodder."))
    assert ind.rule == "expendable/fodder"
    assert re.fullmatch(r"cannon fodder", ind.cue or "")
