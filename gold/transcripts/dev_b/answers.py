"""My decisions on the dev_b drafts (session 7), and the conversion to gold/transcripts/turns_dev_b.jsonl.

Every draft turn (propose.py) was read with review.py; the draft's labels, spans and region were right in all 40
documents (no offset changed by hand; in phase 2 one span ran over a closing "12:45 P.M. CEST" line, which the
draft's time pattern then learnt: time zones of two to four letters). Here: who speaks, per label and document, with per-turn overrides
(reporters handed the floor by full name and outlet). Checks every line as tr_convert does: offsets in bounds and
ordered, spans trimmed, only ``:``/whitespace/stage notes between label and speech, sha1, roles and sides valid.

Run from the repository root: python gold/transcripts/dev_b/answers.py
"""

import hashlib
import json
import re
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE.parent / "turns_dev_b.jsonl"
CORPUS = Path("/work/shared/data/corpora/whitehouse-ukraine-en.jsonl")
ROLES = {"soldier", "pow", "relative", "commander", "official", "intelligence_agency", "diplomat", "expert",
         "journalist", "local_authority", "civilian", "politician", "ngo", "unknown"}
SIDES = {"ru", "ua", "west", "independent", "third_state", "unknown"}

#: label as written -> (speaker, role, side), for every document
PEOPLE = {
    "MS. JEAN-PIERRE": ("Karine Jean-Pierre", "official", "west"),
    "MR. KIRBY": ("John Kirby", "official", "west"),
    "MS. PSAKI": ("Jen Psaki", "official", "west"),
    "MS. DALTON": ("Olivia Dalton", "official", "west"),
    "MS. BRAINARD": ("Lael Brainard", "official", "west"),
    "MR. SULLIVAN": ("Jake Sullivan", "official", "west"),
    "PRESIDENT BIDEN": ("Joe Biden", "politician", "west"),
    "THE PRESIDENT": ("Joe Biden", "politician", "west"),
    "PRESIDENT ZELENSKYY": ("Volodymyr Zelenskyy", "politician", "ua"),
    "PRESIDENT DUDA": ("Andrzej Duda", "politician", "west"),
    "VICE PRESIDENT HARRIS": ("Kamala Harris", "politician", "west"),
    "PRIME MINISTER KISHIDA": ("Kishida Fumio", "politician", "west"),
    # NATO is an international organisation: ngo in codebook v1.1 (as the UN and the ICRC), in the capacity he speaks
    "SECRETARY GENERAL STOLTENBERG": ("Jens Stoltenberg", "ngo", "west"),
    # phase 2
    "MS. SLOAT": ("Amanda Sloat", "official", "west"),
    "PRIME MINISTER FIALA": ("Petr Fiala", "politician", "west"),
    "CHANCELLOR SCHOLZ": ("Olaf Scholz", "politician", "west"),
    # several in one call, different people under one label (held-out b decision 5): speaker null
    "SENIOR ADMINISTRATION OFFICIAL": (None, "official", "west"),
    "Q": (None, "journalist", "unknown"),
    # unnamed staff running a White House call or press conference (decision 4: official); "Dhara" is a first name
    "MODERATOR": (None, "official", "west"),
    "OPERATOR": (None, "official", "west"),
    "AUDIENCE": (None, "unknown", "west"),
    "AUDIENCE MEMBER": (None, "unknown", "west"),
}
#: (document number, turn number) -> (speaker, role, side): reporters handed the floor with full name and outlet
OVERRIDES = {
    (10, 1): ("Jeff Mason", "journalist", "independent"),  # "Reuters, Jeff Mason."
    (15, 1): ("Ken Thomas", "journalist", "independent"),  # "Ken Thomas, Wall Street Journal."
    (28, 3): (None, "journalist", "independent"),  # "Steve with Reuters": a first name, with the outlet
}
NOTE = re.compile(r"\s*(?:[(\[][^()\[\]\n]{1,80}[)\]]\s*)*")


def sha12(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def main() -> None:
    draft = json.loads((HERE / "draft.json").read_text())
    sel = {json.loads(x)["id"]: json.loads(x) for x in open(HERE / "selected.jsonl")}
    texts = {}
    for line in open(CORPUS):
        d = json.loads(line)
        if d["id"] in draft:
            texts[d["id"]] = d["text"]
    out = []
    for n, (i, ts) in enumerate(draft.items()):
        text, turns, prev = texts[i], [], 0
        for k, t in enumerate(ts):
            speaker, role, side = OVERRIDES.get((n, k)) or PEOPLE[t["label"]]
            assert role in ROLES and side in SIDES
            assert prev <= t["label_start"] < t["label_end"] <= t["start"] < t["end"] <= len(text), (n, k)
            span = text[t["start"]:t["end"]]
            assert span == span.strip(), (n, k)
            between = text[t["label_end"]:t["start"]].lstrip(" :")
            assert NOTE.fullmatch(between), (n, k, between)
            turns.append({"label_start": t["label_start"], "label_end": t["label_end"], "start": t["start"],
                          "end": t["end"], "sha1": sha12(span), "speaker": speaker, "role": role, "side": side})
            prev = t["end"]
        kind = sel[i]["kind"]
        out.append({"id": i, "corpus": "whitehouse-ukraine-en", "kind": kind, "labelled_chars": turns[-1]["end"],
                    "turns": turns})
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out))
    print(len(out), "documents,", sum(len(r["turns"]) for r in out), "turns ->", OUT)


if __name__ == "__main__":
    main()
