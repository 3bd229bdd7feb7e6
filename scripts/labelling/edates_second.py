"""Second, independent pass of the evidence-date held-out (session 12, l-edates8).

    python3 scripts/labelling/edates_second.py pick     # seeded uniform sample of 36 items, shuffled -> edates_second_list.json
    python3 scripts/labelling/edates_show.py --second    # print them (no first-pass label is shown: the printer reads none)
    python3 scripts/labelling/edates_second.py agree    # compare edates_answers_second.txt with the first pass

The second sheet, edates_answers_second.txt, has one line per printed item, ``line|date|basis`` in list order; the
sample is drawn over item numbers only, without reading the first labels. ``agree`` reports exact date agreement,
basis agreement and Cohen's kappa on the basis, overall and on the items the first pass did not label "published".
"""

from __future__ import annotations

import collections
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIST = HERE / "edates_second_list.json"
SEED = 813
N = 36


def pick() -> None:
    n_items = sum(1 for x in (HERE / "edates_selected.jsonl").read_text(encoding="utf-8").splitlines() if x)
    rng = random.Random(SEED)
    chosen = rng.sample(range(n_items), N)
    rng.shuffle(chosen)
    LIST.write_text(json.dumps(chosen) + "\n", encoding="utf-8")
    print(f"{N} of {n_items} items -> {LIST}")


def kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    po = sum(a == b for a, b in pairs) / n
    ca, cb = collections.Counter(a for a, _ in pairs), collections.Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in ca) / n / n
    return round((po - pe) / (1 - pe), 3) if pe < 1 else 1.0


def agree() -> None:
    order = json.loads(LIST.read_text(encoding="utf-8"))
    first = {}
    for line in (HERE / "edates_answers.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            n, date, basis, _ = line.split("|", 3)
            first[int(n)] = (date, basis)
    second = {}
    for line in (HERE / "edates_answers_second.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            k, date, basis = line.split("|")[:3]
            second[order[int(k) - 1]] = (date, basis)
    if sorted(second) != sorted(order):
        raise SystemExit(f"second sheet has {len(second)} answers for {len(order)} items")
    out = {}
    for name, subset in (("all", order), ("first not published", [n for n in order if first[n][1] != "published"])):
        d = sum(first[n][0] == second[n][0] for n in subset)
        b = sum(first[n][1] == second[n][1] for n in subset)
        out[name] = {"items": len(subset), "date_agree": d, "date_agreement": round(d / len(subset), 3),
                     "basis_agree": b, "basis_kappa": kappa([(first[n][1], second[n][1]) for n in subset])}
    out["disagreements"] = [{"item": n, "first": first[n], "second": second[n]} for n in order
                            if first[n] != second[n]]
    text = json.dumps(out, indent=1)
    (HERE / "edates_agreement.json").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    {"pick": pick, "agree": agree}[sys.argv[1]]()
