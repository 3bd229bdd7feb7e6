"""Supplementary selection (round 2): every occurrence of a few names the seeded scan under-sampled (Pisky/Peski,
Kamenka, Oleksandrivka, Novomykhailivka, Orikhiv, Maryinka), numbered from 1000, appended to places_selected.jsonl
rows format in places_selected2.jsonl. Deterministic (corpus order)."""
import json, re
PAT = {'en': re.compile(r'\b(Pisky|Oleksandrivka|Orikhiv|Marinka)\b'),
       'ru': re.compile(r'\b(Пески|Песках|Каменке|Новомихайловки|Новомихайловка)\b')}
KEY = {'Pisky': 'pisky', 'Пески': 'peski', 'Песках': 'peski', 'Каменке': 'kamenka', 'Oleksandrivka': 'oleksandrivka',
       'Orikhiv': 'orikhiv', 'Marinka': 'marinka', 'Новомихайловки': 'novomikhaylovka', 'Новомихайловка': 'novomikhaylovka'}
n = 1000
with open('scripts/labelling/places_selected2.jsonl', 'w') as f:
    for c in ['nyt-guardian-407', 'zelensky-addresses-en', 'whitehouse-ukraine-en', 'ru-news-telegram-war', 'milblogger-telegram-ru']:
        for l in open(f'/work/shared/data/corpora/{c}.jsonl'):
            d = json.loads(l)
            for m in PAT['en' if d['lang'] == 'en' else 'ru'].finditer(d['text']):
                f.write(json.dumps({'n': n, 'corpus': c, 'id': d['id'], 'start': m.start(), 'end': m.end(), 'surface': m.group(0), 'key': KEY[m.group(0)]}, ensure_ascii=False) + '\n'); n += 1
print(n - 1000)
