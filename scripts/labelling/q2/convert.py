"""Convert the second annotator's answers (a private TSV with anchor strings, kept outside the repository because
it holds corpus words) into gold/quotes_web/second_pass.jsonl, offsets only, and validate every line.

Answers: doc, kind, span, speaker, mention, role, side, channel, via (";"-separated), continues.
- span: an exact substring of the text, or "prefix ||| suffix" (from the prefix to the end of the first suffix
  after it). It must occur once in the document (ambiguous anchors are refused).
- mention: the speaker mention; it may carry context, with the mention itself in [brackets]. Of its occurrences,
  the one nearest the quote is used.
- continues: an index into the same document's list, or empty.
Usage: python convert.py ANSWERS.tsv OUT.jsonl
"""
import hashlib
import json
import sys

from show_doc import CORPUS

KINDS = {"direct", "partial", "mixed", "indirect"}
ROLES = {"soldier", "pow", "relative", "commander", "official", "intelligence_agency", "diplomat", "expert",
         "journalist", "local_authority", "civilian", "politician", "ngo", "unknown"}
SIDES = {"ru", "ua", "west", "independent", "third_state", "unknown"}
CHANNELS = {"video", "phone_call", "text_message", "social_media_post", "interview", "press_briefing", "statement",
            "speech", "news_report", "document", "unknown"}
DOC_ORDER = ["guardian-0062", "guardian-0068", "guardian-0131", "guardian-0155"]


def sha12(s):
    return hashlib.sha1(s.encode()).hexdigest()[:12]


def find_all(text, sub):
    out, i = [], text.find(sub)
    while i >= 0:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def locate_span(text, span):
    if " ||| " in span:
        prefix, suffix = span.split(" ||| ")
        starts = find_all(text, prefix)
        if len(starts) != 1:
            raise ValueError(f"prefix occurs {len(starts)} times: {prefix!r}")
        end = text.find(suffix, starts[0] + len(prefix))
        if end < 0:
            raise ValueError(f"suffix not found: {suffix!r}")
        return starts[0], end + len(suffix)
    starts = find_all(text, span)
    if len(starts) != 1:
        raise ValueError(f"span occurs {len(starts)} times: {span!r}")
    return starts[0], starts[0] + len(span)


def locate_mention(text, mention, near):
    if "[" in mention:
        ctx = mention.replace("[", "").replace("]", "")
        off = mention.index("[")
        length = mention.index("]") - off - 1
    else:
        ctx, off, length = mention, 0, len(mention)
    hits = find_all(text, ctx)
    if not hits:
        raise ValueError(f"mention not found: {mention!r}")
    best = min(hits, key=lambda h: abs(h - near))
    return best + off, best + off + length


def convert(answers_path):
    texts = {}
    for line in open(CORPUS, encoding="utf-8"):
        rec = json.loads(line)
        if rec["id"] in DOC_ORDER:
            texts[rec["id"]] = rec["text"]
    docs = {d: [] for d in DOC_ORDER}
    for n, line in enumerate(open(answers_path, encoding="utf-8"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        f += [""] * (10 - len(f))
        doc, kind, span, speaker, mention, role, side, channel, via, cont = f[:10]
        text = texts[doc]
        try:
            start, end = locate_span(text, span)
            s_start, s_end = locate_mention(text, mention, start)
        except ValueError as e:
            raise SystemExit(f"line {n}: {e}") from e
        q = {"start": start, "end": end, "sha1": sha12(text[start:end]), "kind": kind,
             "speaker": speaker or None, "speaker_start": s_start, "speaker_end": s_end, "speaker_role": role,
             "side": side, "channel": channel, "via": [v.strip() for v in via.split(";") if v.strip()],
             "continues": int(cont) if cont.strip() else None}
        docs[doc].append(q)
    out = []
    for d in DOC_ORDER:
        qs = sorted(docs[d], key=lambda q: (q["start"], q["end"]))
        out.append({"id": d, "corpus": "nyt-guardian-407", "quotes": qs})
    return out, texts


def validate(out, texts):
    problems = []
    for doc in out:
        text = texts[doc["id"]]
        for i, q in enumerate(doc["quotes"]):
            span = text[q["start"]:q["end"]]
            where = f"{doc['id']}#{i}"
            if not (0 <= q["start"] < q["end"] <= len(text)):
                problems.append(f"{where}: offsets out of bounds")
            if span != span.strip() or "\n" in span:
                problems.append(f"{where}: span not trimmed or spans lines")
            if q["sha1"] != sha12(span):
                problems.append(f"{where}: sha1 mismatch")
            if q["kind"] not in KINDS or q["speaker_role"] not in ROLES or q["side"] not in SIDES \
                    or q["channel"] not in CHANNELS:
                problems.append(f"{where}: bad identifier {q['kind']}/{q['speaker_role']}/{q['side']}/{q['channel']}")
            if q["speaker_start"] is not None and not (0 <= q["speaker_start"] < q["speaker_end"] <= len(text)):
                problems.append(f"{where}: speaker offsets out of bounds")
            if q["continues"] is not None and not (0 <= q["continues"] < i):
                problems.append(f"{where}: bad continues")
            if q["kind"] in ("direct", "partial") and any(c in span for c in "“”\""):
                problems.append(f"{where}: {q['kind']} span contains quotation marks")
    return problems


if __name__ == "__main__":
    out, texts = convert(sys.argv[1])
    problems = validate(out, texts)
    for p in problems:
        print("PROBLEM", p)
    if problems:
        raise SystemExit(1)
    with open(sys.argv[2], "w", encoding="utf-8") as fh:
        for doc in out:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"wrote {sum(len(d['quotes']) for d in out)} quotes in {len(out)} documents to {sys.argv[2]}")
