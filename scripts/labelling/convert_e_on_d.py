"""Convert annotator e's blind second-pass answers on pool_d (gold/train/agreement/answers_e_on_d.txt) into
gold/train/agreement/e_on_d.jsonl (line format of a_on_b.jsonl / d_on_c.jsonl, plus pool_idx), validating every line:
offsets in bounds and on a sentence of moralewatch.segment, sha1 matches, indicator and sides valid, every
idx % 10 == 0 item of pool_d answered exactly once. Reads only pool_d and the corpora (never d's labels).
    /work/main/.venv/bin/python scripts/labelling/convert_e_on_d.py
"""
import hashlib, json, re, sys
from pathlib import Path
from moralewatch.segment import paragraphs, sentences_in

ROOT = Path(__file__).resolve().parents[2]
AG = ROOT / "gold/train/agreement"
CORP = Path("/work/shared/data/corpora")
INDICATORS = {"fear", "deceived", "coerced", "betrayed_by_command", "expendable", "heavy_losses", "unwilling",
              "surrender_desertion", "sabotage", "untrained", "supply_shortage", "casualty_concealment",
              "forced_recruitment", "trauma", "orders_against_civilians", "morale_low", "morale_boosting", "morale_high"}
SUBJ = {"ru", "ua", "unknown"}
CSIDE = {"ru", "ua", "west", "independent", "third_state", "unknown"}
STYPE = {"zelensky-addresses-en": "official", "whitehouse-ukraine-en": "official",
         "press-releases-2022-en": "official", "nyt-guardian-407": "news"}

answers = {}
for line in open(AG / "answers_e_on_d.txt"):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    m = re.match(r"^(\d+):\s*(.*)$", line)
    i, rest = int(m.group(1)), m.group(2).strip()
    assert i not in answers, i
    labels = []
    if rest != "-":
        for part in rest.split(";;"):
            fields = [f.strip() for f in part.split("|")]
            ind, side, h, n, cside = fields[0].split()
            assert ind in INDICATORS and side in SUBJ and cside in CSIDE and h in "01" and n in "01", part
            lab = {"indicator": ind, "subject_side": side, "hedged": h == "1", "negated": n == "1",
                   "claimant": fields[1], "claimant_side": cside}
            if len(fields) > 2:
                assert fields[2] == "borderline", part
                lab["note"] = "borderline"
            labels.append(lab)
    answers[i] = labels

docs = {}
out = []
for o in map(json.loads, open(ROOT / "gold/train/pool_d.jsonl")):
    if o["idx"] % 10:
        continue
    c = o["corpus"]
    if c not in docs:
        docs[c] = {d["id"]: d["text"] for d in map(json.loads, open(CORP / f"{c}.jsonl"))}
    t = docs[c][o["id"]]
    s, e = o["start"], o["end"]
    assert 0 <= s < e <= len(t)
    assert hashlib.sha1(t[s:e].encode("utf-8")).hexdigest()[:12] == o["sha1"], o["idx"]
    assert any((s, e) in sentences_in(t, ps, pe) for ps, pe in paragraphs(t)), ("not a sentence", o["idx"])
    assert o["idx"] in answers, ("unanswered", o["idx"])
    out.append({"corpus": c, "id": o["id"], "start": s, "end": e, "sha1": o["sha1"], "source_type": STYPE[c],
                "selection": o["selection"], "annotator": "e", "labels": answers.pop(o["idx"]), "pool_idx": o["idx"]})
assert not answers, ("answers for items not in the sample", sorted(answers))
with open(AG / "e_on_d.jsonl", "w") as f:
    for r in out:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
pos = [r for r in out if r["labels"]]
print(f"{len(out)} sentences, {len(pos)} positive, {sum(len(r['labels']) for r in pos)} labels")
