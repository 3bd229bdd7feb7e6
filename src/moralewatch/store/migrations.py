"""The store's migrations, frozen: each one is the literal SQL it ran when it shipped (issue 15).

Migration 1 used to build its tables from the live dataclasses, so adding a field to the model silently changed a
migration that had already run on users' databases. Now migrations 1 and 2 are the SQL they ran in the release that
shipped them (generated once from the model at commit 76cbf65 and committed), and a new column comes as a new
migration. Append only; never edit a migration that has shipped. ``tests/test_migrations.py`` opens a database
made by that release (``tests/fixtures/store-76cbf65.sqlite.gz``) and checks that the migrated schema is the one
the model declares (``store/schema.py``): a field added to the model without a migration fails it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

#: migration 1, "initial schema": documents, quotes, indicators, entities, outcomes, runs, indexes, evidence_fts
INITIAL: tuple[str, ...] = (
    'CREATE TABLE IF NOT EXISTS documents (\n'
    '  id TEXT,\n'
    '  text TEXT,\n'
    '  source TEXT,\n'
    '  locator TEXT,\n'
    '  external_id TEXT,\n'
    '  title TEXT,\n'
    '  published TEXT,\n'
    '  updated TEXT,\n'
    '  author TEXT,\n'
    '  outlet TEXT,\n'
    '  url TEXT,\n'
    '  lang TEXT,\n'
    '  section TEXT,\n'
    '  input_format TEXT,\n'
    '  offset_map TEXT,\n'
    '  input_text TEXT,\n'
    '  removed TEXT,\n'
    '  paragraphs TEXT,\n'
    '  stamps TEXT,\n'
    '  run_id INTEGER,\n'
    '  n_words INTEGER,\n'
    '  PRIMARY KEY (id)\n'
    ')',
    'CREATE TABLE IF NOT EXISTS quotes (\n'
    '  document_id TEXT,\n'
    '  idx INTEGER,\n'
    '  start INTEGER,\n'
    '  end INTEGER,\n'
    '  text TEXT,\n'
    '  kind TEXT,\n'
    '  speaker TEXT,\n'
    '  speaker_start INTEGER,\n'
    '  speaker_end INTEGER,\n'
    '  speaker_role TEXT,\n'
    '  side TEXT,\n'
    '  channel TEXT,\n'
    '  via TEXT,\n'
    '  cue TEXT,\n'
    '  cue_start INTEGER,\n'
    '  cue_end INTEGER,\n'
    '  continues INTEGER,\n'
    '  confidence REAL,\n'
    '  place TEXT,\n'
    '  date TEXT,\n'
    '  rule TEXT,\n'
    '  stage TEXT,\n'
    '  config_hash TEXT,\n'
    '  PRIMARY KEY (document_id, idx)\n'
    ')',
    'CREATE TABLE IF NOT EXISTS indicators (\n'
    '  document_id TEXT,\n'
    '  idx INTEGER,\n'
    '  indicator TEXT,\n'
    '  start INTEGER,\n'
    '  end INTEGER,\n'
    '  text TEXT,\n'
    '  subject_side TEXT,\n'
    '  claimant TEXT,\n'
    '  claimant_side TEXT,\n'
    '  channel TEXT,\n'
    '  quote_index INTEGER,\n'
    '  hedged INTEGER,\n'
    '  negated INTEGER,\n'
    '  confidence REAL,\n'
    '  rule TEXT,\n'
    '  cue TEXT,\n'
    '  place TEXT,\n'
    '  date TEXT,\n'
    '  stage TEXT,\n'
    '  config_hash TEXT,\n'
    '  PRIMARY KEY (document_id, idx)\n'
    ')',
    'CREATE TABLE IF NOT EXISTS entities (\n'
    '  document_id TEXT,\n'
    '  idx INTEGER,\n'
    '  type TEXT,\n'
    '  start INTEGER,\n'
    '  end INTEGER,\n'
    '  text TEXT,\n'
    '  name TEXT,\n'
    '  lat REAL,\n'
    '  lon REAL,\n'
    '  country TEXT,\n'
    '  admin1 TEXT,\n'
    '  geonameid INTEGER,\n'
    '  value TEXT,\n'
    '  granularity TEXT,\n'
    '  rule TEXT,\n'
    '  stage TEXT,\n'
    '  config_hash TEXT,\n'
    '  PRIMARY KEY (document_id, idx)\n'
    ')',
    'CREATE TABLE IF NOT EXISTS outcomes (\n'
    '  source TEXT,\n'
    '  locator TEXT,\n'
    '  status TEXT,\n'
    '  code TEXT,\n'
    '  reason TEXT,\n'
    '  document_id TEXT,\n'
    '  input_sha TEXT,\n'
    '  size INTEGER,\n'
    '  run_id INTEGER,\n'
    '  at TEXT,\n'
    '  PRIMARY KEY (source, locator)\n'
    ')',
    'CREATE TABLE IF NOT EXISTS runs (\n'
    '  id INTEGER,\n'
    '  started_at TEXT,\n'
    '  finished_at TEXT,\n'
    '  version TEXT,\n'
    '  config TEXT,\n'
    '  inputs TEXT,\n'
    '  n_ok INTEGER,\n'
    '  n_duplicate INTEGER,\n'
    '  n_rejected INTEGER,\n'
    '  n_unchanged INTEGER,\n'
    '  status TEXT,\n'
    '  PRIMARY KEY (id)\n'
    ')',
    'CREATE INDEX IF NOT EXISTS ix_documents_published ON documents(published)',
    'CREATE INDEX IF NOT EXISTS ix_indicators_indicator ON indicators(indicator, subject_side)',
    'CREATE INDEX IF NOT EXISTS ix_entities_type ON entities(type, name)',
    'CREATE INDEX IF NOT EXISTS ix_outcomes_status ON outcomes(status, code)',
    'CREATE VIRTUAL TABLE IF NOT EXISTS evidence_fts USING fts5(text, document_id UNINDEXED, kind UNINDEXED, '
    "idx UNINDEXED, tokenize='unicode61 remove_diacritics 2')",
)

#: migration 2, "dashboard read model": evidence_facts, kept up to date by triggers, and its indexes
EVIDENCE_FACTS: tuple[str, ...] = (
    'CREATE TABLE IF NOT EXISTS evidence_facts (document_id TEXT NOT NULL, idx INTEGER NOT NULL, day TEXT, '
    'week TEXT, outlet TEXT, indicator TEXT, subject_side TEXT, claimant TEXT, claimant_side TEXT, channel '
    'TEXT, speaker_role TEXT, place TEXT, hedged INTEGER, negated INTEGER, PRIMARY KEY (document_id, idx))',
    'CREATE TRIGGER IF NOT EXISTS tr_evidence_facts_ins AFTER INSERT ON indicators BEGIN INSERT OR REPLACE '
    "INTO evidence_facts SELECT NEW.document_id, NEW.idx, date(d.published), date(d.published, '-6 days', "
    "'weekday 1'), d.outlet, NEW.indicator, NEW.subject_side, NEW.claimant, NEW.claimant_side, NEW.channel, "
    'coalesce((SELECT q.speaker_role FROM quotes q WHERE q.document_id = NEW.document_id AND q.idx = '
    "NEW.quote_index), 'unknown'), NEW.place, NEW.hedged, NEW.negated FROM (SELECT 1) LEFT JOIN documents d ON "
    'd.id = NEW.document_id; END',
    'CREATE TRIGGER IF NOT EXISTS tr_evidence_facts_del AFTER DELETE ON indicators BEGIN DELETE FROM '
    'evidence_facts WHERE document_id = OLD.document_id AND idx = OLD.idx; END',
    'INSERT OR REPLACE INTO evidence_facts SELECT i.document_id, i.idx, date(d.published), date(d.published, '
    "'-6 days', 'weekday 1'), d.outlet, i.indicator, i.subject_side, i.claimant, i.claimant_side, i.channel, "
    "coalesce(q.speaker_role, 'unknown'), i.place, i.hedged, i.negated FROM indicators i LEFT JOIN documents d "
    'ON d.id = i.document_id LEFT JOIN quotes q ON q.document_id = i.document_id AND q.idx = i.quote_index',
    'CREATE INDEX IF NOT EXISTS ix_facts_day ON evidence_facts(day)',
    'CREATE INDEX IF NOT EXISTS ix_facts_indicator ON evidence_facts(indicator, day)',
    'CREATE INDEX IF NOT EXISTS ix_facts_outlet ON evidence_facts(outlet, day)',
    'CREATE INDEX IF NOT EXISTS ix_facts_place ON evidence_facts(place, day)',
    'CREATE INDEX IF NOT EXISTS ix_facts_claimant ON evidence_facts(claimant, day)',
    'CREATE INDEX IF NOT EXISTS ix_documents_outlet ON documents(outlet, published)',
    'CREATE INDEX IF NOT EXISTS ix_entities_place ON entities(type, name, lat, lon)',
)

#: the JSON object of the stamps of the stage that made a row (``stage``, ``config_hash``)
_OWN = "CASE WHEN stage IS NULL THEN '{}' ELSE json_object(stage, config_hash) END"
#: ... and of ``links.v1``, which rewrote ``place`` and ``date`` of quotes and indicators, from the document's stamps
_LINKS = ("coalesce((SELECT json_object('links.v1', json_extract(d.stamps, '$.\"links.v1\"')) FROM documents d "
          "WHERE d.id = document_id AND json_extract(d.stamps, '$.\"links.v1\"') IS NOT NULL), '{}')")

#: migration 3, "row stamps": every annotation row records the stamps of all the stages that wrote a field of it
#: (``stages``: JSON ``{stage: stamp}``); rows stored before are backfilled from ``stage``/``config_hash`` and, for
#: quotes and indicators, the document's ``links.v1`` stamp
ROW_STAMPS: tuple[str, ...] = (
    "ALTER TABLE quotes ADD COLUMN stages TEXT",
    "ALTER TABLE indicators ADD COLUMN stages TEXT",
    "ALTER TABLE entities ADD COLUMN stages TEXT",
    f"UPDATE quotes SET stages = json_patch({_OWN}, {_LINKS})",
    f"UPDATE indicators SET stages = json_patch({_OWN}, {_LINKS})",
    f"UPDATE entities SET stages = {_OWN}",
)


def _rebuilt(table: str, columns: str, indexes: tuple[str, ...]) -> tuple[str, ...]:
    """SQLite cannot add a foreign key to a table: the table is made again with it, its rows copied in order."""
    return (f"CREATE TABLE {table}__v4 ({columns})",
            f"INSERT INTO {table}__v4 SELECT * FROM {table} ORDER BY rowid",
            f"DROP TABLE {table}",
            f"ALTER TABLE {table}__v4 RENAME TO {table}",
            *indexes)


def _linked_fts(table: str, columns: tuple[str, ...]) -> tuple[str, ...]:
    """An FTS5 index whose content is ``table`` (Datasette shows a search box on it and returns its rows), kept
    up to date by triggers (the writer only inserts and deletes annotation rows, never replaces them)."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    fts = f"{table}_fts"
    return (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content=[{table}], content_rowid=rowid, "
        "tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER IF NOT EXISTS tr_{fts}_ins AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new}); END",
        f"CREATE TRIGGER IF NOT EXISTS tr_{fts}_del AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old}); END",
        f"CREATE TRIGGER IF NOT EXISTS tr_{fts}_upd AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old}); "
        f"INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new}); END",
        f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')",
    )


#: migration 4, "a store Datasette users recognise" (issue 18, item 5):
#: - foreign keys: ``quotes``, ``indicators`` and ``entities`` are made again with ``document_id REFERENCES
#:   documents(id)`` (SQLite has no ALTER TABLE ADD CONSTRAINT); declared for tools (Datasette links each row to its
#:   document), not enforced (``PRAGMA foreign_keys`` stays off: the writer deletes a document's annotations before
#:   the document anyway). ``indicators.quote_index`` points at ``quotes(document_id, idx)``, a two-column key that
#:   tools do not follow: the ``evidence_flat`` view carries the quote instead. The dashboard's triggers on
#:   ``indicators`` go with the old table and are made again, the same;
#: - views: ``evidence_flat`` (one row per indicator with its document's title, outlet, url and day, its date and
#:   source: ``published`` when it is the document's publication day, else ``text``, a date the text gives near
#:   the evidence; its place with coordinates, claimant and sides, and its quote; the export table
#:   ``evidence``) and ``quotes_documents`` (quotes with their document);
#: - full text linked to its content table: ``quotes_fts`` and ``indicators_fts`` (``content=`` the table, kept up
#:   to date by triggers). ``evidence_fts`` stays (the dashboard's index reads it). A VACUUM may renumber the rowids
#:   of these tables; after one, ``INSERT INTO quotes_fts(quotes_fts) VALUES('rebuild')`` (and the same for
#:   ``indicators_fts``) makes the index follow.
DATASETTE: tuple[str, ...] = (
    "DROP TRIGGER IF EXISTS tr_evidence_facts_ins",
    "DROP TRIGGER IF EXISTS tr_evidence_facts_del",
    *_rebuilt("quotes", "document_id TEXT REFERENCES documents(id), idx INTEGER, start INTEGER, end INTEGER, "
              "text TEXT, kind TEXT, speaker TEXT, speaker_start INTEGER, speaker_end INTEGER, speaker_role TEXT, "
              "side TEXT, channel TEXT, via TEXT, cue TEXT, cue_start INTEGER, cue_end INTEGER, continues INTEGER, "
              "confidence REAL, place TEXT, date TEXT, rule TEXT, stage TEXT, config_hash TEXT, stages TEXT, "
              "PRIMARY KEY (document_id, idx)", ()),
    *_rebuilt("indicators", "document_id TEXT REFERENCES documents(id), idx INTEGER, indicator TEXT, "
              "start INTEGER, end INTEGER, text TEXT, subject_side TEXT, claimant TEXT, claimant_side TEXT, "
              "channel TEXT, quote_index INTEGER, hedged INTEGER, negated INTEGER, confidence REAL, rule TEXT, "
              "cue TEXT, place TEXT, date TEXT, stage TEXT, config_hash TEXT, stages TEXT, "
              "PRIMARY KEY (document_id, idx)",
              ("CREATE INDEX IF NOT EXISTS ix_indicators_indicator ON indicators(indicator, subject_side)",)),
    *_rebuilt("entities", "document_id TEXT REFERENCES documents(id), idx INTEGER, type TEXT, start INTEGER, "
              "end INTEGER, text TEXT, name TEXT, lat REAL, lon REAL, country TEXT, admin1 TEXT, geonameid INTEGER, "
              "value TEXT, granularity TEXT, rule TEXT, stage TEXT, config_hash TEXT, stages TEXT, "
              "PRIMARY KEY (document_id, idx)",
              ("CREATE INDEX IF NOT EXISTS ix_entities_type ON entities(type, name)",
               "CREATE INDEX IF NOT EXISTS ix_entities_place ON entities(type, name, lat, lon)")),
    EVIDENCE_FACTS[1],  # the dashboard's triggers, as migration 2 made them
    EVIDENCE_FACTS[2],
    "CREATE VIEW IF NOT EXISTS evidence_flat AS SELECT i.document_id, i.idx, i.indicator, i.subject_side, i.text, "
    "i.hedged, i.negated, i.confidence, i.rule, i.cue, d.title, d.outlet, d.url, date(d.published) AS published, "
    "i.date, CASE WHEN i.date IS NULL THEN NULL WHEN i.date = substr(d.published, 1, 10) THEN 'published' ELSE "
    "'text' END AS date_source, i.place, p.lat AS place_lat, p.lon AS place_lon, p.country AS "
    "place_country, i.claimant, i.claimant_side, i.channel, coalesce(q.speaker_role, 'unknown') AS speaker_role, "
    "i.quote_index, q.text AS quote, q.speaker, q.via FROM indicators i JOIN documents d ON d.id = i.document_id "
    "LEFT JOIN quotes q ON q.document_id = i.document_id AND q.idx = i.quote_index LEFT JOIN entities p ON "
    "p.rowid = (SELECT e.rowid FROM entities e WHERE e.type = 'place' AND e.name = i.place AND e.lat IS NOT NULL "
    "LIMIT 1)",
    "CREATE VIEW IF NOT EXISTS quotes_documents AS SELECT q.document_id, q.idx, q.text, q.kind, q.speaker, "
    "q.speaker_role, q.side, q.channel, q.via, q.cue, q.confidence, q.place, q.date, d.title, d.outlet, d.url, "
    "date(d.published) AS published FROM quotes q JOIN documents d ON d.id = q.document_id",
    *_linked_fts("quotes", ("text", "speaker")),
    *_linked_fts("indicators", ("text",)),
)


#: migration 5, "languages and input metadata": the detected language of each document and of its paragraphs
#: (``language.v1``) and what a Telegram message or a transcript carries beyond its text (``meta``)
LANGUAGES: tuple[str, ...] = (
    "ALTER TABLE documents ADD COLUMN language TEXT",
    "ALTER TABLE documents ADD COLUMN paragraph_languages TEXT",
    "ALTER TABLE documents ADD COLUMN meta TEXT",
    "CREATE INDEX IF NOT EXISTS ix_documents_language ON documents(language)",
)


#: migration 6, "evidence dates and places in context": where each quote's and indicator's date came from
#: (``links.v2``: sentence | paragraph | published | none) and, for a place the context could not decide, its
#: candidate gazetteer ids and the confidence of the reading (``entities.v2``)
PLACES_DATES: tuple[str, ...] = (
    "ALTER TABLE quotes ADD COLUMN date_source TEXT",
    "ALTER TABLE indicators ADD COLUMN date_source TEXT",
    "ALTER TABLE entities ADD COLUMN candidates TEXT",
    "ALTER TABLE entities ADD COLUMN confidence REAL",
)


#: migration 7, "publication date source": where each document's publication date was read (meta, jsonld, byline,
#: url; none: the input states none), NULL for documents stored before
DATE_SOURCE: tuple[str, ...] = (
    "ALTER TABLE documents ADD COLUMN date_source TEXT",
)


#: migration 8, "stories and independent sources" (issue 16): the corpus stage's grouping of documents into stories
#: (a document and its copies) and events (stories reporting one event), kept so that a later ``analyze`` adds its
#: documents to the same stories without reclustering (``moralewatch.corpus``):
#: - ``story_members``: one row per grouped document: its sketch (MinHash signatures, fixed size), the story it
#:   joined, its relation to the member it matched, its quality flags and byline;
#: - ``story_state``: the index's story and event state (first sources, events and their union-find parents);
#: - ``stories``: one row per story: its event, first source (earliest-published member) and size;
#: - ``claim_sources``: one row per quote and indicator: the claim it makes (a hash of its kind, label and words) and
#:   the story, claimant side and publishing side of its document; the view ``claim_counts`` counts documents and
#:   independent stories per claim.
STORIES: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS story_members (\n"
    "  id TEXT PRIMARY KEY,\n  seq INTEGER NOT NULL,\n  sketch BLOB NOT NULL,\n  n_shingles INTEGER,\n"
    "  n_salient INTEGER,\n  exact INTEGER,\n  n_chars INTEGER,\n  published TEXT,\n  script TEXT,\n  source TEXT,\n"
    "  story TEXT,\n  relation TEXT,\n  matched TEXT,\n  flags TEXT,\n  byline TEXT\n)",
    "CREATE INDEX IF NOT EXISTS story_members_story ON story_members (story)",
    "CREATE TABLE IF NOT EXISTS story_state (kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT)",
    "CREATE TABLE IF NOT EXISTS stories (id TEXT PRIMARY KEY, event TEXT, first_source TEXT, first_published TEXT, "
    "n_documents INTEGER)",
    "CREATE INDEX IF NOT EXISTS ix_stories_event ON stories(event)",
    "CREATE TABLE IF NOT EXISTS claim_sources (kind TEXT NOT NULL, document_id TEXT NOT NULL REFERENCES "
    "documents(id), idx INTEGER NOT NULL, claim TEXT NOT NULL, story TEXT NOT NULL, claimant_side TEXT, "
    "publishing_side TEXT, PRIMARY KEY (kind, document_id, idx))",
    "CREATE INDEX IF NOT EXISTS ix_claim_sources_claim ON claim_sources(claim, story)",
    "CREATE VIEW IF NOT EXISTS claim_counts AS SELECT claim, kind, count(DISTINCT document_id) AS documents, "
    "count(DISTINCT story) AS stories FROM claim_sources GROUP BY claim, kind",
)


def _run(statements: Sequence[str]) -> Callable[[sqlite3.Connection], None]:
    def migrate(conn: sqlite3.Connection) -> None:
        for sql in statements:
            conn.execute(sql)

    return migrate


#: the SQL of each migration, by version
STATEMENTS: dict[int, tuple[str, ...]] = {1: INITIAL, 2: EVIDENCE_FACTS, 3: ROW_STAMPS, 4: DATASETTE, 5: LANGUAGES,
                                          6: PLACES_DATES, 7: DATE_SOURCE, 8: STORIES}

#: ordered migrations: (version, name, function of a connection inside the migration's transaction)
MIGRATIONS: list[tuple[int, str, Callable[..., None]]] = [
    (1, "initial schema", _run(INITIAL)),
    (2, "dashboard read model: evidence_facts and indexes", _run(EVIDENCE_FACTS)),
    (3, "row stamps: a stages column on quotes, indicators and entities", _run(ROW_STAMPS)),
    (4, "for Datasette: foreign keys, views evidence_flat and quotes_documents, full text linked to its tables",
     _run(DATASETTE)),
    (5, "languages and input metadata: language, paragraph_languages and meta on documents", _run(LANGUAGES)),
    (6, "evidence dates and places in context: date_source on quotes and indicators, candidates and confidence "
        "on entities", _run(PLACES_DATES)),
    (7, "publication date source: date_source on documents", _run(DATE_SOURCE)),
    (8, "stories and independent sources: story_members, story_state, stories, claim_sources, claim_counts",
     _run(STORIES)),
]
