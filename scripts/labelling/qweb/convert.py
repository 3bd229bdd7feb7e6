"""Convert the annotator's answers file into gold/quotes_web/quotes_heldout.jsonl, validating every unit.

Answers format (one unit a line, in text order; '#' comments; '@ ID' starts a document):
  LOC | KIND | SPAN | MENTION | SPEAKER | ROLE | SIDE | CHANNEL | VIA | CONT
LOC      Pn: the paragraph (numbered as show.py prints them); PnLk: its kth line (transcripts).
KIND     d direct, p partial, m mixed, i indirect.
SPAN     qN (content of the paragraph's Nth quotation-mark segment), A...B (from the first occurrence of A to the
         end of the first occurrence of B ending at or after A's end; B may be qN = up to and including that
         segment's closing mark; A may be qN = from that segment's opening mark; B may be $ = paragraph end),
         A alone (exact snippet), para (whole paragraph), turn (paragraph after its 'LABEL:' prefix).
         A snippet may start with N# to take its Nth occurrence in the paragraph.
MENTION  '-' (no speaker), '=' (the previous unit's mention), or a snippet, optionally 'Pk:snippet'; the
         occurrence nearest to the span in that paragraph (default: the unit's paragraph, then earlier ones).
SPEAKER  '=' the mention as written, '^' the previous unit's, or the name.
ROLE/SIDE/CHANNEL: short codes (below) or '^'. VIA: '-' none, '^' previous, or names separated by ';'.
CONT     '-' none, 'c' the chain of the previous unit, or an index.
Lines with only 3 or 4 fields copy the rest from the previous unit (3 fields also copy the mention: '=').
The answers file itself holds short text anchors and is kept outside the repository.
Usage: convert.py ANSWERS OUT.jsonl [--review]
"""
import json
import re
import sys

from common import corpus_of, load, paragraphs, sha12
from show import segments

ROLES = dict(sol="soldier", pow="pow", rel="relative", cmd="commander", off="official", int="intelligence_agency",
             dip="diplomat", exp="expert", jou="journalist", loc="local_authority", civ="civilian",
             pol="politician", ngo="ngo", unk="unknown")
SIDES = dict(ru="ru", ua="ua", west="west", ind="independent", third="third_state", unk="unknown")
CHANNELS = dict(vid="video", ph="phone_call", txt="text_message", smp="social_media_post", intv="interview",
                brief="press_briefing", stmt="statement", speech="speech", news="news_report", doc="document",
                unk="unknown")
KINDS = dict(d="direct", p="partial", m="mixed", i="indirect")


class Err(Exception):
    pass


def find_occ(t, s, lo, hi, n=1):
    pos = lo - 1
    for _ in range(n):
        pos = t.find(s, pos + 1, hi)
        if pos < 0:
            raise Err(f"snippet not found: {s!r}")
    return pos


def strip_snip(s):
    s = re.sub(r"⟦q\d+⟧", "", s.strip())
    m = re.match(r"^(\d+)#(.*)$", s)
    return (int(m.group(1)), m.group(2)) if m else (1, s)


def span_of(t, ps, pe, spec):
    segs = segments(t, ps, pe)
    spec = spec.strip()

    def seg(tok, whole):
        k = int(tok[1:])
        if k > len(segs):
            raise Err(f"no segment {tok}")
        o, cs, ce, e = segs[k - 1]
        return (o, e) if whole else (cs, ce)

    if spec == "para":
        return ps, pe
    if spec == "turn":
        m = re.match(r"[^:\n]{1,80}?:\s*", t[ps:pe])
        if not m:
            raise Err("no turn label")
        return ps + m.end(), pe
    if re.fullmatch(r"q\d+", spec):
        return seg(spec, False)
    if "..." in spec:
        a, b = spec.split("...", 1)
        a, b = a.strip(), b.strip()
        if re.fullmatch(r"q\d+", a):
            s0, a_end = seg(a, True)
        else:
            n, a = strip_snip(a)
            s0 = find_occ(t, a, ps, pe, n)
            a_end = s0 + len(a)
        if b == "$":
            return s0, pe
        if re.fullmatch(r"q\d+", b):
            o, e = seg(b, True)
            return s0, e
        n, b = strip_snip(b)
        pos = s0 - 1
        while True:
            pos = t.find(b, pos + 1, pe)
            if pos < 0:
                raise Err(f"end snippet not found: {b!r}")
            if pos + len(b) >= a_end:
                return s0, pos + len(b)
    n, a = strip_snip(spec)
    s0 = find_occ(t, a, ps, pe, n)
    return s0, s0 + len(a)


def mention_of(t, paras, pi, s, e, spec):
    if ":" in spec and re.match(r"^P\d+:", spec):
        k, snip = spec.split(":", 1)
        order = [int(k[1:]) - 1]
    else:
        snip = spec
        order = [pi] + list(range(pi - 1, -1, -1))
    n, snip = strip_snip(snip)
    pat = re.compile(r"(?<![A-Za-z])" + re.escape(snip) + r"(?![A-Za-z])")
    for j in order:
        ps, pe = paras[j]
        hits = [m.start() for m in pat.finditer(t, ps, pe)]
        if not hits:
            continue
        if n > 1:
            h = hits[n - 1]
        else:
            h = min(hits, key=lambda x: (0 if x >= e else 1, x - e) if x >= e or x + len(snip) <= s else (2, 0))
            # nearest: distance to the span
            h = min(hits, key=lambda x: min(abs(x - e), abs(x + len(snip) - s)) if (x >= e or x + len(snip) <= s) else 10**9)
        return h, h + len(snip)
    raise Err(f"mention not found: {spec!r}")


def main(path, out, review=False):
    docs, cur, errors = [], None, 0
    prev = None
    for ln, raw in enumerate(open(path, encoding="utf-8"), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("@"):
            did = line[1:].strip().split()[0]
            c = corpus_of(did)
            d = load(c)[did]
            cur = {"id": did, "corpus": c, "quotes": [], "_t": d["text"], "_p": list(paragraphs(d["text"]))}
            docs.append(cur)
            prev = None
            continue
        f = [x.strip() for x in line.split("|")]
        try:
            if len(f) == 3:
                f += ["="]
            if len(f) == 4:
                if prev is None:
                    raise Err("short line without previous unit")
                f += ["^"] * 5 + ["-"]
            if len(f) != 10:
                raise Err(f"{len(f)} fields")
            loc, kind, spec, ment, spk, role, side, chan, via, cont = f
            t, paras = cur["_t"], cur["_p"]
            m_loc = re.fullmatch(r"P(\d+)(?:L(\d+))?", loc)
            pi = int(m_loc.group(1)) - 1
            ps, pe = paras[pi]
            if m_loc.group(2):  # a line of a multi-line paragraph (transcripts): that line only
                lines, pos = [], ps
                for part in t[ps:pe].split("\n"):
                    lines.append((pos, pos + len(part)))
                    pos += len(part) + 1
                ps, pe = lines[int(m_loc.group(2)) - 1]
            s, e = span_of(t, ps, pe, spec)
            while s < e and t[s].isspace():
                s += 1
            while e > s and t[e - 1].isspace():
                e -= 1
            if "\n" in t[s:e] or e <= s:
                raise Err("empty or multi-line span")
            if ment == "=":
                if prev is None:
                    raise Err("= mention without previous")
                ms, me = prev["speaker_start"], prev["speaker_end"]
            elif ment == "-":
                ms = me = None
            else:
                ms, me = mention_of(t, paras, pi, s, e, ment)
            if spk == "=":
                speaker = t[ms:me] if ms is not None else None
            elif spk == "^":
                speaker = prev["speaker"]
            elif spk == "-":
                speaker = None
            else:
                speaker = spk
            q = {"start": s, "end": e, "sha1": sha12(t[s:e]), "kind": KINDS[kind], "speaker": speaker,
                 "speaker_start": ms, "speaker_end": me,
                 "speaker_role": prev["speaker_role"] if role == "^" else ROLES[role],
                 "side": prev["side"] if side == "^" else SIDES[side],
                 "channel": prev["channel"] if chan == "^" else CHANNELS[chan],
                 "via": list(prev["via"]) if via == "^" else ([] if via == "-" else [v.strip() for v in via.split(";")]),
                 "continues": None}
            idx = len(cur["quotes"])
            if cont == "c":
                q["continues"] = prev["continues"] if prev["continues"] is not None else len(cur["quotes"]) - 1
            elif cont != "-":
                q["continues"] = int(cont)
            if q["continues"] is not None and not (0 <= q["continues"] < idx):
                raise Err("bad continues")
            if speaker is None and ms is not None:
                raise Err("mention without speaker")
            cur["quotes"].append(q)
            prev = q
        except (Err, KeyError, ValueError, IndexError) as ex:
            errors += 1
            print(f"line {ln}: {ex!r}: {line}", file=sys.stderr)
    # checks: text order, no duplicate spans
    for d in docs:
        qs = d["quotes"]
        for a, b in zip(qs, qs[1:]):
            if b["start"] < a["start"]:
                print(f"{d['id']}: out of order at {b['start']}", file=sys.stderr)
                errors += 1
        if len({(q['start'], q['end']) for q in qs}) != len(qs):
            print(f"{d['id']}: duplicate span", file=sys.stderr)
            errors += 1
    if review:
        for d in docs:
            t = d["_t"]
            print(f"=== {d['id']} ({len(d['quotes'])})")
            for i, q in enumerate(d["quotes"]):
                sp = t[q["start"]:q["end"]]
                sp = sp if len(sp) < 110 else sp[:60] + " … " + sp[-40:]
                m = "-" if q["speaker_start"] is None else t[max(0, q["speaker_start"] - 15):q["speaker_start"]] + "[" + t[q["speaker_start"]:q["speaker_end"]] + "]" + t[q["speaker_end"]:q["speaker_end"] + 10]
                print(f"{i:3} {q['kind'][:3]} «{sp}»\n      {m!r} -> {q['speaker']} | {q['speaker_role']} {q['side']} {q['channel']} via={q['via']} cont={q['continues']}")
    with open(out, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"id": d["id"], "corpus": d["corpus"], "quotes": d["quotes"]}, ensure_ascii=False) + "\n")
    print(f"{len(docs)} docs, {sum(len(d['quotes']) for d in docs)} quotes, {errors} errors", file=sys.stderr)
    return errors


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1], sys.argv[2], "--review" in sys.argv) else 0)
