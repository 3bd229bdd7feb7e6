"""Print pool items [a, b) for reading (to the terminal only; nothing is written)."""
import json
import re
import sys

import common_a as C

POOL = "/work/labels/pools/a.jsonl"
SPK = re.compile(r"(?m)^(Q|[A-Z][A-Z .'-]{1,40}):? ")


def speaker_before(text, s):
    last = None
    # endpos beyond s so that a label starting the sentence itself ("MR. SULLIVAN: ...") is seen (fixed 10:55 UTC)
    for m in SPK.finditer(text, 0, s + 60):
        if m.start() <= s:
            last = m.group(1)
    return last


def main(a, b):
    pool = [json.loads(l) for l in open(POOL)]
    prev_doc = None
    for r in pool[a:b]:
        t = C.doc_text(r["corpus"], r["id"])
        s, e = r["start"], r["end"]
        if r["id"] != prev_doc:
            d = C._cache[r["corpus"]][r["id"]]
            print(f"\n=== {r['id'][:90]} | {d['date']} | {(d['title'] or '')[:100]}")
            prev_doc = r["id"]
        ctx = t[max(0, s - 130):s].replace("\n", " / ")
        spk = speaker_before(t, s) if r["corpus"] == "whitehouse-ukraine-en" else ""
        sel = r["selection"][0].upper()
        print(f"[{r['pool_index']}] {sel} {spk or ''}| ..{ctx[-130:]} ||| {t[s:e]}")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
