"""Draw a precision audit of the default pipeline's indicators (issue 12): predictions on unlabelled reporting.

The procedure of the session-5 audits (gold/audit/README.md), written down: from each of the four English corpora
(nyt-guardian-407, zelensky-addresses-en, whitehouse-ukraine-en, press-releases-2022-en) the documents whose id occurs
in no file under gold/ (dev, held-out, training, pools, earlier audits) are shuffled with ``random.Random(SEED)`` and
the first 60 of each kept (``--per-corpus``; 0 keeps them all: by session 6 the training rounds had used most documents,
and 60 per corpus no longer gave 100 predictions); the default pipeline runs over them; ``random.Random(SEED).sample`` draws 100 of the
predictions (all of them when there are fewer). Rows are ids and offsets only, with the verdicts left empty
(``null``) for the judge::

    .venv/bin/python gold/audit/draw.py --seed 20261208 --per-corpus 0 > /tmp/audit.jsonl
    .venv/bin/python gold/audit/draw.py --seed 20261208 --show /tmp/audit.jsonl   # the spans, to judge

Once the audit is committed under gold/, its documents count as used: re-draw it with ``--skip`` and its file
(``--seed 20261208 --per-corpus 0`` and ``--skip`` with each of gold/audit/precision_audit_s6.jsonl,
precision_audit_s6_pool.jsonl and precision_audit_s6_refused.jsonl gives precision_audit_s6.jsonl again).

"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ("nyt-guardian-407", "zelensky-addresses-en", "whitehouse-ukraine-en", "press-releases-2022-en")
PER_CORPUS = 60
DRAW = 100


def sha12(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def used_ids(gold: Path, skip: tuple[Path, ...] = ()) -> str:
    """Everything under gold/ (but ``skip``) as one string: a document is used when its id occurs in it."""
    skipped = {p.resolve() for p in skip}
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(gold.rglob("*")) if p.is_file()
                     and p.suffix in (".jsonl", ".json", ".md", ".tsv") and p.resolve() not in skipped)


def documents(shared: Path, seed: int, gold: Path, per_corpus: int = PER_CORPUS,
              skip: tuple[Path, ...] = ()) -> list[tuple[str, dict[str, str]]]:
    used = used_ids(gold, skip)
    rng = random.Random(seed)
    out = []
    for corpus in CORPORA:
        with open(shared / "data" / "corpora" / f"{corpus}.jsonl", encoding="utf-8") as f:
            docs = [json.loads(line) for line in f if line.strip()]
        docs = [d for d in docs if f'"{d["id"]}"' not in used]
        rng.shuffle(docs)
        out += [(corpus, d) for d in (docs[:per_corpus] if per_corpus else docs)]
    return out


def draw(shared: Path, seed: int, gold: Path, per_corpus: int = PER_CORPUS,
         skip: tuple[Path, ...] = ()) -> list[dict[str, object]]:
    sys.path.insert(0, str(ROOT / "src"))
    from moralewatch.api import extract_line
    from moralewatch.stages import default_pipeline

    pipeline = default_pipeline()
    preds = []
    for n, (corpus, d) in enumerate(documents(shared, seed, gold, per_corpus, skip)):
        res = extract_line(json.dumps({"id": d["id"], "text": d["text"], "title": d.get("title")}), n, pipeline)
        for ind in res["indicators"] or []:
            preds.append({"id": d["id"], "corpus": corpus, "start": ind["start"], "end": ind["end"],
                          "sha1": sha12(d["text"][ind["start"]:ind["end"]]), "indicator": ind["indicator"],
                          "subject_side": ind["subject_side"], "rule": ind.get("rule"),
                          "indicator_right": None, "side_right": None})
    rng = random.Random(seed)
    return rng.sample(preds, min(DRAW, len(preds)))


def show(shared: Path, path: Path) -> None:
    texts: dict[tuple[str, str], str] = {}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for corpus in {r["corpus"] for r in rows}:
        with open(shared / "data" / "corpora" / f"{corpus}.jsonl", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                texts[(corpus, d["id"])] = d["text"]
    for i, r in enumerate(rows):
        t = texts[(r["corpus"], r["id"])]
        ctx = t[max(0, r["start"] - 200):r["start"]].replace("\n", " ")
        print(f"#{i} {r['indicator']}/{r['subject_side']} [{r['rule']}] {r['id']}\n  ...{ctx[-200:]}\n  >>> "
              f"{t[r['start']:r['end']]!r}\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--gold", type=Path, default=ROOT / "gold")
    ap.add_argument("--per-corpus", type=int, default=PER_CORPUS, help="documents per corpus (0: all unused ones)")
    ap.add_argument("--skip", type=Path, action="append", default=[],
                    help="a gold file not to count as using its documents (an audit's own file, to re-draw it)")
    ap.add_argument("--show", type=Path, default=None, help="print the spans of an audit file, to judge them")
    args = ap.parse_args()
    if args.show:
        show(args.shared, args.show)
        return
    for row in draw(args.shared, args.seed, args.gold, args.per_corpus, tuple(args.skip)):
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
