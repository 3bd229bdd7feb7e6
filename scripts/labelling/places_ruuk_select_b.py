"""Seeded selection for the second Cyrillic dev set, gold/pages/places_ruuk_dev_b.jsonl (session 11, h-places7).

The first dev set's scan (names several settlements share) finds almost nothing left: 1,402 of the 1,763 Russian and
Ukrainian documents are named by a gold file. This scan looks for the failure mode held-out v3 showed (a small
settlement taken by the one reading the gazetteer has): every capitalised Cyrillic word inside a sentence, in a
document that no gold file names, whose nominative (cyrillic_places.lookup, or the pymorphy3 lemma) names a UA/RU
settlement of the gazetteer whose most populous reading has fewer than 50,000 inhabitants. Words seen in a first
listing as persons, adjectives of regions, countries or common words are dropped (NOISE). Seed 31 shuffle, at most
two mentions a word and two a document. Writes scripts/labelling/places_ruuk_selected_b.jsonl (n, corpus, id, start,
end, surface, readings, max_pop); `--show` prints each with context and its gazetteer readings for the annotator.
Only the gazetteer lookup is used for the selection: no place stage is run. Run from the repository root with
PYTHONPATH=src."""
import collections, glob, json, random, re, sys

from moralewatch.entities.cyrillic import _lemma, transliterate
from moralewatch.entities.cyrillic_places import lookup
from moralewatch.entities.gazetteer import gazetteer

CORPORA = ['ru-news-telegram-war', 'milblogger-telegram-ru', 'resistinua-addresses']
NOISE = set('''курской победы русской китая крым брянской китай петровской русского крыму крыма попов барятинских степан
никиты белка южную южной майдана победа смирнов московской китаем париж париже брянскую гусев пермского золотая нива
горняк крапивиной новой кировской анна надежда белом новый одесской черного печерском гусева ярославской восточный
тихий рязанской русскую майдан французской смирнова победе лосева северной румянцева касимова южного урале димке
димка крымом республики казанского красным суровикина парижу ордой московском красной бирюковым белоусов высоким
русском угольный русская победу никита никиту русских хорошего московского донецкий ставрова мировая великая
московским чечня ленину чечне чечни золотые западные западном родном одесских сырский китае холодной чечню киевской
курскую северного морозов белый успенский володимир володимира марії запорізькій'''.split())
WORD = re.compile(r'(?<=[a-zа-яёіїєґ0-9,;:»"()\-–] )[А-ЯЁІЇЄ][а-яёіїєґ\'’]{3,}')


def gold_ids():
    ids = set()
    for f in glob.glob('gold/**/*', recursive=True):
        try:
            s = open(f).read()
        except (IsADirectoryError, UnicodeDecodeError):
            continue
        ids |= set(re.findall(r'(?:ru-news-telegram-war|milblogger-telegram-ru|resistinua-addresses):[^"\s,|)\]]+', s))
    return ids


def readings(word, lang):
    cands, _ = lookup(word, lang)
    if not cands:
        cands = gazetteer().lookup(transliterate(_lemma(word.lower(), lang)[0], lang))
    return [c.place for c in cands if c.place.feature == 'city' and c.place.country in ('UA', 'RU')]


def scan(skip):
    docs, hits = {}, []
    for c in CORPORA:
        for line in open(f'/work/shared/data/corpora/{c}.jsonl'):
            d = json.loads(line)
            if d['lang'] not in ('ru', 'uk') or d['id'] in skip:
                continue
            docs[d['id']] = d
            for m in WORD.finditer(d['text']):
                w = m.group(0)
                if w.lower() in NOISE:
                    continue
                loc = readings(w, d['lang'])
                if loc and max(p.population for p in loc) < 50_000:
                    hits.append({'corpus': c, 'id': d['id'], 'start': m.start(), 'end': m.end(), 'surface': w,
                                 'readings': len(loc), 'max_pop': max(p.population for p in loc)})
    return docs, hits


def main():
    docs, hits = scan(gold_ids() - {None})
    hits.sort(key=lambda h: (h['corpus'], h['id'], h['start']))
    random.Random(31).shuffle(hits)
    perw, perd, out = collections.Counter(), collections.Counter(), []
    for h in hits:
        key = h['surface'].lower()[:5]
        if perw[key] >= 2 or perd[h['id']] >= 2:
            continue
        perw[key] += 1; perd[h['id']] += 1; out.append(h)
    with open('scripts/labelling/places_ruuk_selected_b.jsonl', 'w') as f:
        for n, h in enumerate(out):
            f.write(json.dumps({'n': n, **h}, ensure_ascii=False) + '\n')
    print('hits', len(hits), 'selected', len(out), collections.Counter(h['corpus'] for h in out))
    if '--show' in sys.argv:
        for n, h in enumerate(out):
            t = docs[h['id']]['text']; s, e = h['start'], h['end']
            rs = sorted(readings(h['surface'], docs[h['id']]['lang']), key=lambda p: -p.population)
            print(f"=== #{n} {h['id']} {h['surface']} date={docs[h['id']].get('date')}")
            print('   cands:', '; '.join(f'{p.geonameid} {p.name} {p.admin1} {p.population}' for p in rs[:8]))
            print('  ', t[max(0, s - 400):s].replace('\n', ' / ') + '[[' + t[s:e] + ']]' + t[e:e + 200].replace('\n', ' / '))


if __name__ == '__main__':
    main()
