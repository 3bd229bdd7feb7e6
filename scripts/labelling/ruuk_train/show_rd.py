"""Annotator rd's reader: prints pool sentences (l-ruukc9's pool_ruuk_c.jsonl) for labelling, with the document
header when the document changes and the sentence before when it is not itself in the pool. It never prints the
pool's `selection` field and runs no MoraleWatch stage. Prints only; writes nothing (corpus text never enters the
repository).
Usage: show_rd.py c10|d [FROM [TO]]   (c10: every 10th sentence of half C, blind agreement sample; d: half D)"""
import os
import sys

# round 1's pool builder was once select.py, which shadowed the standard library's select; the folder is kept
# off the front of sys.path before subprocess is imported, and at its end for select_rd
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != HERE] + [HERE]
import hashlib  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402

sys.path.insert(0, "/work/main/src")
from moralewatch.segment import paragraphs, sentences_in  # noqa: E402

CORPORA = "/work/shared/data/corpora"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
POOL = "gold/train/ruuk/pool_ruuk_c.jsonl"


def load_pool():
    """The pool as committed by l-ruukc9 (in this tree once merged, else from that branch)."""
    if os.path.exists(os.path.join(ROOT, POOL)):
        raw = open(os.path.join(ROOT, POOL), encoding="utf-8").read()
    else:
        raw = subprocess.run(["git", "-C", "/work/wt/ruukc9", "show", "l-ruukc9:" + POOL],
                             capture_output=True, text=True, check=True).stdout
    return [json.loads(x) for x in raw.splitlines() if x.strip()]


def texts(corpora):
    out = {}
    for c in corpora:
        with open(f"{CORPORA}/{c}.jsonl", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                out[(c, d["id"])] = d["text"]
    return out


def main():
    which = sys.argv[1]
    lo = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    hi = int(sys.argv[3]) if len(sys.argv) > 3 else 10**9
    pool = load_pool()
    from select_rd import half_rows  # noqa: E402
    rows = half_rows(pool, which)
    rows = [r for r in rows if lo <= r["pool_idx"] <= hi]
    tx = texts({r["corpus"] for r in rows})
    inpool = {(r["corpus"], r["id"], r["start"]) for r in pool}
    last = None
    for r in rows:
        t = tx[(r["corpus"], r["id"])]
        s = t[r["start"]:r["end"]]
        assert hashlib.sha1(s.encode("utf-8")).hexdigest()[:12] == r["sha1"], r["pool_idx"]
        if (r["corpus"], r["id"]) != last:
            last = (r["corpus"], r["id"])
            print(f"\n=== {r['corpus']} {r['id']} ({len(t)} chars)")
        sents = [x for p in paragraphs(t) for x in sentences_in(t, *p)]
        k = [i for i, (a, b) in enumerate(sents) if a == r["start"]]
        if k and k[0] > 0 and (r["corpus"], r["id"], sents[k[0] - 1][0]) not in inpool:
            a, b = sents[k[0] - 1]
            print(f"   (prev: {t[a:b][:300]})")
        print(f"{r['pool_idx']}: {s}")


if __name__ == "__main__":
    main()
