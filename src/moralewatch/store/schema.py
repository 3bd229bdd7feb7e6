"""The store's schema, derived from the model's dataclasses (declared once, in ``model.py``).

Each annotation table has the fields of its dataclass plus ``document_id``, ``idx`` (its position in the document's
list, which is what ``quote_index`` points at), ``stage`` and ``config_hash`` (what produced the row). The export
columns are these columns; the documentation (``moralewatch schema``) prints them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from ..model import ANNOTATIONS, Document, Outcome


@dataclass(frozen=True)
class Column:
    name: str
    sql: str  # TEXT | INTEGER | REAL
    json: bool = False  # stored as JSON text
    doc: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    doc: str

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def create_sql(self) -> str:
        cols = [f"{c.name} {c.sql}" for c in self.columns]
        cols.append(f"PRIMARY KEY ({', '.join(self.primary_key)})")
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n  " + ",\n  ".join(cols) + "\n)"


def _sql_type(annotation: str) -> tuple[str, bool]:
    a = annotation.replace(" ", "")
    if a.startswith(("list", "dict", "set", "tuple", "OffsetMap")):
        return "TEXT", True
    if a.startswith("int") or a.startswith("bool"):
        return "INTEGER", False
    if a.startswith("float"):
        return "REAL", False
    return "TEXT", False


def _columns(cls: type, skip: set[str] = frozenset()) -> list[Column]:  # type: ignore[assignment]
    out = []
    for f in dataclasses.fields(cls):
        if f.name in skip:
            continue
        sql, is_json = _sql_type(str(f.type))
        out.append(Column(f.name, sql, is_json))
    return out


_DOC_SKIP = {"quotes", "indicators", "entities", "done", "sentences", "marks", "masked"}
_ANN_PREFIX = [Column("document_id", "TEXT"), Column("idx", "INTEGER")]
_ANN_SUFFIX = [Column("stage", "TEXT", doc="versioned stage name"), Column("config_hash", "TEXT")]

DOCUMENTS = Table(
    "documents",
    tuple([Column("id", "TEXT", doc="sha256 of the canonical text (32 hex)")] + _columns(Document, _DOC_SKIP)
          + [Column("run_id", "INTEGER"), Column("n_words", "INTEGER")]),
    ("id",),
    "one row per distinct canonical text",
)
ANNOTATION_TABLES: dict[str, Table] = {
    name: Table(name, tuple(_ANN_PREFIX + _columns(cls) + _ANN_SUFFIX), ("document_id", "idx"),
                f"{name} of a document; spans are offsets into documents.text")
    for name, cls in ANNOTATIONS.items()
}
OUTCOMES = Table(
    "outcomes",
    tuple(_columns(Outcome) + [Column("run_id", "INTEGER"), Column("at", "TEXT")]),
    ("source", "locator"),
    "one row per input (file, JSONL line, WARC record): ok, duplicate or rejected with a code and a reason",
)
RUNS = Table(
    "runs",
    (Column("id", "INTEGER"), Column("started_at", "TEXT"), Column("finished_at", "TEXT"),
     Column("version", "TEXT"), Column("config", "TEXT", True), Column("inputs", "TEXT", True),
     Column("n_ok", "INTEGER"), Column("n_duplicate", "INTEGER"), Column("n_rejected", "INTEGER"),
     Column("n_unchanged", "INTEGER"), Column("status", "TEXT")),
    ("id",),
    "one row per analyze run: version and configuration",
)
TABLES: dict[str, Table] = {t.name: t for t in [DOCUMENTS, *ANNOTATION_TABLES.values(), OUTCOMES, RUNS]}

INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_documents_published ON documents(published)",
    "CREATE INDEX IF NOT EXISTS ix_indicators_indicator ON indicators(indicator, subject_side)",
    "CREATE INDEX IF NOT EXISTS ix_entities_type ON entities(type, name)",
    "CREATE INDEX IF NOT EXISTS ix_outcomes_status ON outcomes(status, code)",
)
FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS evidence_fts USING fts5("
    "text, document_id UNINDEXED, kind UNINDEXED, idx UNINDEXED, tokenize='unicode61 remove_diacritics 2')"
)


def _initial(conn) -> None:  # type: ignore[no-untyped-def]
    for t in TABLES.values():
        conn.execute(t.create_sql())
    for ix in INDEXES:
        conn.execute(ix)
    conn.execute(FTS)


#: the dashboard's read model: one row per indicator with the document and quote fields its filters need
#: (published day and week, outlet, speaker role), kept up to date by triggers in the writer's own transaction.
EVIDENCE_FACTS = (
    "CREATE TABLE IF NOT EXISTS evidence_facts (document_id TEXT NOT NULL, idx INTEGER NOT NULL, day TEXT, "
    "week TEXT, outlet TEXT, indicator TEXT, subject_side TEXT, claimant TEXT, claimant_side TEXT, channel TEXT, "
    "speaker_role TEXT, place TEXT, hedged INTEGER, negated INTEGER, PRIMARY KEY (document_id, idx))",
    "CREATE TRIGGER IF NOT EXISTS tr_evidence_facts_ins AFTER INSERT ON indicators BEGIN "
    "INSERT OR REPLACE INTO evidence_facts SELECT NEW.document_id, NEW.idx, date(d.published), "
    "date(d.published, '-6 days', 'weekday 1'), d.outlet, NEW.indicator, NEW.subject_side, NEW.claimant, "
    "NEW.claimant_side, NEW.channel, coalesce((SELECT q.speaker_role FROM quotes q WHERE q.document_id = "
    "NEW.document_id AND q.idx = NEW.quote_index), 'unknown'), NEW.place, NEW.hedged, NEW.negated "
    "FROM (SELECT 1) LEFT JOIN documents d ON d.id = NEW.document_id; END",
    "CREATE TRIGGER IF NOT EXISTS tr_evidence_facts_del AFTER DELETE ON indicators BEGIN "
    "DELETE FROM evidence_facts WHERE document_id = OLD.document_id AND idx = OLD.idx; END",
    "INSERT OR REPLACE INTO evidence_facts SELECT i.document_id, i.idx, date(d.published), "
    "date(d.published, '-6 days', 'weekday 1'), d.outlet, i.indicator, i.subject_side, i.claimant, "
    "i.claimant_side, i.channel, coalesce(q.speaker_role, 'unknown'), i.place, i.hedged, i.negated FROM indicators i "
    "LEFT JOIN documents d ON d.id = i.document_id "
    "LEFT JOIN quotes q ON q.document_id = i.document_id AND q.idx = i.quote_index",
    "CREATE INDEX IF NOT EXISTS ix_facts_day ON evidence_facts(day)",
    "CREATE INDEX IF NOT EXISTS ix_facts_indicator ON evidence_facts(indicator, day)",
    "CREATE INDEX IF NOT EXISTS ix_facts_outlet ON evidence_facts(outlet, day)",
    "CREATE INDEX IF NOT EXISTS ix_facts_place ON evidence_facts(place, day)",
    "CREATE INDEX IF NOT EXISTS ix_facts_claimant ON evidence_facts(claimant, day)",
    "CREATE INDEX IF NOT EXISTS ix_documents_outlet ON documents(outlet, published)",
    "CREATE INDEX IF NOT EXISTS ix_entities_place ON entities(type, name, lat, lon)",
)


def _evidence_facts(conn) -> None:  # type: ignore[no-untyped-def]
    for sql in EVIDENCE_FACTS:
        conn.execute(sql)


#: ordered migrations: (version, name, function). Append only; never edit one that has shipped.
MIGRATIONS: list[tuple[int, str, Callable[..., None]]] = [
    (1, "initial schema", _initial),
    (2, "dashboard read model: evidence_facts and indexes", _evidence_facts),
]


def describe() -> str:
    """The schema as text, for ``moralewatch schema`` and the docs."""
    out = []
    for t in TABLES.values():
        out.append(f"{t.name}: {t.doc}")
        for c in t.columns:
            out.append(f"  {c.name:16} {c.sql}{' (JSON)' if c.json else ''}{'  ' + c.doc if c.doc else ''}")
    return "\n".join(out)
