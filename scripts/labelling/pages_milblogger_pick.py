"""Seeded pick of undated corpus documents (milblogger-telegram-ru, date null) for the dates set; prints each
document's id, length and every date-like string it contains (for the annotator to judge)."""
import json, random, re
docs = [json.loads(l) for l in open('/work/shared/data/corpora/milblogger-telegram-ru.jsonl')]
docs = [d for d in docs if d['date'] is None and len(d['text']) > 200]
random.Random(13).shuffle(docs)
MON = r'(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*'
PAT = re.compile(rf'\b\d{{1,2}}\s+{MON}|\b{MON}\s+20\d\d|\b\d{{1,2}}\.\d{{1,2}}\.(?:20)?\d\d\b|\b20[12]\d\b|сегодня|вчера', re.I)
for d in docs[:30]:
    t = d['text']
    hits = [(m.start(), t[max(0, m.start() - 30):m.end() + 15].replace('\n', ' ')) for m in PAT.finditer(t)]
    print(d['id'], len(t), d['source'], d['url'], d['title'] and d['title'][:40])
    for h in hits[:6]: print('    ', h)
