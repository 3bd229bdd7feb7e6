"""Convert annotator b's plain answers file to JSONL and validate every line.

Answers syntax (one per line; '#' comments):
  batch LO HI                      sentences idx in [LO, HI) of the pool have been read; unlisted ones are negatives
  doc ID TYPE                      source_type for every sentence of a document (default by corpus)
  IDX [T|N|O|A|F] [seg ; seg ...]  positives (and/or a sentence-level source type: T testimony, N news, O official,
                                   A analysis, F finance)
      seg = IND SIDE CLAIMANT_SIDE CLAIMANT WORDS [+h] [+n] [+b]   (W = writer, S = speaker; +b adds note borderline)
  note IDX free text               a note for that sentence
Usage: convert_b.py POOL ANSWERS OUT [--annotator b]
"""
import json, sys, os
sys.path.insert(0, os.path.dirname(__file__))
from common_b import load, sha12, IND, INDICATORS, SIDES, CSIDES, SOURCE_TYPES, SELECTIONS

DEFAULT_TYPE = {"nyt-guardian-407": "news", "whitehouse-ukraine-en": "official", "reuters21578": "finance",
                "zelensky-addresses-en": "official", "press-releases-2022-en": "official",
                "resistinua-addresses": "official"}
ST = {"T": "testimony", "N": "news", "O": "official", "A": "analysis", "F": "finance"}

def parse(path):
    batches, docs, ans, notes = [], {}, {}, {}
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.split("#", 1)[0].strip() if not line.startswith("note") else line.strip()
        if not line: continue
        tok = line.split()
        if tok[0] == "batch":
            batches.append((int(tok[1]), int(tok[2]))); continue
        if tok[0] == "doc":
            docs[tok[1]] = tok[2]; continue
        if tok[0] == "note":
            notes[int(tok[1])] = line.split(None, 2)[2]; continue
        idx = int(tok[0]); rest = line.split(None, 1)[1] if len(tok) > 1 else ""
        st = None
        if rest[:2] in ("T ", "N ", "O ", "A ", "F ") or rest in ST:
            st = ST[rest[0]]; rest = rest[1:].strip()
        labs = []
        for seg in [s.strip() for s in rest.split(";") if s.strip()]:
            t = seg.split()
            flags = {x for x in t if x.startswith("+")}
            t = [x for x in t if not x.startswith("+")]
            ind = IND.get(t[0], t[0]); claimant = " ".join(t[3:])
            claimant = {"W": "writer", "S": "speaker"}.get(claimant, claimant)
            assert ind in INDICATORS, (n, line); assert t[1] in SIDES, (n, line); assert t[2] in CSIDES, (n, line)
            assert claimant, (n, line); assert flags <= {"+h", "+n", "+b"}, (n, line)
            labs.append({"indicator": ind, "subject_side": t[1], "hedged": "+h" in flags, "negated": "+n" in flags,
                         "claimant": claimant, "claimant_side": t[2], "_b": "+b" in flags})
        assert idx not in ans, ("duplicate", n, idx)
        ans[idx] = (st, labs)
    return batches, docs, ans, notes

def main(pool_path, answers, out, annotator="b"):
    pool = [json.loads(l) for l in open(pool_path)]
    batches, docs, ans, notes = parse(answers)
    excl_path = os.path.join(os.path.dirname(os.path.abspath(answers)), f"excluded_{pool_path.split('/')[-1].split('.')[0]}.json")
    excl = {int(k) for k in json.load(open(excl_path))} if os.path.exists(excl_path) else set()
    done = sorted({i for lo, hi in batches for i in range(lo, min(hi, len(pool)))} - excl)
    for i in ans:
        assert i in done or i in excl, ("answer outside a read batch", i)
    texts = {}
    for c in {p["corpus"] for p in pool}:
        ids = {p["id"] for p in pool if p["corpus"] == c}
        for d in load(c):
            if d["id"] in ids: texts[(c, d["id"])] = d["text"]
    rows = []
    for i in done:
        p = pool[i]; t = texts[(p["corpus"], p["id"])]
        assert 0 <= p["start"] < p["end"] <= len(t)
        assert sha12(t[p["start"]:p["end"]]) == p["sha1"], ("sha1", i)
        assert p["selection"] in SELECTIONS
        st, labs = ans.get(i, (None, []))
        st = st or docs.get(p["id"]) or DEFAULT_TYPE[p["corpus"]]
        assert st in SOURCE_TYPES
        seen = set(); clean = []; border = False
        for l in labs:
            key = (l["indicator"], l["subject_side"])
            assert key not in seen, ("dup label", i, key); seen.add(key)
            border |= l.pop("_b"); clean.append(l)
        row = {"corpus": p["corpus"], "id": p["id"], "start": p["start"], "end": p["end"], "sha1": p["sha1"],
               "source_type": st, "selection": p["selection"], "annotator": annotator, "labels": clean, "pool_idx": i}
        note = notes.get(i)
        if border: note = "borderline" + ("; " + note if note else "")
        if note: row["note"] = note
        rows.append(row)
    with open(out, "w") as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    npos = sum(1 for r in rows if r["labels"])
    print(f"{len(rows)} sentences, {npos} positive, {sum(len(r['labels']) for r in rows)} labels -> {out}")

if __name__ == "__main__":
    a = sys.argv[1:]
    ann = "b"
    if "--annotator" in a:
        k = a.index("--annotator"); ann = a[k + 1]; del a[k:k + 2]
    main(a[0], a[1], a[2], ann)
