"""The stages this release runs, registered explicitly (no registration by import side effect), and the default
pipeline in flow order.

Each registration names a stage function (described by its ``@stage`` decorator: versioned name, requires,
provides), the data files it may load (files or directories of ``moralewatch/data``: its stamp hashes them all, and
the loaders refuse any other file while it runs) and the attributes of earlier stages whose rows it rewrites.
``tests/registry_contents.json`` pins what is registered.
"""

from __future__ import annotations

from typing import Any

from . import entities, indicators, lang, quote_roles, quotes, quotes_ruuk, segment, turns
from .entities import cyrillic, cyrillic_v6, cyrillic_v7, cyrillic_v8, cyrillic_v9, english_v3, english_v4
from .indicators import claims_ruuk, slavic, slavic_side11, slavic_v8, slavic_v10, slavic_v12, slavic_v13, slavic_v14
from .indicators import v10 as indicators_v10
from .indicators import v11 as indicators_v11
from .indicators import v12 as indicators_v12
from .indicators import v14 as indicators_v14
from .pipeline import Pipeline, Registration, registry_of

REGISTRATIONS: tuple[Registration, ...] = (
    Registration(segment.segment),
    Registration(lang.detect_language),
    Registration(quotes.find_quotes_v2, data=("quotes/", "kb/orgs.tsv", "kb/people.tsv", "kb/sides.tsv", "kb/titles.tsv")),
    Registration(quotes.find_quotes, data=("quotes/", "kb/orgs.tsv", "kb/people.tsv", "kb/sides.tsv", "kb/titles.tsv")),
    Registration(quotes.find_quotes_v4, data=("quotes/", "kb/orgs.tsv", "kb/people.tsv", "kb/sides.tsv", "kb/titles.tsv")),
    Registration(quotes.find_quotes_v5, data=("quotes/", "kb/orgs.tsv", "kb/people.tsv", "kb/sides.tsv", "kb/titles.tsv")),
    Registration(quotes.find_quotes_v6, data=("quotes/", "kb/orgs.tsv", "kb/people.tsv", "kb/sides.tsv", "kb/titles.tsv")),
    # quotes.v2 with no guessed side for a soldier speaker (session 16; registered, not the default)
    Registration(quotes.find_quotes_v7, data=("quotes/", "kb/orgs.tsv", "kb/people.tsv", "kb/sides.tsv", "kb/titles.tsv")),
    # quotes.v7 with session 16's speaker fixes (registered, not the default)
    Registration(quotes.find_quotes_v8, data=("quotes/", "kb/orgs.tsv", "kb/people.tsv", "kb/sides.tsv", "kb/titles.tsv")),
    # quotes.v2 with session 16's speaker fixes (quotes.v8's, without v7's soldier-side rule)
    Registration(quotes.find_quotes_v9, data=("quotes/", "kb/orgs.tsv", "kb/people.tsv", "kb/sides.tsv", "kb/titles.tsv")),
    Registration(turns.quote_turns, data=("turns/", "kb/people.tsv"), rewrites=("quotes",)),
    # role, side and channel of the English quotes of any quote version, after the turns (which keep theirs);
    # registered, not the default (war held-out side 0.753 -> 0.742, tests/floors/quotes.json quote_roles_v1)
    # (the quote stage's role and channel tables, the knowledge base, and the gazetteer for the side of a place)
    Registration(quote_roles.assign_roles, data=("quote_roles/", "quotes/roles.tsv", "quotes/channels.tsv",
                                                 "kb/orgs.tsv", "kb/people.tsv", "kb/sides.tsv", "kb/titles.tsv",
                                                 "gazetteer/"), rewrites=("quotes",)),
    # v1 and the side the document gives a speaker whose own words give none (installer, apposed public figure,
    # a soldier's unit, a local authority's or the police's place); registered, not the default (war held-out side
    # 0.753 -> 0.742 as v1, web held-out side 0.702 -> 0.687; war dev side 0.766 -> 0.821 against v1)
    Registration(quote_roles.assign_roles_v2, data=("quote_roles/", "quotes/roles.tsv", "quotes/channels.tsv",
                                                    "kb/orgs.tsv", "kb/people.tsv", "kb/sides.tsv", "kb/titles.tsv",
                                                    "gazetteer/"), rewrites=("quotes",)),
    # its speaker test reads pymorphy3 (the entity stage's analyzer): the dictionaries' versions are in its stamp
    # v2 with no side from a later same-head noun phrase that is another quote's speaker (session 15; registered, not
    # the default: the default's headline "Soldiers near Bakhmut say …" took a later paragraph's "captured Russian")
    Registration(quote_roles.assign_roles_v3, data=("quote_roles/", "quotes/roles.tsv", "quotes/channels.tsv",
                                                    "kb/orgs.tsv", "kb/people.tsv", "kb/sides.tsv", "kb/titles.tsv",
                                                    "gazetteer/"), rewrites=("quotes",)),
    Registration(quotes_ruuk.find_quotes_ruuk, data=("quotes_ruuk/", "ruuk/entities/morphology.txt"),
                 rewrites=("quotes",), setup=cyrillic.check_morphology),
    Registration(quotes_ruuk.find_quotes_ruuk_v5, data=("quotes_ruuk/", "ruuk/entities/morphology.txt"),
                 rewrites=("quotes",), setup=cyrillic.check_morphology),
    Registration(quotes_ruuk.find_quotes_ruuk_v6, data=("quotes_ruuk/", "ruuk/entities/morphology.txt"),
                 rewrites=("quotes",), setup=cyrillic.check_morphology),
    # v6 and soldiers' relayed words with their side (session 13, issue 17; registered, not the default)
    Registration(quotes_ruuk.find_quotes_ruuk_v7, data=("quotes_ruuk/", "ruuk/entities/morphology.txt"),
                 rewrites=("quotes",), setup=cyrillic.check_morphology),
    # v7 and the multi-line quotes, callsigns in marks and speaker fixes of Telegram posts (session 14, issue 17)
    Registration(quotes_ruuk.find_quotes_ruuk_v8, data=("quotes_ruuk/", "ruuk/entities/morphology.txt"),
                 rewrites=("quotes",), setup=cyrillic.check_morphology),
    Registration(indicators.tag_indicators, data=("indicators/", "kb/sides.tsv")),
    Registration(indicators.tag_indicators_v4, data=("indicators/", "kb/sides.tsv")),
    Registration(indicators.tag_indicators_v5, data=("indicators/", "kb/sides.tsv")),
    Registration(indicators.tag_indicators_v6, data=("indicators/", "kb/sides.tsv")),
    Registration(indicators.tag_indicators_v7, data=("indicators/", "kb/sides.tsv")),
    Registration(indicators.tag_indicators_v8, data=("indicators/", "kb/sides.tsv")),
    Registration(indicators_v10.tag_indicators_v10, data=("indicators/", "kb/sides.tsv")),
    Registration(indicators_v11.tag_indicators_v11, data=("indicators/", "kb/sides.tsv")),
    Registration(indicators_v12.tag_indicators_v12, data=("indicators/", "kb/sides.tsv")),
    # v14 (session 15, not the default): v12 with the mechanisms the CheckList suite showed missing
    Registration(indicators_v14.tag_indicators_v14, data=("indicators/", "kb/sides.tsv")),
    Registration(indicators.detect_indicators, data=("indicators/", "kb/sides.tsv", "models/indicators/"),
                 setup=indicators.check_detector),
    Registration(lang.gate_languages, rewrites=("quotes", "indicators")),
    # after the gate, which drops the English rules' output on Russian and Ukrainian paragraphs, not this stage's
    Registration(slavic.tag_ruuk, data=("ruuk/indicators/",), rewrites=("indicators",)),
    # v6 reads pymorphy3 (the entity stage's analyzer) for the actors' cases: the dictionaries' versions are in its stamp
    Registration(slavic.tag_ruuk_v6, data=("ruuk/indicators/", "ruuk/entities/morphology.txt"), rewrites=("indicators",),
                 setup=cyrillic.check_morphology),
    # v7 (session 11): v6 with its own cues and actors (v6's with the rules of dev c's misses) and v6's other files
    Registration(slavic.tag_ruuk_v7, data=("ruuk/indicators_v7/", "ruuk/indicators/hedges.txt", "ruuk/indicators/size.txt",
                                           "ruuk/indicators/soldiers.txt", "ruuk/indicators/military.txt",
                                           "ruuk/indicators/calibration.json", "ruuk/entities/morphology.txt"),
                 rewrites=("indicators",), setup=cyrillic.check_morphology),
    # v8 (session 13): v7's items without the refusals and with the side corrections of data/ruuk/indicators_v8
    Registration(slavic_v8.tag_ruuk_v8, data=("ruuk/indicators_v8/", "ruuk/indicators_v7/", "ruuk/indicators/hedges.txt",
                                               "ruuk/indicators/size.txt", "ruuk/indicators/soldiers.txt",
                                               "ruuk/indicators/military.txt", "ruuk/indicators/calibration.json",
                                               "ruuk/entities/morphology.txt"),
                 rewrites=("indicators",), setup=cyrillic.check_morphology),
    # v10 (session 14): v8 plus the recall rules of data/ruuk/indicators_v10 (the training rounds' misses)
    Registration(slavic_v10.tag_ruuk_v10, data=("ruuk/indicators_v10/", "ruuk/indicators_v8/", "ruuk/indicators_v7/",
                                                 "ruuk/indicators/hedges.txt", "ruuk/indicators/size.txt",
                                                 "ruuk/indicators/soldiers.txt", "ruuk/indicators/military.txt",
                                                 "ruuk/indicators/calibration.json", "ruuk/entities/morphology.txt"),
                 rewrites=("indicators",), setup=cyrillic.check_morphology),
    # v11 (session 14, not the default): v8's items through the side pass of slavic_side11 (relayed claims, passive
    # agents, quoted speakers, data/ruuk/indicators_v11); only subject sides change
    Registration(slavic_side11.tag_ruuk_v11, data=("ruuk/indicators_v11/", "ruuk/indicators_v8/", "ruuk/indicators_v7/",
                                                    "ruuk/indicators/hedges.txt", "ruuk/indicators/size.txt",
                                                    "ruuk/indicators/soldiers.txt", "ruuk/indicators/military.txt",
                                                    "ruuk/indicators/calibration.json", "ruuk/entities/morphology.txt"),
                 rewrites=("indicators",), setup=cyrillic.check_morphology),
    # v12 (session 14): v10's recall rules composed with v11's side pass (indicators/slavic_v12.py)
    Registration(slavic_v12.tag_ruuk_v12, data=("ruuk/indicators_v11/", "ruuk/indicators_v10/", "ruuk/indicators_v8/",
                                                 "ruuk/indicators_v7/", "ruuk/indicators/hedges.txt",
                                                 "ruuk/indicators/size.txt", "ruuk/indicators/soldiers.txt",
                                                 "ruuk/indicators/military.txt", "ruuk/indicators/calibration.json",
                                                 "ruuk/entities/morphology.txt"),
                 rewrites=("indicators",), setup=cyrillic.check_morphology),
    # v13 (session 15): v8 plus the rule families, hedges and prisoners' sides of data/ruuk/indicators_v13 (the
    # CheckList suite's failures, tests/checklist/ruuk_templates.py)
    Registration(slavic_v13.tag_ruuk_v13, data=("ruuk/indicators_v13/", "ruuk/indicators_v8/", "ruuk/indicators_v7/",
                                                 "ruuk/indicators/hedges.txt", "ruuk/indicators/size.txt",
                                                 "ruuk/indicators/soldiers.txt", "ruuk/indicators/military.txt",
                                                 "ruuk/indicators/calibration.json", "ruuk/entities/morphology.txt"),
                 rewrites=("indicators",), setup=cyrillic.check_morphology),
    # v14 (session 16, not the default): v13 with the writer's side from the document's source (the knowledge base's,
    # as claims.ruuk.v1 reads it) and the fallback by the kind of writer (data/ruuk/indicators_v14/writers.tsv)
    Registration(slavic_v14.tag_ruuk_v14, data=("ruuk/indicators_v14/", "ruuk/indicators_v13/", "ruuk/indicators_v8/",
                                                 "ruuk/indicators_v7/", "ruuk/indicators/hedges.txt",
                                                 "ruuk/indicators/size.txt", "ruuk/indicators/soldiers.txt",
                                                 "ruuk/indicators/military.txt", "ruuk/indicators/calibration.json",
                                                 "ruuk/entities/morphology.txt", "quotes_ruuk/", "kb/orgs.tsv"),
                 rewrites=("indicators",), setup=cyrillic.check_morphology),
    # (session 15) who asserts a Russian/Ukrainian indicator: the quote its evidence overlaps, the sentence's source
    # the quote stage names, else the document's own voice (writer) with the side the knowledge base gives its source
    Registration(claims_ruuk.claim_ruuk, data=("quotes_ruuk/", "kb/orgs.tsv"), rewrites=("indicators",)),
    Registration(entities.find_entities_v0),
    Registration(entities.find_entities_v1, data=("entities/", "gazetteer/", "kb/orgs.tsv", "kb/people.tsv",
                                                  "kb/titles.tsv")),
    Registration(entities.find_entities, data=("entities/", "gazetteer/", "kb/orgs.tsv", "kb/people.tsv", "kb/titles.tsv")),
    Registration(english_v3.find_entities_v3, data=("entities/", "gazetteer/", "kb/orgs.tsv", "kb/people.tsv",
                                                    "kb/titles.tsv")),
    # v4 (session 16): v2 with ids kept only where the text excludes the KATOTTG namesakes the gazetteer lacks
    Registration(english_v4.find_entities_v4, data=("entities/", "gazetteer/", "kb/orgs.tsv", "kb/people.tsv",
                                                    "kb/titles.tsv", "ruuk_places_katottg/")),
    Registration(entities.link_evidence_v1, rewrites=("quotes", "indicators")),
    Registration(cyrillic.find_entities_ruuk, data=("ruuk/entities/", "kb/people.tsv", "gazetteer/"),
                 rewrites=("entities",), setup=cyrillic.check_morphology),
    Registration(cyrillic.find_entities_ruuk_v2, data=("ruuk/entities/", "ruuk_places/", "kb/people.tsv", "gazetteer/"),
                 rewrites=("entities",), setup=cyrillic.check_morphology),
    Registration(cyrillic.find_entities_ruuk_v3, data=("ruuk/entities/", "ruuk_places/", "kb/people.tsv", "gazetteer/"),
                 rewrites=("entities",), setup=cyrillic.check_morphology),
    Registration(cyrillic.find_entities_ruuk_v4, data=("ruuk/entities/", "ruuk_places/", "kb/people.tsv", "gazetteer/"),
                 rewrites=("entities",), setup=cyrillic.check_morphology),
    Registration(cyrillic.find_entities_ruuk_v5, data=("ruuk/entities/", "ruuk_places/", "kb/people.tsv", "gazetteer/"),
                 rewrites=("entities",), setup=cyrillic.check_morphology),
    Registration(cyrillic_v6.find_entities_ruuk_v6, data=("ruuk/entities/", "ruuk_places/", "kb/people.tsv", "gazetteer/"),
                 rewrites=("entities",), setup=cyrillic.check_morphology),
    Registration(cyrillic_v7.find_entities_ruuk_v7, data=("ruuk/entities/", "ruuk_places/", "ruuk_places_v7/",
                                                           "kb/people.tsv", "gazetteer/"),
                 rewrites=("entities",), setup=cyrillic.check_morphology),
    Registration(cyrillic_v8.find_entities_ruuk_v8, data=("ruuk/entities/", "ruuk_places/", "ruuk_places_v7/",
                                                           "kb/people.tsv", "gazetteer/"),
                 rewrites=("entities",), setup=cyrillic.check_morphology),
    # v9 (session 16): v8 with ids kept only where the evidence excludes the KATOTTG namesakes the gazetteer lacks
    Registration(cyrillic_v9.find_entities_ruuk_v9, data=("ruuk/entities/", "ruuk_places/", "ruuk_places_v7/",
                                                           "ruuk_places_katottg/", "kb/people.tsv", "gazetteer/"),
                 rewrites=("entities",), setup=cyrillic.check_morphology),
    Registration(entities.link_evidence, rewrites=("quotes", "indicators")),
)

REGISTRY = registry_of(REGISTRATIONS)

DEFAULT = (
    "segment.v1",
    "language.v2",
    "quotes.v9",
    "turns.v4",
    "quotes.ruuk.v8",
    "indicators.v8",
    "langgate.v1",
    "indicators.ruuk.v14",
    "claims.ruuk.v1",
    "entities.v2",
    "entities.ruuk.v1",
    "links.v2",
)


def default_pipeline(config: dict[str, dict[str, Any]] | None = None) -> Pipeline:
    return Pipeline(DEFAULT, config, REGISTRY)
