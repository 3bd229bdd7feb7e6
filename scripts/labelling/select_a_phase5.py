"""Phase 5 of annotator a's selection: the phase-4 procedure again (remaining candidates), seed 20261210. APPENDS."""
import select_a_phase4 as P4

if __name__ == "__main__":
    P4.main(seed=20261210, n_t=150, n_k=200, n_h=60, n_r=30, phase=5)
