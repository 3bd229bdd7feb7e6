"""Agreement on half C of round 2: l-ruukc9's labels (rc) of every 10th sentence of half C vs annotator rd's blind
labels of the same sentences (gold/train/ruuk/agreement/rd_on_c.jsonl). Cohen's kappa per indicator (one binary
decision per sentence: the indicator present, any side), "any" = positive vs negative, and subject-side agreement
over sentences where both give the indicator. Only aggregates are printed. rd wrote this script but did not run it
on rc's labels (rd is blind to them); rc or the integrator runs it once rc's half C is labelled:

    /work/main/.venv/bin/python scripts/labelling/ruuk_train/agreement_rd.py [--rc PATH] [--rd PATH]
"""
import argparse
import os
import sys

H = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != H] + [H]  # (round 1's pool builder was once select.py, shadowing the stdlib)
from agreement import compare, load  # noqa: E402

ROOT = os.path.abspath(os.path.join(H, "..", "..", ".."))
R = os.path.join(ROOT, "gold", "train", "ruuk")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rc", default=os.path.join(R, "indicators_train_ruuk_c.jsonl"),
                    help="rc's half-C labels (every line; pool_idx %% 10 == 0 are compared)")
    ap.add_argument("--rd", default=os.path.join(R, "agreement", "rd_on_c.jsonl"))
    args = ap.parse_args()
    if not os.path.exists(args.rc):
        raise SystemExit(f"no rc file at {args.rc}: pass --rc (e.g. a `git show l-ruukc9:...` copy)")
    compare("half C (rc labels vs rd blind)", load(args.rc, every10=True), load(args.rd), "rc", "rd")


if __name__ == "__main__":
    main()
