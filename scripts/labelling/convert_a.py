"""Convert an answers file to label JSONL and verify every line.

answers syntax (one pool item per line; '#' starts a comment/note):
  # done A-B           -> items A..B inclusive have been read; items without a line are negatives
  IDX -                -> explicit negative
  IDX lab ; lab ...    -> labels; lab = CODE.SIDE[.h][.n][@claimant|claimant_side]
  IDX ... !borderline  -> adds note "borderline"; '!st=testimony' overrides source_type; '!note=...' free note
usage: convert_a.py POOL ANSWERS OUT ANNOTATOR
"""
import json
import os
import re
import sys

import common_a as C
from show_a import speaker_before

CODES = {"fe": "fear", "de": "deceived", "co": "coerced", "be": "betrayed_by_command", "ex": "expendable",
         "hl": "heavy_losses", "uw": "unwilling", "sd": "surrender_desertion", "sa": "sabotage", "ut": "untrained",
         "ss": "supply_shortage", "cc": "casualty_concealment", "fr": "forced_recruitment", "tr": "trauma",
         "oc": "orders_against_civilians", "ml": "morale_low", "mb": "morale_boosting", "mh": "morale_high"}
SIDES = {"ru", "ua", "unknown"}
CSIDES = {"ru", "ua", "west", "independent", "third_state", "unknown"}
WH_SIDE = {"PRESIDENT ZELENSKYY": "ua", "PRESIDENT ZELENSKYY (As interpreted)": "ua", "Q": "independent"}


def default_claimant(rec, text):
    corpus, did = rec["corpus"], rec["id"]
    if corpus in ("nyt-guardian-407", "reuters21578"):
        return "writer", "independent"
    if corpus in ("zelensky-addresses-en", "resistinua-addresses"):
        return "speaker", "ua"
    if corpus == "press-releases-2022-en":
        return "speaker", ("ru" if ":kremlin-" in did else "ua")
    spk = speaker_before(text, rec["start"])
    if spk is None:
        return "speaker", "west"
    if spk == "Q":
        return "journalist (Q)", "independent"
    return spk, WH_SIDE.get(spk, "west")


def default_source_type(rec, text=None):
    # a reporter's question ("Q") in a White House briefing is a journalist's voice: news at the sentence level
    if rec["corpus"] == "whitehouse-ukraine-en" and text is not None and speaker_before(text, rec["start"]) == "Q":
        return "news"
    return {"nyt-guardian-407": "news", "reuters21578": "finance"}.get(rec["corpus"], "official")


def parse(answers):
    done, lab = set(), {}
    for ln, line in enumerate(open(answers, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip():
            continue
        m = re.match(r"#\s*done\s+(\d+)-(\d+)", line)
        if m:
            done.update(range(int(m.group(1)), int(m.group(2)) + 1))
            continue
        if line.lstrip().startswith("#"):
            continue
        m = re.match(r"\s*(\d+)\s+(.*)$", line)
        if not m:
            raise SystemExit(f"line {ln}: cannot parse: {line}")
        idx, rest = int(m.group(1)), m.group(2)
        opts = {}
        if "!" in rest:
            rest, bang = rest.split("!", 1)
            for part in bang.split("!"):
                part = part.strip()
                if part == "borderline":
                    opts["note"] = (opts.get("note", "") + "; borderline").lstrip("; ")
                elif part.startswith("st="):
                    opts["source_type"] = part[3:].strip()
                elif part.startswith("note="):
                    opts["note"] = (opts.get("note", "") + "; " + part[5:].strip()).lstrip("; ")
                elif part:
                    raise SystemExit(f"line {ln}: bad option {part}")
        labs = []
        rest = rest.strip()
        if rest and rest != "-":
            for item in rest.split(";"):
                item = item.strip()
                if not item:
                    continue
                claim = None
                if "@" in item:
                    item, claim = item.split("@", 1)
                    cl, cs = claim.rsplit("|", 1)
                    claim = (cl.strip(), cs.strip())
                parts = item.split(".")
                if parts[0] not in CODES or len(parts) < 2 or parts[1] not in SIDES:
                    raise SystemExit(f"line {ln}: bad label {item}")
                flags = set(parts[2:])
                if flags - {"h", "n"}:
                    raise SystemExit(f"line {ln}: bad flags {item}")
                labs.append((CODES[parts[0]], parts[1], "h" in flags, "n" in flags, claim))
        if idx in lab:
            raise SystemExit(f"line {ln}: duplicate index {idx}")
        lab[idx] = (labs, opts)
    return done, lab


def main(pool_path, answers, out, annotator):
    pool = {}
    for l in open(pool_path):
        r = json.loads(l)
        pool[r["pool_index"] if "pool_index" in r else r["idx"]] = r
    done, lab = parse(answers)
    if os.environ.get("MOD10"):  # agreement pass on another annotator's pool: only its idx % 10 == 0 items
        done = {i for i in done if i % 10 == 0}
        assert all(i % 10 == 0 for i in lab), "label on a non-agreement item"
    for i in lab:
        if i not in pool:
            raise SystemExit(f"index {i} not in pool")
        done.add(i)
    n = npos = 0
    with open(out, "w", encoding="utf-8") as f:
        for i in sorted(done):
            rec = pool[i]
            text = C.doc_text(rec["corpus"], rec["id"])
            s, e = rec["start"], rec["end"]
            assert 0 <= s < e <= len(text), i
            assert C.sha12(text[s:e]) == rec["sha1"], i
            labs, opts = lab.get(i, ([], {}))
            dcl, dcs = default_claimant(rec, text)
            seen = set()
            labels = []
            for ind, side, h, neg, claim in labs:
                cl, cs = claim if claim else (dcl, dcs)
                assert cs in CSIDES, (i, cs)
                key = (ind, side)
                assert key not in seen, (i, key)
                seen.add(key)
                labels.append({"indicator": ind, "subject_side": side, "hedged": h, "negated": neg,
                               "claimant": cl, "claimant_side": cs})
            row = {"corpus": rec["corpus"], "id": rec["id"], "start": s, "end": e, "sha1": rec["sha1"],
                   "source_type": opts.get("source_type", default_source_type(rec, text)), "selection": rec["selection"],
                   "annotator": annotator, "labels": labels}
            assert row["source_type"] in {"testimony", "news", "official", "analysis", "finance", "other"}
            if "note" in opts:
                row["note"] = opts["note"]
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
            npos += bool(labels)
    print(f"{out}: {n} sentences, {npos} positive, 0 errors")


if __name__ == "__main__":
    main(*sys.argv[1:5])
