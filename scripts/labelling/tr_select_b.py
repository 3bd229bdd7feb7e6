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
       python scripts/labelling/tr_select_b.py --phase2  -> writes scripts/labelling/trb/selected2.jsonl (see phase2)
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


def strip(r):
    """the row without the title (no corpus text in committed files) and without tr_select's own `used_elsewhere`
    (computed over the whole repository, so it changes once this set is committed; the tiers above replace it)"""
    return {k: v for k, v in r.items() if k not in ("title", "used_elsewhere")}


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


# this set's own files are not grepped (they hold the drawn ids); nor is gold/transcripts/README.md, which will name
# some of them (at the base commit it named no candidate that the .jsonl files of gold/transcripts do not hold)
OWN = {"gold/transcripts/turns_heldout_b.jsonl", "gold/transcripts/README.md"}


def gold_roots():
    roots = []
    for p in sorted((ROOT / "gold").iterdir()):
        if p.name == "train":
            continue
        if p.name == "transcripts":
            roots += [str(q.relative_to(ROOT)) for q in sorted(p.iterdir()) if str(q.relative_to(ROOT)) not in OWN]
        else:
            roots.append(str(p.relative_to(ROOT)))
    return roots


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
            f.write(json.dumps({"n": i, "pick": "main", **strip(r)}, ensure_ascii=False) + "\n")
        for r in reserve:
            f.write(json.dumps({"n": None, "pick": "reserve", **strip(r)}, ensure_ascii=False) + "\n")
    print("picked", len(picked), sorted(Counter((r["source"], r["subkind"], r["tier"]) for r in picked).items()), file=sys.stderr)


if __name__ == "__main__" and "--phase2" not in sys.argv:
    main()


# ---------------------------------------------------------------------------------------------------------------
# Phase 2 (seed SEED + 1), drawn after the 30 documents of phase 1 were labelled, for the hard cases the brief names:
# the 2 Kremlin meetings left in the drawable pool (all of them: a Chief of the General Staff, a foreign leader), and
# 2 White House documents per category of speaker label found in the first 6,000 characters, excluding the labels
# of phase 1's usual speakers (Q, MODERATOR, SENIOR ADMINISTRATION OFFICIAL, THE PRESIDENT, PRESIDENT BIDEN,
# PRESIDENT ZELENSKYY, the press secretaries and the NSC spokesmen):
#   unnamed  - a label that names nobody: AIDE, OPERATOR, PARTICIPANT(S), AUDIENCE (MEMBER), INTERPRETER, STAFF;
#   foreign  - a foreign leader or head of an international organisation: PRIME MINISTER / CHANCELLOR / KING /
#              SECRETARY GENERAL / PRESIDENT + a name other than Biden, Trump or Zelenskyy;
#   other    - any other label (guests at the podium, officials named only by title and surname, moderators of
#              forums): MS. BREAM, DR. JHA, MAYOR LUCAS ...
# A document goes to the first category it qualifies for, in that order.

WH_LINE = re.compile(r"^(?:(Q)(?= )|([^\W\d_a-z][^\Wa-z\d_]*(?:[ .'’\-]+[^\W\d_a-z][^\Wa-z\d_]*)*\.?):(?= |$))", re.M)
USUAL = {"Q", "MODERATOR", "SENIOR ADMINISTRATION OFFICIAL", "THE PRESIDENT", "PRESIDENT BIDEN", "PRESIDENT ZELENSKYY",
         "MS. JEAN-PIERRE", "MS. PSAKI", "MR. KIRBY", "MR. SULLIVAN", "MR SULLIVAN", "MR. SAVETT", "WHITE HOUSE AIDE"}
UNNAMED = re.compile(r"^(?:AIDE|OPERATOR|PARTICIPANTS?|AUDIENCE(?: MEMBERS?)?|INTERPRETER|STAFF(?: MEMBER)?|STAFFER)$")
FOREIGN = re.compile(r"^(?:PRIME MINISTER|CHANCELLOR|KING|SECRETARY GENERAL|PRESIDENT(?! (?:BIDEN|TRUMP|ZELENSKYY)$)) ")
PHASE2_PER_CATEGORY = 2


def category(labels):
    rare = {x for x in labels if x not in USUAL}
    if any(UNNAMED.match(x) for x in rare):
        return "unnamed"
    if any(FOREIGN.match(x) for x in rare):
        return "foreign"
    return "other" if rare else None


def phase2():
    rows = candidates()
    first = {json.loads(x)["id"] for x in open(OUT) if json.loads(x)["pick"] == "main"}
    texts = {}
    for line in open(T.CORPORA / "whitehouse-ukraine-en.jsonl"):
        d = json.loads(line)
        texts[d["id"]] = d["text"]
    pool = [r for r in sorted(rows, key=lambda r: r["id"]) if r["tier"] < 2 and r["id"] not in first]
    kr = [r for r in pool if r["source"] == "kremlin"]
    cats = defaultdict(list)
    for r in pool:
        if r["source"] != "whitehouse":
            continue
        labs = {m.group(1) or m.group(2) for m in WH_LINE.finditer(texts[r["id"]][:6000])}
        c = category(labs)
        if c:
            r["category"] = c
            cats[c].append(r)
    rng = random.Random(SEED + 1)
    picked = list(kr)
    for c in ("unnamed", "foreign", "other"):
        for tier in (0, 1):
            sub = [r for r in cats[c] if r["tier"] == tier]
            n = min(PHASE2_PER_CATEGORY - sum(1 for r in picked if r.get("category") == c), len(sub))
            picked.extend(rng.sample(sub, n))
    with open(OUT.parent / "selected2.jsonl", "w") as f:
        for i, r in enumerate(picked):
            f.write(json.dumps({"n": 30 + i, "pick": "phase2", **strip(r)}, ensure_ascii=False) + "\n")
    print("phase2 pools", {c: Counter(r["tier"] for r in v) for c, v in cats.items()}, "kremlin", len(kr), file=sys.stderr)
    for r in picked:
        print(30 + picked.index(r), r["source"], r["subkind"], r.get("category"), r["tier"], r["id"], file=sys.stderr)


if __name__ == "__main__" and "--phase2" in sys.argv:
    phase2()
