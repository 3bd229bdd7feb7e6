"""Phase 8 of annotator a's selection: as phase 7 (phase-1 filter, hard negatives, random), seed 20261214. APPENDS."""
import select_a_phase4 as P4

if __name__ == "__main__":
    P4.main(seed=20261214, n_t=0, n_k=300, n_h=40, n_r=30, phase=8)
