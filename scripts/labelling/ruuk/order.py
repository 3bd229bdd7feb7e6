"""Deterministic reading order (seed 17) of Telegram candidates: score >= 3 morale keywords, <= 3000 chars."""
import sys, random
from select_ruuk import candidates, near_dup_of_reserved
split, corpus, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
cs = [x for x in candidates(split) if x[0] == corpus and x[2] >= 3 and x[3] <= 3000]
random.Random(17).shuffle(cs)
# shuffle first, then drop dev posts that copy a reserved post (keeps the order of the rest stable)
if split == "dev":
    cs = [x for x in cs if not near_dup_of_reserved(x[1])]
for c, did, sc, ln in cs[:n]:
    print(did)
