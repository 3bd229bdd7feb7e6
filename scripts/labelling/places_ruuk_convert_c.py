"""Convert places_ruuk_answers_c.txt (decisions on places_ruuk_selected_c.jsonl) to gold/pages/places_ruuk_dev_c.jsonl,
with the checks of places_ruuk_convert.py: the scanned word matches the corpus, an override covers the scanned word,
sha1 of the span, the id exists in places.tsv with the line's admin1, admin1 a UA/RU first-level region, no document
of another gold file nor of tests/, bench/ or docs/; name_alone_would_pick = the most populous UA/RU settlement the
gazetteer lookup of the scanned word gives (places_ruuk_select_c.readings), needs_context = the gold differs from it.
Run from the repository root with PYTHONPATH=src."""
import collections, csv, glob, hashlib, json, re, sys

sys.path.insert(0, 'scripts/labelling')
from places_ruuk_select_c import readings  # noqa: E402

G = 'src/moralewatch/data/gazetteer/places.tsv'
rows = [r for r in csv.reader(open(G), delimiter='\t') if r and not r[0].startswith('#')][1:]
info = {r[0]: r for r in rows}
ADMIN1 = {r[4] for r in rows if r[3] in ('UA', 'RU') and r[4]}
OUT = 'gold/pages/places_ruuk_dev_c.jsonl'
gold = set()
for f in [g for root in ('gold', 'tests', 'bench', 'docs') for g in glob.glob(f'{root}/**/*', recursive=True)]:
    if f == OUT:
        continue
    try:
        s = open(f).read()
    except (IsADirectoryError, UnicodeDecodeError):
        continue
    gold |= set(re.findall(r'(?:ru-news-telegram-war|milblogger-telegram-ru|resistinua-addresses):[^"\s,|)\]]+', s))
docs = {}
for c in ['ru-news-telegram-war', 'milblogger-telegram-ru', 'resistinua-addresses']:
    for line in open(f'/work/shared/data/corpora/{c}.jsonl'):
        d = json.loads(line)
        docs[d['id']] = d
sel = {h['n']: h for h in map(json.loads, open('scripts/labelling/places_ruuk_selected_c.jsonl'))}
out, dropped = [], 0
for line in open('scripts/labelling/places_ruuk_answers_c.txt'):
    if not re.match(r'\d', line):
        continue
    parts = [p.strip() for p in line.rstrip('\n').split(' | ')]
    n, name, gid, admin1, context = int(parts[0]), parts[1], parts[2], parts[3], parts[4]
    h = sel[n]
    text = docs[h['id']]['text']
    assert text[h['start']:h['end']] == h['surface'], n
    assert h['id'] not in gold, (n, 'document of another gold file')
    if gid == 'x':
        dropped += 1
        continue
    start, end = h['start'], h['end']
    if len(parts) > 5 and parts[5]:
        k = text.find(parts[5], max(0, h['start'] - len(parts[5])))
        assert k != -1 and k <= h['start'] < k + len(parts[5]), (n, 'override must cover the scanned word')
        start, end = k, k + len(parts[5])
    geonameid = None if gid == 'null' else int(gid)
    rs = sorted(readings(h['surface'], docs[h['id']]['lang']), key=lambda p: -p.population)
    alone = rs[0].geonameid if rs else None
    admin1 = None if admin1 == '-' else admin1
    assert admin1 is None or admin1 in ADMIN1, (n, admin1)
    if geonameid is not None:
        assert str(geonameid) in info and info[str(geonameid)][4] == admin1, (n, geonameid)
    out.append({'corpus': h['corpus'], 'id': h['id'], 'start': start, 'end': end,
                'sha1': hashlib.sha1(text[start:end].encode('utf-8')).hexdigest()[:12], 'name': name,
                'geonameid': geonameid, 'admin1': admin1, 'context': context,
                'in_gazetteer': geonameid is not None, 'name_alone_would_pick': alone,
                'needs_context': geonameid is None or geonameid != alone})
with open(OUT, 'w') as f:
    for o in out:
        f.write(json.dumps(o, ensure_ascii=False) + '\n')
print(len(out), 'mentions,', dropped, 'dropped,', len({o['id'] for o in out}), 'documents',
      collections.Counter('id' if o['geonameid'] else 'null' for o in out), collections.Counter(o['corpus'] for o in out))
