"""Draw the 3 documents of gold/ruuk/quotes_second_pass_ids.txt for a second annotator (deterministic).
One document per stratum (Ukrainian address, milblogger post, news post), each drawn with random.Random(1718)
from the sorted ids of that stratum's documents in gold/ruuk/quotes_heldout.jsonl that have at least 3 quotes.
Usage: python qru_second_pass.py > ../../gold/ruuk/quotes_second_pass_ids.txt"""
import json
import random

GOLD = __file__.rsplit("/", 3)[0] + "/gold/ruuk/quotes_heldout.jsonl"
rng = random.Random(1718)
rows = [json.loads(x) for x in open(GOLD, encoding="utf-8")]
for corpus in ("resistinua-addresses", "milblogger-telegram-ru", "ru-news-telegram-war"):
    ids = sorted(d["id"] for d in rows if d["corpus"] == corpus and len(d["quotes"]) >= 3)
    print(rng.choice(ids))
