"""Validate gold/quotes_web/quotes_heldout.jsonl against the corpora and print its counts (no corpus text printed).
Checks: every document reserved by the split rule and not in the quotes gold of /work/main; offsets in bounds, span
trimmed and on one line, sha1 matches; speaker mention in bounds and not inside the quote; identifiers valid;
`continues` points back to an earlier unit of the same speaker; text order. Usage: validate.py [FILE]"""
import collections
import json
import sys

from common import corpus_of, load, reserved, sha12
from convert import CHANNELS, KINDS, ROLES, SIDES

EXCL = ["/work/main/gold/quotes_war_dev.jsonl", "/work/main/gold/heldout/quotes_war_heldout.jsonl"]


def main(path):
    excl = {json.loads(l)["id"] for f in EXCL for l in open(f) if l.strip()}
    errs = 0
    c = collections.defaultdict(collections.Counter)
    docs = [json.loads(l) for l in open(path) if l.strip()]
    ids = [d["id"] for d in docs]
    if len(ids) != len(set(ids)):
        print("duplicate document"); errs += 1
    for d in docs:
        corpus = d["corpus"]
        if corpus != corpus_of(d["id"]) or not reserved(corpus, d["id"]) or d["id"] in excl:
            print("bad document", d["id"]); errs += 1
        t = load(corpus)[d["id"]]["text"]
        c["corpus_docs"][corpus] += 1
        prev = -1
        for i, q in enumerate(d["quotes"]):
            s, e = q["start"], q["end"]
            span = t[s:e] if 0 <= s < e <= len(t) else None
            bad = []
            if span is None or span != span.strip() or "\n" in span or sha12(span) != q["sha1"]:
                bad.append("span")
            if s < prev:
                bad.append("order")
            prev = s
            if q["kind"] not in KINDS.values() or q["speaker_role"] not in ROLES.values() \
                    or q["side"] not in SIDES.values() or q["channel"] not in CHANNELS.values():
                bad.append("enum")
            ms, me = q["speaker_start"], q["speaker_end"]
            if (ms is None) != (me is None) or (ms is None) != (q["speaker"] is None):
                bad.append("speaker nulls")
            if ms is not None and not (0 <= ms < me <= len(t) and (me <= s or ms >= e)):
                bad.append("speaker mention")
            k = q["continues"]
            if k is not None and not (0 <= k < i and d["quotes"][k]["speaker"] == q["speaker"]):
                bad.append("continues")
            if not isinstance(q["via"], list):
                bad.append("via")
            if bad:
                print(d["id"], i, bad); errs += 1
            c["kind"][q["kind"]] += 1
            c["role"][q["speaker_role"]] += 1
            c["side"][q["side"]] += 1
            c["channel"][q["channel"]] += 1
            c["corpus_quotes"][corpus] += 1
            c["kind_by_corpus"][(corpus, q["kind"])] += 1
            c["misc"]["with via"] += bool(q["via"])
            c["misc"]["continues"] += k is not None
            c["misc"]["null speaker"] += q["speaker"] is None
    print(f"{len(docs)} documents, {sum(len(d['quotes']) for d in docs)} quotes, {errs} errors")
    for key in ["corpus_docs", "corpus_quotes", "kind", "role", "side", "channel", "kind_by_corpus", "misc"]:
        print(key, dict(c[key].most_common()))
    for d in docs:
        t = load(d["corpus"])[d["id"]]["text"]
        k = collections.Counter(q["kind"] for q in d["quotes"])
        print(f"| {d['id']} | {len(t.split())} | {len(d['quotes'])} | {k['direct']} | {k['partial']} | {k['mixed']} | {k['indirect']} |")
    return errs


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "gold/quotes_web/quotes_heldout.jsonl") else 0)
