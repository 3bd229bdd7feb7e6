"""Build scripts/labelling/tr/answers.txt from the draft of tr_propose.py and my hand decisions below.

The decisions were taken by reading every document's labelled region (tr_review.py, tr_show.py): label fixes where my
draft patterns took the wrong words, turn ends moved before editorial notes, speaker/role/side per label (MAP), and
per-turn overrides (questioners designated with their outlet). Leading and trailing stage notes are trimmed from
every span (a stage note between speech stays inside). answers.txt is then converted by tr_convert.py.
"""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TR = ROOT / "scripts/labelling/tr"
docs = {}
for f in ("whitehouse-ukraine-en.jsonl", "press-releases-2022-en.jsonl"):
    for line in open(Path("/work/shared/data/corpora") / f):
        d = json.loads(line)
        docs[d["id"]] = d

NOTE = (
    r"(?:\((?:Laughter|Laughs|Applause|applause|Inaudible|Cross-talk|Cross talk|As interpreted|Microphone[^)]*|"
    r"Addressing[^)]*|following up[^)]*|In his remarks[^)]*|Antonio Guterres[^)]*|Cellphone audio plays|Technical difficulties|"
    r"Background noise)\.?\)\.?)"
)

# speaker | role | side per label as written
MAP = {
    # Kremlin
    "President of Russia Vladimir Putin": "Vladimir Putin | politician | ru",
    "Vladimir Putin": "Vladimir Putin | politician | ru",
    "Pavel Zarubin": "Pavel Zarubin | journalist | ru",
    "Head of the Talent and Success Educational Foundation Yelena Shmeleva": "Yelena Shmeleva | ngo | ru",
    "Yelena Shmeleva": "Yelena Shmeleva | ngo | ru",
    "President of Belarus Alexander Lukashenko Lukashenko AlexanderPresident of Belarus": "Alexander Lukashenko | politician | third_state",
    "President of the Republic of Belarus Alexander Lukashenko Lukashenko AlexanderPresident of Belarus": "Alexander Lukashenko | politician | third_state",
    "Alexander Lukashenko": "Alexander Lukashenko | politician | third_state",
    "Remark": "null | civilian | ru",
    "Dmitry Bolotov": "Dmitry Bolotov | civilian | ru",
    "Nikolai Aistov": "Nikolai Aistov | civilian | ru",
    "Alexander Tarakanov": "Alexander Tarakanov | civilian | ru",
    "Alexei Komissarov": "Alexei Komissarov | ngo | ru",
    "General Director of Russia– Land of Opportunity autonomous non-profit organisation Alexei Komissarov": "Alexei Komissarov | ngo | ru",
    "Ignat Petukhov": "Ignat Petukhov | local_authority | ru",
    "Roscosmos General Director Dmitry Rogozin Rogozin Dmitry": "Dmitry Rogozin | official | ru",
    "Minister of Transport Vitaly Savelyev": "Vitaly Savelyev | official | ru",
    "Alexander Kurenkov": "Alexander Kurenkov | official | ru",
    "Prime Minister Mikhail Mishustin": "Mikhail Mishustin | politician | ru",
    "Human Rights Commissioner Tatyana Moskalkova Moskalkova TatyanaHuman Rights Commissioner in Russian Federation": "Tatyana Moskalkova | official | ru",
    # White House
    "MS. JEAN-PIERRE": "Karine Jean-Pierre | official | west",
    "MS. PSAKI": "Jen Psaki | official | west",
    "MR. KIRBY": "John Kirby | official | west",
    "MODERATOR": "null | official | west",
    "Q": "null | journalist | unknown",
    "VICE PRESIDENT HARRIS": "Kamala Harris | politician | west",
    "PRESIDENT ZELENSKYY": "Volodymyr Zelenskyy | politician | ua",
    "PRESIDENT BIDEN": "Joe Biden | politician | west",
    "WHITE HOUSE AIDE": "null | official | west",
    "PRESIDENT TRUMP": "Donald Trump | politician | west",
    "PRIME MINISTER MODI": "Narendra Modi | politician | third_state",
    "AUDIENCE": "null | unknown | west",
    "AUDIENCE MEMBER": "null | unknown | west",
    "REPRESENTATIVE GREEN": "Al Green | politician | west",
    "SPEAKER JOHNSON": "Mike Johnson | politician | west",
    "AMBASSADOR HEUSGEN": "Christoph Heusgen | ngo | independent",
    "MR. SULLIVAN": "Jake Sullivan | official | west",
    "MS. CHAIKEN": "Ilene Chaiken | civilian | west",
}
THE_PRESIDENT = {"biden": "Joe Biden | politician | west", "trump": "Donald Trump | politician | west"}

# (doc id suffix, label_start in the draft) -> (label_start, label_end, start, end) fixed by hand; None = keep
FIX = {
    # draft label took the end of a header line; the next label (long title with lower-case words) was missed
    ("kremlin-68250", 39): (89, 123, 125, 1804),
    ("kremlin-68250", 1888): (1805, 1905, 1907, None),
    # editorial summaries in parentheses after Putin's turns ("(In his remarks, the UN Secretary General ...)")
    ("kremlin-68287", 0): (None, None, None, 6945),
    ("kremlin-68287", 7704): (None, None, None, 8710),
}
INDEP = "null | journalist | independent"
# (doc id suffix, label_start) -> speaker | role | side, for questioners handed the floor with their outlet
OVERRIDE = {
    ("john-kirby-28", 1244): INDEP,  # Lara with the Wall Street Journal
    ("john-kirby-28", 1319): INDEP,
    ("john-kirby-28", 2154): INDEP,  # Danny with AFP
    ("john-kirby-28", 3338): INDEP,  # Josh (with the AP), "who we missed in the beginning"
    ("john-kirby-28", 4493): INDEP,  # Michael with the New York Times
    ("travel-to-france", 4777): "Jeff Mason | journalist | independent",  # Jeff Mason with Reuters
    ("travel-to-france", 5262): "Jeff Mason | journalist | independent",
    ("press-conference-7", 3055): INDEP,  # Chris with the Associated Press
    ("press-conference-7", 3674): INDEP,  # Josh, of Bloomberg
    ("press-conference-7", 3823): INDEP,  # Josh again (microphone extended to him)
}


def trim(text, s, e):
    while True:
        s0, e0 = s, e
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        m = re.match(NOTE, text[s:e])
        if m and m.end() < e - s:
            s += m.end()
        m = re.search(NOTE + r"$", text[s:e])
        if m and m.start() > 0:
            e = s + m.start()
        for tail in ("<…>", "* * *"):
            if text[s:e].endswith(tail):
                e -= len(tail)
        if (s, e) == (s0, e0):
            return s, e


def main():
    out, cur = [], None
    used_fix, used_ov = set(), set()
    for line in open(TR / "draft.txt"):
        line = line.rstrip("\n")
        if line.startswith("=== "):
            cur = line[4:].split(" | ")[0]
            out += ["", line]
            labs = []
        elif line.startswith("T "):
            a, b, s, e = map(int, line.split("#")[0].split()[1:5])
            text = docs[cur]["text"]
            for (suf, la), fix in FIX.items():
                if cur.endswith(suf) and la == a:
                    used_fix.add((suf, la))
                    a, b, s, e = [x if y is None else y for x, y in zip((a, b, s, e), fix)]
            s2, e2 = trim(text, s, e)
            if (s2, e2) != (s, e):
                print("trim", cur[-40:], repr(text[s:s2]), "|", repr(text[e2:e]))
            lab = text[a:b]
            if lab not in labs:
                labs.append(lab)
                if lab == "THE PRESIDENT":
                    who = THE_PRESIDENT["trump" if "trump" in cur else "biden"]
                else:
                    who = MAP[lab]
                out.append(f"MAP {lab} => {who}")
            ov = ""
            for (suf, la), w in OVERRIDE.items():
                if cur.endswith(suf) and la == a:
                    used_ov.add((suf, la))
                    ov = f" = {w}"
            sp = text[s2:e2].replace("\n", " / ")
            out.append(f"T {a} {b} {s2} {e2}{ov}    # {lab} ({len(sp.split())} words)")
    assert used_fix == set(FIX), set(FIX) - used_fix
    assert used_ov == set(OVERRIDE), set(OVERRIDE) - used_ov
    (TR / "answers.txt").write_text("\n".join(out).lstrip("\n") + "\n")


if __name__ == "__main__":
    main()
