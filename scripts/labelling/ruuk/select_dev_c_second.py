"""Blind second pass on dev c (brief l-agree6): the documents to label, in labelling order.
Deterministic, no randomness: every 6th id of gold/ruuk/indicators_dev_c_ids.txt starting at the 3rd (40 Russian
Telegram posts), then the 1st, 4th and 7th id of gold/ruuk/indicators_dev_c_uk_ids.txt (Ukrainian addresses).
Usage: select_dev_c_second.py [--write]   (--write writes gold/ruuk/indicators_dev_c_second_ids.txt)
       select_dev_c_second.py --b [--write] (brief l-agree6b: every 6th id starting at the 4th, the 40
       ru-news-telegram-war posts; --write writes gold/ruuk/indicators_dev_c_second_b_ids.txt)"""
import os, sys

GOLD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "gold", "ruuk")

def ids_of(name):
    return [l.strip() for l in open(os.path.join(GOLD, name), encoding="utf-8") if l.strip()]

def select():
    main = ids_of("indicators_dev_c_ids.txt")
    uk = ids_of("indicators_dev_c_uk_ids.txt")
    picked = main[2::6] + [uk[i] for i in (0, 3, 6)]
    assert len(main[2::6]) == 40 and len(set(picked)) == len(picked) == 43
    return picked

def select_b():
    main = ids_of("indicators_dev_c_ids.txt")
    picked = main[3::6]
    assert len(picked) == len(set(picked)) == 40
    assert all(p.startswith("ru-news-telegram-war:") for p in picked), "not all ru-news posts"
    return picked

if __name__ == "__main__":
    b = "--b" in sys.argv
    ids = select_b() if b else select()
    name = "indicators_dev_c_second_b_ids.txt" if b else "indicators_dev_c_second_ids.txt"
    if "--write" in sys.argv:
        open(os.path.join(GOLD, name), "w", encoding="utf-8").write("\n".join(ids) + "\n")
    print("\n".join(ids))
