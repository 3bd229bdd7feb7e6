"""Pick the documents of gold/quotes_web/quotes_heldout.jsonl for an independent second annotator (agreement):
random.Random(2613).sample(sorted(ids), 4). Writes gold/quotes_web/second_pass_ids.txt."""
import json
import random

GOLD = "gold/quotes_web/quotes_heldout.jsonl"
ids = sorted(json.loads(l)["id"] for l in open(GOLD) if l.strip())
pick = sorted(random.Random(2613).sample(ids, 4))
with open("gold/quotes_web/second_pass_ids.txt", "w") as fh:
    fh.write("\n".join(pick) + "\n")
print("\n".join(pick))
