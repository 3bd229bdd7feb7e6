"""Convert places_ruuk_answers.txt (decisions on places_ruuk_selected*.jsonl plus extra mentions E<k>) to
gold/pages/places_ruuk_dev.jsonl, with checks: span in bounds and Cyrillic, override overlaps the scanned word,
sha1, geonameid exists in places.tsv and its admin1 matches, admin1 is a UA/RU first-level region name, no document
of any other gold file. Prints counts by corpus / language / kind."""
import collections, csv, glob, hashlib, json, re
G = 'src/moralewatch/data/gazetteer/places.tsv'
rows = [r for r in csv.reader(open(G), delimiter='\t') if r and not r[0].startswith('#')][1:]
info = {r[0]: r for r in rows}
ADMIN1 = {r[4] for r in rows if r[3] in ('UA', 'RU') and r[4]}
byc = collections.defaultdict(set)
for r in rows:
    if r[2] != 'city' or r[3] not in ('UA', 'RU'): continue
    for n in {r[1]} | {a.split('~')[0] for a in r[8].split('|') if a and '~c' not in a}:
        byc[n.lower()].add(r[0])
OUT = 'gold/pages/places_ruuk_dev.jsonl'
gold = set()
for f in glob.glob('gold/**/*', recursive=True):
    if f == OUT: continue
    try: s = open(f).read()
    except (IsADirectoryError, UnicodeDecodeError): continue
    gold |= set(re.findall(r'(?:ru-news-telegram-war|milblogger-telegram-ru|resistinua-addresses):[^"\s,|)\]]+', s))
docs = {}
for c in ['ru-news-telegram-war', 'milblogger-telegram-ru', 'resistinua-addresses']:
    for l in open(f'/work/shared/data/corpora/{c}.jsonl'):
        d = json.loads(l); docs[d['id']] = (c, d)
sel = {h['n']: h for f in ('places_ruuk_selected.jsonl', 'places_ruuk_selected2.jsonl')
       for h in map(json.loads, open('scripts/labelling/' + f))}
out, seen, dropped, skipped = [], set(), 0, 0
for line in open('scripts/labelling/places_ruuk_answers.txt'):
    if not re.match(r'\d|E\d', line): continue
    parts = [x.strip() for x in line.rstrip('\n').split('|')]
    key, name, gid, admin1, ctx = parts[:5]
    surf = parts[5] if len(parts) > 5 else ''
    if key.startswith('E'):
        did, s, e = key.split(':', 1)[1].rsplit(':', 2); s, e = int(s), int(e)
        n = key
    else:
        n = int(key); h = sel[n]; did, s, e = h['id'], h['start'], h['end']
        assert docs[did][1]['text'][s:e] == h['surface'], n
    assert n not in seen, n; seen.add(n)
    if gid == 'x': dropped += 1; continue
    if gid == 'skip': skipped += 1; continue
    corpus, d = docs[did]; t = d['text']
    assert did not in gold, (n, did)
    assert d['lang'] in ('ru', 'uk'), n
    if surf:
        k = t.find(surf, max(0, s - len(surf)))
        assert 0 <= k <= s < k + len(surf), (n, surf, t[s:s + 40]); s, e = k, k + len(surf)
    assert 0 <= s < e <= len(t) and re.match(r'[А-ЯЁІЇЄ]', t[s:e]), (n, t[s:e])
    und = ctx.startswith('undecidable')
    g = None if gid == 'null' else gid
    if g:
        assert g in info, (n, g); assert admin1 == info[g][4], (n, admin1, info[g][4])
    if und: assert g is None and admin1 == '-', n
    else: assert admin1 in ADMIN1, (n, admin1)
    names = name.split('/')
    cands = sorted(set().union(*[byc.get(x.lower(), set()) for x in names]), key=lambda x: -int(info[x][7]))
    default = cands[0] if cands else None
    rec = {'corpus': corpus, 'id': did, 'start': s, 'end': e, 'sha1': hashlib.sha1(t[s:e].encode()).hexdigest()[:12],
           'name': names[0], 'geonameid': int(g) if g else None, 'admin1': None if admin1 == '-' else admin1,
           'context': 'undecidable' if und else ctx, 'in_gazetteer': bool(g),
           'name_alone_would_pick': int(default) if default else None,
           'needs_context': not (g is not None and g == default)}
    if und: rec['note'] = ctx.split(':', 1)[1].strip()
    out.append(rec)
keys = [(r['id'], r['start']) for r in out]
assert len(keys) == len(set(keys)), 'duplicate mention'
with open(OUT, 'w') as f:
    for r in out: f.write(json.dumps(r, ensure_ascii=False) + '\n')
# re-read and verify
for r in map(json.loads, open(OUT)):
    t = docs[r['id']][1]['text']
    assert hashlib.sha1(t[r['start']:r['end']].encode()).hexdigest()[:12] == r['sha1']
def kind(r): return 'id' if r['geonameid'] else 'undecidable' if r['context'] == 'undecidable' else 'oblast only'
C = collections.Counter
print('mentions', len(out), 'dropped (x)', dropped, 'skipped (big-city cap)', skipped, 'docs', len({r['id'] for r in out}), 'names', len({r['name'] for r in out}))
print('kind', C(kind(r) for r in out))
print('corpus x kind', sorted(C((r['corpus'], kind(r)) for r in out).items()))
print('lang x kind', sorted(C((docs[r['id']][1]['lang'], kind(r)) for r in out).items()))
print('needs_context', sum(r['needs_context'] for r in out), 'name_alone_would_pick right', sum(not r['needs_context'] for r in out))
print('admin1', C(r['admin1'] for r in out).most_common())
