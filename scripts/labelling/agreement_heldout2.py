"""Agreement between the first pass (gold/heldout2/indicators_heldout2.jsonl) and the blind second pass
(gold/heldout2/agreement/second_pass.jsonl) on the sampled documents.

- Span level: an item of A matches an item of B when the indicator is the same and the spans overlap; matching is
  one-to-one (greedy by largest overlap, then earliest start; deterministic). F1 = 2*matched / (|A| + |B|)
  (symmetric, so it does not matter which pass is called gold).
- Sentence level: every sentence of the labelled regions (whole document, or the excerpt), cut with the project's
  splitter, is an item; for each indicator its label is 1 when some item of that indicator overlaps the sentence.
  Cohen's kappa per indicator, and for "any indicator".
- Side agreement: share of matched items with the same subject_side (also claimant_side, hedged, negated).
Prints a JSON summary and the list of disagreements (offsets and indicator names only, no text)."""
import json
import os
import sys
from collections import Counter, defaultdict
from sp_common import load_doc, sentences, INDICATORS

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
A_PATH = os.path.join(ROOT, "gold/heldout2/indicators_heldout2.jsonl")
B_PATH = os.path.join(ROOT, "gold/heldout2/agreement/second_pass.jsonl")


def load(path):
    return {r["id"]: r for r in map(json.loads, open(path))}


def match(a_items, b_items):
    cands = []
    for i, a in enumerate(a_items):
        for j, b in enumerate(b_items):
            if a["indicator"] != b["indicator"]:
                continue
            ov = min(a["end"], b["end"]) - max(a["start"], b["start"])
            if ov > 0:
                cands.append((-ov, a["start"], b["start"], i, j))
    cands.sort()
    used_a, used_b, pairs = set(), set(), []
    for _, _, _, i, j in cands:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j))
    return pairs, [i for i in range(len(a_items)) if i not in used_a], [j for j in range(len(b_items)) if j not in used_b]


def kappa(x, y):
    n = len(x)
    po = sum(1 for u, v in zip(x, y) if u == v) / n
    pa, pb = sum(x) / n, sum(y) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    if pe == 1:
        return None, po
    return (po - pe) / (1 - pe), po


def main():
    A, B = load(A_PATH), load(B_PATH)
    ids = list(B)
    n_a = n_b = n_m = 0
    same = Counter()
    per_ind = defaultdict(lambda: Counter())
    sent_a, sent_b = defaultdict(list), defaultdict(list)
    disagreements = []
    for did in ids:
        a_row, b_row = A[did], B[did]
        if a_row.get("excerpt") != b_row.get("excerpt"):
            print("WARNING excerpt differs", did, file=sys.stderr)
        ai, bi = a_row["indicators"], b_row["indicators"]
        text = load_doc(did, a_row["corpus"])["text"]
        ex = a_row.get("excerpt") or [0, len(text)]
        pairs, only_a, only_b = match(ai, bi)
        n_a += len(ai)
        n_b += len(bi)
        n_m += len(pairs)
        for x in ai:
            per_ind[x["indicator"]]["a"] += 1
        for x in bi:
            per_ind[x["indicator"]]["b"] += 1
        for i, j in pairs:
            a, b = ai[i], bi[j]
            per_ind[a["indicator"]]["m"] += 1
            for k in ("subject_side", "claimant_side", "hedged", "negated"):
                same[k] += a[k] == b[k]
            diffs = [k for k in ("subject_side", "claimant_side", "hedged", "negated") if a[k] != b[k]]
            if diffs:
                disagreements.append({"kind": "matched, attribute differs", "id": did, "indicator": a["indicator"],
                                      "first": [a["start"], a["end"]], "second": [b["start"], b["end"]],
                                      "differs": {k: [a[k], b[k]] for k in diffs}})
        for i in only_a:
            a = ai[i]
            disagreements.append({"kind": "first pass only", "id": did, "indicator": a["indicator"],
                                  "first": [a["start"], a["end"]], "subject_side": a["subject_side"],
                                  "borderline": a.get("note") == "borderline"})
        for j in only_b:
            b = bi[j]
            disagreements.append({"kind": "second pass only", "id": did, "indicator": b["indicator"],
                                  "second": [b["start"], b["end"]], "subject_side": b["subject_side"],
                                  "borderline": b.get("note") == "borderline"})
        for s, e in sentences(text, ex[0], ex[1]):
            for lab, items in ((sent_a, ai), (sent_b, bi)):
                present = {x["indicator"] for x in items if x["start"] < e and x["end"] > s}
                for ind in INDICATORS:
                    lab[ind].append(int(ind in present))
                lab["ANY"].append(int(bool(present)))
    # granularity-tolerant view: an item agrees when it overlaps any item of the same indicator in the other pass
    cov_a = cov_b = 0
    # clear items only: items either pass marked "borderline" are dropped from both passes before matching
    c_a = c_b = c_m = 0
    for did in ids:
        ai, bi = A[did]["indicators"], B[did]["indicators"]
        ov = lambda x, y: x["indicator"] == y["indicator"] and x["start"] < y["end"] and y["start"] < x["end"]
        cov_a += sum(1 for a in ai if any(ov(a, b) for b in bi))
        cov_b += sum(1 for b in bi if any(ov(a, b) for a in ai))
        ca = [a for a in ai if a.get("note") != "borderline"]
        cb = [b for b in bi if b.get("note") != "borderline"]
        c_a, c_b, c_m = c_a + len(ca), c_b + len(cb), c_m + len(match(ca, cb)[0])
    rp, rr = cov_b / n_b, cov_a / n_a
    n_sent = len(sent_a["ANY"])
    kap = {}
    for ind in sorted(INDICATORS) + ["ANY"]:
        k, po = kappa(sent_a[ind], sent_b[ind])
        kap[ind] = {"kappa": None if k is None else round(k, 3), "observed": round(po, 3),
                    "sentences_first": sum(sent_a[ind]), "sentences_second": sum(sent_b[ind]),
                    "sentences_both": sum(1 for u, v in zip(sent_a[ind], sent_b[ind]) if u and v)}
    p = n_m / n_b if n_b else 0
    r = n_m / n_a if n_a else 0
    summary = {
        "documents": len(ids), "sentences": n_sent, "items_first": n_a, "items_second": n_b, "matched": n_m,
        "span_f1": round(2 * n_m / (n_a + n_b), 3) if n_a + n_b else None,
        "second_vs_first_precision": round(p, 3), "second_vs_first_recall": round(r, 3),
        "relaxed_overlap_any": {"first_items_covered": f"{cov_a}/{n_a}", "second_items_covered": f"{cov_b}/{n_b}",
                                "f1": round(2 * rp * rr / (rp + rr), 3)},
        "clear_items_only": {"first": c_a, "second": c_b, "matched": c_m,
                             "span_f1": round(2 * c_m / (c_a + c_b), 3) if c_a + c_b else None},
        "agreement_on_matched": {k: f"{v}/{n_m}" for k, v in same.items()},
        "per_indicator_spans": {k: dict(v) for k, v in sorted(per_ind.items())},
        "sentence_kappa": kap,
    }
    print(json.dumps(summary, indent=1))
    print("DISAGREEMENTS")
    for d in disagreements:
        print(json.dumps(d))


if __name__ == "__main__":
    main()
