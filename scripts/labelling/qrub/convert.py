"""Convert the annotator's answers file into gold/ruuk/quotes_dev_b.jsonl and check every unit (a copy of
qru/convert.py for the development side: documents must NOT be reserved and must be in qru_select_b.py's order).

Answers format (kept outside the repository: it holds text anchors):
  DOC <id>
  kind | span | mention | speaker | role | side | channel | via1;via2 | continues
- span: the exact span text, searched forward from the start of the previous unit's span (units in text order);
  a suffix "@k" takes the k-th such occurrence (1-based).
- mention: the exact speaker mention, the occurrence nearest to the span ("@+k"/"@-k": the k-th after the span / before it), whole words only; "-" for none.
- speaker: the nominative name; "-" for null. via: ";"-separated, "-" for none. continues: index or "-".
Usage: convert.py ANSWERS OUT
"""
import json
import re
import sys

sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/qru")
sys.path.insert(0, __file__.rsplit("/", 2)[0])
from common import CORPORA, load, reserved, sha12  # noqa: E402

SPACES = str.maketrans({"\xa0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " "})
KINDS = {"direct", "partial", "mixed", "indirect"}
ROLES = {"soldier", "pow", "relative", "commander", "official", "intelligence_agency", "diplomat", "expert",
         "journalist", "local_authority", "civilian", "politician", "ngo", "unknown"}
SIDES = {"ru", "ua", "west", "independent", "third_state", "unknown"}
CHANNELS = {"video", "phone_call", "text_message", "social_media_post", "interview", "press_briefing", "statement",
            "speech", "news_report", "document", "unknown"}


ORDER = __file__.rsplit("/", 1)[0] + "/order_b.tsv"  # output of qru_select_b.py, committed


def occurrences(t, s):
    out, i = [], t.find(s)
    while i >= 0:
        out.append(i)
        i = t.find(s, i + 1)
    return out


def main(answers, out):
    global SELECTED
    SELECTED = {line.split("\t")[4] for line in open(ORDER, encoding="utf-8") if not line.startswith("#")}
    docs = {}
    corpus_of = {}
    for c in CORPORA:
        for k, v in load(c).items():
            docs[k] = v
            corpus_of[k] = c
    result, cur, errors = [], None, []
    for ln, raw in enumerate(open(answers, encoding="utf-8"), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("DOC "):
            did = line[4:].strip()
            assert did in docs, did
            assert not reserved(corpus_of[did], did), did
            assert did in SELECTED, did
            cur = {"id": did, "corpus": corpus_of[did], "lang": docs[did]["lang"], "quotes": []}
            result.append(cur)
            last = 0
            continue
        f = [x.strip() for x in line.split(" | ")]
        if len(f) != 9:
            errors.append(f"{ln}: {len(f)} fields")
            continue
        kind, span, mention, speaker, role, side, channel, via, cont = f
        t0 = docs[cur["id"]]["text"]
        t = t0.translate(SPACES)  # search with no-break and thin spaces as plain spaces (same length)
        k = 1
        m = re.match(r"^(.*)@(\d+)$", span)
        if m:
            span, k = m.group(1), int(m.group(2))
        occ = [o for o in occurrences(t, span) if o >= last]
        if len(occ) < k:
            errors.append(f"{ln}: span not found after {last}: {span[:40]}")
            continue
        s = occ[k - 1]
        e = s + len(span)
        last = s
        if span != span.strip() or "\n" in span:
            errors.append(f"{ln}: span not trimmed or crosses a line")
        if kind not in KINDS or role not in ROLES or side not in SIDES or channel not in CHANNELS:
            errors.append(f"{ln}: bad identifier {kind} {role} {side} {channel}")
        q = {"start": s, "end": e, "sha1": sha12(t0[s:e]), "kind": kind,
             "speaker": None if speaker == "-" else speaker}
        if mention == "-":
            q["speaker_start"] = q["speaker_end"] = None
        else:
            mk = re.match(r"^(.*)@([+-])(\d+)$", mention)
            if mk:
                mention = mk.group(1)
            mo = [o for o in occurrences(t, mention)
                  if not (o > 0 and t[o - 1].isalpha()) and not (o + len(mention) < len(t) and t[o + len(mention)].isalpha())]
            if mk:
                n = int(mk.group(3))
                mo = [o for o in mo if o >= e] if mk.group(2) == "+" else [o for o in mo if o < s][::-1]
                mo = mo[n - 1:n]
            if not mo:
                errors.append(f"{ln}: mention not found: {mention}")
                continue
            ms = min(mo, key=lambda o: min(abs(o - s), abs(o + len(mention) - e)))
            q["speaker_start"], q["speaker_end"] = ms, ms + len(mention)
        q.update({"speaker_role": role, "side": side, "channel": channel,
                  "via": [] if via == "-" else [v.strip() for v in via.split(";")],
                  "continues": None if cont == "-" else int(cont)})
        cur["quotes"].append(q)
    for d in result:
        qs = d["quotes"]
        starts = [q["start"] for q in qs]
        if starts != sorted(starts):
            errors.append(f"{d['id']}: not in text order")
        for i, q in enumerate(qs):
            if q["continues"] is not None and not (0 <= q["continues"] < i):
                errors.append(f"{d['id']}: bad continues at {i}")
        for a, b in zip(qs, qs[1:]):
            if b["start"] < a["end"]:
                errors.append(f"{d['id']}: overlapping units {a['start']}-{a['end']} / {b['start']}-{b['end']}")
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    with open(out, "w", encoding="utf-8") as fo:
        for d in result:
            fo.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"{len(result)} documents, {sum(len(d['quotes']) for d in result)} quotes -> {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
