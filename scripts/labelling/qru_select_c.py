"""Selection of documents for gold/ruuk/quotes_dev_c.jsonl (issue 17 items 3 and 6, third quote DEV set, "dev c").
Deterministic (seed 29).

Why a third set: quotes.ruuk.v5 scores far lower on the held-out set than on dev b, so the developer needs fresh,
blind development documents that show the kinds of quotes the stage misses on new text.

Candidates (development side only):
- ru-news-telegram-war, milblogger-telegram-ru, and the Ukrainian (lang uk) items of resistinua-addresses;
- NOT reserved by the split rule of qru/common.py:reserved, int(sha1(corpus + ":" + id)) % 5 == 0 with the id
  exactly as stored (the one used by every earlier ruuk script);
- named in no file under gold/ (every file of any extension is grepped for the full id, and for resistinua also for
  the bare YouTube id, which the uk and en versions share). This set's own file, and its own section of
  gold/ruuk/QUOTES.md, are left out of the grep, so the selection stays the same after the set is committed;
- at least one quote mark («, „, “, ") or one speech verb / attribution phrase (qru_select_b.STEMS or qru/common.cues);
- at most 3,000 characters (every document is read whole);
- kept from dev b because the README requires them: Telegram posts that are a near-copy of a reserved or gold/
  document (more than half of the shorter text's word trigrams) are dropped, and Ukrainian items follow the
  translation-pairing rule of gold/ruuk/README.md (and the manual exclusion GQyVOnuE8ec).
Order: each corpus list is random.Random(SEED).shuffle'd over its sorted ids, then interleaved news, mil, news, mil,
news, uk, so about half is Telegram news, a third milblogger, the rest Ukrainian addresses, and every prefix of the
order is balanced the same way.
Usage: python qru_select_c.py [N]   (prints: rank, corpus, lang, pick (always "seeded", the column
kept for the layout of qrub/order_b.tsv), id, chars, cue score; first N rows, default 60)
"""
import datetime
import glob
import random
import re
import sys

HERE = __file__.rsplit("/", 1)[0]
sys.path.insert(0, HERE + "/qru")
sys.path.insert(0, HERE)
from common import CORPORA, cues, load, reserved, trigrams  # noqa: E402
from qru_select_b import EXCLUDE, STEMS, ncues, zel_en_days  # noqa: E402

SEED = 29
MAX_CHARS = 3000
ROOT = __file__.rsplit("/", 3)[0]
PATTERN = ["ru-news-telegram-war", "milblogger-telegram-ru", "ru-news-telegram-war", "milblogger-telegram-ru",
           "ru-news-telegram-war", "resistinua-addresses"]
MARKS = re.compile(r"[«„“\"]")
OWN_SECTION = "## quotes_dev_c.jsonl"


def gold_text():
    """All gold/ text except this set's own file and its own QUOTES.md section (which name the selected ids)."""
    out = []
    for f in sorted(glob.glob(f"{ROOT}/gold/**/*", recursive=True)):
        if f.endswith("quotes_dev_c.jsonl"):
            continue
        try:
            text = open(f, encoding="utf-8").read()
        except (UnicodeDecodeError, IsADirectoryError):
            continue
        if f.endswith("ruuk/QUOTES.md") and OWN_SECTION in text:
            text = text.split(OWN_SECTION)[0]
        out.append(text)
    return "\n".join(out)


def used_ids(docs, gtext):
    used = set()
    for c in CORPORA:
        for i in docs[c]:
            if i in gtext:
                used.add(i)
            elif c == "resistinua-addresses" and re.search(
                    r"(?<![\w-])" + re.escape(i.split(":")[1]) + r"(?![\w-])", gtext):
                used.add(i)
    return used


def has_cue(text):
    return bool(MARKS.search(text) or STEMS.search(text) or cues(text))


def pairing_ok(d, zdays):
    """Translation-pairing rule: a Zelensky uk address is a candidate only when no English address of the same or
    an adjacent day is reserved."""
    if "Зеленськ" not in (d["source"] or ""):
        return True
    day = datetime.date.fromisoformat(d["date"][:10])
    near = sum((zdays.get(str(day + datetime.timedelta(days=k)), []) for k in (-1, 0, 1)), [])
    return not any(near)


def candidates():
    docs = {c: load(c) for c in CORPORA}
    used = used_ids(docs, gold_text())
    tri = {}

    def tri_of(c, i):
        if (c, i) not in tri:
            tri[(c, i)] = trigrams(docs[c][i]["text"])
        return tri[(c, i)]

    others = [(c, i) for c in CORPORA if c != "resistinua-addresses" for i in docs[c] if reserved(c, i) or i in used]
    zdays = zel_en_days()
    out = {c: [] for c in CORPORA}
    for c in CORPORA:
        for i in sorted(docs[c]):
            d = docs[c][i]
            t = d["text"]
            if reserved(c, i) or i in used or i in EXCLUDE or len(t) > MAX_CHARS or not has_cue(t):
                continue
            if c == "resistinua-addresses":
                if d["lang"] != "uk" or not pairing_ok(d, zdays):
                    continue
            else:
                if d["lang"] not in ("ru", "uk"):
                    continue
                a = tri_of(c, i)
                if len(a) >= 5 and any(len(a & tri_of(oc, oi)) / max(1, min(len(a), len(tri_of(oc, oi)))) > 0.5
                                       for oc, oi in others if tri_of(oc, oi)):
                    continue
            out[c].append(i)
    return docs, out


def ordered():
    docs, cand = candidates()
    lists = {c: list(ids) for c, ids in cand.items()}
    for c in CORPORA:
        lists[c].sort()
        random.Random(SEED).shuffle(lists[c])
    rows, k = [], 0
    while any(lists.values()):
        c = PATTERN[k % len(PATTERN)]
        k += 1
        if lists[c]:
            i = lists[c].pop(0)
            t = docs[c][i]["text"]
            rows.append((len(rows) + 1, c, docs[c][i]["lang"], "seeded", i, len(t), ncues(t)))
    return rows, {c: len(v) for c, v in cand.items()}


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    rows, sizes = ordered()
    print("# candidates per corpus:", sizes)
    for r in rows[:n]:
        print(*r, sep="\t")
