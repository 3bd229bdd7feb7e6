"""Turn a private annotation sheet (span specs that may contain a few words to locate a clause; kept outside the
repository) into an offsets-only answers file (committed).
Sheet lines:  '@doc <id> <source_type>'  then  '<spec> ; <indicator> ; <subject> ; <claimant> ; <claimant_side> ; <flags>'
flags: letters h (hedged), n (negated), t (testimony), b (borderline), '-' for none.
Answers file (tab-separated): doc, start, end, indicator, subject_side, claimant, claimant_side, hedged, negated,
testimony, note;  plus '#doc <id> <source_type>' lines."""
import sys
from sp_common import load_doc, resolve

src, dst = sys.argv[1], sys.argv[2]
out, doc, text = [], None, None
for ln in open(src):
    ln = ln.rstrip("\n")
    if not ln.strip() or ln.startswith("//"):
        continue
    if ln.startswith("@doc "):
        doc, st = ln[5:].rsplit(" ", 1)
        text = load_doc(doc)["text"]
        out.append(f"#doc\t{doc}\t{st}")
        continue
    spec, ind, subj, cl, cs, fl = [x.strip() for x in ln.split(" ; ")]
    s, e = resolve(text, spec)
    out.append("\t".join(map(str, [doc, s, e, ind, subj, cl, cs, int("h" in fl), int("n" in fl), int("t" in fl),
                                   "borderline" if "b" in fl else ""])))
open(dst, "w").write("\n".join(out) + "\n")
print(len([o for o in out if not o.startswith("#")]), "items ->", dst)
