import sys, re
from lib import load_doc, sentences
KW = re.compile(r"morale|soldier|troops|fighter|forces|surrender|desert|casualt|losses|killed|dead|panic|fear|afraid|exhaust|tired|motivat|defenders|occupiers|army|recruit|mobilis|mobiliz|conscript|train|ammunition|shortage|equipment|wounded|prisoner|POW|civilian|brave|hero|courage|determin|deceiv|lied|meat|fodder|refus", re.I)
for did in sys.argv[1:]:
    d = load_doc(did); t = d["text"]
    print(f"== {did} | {d.get('title')} | len={len(t)}")
    for i,(s,e) in enumerate(sentences(t)):
        if KW.search(t[s:e]):
            print(f"[{i}] ({s}) {t[s:e]}".replace("\n"," ⏎ ")[:500])
