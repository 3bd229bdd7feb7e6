"""Print a document to the annotator: paragraphs numbered, quotation-mark segments marked ⟦qN⟧ (numbered per
paragraph). Usage: show.py ID [ID...]. Output goes to the terminal only."""
import re
import sys

from common import corpus_of, load, paragraphs

OPEN = {"\u201c": "\u201d", '"': '"', "\u2018": "\u2019", "\u00ab": "\u00bb"}


def segments(text, ps, pe):
    """Quotation-mark segments of a paragraph: list of (open_pos, content_start, content_end, close_end)."""
    out = []
    i = ps
    while i < pe:
        ch = text[i]
        if ch in OPEN and (ch != "\u2018" or i == ps or not text[i - 1].isalnum()) and (ch != '"' or i == ps or not text[i - 1].isalnum()):
            close = OPEN[ch]
            j = i + 1
            while j < pe:
                if text[j] == close and (close != "\u2019" or j + 1 >= pe or not text[j + 1].isalpha()):
                    break
                j += 1
            if j < pe:
                out.append((i, i + 1, j, j + 1))
                i = j + 1
                continue
            out.append((i, i + 1, pe, pe))
            break
        i += 1
    return out


def paras(text):
    return list(paragraphs(text))


def render(did):
    c = corpus_of(did)
    d = load(c)[did]
    t = d["text"]
    print(f"=== {did} | {d.get('title')} | {d.get('date')} | {len(t.split())} words")
    for n, (ps, pe) in enumerate(paras(t), 1):
        segs = segments(t, ps, pe)
        buf, last = [], ps
        for k, (o, cs, ce, e) in enumerate(segs, 1):
            buf.append(t[last:o])
            buf.append(f"⟦q{k}⟧")
            last = o
        buf.append(t[last:pe])
        body = "".join(buf)
        if "\n" in body:
            body = "\n".join(f"  L{k}: {ln}" for k, ln in enumerate(body.split("\n"), 1))
            print(f"\n[P{n}]\n" + body)
        else:
            print(f"\n[P{n}] " + body)


if __name__ == "__main__":
    for did in sys.argv[1:]:
        render(did)
