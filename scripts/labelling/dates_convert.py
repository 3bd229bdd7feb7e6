"""Convert dates_answers.txt to gold/pages/dates.jsonl and verify every line."""
import json, random, re, gzip
from pathlib import Path
B = Path('/work/shared/data/benchmarks/article-extraction')
files = sorted(p.name for p in (B / 'html').glob('*.html.gz')); random.Random(13).shuffle(files)
mil = {json.loads(l)['id']: json.loads(l) for l in open('/work/shared/data/corpora/milblogger-telegram-ru.jsonl')}
out = []
for line in open(Path(__file__).with_name('dates_answers.txt')):
    if line.startswith('#') or not line.strip(): continue
    key, pub, acc, ev, notes = [x.strip() for x in line.rstrip('\n').split('|')]
    if key[0] == 'h':
        f = files[int(key[1:])]; assert (B / 'html' / f).exists()
        src = f'benchmarks/article-extraction/html/{f}'
    else:
        cid = f'milblogger-telegram-ru:{key[1:]}'; assert cid in mil and mil[cid]['date'] is None
        src = f'corpus:{cid}'
    pub = None if pub == 'null' else pub
    if pub: assert re.fullmatch(r'\d{4}-\d\d-\d\d', pub)
    acc = [] if acc == '-' else acc.split(',')
    rec = {'source': src, 'published': pub, 'evidence': ev, 'notes': notes}
    if acc: rec['also_acceptable'] = acc
    out.append(rec)
assert len({r['source'] for r in out}) == len(out)
with open('gold/pages/dates.jsonl', 'w') as fh:
    for r in out: fh.write(json.dumps(r, ensure_ascii=False) + '\n')
print(len(out), 'pages;', sum(r['published'] is None for r in out), 'without a date')
