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


#: migration 6, "languages and input metadata": the detected language of each document and of its paragraphs
#: (``language.v1``) and what a Telegram message or a transcript carries beyond its text (``meta``)
LANGUAGES: tuple[str, ...] = (
    "ALTER TABLE documents ADD COLUMN language TEXT",
    "ALTER TABLE documents ADD COLUMN paragraph_languages TEXT",
    "ALTER TABLE documents ADD COLUMN meta TEXT",
    "CREATE INDEX IF NOT EXISTS ix_documents_language ON documents(language)",
)


def _run(statements: Sequence[str]) -> Callable[[sqlite3.Connection], None]:
    def migrate(conn: sqlite3.Connection) -> None:
        for sql in statements:
            conn.execute(sql)

    return migrate


#: the SQL of each migration, by version
STATEMENTS: dict[int, tuple[str, ...]] = {1: INITIAL, 2: EVIDENCE_FACTS, 3: ROW_STAMPS, 6: LANGUAGES}

#: ordered migrations: (version, name, function of a connection inside the migration's transaction)
MIGRATIONS: list[tuple[int, str, Callable[..., None]]] = [
    (1, "initial schema", _run(INITIAL)),
    (2, "dashboard read model: evidence_facts and indexes", _run(EVIDENCE_FACTS)),
    (3, "row stamps: a stages column on quotes, indicators and entities", _run(ROW_STAMPS)),
    # 4 and 5 come from other branches (merged in number order)
    (6, "languages and input metadata: language, paragraph_languages and meta on documents", _run(LANGUAGES)),
]
