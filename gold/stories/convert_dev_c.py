"""Dev c (session 16): two independent labellers' files -> agreement figures and ``pairs_dev_c.jsonl``.

    python3 gold/stories/convert_dev_c.py

Reads ``labels_dev_c_a.jsonl`` and ``labels_dev_c_b.jsonl`` (one line per line of ``candidates_dev_c.jsonl``, same
order), writes ``dev_c_agreement.json`` (agreement and Cohen's kappa over the six labels and over the three classes
same story / same event / unrelated) and ``pairs_dev_c.jsonl``: the pairs both labellers put in the same class, with
labeller A's label (B's when A's is ``x``), ``hard: true`` for an unrelated pair of one corpus (as the other dev sets
mark it). Pairs the two put in different classes are left out and listed in the agreement file.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
STORY = {"duplicate", "update", "abridged", "rewrite", "translation"}


def cls(label: str) -> str:
    return "story" if label in STORY else label


def kappa(x: list[str], y: list[str]) -> float:
    n = len(x)
    po = sum(a == b for a, b in zip(x, y, strict=True)) / n
    cx, cy = Counter(x), Counter(y)
    pe = sum(cx[k] * cy[k] for k in set(cx) | set(cy)) / (n * n)
    return round((po - pe) / (1 - pe), 3) if pe < 1 else 1.0


def main() -> None:
    cand = [json.loads(line) for line in (HERE / "candidates_dev_c.jsonl").open(encoding="utf-8")]
    a = [json.loads(line) for line in (HERE / "labels_dev_c_a.jsonl").open(encoding="utf-8")]
    b = [json.loads(line) for line in (HERE / "labels_dev_c_b.jsonl").open(encoding="utf-8")]
    assert len(cand) == len(a) == len(b)
    for c, x, y in zip(cand, a, b, strict=True):
        assert (c["a"], c["b"]) == (x["a"], x["b"]) == (y["a"], y["b"])
    la, lb = [x["label"] for x in a], [y["label"] for y in b]
    ca, cb = [cls(v) for v in la], [cls(v) for v in lb]
    out, apart = [], []
    for i, (c, x, y) in enumerate(zip(cand, la, lb, strict=True)):
        if cls(x) != cls(y) or x == "x" and y == "x":
            apart.append({"line": i, "a": c["a"], "b": c["b"], "label_a": x, "label_b": y})
            continue
        label = y if x == "x" else x
        row = {"a": c["a"], "b": c["b"], "label": label}
        if label == "unrelated" and c["a"].split(":")[0] == c["b"].split(":")[0] and ":" in c["a"]:
            row["hard"] = True
        out.append(row)
    agreement = {
        "pairs": len(cand),
        "labels_a": dict(Counter(la)), "labels_b": dict(Counter(lb)),
        "agreement_labels": round(sum(x == y for x, y in zip(la, lb, strict=True)) / len(la), 3),
        "kappa_labels": kappa(la, lb),
        "agreement_classes": round(sum(x == y for x, y in zip(ca, cb, strict=True)) / len(ca), 3),
        "kappa_classes": kappa(ca, cb),
        "kept": len(out), "left_out": apart,
    }
    (HERE / "dev_c_agreement.json").write_text(json.dumps(agreement, indent=2, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
    with (HERE / "pairs_dev_c.jsonl").open("w", encoding="utf-8") as f:
        for row in out:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(json.dumps({k: v for k, v in agreement.items() if k != "left_out"}), len(apart), "left out")


if __name__ == "__main__":
    main()
