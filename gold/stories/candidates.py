"""Candidate document pairs for labelling (issue 16): run once, then read and label the pairs by hand.

Sketches the documents of ../shared/data/corpora that no other gold set uses, takes the pairs sharing an LSH bucket
(3-shingle or names-and-numbers MinHash) and random pairs of one source within three days (hard negatives), and
samples them over the range of both estimated similarities, so that the sample is not only the easy ends. The
labels are the labeller's reading of both documents, not these numbers.

    .venv/bin/python gold/stories/candidates.py > /tmp/candidates.jsonl
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
from moralewatch.corpus.features import estimate, sketch  # noqa: E402
from moralewatch.corpus.index import BUCKET_CAP, StoryIndex  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "data" / "corpora"
FILES = ["ru-news-telegram-war", "milblogger-telegram-ru", "resistinua-addresses", "zelensky-addresses-en",
         "press-releases-2022-en", "whitehouse-ukraine-en", "reuters21578"]


def used_ids() -> set[str]:
    ids: set[str] = set()
    for p in (ROOT / "gold").rglob("*.jsonl"):
        if "stories" in p.parts:
            continue
        ids.update(re.findall(r'"(?:id|doc_id|document)": *"([^"]+)"', p.read_text(encoding="utf-8")))
    return ids


def corpus(doc_id: str) -> str:
    return doc_id.split(":")[0]


def days(a: str | None, b: str | None) -> int:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) if a and b else 999
    except ValueError:
        return 999


def main() -> None:
    used = used_ids()
    docs = {}
    for f in FILES:
        for line in open(CORPORA / f"{f}.jsonl", encoding="utf-8"):
            d = json.loads(line)
            if d["id"] not in used:
                docs[d["id"]] = d
    ids = sorted(docs)
    sk = {i: sketch(docs[i]["text"], docs[i].get("title")) for i in ids}
    buckets: dict[bytes, list[str]] = defaultdict(list)
    for i in ids:
        for k in StoryIndex.keys(sk[i]):
            if len(buckets[k]) < BUCKET_CAP:
                buckets[k].append(i)
    pairs: set[tuple[str, str]] = set()
    for members in buckets.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((members[x], members[y]))
    rnd = random.Random(16)
    by_src: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        by_src[corpus(i)].append(i)
    for members in by_src.values():
        for _ in range(400):
            a, b = rnd.sample(members, 2)
            if days(docs[a]["date"], docs[b]["date"]) <= 3 or docs[a]["date"] is None:
                pairs.add((min(a, b), max(a, b)))
    # translations: Ukrainian resistinua items and English addresses of the same day
    for a in by_src["resistinua-addresses"]:
        for b in by_src["zelensky-addresses-en"]:
            if days(docs[a]["date"], docs[b]["date"]) == 0:
                pairs.add((a, b))
    strata: dict[tuple[str, int, int], list[tuple[str, str]]] = defaultdict(list)
    for a, b in pairs:
        j, js = estimate(sk[a].sig, sk[b].sig), estimate(sk[a].ssig, sk[b].ssig)
        key = ("+".join(sorted({corpus(a), corpus(b)})), min(4, int(j * 5)), min(4, int(js * 5)))
        strata[key].append((a, b))
    out = []
    for key in sorted(strata):
        sample = sorted(strata[key])
        rnd.shuffle(sample)
        for a, b in sample[:6]:
            out.append({"a": a, "b": b, "stratum": list(key), "j": estimate(sk[a].sig, sk[b].sig),
                        "js": estimate(sk[a].ssig, sk[b].ssig)})
    for row in out:
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
