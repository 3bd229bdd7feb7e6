"""Annotator rd (brief l-ruukd9): answers_rd.txt -> gold/train/ruuk/agreement/rd_on_c.jsonl (section c10: every 10th
sentence of half C of l-ruukc9's pool_ruuk_c.jsonl, blind) and gold/train/ruuk/indicators_train_ruuk_d.jsonl
(section d: half D in pool order).

answers_rd.txt (no corpus text):
  "section c10" / "section d" starts a section;
  "read A-B" declares that every pool_idx A..B (inclusive) of the section's rows was read; a read row without a
  label line is a negative ([]);
  label line: IDX [n|o|t|a|f|x] ; CODE SIDE [h] [x] [t] claimant|claimant_side ; ... [# note]
  (source type n news, o official, t testimony, a analysis, f finance, x other; default by corpus;
  CODE from IND; h hedged, x negated, t testimony).
Checks: the row is in the section's half, offsets in bounds, sha1 of the corpus text, identifiers, sides, flags,
no duplicate label, labels only on read rows, every idx answered once, training side of the split (not reserved),
no document named by an indicator evaluation file of gold/ruuk, claimants short (a name, not a copied clause),
no Cyrillic in notes, no `text` field.
Usage: /work/main/.venv/bin/python scripts/labelling/ruuk_train/convert_d.py [--check]"""
import hashlib
import json
import os
import re
import sys

GOLD = set()
H = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(H)))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != H] + [H]  # (round 1's pool builder was once select.py, shadowing the stdlib)
from select_rd import half_rows, lang_of  # noqa: E402
from show_rd import load_pool, texts  # noqa: E402

IND = {"fe": "fear", "de": "deceived", "co": "coerced", "bc": "betrayed_by_command", "ex": "expendable",
       "hl": "heavy_losses", "uw": "unwilling", "sd": "surrender_desertion", "sa": "sabotage", "ut": "untrained",
       "ss": "supply_shortage", "cc": "casualty_concealment", "fr": "forced_recruitment", "tr": "trauma",
       "oc": "orders_against_civilians", "ml": "morale_low", "mb": "morale_boosting", "mh": "morale_high"}
SIDES = {"ru", "ua", "unknown"}
CSIDES = {"ru", "ua", "west", "independent", "third_state", "unknown"}
ST = {"n": "news", "o": "official", "t": "testimony", "a": "analysis", "f": "finance", "x": "other"}
DEF = {"ru-news-telegram-war": "news", "milblogger-telegram-ru": "analysis", "resistinua-addresses": "official"}
OUT = {"c10": "gold/train/ruuk/agreement/rd_on_c.jsonl", "d": "gold/train/ruuk/indicators_train_ruuk_d.jsonl"}


def sha12(s):
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:12]


def reserved(corpus, did):
    return int(hashlib.sha1((corpus + ":" + did).encode()).hexdigest(), 16) % 5 == 0


def gold_ids():
    """Document ids named by any indicator file of gold/ruuk (dev, dev c, second passes, held-out): ids only."""
    out = set()
    d = os.path.join(ROOT, "gold", "ruuk")
    for fn in os.listdir(d):
        if fn.startswith("indicators_") and fn.endswith(".jsonl"):
            for line in open(os.path.join(d, fn), encoding="utf-8"):
                out.add(json.loads(line)["id"])
    return out


def parse(path):
    sec, read, ans = None, {}, {}
    for n, ln in enumerate(open(path, encoding="utf-8"), 1):
        ln = ln.rstrip("\n")
        if not ln.strip() or ln.startswith("//"):
            continue
        if ln.startswith("section "):
            sec = ln.split()[1]
            assert sec in OUT, (n, sec)
            read.setdefault(sec, set())
            ans.setdefault(sec, {})
            continue
        assert sec, (n, "no section")
        if ln.startswith("read "):
            for rng in ln.split()[1:]:
                a, b = map(int, rng.split("-"))
                read[sec].update(range(a, b + 1))
            continue
        note = None
        if "#" in ln:
            ln, note = ln.split("#", 1)
            note = note.strip()
        parts = [x.strip() for x in ln.split(";")]
        head = parts[0].split()
        idx = int(head[0])
        assert idx not in ans[sec], (n, f"idx {idx} answered twice")
        st = head[1] if len(head) > 1 else None
        assert st is None or st in ST, (n, st)
        labels = []
        for lab in [p for p in parts[1:] if p]:
            spec, cside = lab.rsplit("|", 1)
            w = spec.split()
            code, side, rest, flags = w[0], w[1], w[2:], set()
            while rest and rest[0] in ("h", "x", "t"):
                flags.add(rest.pop(0))
            claimant = " ".join(rest)
            assert code in IND and side in SIDES and cside.strip() in CSIDES and claimant, (n, lab)
            assert len(claimant) <= 60, (n, "claimant too long: a name, not a clause")
            labels.append(dict(indicator=IND[code], subject_side=side, hedged="h" in flags, negated="x" in flags,
                               claimant=claimant, claimant_side=cside.strip(), testimony="t" in flags))
        assert len({(x["indicator"], x["subject_side"]) for x in labels}) == len(labels), (n, "duplicate label")
        ans[sec][idx] = (st, labels, note)
    return read, ans


def build(sec, rows, read, ans, tx):
    byidx = {r["pool_idx"]: r for r in rows}
    read = read & set(byidx)  # a range covers the section's rows inside it
    assert set(ans) <= read, (sec, "labels on unread rows or rows outside the section", sorted(set(ans) - read))
    out = []
    for idx in sorted(read):
        p = byidx[idx]
        t = tx[(p["corpus"], p["id"])]
        assert 0 <= p["start"] < p["end"] <= len(t) and sha12(t[p["start"]:p["end"]]) == p["sha1"], idx
        assert not reserved(p["corpus"], p["id"]), (idx, "reserved document")
        assert p["id"] not in GOLD, (idx, "document named by indicator gold")
        st_code, labels, note = ans.get(idx, (None, [], None))
        st = ST[st_code] if st_code else DEF.get(p["corpus"], "other")
        r = dict(corpus=p["corpus"], id=p["id"], start=p["start"], end=p["end"], sha1=p["sha1"],
                 lang=lang_of(p, t), source_type=st, annotator="rd", labels=labels, pool_idx=idx)
        for k in ("half", "selection", "block"):
            if k in p:
                r[k] = p[k]
        if note:
            r["note"] = note
        out.append(r)
    return out


def main():
    global GOLD
    GOLD = gold_ids()
    pool = load_pool()
    read, ans = parse(os.path.join(H, "answers_rd.txt"))
    for sec in OUT:
        if sec not in read:
            continue
        rows = half_rows(pool, sec)
        tx = texts({r["corpus"] for r in rows})
        out = build(sec, rows, read[sec], ans[sec], tx)
        body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out)
        for r in out:  # no corpus text: claimant names may be Cyrillic, notes are English paraphrase only
            assert r["sha1"] and "text" not in r
            assert not re.search("[\u0400-\u04ff]", r.get("note", "")), (r["pool_idx"], "Cyrillic in a note")
        path = os.path.join(ROOT, OUT[sec])
        if "--check" in sys.argv:
            assert open(path, encoding="utf-8").read() == body, (path, "differs from the answers")
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "w", encoding="utf-8").write(body)
        print(sec, len(out), "sentences,", sum(1 for r in out if r["labels"]), "positive,",
              sum(len(r["labels"]) for r in out), "labels; valid ->", OUT[sec])


if __name__ == "__main__":
    main()
