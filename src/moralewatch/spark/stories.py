"""The corpus stage's grouping on Spark (issue 20, item 4): the stories and events of the local story index
(:class:`moralewatch.corpus.StoryIndex`, issue 16) over documents spread across a cluster, the same ids and
relations as ``moralewatch stories`` (or the store's corpus stage) gives on the same documents in the same order.

The local index adds documents one at a time; what it decides for a document depends on earlier documents only
through pairs, so the same decisions come out of joins:

1. **Sketches, per partition** (Python): each document's sketch, LSH band keys, text flags and byline, as
   :meth:`StoryIndex.add` computes them (:func:`moralewatch.corpus.features.sketch`, :meth:`StoryIndex.keys`).
2. **Candidates, by a join on band keys**: a local bucket keeps its first ``BUCKET_CAP`` members in input order, so
   a document's candidates are, for each of its keys, the first ``BUCKET_CAP`` documents with that key that come
   before it (a window over each key, and a join).
3. **The pair decision** (Python, per partition of pairs): the local plausibility filter and
   :func:`moralewatch.corpus.relate.relation`, with the flags the document would get from that candidate.
4. **Stories**: a document's best same-story candidate (the local rank: relation order, score, input order) is
   its parent; its story is its root's (founded by the root, ``s-`` + hash of its id), found by pointer jumping
   (a few joins: log2 of the longest chain). The first source is the earliest-published member (ties: input
   order; undated members only: the founder), and the relations are read as :meth:`StoryIndex.assignment` does.
5. **Events**: the stories of ``same_event`` pairs are joined; an event is named after its oldest founder, as the
   local union-find does; components by min-label propagation (one join a round, rounds = the longest path).

Nothing is collected on the driver but the number of changed rows of each round.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..corpus.features import NUM_PERM, NUM_SALIENT_PERM, Sketch, sketch
from ..corpus.flags import byline, text_flags
from ..corpus.index import BUCKET_CAP, RELATION_ORDER, StoryIndex, copy_flags, could_relate, story_key
from ..corpus.relate import DEFAULT, SAME_STORY, Meta, Thresholds, relation, script_of

#: the columns of the ``stories`` table: those of a line of ``moralewatch stories``
STORY_COLUMNS = ("id", "story", "event", "relation", "first_source", "flags")
STORY_DDL = "id string, story string, event string, relation string, first_source string, flags array<string>"
_INVERSE = {"update": "abridged", "abridged": "update", "copy": "copy", "rewrite": "rewrite",
            "translation": "translation"}
SKETCH_DDL = ("_order bigint, id string, s_id string, e_id string, sketch binary, n_shingles bigint, "
              "n_salient bigint, exact bigint, n_chars bigint, date string, script string, source string, "
              "flags array<string>, byl string, named string, keys array<bigint>")
PAIR_DDL = "d bigint, c bigint, rel string, rank bigint, score double, flags array<string>"
_SIDE = ("_order", "sketch", "n_shingles", "n_salient", "exact", "n_chars", "date", "script", "source", "flags",
         "byl", "named")


def _schema(ddl: str) -> Any:
    import pyarrow as pa

    simple = {"string": pa.string(), "bigint": pa.int64(), "double": pa.float64(), "binary": pa.binary(),
              "array<string>": pa.list_(pa.string()), "array<bigint>": pa.list_(pa.int64())}
    return pa.schema([(f.split()[0], simple[f.split()[1]]) for f in ddl.split(", ")])


def sketch_row(order: int, doc_id: str, text: str, title: str | None, published: str | None, source: str | None,
               author: str | None) -> dict[str, Any]:
    """What :meth:`StoryIndex.add` computes of one document before it looks at any other."""
    sk = sketch(text, title)
    return {"_order": order, "id": doc_id, "s_id": story_key("s-", doc_id), "e_id": story_key("e-", doc_id),
            "sketch": sk.to_bytes(), "n_shingles": sk.n_shingles, "n_salient": sk.n_salient, "exact": sk.exact,
            "n_chars": sk.n_chars, "date": published[:10] if published else None, "script": script_of(text),
            "source": source, "flags": text_flags(text, title, author), "byl": byline(text),
            "named": byline(text) or author or None, "keys": StoryIndex.keys(sk, published)}


def _sketches(batches: Iterator[Any]) -> Iterator[Any]:
    """mapInArrow: documents (``_order``, ``id``, ``text``, ``title``, ``published``, ``source``, ``author``) to
    their sketch rows."""
    import pyarrow as pa

    schema = _schema(SKETCH_DDL)
    for batch in batches:
        rows = [sketch_row(r["_order"], r["id"], r["text"] or "", r["title"], r["published"], r["source"],
                           r["author"]) for r in batch.to_pylist()]
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def _side(r: dict[str, Any], p: str) -> tuple[Sketch, Meta]:
    sk = Sketch.from_bytes(r[p + "sketch"], r[p + "n_shingles"], r[p + "n_salient"], r[p + "exact"],
                           r[p + "n_chars"])
    return sk, Meta(r[p + "date"], r[p + "script"], r[p + "source"])


def plausible(new: Sketch, script: str, old: Sketch, old_script: str, t: Thresholds = DEFAULT,
              other: bool = True) -> bool:
    """:meth:`StoryIndex._plausible` for one candidate: can the estimated similarities reach a relation other than
    unrelated (``other``: the two sources are known and differ)."""
    return bool(could_relate(int((old.sig == new.sig).sum()), int((old.ssig == new.ssig).sum()),
                             old_script != script, t, other, min(new.n_salient, old.n_salient)))


def decide(r: dict[str, Any], t: Thresholds = DEFAULT) -> dict[str, Any] | None:
    """A candidate pair (``d_*`` the document, ``c_*`` the earlier candidate): its relation and score, and the flags
    the document gets should this candidate be its best (as :meth:`StoryIndex.add`); None when it is not plausible
    or unrelated."""
    new, new_meta = _side(r, "d_")
    old, old_meta = _side(r, "c_")
    if not plausible(new, new_meta.script, old, old_meta.script, t, _other(new_meta.source, old_meta.source)):
        return None
    rel, score = relation(new, new_meta, old, old_meta, t)
    if rel == "same_event":
        return {"d": r["d_order"], "c": r["c_order"], "rel": rel, "rank": None, "score": score, "flags": None}
    if rel not in SAME_STORY:
        return None
    flags = copy_flags(list(r["d_flags"]), rel, old_meta.source != new_meta.source, r["d_byl"], r["c_named"])
    return {"d": r["d_order"], "c": r["c_order"], "rel": rel, "rank": RELATION_ORDER.index(rel), "score": score,
            "flags": flags}


def _plausible_rows(batch: Any, t: Thresholds = DEFAULT) -> Any:
    """The indices of a batch's pairs that pass :func:`plausible`, computed for the whole batch at once (numpy over
    the signatures in the sketches' bytes): most candidate pairs do not, and their sketches are never decoded."""
    import numpy as np

    n = NUM_PERM + NUM_SALIENT_PERM

    def sigs(col: str) -> Any:
        raw = b"".join(batch.column(col).to_pylist())
        return np.frombuffer(raw, dtype="<u4").reshape(batch.num_rows, -1)[:, :n]

    d, c = sigs("d_sketch"), sigs("c_sketch")
    j = (d[:, :NUM_PERM] == c[:, :NUM_PERM]).sum(axis=1)
    js = (d[:, NUM_PERM:] == c[:, NUM_PERM:]).sum(axis=1)
    cross = np.array(batch.column("d_script").to_pylist()) != np.array(batch.column("c_script").to_pylist())
    other = np.array([_other(a, b) for a, b in zip(batch.column("d_source").to_pylist(),
                                                   batch.column("c_source").to_pylist())], dtype=bool)
    small = np.minimum(np.array(batch.column("d_n_salient").to_pylist(), dtype=np.int64),
                       np.array(batch.column("c_n_salient").to_pylist(), dtype=np.int64))
    return np.flatnonzero(could_relate(j, js, cross, t, other, small))


def _other(a: str | None, b: str | None) -> bool:
    """Two known sources that differ (as :func:`relation` reads them)."""
    return a is not None and b is not None and a != b


def _decisions(batches: Iterator[Any]) -> Iterator[Any]:
    import pyarrow as pa

    schema = _schema(PAIR_DDL)
    for batch in batches:
        if not batch.num_rows:
            continue
        kept = batch.take(pa.array(_plausible_rows(batch)))
        rows = [d for d in map(decide, kept.to_pylist()) if d is not None]
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


#: rows in one Arrow batch to the Python side of the grouping (the session's default is one, for the analysis's
#: units: over the pairs of 4,000 Reuters stories one row a batch cost ~77 s of the decisions' wall time)
ARROW_ROWS = "5000"


def group(docs: Any) -> Any:
    """The ``stories`` rows (:data:`STORY_COLUMNS`) of ``docs``: a DataFrame of ``_order`` (input order, unique),
    ``id``, ``text``, ``title``, ``published``, ``source``, ``author``, ids unique. The Python steps run (and are
    checkpointed) here, with :data:`ARROW_ROWS` rows an Arrow batch; the rest is lazy: the caller writes it."""
    from pyspark.sql import functions as F

    conf = docs.sparkSession.conf
    key = "spark.sql.execution.arrow.maxRecordsPerBatch"
    before = conf.get(key)
    conf.set(key, ARROW_ROWS)
    try:
        sk = docs.mapInArrow(_sketches, SKETCH_DDL).localCheckpoint()
        decided = _pairs(sk, F).mapInArrow(_decisions, PAIR_DDL).localCheckpoint()
    finally:
        conf.set(key, before)
    best = (decided.filter(F.col("rank").isNotNull()).groupBy("d")
            .agg(F.min_by(F.struct("c", "rel", "flags"), F.struct("rank", -F.col("score"), "c")).alias("b")))
    nodes = (sk.select("_order", "id", "s_id", "e_id", "date", "flags").join(best, F.col("d") == F.col("_order"),
                                                                              "left")
             .select("_order", "id", "s_id", "e_id", "date", F.col("b.c").alias("parent"),
                     F.coalesce(F.col("b.rel"), F.lit("original")).alias("rel"),
                     F.coalesce(F.col("b.flags"), F.col("flags")).alias("flags")))
    nodes = _roots(nodes, F)
    events = _events(nodes, decided, F)
    return _assignments(nodes, events, F)


def _pairs(sk: Any, F: Any) -> Any:
    """Every (document, earlier candidate) pair with both sides' sketches: a candidate is among the first
    ``BUCKET_CAP`` documents (in input order) of one of the document's band keys, as a local bucket holds them."""
    from pyspark.sql import Window

    keyed = sk.select("_order", F.explode("keys").alias("key"))
    first = (keyed.withColumn("_n", F.row_number().over(Window.partitionBy("key").orderBy("_order")))
             .filter(F.col("_n") <= BUCKET_CAP).select("key", F.col("_order").alias("c")))
    pairs = (keyed.withColumnRenamed("_order", "d").join(first, "key").filter(F.col("c") < F.col("d"))
             .select("d", "c").distinct())
    side = sk.select(*_SIDE)
    d = side.select(*[F.col(c).alias("d_" + c.lstrip("_")) for c in _SIDE])
    c = side.select(*[F.col(c).alias("c_" + c.lstrip("_")) for c in _SIDE])
    return pairs.join(d, pairs.d == d.d_order).join(c, pairs.c == c.c_order)


def _roots(nodes: Any, F: Any) -> Any:
    """Each document's story founder (``root``): its parent's root, by pointer jumping (each round halves the
    chains; each round's result is checkpointed as the round's count computes it, so the plan does not grow)."""
    cur = nodes.withColumn("root", F.coalesce("parent", "_order")).localCheckpoint(eager=False)
    while True:
        up = cur.select(F.col("_order").alias("_r"), F.col("root").alias("_rr"))
        nxt = (cur.join(up, cur.root == up._r).withColumn("_moved", F.col("_rr") != F.col("root"))
               .withColumn("root", F.col("_rr")).drop("_r", "_rr")).localCheckpoint(eager=False)
        cur = nxt.drop("_moved")
        if not nxt.filter("_moved").count():
            return cur


def _events(nodes: Any, decided: Any, F: Any) -> Any:
    """``(root, event_root)``: the founder of each story's event, the oldest founder among the stories its
    ``same_event`` pairs join (min-label propagation over the stories, each round checkpointed)."""
    root = nodes.select("_order", "root")
    pairs = decided.filter(F.col("rel") == "same_event").select("d", "c")
    edges = (pairs.join(root.withColumnRenamed("_order", "d").withColumnRenamed("root", "a"), "d")
             .join(root.withColumnRenamed("_order", "c").withColumnRenamed("root", "b"), "c")
             .filter(F.col("a") != F.col("b")).select("a", "b"))
    edges = edges.union(edges.select(F.col("b").alias("a"), F.col("a").alias("b"))).distinct()
    edges = edges.localCheckpoint(eager=False)
    label = root.select(F.col("root").alias("a")).distinct().withColumn("label", F.col("a"))
    label = label.localCheckpoint(eager=False)
    while True:
        seen = edges.join(label.withColumnRenamed("a", "b").withColumnRenamed("label", "nl"), "b") \
            .groupBy("a").agg(F.min("nl").alias("nl"))
        nxt = (label.join(seen, "a", "left").withColumn("_moved", F.col("nl") < F.col("label"))
               .withColumn("label", F.least("label", F.coalesce("nl", "label"))).drop("nl")
               ).localCheckpoint(eager=False)
        label = nxt.drop("_moved")
        if not nxt.filter("_moved").count():
            return label.withColumnRenamed("a", "root").withColumnRenamed("label", "event_root")


def _assignments(nodes: Any, events: Any, F: Any) -> Any:
    """The stories rows, read as :meth:`StoryIndex.assignment`: the first source is the earliest-published member
    (the founder when none is dated); a member that is the first source is the ``original``; a founder that is not
    is the inverse of the first source's relation to it, else a ``copy``."""
    dated = (nodes.filter(F.col("date").isNotNull()).groupBy("root")
             .agg(F.min(F.struct("date", "_order")).alias("_f")).select("root", F.col("_f._order").alias("_fd")))
    firsts = nodes.select("root").distinct().join(dated, "root", "left").select(
        "root", F.coalesce("_fd", "root").alias("first"))
    ids = nodes.select(F.col("_order").alias("_o"), F.col("id").alias("_id"), F.col("s_id").alias("_sid"),
                       F.col("e_id").alias("_eid"), F.col("rel").alias("_frel"), F.col("parent").alias("_fpar"))
    n = nodes.join(firsts, "root").join(events, "root")
    n = n.join(ids.select("_o", F.col("_sid").alias("story")), F.col("_o") == F.col("root")).drop("_o")
    n = n.join(ids.select("_o", F.col("_eid").alias("event")), F.col("_o") == F.col("event_root")).drop("_o")
    n = n.join(ids.select("_o", F.col("_id").alias("first_source"), "_frel", "_fpar"),
               F.col("_o") == F.col("first")).drop("_o")
    inverse = F.create_map(*[F.lit(x) for kv in _INVERSE.items() for x in kv])
    relation_ = (F.when(F.col("first") == F.col("_order"), F.lit("original"))
                 .when(F.col("rel") != "original", F.col("rel"))
                 .when(F.col("_fpar") == F.col("_order"), F.coalesce(inverse[F.col("_frel")], F.lit("copy")))
                 .otherwise(F.lit("copy")))
    return n.select("id", "story", "event", relation_.alias("relation"), "first_source", "flags", "_order")
