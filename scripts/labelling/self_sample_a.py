"""Intra-annotator check: a seeded random sample of 120 items of my own pool, printed WITHOUT their labels,
to be re-labelled blind into answers_a_self.txt (same syntax); compare with compare_self_a.py."""
import random
import subprocess
import sys

rng = random.Random(20261212)
idx = sorted(rng.sample(range(4038), 120))
if len(sys.argv) > 1 and sys.argv[1] == "list":
    print(" ".join(map(str, idx)))
else:
    a, b = int(sys.argv[1]), int(sys.argv[2])
    for i in idx[a:b]:
        subprocess.run([sys.executable, "scripts/labelling/show_a.py", str(i), str(i + 1)], check=True)
