"""Convert scripts/labelling/tr/answers.txt into gold/transcripts/turns.jsonl and validate every line.

answers.txt:
    === <doc id> | <kind> | <anything>
    MAP <label as written> => <speaker or null> | <role> | <side>
    T <label_start> <label_end> <start> <end> [= <speaker or null> | <role> | <side>]   # comment
A T line without '=' takes its label's MAP entry. labelled_chars = end of the document's last turn.
Checks: offsets in bounds and ordered, label text matches a MAP key (or override given), only ':' / whitespace
between label and speech, spans trimmed, no overlap, kinds/roles/sides valid.
"""

import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPORA = Path("/work/shared/data/corpora")
ANS = ROOT / "scripts/labelling/tr/answers.txt"
OUT = ROOT / "gold/transcripts/turns.jsonl"
KINDS = {"briefing", "news_conference", "meeting", "interview", "remarks"}
ROLES = {
    "soldier",
    "pow",
    "relative",
    "commander",
    "official",
    "intelligence_agency",
    "diplomat",
    "expert",
    "journalist",
    "local_authority",
    "civilian",
    "politician",
    "ngo",
    "unknown",
}
SIDES = {"ru", "ua", "west", "independent", "third_state", "unknown"}


def sha(s):
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:12]


def parse_who(s):
    sp, role, side = [x.strip() for x in s.split("|")]
    return (None if sp == "null" else sp), role, side


def main():
    docs = {}
    for f in ("whitehouse-ukraine-en.jsonl", "press-releases-2022-en.jsonl"):
        for line in open(CORPORA / f):
            d = json.loads(line)
            docs[d["id"]] = d
    out, cur, errors = [], None, []
    for n, line in enumerate(open(ANS), 1):
        line = line.rstrip("\n")
        body = line.split("#")[0].rstrip() if line.startswith("T ") else line
        if line.startswith("=== "):
            did, kind = [x.strip() for x in line[4:].split("|")[:2]]
            cur = {"id": did, "corpus": did.split(":")[0], "kind": kind, "labelled_chars": 0, "turns": [], "_map": {}}
            out.append(cur)
        elif line.startswith("MAP "):
            lab, who = line[4:].split(" => ")
            cur["_map"][lab.strip()] = parse_who(who)
        elif line.startswith("T "):
            if "=" in body:
                nums, who = body[2:].split("=", 1)
                who = parse_who(who)
            else:
                nums, who = body[2:], None
            a, b, s, e = map(int, nums.split())
            text = docs[cur["id"]]["text"]
            lab = text[a:b]
            if who is None:
                if lab not in cur["_map"]:
                    errors.append(f"line {n}: label {lab!r} not in MAP")
                    continue
                who = cur["_map"][lab]
            sp, role, side = who
            cur["turns"].append(
                {
                    "label_start": a,
                    "label_end": b,
                    "start": s,
                    "end": e,
                    "sha1": sha(text[s:e]),
                    "speaker": sp,
                    "role": role,
                    "side": side,
                }
            )
    for d in out:
        text = docs[d["id"]]["text"]
        if d["kind"] not in KINDS:
            errors.append(f"{d['id']}: kind {d['kind']}")
        prev = -1
        for t in d["turns"]:
            a, b, s, e = t["label_start"], t["label_end"], t["start"], t["end"]
            if not (prev <= a < b <= s < e <= len(text)):
                errors.append(f"{d['id']}: bad order {a} {b} {s} {e} (prev {prev})")
            gap = text[b:s]
            if not re.fullmatch(r":?\s*(?:(?:\([^)]*\)|\[[^\]]*\])\s*)*", gap):
                errors.append(f"{d['id']}: gap between label and speech {gap!r}")
            if text[s:e] != text[s:e].strip():
                errors.append(f"{d['id']}: untrimmed span at {s}")
            if t["role"] not in ROLES or t["side"] not in SIDES:
                errors.append(f"{d['id']}: role/side {t['role']} {t['side']}")
            if t["sha1"] != sha(text[s:e]):
                errors.append("sha")
            prev = e
        d["labelled_chars"] = d["turns"][-1]["end"] if d["turns"] else 0
        del d["_map"]
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w") as f:
        for d in out:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    turns = [t for d in out for t in d["turns"]]
    print("documents", len(out), Counter((d["corpus"], d["kind"]) for d in out))
    print("turns", len(turns))
    print("roles", Counter(t["role"] for t in turns))
    print("sides", Counter(t["side"] for t in turns))
    print("speaker null", sum(t["speaker"] is None for t in turns))
    print("turns by corpus", Counter(d["corpus"] for d in out for _ in d["turns"]))


if __name__ == "__main__":
    main()
