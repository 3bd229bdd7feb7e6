"""Draw a hand check of what a new English indicator stage adds over an older one (issue 12, session 11):
``v11_additions_s11.jsonl``.

The documents: those of the four English corpora of :mod:`draw` outside the evaluation split (``gold/INDICATORS_V11.md``:
``int(sha1(corpus + ":" + id)) % 5 == 0`` is reserved) whose id occurs in no file under ``gold/`` but the training
rounds' (``gold/train/``: the documents no gold file names at all are 21, too few). Both stages run over them; an
addition is a prediction of ``--new`` with no prediction of ``--old`` of the same indicator overlapping it; additions
that overlap a labelled sentence of the training rounds a-d are left out (a-c are the sentences the rules were
written from, d is the rules' unseen check and is never read). ``random.Random(SEED).sample`` draws ``--n`` of them.
Rows are ids and offsets only, with the verdicts left empty for the judge::

    PYTHONPATH=src .venv/bin/python gold/audit/draw_additions.py --seed 20261214 > /tmp/additions.jsonl
    .venv/bin/python gold/audit/draw.py --seed 0 --show /tmp/additions.jsonl   # the spans, to judge them

Once the file is committed under gold/ its documents count as used for :mod:`draw`; this script counts only
``gold/train/`` as not using a document, so it re-draws the same rows with ``--skip`` of the committed file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "gold" / "audit"))

from draw import CORPORA, sha12  # noqa: E402


def reserved(corpus: str, did: str) -> bool:
    return int(hashlib.sha1((corpus + ":" + did).encode()).hexdigest(), 16) % 5 == 0


def documents(shared: Path, gold: Path, skip: tuple[Path, ...] = (),
              corpora: tuple[str, ...] = CORPORA) -> list[tuple[str, dict[str, str]]]:
    """The English documents of ``corpora`` (:data:`draw.CORPORA`) outside the evaluation split that no gold file
    but the training rounds' (and ``skip``) names."""
    skipped = {p.resolve() for p in skip}
    used = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(gold.rglob("*"))
                     if p.is_file() and p.suffix in (".jsonl", ".json", ".md", ".tsv") and
                     p.relative_to(gold).parts[0] != "train" and p.resolve() not in skipped)
    out = []
    for corpus in corpora:
        with open(shared / "data" / "corpora" / f"{corpus}.jsonl", encoding="utf-8") as f:
            docs = [json.loads(line) for line in f if line.strip()]
        out += [(corpus, d) for d in docs if not reserved(corpus, d["id"]) and f'"{d["id"]}"' not in used
                and d.get("lang", "en") == "en"]
    return out


def labelled(gold: Path) -> dict[str, list[tuple[int, int]]]:
    """Document id -> the spans of its labelled sentences in the training rounds a-d (offsets only)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for r in "abcd":
        for line in (gold / "train" / f"indicators_train_{r}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.setdefault(row["id"], []).append((row["start"], row["end"]))
    return out


def additions(shared: Path, gold: Path, old: str, new: str, skip: tuple[Path, ...] = (),
              corpora: tuple[str, ...] = CORPORA) -> list[dict[str, object]]:
    """Every prediction of ``new`` that no prediction of ``old`` of its indicator overlaps, on :func:`documents`,
    but those overlapping a labelled sentence of the training rounds."""
    sys.path.insert(0, str(ROOT / "src"))
    from moralewatch.indicators import trainset

    docs = documents(shared, gold, skip, corpora)
    corpus_of = {d["id"]: c for c, d in docs}
    text = {d["id"]: d["text"] for _, d in docs}
    before, after = trainset.predict(text, old), trainset.predict(text, new)
    spans = labelled(gold)
    out = []
    for did in sorted(text):
        for p in after[did]:
            if any(q["indicator"] == p["indicator"] and min(q["end"], p["end"]) > max(q["start"], p["start"])
                   for q in before[did]):
                continue
            if any(min(e, p["end"]) > max(s, p["start"]) for s, e in spans.get(did, [])):
                continue
            out.append({"id": did, "corpus": corpus_of[did], "start": p["start"], "end": p["end"],
                        "sha1": sha12(text[did][p["start"]:p["end"]]), "indicator": p["indicator"],
                        "subject_side": p["subject_side"], "rule": p.get("rule"),
                        "indicator_right": None, "side_right": None})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--gold", type=Path, default=ROOT / "gold")
    ap.add_argument("--old", default="indicators.v8")
    ap.add_argument("--new", default="indicators.v11")
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--skip", type=Path, action="append", default=[])
    ap.add_argument("--corpus", action="append", default=[], help="corpora to draw from (default: draw.CORPORA)")
    args = ap.parse_args()
    pool = additions(args.shared, args.gold, args.old, args.new, tuple(args.skip), tuple(args.corpus) or CORPORA)
    print(f"{len(pool)} additions", file=sys.stderr)
    for row in random.Random(args.seed).sample(pool, min(args.n, len(pool))):
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
