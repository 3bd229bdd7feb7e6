"""Annotator ra's text-free answers -> JSONL, with validation of every line.

    PYTHONPATH=src python scripts/labelling/ruuk_train/convert_ra.py            # half A -> indicators_train_ruuk_a.jsonl
    PYTHONPATH=src python scripts/labelling/ruuk_train/convert_ra.py --on-b     # every 10th of half B -> agreement/ra_on_b.jsonl

Answer file format (answers_ra.txt, answers_ra_on_b.txt): "read A-B" declares pool_idx A..B of the half read (a read
sentence without a label line is a negative, "labels": []). Label line:
    IDX [n|o|t|a|x] ; CODE SIDE [h] [x] [t] claimant|claimant_side ; ... [# note]
(the letter after IDX overrides the sentence's source type: news, official, testimony, analysis, other; default by
corpus: milblogger-telegram-ru analysis, ru-news-telegram-war news, resistinua-addresses official; h hedged, x negated,
t testimony = soldiers', POWs' or relatives' own words). A note starting "borderline" marks a borderline item.
Checks: every idx in the half and answered once, labels only on read idx, identifiers and sides valid, offsets in
bounds and sha1 equal to the pool's and to the corpus text, training side of the split, document not named by a
gold/ruuk indicator file, no claimant longer than 30 characters copied from the sentence, no Cyrillic in notes
(notes paraphrase in English, so that no corpus text is committed).
"""
import argparse
import glob
import hashlib
import json
import os
import re
import sys

H = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(H, "..", "..", ".."))
CORP = os.path.join(ROOT, "..", "shared", "data", "corpora")
CODES = {"fear": "fear", "dec": "deceived", "coe": "coerced", "bet": "betrayed_by_command", "exp": "expendable",
         "hl": "heavy_losses", "unw": "unwilling", "sd": "surrender_desertion", "sab": "sabotage", "unt": "untrained",
         "ss": "supply_shortage", "cc": "casualty_concealment", "fr": "forced_recruitment", "tr": "trauma",
         "oac": "orders_against_civilians", "ml": "morale_low", "mb": "morale_boosting", "mh": "morale_high"}
SIDES = {"ru", "ua", "unknown"}
CSIDES = {"ru", "ua", "west", "independent", "third_state", "unknown"}
ST = {"n": "news", "o": "official", "t": "testimony", "a": "analysis", "x": "other"}
DEF_ST = {"milblogger-telegram-ru": "analysis", "ru-news-telegram-war": "news", "resistinua-addresses": "official"}


def parse(path):
    read, ans = set(), {}
    for n, ln in enumerate(open(path, encoding="utf-8"), 1):
        ln = ln.rstrip("\n")
        if not ln.strip() or ln.startswith("//"):
            continue
        if ln.startswith("read "):
            for part in ln.split()[1].split(","):
                a, b = map(int, part.split("-")) if "-" in part else (int(part), int(part))
                read.update(range(a, b + 1))
            continue
        note = None
        if "#" in ln:
            ln, note = ln.split("#", 1)
            note = note.strip()
        parts = [x.strip() for x in ln.split(";")]
        head = parts[0].split()
        idx = int(head[0])
        assert idx not in ans, f"line {n}: idx {idx} answered twice"
        st = ST[head[1]] if len(head) > 1 else None
        labels = []
        for p in parts[1:]:
            assert "|" in p, f"line {n}: no claimant|side in {p!r}"
            left, cside = p.rsplit("|", 1)
            tok = left.split()
            code, side = tok[0], tok[1]
            flags, i = set(), 2
            while i < len(tok) and tok[i] in ("h", "x", "t"):
                flags.add(tok[i])
                i += 1
            claimant = " ".join(tok[i:])
            assert code in CODES, f"line {n}: code {code}"
            assert side in SIDES, f"line {n}: side {side}"
            assert cside.strip() in CSIDES, f"line {n}: claimant side {cside}"
            assert claimant, f"line {n}: empty claimant"
            labels.append({"indicator": CODES[code], "subject_side": side, "hedged": "h" in flags,
                           "negated": "x" in flags, "claimant": claimant, "claimant_side": cside.strip(),
                           "testimony": "t" in flags})
        assert labels, f"line {n}: a label line without labels"
        keys = [(x["indicator"], x["subject_side"]) for x in labels]
        assert len(keys) == len(set(keys)), f"line {n}: indicator x side listed twice"
        ans[idx] = (st, labels, note)
    assert set(ans) <= read, f"labels on unread idx {sorted(set(ans) - read)}"
    return read, ans


def reserved(corpus, did):
    return int(hashlib.sha1((corpus + ":" + did).encode()).hexdigest(), 16) % 5 == 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--on-b", action="store_true", help="the agreement subset of half B")
    args = ap.parse_args()
    half = "B" if args.on_b else "A"
    src = os.path.join(H, "answers_ra_on_b.txt" if args.on_b else "answers_ra.txt")
    out_path = os.path.join(ROOT, "gold", "train", "ruuk",
                            "agreement/ra_on_b.jsonl" if args.on_b else "indicators_train_ruuk_a.jsonl")
    pool = {p["pool_idx"]: p for p in map(json.loads, open(os.path.join(ROOT, "gold", "train", "ruuk", "pool_ruuk_a.jsonl")))
            if p["half"] == half}
    read, ans = parse(src)
    if args.on_b:  # "read A-B" covers the agreement subset of A..B: every 10th pool_idx still in the pool
        assert set(ans) <= read and all(i % 10 == 0 for i in ans), "labels only on every 10th idx"
        read = {i for i in read if i % 10 == 0 and i in pool}
    assert read <= set(pool), f"read idx not in half {half}: {sorted(read - set(pool))[:10]}"
    gold = set()
    for f in glob.glob(os.path.join(ROOT, "gold", "ruuk", "indicators_*.jsonl")):
        gold.update(re.findall(r'"id": "([^"]+)"', open(f, encoding="utf-8").read()))
    texts = {}
    for c in {pool[i]["corpus"] for i in read}:
        for x in open(os.path.join(CORP, c + ".jsonl"), encoding="utf-8"):
            d = json.loads(x)
            texts[d["id"]] = d["text"]
    out = []
    for idx in sorted(read):
        p = pool[idx]
        t = texts[p["id"]]
        s, e = p["start"], p["end"]
        assert 0 <= s < e <= len(t), idx
        sent = t[s:e]
        assert hashlib.sha1(sent.encode()).hexdigest()[:12] == p["sha1"], f"sha1 {idx}"
        assert not reserved(p["corpus"], p["id"]), f"reserved {p['id']}"
        assert p["id"] not in gold, f"in indicator gold {p['id']}"
        st, labels, note = ans.get(idx, (None, [], None))
        for x in labels:
            assert len(x["claimant"]) <= 30 or x["claimant"] not in sent, f"claimant copies text {idx}"
        if note:
            assert not re.search("[\u0400-\u04ff]", note), f"Cyrillic (corpus text) in the note of {idx}"
        r = {"corpus": p["corpus"], "id": p["id"], "lang": p["lang"], "start": s, "end": e, "sha1": p["sha1"],
             "source_type": st or DEF_ST[p["corpus"]], "selection": p["selection"], "annotator": "ra",
             "labels": labels, "pool_idx": idx, "half": half, "block": p["block"]}
        if note:
            r["note"] = note
        out.append(r)
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    with open(out_path, "w", encoding="utf-8") as fh:
        for r in out:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    pos = sum(bool(r["labels"]) for r in out)
    print(f"{os.path.relpath(out_path, ROOT)}: {len(out)} sentences, {pos} positive, "
          f"{sum(len(r['labels']) for r in out)} labels", file=sys.stderr)


if __name__ == "__main__":
    main()
