"""Seeded selection of ambiguous place-name mentions (from /tmp/place_hits.jsonl, made by places_scan.py) and a
printer for the annotator: context window, candidate places (gazetteer city rows) and, per candidate, distance
to the unambiguous gazetteer places named in the same paragraph. Usage: places_select.py select | show A B"""
import csv, collections, json, math, random, re, sys
sys.path.insert(0, 'scripts/labelling')
G = 'src/moralewatch/data/gazetteer/places.tsv'
rows = [r for r in csv.reader(open(G), delimiter='\t') if r and not r[0].startswith('#')][1:]
info = {r[0]: r for r in rows}
byc = collections.defaultdict(set); byall = collections.defaultdict(set)
for r in rows:
    for n in {r[1]} | {a.split('~')[0] for a in r[8].split('|') if a and '~c' not in a}:
        byall[n.lower()].add(r[0])
        if r[2] == 'city': byc[n.lower()].add(r[0])
KEYS = {  # key: cap of mentions
 'avdiivka': 6, 'avdiyivka': 3, 'avdeevka': 5, 'lyman': 6, 'liman': 1, 'olenivka': 8, 'kostiantynivka': 5, 'kostyantynivka': 2,
 'konstantinovka': 4, 'nikopol': 4, 'kremenchuk': 4, 'balakliya': 3, 'trostyanets': 3, 'cherkasy': 2, 'chernivtsi': 2, 'yalta': 3,
 'pokrovsk': 3, 'andriivka': 3, 'vasylivka': 3, 'serhiivka': 3, 'pavlivka': 4, 'kamianka': 1, 'kamyanka': 1, 'ivanivka': 1,
 'novofedorivka': 1, 'krasnohorivka': 3, 'krasnopillya': 3, 'lebedyn': 3, 'oleksiivka': 1, 'polohy': 2, 'bohdanivka': 1,
 'malynivka': 1, 'husarivka': 1, 'krasne': 1, 'slobozhanske': 1, 'zolochiv': 1, 'yampil': 2, 'ukrainka': 2, 'mangush': 1,
 'kalynivka': 1, 'zatoka': 1, 'novoivanovka': 8, 'pokrovskoe': 8, 'slavyansk': 3, 'seversk': 4, 'orlovka': 3, 'petrovka': 4,
 'novoselki': 3, 'ilinka': 4, 'zelene': 4, 'cherkasskoe': 4, 'cherkasskoye': 1, 'kremennaya': 1, 'primorskoe': 3, 'mirnoe': 1,
 'malinovka': 1, 'uspenovka': 1, 'antonovka': 1, 'volchansk': 2, 'dergachi': 1, 'zolochev': 1, 'kirovskoye': 1, 'kirovskoe': 1,
 'zaytsevo': 1, 'luganskoe': 3, 'luganskoye': 2, 'martynovka': 3, 'viktorovka': 3, 'korenevo': 3, 'popovo': 2, 'kamenskoe': 3,
 'terny': 2, 'krasnogorovka': 1, 'krymskoe': 3, 'moskovskoye': 3, 'krasnoye': 2, 'petropavlivka': 1, 'petropavlovka': 1,
 'sofiyivka': 1, 'pervomaiske': 1, 'yevhenivka': 1, 'novohryhorivka': 1, 'lyubymivka': 1, 'kurilovka': 2, 'golubovka': 1,
 'kirovsk': 1, 'uglegorsk': 1, 'druzhkovka': 1, 'artema': 2, 'mikhaylovka': 2, 'alekseevka': 2, 'pryazovske': 1, 'frunze': 1,
 'romanovka': 2, 'marinovka': 1, 'kiselevka': 1, 'vasilevka': 1, 'bogdanovka': 1, 'georgievka': 1, 'krynki': 1, 'nikolsk': 0,
 'debaltseve': 1, 'kamyanske': 1, 'vodyane': 1, 'zarechnoe': 1, 'iskra': 1, 'veselyy': 1, 'shakhtersk': 1, 'gornyak': 2,
 'kalinovskoe': 1, 'orlovo': 1, 'trudovoe': 1, 'sverdlovskiy': 0, 'medvedevo': 0, 'belgorod': 0}
def wide(d):
    return d
def sel():
    hits = [json.loads(l) for l in open('/tmp/place_hits.jsonl')]
    random.Random(13).shuffle(hits)
    per = collections.Counter(); perdoc = collections.Counter(); out = []
    for h in hits:
        k = h['key']
        if k not in KEYS or per[k] >= KEYS[k] or perdoc[(h['id'], k)] >= 2: continue
        per[k] += 1; perdoc[(h['id'], k)] += 1; out.append(h)
    out.sort(key=lambda h: (h['key'], h['corpus'], h['id'], h['start']))
    with open('scripts/labelling/places_selected.jsonl', 'w') as f:
        for i, h in enumerate(out): f.write(json.dumps(dict(n=i, **h), ensure_ascii=False) + '\n')
    print(len(out))
def dist(a, b):
    la1, lo1, la2, lo2 = map(math.radians, [float(a[5]), float(a[6]), float(b[5]), float(b[6])])
    return 6371 * math.acos(min(1, math.sin(la1) * math.sin(la2) + math.cos(la1) * math.cos(la2) * math.cos(lo1 - lo2)))
def show(a, b):
    from places_scan_keys import cyr_keys
    docs = {}
    for c in {'nyt-guardian-407', 'zelensky-addresses-en', 'whitehouse-ukraine-en', 'ru-news-telegram-war', 'milblogger-telegram-ru'}:
        for l in open(f'/work/shared/data/corpora/{c}.jsonl'):
            d = json.loads(l); docs[d['id']] = d
    for l in open('scripts/labelling/places_selected.jsonl'):
        h = json.loads(l)
        if not a <= h['n'] < b: continue
        t = docs[h['id']]['text']; s, e = h['start'], h['end']
        ps = t.rfind('\n', 0, s) + 1; pe = t.find('\n', e); pe = len(t) if pe < 0 else pe
        para = t[ps:pe]
        ctx = set()
        words = re.findall(r"[A-Z][a-z'’-]+|[А-ЯЁІЇЄ][а-яёіїєґ'’-]+", para)
        for w in words:
            ks = {w.lower()} if re.match('[A-Z]', w) else cyr_keys(w)
            for k in ks:
                if k != h['key'] and len(byall.get(k, ())) == 1 and len(k) > 3:
                    ctx.add(next(iter(byall[k])))
        win = t[max(ps, s - 350):min(pe, e + 250)].replace('\n', ' / ')
        print(f"#{h['n']} [{h['key']}] {h['id']} {s}-{e} '{h['surface']}'")
        print('   ', win)
        print('    ctx:', ', '.join(sorted({info[i][1] + '(' + info[i][4][:10] + ')' for i in ctx}))[:300])
        for gid in sorted(byc[h['key']], key=lambda g: -int(info[g][7])):
            r = info[gid]
            if r[3] not in ('UA', 'RU'): continue
            dd = sorted((dist(r, info[i]), info[i][1]) for i in ctx if info[i][2] == 'city')[:2]
            print(f"      {gid} {r[1]} {r[4]} pop{r[7]} ({float(r[5]):.2f},{float(r[6]):.2f}) near: {', '.join(f'{n} {x:.0f}km' for x, n in dd)}")
if __name__ == '__main__':
    if sys.argv[1] == 'select': sel()
    else: show(int(sys.argv[2]), int(sys.argv[3]))
