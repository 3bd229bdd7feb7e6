"""Phase 9 of annotator a's selection: hard negatives (cue words in other senses, no force word) and random
sentences only, to bring the hard-negative share towards the brief's ~25%; seed 20261215. APPENDS."""
import select_a_phase4 as P4

if __name__ == "__main__":
    P4.main(seed=20261215, n_t=0, n_k=0, n_h=160, n_r=60, phase=9)
