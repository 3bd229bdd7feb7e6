"""Turns sheet.txt (Q number, label, one-line reason; blind relabelling of session 14, see show.py) into:
gold/stories/relabel_dev_s14.jsonl (the 41 dev pairs: line index, ids, old label, new label, reason),
gold/stories/relabel_dev_b_check_s14.jsonl (the 15 dev b pairs of the seeded check sample, same fields),
gold/stories/pairs_dev_r.jsonl (pairs_dev.jsonl with the new labels; a pair that becomes `unrelated` gets `hard`
by the dev rule: same corpus and within three days, which all such pairs are) and
gold/stories/relabel_s14_agreement.json (old vs new: counts, agreement and Cohen's kappa on the labels and on three
classes, the table of changes). pairs_dev.jsonl is not changed."""
import json
import os
import sys
from collections import Counter
from datetime import date

sys.path.insert(0, os.path.dirname(__file__))
from show import ROOT, order  # noqa: E402

GOLD = os.path.join(ROOT, "gold", "stories")
SAME_STORY = {"duplicate", "update", "abridged", "rewrite", "translation"}
LABELS = SAME_STORY | {"same_event", "unrelated"}


def cls(label):
    return "same_story" if label in SAME_STORY else label


def kappa(xs, ys):
    n = len(xs)
    po = sum(x == y for x, y in zip(xs, ys)) / n
    cx, cy = Counter(xs), Counter(ys)
    pe = sum(cx[k] * cy[k] for k in set(cx) | set(cy)) / (n * n)
    return round((po - pe) / (1 - pe), 3) if pe < 1 else 1.0, round(po, 3)


def _corpus(doc_id):
    return doc_id.split(":")[0] if ":" in doc_id else "nyt-guardian-407"


def _dates():
    need = {x for _, _, p in order() for x in (p["a"], p["b"])}
    out = {}
    corpora = os.path.join(ROOT, "..", "shared", "data", "corpora")
    for name in os.listdir(corpora):
        if name.endswith(".jsonl"):
            with open(os.path.join(corpora, name), encoding="utf-8") as f:
                for line in f:
                    d = json.loads(line)
                    if d["id"] in need:
                        out[d["id"]] = date.fromisoformat(d["date"][:10])
    return out


def _summary(rows):
    old, new = [r["old"] for r in rows], [r["new"] for r in rows]
    k7, po7 = kappa(old, new)
    k3, po3 = kappa([cls(x) for x in old], [cls(x) for x in new])
    return {"pairs": len(rows), "old": dict(sorted(Counter(old).items())), "new": dict(sorted(Counter(new).items())),
            "labels": {"agreement": po7, "kappa": k7}, "three_classes": {"agreement": po3, "kappa": k3},
            "changes": dict(sorted(Counter(f"{a} -> {b}" for a, b in zip(old, new) if a != b).items()))}


def main():
    sheet = {}
    with open(os.path.join(os.path.dirname(__file__), "sheet.txt"), encoding="utf-8") as f:
        for line in f:
            n, label, reason = line.rstrip("\n").split(None, 2)
            assert label in LABELS, line
            sheet[int(n)] = (label, reason.strip())
    items = order()
    assert sorted(sheet) == list(range(len(items))), "sheet must label every Q exactly once"
    rows = {"dev": [], "devb": []}
    for n, (tag, i, p) in enumerate(items):
        label, reason = sheet[n]
        rows[tag].append({"split": tag, "line": i, "a": p["a"], "b": p["b"], "old": p["label"], "new": label,
                          "reason": reason, "q": n})
    for tag in rows:
        rows[tag].sort(key=lambda r: r["line"])
    for tag, name in (("dev", "relabel_dev_s14.jsonl"), ("devb", "relabel_dev_b_check_s14.jsonl")):
        with open(os.path.join(GOLD, name), "w", encoding="utf-8") as f:
            for r in rows[tag]:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    new = {r["line"]: r["new"] for r in rows["dev"]}
    dates = _dates()
    with open(os.path.join(GOLD, "pairs_dev.jsonl"), encoding="utf-8") as f:
        pairs = [json.loads(line) for line in f]
    with open(os.path.join(GOLD, "pairs_dev_r.jsonl"), "w", encoding="utf-8") as f:
        for i, p in enumerate(pairs):
            if i in new and new[i] != p["label"]:
                p = {"a": p["a"], "b": p["b"], "label": new[i]}
                if new[i] == "unrelated":
                    p["hard"] = (_corpus(p["a"]) == _corpus(p["b"])
                                 and abs((dates[p["a"]] - dates[p["b"]]).days) <= 3)
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    out = {"dev": _summary(rows["dev"]), "dev_b_check": _summary(rows["devb"]),
           "pairs_dev_r": dict(sorted(Counter(p["label"] for p in map(json.loads, open(
               os.path.join(GOLD, "pairs_dev_r.jsonl"), encoding="utf-8"))).items()))}
    with open(os.path.join(GOLD, "relabel_s14_agreement.json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
