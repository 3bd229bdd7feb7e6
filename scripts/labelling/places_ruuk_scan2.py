"""Second scan: words after a settlement marker (село, посёлок, деревня, хутор, населённый пункт, н.п., у/под/возле ...-вка)
in the three corpora, documents in no gold file; prints surface counts so that shared village names can be picked."""
import collections, json, re, sys
sys.argv = ['x']
src = open('scripts/labelling/places_ruuk_select.py').read().split("hits = []")[0]
exec(src)
MARK = re.compile(r'(?:\b(?:сел[оауеа]|селах|сёл|пос[её]лк[аеуом]*|пос[её]лок|пгт|деревн[яиюе]|хутор[аеу]?|слобод[аеуы]|населенн\w+ пункт\w*|населённ\w+ пункт\w*|н\.\s?п\.|смт|селищ[еа]|міст[оа]|селі)\s+)([А-ЯЁІЇЄ][а-яёіїєґ\'’]+(?:[ -][А-ЯЁІЇЄ]?[а-яёіїєґ]+)?)')
VK = re.compile(r'\b([А-ЯЁІЇЄ][а-яёіїєґ]+(?:овк|евк|ёвк|івк|ївк)[аиуеіойю]+)\b')
out = []
for c in ['ru-news-telegram-war', 'milblogger-telegram-ru', 'resistinua-addresses']:
    for l in open(f'/work/shared/data/corpora/{c}.jsonl'):
        d = json.loads(l)
        if d['lang'] not in ('ru', 'uk') or d['id'] in gold: continue
        t = d['text']
        for m in list(MARK.finditer(t)) + list(VK.finditer(t)):
            out.append((c, d['id'], m.start(1), m.end(1), m.group(1)))
out = sorted(set(out))
json.dump(out, open('/tmp/scan2.json', 'w'), ensure_ascii=False)
cnt = collections.Counter(o[4] for o in out)
print(len(out)); print(' '.join(f'{k}:{v}' for k, v in sorted(cnt.items())))
