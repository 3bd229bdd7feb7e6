"""Seeded selection for the third Cyrillic dev set, gold/pages/places_ruuk_dev_c.jsonl (session 12, h-places8).

Aimed at what the dev sets a and b lack and where entities.ruuk.v4 failed on the held-out set: small settlements
whose name several places share (including villages the gazetteer lacks), mentions with little context, and names
that are also common words or surnames. Documents: Russian and Ukrainian texts of ru-news-telegram-war,
milblogger-telegram-ru and resistinua-addresses that no file under gold/, tests/, bench/ or docs/ names. Kinds of
hits (a word may be of several; the first listed is kept):

* ``shared``: a capitalised Cyrillic word inside a sentence whose nominative (cyrillic_places.lookup or the
  pymorphy3 lemma, a gazetteer lookup only: no place stage is run) names >= 2 UA/RU settlements, the most populous
  under 50,000 inhabitants;
* ``settlement``: the capitalised word after a settlement word (село, посёлок, деревня, хутор, станица, пгт, н.п.,
  селище, смт, населённый пункт), whatever the gazetteer says (villages it lacks);
* ``common``: a word with a UA/RU settlement reading whose most probable pymorphy3 parse is a common word or a
  surname (Победа, Мирный, Шевченко);
* then the rest: ``small`` (a settlement reading under 100,000 inhabitants) and ``city``.

NOISE (the list of places_ruuk_select_b.py) drops words seen there as persons, adjectives of regions, countries and
common words. Seed 47 shuffle; the kinds are taken in the order above, at most three mentions a word (first five
letters) and eight a document. The caps were widened twice (first two a word and two a document over the first
three kinds only: 10, then 73 mentions) when the listings showed how few hits the 205 unused documents give, before
any decision was written. Writes scripts/labelling/places_ruuk_selected_c.jsonl (n, kind, corpus, id, start, end,
surface, readings, max_pop); ``--show`` prints each with context and its gazetteer readings. Run from the
repository root with PYTHONPATH=src (the set's own files are not counted as naming its documents)."""
import collections, glob, json, random, re, sys

from moralewatch.entities.cyrillic import _lemma, transliterate
from moralewatch.entities.cyrillic_places import lookup
from moralewatch.entities.gazetteer import gazetteer

sys.path.insert(0, 'scripts/labelling')
from places_ruuk_select_b import NOISE as NOISE_B  # noqa: E402

CORPORA = ['ru-news-telegram-war', 'milblogger-telegram-ru', 'resistinua-addresses']
NOISE = NOISE_B
WORD = re.compile(r'(?<![А-ЯЁІЇЄа-яёіїєґ\'’ʼ-])[А-ЯЁІЇЄ][а-яёіїєґ\'’ʼ]{3,}')
SETTLEMENT = re.compile(r'(?:\b(?:село|села|селе|селом|сёла|посёлок|поселок|посёлке|поселке|посёлка|поселка|деревня|'
                        r'деревне|деревни|хутор|хуторе|хутора|станица|станице|станицы|пгт|н\.\s?п\.|селище|селищі|'
                        r'селища|смт|населённый пункт|населенный пункт|населённом пункте|населенном пункте|'
                        r'населённого пункта|населенного пункта|населений пункт|населеному пункті|населеного пункту|'
                        r'селі|сел))\s+«?([А-ЯЁІЇЄ][а-яёіїєґ\'’ʼ-]{2,})')
KINDS = ('settlement', 'shared', 'common', 'small', 'city')
CAP = {'settlement': 100, 'shared': 100, 'common': 100, 'small': 100, 'city': 100}
CAP_WORD = {'settlement': 3, 'shared': 3, 'common': 3, 'small': 3, 'city': 3}
ID_RX = r'(?:ru-news-telegram-war|milblogger-telegram-ru|resistinua-addresses):[^"\s,|)\]\'`]+'


def named_ids():
    ids = set()
    for root in ('gold', 'tests', 'bench', 'docs'):
        for f in glob.glob(f'{root}/**/*', recursive=True):
            if f.endswith(('places_ruuk_selected_c.jsonl', 'places_ruuk_answers_c.txt', 'places_ruuk_dev_c.jsonl')):
                continue
            try:
                s = open(f).read()
            except (IsADirectoryError, UnicodeDecodeError):
                continue
            ids |= set(re.findall(ID_RX, s))
    return ids


def readings(word, lang):
    cands, _ = lookup(word, lang)
    if not cands:
        cands = gazetteer().lookup(transliterate(_lemma(word.lower(), lang)[0], lang))
    return [c.place for c in cands if c.place.feature == 'city' and c.place.country in ('UA', 'RU')]


def kind_of(text, m, w, lang, loc):
    before = text[max(0, m.start() - 30):m.start()]
    if SETTLEMENT.search(before + w) and SETTLEMENT.search(before + w).group(1) == w:
        return 'settlement'
    if loc and len(loc) >= 2 and max(p.population for p in loc) < 50_000:
        return 'shared'
    if loc:
        _, tags = _lemma(w, lang)
        if 'common' in tags or 'Surn' in tags:
            return 'common'
        return 'small' if max(p.population for p in loc) < 100_000 else 'city'
    return None


def scan(skip):
    docs, hits = {}, []
    for c in CORPORA:
        for line in open(f'/work/shared/data/corpora/{c}.jsonl'):
            d = json.loads(line)
            if d['lang'] not in ('ru', 'uk') or d['id'] in skip:
                continue
            docs[d['id']] = d
            seen = set()
            for rx in (SETTLEMENT, WORD):
                for m in rx.finditer(d['text']):
                    s = m.start(1) if rx is SETTLEMENT else m.start()
                    e = m.end(1) if rx is SETTLEMENT else m.end()
                    if s in seen:
                        continue
                    seen.add(s)
                    w = d['text'][s:e]
                    if w.lower() in NOISE:
                        continue
                    loc = readings(w, d['lang'])
                    k = 'settlement' if rx is SETTLEMENT else kind_of(d['text'], m, w, d['lang'], loc)
                    if k is None:
                        continue
                    hits.append({'kind': k, 'corpus': c, 'id': d['id'], 'start': s, 'end': e, 'surface': w,
                                 'readings': len(loc), 'max_pop': max((p.population for p in loc), default=0)})
    return docs, hits


def main():
    docs, hits = scan(named_ids() - {None})
    hits.sort(key=lambda h: (h['corpus'], h['id'], h['start']))
    random.Random(47).shuffle(hits)
    perw, perd, perk, out = collections.Counter(), collections.Counter(), collections.Counter(), []
    for kind in KINDS:  # the kinds the dev sets lack first
        for h in hits:
            key = h['surface'].lower()[:5]
            if h['kind'] != kind or perw[key] >= CAP_WORD[kind] or perd[h['id']] >= 8 or perk[kind] >= CAP[kind]:
                continue
            perw[key] += 1; perd[h['id']] += 1; perk[kind] += 1; out.append(h)
    with open('scripts/labelling/places_ruuk_selected_c.jsonl', 'w') as f:
        for n, h in enumerate(out):
            f.write(json.dumps({'n': n, **h}, ensure_ascii=False) + '\n')
    print('documents', len(docs), 'hits', len(hits), collections.Counter(h['kind'] for h in hits), 'selected',
          len(out), collections.Counter(h['kind'] for h in out), collections.Counter(h['corpus'] for h in out))
    if '--show' in sys.argv:
        for n, h in enumerate(out):
            t = docs[h['id']]['text']; s, e = h['start'], h['end']
            rs = sorted(readings(h['surface'], docs[h['id']]['lang']), key=lambda p: -p.population)
            print(f"=== #{n} [{h['kind']}] {h['id']} {h['surface']} date={docs[h['id']].get('date')}")
            print('   cands:', '; '.join(f'{p.geonameid} {p.name} {p.admin1} {p.population}' for p in rs[:8]))
            print('  ', t[max(0, s - 400):s].replace('\n', ' / ') + '[[' + t[s:e] + ']]' + t[e:e + 200].replace('\n', ' / '))


if __name__ == '__main__':
    main()
