"""Score an ``indicators.ruuk`` version on the Russian/Ukrainian training round at sentence level (issue 17, session
13), or on a gold/ruuk set with that version in the default pipeline's place.

The round (``gold/train/ruuk/indicators_train_ruuk_{a,b}.jsonl``: half A labelled by ra, half B by rb, split by
document) labels sentences, not documents: only the sentences in the round are scored, the rest of a document was not
read. Each round document is run through the default pipeline with ``--version`` in the ``indicators.ruuk`` stage's
place (through the extract contract, offsets into the corpus text as stored); each of the version's items
(``rule`` ``ruuk:...``) goes to the round sentence that holds its cue (else the one its evidence overlaps most), and
per (sentence, indicator):

* a **hit** is right when the sentence carries that indicator in the round (any side), false otherwise;
* **recall**: the round's (sentence, indicator) pairs that the version hits;
* **side**: of the right hits, those whose subject side is one the round gives that indicator in that sentence.

Reported overall, per indicator, per language, per source type (the round's) and per half; ``--errors`` lists the
false hits, the wrong sides and (``--misses``) the misses with their sentences, for reading (training-side data).
``--audit`` runs v7 and shows, per refusal and side correction of ``indicators.ruuk.v8`` (each on its own), which
items it would take away or re-side on a half of the round and on the dev sets: right or false, side right or wrong
(a dev item is right when a gold item of its indicator overlaps it).

    PYTHONPATH=src python scripts/score_ruuk_round.py --version indicators.ruuk.v7 --half A [--errors] [--json F]
    PYTHONPATH=src python scripts/score_ruuk_round.py --version indicators.ruuk.v8 --gold gold/ruuk/indicators_dev.jsonl
    PYTHONPATH=src python scripts/score_ruuk_round.py --audit --half A [--show]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from moralewatch.api import extract_line  # noqa: E402
from moralewatch.pipeline import Pipeline  # noqa: E402
from moralewatch.stages import DEFAULT  # noqa: E402

ROUND = (ROOT / "gold" / "train" / "ruuk" / "indicators_train_ruuk_a.jsonl",
         ROOT / "gold" / "train" / "ruuk" / "indicators_train_ruuk_b.jsonl")


def pipeline(version: str) -> Pipeline:
    return Pipeline(tuple(version if n.startswith("indicators.ruuk.") else n for n in DEFAULT))


def read_round(half: str, files: tuple[Path, ...] = ROUND) -> list[dict[str, Any]]:
    rows = [json.loads(line) for path in files for line in open(path, encoding="utf-8")]
    return [r for r in rows if half == "all" or r["half"] == half]


def corpus_texts(shared: Path, keys: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    out = {}
    for corpus in {c for c, _ in keys}:
        with open(shared / "data" / "corpora" / f"{corpus}.jsonl", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if (corpus, r["id"]) in keys:
                    out[(corpus, r["id"])] = r["text"]
    return out


def _sentence_of(item: dict[str, Any], sents: list[dict[str, Any]], text: str) -> dict[str, Any] | None:
    cue = item.get("cue") or ""
    at = text.find(cue, item["start"], item["end"] + len(cue)) if cue else -1
    if at >= 0:
        for s in sents:
            if s["start"] <= at < s["end"]:
                return s
    best, overlap = None, 0
    for s in sents:
        o = min(s["end"], item["end"]) - max(s["start"], item["start"])
        if o > overlap:
            best, overlap = s, o
    return best


class Tally:
    def __init__(self) -> None:
        self.c: Counter[str] = Counter()

    def add(self, **kw: int) -> None:
        self.c.update(kw)

    def row(self) -> dict[str, Any]:
        c = self.c
        p = c["right"] / c["hits"] if c["hits"] else 0.0
        r = c["found"] / c["gold"] if c["gold"] else 0.0
        return {"hits": c["hits"], "right": c["right"], "gold": c["gold"], "found": c["found"],
                "precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
                "side": round(c["side"] / c["right"], 3) if c["right"] else None, "side_right": c["side"],
                "hit_sentences": c["hit_sentences"], "hit_sentences_labelled": c["hit_sentences_labelled"]}


def score_round(version: str, half: str, shared: Path,
                files: tuple[Path, ...] = ROUND) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    rows = read_round(half, files)
    by_doc: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_doc[(r["corpus"], r["id"])].append(r)
    texts = corpus_texts(shared, set(by_doc))
    pipe = pipeline(version)
    tallies: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    cases: list[dict[str, Any]] = []
    for key in sorted(by_doc):
        text, sents = texts[key], by_doc[key]
        for s in sents:
            if hashlib.sha1(text[s["start"]:s["end"]].encode()).hexdigest()[:12] != s["sha1"]:
                raise SystemExit(f"sha1 mismatch in {key} at {s['start']}")
        res = extract_line(json.dumps({"id": key[1], "text": text}), 0, pipe)
        if res["error"]:
            raise SystemExit(f"the pipeline failed on {key}: {res['error']['message']}")
        hits: dict[int, dict[str, dict[str, Any]]] = defaultdict(dict)  # sentence -> indicator -> first item
        for item in res["indicators"]:
            if not str(item.get("rule", "")).startswith("ruuk:"):
                continue
            s = _sentence_of(item, sents, text)
            if s is not None:
                hits[s["pool_idx"]].setdefault(item["indicator"], item)
        for s in sents:
            gold: dict[str, set[str]] = defaultdict(set)
            for lab in s["labels"]:
                gold[lab["indicator"]].add(lab["subject_side"])
            found = hits.get(s["pool_idx"], {})
            groups = ("all", f"half {s['half']}", f"lang {s['lang']}", f"source {s['source_type']}")
            for g in groups:
                if found:
                    tallies[g]["*"].add(hit_sentences=1, hit_sentences_labelled=int(bool(gold)))
            for ind in set(gold) | set(found):
                item = found.get(ind)
                right = int(item is not None and ind in gold)
                side = int(right and item is not None and item["subject_side"] in gold[ind])
                kw = {"hits": int(item is not None), "right": right, "gold": int(ind in gold),
                      "found": int(item is not None and ind in gold), "side": side}
                for g in groups:
                    tallies[g]["*"].add(**kw)
                    tallies[g][ind].add(**kw)
                kind = ("false" if item is not None and not right else "miss" if item is None else
                        "side" if not side else "")
                if kind:
                    cases.append({"kind": kind, "indicator": ind, "half": s["half"], "pool_idx": s["pool_idx"],
                                  "doc": key[1], "lang": s["lang"], "source": s["source_type"],
                                  "gold": sorted(gold[ind]), "pred": item["subject_side"] if item else None,
                                  "rule": item["rule"] if item else None, "cue": item["cue"] if item else None,
                                  "labels": [f"{x['indicator']}:{x['subject_side']}" for x in s["labels"]],
                                  "note": s.get("note", ""), "text": text[s["start"]:s["end"]]})
    out = {"version": version, "half": half, "sentences": len(rows), "documents": len(by_doc),
           "groups": {g: {ind: t.row() for ind, t in sorted(ts.items())} for g, ts in sorted(tallies.items())}}
    return out, cases


def render(s: dict[str, Any]) -> str:
    lines = [f"{s['version']} on the round, half {s['half']}: {s['sentences']} sentences, {s['documents']} documents"]
    head = f"{'':28} {'hits':>5} {'P':>6} {'R':>6} {'F1':>6} {'side':>6} {'gold':>5}"
    for g, inds in s["groups"].items():
        a = inds["*"]
        lines.append(f"{g:28} {a['hits']:5} {a['precision']:6.3f} {a['recall']:6.3f} {a['f1']:6.3f} "
                     f"{a['side'] if a['side'] is not None else '-':>6} {a['gold']:5}   sentences hit "
                     f"{a['hit_sentences']}, labelled {a['hit_sentences_labelled']}")
    lines += ["", "per indicator (all):", head]
    for ind, a in s["groups"]["all"].items():
        if ind != "*":
            lines.append(f"{ind:28} {a['hits']:5} {a['precision']:6.3f} {a['recall']:6.3f} {a['f1']:6.3f} "
                         f"{a['side'] if a['side'] is not None else '-':>6} {a['gold']:5}")
    return "\n".join(lines)


def score_gold(version: str, gold: Path) -> dict[str, Any]:
    from moralewatch.eval import indicators as ev

    pipe = pipeline(version)

    def predict(docs: list[ev.GoldDoc], mode: str | None = None) -> dict[str, list[dict[str, Any]]]:
        out = {}
        for d in docs:
            res = extract_line(json.dumps({"id": d.id, "text": d.text}), 0, pipe)
            if res["error"]:
                raise SystemExit(f"the pipeline failed on {d.id}: {res['error']['message']}")
            out[d.id] = res["indicators"]
        return out

    ev.predict = predict  # the scorer's reading of the gold and its scores, with this version's predictions
    return ev.evaluate(gold)


DEV = (ROOT / "gold" / "ruuk" / "indicators_dev.jsonl", ROOT / "gold" / "ruuk" / "indicators_dev_c.jsonl")


def _v7_items(pipe: Pipeline, doc_id: str, text: str) -> list[Any]:
    """v7's items on ``text`` through the extract contract (offsets into ``text``), as attribute objects."""
    from types import SimpleNamespace

    res = extract_line(json.dumps({"id": doc_id, "text": text}), 0, pipe)
    if res["error"]:
        raise SystemExit(f"the pipeline failed on {doc_id}: {res['error']['message']}")
    return [SimpleNamespace(**i) for i in res["indicators"] if str(i.get("rule", "")).startswith("ruuk:")]


def audit(half: str, shared: Path, show: bool) -> None:
    """Each check of v8 on its own, over v7's items on the round's half and the dev sets."""
    from moralewatch.eval import indicators as ev
    from moralewatch.indicators import slavic_v8

    pipe = pipeline("indicators.ruuk.v7")
    refusals, sides = slavic_v8.load()
    # (set, item, right, gold sides, doc)
    items: list[tuple[str, Any, bool, set[str], Any]] = []
    rows = read_round(half)
    by_doc: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_doc[(r["corpus"], r["id"])].append(r)
    texts = corpus_texts(shared, set(by_doc))
    for key in sorted(by_doc):
        text = texts[key]
        for i in _v7_items(pipe, key[1], text):
            s = _sentence_of({"start": i.start, "end": i.end, "cue": i.cue}, by_doc[key], text)
            if s is None:
                continue
            gold = {x["subject_side"] for x in s["labels"] if x["indicator"] == i.indicator}
            items.append((f"round {half}", i, bool(gold), gold, text))
    for path in DEV:
        docs, _ = ev.read_gold(path)
        for d in docs:
            for i in _v7_items(pipe, d.id, d.text):
                gold = {g["subject_side"] for g in d.items if g["indicator"] == i.indicator
                        and min(g["end"], i.end) > max(g["start"], i.start)}
                items.append((path.stem.replace("indicators_", ""), i, bool(gold), gold, d.text))
    for kind, checks in (("refusal", refusals), ("side", sides)):
        for c in checks:
            tally: Counter[str] = Counter()
            shown = []
            for where, i, right, gold, text in items:
                lang = (i.rule or "ruuk:ru").split(":")[1]
                low = slavic_v8.fold(text)
                cs, ce = slavic_v8._cue_at(low, i)
                if not (c.applies(i, lang) and c.matches(low, i.start, i.end, cs, ce)):
                    continue
                if kind == "refusal":
                    what = "RIGHT removed" if right else "false removed"
                else:
                    before, after = i.subject_side in gold, c.side in gold
                    what = "no gold" if not right else "side fixed" if after and not before else \
                        "SIDE BROKEN" if before and not after else "side same"
                tally[f"{where}: {what}"] += 1
                shown.append(f"    {where} {what} {i.indicator} {i.subject_side}->{c.side or '-'} {i.cue!r}: "
                             f"{text[i.start:i.end][:160]!r}")
            print(f"{kind} line {c.line} ({','.join(sorted(c.keys))}, {c.reason}): " + (", ".join(f"{k} {v}" for k, v in
                                                                                sorted(tally.items())) or "nothing"))
            if show:
                print("\n".join(shown))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--version", default="indicators.ruuk.v7")
    ap.add_argument("--half", default="all", help="one half of the round (A, B, ...) or all")
    ap.add_argument("--files", type=Path, nargs="+", help="another round's files (same format) instead of round 1's")
    ap.add_argument("--gold", type=Path, help="score this gold/ruuk set instead of the round")
    ap.add_argument("--errors", action="store_true", help="list false hits and wrong sides")
    ap.add_argument("--misses", action="store_true", help="with --errors, list the misses too")
    ap.add_argument("--audit", action="store_true", help="each v8 check's effect on v7's items (round half, dev)")
    ap.add_argument("--show", action="store_true", help="with --audit, list the items")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MORALEWATCH_SHARED", ROOT.parent / "shared")))
    args = ap.parse_args()
    if args.audit:
        audit(args.half, args.shared, args.show)
        return 0
    if args.gold:
        from moralewatch.eval import indicators as ev

        s = score_gold(args.version, args.gold)
        print(f"{args.version} on {args.gold}\n" + ev.render(s))
    else:
        s, cases = score_round(args.version, args.half, args.shared, tuple(args.files or ROUND))
        print(render(s))
        if args.errors:
            for c in cases:
                if c["kind"] != "miss" or args.misses:
                    print(json.dumps(c, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(s, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
