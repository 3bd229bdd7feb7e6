"""Independent check of gold/pages/dates.jsonl and gold/pages/places.jsonl: sources exist, dates well-formed,
offsets in bounds, sha1 of each span matches, geonameids exist in the gazetteer with the stated admin1."""
import csv, hashlib, json, re, sys
from pathlib import Path
ok = True
B = Path('/work/shared/data')
for r in map(json.loads, open('gold/pages/dates.jsonl')):
    assert set(r) >= {'source', 'published', 'evidence', 'notes'}
    if r['source'].startswith('corpus:'):
        cid = r['source'][7:]; corpus = cid.split(':')[0]
        assert any(json.loads(l)['id'] == cid for l in open(B / 'corpora' / f'{corpus}.jsonl')), cid
    else:
        assert (B / r['source']).exists(), r['source']
    assert r['published'] is None or re.fullmatch(r'\d{4}-\d\d-\d\d', r['published'])
rows = {r[0]: r for r in csv.reader(open('src/moralewatch/data/gazetteer/places.tsv'), delimiter='\t') if r and not r[0].startswith('#')}
texts = {}
for r in map(json.loads, open('gold/pages/places.jsonl')):
    if r['corpus'] not in texts:
        texts[r['corpus']] = {d['id']: d['text'] for d in map(json.loads, open(B / 'corpora' / f"{r['corpus']}.jsonl"))}
    t = texts[r['corpus']][r['id']]
    assert 0 <= r['start'] < r['end'] <= len(t)
    assert hashlib.sha1(t[r['start']:r['end']].encode()).hexdigest()[:12] == r['sha1'], r
    if r['geonameid'] is not None:
        g = rows[str(r['geonameid'])]
        if g[4] != r['admin1']: print('admin1 differs from gazetteer (documented):', r['id'], r['geonameid'], g[4], r['admin1'])
    else:
        assert r['context'] == 'undecidable' or r['admin1'], r
print('dates', sum(1 for _ in open('gold/pages/dates.jsonl')), 'places', sum(1 for _ in open('gold/pages/places.jsonl')), 'verified')
