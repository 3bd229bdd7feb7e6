"""Seeded selection of real transcripts for gold/transcripts (issue 19 item 4).

Candidates: documents of whitehouse-ukraine-en and the Kremlin part of press-releases-2022-en that are transcripts
(at least two speaker-label occurrences and at least two distinct labels, found with loose patterns of my own),
minus every document id that appears anywhere else in the repository (gold/, scripts/, bench/, tests/, examples/,
docs/) or in /work/labels (the training pools). Each candidate gets a provisional kind from its title (confirmed or
corrected by hand when labelling); then a seeded draw per (source, kind) stratum with fixed quotas.

Usage: python scripts/labelling/tr_select.py            -> writes scripts/labelling/tr/selected.jsonl
       python scripts/labelling/tr_select.py --list     -> prints the candidate table
"""

import json
import random
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

SEED = 19
ROOT = Path(__file__).resolve().parents[2]
CORPORA = Path("/work/shared/data/corpora")
OUT = ROOT / "scripts/labelling/tr/selected.jsonl"

# quotas per (source, kind); a stratum with fewer candidates gives all it has
QUOTAS = {
    ("whitehouse", "briefing"): 8,
    ("whitehouse", "news_conference"): 4,
    ("whitehouse", "remarks"): 5,
    ("whitehouse", "interview"): 2,  # no White House interview in the corpus
    ("kremlin", "meeting"): 8,
    ("kremlin", "news_conference"): 3,  # one candidate
    ("kremlin", "interview"): 2,  # one candidate
    ("kremlin", "remarks"): 3,
}
SECOND_PASS_N = 3

WH_LABEL = re.compile(r"^(?:Q(?= )|[A-Z][A-Z.'’ \-]{1,60}(?=:))", re.M)
KR_LABEL = re.compile(r"((?:[A-Z][\w.'’\-]+ ){0,5}[A-Z][\w.'’\-]+)(?: \([^)]{1,40}\))?: ")


def used_ids(ids, roots_only=None):
    """ids (full corpus ids) mentioned in any other file of the repository or in /work/labels."""
    if roots_only:
        roots = [str(ROOT / d) for d in roots_only if (ROOT / d).exists()]
    else:
        roots = [
            str(ROOT / d) for d in ("gold", "scripts", "bench", "tests", "examples", "docs") if (ROOT / d).exists()
        ]
        roots.append("/work/labels")
    keys = {i: i.split(":", 1)[1] for i in ids}
    pat_file = ROOT / "scripts/labelling/tr/_keys.txt"
    pat_file.write_text("\n".join(sorted(set(keys.values()))) + "\n")
    res = subprocess.run(
        ["grep", "-rhoFf", str(pat_file), "--exclude-dir=tr", "--exclude-dir=transcripts", "--exclude=tr_*.py", *roots],
        capture_output=True,
        text=True,
    )
    pat_file.unlink()
    found = set(res.stdout.split())
    # grep -o returns the matched key; a key that is a prefix of a longer used key would also match: check exactly
    out = set()
    for i, k in keys.items():
        if k in found:
            out.add(i)
    return out


def strip(r):
    """the row without the document's title (no corpus text in committed files)"""
    return {k: v for k, v in r.items() if k != "title"}


def wh_kind(d):
    sub = d["id"].split(":", 1)[1].split("/")[0]
    t = (d["title"] or "").lower()
    if "interview" in t:
        return "interview"
    if "press conference" in t or "news conference" in t:
        return "news_conference"
    if sub in ("press-briefings", "briefings-statements") or "briefing" in t or "gaggle" in t or "press call" in t:
        return "briefing"
    return "remarks"


def kr_kind(d):
    t = (d["title"] or "").lower()
    if "interview" in t:
        return "interview"
    if "news conference" in t or "press conference" in t or "press statements" in t or "answers to" in t:
        return "news_conference"
    if t.startswith("meeting") or "meeting" in t or "conversation" in t or "talks" in t or "session" in t:
        return "meeting"
    return "remarks"


def candidates():
    rows = []
    for line in open(CORPORA / "whitehouse-ukraine-en.jsonl"):
        d = json.loads(line)
        labs = WH_LABEL.findall(d["text"])
        if len(labs) >= 2 and len(set(labs)) >= 2:
            rows.append(
                {
                    "id": d["id"],
                    "source": "whitehouse",
                    "kind": wh_kind(d),
                    "title": d["title"],
                    "chars": len(d["text"]),
                    "labels": len(labs),
                }
            )
    for line in open(CORPORA / "press-releases-2022-en.jsonl"):
        d = json.loads(line)
        if ":kremlin-" not in d["id"]:
            continue
        labs = KR_LABEL.findall(d["text"])
        if len(labs) >= 2:
            rows.append(
                {
                    "id": d["id"],
                    "source": "kremlin",
                    "kind": kr_kind(d),
                    "title": d["title"],
                    "chars": len(d["text"]),
                    "labels": len(labs),
                }
            )
    used = used_ids([r["id"] for r in rows])
    heldout = used_ids(
        [r["id"] for r in rows],
        roots_only=(
            "gold/heldout",
            "gold/heldout2",
            "gold/quotes_web",
            "gold/quotes_war_dev.jsonl",
            "gold/stories",
            "gold/pages",
            "gold/ruuk",
            "gold/v11",
            "gold/entities_dev.jsonl",
            "gold/indicators_dev.jsonl",
            "tests",
            "bench",
            "examples",
            "docs",
        ),
    )
    for r in rows:
        # tier 0: used nowhere; tier 1: used only in the sentence-level indicator training pools (gold/train,
        # /work/labels); tier 2: used in an evaluation/dev set, tests, bench or docs (never drawn)
        r["used_elsewhere"] = r["id"] in used
        r["tier"] = 2 if r["id"] in heldout else (1 if r["id"] in used else 0)
    return rows


def main():
    rows = candidates()
    if "--list" in sys.argv:
        for r in rows:
            print(
                r["source"],
                r["kind"],
                f"tier{r['tier']}",
                r["chars"],
                r["labels"],
                r["id"].split(":", 1)[1][:90],
                "|",
                (r["title"] or "")[:80],
            )
    pool = [r for r in rows if r["tier"] < 2]
    print("candidates", Counter((r["source"], r["kind"]) for r in rows), file=sys.stderr)
    print("drawable (tier 0/1)", Counter((r["source"], r["kind"]) for r in pool), file=sys.stderr)
    strata = defaultdict(list)
    for r in sorted(pool, key=lambda r: r["id"]):
        strata[(r["source"], r["kind"])].append(r)
    rng = random.Random(SEED)
    picked = []
    for key in sorted(QUOTAS):
        lst = strata.get(key, [])
        for tier in (0, 1):  # documents used nowhere first; tier 1 only to fill a quota
            sub = [r for r in lst if r["tier"] == tier]
            n = min(QUOTAS[key] - sum(1 for r in picked if (r["source"], r["kind"]) == key), len(sub))
            picked.extend(rng.sample(sub, n))
    # reserve order (for replacing a pick found not to be a usable transcript): the rest, shuffled per stratum
    reserve = []
    for key in sorted(QUOTAS):
        rest = [r for r in strata.get(key, []) if r not in picked and r["tier"] == 0]
        rng.shuffle(rest)
        reserve.extend(rest[:3])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w") as f:
        for i, r in enumerate(picked):
            f.write(json.dumps({"n": i, "pick": "main", **strip(r)}, ensure_ascii=False) + "\n")
        for r in reserve:
            f.write(json.dumps({"n": None, "pick": "reserve", **strip(r)}, ensure_ascii=False) + "\n")
    second = sorted(rng.sample([r["id"] for r in picked], SECOND_PASS_N))
    (OUT.parent / "second_pass_draw.txt").write_text("\n".join(second) + "\n")
    print("picked", len(picked), Counter((r["source"], r["kind"]) for r in picked), file=sys.stderr)


if __name__ == "__main__" and "--phase2" not in sys.argv:
    main()


def phase2():
    """Second, smaller seeded draw (seed SEED + 1), after the first 30 were labelled: 4 Kremlin documents with at
    least two distinct speaker labels not drawn before (tier 0 is exhausted, so tier 1), and 4 White House briefings
    with at least three distinct labels (several officials, or a moderator), not drawn before (tier 0). Reason: more
    speakers per document and more Kremlin turns; the first draw had mostly one official per briefing."""
    rows = candidates()
    first = {json.loads(x)["id"] for x in open(OUT) if json.loads(x)["pick"] == "main"}
    docs = {}
    for f in ("whitehouse-ukraine-en.jsonl", "press-releases-2022-en.jsonl"):
        for line in open(CORPORA / f):
            d = json.loads(line)
            docs[d["id"]] = d
    kr, wh = [], []
    for r in sorted(rows, key=lambda r: r["id"]):
        if r["id"] in first or r["tier"] == 2:
            continue
        text = docs[r["id"]]["text"]
        if r["source"] == "kremlin":
            labs = {re.sub(r"^.*?((?:[A-Z][\w'’\-]+ )?[A-Z][\w'’\-]+)$", r"\1", x) for x in KR_LABEL.findall(text)}
            if len(labs) >= 2:
                kr.append(r)
        elif r["kind"] == "briefing" and r["tier"] == 0 and len(set(WH_LABEL.findall(text))) >= 3:
            wh.append(r)
    rng = random.Random(SEED + 1)
    picked = rng.sample(kr, 4) + rng.sample(wh, 4)
    with open(OUT.parent / "selected2.jsonl", "w") as f:
        for i, r in enumerate(picked):
            f.write(json.dumps({"n": 30 + i, "pick": "phase2", **strip(r)}, ensure_ascii=False) + "\n")
    print("phase2 pools: kremlin", len(kr), "whitehouse briefings", len(wh), file=sys.stderr)
    for r in picked:
        print(r["source"], r["kind"], r["id"], r["title"], file=sys.stderr)


if __name__ == "__main__" and "--phase2" in sys.argv:
    phase2()
