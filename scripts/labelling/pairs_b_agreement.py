"""Agreement between the held-out b story pairs (gold/stories/pairs_heldout_b.jsonl, first pass) and the blind
second pass on 156 of them (gold/stories/second_pass_b.jsonl): raw agreement and Cohen's kappa on the seven labels
and on three classes (same story = duplicate/update/abridged/rewrite/translation; same_event; unrelated), and the
second pass scored as if it were a system, with the first as gold: same-story F1 and same_event F1, as
`moralewatch.corpus.evaluate` scores the stage (positives of one class against everything else). The sample is
stratified (every same_event pair of the file, 40 of the 95 copies, 50 of the 266 unrelated), so F1 here is over
that mix, not over the whole file."""
import json
import os
from collections import Counter

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SAME_STORY = {"duplicate", "update", "abridged", "rewrite", "translation"}


def cls(label):
    return "same_story" if label in SAME_STORY else label


def kappa(xs, ys):
    n = len(xs)
    po = sum(x == y for x, y in zip(xs, ys)) / n
    cx, cy = Counter(xs), Counter(ys)
    pe = sum(cx[k] * cy[k] for k in set(cx) | set(cy)) / (n * n)
    return (po - pe) / (1 - pe), po


def f1(first, second, positive):
    tp = sum(1 for a, b in zip(first, second) if a == positive and b == positive)
    fp = sum(1 for a, b in zip(first, second) if a != positive and b == positive)
    fn = sum(1 for a, b in zip(first, second) if a == positive and b != positive)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "first": tp + fn, "second": tp + fp}


def main():
    gold = {frozenset((r["a"], r["b"])): r["label"]
            for r in map(json.loads, open(os.path.join(ROOT, "gold/stories/pairs_heldout_b.jsonl")))}
    second = [json.loads(line) for line in open(os.path.join(ROOT, "gold/stories/second_pass_b.jsonl"))]
    pairs = [(gold[frozenset((r["a"], r["b"]))], r["label"]) for r in second if r["label"] != "x"]
    a7, b7 = [a for a, _ in pairs], [b for _, b in pairs]
    a3, b3 = [cls(a) for a in a7], [cls(b) for b in b7]
    k7, po7 = kappa(a7, b7)
    k3, po3 = kappa(a3, b3)
    confusion = Counter(f"{a} -> {b}" for a, b in zip(a3, b3) if a != b)
    out = {"pairs": len(pairs), "labels_first": dict(Counter(a7)), "labels_second": dict(Counter(b7)),
           "seven_labels": {"agreement": round(po7, 3), "kappa": round(k7, 3)},
           "three_classes": {"agreement": round(po3, 3), "kappa": round(k3, 3)},
           "second_as_system": {"same_story": f1(a3, b3, "same_story"), "same_event": f1(a3, b3, "same_event")},
           "three_class_disagreements": dict(confusion.most_common())}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
