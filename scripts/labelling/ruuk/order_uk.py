"""Deterministic reading order (seed 17) of Ukrainian resistinua dev candidates with >= 10 morale keywords."""
import sys, random
from select_ruuk import candidates
split, n = sys.argv[1], int(sys.argv[2])
cs = [x for x in candidates(split) if x[0] == "resistinua-addresses" and x[2] >= 10]
random.Random(17).shuffle(cs)
for c, did, sc, ln in cs[:n]:
    print(did, sc, ln)
