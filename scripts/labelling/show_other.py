"""Print the agreement subset (idx % 10 == 0) of another annotator's pool, items [a, b) of that subset (terminal only)."""
import json
import sys

import common_a as C
from show_a import speaker_before


def subset(path):
    rows = [json.loads(l) for l in open(path)]
    return [r for r in rows if r["idx"] % 10 == 0]


def main(path, a, b):
    prev = None
    for r in subset(path)[a:b]:
        t = C.doc_text(r["corpus"], r["id"])
        s, e = r["start"], r["end"]
        assert C.sha12(t[s:e]) == r["sha1"], r
        if r["id"] != prev:
            d = C._cache[r["corpus"]][r["id"]]
            print(f"\n=== {r['id'][:90]} | {d.get('date')} | {(d.get('title') or '')[:90]}")
            prev = r["id"]
        ctx = t[max(0, s - 200):s].replace("\n", " / ")
        spk = speaker_before(t, s) if r["corpus"] == "whitehouse-ukraine-en" else ""
        print(f"[{r['idx']}] {r['selection'][0].upper()} {spk or ''}| ..{ctx[-200:]} ||| {t[s:e]}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
