"""Scan the corpora for mentions of ambiguous UA/RU place names (names that several gazetteer places share).
Writes /tmp/place_hits.jsonl: corpus, id, start, end, surface, key (gazetteer name lower-cased)."""
import csv, collections, json, re
G = 'src/moralewatch/data/gazetteer/places.tsv'
rows = [r for r in csv.reader(open(G), delimiter='\t') if r and not r[0].startswith('#')][1:]
by = collections.defaultdict(set)
for r in rows:
    for n in {r[1]} | {a.split('~')[0] for a in r[8].split('|') if a and '~c' not in a}:
        by[n.lower()].add(r[0])
info = {r[0]: r for r in rows}
amb = {n for n, ids in by.items() if len(ids) > 1 and any(info[i][3] in ('UA', 'RU') for i in ids) and len(n) > 3}
# Cyrillic: transliterate a word (ru/uk) to the Latin spellings GeoNames uses
RU = dict(zip('абвгдезийклмнопрстуфыэ', ['a','b','v','g','d','e','z','i','y','k','l','m','n','o','p','r','s','t','u','f','y','e']))
RU.update({'ж':'zh','х':'kh','ц':'ts','ч':'ch','ш':'sh','щ':'shch','ю':'yu','я':'ya','ё':'e','ь':'','ъ':''})
UK = dict(RU); UK.update({'г':'h','ґ':'g','и':'y','і':'i','ї':'yi','є':'ye','й':'i','х':'kh'})
def tr(w, t): return ''.join(t.get(c, c) for c in w.lower())
ENDS = ['ого','ому','ой','ом','ую','ая','ое','ый','ий','ом','е','у','ы','и','а','ою']
def cyr_keys(w):
    ks = set()
    for e in [''] + ENDS:
        if e and not w.lower().endswith(e): continue
        stem = w[:len(w) - len(e)] if e else w
        for base in {stem, stem + 'а', stem + 'е', stem + 'о', stem + 'ое', stem + 'ий', stem + 'ый', stem + 'ск'}:
            for t in (RU, UK):
                ks.add(tr(base, t))
    return ks
out = open('/tmp/place_hits.jsonl', 'w')
cnt = collections.Counter()
LAT = re.compile(r"\b[A-Z][a-z'’]+(?:[- ][A-Z][a-z'’]+)?\b")
CYR = re.compile(r'\b[А-ЯЁІЇЄ][а-яёіїєґ\'’]+(?:-[А-ЯЁІЇЄа-яёіїєґ][а-яёіїєґ]+)?\b')
for c in ['nyt-guardian-407', 'zelensky-addresses-en', 'whitehouse-ukraine-en', 'ru-news-telegram-war', 'milblogger-telegram-ru']:
    for l in open(f'/work/shared/data/corpora/{c}.jsonl'):
        d = json.loads(l); t = d['text']
        for m in (LAT if d['lang'] == 'en' else CYR).finditer(t):
            w = m.group(0)
            if d['lang'] == 'en':
                cands = [(w, w.lower())] + ([(w.split()[0], w.split()[0].lower())] if ' ' in w or '-' in w else [])
                for surf, k in cands:
                    if k in amb:
                        out.write(json.dumps({'corpus': c, 'id': d['id'], 'start': m.start(), 'end': m.start() + len(surf), 'surface': surf, 'key': k}) + '\n'); cnt[(c, k)] += 1; break
            else:
                ks = cyr_keys(w) & amb
                if ks:
                    k = sorted(ks, key=len)[-1]
                    out.write(json.dumps({'corpus': c, 'id': d['id'], 'start': m.start(), 'end': m.end(), 'surface': w, 'key': k}) + '\n'); cnt[(c, k)] += 1
for (c, k), n in sorted(cnt.items(), key=lambda x: -x[1])[:150]:
    print(c, k, n, len(by[k]), sorted({info[i][3] + ':' + info[i][4][:10] for i in by[k]})[:6])
