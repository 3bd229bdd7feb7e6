"""Agreement on round c: annotator c (gold/train/indicators_train_c.jsonl) vs annotator d's blind second labels of
every 10th pool sentence (gold/train/agreement/d_on_c.jsonl). Same measures as agreement_train.py: per indicator,
Cohen's kappa over sentences (indicator present or not), and subject-side agreement where both coded it; plus
any-indicator kappa and the list of disagreements (pool idx, indicator, c's side, d's side).

    /work/main/.venv/bin/python scripts/labelling/agreement_d_on_c.py
"""
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from agreement_train import load, kappa, INDICATORS, ROOT  # noqa: E402
import json

train = ROOT / "gold" / "train"
first = load(train / "indicators_train_c.jsonl")
second = load(train / "agreement" / "d_on_c.jsonl")
idx = {(o["corpus"], o["id"], o["start"], o["end"]): o["pool_idx"]
       for o in map(json.loads, open(train / "agreement" / "d_on_c.jsonl"))}
keys = [k for k in second if k in first]
assert len(keys) == len(second)
print(f"{len(keys)} sentences labelled by both annotators (c first, d second; "
      f"{sum(1 for k in keys if first[k] or second[k])} positive for at least one, "
      f"{sum(1 for k in keys if first[k])} for c, {sum(1 for k in keys if second[k])} for d)\n")
print("| indicator | both | c only | d only | kappa | side agreed |")
print("|---|---:|---:|---:|---:|---:|")
for ind in INDICATORS:
    pairs = [(ind in first[k], ind in second[k]) for k in keys]
    both = [k for k in keys if ind in first[k] and ind in second[k]]
    if not any(a or b for a, b in pairs):
        continue
    side = sum(first[k][ind] == second[k][ind] for k in both)
    k_ = kappa(pairs)
    print(f"| {ind} | {len(both)} | {sum(a and not b for a, b in pairs)} | {sum(b and not a for a, b in pairs)} "
          f"| {'n/a' if k_ is None else f'{k_:.2f}'} | {side}/{len(both)} |")
k_any = kappa([(bool(first[k]), bool(second[k])) for k in keys])
print(f"| any indicator | | | | {'n/a' if k_any is None else f'{k_any:.2f}'} | |")
print("\nDisagreements (pool idx: c | d):")
for k in sorted(keys, key=lambda k: idx[k]):
    if first[k] != second[k]:
        print(f"- {idx[k]}: {dict(first[k]) or '-'} | {dict(second[k]) or '-'}")
