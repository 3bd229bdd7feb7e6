"""Phase 7 of annotator a's selection: the phase-4 procedure again without the (exhausted) targeted list:
300 more sentences of the phase-1 filter, 60 hard negatives, 40 random; seed 20261213. APPENDS."""
import select_a_phase4 as P4

if __name__ == "__main__":
    P4.main(seed=20261213, n_t=0, n_k=300, n_h=60, n_r=40, phase=7)
