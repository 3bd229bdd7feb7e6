"""Build and verify gold/ruuk/quotes_dev_c.jsonl (issue 17 items 3 and 6, "dev c") from a text-free answers file.

Two steps, because the annotator's working answers hold Cyrillic span strings and must stay out of the repository:
  anchors ANCHORS OUT_TSV   turn the scratch answers (qrub/convert.py format: kind | span | mention | speaker | role
                            | side | channel | via | continues, one "DOC <id>" line per document) into the text-free
                            answers file qruc/answers_c.tsv (offsets only, no corpus text);
  build [TSV] [OUT]         build the JSONL from the text-free answers (default qruc/answers_c.tsv ->
                            gold/ruuk/quotes_dev_c.jsonl) and verify it;
  stats [OUT]               print the counts documented in gold/ruuk/QUOTES.md (no corpus text).
answers_c.tsv columns: id, start, end, kind, speaker, speaker_start, speaker_end, role, side, channel, via (";"-joined),
continues; a document without quotes has one row with start "-". Speaker and via names are the only Cyrillic in it.
Verification: offsets in bounds, spans trimmed and on one line, sha1 = first 12 hex of sha1 of the span, kinds /
roles / sides / channels from the allowed sets, units in text order without overlap, continues pointing back, every
document in qruc/order_c.tsv and on the development side (not reserved), and named in no other gold/ file.
"""
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE + "/qru")
sys.path.insert(0, HERE + "/qrub")
sys.path.insert(0, HERE)
from common import CORPORA, load, reserved, sha12  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
ORDER = HERE + "/qruc/order_c.tsv"
TSV = HERE + "/qruc/answers_c.tsv"
OUT = ROOT + "/gold/ruuk/quotes_dev_c.jsonl"
COLS = ["id", "start", "end", "kind", "speaker", "speaker_start", "speaker_end", "speaker_role", "side", "channel",
        "via", "continues"]


def order_ids():
    return [line.split("\t")[4] for line in open(ORDER, encoding="utf-8") if not line.startswith("#")]


def anchors(src, out_tsv):
    """Run dev b's anchor converter against this set's order, then keep only offsets and identifiers."""
    import convert as anchor_convert  # qrub/convert.py
    anchor_convert.ORDER = ORDER
    with tempfile.TemporaryDirectory() as tmp:
        js = tmp + "/c.jsonl"
        anchor_convert.main(src, js)
        rows = [json.loads(line) for line in open(js, encoding="utf-8")]
    with open(out_tsv, "w", encoding="utf-8") as f:
        f.write("\t".join(COLS) + "\n")
        for d in rows:
            if not d["quotes"]:
                f.write("\t".join([d["id"]] + ["-"] * (len(COLS) - 1)) + "\n")
            for q in d["quotes"]:
                vals = [d["id"]] + [q[c] for c in COLS[1:]]
                vals[10] = ";".join(q["via"])
                f.write("\t".join("-" if v is None or v == "" else str(v) for v in vals) + "\n")
    print(f"{len(rows)} documents -> {out_tsv}")


def _int(v):
    return None if v == "-" else int(v)


def read_tsv(path):
    docs = {}
    for line in open(path, encoding="utf-8").read().splitlines()[1:]:
        f = line.split("\t")
        d = docs.setdefault(f[0], [])
        if f[1] == "-":
            continue
        d.append({"start": int(f[1]), "end": int(f[2]), "kind": f[3], "speaker": None if f[4] == "-" else f[4],
                  "speaker_start": _int(f[5]), "speaker_end": _int(f[6]), "speaker_role": f[7], "side": f[8],
                  "channel": f[9], "via": [] if f[10] == "-" else f[10].split(";"), "continues": _int(f[11])})
    return docs


def other_gold_text():
    out = []
    for dp, _, fs in os.walk(ROOT + "/gold"):
        for fn in fs:
            p = os.path.join(dp, fn)
            if fn == "quotes_dev_c.jsonl":
                continue
            try:
                t = open(p, encoding="utf-8").read()
            except UnicodeDecodeError:
                continue
            if p.endswith("ruuk/QUOTES.md"):
                t = t.split("## quotes_dev_c.jsonl")[0]
            out.append(t)
    return "\n".join(out)


def check_doc(did, corpus, text, qs):
    """Every verification of one document's units; returns a list of error strings."""
    from convert import CHANNELS, KINDS, ROLES, SIDES  # qrub/convert.py: the allowed sets
    errs = []
    if reserved(corpus, did):
        errs.append(f"{did}: reserved (held-out side)")
    prev_end = -1
    for i, q in enumerate(qs):
        s, e = q["start"], q["end"]
        if not (0 <= s < e <= len(text)):
            errs.append(f"{did}#{i}: offsets out of bounds")
            continue
        span = text[s:e]
        if span != span.strip() or "\n" in span:
            errs.append(f"{did}#{i}: span not trimmed or crosses a line")
        if q["sha1"] != sha12(span):
            errs.append(f"{did}#{i}: sha1")
        if q["kind"] not in KINDS or q["speaker_role"] not in ROLES or q["side"] not in SIDES \
                or q["channel"] not in CHANNELS:
            errs.append(f"{did}#{i}: bad identifier")
        if s < prev_end:
            errs.append(f"{did}#{i}: overlaps or out of order")
        prev_end = e
        ss, se = q["speaker_start"], q["speaker_end"]
        if (ss is None) != (se is None) or (ss is not None and not (0 <= ss < se <= len(text))):
            errs.append(f"{did}#{i}: speaker offsets")
        if q["continues"] is not None and not (0 <= q["continues"] < i):
            errs.append(f"{did}#{i}: continues")
    return errs


def build(tsv=TSV, out=OUT):
    answers = read_tsv(tsv)
    docs, corpus_of = {}, {}
    for c in CORPORA:
        for k, v in load(c).items():
            docs[k], corpus_of[k] = v, c
    order = order_ids()
    gtext = other_gold_text()
    errors, rows = [], []
    for did in order:  # documents in reading order
        if did not in answers:
            continue
        text = docs[did]["text"]
        qs = [{"start": q["start"], "end": q["end"], "sha1": sha12(text[q["start"]:q["end"]]),
               **{k: v for k, v in q.items() if k not in ("start", "end")}} for q in answers[did]]
        errors += check_doc(did, corpus_of[did], text, qs)
        if did in gtext or did.split(":")[1] in gtext and corpus_of[did] == "resistinua-addresses":
            errors.append(f"{did}: named in another gold/ file")
        rows.append({"id": did, "corpus": corpus_of[did], "lang": docs[did]["lang"], "quotes": qs})
    errors += [f"{d}: not in order_c.tsv" for d in answers if d not in order]
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    with open(out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} documents, {sum(len(r['quotes']) for r in rows)} quotes -> {out} (verified)")


def stats(out=OUT):
    """Counts by corpus, kind, role, side, channel and the other fields (the figures of QUOTES.md's dev c section)."""
    from collections import Counter
    rows = [json.loads(line) for line in open(out, encoding="utf-8")]
    qs = [(r["corpus"], q) for r in rows for q in r["quotes"]]
    print("documents", len(rows), Counter(r["corpus"] for r in rows))
    print("zero-quote documents", Counter(r["corpus"] for r in rows if not r["quotes"]))
    print("quotes", len(qs), Counter(c for c, _ in qs))
    for field in ("kind", "speaker_role", "side", "channel"):
        print(field, Counter(q[field] for _, q in qs).most_common())
    for c in sorted({c for c, _ in qs}):
        print(" ", c, Counter(q["kind"] for cc, q in qs if cc == c).most_common())
    print("via", sum(1 for _, q in qs if q["via"]), "continues", sum(1 for _, q in qs if q["continues"] is not None),
          "speaker null", sum(1 for _, q in qs if q["speaker"] is None))


if __name__ == "__main__":
    if sys.argv[1] == "stats":
        stats(*sys.argv[2:])
    elif sys.argv[1] == "anchors":
        anchors(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else TSV)
    else:
        build(*sys.argv[2:])
