"""For each reserved Ukrainian resistinua item, find its likely English original in zelensky-addresses-en
(same or adjacent day; Jaccard overlap of the number tokens; length ratio). Used to decide which reserved
Ukrainian items may enter the held-out set (their English version must be reserved too and absent from gold/)."""
import json, re, datetime
from common import *

def nums(t):
    return set(re.findall(r"\d[\d ,.]*\d|\d", t))

def matches():
    en = [json.loads(l) for l in open(f"{CORP}/zelensky-addresses-en.jsonl")]
    out = {}
    for did, d in load("resistinua-addresses").items():
        if d["lang"] != "uk":
            continue
        day = datetime.date.fromisoformat(d["date"][:10]); N = nums(d["text"])
        cands = []
        for e in en:
            if abs((datetime.date.fromisoformat(e["date"][:10]) - day).days) <= 1:
                E = nums(e["text"])
                cands.append((len(N & E) / max(1, len(N | E)), e["id"], len(e["text"]) / max(1, len(d["text"]))))
        out[did] = sorted(cands, reverse=True)
    return out

if __name__ == "__main__":
    for did, c in matches().items():
        if reserved("resistinua-addresses", did):
            print(did, [(round(j, 2), i, reserved("zelensky-addresses-en", i), round(r, 2)) for j, i, r in c[:3]])
