"""Agreement between the first pass of dev c (gold/ruuk/indicators_dev_c.jsonl and indicators_dev_c_uk.jsonl, l-ruuk5)
and the blind second pass (gold/ruuk/indicators_dev_c_second.jsonl, l-agree6) on the 43 shared documents.
Run only after the second pass was committed. Usage: agreement_dev_c.py > ../../../gold/ruuk/agreement_dev_c.txt
  agreement_dev_c.py --b     the second pass b (l-agree6b: indicators_dev_c_second_b.jsonl, the 40 ru-news posts)
  agreement_dev_c.py --both  both second-pass samples together (83 documents)
  (agreement_dev_c_b.txt holds the --b and --both outputs, one after the other)

Measures (the first pass is called "first", the second "second"; nothing is printed but ids, offsets, identifiers):
- document level: Cohen's kappa per indicator (a document is 1 when it holds an item of that indicator) and for
  "any indicator"; also per indicator x subject side for "any";
- sentence level (as agreement_heldout2.py): the same kappas over the project splitter's sentences;
- item level: an item of one pass matches an item of the other when the indicator is the same and the spans overlap;
  one-to-one, greedy by largest overlap then earliest start (deterministic). F1 = 2 matched / (first + second);
  precision / recall of the second pass taking the first as reference; the same with items marked borderline by
  either pass dropped ("clear items"); and a strict variant that also needs the same subject side;
- matched items: agreement on subject_side, claimant_side, hedged, negated, and on the borderline mark;
- disagreements: unmatched items of each pass and matched items whose attributes differ (ids, offsets, indicator)."""
import json, os, sys
from collections import Counter, defaultdict
from common import doc, sentences
from build import INDICATORS

GOLD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "gold", "ruuk")
ATTRS = ("subject_side", "claimant_side", "hedged", "negated")

def load(name):
    return {r["id"]: r for r in map(json.loads, open(os.path.join(GOLD, name), encoding="utf-8"))}

def match(a_items, b_items, same_side=False):
    cands = []
    for i, a in enumerate(a_items):
        for j, b in enumerate(b_items):
            if a["indicator"] != b["indicator"] or (same_side and a["subject_side"] != b["subject_side"]):
                continue
            ov = min(a["end"], b["end"]) - max(a["start"], b["start"])
            if ov > 0:
                cands.append((-ov, a["start"], b["start"], i, j))
    cands.sort()
    ua, ub, pairs = set(), set(), []
    for _, _, _, i, j in cands:
        if i in ua or j in ub:
            continue
        ua.add(i); ub.add(j); pairs.append((i, j))
    return pairs, [i for i in range(len(a_items)) if i not in ua], [j for j in range(len(b_items)) if j not in ub]

def kappa(x, y):
    n = len(x)
    if not n:
        return None, None
    po = sum(u == v for u, v in zip(x, y)) / n
    pa, pb = sum(x) / n, sum(y) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return (None if pe == 1 else round((po - pe) / (1 - pe), 3)), round(po, 3)

def f1(m, a, b):
    return round(2 * m / (a + b), 3) if a + b else None

SAMPLES = {"a": ("indicators_dev_c_second.jsonl", "indicators_dev_c_second_ids.txt"),
           "b": ("indicators_dev_c_second_b.jsonl", "indicators_dev_c_second_b_ids.txt")}

def main():
    which = ["b"] if "--b" in sys.argv else ["a", "b"] if "--both" in sys.argv else ["a"]
    first = load("indicators_dev_c.jsonl"); first.update(load("indicators_dev_c_uk.jsonl"))
    second, ids = {}, []
    for w in which:
        jf, idf = SAMPLES[w]
        sec = load(jf)
        wids = [l.strip() for l in open(os.path.join(GOLD, idf), encoding="utf-8") if l.strip()]
        assert list(sec) == wids
        second.update(sec); ids += wids
    assert len(set(ids)) == len(ids) and all(i in first for i in ids)
    print("SAMPLE(S):", " + ".join(SAMPLES[w][0] for w in which))
    doc_a, doc_b = defaultdict(list), defaultdict(list)
    sent_a, sent_b = defaultdict(list), defaultdict(list)
    per_ind = defaultdict(Counter)
    same, n_a, n_b, n_m, n_ms = Counter(), 0, 0, 0, 0
    c_a = c_b = c_m = 0
    dis = []
    stype = Counter()
    for did in ids:
        A, B = first[did], second[did]
        ai, bi = A["indicators"], B["indicators"]
        stype[(A["source_type"], B["source_type"])] += 1
        t = doc(did)["text"]
        lim = (A.get("excerpt") or {}).get("end", len(t))
        if A.get("excerpt"):
            print(f"WARNING first pass labelled an excerpt of {did} (to {lim})", file=sys.stderr)
        # document level
        for lab, items in ((doc_a, ai), (doc_b, bi)):
            present = {x["indicator"] for x in items}
            for ind in sorted(INDICATORS):
                lab[ind].append(int(ind in present))
            lab["ANY"].append(int(bool(items)))
            for side in ("ru", "ua"):
                lab["ANY/" + side].append(int(any(x["subject_side"] == side for x in items)))
        # sentence level
        for s, e in sentences(t):
            if s >= lim:
                continue
            for lab, items in ((sent_a, ai), (sent_b, bi)):
                present = {x["indicator"] for x in items if x["start"] < e and x["end"] > s}
                for ind in sorted(INDICATORS):
                    lab[ind].append(int(ind in present))
                lab["ANY"].append(int(bool(present)))
        # items
        pairs, only_a, only_b = match(ai, bi)
        n_a += len(ai); n_b += len(bi); n_m += len(pairs)
        n_ms += len(match(ai, bi, same_side=True)[0])
        for x in ai: per_ind[x["indicator"]]["first"] += 1
        for x in bi: per_ind[x["indicator"]]["second"] += 1
        for i, j in pairs:
            a, b = ai[i], bi[j]
            per_ind[a["indicator"]]["matched"] += 1
            for k in ATTRS:
                same[k] += a[k] == b[k]
            same["borderline"] += (a.get("note") == "borderline") == (b.get("note") == "borderline")
            diffs = [k for k in ATTRS if a[k] != b[k]]
            if diffs:
                dis.append({"kind": "matched, attribute differs", "id": did, "indicator": a["indicator"],
                            "first": [a["start"], a["end"]], "second": [b["start"], b["end"]],
                            "differs": {k: [a[k], b[k]] for k in diffs}})
        for i in only_a:
            a = ai[i]
            dis.append({"kind": "first pass only", "id": did, "indicator": a["indicator"], "first": [a["start"], a["end"]],
                        "subject_side": a["subject_side"], "borderline": a.get("note") == "borderline"})
        for j in only_b:
            b = bi[j]
            dis.append({"kind": "second pass only", "id": did, "indicator": b["indicator"], "second": [b["start"], b["end"]],
                        "subject_side": b["subject_side"], "borderline": b.get("note") == "borderline"})
        ca = [a for a in ai if a.get("note") != "borderline"]
        cb = [b for b in bi if b.get("note") != "borderline"]
        c_a += len(ca); c_b += len(cb); c_m += len(match(ca, cb)[0])
    def kap_table(la, lb, unit):
        out = {}
        for k in la:
            kv, po = kappa(la[k], lb[k])
            out[k] = {"kappa": kv, "observed": po, unit + "_first": sum(la[k]), unit + "_second": sum(lb[k]),
                      unit + "_both": sum(1 for u, v in zip(la[k], lb[k]) if u and v)}
        return out
    summary = {
        "documents": len(ids), "sentences": len(sent_a["ANY"]),
        "items_first": n_a, "items_second": n_b, "matched": n_m, "item_f1": f1(n_m, n_a, n_b),
        "second_vs_first_precision": round(n_m / n_b, 3) if n_b else None,
        "second_vs_first_recall": round(n_m / n_a, 3) if n_a else None,
        "item_f1_same_subject_side": f1(n_ms, n_a, n_b),
        "clear_items_only": {"first": c_a, "second": c_b, "matched": c_m, "item_f1": f1(c_m, c_a, c_b)},
        "agreement_on_matched": {k: f"{v}/{n_m}" for k, v in same.items()},
        "per_indicator_items": {k: dict(v) for k, v in sorted(per_ind.items())},
        "document_kappa": kap_table(doc_a, doc_b, "documents"),
        "sentence_kappa": {k: v for k, v in kap_table(sent_a, sent_b, "sentences").items()},
        "source_type_first_vs_second": {f"{a} / {b}": n for (a, b), n in sorted(stype.items())},
    }
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    print("DISAGREEMENTS (ids, offsets and identifiers only)")
    for d in dis:
        print(json.dumps(d, ensure_ascii=False))

if __name__ == "__main__":
    main()
