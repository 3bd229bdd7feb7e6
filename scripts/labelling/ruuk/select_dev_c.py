"""Selection of dev c (issue 17, brief l-ruuk5): a fresh Russian/Ukrainian indicator dev set, labelled blind.
Usage: select_dev_c.py 48 --more --more --more --more --more --more --more --more   (the main list: 48 + eight batches of 24; seed 20261207; deterministic)
       select_dev_c.py --uk          (the Ukrainian supplement)

Pool: documents of milblogger-telegram-ru, ru-news-telegram-war and resistinua-addresses (Cyrillic only: lang ru/uk),
- not reserved by the split rule (V11: reserved documents are for evaluation only);
- whose id no file under gold/ names (every file of the worktree's gold/ and /work/main/gold, any type), with and
  without the corpus prefix: full ids; bare ru-news ids and bare YouTube ids as substrings; bare milblogger row
  numbers in JSON records whose corpus field is milblogger, and any number on a line that mentions "milblogger"
  in the text files (md/txt/py; conservative);
- Telegram: not a near copy (>50% shared word trigrams) of any reserved post or any post named in gold/;
- resistinua: Ukrainian items only, YouTube id not in gold/; a Zelensky item only when no zelensky-addresses-en address
  of the same or adjacent day is reserved or named in gold/ (translation pairs stay together, and dev c is not the
  translation of a labelled English address); the manual exclusion of select_ruuk.py;
- at most 4,000 characters for Telegram posts; addresses over 4,000 characters are labelled on the paragraphs that
  start before character 4,000 (the line's "excerpt" says so).
Strata: milblogger and ru-news, half each. In each stratum 60% are drawn among documents matching the broad military
word list MIL (>= 2 hits), 40% at random among the rest (seeded).

Ukrainian: under the rule above NO Ukrainian document is left (155 of the 157 non-reserved Ukrainian items are named
somewhere under gold/, 126 of them only by gold/stories/ (story-grouping pairs and candidates); the 2 others are
Zelensky addresses whose English version of the day is reserved). The main set (indicators_dev_c.jsonl) is therefore
Russian only. A separate, clearly marked supplement (--uk; indicators_dev_c_uk.jsonl) relaxes one thing: an address
named only in gold/stories/ (not in any indicator, quote or place gold file) is allowed; Zelensky addresses are still
excluded by the translation rule (an English address of the same or adjacent day reserved or named in gold/), so
the supplement holds other speakers (Shmyhal, Yermak, ...).
"""
import sys, json, re, glob, random, datetime
from common import *
from select_ruuk import EXCLUDE

SEED = 20261207
MIL = re.compile(r"военн|військов|солдат|боец|бойц|бійц|мобилиз|мобіліз|фронт|штурм|окоп|\bрот[аыуе]\b|батальон|"
                 r"бригад|\bВСУ\b|\bЗСУ\b|\bСВО\b|контракт|ранен|поранен|\bплен|полон|командир|дезерт|СОЧ|СЗЧ|"
                 r"военнослуж|захисник|воїн|армі|арми|окупант|оккупант|потер|втрат|погиб|загин", re.I)
# the repository's gold/ (session 9 also read its own worktree's gold/, since merged into it)
GOLD_DIRS = [str(__import__("pathlib").Path(__file__).resolve().parents[3] / "gold")]
PFX = re.compile(r"(milblogger-telegram-ru|ru-news-telegram-war|resistinua-addresses):([\w-]+(?::[a-z]{2})?)")

def gold_names(skip=()):
    texts, full, milb = [], set(), set()
    for gd in GOLD_DIRS:
        for f in glob.glob(gd + "/**/*", recursive=True):
            if any(x in f for x in skip) or "dev_c" in f.lower():  # dev c's own files (ids, labels, DEV_C.md)
                continue
            try:
                t = open(f, encoding="utf-8").read()
            except (IsADirectoryError, UnicodeDecodeError):
                continue
            texts.append(t)
            for m in PFX.finditer(t):
                full.add(m.group(0))
            if f.endswith((".jsonl", ".json")):
                for line in t.splitlines():
                    if "milblogger" not in line:
                        continue
                    try:
                        r = json.loads(line)
                    except ValueError:
                        continue
                    stack = [r]
                    while stack:
                        x = stack.pop()
                        if isinstance(x, dict):
                            if x.get("corpus") == "milblogger-telegram-ru":
                                for k in ("id", "doc", "doc_id", "a", "b"):
                                    v = x.get(k)
                                    if isinstance(v, (str, int)) and str(v).isdigit():
                                        milb.add(str(v))
                            stack += list(x.values())
                        elif isinstance(x, list):
                            stack += x
            else:
                for line in t.splitlines():
                    if "milblogger" in line.lower():
                        milb.update(re.findall(r"(?<![\d.,:-])\d{1,3}(?![\d.,%-])", line))
    return "\n".join(texts), full, milb

def in_gold(did, blob, full, milb):
    c, bare = did.split(":", 1)
    if did in full:
        return True
    if c == "milblogger-telegram-ru":
        return bare in milb
    if c == "resistinua-addresses":
        return bare.split(":")[0] in blob
    return bare in blob

def tri(t):
    w = re.findall(r"\w+", t.lower())
    return set(zip(w, w[1:], w[2:]))

def pool(skip=()):
    blob, full, milb = gold_names(skip)
    ref = []  # reserved posts and posts named in gold/: dev c must not copy them
    for c in ("milblogger-telegram-ru", "ru-news-telegram-war"):
        for did, d in load(c).items():
            if reserved(c, did) or in_gold(did, blob, full, milb):
                ref.append(tri(d["text"]))
    zdays = {}
    for l in open(f"{CORP}/zelensky-addresses-en.jsonl"):
        e = json.loads(l)
        bad = reserved("zelensky-addresses-en", e["id"]) or e["id"] in blob
        zdays.setdefault((e["date"] or "")[:10], []).append(bad)
    out = {"milblogger-telegram-ru": [], "ru-news-telegram-war": [], "resistinua-addresses": []}
    for c in out:
        for did, d in load(c).items():
            if d["lang"] not in ("ru", "uk") or did in EXCLUDE or reserved(c, did) or in_gold(did, blob, full, milb):
                continue
            t = d["text"]
            if c == "resistinua-addresses":
                if d["lang"] != "uk":
                    continue
                if "Зеленськ" in (d["source"] or ""):
                    day = datetime.date.fromisoformat(d["date"][:10])
                    if any(any(zdays.get(str(day + datetime.timedelta(days=k)), [])) for k in (-1, 0, 1)):
                        continue
            else:
                if len(t) > 4000:
                    continue
                A = tri(t)
                if len(A) >= 5 and any(B and len(A & B) / min(len(A), len(B)) > 0.5 for B in ref):
                    continue
            out[c].append((did, len(MIL.findall(t[:4000]))))
    return out

def draw(cands, n, rng):
    """60% among documents with >= 2 military words, 40% at random among the rest of the stratum."""
    cands = sorted(cands)
    mil = [d for d, k in cands if k >= 2]
    nm = round(0.6 * n)
    a = rng.sample(mil, min(nm, len(mil)))
    rest = [d for d, _ in cands if d not in a]
    b = rng.sample(rest, min(n - len(a), len(rest)))
    return [(d, "kw") for d in a] + [(d, "random") for d in b]

def order(n=40):
    rng = random.Random(SEED)
    P = pool()
    k_mb = (n + 1) // 2
    picks = {"milblogger-telegram-ru": draw(P["milblogger-telegram-ru"], k_mb, rng),
             "ru-news-telegram-war": draw(P["ru-news-telegram-war"], n - k_mb, rng)}
    for v in picks.values():
        rng.shuffle(v)
    seq = [x for pair in zip(picks["milblogger-telegram-ru"], picks["ru-news-telegram-war"]) for x in pair]
    return P, seq

def order_more(first, n=24, seed=SEED + 2):
    """A second batch (time allowed more than the 48 of the first order): the same pool, rule and method, without the
    documents of the first batch, drawn with another seed; appended to the id list, so the first list is unchanged."""
    rng = random.Random(seed)
    P = pool()
    done = {d for d, _ in first}
    k_mb = (n + 1) // 2
    picks = {c: draw([x for x in P[c] if x[0] not in done], k, rng)
             for c, k in (("milblogger-telegram-ru", k_mb), ("ru-news-telegram-war", n - k_mb))}
    for v in picks.values():
        rng.shuffle(v)
    return [x for pair in zip(picks["milblogger-telegram-ru"], picks["ru-news-telegram-war"]) for x in pair]

def translates_gold_or_reserved(did, blob):
    """The speaker field is not enough to find translations: DBvwHDwS7Kg ("Олексій Дніпров") is the original of
    Zelensky's reserved address to the Danish people, and three Yermak/Zelensky items translate English addresses of
    gold/train. A Ukrainian item whose best English match of the same or adjacent day (match_uk_en.py: number-token
    overlap >= 0.5, length ratio 0.7-1.5) is reserved or named in gold/ is left out."""
    from match_uk_en import matches
    if not hasattr(translates_gold_or_reserved, "M"):
        translates_gold_or_reserved.M = matches()
    for j, eid, ratio in translates_gold_or_reserved.M[did][:1]:
        if j >= 0.5 and 0.7 <= ratio <= 1.5 and (reserved("zelensky-addresses-en", eid) or eid in blob):
            return True
    return False

def order_uk():
    rng = random.Random(SEED + 1)
    P = pool(skip=("/stories/",))
    uk = sorted(P["resistinua-addresses"])
    rng.shuffle(uk)
    # shuffle first, then filter (the order of the rest is that of the first committed list)
    blob = gold_names()[0]
    uk = [(d, k) for d, k in uk if not translates_gold_or_reserved(d, blob)]
    return P, [(d, "uk-supplement") for d, _ in uk]

if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 40
    P, seq = order_uk() if "--uk" in sys.argv else order(n)
    for b in range(sys.argv.count("--more")):  # each --more appends one batch of 24 (seed SEED + 2 + b)
        seq = seq + order_more(seq, seed=SEED + 2 + b)
    print("# pool:", {c: len(v) for c, v in P.items()}, file=sys.stderr)
    for did, how in seq:
        print(f"{did}\t{how}\t{len(doc(did)['text'])}")
