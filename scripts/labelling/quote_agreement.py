"""Agreement between two quote annotations of the same documents (issue 13, second pass).

A = the first annotator's held-out quotes (branch l-qen, gold/quotes_web/quotes_heldout.jsonl), restricted to the
documents of the second pass; B = the second annotator's gold/quotes_web/second_pass.jsonl. Both are offset-only
MoraleWatch JSONL; texts are read from the corpora under /work/shared/data/corpora.

Matching follows the docstring of moralewatch.eval.quotes (its code was not read): a unit of one side matches a
unit of the other when it covers more than 30% of the gold unit's characters (GGT@0.3), one-to-one, greedily by
coverage; exact = both spans equal after trimming blanks, punctuation and quotation marks; speaker agrees when the
mentions overlap or the names agree (equal, or sharing the last word, case-insensitive). Each side is gold in turn.

Figures on matched units (A as gold): exact-span share, speaker, kind, role, side and channel agreement, with
Cohen's kappa for the categorical ones. The report lists every unmatched unit and every attribute disagreement with
offsets and at most four words of the span (no corpus text beyond that).

Usage: python scripts/labelling/quote_agreement.py [--out gold/quotes_web/AGREEMENT.md]
"""
import argparse
import collections
import json
import subprocess
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPORA = Path("/work/shared/data/corpora")
IDS_REF = "l-qen:gold/quotes_web/second_pass_ids.txt"
A_REF = "l-qen:gold/quotes_web/quotes_heldout.jsonl"
B_PATH = ROOT / "gold/quotes_web/second_pass.jsonl"
MAIN_GIT = "/work/main"
THRESH = 0.3


def git_show(ref):
    return subprocess.run(["git", "-C", MAIN_GIT, "show", ref], check=True, capture_output=True,
                          text=True).stdout


def load_texts(docs):
    want = collections.defaultdict(set)
    for d in docs:
        want[d.get("corpus") or "nyt-guardian-407"].add(d["id"])
    texts = {}
    for corpus, ids in want.items():
        with open(CORPORA / f"{corpus}.jsonl", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec["id"] in ids:
                    texts[rec["id"]] = rec["text"]
    return texts


def norm(s):
    """Trim blanks, punctuation and quotation marks at both ends."""
    def junk(c):
        return c.isspace() or unicodedata.category(c)[0] in "PZ" or c in "\"'`´"
    i, j = 0, len(s)
    while i < j and junk(s[i]):
        i += 1
    while j > i and junk(s[j - 1]):
        j -= 1
    return s[i:j]


def overlap(a, b):
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def match(gold, pred):
    """One-to-one greedy matching; a pred matches a gold unit when it covers > THRESH of the gold's characters."""
    cands = []
    for gi, g in enumerate(gold):
        glen = g["end"] - g["start"]
        for pi, p in enumerate(pred):
            cov = overlap(g, p) / glen if glen else 0.0
            if cov > THRESH:
                cands.append((-cov, abs(g["start"] - p["start"]), gi, pi))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def last_word(name):
    words = [w for w in "".join(c if c.isalnum() else " " for c in name.lower()).split()]
    return words[-1] if words else ""


def speaker_agrees(a, b):
    if a.get("speaker_start") is not None and b.get("speaker_start") is not None:
        if min(a["speaker_end"], b["speaker_end"]) > max(a["speaker_start"], b["speaker_start"]):
            return True
    sa, sb = (a.get("speaker") or "").strip().lower(), (b.get("speaker") or "").strip().lower()
    if not sa or not sb:
        return sa == sb
    return sa == sb or last_word(sa) == last_word(sb)


def kappa(pairs):
    n = len(pairs)
    if not n:
        return float("nan")
    po = sum(x == y for x, y in pairs) / n
    ca, cb = collections.Counter(x for x, _ in pairs), collections.Counter(y for _, y in pairs)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def prf(tp, n_gold, n_pred):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def few_words(text, q, n=4):
    words = text[q["start"]:q["end"]].split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "gold/quotes_web/AGREEMENT.md"))
    args = ap.parse_args()

    ids = [line.split()[0] for line in git_show(IDS_REF).splitlines() if line.strip() and not line.startswith("#")]
    a_docs = {d["id"]: d for d in map(json.loads, git_show(A_REF).splitlines()) if d["id"] in ids}
    b_docs = {d["id"]: d for d in map(json.loads, B_PATH.read_text(encoding="utf-8").splitlines())}
    missing = [i for i in ids if i not in a_docs or i not in b_docs]
    if missing:
        raise SystemExit(f"documents missing from one side: {missing}")
    texts = load_texts(list(b_docs.values()))

    tot = collections.Counter()
    attr_pairs = collections.defaultdict(list)
    per_doc = []
    unmatched_lines, disagree_lines = [], []
    for doc_id in ids:
        text = texts[doc_id]
        A, B = a_docs[doc_id]["quotes"], b_docs[doc_id]["quotes"]
        for q in A + B:  # both sides must point at the same text
            assert 0 <= q["start"] < q["end"] <= len(text), (doc_id, q)
        ab = match(A, B)  # A as gold
        ba = match(B, A)  # B as gold
        exact = sum(norm(text[A[i]["start"]:A[i]["end"]]) == norm(text[B[j]["start"]:B[j]["end"]]) for i, j in ab)
        # exact matches, one-to-one, over all units (not only GGT pairs)
        exact_all = len({(i, j) for i, a in enumerate(A) for j, b in enumerate(B)
                         if norm(text[a["start"]:a["end"]]) == norm(text[b["start"]:b["end"]])})
        spk = sum(speaker_agrees(A[i], B[j]) for i, j in ab)
        tot.update(a=len(A), b=len(B), ab=len(ab), ba=len(ba), exact=exact, exact_all=exact_all, spk=spk)
        per_doc.append((doc_id, len(A), len(B), len(ab), len(ba), exact, spk))
        for i, j in ab:
            for field in ("kind", "speaker_role", "side", "channel"):
                attr_pairs[field].append((A[i].get(field), B[j].get(field)))
            via_a, via_b = tuple(A[i].get("via") or []), tuple(B[j].get("via") or [])
            attr_pairs["via (empty or not)"].append((bool(via_a), bool(via_b)))
            diffs = []
            if norm(text[A[i]["start"]:A[i]["end"]]) != norm(text[B[j]["start"]:B[j]["end"]]):
                diffs.append(f"span A[{A[i]['start']}:{A[i]['end']}] B[{B[j]['start']}:{B[j]['end']}]")
            if not speaker_agrees(A[i], B[j]):
                diffs.append(f"speaker A={A[i].get('speaker')!r} B={B[j].get('speaker')!r}")
            for field in ("kind", "speaker_role", "side", "channel"):
                if A[i].get(field) != B[j].get(field):
                    diffs.append(f"{field} A={A[i].get(field)} B={B[j].get(field)}")
            if via_a != via_b:
                diffs.append(f"via A={list(via_a)} B={list(via_b)}")
            if diffs:
                disagree_lines.append(f"| {doc_id} | «{few_words(text, B[j])}» | " + "; ".join(diffs) + " |")
        mA = {i for i, _ in ab}
        mB = {j for _, j in ab}
        for i, q in enumerate(A):
            if i not in mA:
                unmatched_lines.append(f"| {doc_id} | A only | [{q['start']}:{q['end']}] | {q['kind']} | "
                                       f"{q.get('speaker')} | «{few_words(text, q)}» |")
        for j, q in enumerate(B):
            if j not in mB:
                unmatched_lines.append(f"| {doc_id} | B only | [{q['start']}:{q['end']}] | {q['kind']} | "
                                       f"{q.get('speaker')} | «{few_words(text, q)}» |")

    p1, r1, f1 = prf(tot["ab"], tot["a"], tot["b"])
    p2, r2, f2 = prf(tot["ba"], tot["b"], tot["a"])
    pe, re_, fe = prf(tot["exact_all"], tot["a"], tot["b"])
    out = ["# Quote agreement: second pass on four held-out documents (issue 13)", "",
           "Generated by `scripts/labelling/quote_agreement.py`; do not edit by hand.", "",
           f"- A: first annotator, `{A_REF}` (only the documents below).",
           "- B: second annotator, `gold/quotes_web/second_pass.jsonl` (labelled blind to A, committed before "
           "this script was first run).",
           f"- Documents ({len(ids)}): {', '.join(ids)}. Units: A {tot['a']}, B {tot['b']}.",
           "- Matching: GGT@0.3 one-to-one (the unit of the other side covers more than 30% of the gold unit's "
           "characters), as in the docstring of `moralewatch.eval.quotes`; exact = equal after trimming blanks, "
           "punctuation and quotation marks; speaker = mentions overlap or names agree (equal or same last word).",
           "", "## Unit agreement", "",
           "| gold | matched | P | R | F1 |", "|---|---:|---:|---:|---:|",
           f"| A (B scored against A) | {tot['ab']} | {p1:.3f} | {r1:.3f} | {f1:.3f} |",
           f"| B (A scored against B) | {tot['ba']} | {p2:.3f} | {r2:.3f} | {f2:.3f} |",
           f"| exact spans, either way | {tot['exact_all']} | {pe:.3f} | {re_:.3f} | {fe:.3f} |", "",
           f"Exact-span agreement on GGT-matched pairs (A as gold): {tot['exact']}/{tot['ab']} "
           f"= {tot['exact'] / max(tot['ab'], 1):.3f}.", "",
           "## Attributes on matched units (A as gold)", "",
           "| attribute | agree | share | Cohen's kappa |", "|---|---:|---:|---:|",
           f"| speaker | {tot['spk']}/{tot['ab']} | {tot['spk'] / max(tot['ab'], 1):.3f} | – |"]
    for field, pairs in attr_pairs.items():
        agree = sum(x == y for x, y in pairs)
        out.append(f"| {field} | {agree}/{len(pairs)} | {agree / max(len(pairs), 1):.3f} | {kappa(pairs):.3f} |")
    out += ["", "## Per document", "", "| doc | A | B | matched (A gold) | matched (B gold) | exact | speaker |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    out += [f"| {d} | {a} | {b} | {ab} | {ba} | {ex} | {sp} |" for d, a, b, ab, ba, ex, sp in per_doc]
    for field in ("kind", "speaker_role", "side", "channel"):
        conf = collections.Counter(p for p in attr_pairs[field] if p[0] != p[1])
        if conf:
            out += ["", f"### {field}: disagreements (A → B)", ""]
            out += [f"- {x} → {y}: {n}" for (x, y), n in conf.most_common()]
    out += ["", "## Unmatched units (GGT@0.3, A as gold)", "",
            "| doc | side | offsets | kind | speaker | first words |", "|---|---|---|---|---|---|"]
    out += unmatched_lines or ["| – | – | – | – | – | – |"]
    out += ["", "## Matched units that differ", "", "| doc | B's first words | differences |", "|---|---|---|"]
    out += disagree_lines or ["| – | – | – |"]
    Path(args.out).write_text("\n".join(out) + "\n", encoding="utf-8")
    print("\n".join(out[:40]))


if __name__ == "__main__":
    main()
