"""Second, independent labelling of Russian/Ukrainian indicators (issue 17 agreement), annotator l-ruind.

Usage (with /work/main/.venv/bin/python, from this directory):
  build.py SCRATCH OFFSETS_OUT JSONL_OUT       scratch answers (clause strings, kept outside the repo) -> offsets + JSONL
  build.py --from-offsets OFFSETS JSONL_OUT     rebuild the JSONL from the committed, text-free offsets file

Scratch format:   "@ corpus:id | source_type"   then per item
                  "N | clause | ind[,ind] | subj | claimant | claimant_side | flags"
                  (N = sentence number printed by ../ruuk/show.py; flags: h hedged, n negated, b borderline, t testimony)
Offsets format:   "@ corpus:id | source_type" then "N | rel_start | rel_end | ind[,ind] | subj | claimant | side | flags"
                  (rel offsets relative to the start of sentence N of the project splitter)
Every item is verified: document exists and is listed in gold/ruuk/indicators_heldout_second_ids.txt, reserved by the split rule,
sentence number and offsets in bounds, sha1, identifiers, sides, flags, no duplicate items; every listed document
appears exactly once.
"""
import sys, os, re, json
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ruuk"))
from common import doc, sentences, sha12, reserved_id

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
IDS = [l.strip() for l in open(os.path.join(ROOT, "gold", "ruuk", "indicators_heldout_second_ids.txt")) if l.strip()]
INDICATORS = {"fear", "deceived", "coerced", "betrayed_by_command", "expendable", "heavy_losses", "unwilling",
              "surrender_desertion", "sabotage", "untrained", "supply_shortage", "casualty_concealment",
              "forced_recruitment", "trauma", "orders_against_civilians", "morale_low", "morale_boosting",
              "morale_high"}
SUBJ = {"ru", "ua", "unknown"}
CSIDE = {"ru", "ua", "west", "independent", "third_state", "unknown"}
STYPES = {"testimony", "news", "official", "analysis", "finance", "other"}
FLAGS = set("hnbt")


def parse(path):
    docs, cur = [], None
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("@"):
            did, st = [x.strip() for x in line[1:].split("|")]
            cur = {"id": did, "source_type": st, "items": []}
            docs.append(cur)
        else:
            f = [x.strip() for x in line.split("|")]
            cur["items"].append((ln, f))
    return docs


def find_clause(text, s, e, clause):
    pat = r"\s+".join(re.escape(w) for w in clause.replace("⏎", " ").split())
    m = [x for x in re.finditer(pat, text[s:e])]
    if not m:
        raise SystemExit(f"clause not found in sentence: {clause!r}")
    if len(m) > 1:
        print(f"warning: clause occurs {len(m)} times, first used: {clause!r}", file=sys.stderr)
    return m[0].start(), m[0].end()


def main():
    args = sys.argv[1:]
    from_off = args[0] == "--from-offsets"
    if from_off:
        args = args[1:]
        src, jout = args
        oout = None
    else:
        src, oout, jout = args
    docs = parse(src)
    seen = [d["id"] for d in docs]
    assert sorted(seen) == sorted(set(seen)), "a document appears twice"
    missing = [i for i in IDS if i not in seen]
    extra = [i for i in seen if i not in IDS]
    assert not extra, f"not in gold/ruuk/indicators_heldout_second_ids.txt: {extra}"
    if missing:
        print(f"note: {len(missing)} listed documents not labelled yet", file=sys.stderr)
    olines, jlines, n_items = [], [], 0
    for d in docs:
        did = d["id"]
        assert d["source_type"] in STYPES, d
        assert reserved_id(did), f"{did} is not reserved by the split rule"
        D = doc(did)
        text = D["text"]
        sents = sentences(text)
        olines.append(f"@ {did} | {d['source_type']}")
        items, keys = [], set()
        for ln, f in d["items"]:
            if from_off:
                n, rs, re_, inds, subj, cl, cs, fl = (f + [""])[:8]
                n = int(n); rs = int(rs); re_ = int(re_)
            else:
                n, clause, inds, subj, cl, cs, fl = (f + [""])[:7]
                n = int(n)
            assert 0 <= n < len(sents), f"line {ln}: sentence {n} out of range"
            s, e = sents[n]
            if not from_off:
                rs, re_ = find_clause(text, s, e, clause)
            start, end = s + rs, s + re_
            assert s <= start < end <= e <= len(text), f"line {ln}: offsets out of bounds"
            span = text[start:end]
            assert span == span.strip(), f"line {ln}: span has outer whitespace"
            assert subj in SUBJ and cs in CSIDE, f"line {ln}: bad side {subj}/{cs}"
            assert set(fl) <= FLAGS, f"line {ln}: bad flags {fl}"
            assert cl, f"line {ln}: empty claimant"
            olines.append(f"{n} | {rs} | {re_} | {inds} | {subj} | {cl} | {cs} | {fl}")
            for ind in inds.split(","):
                ind = ind.strip()
                assert ind in INDICATORS, f"line {ln}: unknown indicator {ind}"
                key = (ind, start, end, subj)
                assert key not in keys, f"line {ln}: duplicate item {key}"
                keys.add(key)
                it = {"indicator": ind, "start": start, "end": end, "subject_side": subj, "claimant": cl,
                      "claimant_side": cs, "hedged": "h" in fl, "negated": "n" in fl, "sha1": sha12(span),
                      "testimony": "t" in fl}
                if "b" in fl:
                    it["note"] = "borderline"
                items.append(it)
        items.sort(key=lambda x: (x["start"], x["end"], x["indicator"], x["subject_side"]))
        # re-verify the written items against the corpus text
        for it in items:
            assert sha12(text[it["start"]:it["end"]]) == it["sha1"]
        n_items += len(items)
        lang = did.rsplit(":", 1)[1] if did.startswith("resistinua-addresses:") else "ru"
        jlines.append(json.dumps({"id": did, "corpus": did.split(":", 1)[0], "lang": lang,
                                  "source_type": d["source_type"], "excerpt": None, "indicators": items},
                                 ensure_ascii=False))
    if oout:
        with open(oout, "w", encoding="utf-8") as fh:
            fh.write("# text-free answers of l-ruind (rebuild: build.py --from-offsets THIS OUT.jsonl)\n")
            fh.write("\n".join(olines) + "\n")
    with open(jout, "w", encoding="utf-8") as fh:
        fh.write("\n".join(jlines) + "\n")
    print(f"ok: {len(docs)} documents, {n_items} items -> {jout}")


if __name__ == "__main__":
    main()
