"""Print selected mentions n1..n2 with context (mention in [[ ]]) and the gazetteer candidates of the key."""
import csv, collections, json, sys
G = 'src/moralewatch/data/gazetteer/places.tsv'
rows = [r for r in csv.reader(open(G), delimiter='\t') if r and not r[0].startswith('#')][1:]
by = collections.defaultdict(set)
for r in rows:
    if r[3] not in ('UA', 'RU'): continue
    for n in {r[1]} | {a.split('~')[0] for a in r[8].split('|') if a}:
        by[n.lower()].add(tuple(r[:8]))
docs = {}
for c in ['ru-news-telegram-war', 'milblogger-telegram-ru', 'resistinua-addresses']:
    for l in open(f'/work/shared/data/corpora/{c}.jsonl'):
        d = json.loads(l); docs[d['id']] = d
a, b, w = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 300
for l in (l for f in ('places_ruuk_selected.jsonl', 'places_ruuk_selected2.jsonl') for l in open('scripts/labelling/' + f)):
    h = json.loads(l)
    if not a <= h['n'] <= b: continue
    t = docs[h['id']]['text']; s, e = h['start'], h['end']
    print(f"=== #{h['n']} {h['id']} {h['surface']} key={h['key']} date={docs[h['id']]['date']}")
    print('   cands:', '; '.join(f"{r[0]} {r[1]} {r[2]} {r[4]} {r[7]}" for r in sorted(by.get(h['key'], ()), key=lambda r: -int(r[7]))[:8]))
    print(t[max(0, s - w):s].replace('\n', ' / ') + '[[' + t[s:e] + ']]' + t[e:e + w // 2].replace('\n', ' / '))
