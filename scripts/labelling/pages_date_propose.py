"""Print per page the candidate publication dates by signal (for the annotator to decide; not a label)."""
import gzip, json, random, re, sys
from pathlib import Path
B = Path('/work/shared/data/benchmarks/article-extraction')
files = sorted(p.name for p in (B / 'html').glob('*.html.gz')); random.Random(13).shuffle(files)
idx = [int(x) for x in sys.argv[1:]]
for i in idx:
    raw = gzip.open(B / 'html' / files[i]).read().decode('utf-8', 'replace')
    c = {}
    for pat, name in [(r'property="article:published_time" content="([^"]+)"', 'article:published_time'),
                      (r'"datePublished"\s*:\s*"([^"]+)"', 'ld:datePublished'),
                      (r'itemprop="datePublished"[^>]*(?:content|datetime)="([^"]+)"', 'itemprop:datePublished'),
                      (r'(?:content|datetime)="([^"]+)"[^>]*itemprop="datePublished"', 'itemprop:datePublished'),
                      (r'name="pubdate" content="([^"]+)"', 'meta pubdate'),
                      (r'name="publish-date" content="([^"]+)"', 'meta publish-date'),
                      (r'name="date" content="([^"]+)"', 'meta date'),
                      (r'name="DC.date[^"]*" content="([^"]+)"', 'meta DC.date')]:
        for m in re.finditer(pat, raw):
            c.setdefault(name, set()).add(m.group(1)[:25])
    print(i, files[i][:16], {k: sorted(v) for k, v in c.items()})
