"""Convert answers_quotes.txt (text-free: offsets) to gold/ruuk/quotes_second_pass.jsonl and validate every unit
(L-second). Deterministic; offsets are Python str indices into the corpus `text`; sha1 = first 12 hex of
sha1(span.encode()).
Usage: python convert_quotes.py"""
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from show import record  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
KINDS = {"direct", "partial", "indirect", "mixed"}
ROLES = {"soldier", "pow", "relative", "commander", "official", "intelligence_agency", "diplomat", "expert",
         "journalist", "local_authority", "civilian", "politician", "ngo", "unknown"}
SIDES = {"ru", "ua", "west", "independent", "third_state", "unknown"}
CHANNELS = {"video", "phone_call", "text_message", "social_media_post", "interview", "press_briefing", "statement",
            "speech", "news_report", "document", "unknown"}


def sha(s):
    return hashlib.sha1(s.encode()).hexdigest()[:12]


def main():
    docs, order = {}, []
    cur = None
    for raw in open(os.path.join(os.path.dirname(__file__), "answers_quotes.txt"), encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("=== "):
            cur = line[4:].strip()
            docs[cur] = []
            order.append(cur)
            continue
        f = [x.strip() for x in line.split(" | ")]
        assert len(f) == 9, line
        se, kind, speaker, mention, role, side, channel, via, cont = f
        text = record(cur)["text"]
        s, e = map(int, se.split())
        ms, me = (None, None) if mention == "-" else tuple(map(int, mention.split()))
        assert kind in KINDS and role in ROLES and side in SIDES and channel in CHANNELS, line
        assert (ms is None) == (speaker == "-"), line
        if ms is not None:
            assert 0 <= ms < me <= len(text) and text[ms:me] == text[ms:me].strip(), line
        q = {"start": s, "end": e, "sha1": sha(text[s:e]), "kind": kind,
             "speaker": None if speaker == "-" else speaker, "speaker_start": ms, "speaker_end": me,
             "speaker_role": role, "side": side, "channel": channel,
             "via": [] if via == "-" else [v.strip() for v in via.split(";")],
             "continues": None if cont == "-" else int(cont)}
        docs[cur].append(q)
    out = []
    for did in order:
        text = record(did)["text"]
        qs = sorted(docs[did], key=lambda q: (q["start"], q["end"]))
        for q in qs:
            span = text[q["start"]:q["end"]]
            assert 0 <= q["start"] < q["end"] <= len(text)
            assert span == span.strip() and "\n" not in span, span
            assert sha(span) == q["sha1"]
        for a, b in zip(qs, qs[1:]):
            assert a["end"] <= b["start"], ("overlap", a, b)
        out.append({"id": did, "corpus": did.split(":", 1)[0], "quotes": qs})
    path = os.path.join(ROOT, "gold", "ruuk", "quotes_second_pass.jsonl")
    with open(path, "w", encoding="utf-8") as fh:
        for d in out:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    ids = [x.strip() for x in open(os.path.join(ROOT, "gold", "ruuk", "quotes_second_pass_ids.txt")) if x.strip()]
    assert sorted(ids) == sorted(order), (ids, order)
    print("wrote", path, "documents", len(out), "units", sum(len(d["quotes"]) for d in out))


if __name__ == "__main__":
    main()
