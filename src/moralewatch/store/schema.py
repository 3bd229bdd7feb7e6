"""The store's schema, derived from the model's dataclasses (declared once, in ``model.py``).

Each annotation table has the fields of its dataclass plus ``document_id``, ``idx`` (its position in the document's
list, which is what ``quote_index`` points at), ``stage`` and ``config_hash`` (the stage that made the row and its
stamp) and ``stages`` (the stamps of every stage that wrote a field of the row: ``links.v1`` rewrites quotes' and
indicators' place and date). The export columns are these columns; the documentation (``moralewatch schema``)
prints them. The tables are built by the frozen migrations of ``store/migrations.py``, not from this description:
a field added to the model needs a new migration (a test compares the two).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..model import ANNOTATIONS, Document, Outcome
from . import migrations


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


_DOC_SKIP = {"quotes", "indicators", "entities", "done", "sentences", "written_by", "marks", "masked"}
_ANN_PREFIX = [Column("document_id", "TEXT"), Column("idx", "INTEGER")]
_ANN_SUFFIX = [Column("stage", "TEXT", doc="versioned name of the stage that made the row"),
               Column("config_hash", "TEXT", doc="that stage's stamp (name, configuration, data files)"),
               Column("stages", "TEXT", True, doc="{stage: stamp} of every stage that wrote a field of the row")]

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
#: the corpus stage's tables (migration 8, issue 16; written by ``moralewatch.corpus.store``)
STORY_TABLES: tuple[Table, ...] = (
    Table("story_members", (
        Column("id", "TEXT", doc="the document"), Column("seq", "INTEGER", doc="order in which it was grouped"),
        Column("sketch", "BLOB", doc="its MinHash signatures (fixed size; the text is not kept here)"),
        Column("n_shingles", "INTEGER"), Column("n_salient", "INTEGER"), Column("exact", "INTEGER"),
        Column("n_chars", "INTEGER"), Column("published", "TEXT"), Column("script", "TEXT"),
        Column("source", "TEXT", doc="its outlet, else its input's source"),
        Column("story", "TEXT", doc="the story it joined (s-...; never changes)"),
        Column("relation", "TEXT", doc="to `matched`: original, copy, update, abridged, rewrite, translation"),
        Column("matched", "TEXT", doc="the member it was found to copy"),
        Column("flags", "TEXT", doc="comma-separated: machine_garbled, spun_copy, byline_mismatch"),
        Column("byline", "TEXT", doc="who the text says wrote it, else the metadata author")),
        ("id",), "one row per document grouped into a story (the corpus stage)"),
    Table("story_state", (Column("kind", "TEXT"), Column("key", "TEXT"), Column("value", "TEXT")), (),
          "the story index's state: first source of each story, events and their merges"),
    Table("stories", (
        Column("id", "TEXT"), Column("event", "TEXT", doc="the event (e-...) the story reports"),
        Column("first_source", "TEXT", doc="document id of its earliest-published member"),
        Column("first_published", "TEXT"), Column("n_documents", "INTEGER")),
        ("id",), "one row per story: an original article and its copies"),
    Table("claim_sources", (
        Column("kind", "TEXT", doc="quote | indicator"), Column("document_id", "TEXT"), Column("idx", "INTEGER"),
        Column("claim", "TEXT", doc="hash of the kind, label and words of the claim: copies share it"),
        Column("story", "TEXT"), Column("claimant_side", "TEXT"),
        Column("publishing_side", "TEXT", doc="side of the document's outlet in the knowledge base, else unknown")),
        ("kind", "document_id", "idx"), "one row per quote and indicator: its claim and its document's story"),
)
#: the tables ``export`` writes (the story tables are the corpus stage's state and are described apart)
TABLES: dict[str, Table] = {t.name: t for t in [DOCUMENTS, *ANNOTATION_TABLES.values(), OUTCOMES, RUNS]}

#: the migrations, frozen as the SQL they ran (``store/migrations.py``); the tables above describe what they build
MIGRATIONS = migrations.MIGRATIONS


#: the views and linked full-text tables of migration 4 (for Datasette and notebooks), with what each holds
VIEWS: dict[str, str] = {
    "evidence_flat": "view: one row per indicator with its document's title, outlet, url and published day, its "
                     "date and date_source (published | text), place with place_lat/place_lon/place_country, "
                     "claimant and sides, speaker_role and its quote (the export table `evidence`)",
    "quotes_documents": "view: quotes with their document's title, outlet, url and published day",
    "quotes_fts": "full-text index of quotes (text, speaker), content=quotes, kept by triggers",
    "indicators_fts": "full-text index of indicators (text), content=indicators, kept by triggers",
    "claim_counts": "view (migration 8): per claim, its documents and independent stories (copies count once)",
}
#: declared foreign keys (migration 4; not enforced: PRAGMA foreign_keys is off)
FOREIGN_KEYS: dict[str, tuple[str, str, str]] = {
    name: ("document_id", "documents", "id") for name in [*ANNOTATION_TABLES, "claim_sources"]
}


def describe() -> str:
    """The schema as text, for ``moralewatch schema`` and the docs."""
    out = []
    for t in [*TABLES.values(), *STORY_TABLES]:
        out.append(f"{t.name}: {t.doc}")
        fk = FOREIGN_KEYS.get(t.name)
        for c in t.columns:
            ref = f"  -> {fk[1]}.{fk[2]}" if fk and fk[0] == c.name else ""
            out.append(f"  {c.name:16} {c.sql}{' (JSON)' if c.json else ''}{'  ' + c.doc if c.doc else ''}{ref}")
    for name, doc in VIEWS.items():
        out.append(f"{name}: {doc}")
    return "\n".join(out)
