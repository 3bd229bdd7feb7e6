"""Agreement of the two annotators of the second Russian/Ukrainian training round (rc, rd): Cohen's kappa per indicator.

    PYTHONPATH=src python scripts/labelling/ruuk_train/agreement_rc.py [--rd-on-c PATH] [--rd-d PATH]

Round 1's agreement.py (its load, kappa and compare are imported), on round 2's files: rc's labels of every 10th
sentence of half C (indicators_train_ruuk_c.jsonl, pool_idx % 10 == 0) with rd's blind labels of the same sentences
(agreement/rd_on_c.jsonl, from l-ruukd9's worktree by default); and rc's blind labels of every 10th sentence of half D
(agreement/rc_on_d.jsonl) with rd's labels of those sentences (indicators_train_ruuk_d.jsonl). A missing file is
reported, not guessed. Only aggregates are printed.
"""
import argparse
import importlib.util
import os

H = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("ruuk_agreement", os.path.join(H, "agreement.py"))
AG = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(AG)
ROOT, R = AG.ROOT, AG.R
D9 = os.path.join(ROOT, "..", "ruukd9", "gold", "train", "ruuk")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rd-on-c", default=os.path.join(D9, "agreement", "rd_on_c.jsonl"))
    ap.add_argument("--rd-d", default=os.path.join(D9, "indicators_train_ruuk_d.jsonl"))
    args = ap.parse_args()
    if os.path.exists(args.rd_on_c):
        AG.compare("half C (rc labels vs rd blind)", AG.load(os.path.join(R, "indicators_train_ruuk_c.jsonl"), every10=True),
                   AG.load(args.rd_on_c), "rc", "rd")
    else:
        print(f"half C: no rd file at {args.rd_on_c}")
    if os.path.exists(args.rd_d):
        AG.compare("half D (rc blind vs rd labels)", AG.load(os.path.join(R, "agreement", "rc_on_d.jsonl")),
                   AG.load(args.rd_d, every10=True), "rc", "rd")
    else:
        print(f"half D: no rd file at {args.rd_d}")


if __name__ == "__main__":
    main()
