"""Seeded draw of dev_b (session 7): real transcripts no transcript gold uses, for error analysis of turns.v4.

Candidates: ``tr_select.candidates()`` (the first set's definition of a transcript). Tiers by grepping every
candidate id as a key: 2 = in any file of gold/ outside gold/train, or in src/, tests/, bench/, examples/, docs/,
README.md (never drawn); 1 = only in the sentence-level indicator training pools (gold/train, /work/labels);
0 = nowhere. A candidate whose first 1,500 characters equal another document's that is tier 2 is dropped (a copy).
Tier 0 is drawn whole (4 White House briefings: no other transcript is outside every gold file; every Kremlin
transcript is in a transcript gold set already), then tier 1 by stratum (seed 1921): White House news conference 6,
remarks 8, briefing 6. Writes gold/transcripts/dev_b/selected.jsonl (ids, kinds, tiers; no titles).

``--phase2`` (seed 1922, drawn after the first 24 were labelled and analysed): 16 more tier-1 White House documents,
briefings whose title says gaggle, press call or background 8, and remarks 8, none of the first draw; appended to
selected.jsonl as pick "phase2".

Run from the repository root: python gold/transcripts/dev_b/draw.py [--phase2]
"""

import json
import random
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "scripts" / "labelling"))
import tr_select  # noqa: E402

SEED = 1921
QUOTAS = {("whitehouse", "news_conference"): 6, ("whitehouse", "remarks"): 8, ("whitehouse", "briefing"): 6}
OUT = Path(__file__).with_name("selected.jsonl")


def _grep(keys: set[str], roots: list[str]) -> set[str]:
    pat = Path("/tmp/dev_b_keys.txt")
    pat.write_text("\n".join(sorted(keys)) + "\n")
    res = subprocess.run(["grep", "-rhoFf", str(pat), "--exclude-dir=dev_b", *roots], capture_output=True, text=True)
    return set(res.stdout.split())


def _pool() -> list[dict]:
    rows = tr_select.candidates()
    keys = {r["id"]: r["id"].split(":", 1)[1] for r in rows}
    evals = [str(p) for p in (ROOT / "gold").iterdir() if p.name != "train"] + \
        [str(ROOT / d) for d in ("src", "tests", "bench", "examples", "docs", "README.md")]
    tier2 = _grep(set(keys.values()), evals)
    used = _grep(set(keys.values()), [str(ROOT / "gold"), "/work/labels"]) | tier2
    texts = {}
    for line in open(tr_select.CORPORA / "whitehouse-ukraine-en.jsonl"):
        d = json.loads(line)
        texts[d["id"]] = d["text"][:1500]
    heads2 = {texts[i] for i in keys if keys[i] in tier2 and i in texts}
    for r in rows:
        k = keys[r["id"]]
        r["tier"] = 2 if k in tier2 else 1 if k in used else 0
        if r["tier"] < 2 and texts.get(r["id"]) in heads2:
            r["tier"] = 2  # a copy of a document a gold set uses
    return sorted((r for r in rows if r["tier"] < 2), key=lambda r: r["id"])


def phase2() -> None:
    done = {json.loads(x)["id"] for x in open(OUT) if json.loads(x)["pick"] == "main"}
    pool = [r for r in _pool() if r["tier"] == 1 and r["id"] not in done]
    rng = random.Random(SEED + 1)
    call = [r for r in pool if r["kind"] == "briefing" and
            any(w in r["title"].lower() for w in ("gaggle", "press call", "background"))]
    remarks = [r for r in pool if r["kind"] == "remarks"]
    picked = rng.sample(call, 8) + rng.sample(remarks, 8)
    lines = [x for x in open(OUT) if json.loads(x)["pick"] != "phase2"]
    n = len(lines)
    with open(OUT, "w") as f:
        f.writelines(lines)
        for k, r in enumerate(picked):
            f.write(json.dumps({"n": n + k, "pick": "phase2", "id": r["id"], "source": r["source"],
                                "kind": r["kind"], "tier": r["tier"]}) + "\n")
    print("phase2", len(picked), Counter(r["kind"] for r in picked), file=sys.stderr)


def main() -> None:
    if "--phase2" in sys.argv:
        phase2()
        return
    pool = _pool()
    print("drawable", Counter((r["source"], r["kind"], r["tier"]) for r in pool), file=sys.stderr)
    picked = [r for r in pool if r["tier"] == 0]
    rng = random.Random(SEED)
    strata = defaultdict(list)
    for r in pool:
        if r["tier"] == 1:
            strata[(r["source"], r["kind"])].append(r)
    for key in sorted(QUOTAS):
        picked += rng.sample(strata[key], min(QUOTAS[key], len(strata[key])))
    reserve = [r for key in sorted(QUOTAS) for r in rng.sample([x for x in strata[key] if x not in picked], 3)]
    with open(OUT, "w") as f:
        for n, r in enumerate(picked + reserve):
            f.write(json.dumps({"n": n, "pick": "main" if n < len(picked) else "reserve", "id": r["id"],
                                "source": r["source"], "kind": r["kind"], "tier": r["tier"]}) + "\n")
    print("picked", len(picked), Counter((r["kind"], r["tier"]) for r in picked), file=sys.stderr)


if __name__ == "__main__":
    main()
