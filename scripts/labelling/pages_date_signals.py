"""Print, for labelling only, the date signals a page states: meta tags, JSON-LD date fields, <time> elements,
URL path dates, and the first lines of visible text around a byline. Deterministic sample (seed 13).
Usage: python pages_date_signals.py N  (prints the first N pages of the seeded order)"""
import gzip, json, random, re, sys, html
from pathlib import Path
BENCH = Path('/work/shared/data/benchmarks/article-extraction')
gt = json.load(open(BENCH / 'ground-truth.json'))
files = sorted(p.name for p in (BENCH / 'html').glob('*.html.gz'))
random.Random(13).shuffle(files)
n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
start = int(sys.argv[2]) if len(sys.argv) > 2 else 0
DATE = re.compile(r'(19|20)\d\d[-/.]\d\d?[-/.]\d\d?|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d\d?,? (?:19|20)\d\d|\d\d? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (?:19|20)\d\d')
for i, f in enumerate(files[start:start + n], start):
    raw = gzip.open(BENCH / 'html' / f).read().decode('utf-8', 'replace')
    url = gt[f[:-8]]['url']
    print(f'=== [{i}] {f[:16]} {url}')
    for m in re.finditer(r'<meta[^>]+>', raw, re.I):
        t = m.group(0)
        if re.search(r'date|time|publish|modif|created|issued', t, re.I):
            print('  META', t[:200])
    for m in re.finditer(r'"(datePublished|dateCreated|dateModified|uploadDate)"\s*:\s*"([^"]+)"', raw):
        print('  LD', m.group(1), m.group(2))
    for m in re.finditer(r'<time[^>]*>[^<]{0,60}', raw, re.I):
        print('  TIME', m.group(0)[:160])
    for m in re.finditer(r'class="[^"]*(?:date|byline|dateline|timestamp|posted|published)[^"]*"[^>]*>(?:\s*<[^>]+>)*\s*([^<]{0,80})', raw, re.I):
        print('  CLS', m.group(0)[:60].replace('\n', ' '), '|', m.group(1).strip()[:80])
    um = re.search(r'/(20\d\d)/(\d\d?)/(\d\d?)?', url)
    if um: print('  URL', um.group(0))
    body = gt[f[:-8]]['articleBody']
    txt = re.sub(r'<script.*?</script>|<style.*?</style>', ' ', raw, flags=re.S | re.I)
    txt = html.unescape(re.sub(r'<[^>]+>', ' ', txt))
    ds = [m.group(0) for m in DATE.finditer(txt)]
    print('  TEXTDATES', len(ds), ds[:8])
