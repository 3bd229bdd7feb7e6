"""Print a document's lines with their start offsets (for the second annotator, L-second).
Usage: python show.py ID [MAXCHARS]"""
import json
import sys

CORP = "/work/shared/data/corpora/"


def record(doc_id):
    corpus = doc_id.split(":", 1)[0]
    for line in open(CORP + corpus + ".jsonl", encoding="utf-8"):
        r = json.loads(line)
        if r["id"] == doc_id:
            return r
    raise KeyError(doc_id)


if __name__ == "__main__":
    r = record(sys.argv[1])
    t = r["text"]
    lim = int(sys.argv[2]) if len(sys.argv) > 2 else len(t)
    print("# keys:", sorted(r), "len", len(t))
    pos = 0
    for ln in t.split("\n"):
        if pos >= lim:
            break
        print(f"[{pos}] {ln}")
        pos += len(ln) + 1
