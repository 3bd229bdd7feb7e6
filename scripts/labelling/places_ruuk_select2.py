"""Second seeded selection (seed 23): village names that many settlements share, found by places_ruuk_scan2.py
(words after a settlement marker) and absent from the first selection's keys. All occurrences of these stems in the
three corpora (documents in no gold file), at most 3 per name and 2 per document, mentions of the first selection
left out. Writes scripts/labelling/places_ruuk_selected2.jsonl with n from 1000."""
import collections, json, random, re, sys
sys.argv = ['x']
exec(open('scripts/labelling/places_ruuk_select.py').read().split("hits = []")[0])
STEMS = ['Антоновк', 'Антонівк', 'Б[еі]логор[оі]вк', 'Катериновк', 'Катеринівк', 'Елизаветовк', 'Єлизаветівк', 'Любимовк', 'Любимівк',
         'Раздольн', 'Роздольн', 'Ольговк', 'Ольгівк', 'Снегир[её]вк', 'Снігурівк', 'Солнцевк', 'Софьин', 'Станов[оы]', 'Новодаровк',
         'Новодарівк', 'Устинк', 'Масаловк', 'Кучеровк', 'Гончаровк', 'Дальне', 'Черемошн', 'Шептуховк', 'Дарьин', 'Журавл[её]вк',
         'Журавлівк', 'Меленк']
RE = re.compile(r'\b(?:' + '|'.join(STEMS) + r')[а-яёіїєґ]*(?:-[А-ЯЁІЇЄ][а-яёіїєґ]+)?')
first = {(h['id'], h['start']) for h in map(json.loads, open('scripts/labelling/places_ruuk_selected.jsonl'))}
hits = []
for c in ['ru-news-telegram-war', 'milblogger-telegram-ru', 'resistinua-addresses']:
    for l in open(f'/work/shared/data/corpora/{c}.jsonl'):
        d = json.loads(l)
        if d['lang'] not in ('ru', 'uk') or d['id'] in gold: continue
        for m in RE.finditer(d['text']):
            if (d['id'], m.start()) in first: continue
            key = next(s for s in STEMS if re.match(s, m.group(0)))
            hits.append({'corpus': c, 'id': d['id'], 'start': m.start(), 'end': m.end(), 'surface': m.group(0), 'key': key})
print('hits', len(hits), collections.Counter(h['key'] for h in hits))
rng = random.Random(23); rng.shuffle(hits)
perk, perd, out = collections.Counter(), collections.Counter(), []
for h in hits:
    if perk[h['key']] >= 3 or perd[h['id']] >= 2: continue
    perk[h['key']] += 1; perd[h['id']] += 1; out.append(h)
with open('scripts/labelling/places_ruuk_selected2.jsonl', 'w') as f:
    for n, h in enumerate(out): f.write(json.dumps({'n': 1000 + n, **h}, ensure_ascii=False) + '\n')
print('selected', len(out), collections.Counter(h['corpus'] for h in out))
