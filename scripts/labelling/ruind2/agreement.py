"""Agreement between the first pass of the Russian/Ukrainian indicator held-out (gold/ruuk/indicators_heldout.jsonl)
and the blind second pass on 30 of its documents (gold/ruuk/indicators_heldout_second.jsonl): the same measures as
scripts/labelling/agreement_heldout2.py (one-to-one span matching by indicator and overlap, sentence kappas,
attributes of matched items), run on these two files. Usage: python agreement.py > ../../../gold/ruuk/agreement_output.txt"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(HERE, ".."))
import agreement_heldout2 as ag  # noqa: E402

ag.A_PATH = os.path.join(ROOT, "gold/ruuk/indicators_heldout.jsonl")
ag.B_PATH = os.path.join(ROOT, "gold/ruuk/indicators_heldout_second.jsonl")

if __name__ == "__main__":
    ag.main()
