"""Second pass on round d (annotator e): print every 10th pool_d sentence (idx % 10 == 0) with its paragraph.
Reads ONLY gold/train/pool_d.jsonl and the corpora (never any labels).
    /work/main/.venv/bin/python scripts/labelling/show_e_on_d.py START END
"""
import hashlib, json, sys
from pathlib import Path
from moralewatch.segment import paragraphs, sentences_in

ROOT = Path(__file__).resolve().parents[2]
CORP = Path("/work/shared/data/corpora")
_cache = {}


def doc(corpus, id_):
    if corpus not in _cache:
        _cache[corpus] = {o["id"]: o for o in map(json.loads, open(CORP / f"{corpus}.jsonl"))}
    return _cache[corpus][id_]


def items():
    for o in map(json.loads, open(ROOT / "gold/train/pool_d.jsonl")):
        if o["idx"] % 10 == 0:
            yield o


if __name__ == "__main__":
    lo, hi = int(sys.argv[1]), int(sys.argv[2])
    for o in items():
        if not lo <= o["idx"] < hi:
            continue
        t = doc(o["corpus"], o["id"])["text"]
        s, e = o["start"], o["end"]
        assert hashlib.sha1(t[s:e].encode()).hexdigest()[:12] == o["sha1"]
        para = next(((ps, pe) for ps, pe in paragraphs(t) if ps <= s and e <= pe), (s, e)) if callable(paragraphs) else (s, e)
        ps, pe = para
        ps, pe = max(ps, s - 350), min(pe, e + 220)
        print(f"=== {o['idx']} {o['corpus']} {o['id']} [{s},{e})")
        print(t[ps:s].replace("\n", " ") + " >>>" + t[s:e].replace("\n", " ") + "<<< " + t[e:pe].replace("\n", " "))
        print()
