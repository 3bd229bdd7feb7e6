"""Print one nyt-guardian-407 document paragraph by paragraph with character offsets (to the terminal only)."""
import json
import sys

CORPUS = "/work/shared/data/corpora/nyt-guardian-407.jsonl"


def load(doc_id):
    for line in open(CORPUS, encoding="utf-8"):
        rec = json.loads(line)
        if rec["id"] == doc_id:
            return rec
    raise SystemExit(f"no such id {doc_id}")


if __name__ == "__main__":
    rec = load(sys.argv[1])
    text = rec["text"]
    pos = 0
    for i, para in enumerate(text.split("\n")):
        if para.strip():
            print(f"[P{i} @{pos}-{pos + len(para)}] {para}\n")
        pos += len(para) + 1
