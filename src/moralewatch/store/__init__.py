"""SQLite store: WAL mode, ordered migrations, one transaction per document, idempotent by content hash.

The writer is :mod:`.writer` (:class:`Store`), connections and coded errors :mod:`.db`, reading :mod:`.read`; the
dashboard's queries :mod:`.queries`.
"""

from __future__ import annotations

from .db import connect, store_error, uri
from .read import decode_row, iter_table, stats
from .writer import Store, _encode

__all__ = ["Store", "connect", "decode_row", "iter_table", "stats", "store_error", "uri", "_encode"]
