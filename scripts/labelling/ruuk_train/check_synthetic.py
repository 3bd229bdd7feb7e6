"""Checks gold/train/ruuk/synthetic_ruuk.jsonl (written Russian/Ukrainian paraphrases, training only).

Each line: valid JSON with the fields text, lang (ru|uk), labels, synthetic (true), annotator, source_type; every
label has the six fields, an indicator of the codebook table (shared/spec/codebook.md), subject_side ru|ua|unknown,
boolean hedged/negated (not both), claimant_side a codebook side. The line's lang agrees with moralewatch.lang.detect
(sentences the detector cannot decide are reported, not failed). No duplicate texts (after lower-casing and
collapsing whitespace). No sentence whose 5-word shingles overlap any one sentence of the ru/uk documents of
shared/data/corpora/*.jsonl by more than 50% (shingles of the synthetic sentence found in that corpus sentence /
shingles of the synthetic sentence): the check that nothing was copied. Also prints the counts for the card.

Usage: PYTHONPATH=src /work/main/.venv/bin/python scripts/labelling/ruuk_train/check_synthetic.py [--counts]
Exit status 1 on any failure.
"""
import collections
import glob
import json
import os
import re
import sys

from moralewatch import lang

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
DATA = os.path.join(ROOT, "gold", "train", "ruuk", "synthetic_ruuk.jsonl")
SHARED = os.path.join(ROOT, "..", "shared") if os.path.isdir(os.path.join(ROOT, "..", "shared")) else "/work/shared"
FIELDS = {"text", "lang", "labels", "synthetic", "annotator", "source_type"}
LABEL_FIELDS = {"indicator", "subject_side", "hedged", "negated", "claimant", "claimant_side"}
SIDES = {"ru", "ua", "unknown"}
CLAIMANT_SIDES = {"ru", "ua", "west", "independent", "third_state", "unknown"}
SOURCE_TYPES = {"testimony", "news", "official", "other", "finance", "analysis"}
WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
SENT = re.compile(r"(?<=[.!?…»])\s+|\n+")


def codebook_indicators() -> set:
    text = open(os.path.join(SHARED, "spec", "codebook.md"), encoding="utf-8").read()
    return set(re.findall(r"^\| `([a-z_]+)` \|", text, flags=re.M))


def shingles(text: str, n: int = 5) -> set:
    w = [x.lower() for x in WORD.findall(text)]
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def mixed_script(text: str) -> list:
    """Words (hyphen parts apart: FPV-дрон is fine) that mix Latin and Cyrillic letters: a typing slip."""
    bad = []
    for w in (part for word in WORD.findall(text) for part in re.split(r"[-'’ʼ]", word)):
        if re.search(r"[A-Za-z]", w) and re.search(r"[А-Яа-яЁёІіЇїЄєҐґ]", w):
            bad.append(w)
    return bad


def corpus_overlap(items: list) -> tuple:
    """(line, max overlap, corpus id) for every item whose best corpus sentence shares > 50% of its shingles, and the
    highest overlap of any item."""
    want: dict = collections.defaultdict(list)
    sh = []
    for i, d in enumerate(items):
        s = shingles(d["text"])
        sh.append(s)
        for g in s:
            want[g].append(i)
    best = [(0.0, "")] * len(items)
    for path in sorted(glob.glob(os.path.join(SHARED, "data", "corpora", "*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            doc = json.loads(line)
            dl = doc.get("lang") or lang.detect(doc.get("text", "")[:2000])
            if dl not in ("ru", "uk"):
                continue
            for sent in SENT.split(doc.get("text", "")):
                hits: collections.Counter = collections.Counter()
                for g in shingles(sent):
                    for i in want.get(g, ()):
                        hits[i] += 1
                for i, k in hits.items():
                    r = k / len(sh[i])
                    if r > best[i][0]:
                        best[i] = (r, doc.get("id", "?"))
    flagged = [(i + 1, r, cid) for i, (r, cid) in enumerate(best) if r > 0.5]
    return flagged, max((r for r, _ in best), default=0.0)


def main() -> int:
    indicators = codebook_indicators()
    assert len(indicators) == 18, indicators
    errors = []
    items = []
    seen: dict = {}
    undecided = []
    for n, line in enumerate(open(DATA, encoding="utf-8"), 1):
        try:
            d = json.loads(line)
        except ValueError as e:
            errors.append(f"line {n}: invalid JSON ({e})")
            continue
        items.append(d)
        if set(d) != FIELDS:
            errors.append(f"line {n}: fields {sorted(d)}")
            continue
        if d["synthetic"] is not True or d["source_type"] not in SOURCE_TYPES or d["lang"] not in ("ru", "uk"):
            errors.append(f"line {n}: synthetic/source_type/lang")
        key = " ".join(d["text"].lower().split())
        if key in seen:
            errors.append(f"line {n}: duplicate of line {seen[key]}")
        seen[key] = n
        if mixed_script(d["text"]):
            errors.append(f"line {n}: mixed-script words {mixed_script(d['text'])}")
        got = lang.detect(d["text"])
        if got is None:
            undecided.append(n)
        elif got != d["lang"]:
            errors.append(f"line {n}: lang {d['lang']} but moralewatch.lang.detect says {got}")
        pairs = set()
        for lab in d["labels"]:
            if set(lab) != LABEL_FIELDS:
                errors.append(f"line {n}: label fields {sorted(lab)}")
                continue
            if lab["indicator"] not in indicators:
                errors.append(f"line {n}: indicator {lab['indicator']}")
            if lab["subject_side"] not in SIDES or lab["claimant_side"] not in CLAIMANT_SIDES:
                errors.append(f"line {n}: side {lab['subject_side']}/{lab['claimant_side']}")
            if not isinstance(lab["hedged"], bool) or not isinstance(lab["negated"], bool):
                errors.append(f"line {n}: hedged/negated not boolean")
            if lab["hedged"] and lab["negated"]:
                errors.append(f"line {n}: both hedged and negated")
            if (lab["indicator"], lab["subject_side"]) in pairs:
                errors.append(f"line {n}: {lab['indicator']}/{lab['subject_side']} listed twice")
            pairs.add((lab["indicator"], lab["subject_side"]))
    flagged, highest = corpus_overlap(items)
    for n, r, cid in flagged:
        errors.append(f"line {n}: 5-word shingle overlap {r:.2f} with a sentence of {cid}")
    print(f"highest 5-word shingle overlap with any ru/uk corpus sentence: {highest:.2f}")
    for e in errors:
        print("ERROR", e)
    if undecided:
        print(f"note: moralewatch.lang.detect undecided on lines {undecided}")
    if "--counts" in sys.argv:
        print_counts(items, sorted(indicators))
    print(f"{len(items)} lines, {len(errors)} errors")
    return 1 if errors else 0


def print_counts(items: list, indicators: list) -> None:
    c: collections.Counter = collections.Counter()
    lines: collections.Counter = collections.Counter()
    for d in items:
        lines[(d["lang"], bool(d["labels"]))] += 1
        lines[("source_type", d["source_type"])] += 1
        for lab in d["labels"]:
            flag = "hedged" if lab["hedged"] else "negated" if lab["negated"] else "plain"
            c[(lab["indicator"], lab["subject_side"], d["lang"], flag)] += 1
    print("lines:", {f"{k[0]}/{'pos' if k[1] is True else 'neg' if k[1] is False else k[1]}": v for k, v in sorted(lines.items(), key=str)})
    print("| indicator | side | ru plain | ru hedged | ru negated | uk plain | uk hedged | uk negated | total |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for ind in indicators:
        for side in ("ru", "ua"):
            row = [c[(ind, side, lg, f)] for lg in ("ru", "uk") for f in ("plain", "hedged", "negated")]
            print(f"| {ind} | {side} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    tot = collections.Counter()
    for key, v in c.items():
        tot[key[3]] += v
    print("labels by flag:", dict(tot))


if __name__ == "__main__":
    sys.exit(main())
