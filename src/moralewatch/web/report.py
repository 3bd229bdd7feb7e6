"""The static report: one self-contained HTML file with the dashboard's views, for sharing without a server.

It is the dashboard's own page with the stylesheets and scripts inlined and the data embedded as JSON (the newest
``limit`` matching evidence items with their articles, the documents-per-day denominator, place coordinates and
the map outline); the client answers the API's calls from that data. Nothing is fetched: the page's
Content-Security-Policy allows no connection at all and only the exact inline scripts it ships (by hash), so a
payload that slipped into the data could not run even if it reached the page as markup.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
from pathlib import Path
from typing import Any

from .. import __version__
from ..privacy import Scrubber
from ..store import connect
from ..store.queries import has_read_model
from . import views as Q
from .app import STATIC
from .filters import Filters
from .index import FactIndex


def json_for_script(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` survive raw, so
    the data cannot close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _block(html: str, name: str, replacement: str) -> str:
    pattern = re.compile(rf"<!--mw:{name}-->.*?<!--/mw:{name}-->", re.S)
    if not pattern.search(html):
        raise RuntimeError(f"index.html lacks the {name} block")
    return pattern.sub(lambda _: replacement, html, count=1)


def render_report(data: dict[str, Any]) -> str:
    """The report page for a snapshot (``views.snapshot``)."""
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    css = "\n".join((STATIC / p).read_text(encoding="utf-8") for p in ("uplot/uPlot.min.css", "app.css"))
    scripts = [(STATIC / p).read_text(encoding="utf-8") for p in ("uplot/uPlot.iife.min.js", "app.js")]
    for s in scripts + [css]:
        if "</script" in s.lower() or "</style" in s.lower():
            raise RuntimeError("a bundled asset contains a closing tag and cannot be inlined")
    csp = (f"default-src 'none'; script-src {' '.join(_sha(s) for s in scripts)}; style-src {_sha(css)}; "
           "img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'")
    html = html.replace('<meta charset="utf-8">',
                        f'<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="{csp}">', 1)
    html = _block(html, "styles", f"<style>{css}</style>")
    outline = (STATIC / "geo" / "outline.json").read_text(encoding="utf-8")
    html = html.replace("<!--mw:data-->",
                        f'<script type="application/json" id="mw-data">{json_for_script(data)}</script>\n'
                        f'<script type="application/json" id="mw-outline">{json_for_script(json.loads(outline))}'
                        "</script>", 1)
    html = _block(html, "scripts", "\n".join(f"<script>{s}</script>" for s in scripts))
    return html.replace("<title>MoraleWatch</title>", "<title>MoraleWatch report</title>", 1)


def build_report(db: str | Path, output: str | Path, f: Filters | None = None, limit: int = 5000,
                 reveal_private: bool = False) -> dict[str, Any]:
    """Write the report for the store at ``db``; returns what it holds (items embedded out of the total).

    A report is meant for sharing: private people, call signs and phone numbers in everything it embeds are
    replaced by stable pseudonyms (``moralewatch.privacy``) unless ``reveal_private``."""
    conn = connect(db, readonly=True)
    try:
        if not has_read_model(conn):
            from ..errors import MoraleWatchError

            raise MoraleWatchError("E503", f"{db} has no dashboard read model (schema migration 2)",
                                   f"run `moralewatch serve {db}` once (it migrates), or re-run analyze")
        data = Q.snapshot(FactIndex(conn).refresh(), f or Filters(), limit)
        if not reveal_private:
            data = Scrubber.for_store(conn).value(data)
    finally:
        conn.close()
    info = {"generated": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "db": Path(db).name,
            "items": len(data["facts"]), "total": data["total"], "version": __version__, "filters": data["filters"],
            "private": "revealed" if reveal_private else "pseudonymised"}
    data["meta"]["report"] = info
    Path(output).write_text(render_report(data), encoding="utf-8")
    return info
