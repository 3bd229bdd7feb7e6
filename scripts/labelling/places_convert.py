"""Convert places_answers.txt (annotator decisions on places_selected.jsonl) to gold/pages/places.jsonl; verify
offsets, sha1, geonameids (must exist in the gazetteer) and print counts."""
import csv, collections, hashlib, json, re
G = 'src/moralewatch/data/gazetteer/places.tsv'
rows = [r for r in csv.reader(open(G), delimiter='\t') if r and not r[0].startswith('#')][1:]
info = {r[0]: r for r in rows}
byc = collections.defaultdict(set)
for r in rows:
    if r[2] != 'city' or r[3] not in ('UA', 'RU'): continue
    for n in {r[1]} | {a.split('~')[0] for a in r[8].split('|') if a and '~c' not in a}:
        byc[n.lower()].add(r[0])
NAME = {28: 'Cherkasskaya Konopelka', 30: 'Cherkasskaya Konopelka', 31: 'Cherkasskaya Konopelka', 29: 'Cherkasskoe Porechnoe',
        45: 'Novaya Ilyinka', 46: 'Novaya Ilyinka', 47: 'Novaya Ilyinka', 101: 'Krasny Liman (Lyman)', 102: 'Stanytsia Luhanska',
        141: 'Velyka Novosilka', 142: 'Velyka Novosilka', 143: 'Velyka Novosilka', 203: 'Starye Terny', 232: 'Zeleny Shlyakh',
        233: 'Zeleny Shlyakh', 234: 'Zeleny Shlyakh', 235: 'Zeleny Shlyakh', 27: 'Cherkasy (adjective)', 144: 'Oleksiivka',
        171: 'Pokrovsk', 172: 'Pokrovsk', 175: 'Pokrovsk', 177: 'Pokrovsk', 186: 'Pryazovske', 229: 'Zarechny',
        53: 'Kamensky (district)', 54: 'Kamensky (district)', 55: 'Kamensky (district)', 94: 'Krymsky (district)', 32: 'Cherkasy (region)', 33: 'Cherkasy (region)'}
docs = {}
for c in ['nyt-guardian-407', 'zelensky-addresses-en', 'whitehouse-ukraine-en', 'ru-news-telegram-war', 'milblogger-telegram-ru']:
    for l in open(f'/work/shared/data/corpora/{c}.jsonl'):
        d = json.loads(l); docs[d['id']] = (c, d)
sel = {h['n']: h for f in ('places_selected.jsonl', 'places_selected2.jsonl') for h in map(json.loads, open('scripts/labelling/' + f))}
out = []
for line in open('scripts/labelling/places_answers.txt'):
    if not re.match(r'\d', line): continue
    n, gid, admin1, ctx, surf = [x.strip() for x in line.rstrip('\n').split('|')]
    n = int(n); h = sel[n]
    if gid == 'x': continue
    corpus, d = docs[h['id']]; t = d['text']
    s, e = h['start'], h['end']
    assert t[s:e] == h['surface']
    if surf:
        k = t.find(surf, max(0, s - len(surf)))
        assert k >= 0 and k <= s and k + len(surf) >= e, (n, surf, t[s:s + 40]); s, e = k, k + len(surf)
    region = gid.startswith('R:')
    g = None if gid == 'null' else gid[2:] if region else gid
    if g: assert g in info, (n, g); assert admin1 == info[g][4] or n == 62, (n, admin1, info[g][4])
    und = ctx.startswith('undecidable')
    assert (g is None and und) or admin1 != '-' or g, n
    if und: assert g is None and admin1 == '-'
    cands = sorted(byc.get(h['key'], ()), key=lambda x: -int(info[x][7]))
    default = cands[0] if cands else None
    rec = {'corpus': corpus, 'id': h['id'], 'start': s, 'end': e, 'sha1': hashlib.sha1(t[s:e].encode()).hexdigest()[:12],
           'name': NAME.get(n, info[default][1] if default and h['key'] in {a.lower() for a in [info[default][1]]} else h['key'].title()),
           'geonameid': int(g) if g else None, 'admin1': None if admin1 == '-' else admin1,
           'context': 'undecidable' if und else ctx,
           'in_gazetteer': bool(g),
           'name_alone_would_pick': int(default) if default else None,
           'needs_context': not (g is not None and g == default)}
    if und: rec['note'] = ctx
    out.append(rec)
with open('gold/pages/places.jsonl', 'w') as f:
    for r in out: f.write(json.dumps(r, ensure_ascii=False) + '\n')
C = collections.Counter
print('mentions', len(out), 'decided (id)', sum(r['geonameid'] is not None for r in out),
      'decided oblast only / place not in gazetteer', sum(r['geonameid'] is None and r['context'] != 'undecidable' for r in out),
      'undecidable', sum(r['context'] == 'undecidable' for r in out),
      'needs context beyond the name', sum(r['needs_context'] for r in out))
print('by corpus', C(r['corpus'] for r in out))
print('undecidable by corpus', C(r['corpus'] for r in out if r['context'] == 'undecidable'))
print('null by corpus', C(r['corpus'] for r in out if r['geonameid'] is None))
print('distinct names', len({r['name'] for r in out}), 'docs', len({r['id'] for r in out}))
