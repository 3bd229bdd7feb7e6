"""Seeded selection of a SECOND held-out set of real transcripts (gold/transcripts/turns_heldout_b.jsonl, issue 19).

Candidates: the transcripts found by tr_select.candidates() (White House documents with >= 2 line-initial
upper-case labels or `Q`, of >= 2 distinct strings; Kremlin items with >= 2 `Name: ` labels).

Exclusion, by grepping every candidate id (the part after `corpus:`) with fixed strings, then checking the whole
key (a key that is a prefix of another id is not a hit):
  - excluded (never drawn): any file under gold/ other than gold/train/ (so gold/transcripts/*.jsonl, the held-out
    and dev sets, gold/audit, gold/pages, gold/quotes_web, gold/heldout2 ...), the first annotator's selection files
    (scripts/labelling/tr/), and src/, tests/, bench/, examples/, docs/, README.md;
  - tier 0: used nowhere;
  - tier 1: used only in the sentence-level indicator training pools (gold/train/, /work/labels). Every Kremlin
    transcript not excluded is tier 1 (no turn, speaker or role was ever labelled on them); drawn only to fill a quota.
Strata (source, kind, subkind from the title) with fixed quotas; tier 0 first; seed 1919.

Usage: python scripts/labelling/tr_select_b.py [--list]  -> writes scripts/labelling/trb/selected.jsonl (no titles)
"""

import json
import random
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tr_select as T  # noqa: E402  (candidate finder of the first set: same definition of "transcript")

SEED = 1919
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "scripts/labelling/trb/selected.jsonl"

EXCLUDE_ROOTS = ["src", "tests", "bench", "examples", "docs", "README.md"]
TRAIN_ROOTS = ["gold/train", "/work/labels"]

# quotas per (source, subkind)
QUOTAS = {
    ("whitehouse", "press_briefing"): 5,
    ("whitehouse", "gaggle"): 4,
    ("whitehouse", "background_call"): 4,
    ("whitehouse", "news_conference"): 3,
    ("whitehouse", "remarks_bilateral"): 2,
    ("whitehouse", "remarks_conversation"): 1,
    ("whitehouse", "remarks"): 1,
    ("kremlin", "meeting"): 9,
    ("kremlin", "remarks"): 2,
    ("kremlin", "news_conference"): 1,
    ("kremlin", "interview"): 1,
}


def subkind(r):
    t = (r["title"] or "").lower()
    if r["source"] == "kremlin":
        return r["kind"]
    if r["kind"] == "news_conference":
        return "news_conference"
    if r["kind"] == "remarks":
        if "bilateral" in t or "joint statement" in t:
            return "remarks_bilateral"
        if "fireside" in t or "conversation with" in t or "q&a" in t:
            return "remarks_conversation"
        return "remarks"
    if "background" in t or "call" in t and "press briefing" not in t:
        return "background_call"
    if "gaggle" in t:
        return "gaggle"
    return "press_briefing"


def grep_keys(keys, roots):
    roots = [r if r.startswith("/") else str(ROOT / r) for r in roots]
    roots = [r for r in roots if Path(r).exists()]
    pat = Path("/tmp/tr_select_b_keys.txt")
    pat.write_text("\n".join(sorted(set(keys))) + "\n")
    res = subprocess.run(["grep", "-rhoFf", str(pat), *roots], capture_output=True, text=True)
    return set(res.stdout.split())


def gold_roots():
    return [str(p.relative_to(ROOT)) for p in sorted((ROOT / "gold").iterdir()) if p.name != "train"]


def exact_hits(keys, roots):
    """keys found as whole ids: the grep -o hit must not be followed by another id character."""
    roots = [r if r.startswith("/") else str(ROOT / r) for r in roots]
    roots = [r for r in roots if Path(r).exists()]
    hits = set()
    cand = grep_keys(keys, roots)
    # confirm each candidate key with a boundary check
    for k in cand:
        rx = re.escape(k) + r"(?![\w\-])"
        r = subprocess.run(["grep", "-rlP", rx, *roots], capture_output=True, text=True)
        if r.stdout.strip():
            hits.add(k)
    return hits


def candidates():
    rows = T.candidates()
    keys = {r["id"]: r["id"].split(":", 1)[1] for r in rows}
    excl = exact_hits(keys.values(), gold_roots() + EXCLUDE_ROOTS)
    train = exact_hits(keys.values(), TRAIN_ROOTS)
    for r in rows:
        k = keys[r["id"]]
        r["tier"] = 2 if k in excl else (1 if k in train else 0)
        r["subkind"] = subkind(r)
    # duplicates: the corpus holds some documents twice under two ids; a candidate whose first 1,500 characters
    # equal those of an excluded document, or of a candidate with a smaller id, is excluded too
    texts = {}
    for f in ("whitehouse-ukraine-en.jsonl", "press-releases-2022-en.jsonl"):
        for line in open(T.CORPORA / f):
            d = json.loads(line)
            texts[d["id"]] = d["text"][:1500]
    seen = {}
    for r in sorted(rows, key=lambda r: (r["tier"] < 2, r["id"])):  # excluded documents first
        h = texts[r["id"]]
        if h in seen and r["tier"] < 2:
            r["tier"] = 2
            r["duplicate_of"] = seen[h]
        seen.setdefault(h, r["id"])
    return rows


def main():
    rows = candidates()
    if "--list" in sys.argv:
        for r in sorted(rows, key=lambda r: (r["source"], r["subkind"], r["tier"], r["id"])):
            if r["tier"] < 2:
                print(r["source"], r["subkind"], f"tier{r['tier']}", r["chars"], r["labels"], r["id"], "|", r["title"][:90])
    pool = [r for r in rows if r["tier"] < 2]
    print("candidates", len(rows), "excluded", sum(r["tier"] == 2 for r in rows), file=sys.stderr)
    print("duplicates", [(r["id"], r["duplicate_of"]) for r in rows if "duplicate_of" in r], file=sys.stderr)
    print("drawable", sorted(Counter((r["source"], r["subkind"], r["tier"]) for r in pool).items()), file=sys.stderr)
    strata = defaultdict(list)
    for r in sorted(pool, key=lambda r: r["id"]):
        strata[(r["source"], r["subkind"])].append(r)
    rng = random.Random(SEED)
    picked = []
    for key in sorted(QUOTAS):
        for tier in (0, 1):
            sub = [r for r in strata.get(key, []) if r["tier"] == tier]
            n = min(QUOTAS[key] - sum(1 for r in picked if (r["source"], r["subkind"]) == key), len(sub))
            picked.extend(rng.sample(sub, n))
    reserve = []
    for key in sorted(QUOTAS):
        rest = [r for r in strata.get(key, []) if r not in picked]
        rng.shuffle(rest)
        reserve.extend(rest)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w") as f:
        for i, r in enumerate(picked):
            f.write(json.dumps({"n": i, "pick": "main", **T.strip(r)}, ensure_ascii=False) + "\n")
        for r in reserve:
            f.write(json.dumps({"n": None, "pick": "reserve", **T.strip(r)}, ensure_ascii=False) + "\n")
    print("picked", len(picked), sorted(Counter((r["source"], r["subkind"], r["tier"]) for r in picked).items()), file=sys.stderr)


if __name__ == "__main__":
    main()
