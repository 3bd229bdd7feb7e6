"""Cyrillic-to-gazetteer key helper shared by places_scan.py and places_select.py."""
# Cyrillic: transliterate a word (ru/uk) to the Latin spellings GeoNames uses
RU = dict(zip('абвгдезийклмнопрстуфыэ', ['a','b','v','g','d','e','z','i','y','k','l','m','n','o','p','r','s','t','u','f','y','e']))
RU.update({'ж':'zh','х':'kh','ц':'ts','ч':'ch','ш':'sh','щ':'shch','ю':'yu','я':'ya','ё':'e','ь':'','ъ':''})
UK = dict(RU); UK.update({'г':'h','ґ':'g','и':'y','і':'i','ї':'yi','є':'ye','й':'i','х':'kh'})
def tr(w, t): return ''.join(t.get(c, c) for c in w.lower())
ENDS = ['ого','ому','ой','ом','ую','ая','ое','ый','ий','ом','е','у','ы','и','а','ою']
def cyr_keys(w):
    ks = set()
    for e in [''] + ENDS:
        if e and not w.lower().endswith(e): continue
        stem = w[:len(w) - len(e)] if e else w
        for base in {stem, stem + 'а', stem + 'е', stem + 'о', stem + 'ое', stem + 'ий', stem + 'ый', stem + 'ск'}:
            for t in (RU, UK):
                ks.add(tr(base, t))
    return ks
