"""Validate every line of gold/transcripts/turns_heldout_b.jsonl (or the files given) against the corpora, on its own
(independent of the converter):
- the line's fields and types; `corpus` equals the id's prefix; the id exists in that corpus; kind, role, side valid;
- every turn: 0 <= label_start < label_end <= start < end <= len(text); turns in order, not overlapping;
  sha1 = first 12 hex of sha1(text[start:end]) (UTF-8); the span is trimmed (no leading/trailing whitespace);
  the label is followed by ':' (possibly after a space/stage note), or is `Q` followed by a space;
  only ':', whitespace and bracketed stage notes between label and speech; the label text has no line break;
- labelled_chars = end of the last turn; the region rule of gold/transcripts/README.md decision 1: every turn ends
  at or before 6,000, except the first two turns (a region must show a turn change);
- no document id of this file is in any other gold/ file (turns.jsonl, the dev/held-out splits, other gold sets),
  except the sentence-level indicator training pools under gold/train/ (tier 1 of tr_select_b.py, listed as notes:
  every Kremlin transcript not used elsewhere is in them), and no document occurs twice.
Prints a summary and exits 1 on any error."""

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPORA = Path("/work/shared/data/corpora")
KINDS = {"briefing", "news_conference", "meeting", "interview", "remarks"}
ROLES = {"soldier", "pow", "relative", "commander", "official", "intelligence_agency", "diplomat", "expert",
         "journalist", "local_authority", "civilian", "politician", "ngo", "unknown"}
SIDES = {"ru", "ua", "west", "independent", "third_state", "unknown"}
CAP = 6000


def main(paths):
    texts = {}
    errors, n_turns, n_docs = [], 0, 0
    seen = set()
    for path in paths:
        for ln, line in enumerate(open(path, encoding="utf-8"), 1):
            if not line.strip():
                continue
            g = json.loads(line)
            n_docs += 1
            where = f"{path.name}:{ln}"
            if set(g) != {"id", "corpus", "kind", "labelled_chars", "turns"}:
                errors.append(f"{where}: fields {sorted(g)}")
            if g["id"] in seen:
                errors.append(f"{where}: duplicate document")
            seen.add(g["id"])
            if g["id"].split(":", 1)[0] != g["corpus"]:
                errors.append(f"{where}: corpus {g['corpus']} vs id")
            if g["corpus"] not in texts:
                texts[g["corpus"]] = {}
                for x in open(CORPORA / f"{g['corpus']}.jsonl", encoding="utf-8"):
                    d = json.loads(x)
                    texts[g["corpus"]][d["id"]] = d["text"]
            text = texts[g["corpus"]].get(g["id"])
            if text is None:
                errors.append(f"{where}: id not in corpus")
                continue
            if g["kind"] not in KINDS:
                errors.append(f"{where}: kind {g['kind']}")
            if len(g["turns"]) < 2:
                errors.append(f"{where}: fewer than two turns")
            prev = 0
            for k, t in enumerate(g["turns"]):
                n_turns += 1
                a, b, s, e = t["label_start"], t["label_end"], t["start"], t["end"]
                w = f"{where} turn {k}"
                if set(t) != {"label_start", "label_end", "start", "end", "sha1", "speaker", "role", "side"}:
                    errors.append(f"{w}: fields")
                if not all(isinstance(x, int) for x in (a, b, s, e)):
                    errors.append(f"{w}: offsets not int")
                    continue
                if not (prev <= a < b <= s < e <= len(text)):
                    errors.append(f"{w}: offsets {a} {b} {s} {e} (prev end {prev}, len {len(text)})")
                    continue
                span = text[s:e]
                if t["sha1"] != hashlib.sha1(span.encode("utf-8")).hexdigest()[:12]:
                    errors.append(f"{w}: sha1 mismatch")
                if span != span.strip():
                    errors.append(f"{w}: span not trimmed")
                lab = text[a:b]
                if "\n" in lab or lab != lab.strip():
                    errors.append(f"{w}: label {lab!r}")
                gap = text[b:s]
                if lab == "Q":
                    ok = re.fullmatch(r":?\s+(?:(?:\([^)]*\)|\[[^\]]*\])\s*)*", gap)
                else:
                    ok = re.fullmatch(r"\s?(?:\([^)]{1,40}\))?:\s*(?:(?:\([^)]*\)|\[[^\]]*\])\s*)*", gap)
                if not ok:
                    errors.append(f"{w}: gap between label and speech {gap!r}")
                if not (t["speaker"] is None or isinstance(t["speaker"], str) and t["speaker"].strip()):
                    errors.append(f"{w}: speaker {t['speaker']!r}")
                if t["role"] not in ROLES or t["side"] not in SIDES:
                    errors.append(f"{w}: role/side {t['role']} {t['side']}")
                if k >= 2 and e > CAP:
                    errors.append(f"{w}: ends at {e} > {CAP} and is not one of the first two turns")
                prev = e
            if g["turns"] and g["labelled_chars"] != g["turns"][-1]["end"]:
                errors.append(f"{where}: labelled_chars {g['labelled_chars']} != last end")
    # no document of these files in any other gold file
    # gold/transcripts/README.md documents this set and names some of its documents: not a gold file
    own = {x.resolve() for x in paths} | {(ROOT / "gold/transcripts/README.md").resolve()}
    others = [p for p in (ROOT / "gold").rglob("*") if p.is_file() and p.resolve() not in own]
    keys = Path("/tmp/tr_validate_b_keys.txt")
    keys.write_text("\n".join(sorted(i.split(":", 1)[1] for i in seen)) + "\n")
    notes = {}
    for p in others:
        r = subprocess.run(["grep", "-oFf", str(keys), str(p)], capture_output=True, text=True)
        for hit in set(r.stdout.split()):
            # whole-key check: not followed by another id character
            if subprocess.run(["grep", "-qP", re.escape(hit) + r"(?![\w\-])", str(p)]).returncode == 0:
                rel = p.relative_to(ROOT)
                if rel.parts[:2] == ("gold", "train"):
                    notes.setdefault(hit, []).append(rel.name)
                else:
                    errors.append(f"{hit} also in {rel}")
    print(f"validated {n_docs} documents, {n_turns} turns in {', '.join(p.name for p in paths)}: "
          f"{len(errors)} errors")
    print(f"note: {len(notes)} documents are in the gold/train indicator pools (allowed, tier 1)")
    for x in errors:
        print("  ", x)
    return 1 if errors else 0


if __name__ == "__main__":
    args = [Path(a) for a in sys.argv[1:]] or [ROOT / "gold/transcripts/turns_heldout_b.jsonl"]
    sys.exit(main(args))
