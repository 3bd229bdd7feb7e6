"""Bring the old indicator gold sets to codebook v1.1 (a recorded adjudication pass).

Reads gold/indicators_dev.jsonl and gold/heldout/indicators_heldout.jsonl (left untouched), applies the change list
scripts/labelling/adjudication_v11_changes.json (offsets only: modify / delete / add, each with the convention that
decides it), verifies every item (offsets in bounds, sha1 of the span, identifiers, sides, no duplicates), and writes
gold/v11/indicators_dev.jsonl and gold/v11/heldout/indicators_heldout.jsonl in the same line format.
With --markdown, prints the change table used in gold/v11/ADJUDICATION.md."""
import json
import os
import sys
from collections import Counter
from sp_common import load_doc, sha12, check_item

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SETS = {
    "dev": ("gold/indicators_dev.jsonl", "gold/v11/indicators_dev.jsonl"),
    "heldout": ("gold/heldout/indicators_heldout.jsonl", "gold/v11/heldout/indicators_heldout.jsonl"),
}
KEYS = ["indicator", "start", "end", "subject_side", "claimant", "claimant_side", "hedged", "negated", "sha1"]


def key(it):
    return (it["start"], it["end"], it["indicator"], it["subject_side"])


def main():
    changes = json.load(open(os.path.join(HERE, "adjudication_v11_changes.json")))["changes"]
    errors = 0
    stats = {}
    for name, (src, dst) in SETS.items():
        rows = [json.loads(l) for l in open(os.path.join(ROOT, src))]
        by_id = {r["id"]: r for r in rows}
        before = sum(len(r["indicators"]) for r in rows)
        for ch in (c for c in changes if c["set"] == name):
            r = by_id.get(ch["id"])
            if r is None:
                sys.exit(f"{name}: unknown article {ch['id']}")
            text = load_doc(r["id"], r["corpus"])["text"]
            target = (ch["start"], ch["end"], ch["indicator"], ch["subject_side"])
            hits = [i for i, it in enumerate(r["indicators"]) if key(it) == target]
            if ch["action"] in ("modify", "delete"):
                if len(hits) != 1:
                    sys.exit(f"{name}: {ch['id']} {target} matches {len(hits)} items")
                it = r["indicators"][hits[0]]
                if ch["action"] == "delete":
                    del r["indicators"][hits[0]]
                else:
                    if it[ch["field"]] != ch["old"]:
                        sys.exit(f"{name}: {ch['id']} {target} {ch['field']} is {it[ch['field']]!r}, not {ch['old']!r}")
                    it[ch["field"]] = ch["new"]
            elif ch["action"] == "add":
                if hits:
                    sys.exit(f"{name}: {ch['id']} {target} already present")
                new = {k: ch[k] for k in KEYS if k != "sha1"}
                new["sha1"] = sha12(text[ch["start"]:ch["end"]])
                r["indicators"].append({k: new[k] for k in KEYS})
            else:
                sys.exit("bad action " + ch["action"])
        # verify and write
        out = os.path.join(ROOT, dst)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "w") as fh:
            for r in rows:
                text = load_doc(r["id"], r["corpus"])["text"]
                r["indicators"].sort(key=lambda it: (it["start"], it["end"]))
                seen = set()
                for it in r["indicators"]:
                    for e in check_item(text, it):
                        errors += 1
                        print(name, r["id"], it["start"], e, file=sys.stderr)
                    if key(it) in seen:
                        errors += 1
                        print(name, r["id"], "duplicate", key(it), file=sys.stderr)
                    seen.add(key(it))
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        after = sum(len(r["indicators"]) for r in rows)
        ind = Counter((it["indicator"], it["subject_side"]) for r in rows for it in r["indicators"])
        stats[name] = dict(articles=len(rows), items_before=before, items_after=after,
                           with_items=sum(1 for r in rows if r["indicators"]),
                           hedged=sum(it["hedged"] for r in rows for it in r["indicators"]),
                           negated=sum(it["negated"] for r in rows for it in r["indicators"]),
                           per_indicator={f"{a}/{b}": n for (a, b), n in sorted(ind.items())})
    if "--markdown" in sys.argv:
        for name in SETS:
            print(f"\n### {name}\n")
            print("| # | article | item [start, end) | indicator / side | change (old -> new) | convention | borderline |")
            print("|---|---|---|---|---|---|---|")
            n = 0
            for ch in (c for c in changes if c["set"] == name):
                n += 1
                if ch["action"] == "add":
                    fl = ",".join(f for f, v in (("hedged", ch["hedged"]), ("negated", ch["negated"])) if v)
                    what = (f"added (claimant {ch['claimant']} / {ch['claimant_side']}{', ' + fl if fl else ''})"
                            + (" — v1 omission" if "omission" in ch["kind"] else ""))
                elif ch["action"] == "delete":
                    what = "deleted"
                else:
                    what = f"{ch['field']}: {ch['old']} -> {ch['new']}"
                print(f"| {n} | {ch['id']} | [{ch['start']}, {ch['end']}) | {ch['indicator']} / {ch['subject_side']} | "
                      f"{what} | {ch['convention']} | {'yes' if ch.get('borderline') else ''} |")
        kinds = Counter((c["set"], c["kind"]) for c in changes)
        print("\n### counts by kind\n")
        print("| set | kind | n |\n|---|---|---|")
        for (s, k), n in sorted(kinds.items()):
            print(f"| {s} | {k} | {n} |")
    print(json.dumps(stats, indent=1), file=sys.stderr)
    print(f"{errors} errors", file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
