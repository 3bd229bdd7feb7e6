"""Agreement between the two annotators of the training set (gold/train): each labelled every 10th sentence of the
other's pool blind (gold/train/agreement/{a_on_b,b_on_a}.jsonl). Per indicator, Cohen's kappa over sentences
(indicator present or not), and agreement on the subject side where both coded the indicator.

    python scripts/labelling/agreement_train.py        (prints a Markdown table)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
from moralewatch.model import INDICATORS  # noqa: E402


def load(path: Path) -> dict[tuple[str, str, int, int], dict[str, str]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            o = json.loads(line)
            labels: dict[str, str] = {}
            for lab in o["labels"]:
                labels[lab["indicator"]] = labels.get(lab["indicator"], "") + lab["subject_side"]
            out[(o["corpus"], o["id"], o["start"], o["end"])] = labels
    return out


def kappa(pairs: list[tuple[bool, bool]]) -> float | None:
    n = len(pairs)
    if not n:
        return None
    po = sum(a == b for a, b in pairs) / n
    pa, pb = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    if pa in (0, 1) and pb in (0, 1) and pa == pb:
        return None  # no positives (or all): kappa undefined
    return (po - pe) / (1 - pe) if pe < 1 else None


def main() -> None:
    train = ROOT / "gold" / "train"
    first = load(train / "indicators_train_a.jsonl") | load(train / "indicators_train_b.jsonl")
    second = load(train / "agreement" / "a_on_b.jsonl") | load(train / "agreement" / "b_on_a.jsonl")
    keys = [k for k in second if k in first]
    print(f"{len(keys)} sentences labelled by both annotators "
          f"({sum(1 for k in keys if first[k] or second[k])} positive for at least one)\n")
    print("| indicator | both | first only | second only | kappa | side agreed |")
    print("|---|---:|---:|---:|---:|---:|")
    anyp = [(bool(first[k]), bool(second[k])) for k in keys]
    for ind in INDICATORS:
        pairs = [(ind in first[k], ind in second[k]) for k in keys]
        both = [k for k in keys if ind in first[k] and ind in second[k]]
        if not any(a or b for a, b in pairs):
            continue
        side = sum(first[k][ind] == second[k][ind] for k in both)
        k_ = kappa(pairs)
        print(f"| {ind} | {len(both)} | {sum(a and not b for a, b in pairs)} | {sum(b and not a for a, b in pairs)} "
              f"| {'n/a' if k_ is None else f'{k_:.2f}'} | {side}/{len(both)} |")
    k_any = kappa(anyp)
    print(f"| any indicator | | | | {'n/a' if k_any is None else f'{k_any:.2f}'} | |")


if __name__ == "__main__":
    main()
