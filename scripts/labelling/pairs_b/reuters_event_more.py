"""Extra same_event candidates from Reuters-21578 (held-out b): stories of the same day, not tables or notices
(titles without QTR/NET/DIV/PAYOUT/DIVIDEND/SETS/SPLIT/LOSS/YEAR), sharing at least 3 rare names (capitalised words
found in at most 8 documents of the corpus) and with word 3-shingle Jaccard < 0.2. Free documents only (same rule as
gold/stories/candidates_b.py). Deterministic: seeded shuffle (seed "1616-reuters-more") of the qualifying pairs,
first 30 printed as JSONL."""
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "gold" / "stories"))
import candidates_b as cb  # noqa: E402

SKIP = re.compile(r"\b(QTR|NET|DIV|PAYOUT|DIVIDEND|SETS|SPLIT|LOSS|YEAR|QUARTERLY|MTHLY|SHR)\b")
docs = [json.loads(l) for l in open(cb.CORPORA / "reuters21578.jsonl", encoding="utf-8")]
byid = {d["id"]: d for d in docs}
used = cb.used_ids(set(byid))
free = [d for d in docs if d["id"] not in used and d["date"] and not SKIP.search(d.get("title") or "")]
names = {d["id"]: set(re.findall(r"\b[A-Z][a-z]{3,}\b", d["text"])) for d in free}
df = Counter(w for s in names.values() for w in s)
rare = {i: {w for w in s if df[w] <= 8} for i, s in names.items()}
sh = {d["id"]: cb.feats(d)[0] for d in free}
byday = defaultdict(list)
for d in free:
    byday[d["date"][:10]].append(d["id"])
rows = []
for day, ids in sorted(byday.items()):
    ids.sort()
    for x in range(len(ids)):
        for y in range(x + 1, len(ids)):
            a, b = ids[x], ids[y]
            s = rare[a] & rare[b]
            if len(s) >= 3 and cb.jac(sh[a], sh[b]) < 0.2:
                rows.append((a, b, len(s)))
rnd = random.Random("1616-reuters-more")
rnd.shuffle(rows)
for a, b, n in rows[:30]:
    print(json.dumps({"pool": "reuters-more", "corpora": "reuters21578", "a": a, "b": b, "shared_rare": n}))
