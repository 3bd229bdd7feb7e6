"""Convert answers_turns.txt (text-free: offsets) to gold/transcripts/second_pass.jsonl and validate it (L-second).
Deterministic. Checks: label directly followed by ':', only blanks or a stage note between label and speech; spans
trimmed, in order, each turn ending before the next label; the region's end equals the header's labelled_chars;
roles, sides and kinds valid; sha1 = 12 hex of sha1(span).
Usage: python convert_turns.py"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from convert_quotes import ROLES, SIDES, sha  # noqa: E402
from show import record  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
KINDS = {"briefing", "news_conference", "meeting", "interview", "remarks"}


def main():
    out = []
    cur = None
    for raw in open(os.path.join(os.path.dirname(__file__), "answers_turns.txt"), encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("=== "):
            did, kind, lc = [x.strip() for x in line[4:].split(" | ")]
            assert kind in KINDS
            cur = {"id": did, "corpus": did.split(":", 1)[0], "kind": kind, "labelled_chars": int(lc), "turns": []}
            out.append(cur)
            text = record(did)["text"]
            pos = 0
            continue
        lab, sp, speaker, role, side = [x.strip() for x in line.split(" | ")]
        ls, le = map(int, lab.split())
        s, e = map(int, sp.split())
        assert ls >= pos and text[le] == ":" and text[ls:le] == text[ls:le].strip() and le < s < e, line
        assert text[le + 1:s].strip() == "" or text[le + 1:s].strip().startswith("("), line  # only blanks or a note
        assert role in ROLES and side in SIDES, line
        span = text[s:e]
        assert span == span.strip()
        cur["turns"].append({"label_start": ls, "label_end": le, "start": s, "end": e, "sha1": sha(span),
                             "speaker": None if speaker == "-" else speaker, "role": role, "side": side})
        pos = e
    for d in out:
        text = record(d["id"])["text"]
        ts = d["turns"]
        for a, b in zip(ts, ts[1:]):
            assert a["end"] <= b["label_start"], (d["id"], a, b)
        assert ts[-1]["end"] == d["labelled_chars"], (d["id"], ts[-1]["end"], d["labelled_chars"])
        for t in ts:
            assert sha(text[t["start"]:t["end"]]) == t["sha1"]
    path = os.path.join(ROOT, "gold", "transcripts", "second_pass.jsonl")
    ids = [x.strip() for x in open(os.path.join(ROOT, "gold", "transcripts", "second_pass_ids.txt")) if x.strip()]
    assert sorted(ids) == sorted(d["id"] for d in out)
    with open(path, "w", encoding="utf-8") as fh:
        for d in out:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    print("wrote", path, "documents", len(out), "turns", sum(len(d["turns"]) for d in out))


if __name__ == "__main__":
    main()
