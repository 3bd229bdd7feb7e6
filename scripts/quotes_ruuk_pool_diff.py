"""Quotes two quotes.ruuk versions find differently on the unlabelled, non-reserved Telegram posts (session 14).

The pool: milblogger-telegram-ru and ru-news-telegram-war documents that are not reserved (int(sha1(corpus + ":" +
id), 16) % 5 == 0), that no quote gold file names (gold/ruuk/quotes_*, QUOTES*.md: not unlabelled for quotes) and
that no held-out file names (a path with "heldout", gold/heldout*, gold/pages/places.jsonl). The indicator training
rounds, the indicator and story dev sets name nearly every other post: they carry no quote labels and are tuning
material, so they stay in. Each version runs in the default
pipeline's quotes.ruuk place; the script prints every quote one version has and the other lacks (by span), and every
changed speaker, for reading by hand. Nothing is scored here.

    PYTHONPATH=src python scripts/quotes_ruuk_pool_diff.py quotes.ruuk.v6 quotes.ruuk.v8 [--limit N] [--json out]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

from moralewatch.api import extract_line
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT, REGISTRY

ROOT = Path(__file__).resolve().parents[1]
CORPORA = Path("/work/shared/data/corpora")
NAMES = ("milblogger-telegram-ru", "ru-news-telegram-war")


def reserved(corpus: str, did: str) -> bool:
    return int(hashlib.sha1((corpus + ":" + did).encode()).hexdigest(), 16) % 5 == 0


def gold_ids() -> set[str]:
    pat = re.compile(r"(?:milblogger-telegram-ru|ru-news-telegram-war):[\w-]+")
    ids: set[str] = set()
    for p in (ROOT / "gold").rglob("*"):
        rel = p.relative_to(ROOT / "gold").as_posix()
        if not (rel.startswith(("ruuk/quotes_", "ruuk/QUOTES", "heldout")) or "heldout" in rel
                or rel == "pages/places.jsonl"):
            continue
        if p.is_file() and p.suffix in (".jsonl", ".json", ".txt", ".md", ".tsv", ".csv"):
            ids.update(pat.findall(p.read_text(encoding="utf-8", errors="replace")))
    return ids


def pool() -> list[dict]:
    used = gold_ids()
    out = []
    for name in NAMES:
        for line in (CORPORA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            if d["id"] in used or reserved(name, d["id"]):
                continue
            out.append(d)
    return out


def run(version: str, rows: list[dict]) -> dict[str, list]:
    pipe = Pipeline([version if n.startswith("quotes.ruuk.") else n for n in DEFAULT], None, REGISTRY)
    out = {}
    for n, d in enumerate(rows, 1):
        line = json.dumps({"id": d["id"], "text": d["text"]} | ({"source": d["source"]} if d.get("source") else {}))
        quotes = extract_line(line, n, pipe).get("quotes") or []
        out[d["id"]] = [(q["start"], q["end"], q.get("speaker"), q.get("cue"), q.get("side"), q.get("speaker_role"))
                        for q in quotes]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--json")
    args = ap.parse_args()
    rows = pool()
    if args.limit:
        rows = rows[:args.limit]
    texts = {d["id"]: d["text"] for d in rows}
    a, b = run(args.old, rows), run(args.new, rows)
    added = removed = changed = 0
    report = []
    for did in texts:
        old = {(s, e): q for s, e, *q in [(x[0], x[1], x) for x in a[did]]}
        new = {(s, e): q for s, e, *q in [(x[0], x[1], x) for x in b[did]]}
        for key in sorted(set(old) | set(new)):
            o, n = old.get(key), new.get(key)
            o = o[0] if o else None
            n = n[0] if n else None
            if o == n:
                continue
            kind = "added" if o is None else "removed" if n is None else "changed"
            added += kind == "added"
            removed += kind == "removed"
            changed += kind == "changed"
            s, e = key
            report.append({"id": did, "kind": kind, "text": texts[did][s:e], "old": o and o[2:], "new": n and n[2:]})
            print(f"{kind:8} {did}  old={o and o[2:]}  new={n and n[2:]}\n    {texts[did][s:e][:300]!r}")
    print(f"documents {len(rows)}  added {added}  removed {removed}  changed {changed}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
