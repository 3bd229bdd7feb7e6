"""One recorded pass over gold/ruuk/quotes_dev.jsonl: drop the «сообщил о + noun» units (QUOTES.md, guideline 6).

quotes_dev.jsonl annotated the noun phrase after «сообщил о / рассказал о / говорят о / объявил об» as an indirect
quote; QUOTES.md guideline 6 (the held-out set's and dev b's guideline) does not annotate noun-phrase contents.
This script removes exactly the units listed below (each checked by its offsets and sha1, so a second run or a
changed file fails loudly instead of removing something else) and rewrites the file in place. «о том, что …» is a
reported clause and no such unit exists in the file; «Об участии … свидетельствуют учения» (72748) is a whole
clause, not a verb's noun object, and stays.

Run from the repository root: `python scripts/labelling/qru/reconcile_g6.py`.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT / "gold" / "ruuk" / "quotes_dev.jsonl"

#: (document id, the verb and the start of the unit): how many units each document loses
DROP = [
    ("milblogger-telegram-ru:522", "объявившего об отправке войск …"),
    ("milblogger-telegram-ru:83", "Bloomberg сообщил о сигналах …"),
    ("ru-news-telegram-war:1001003921752-73563", "Меликов сообщил о попытке атаки …"),
    ("ru-news-telegram-war:1001003921752-73563", "Минздрав республики сообщал о пострадавшей …"),
    ("ru-news-telegram-war:1001003921752-73563", "Минобороны России, сообщая об 11 сбитых дронах …"),
    ("ru-news-telegram-war:1001166834860-128592", "Зарубежное издание сообщает о подготовке …"),
    ("ru-news-telegram-war:1001394050290-195174", "Он также рассказал о колоссальной усталости …"),
    ("ru-news-telegram-war:1001394050290-195174", "Солдаты также говорят о наградах …"),
]

def _is_noun_content(text: str, q: dict[str, object]) -> bool:
    """The unit opens with о/об/обо/про after a word on its line (the verb): a noun phrase, not a clause (a unit
    that opens its line, like 72748's «Об участии … свидетельствуют учения», is a whole sentence)."""
    s = int(q["start"])  # type: ignore[call-overload]
    span = text[s:int(q["end"])]  # type: ignore[call-overload]
    first = span.split(maxsplit=1)[0].lower() if span.strip() else ""
    return first in {"о", "об", "обо", "про"} and s > 0 and text[s - 1] not in "\n"


def main() -> None:
    corpora: dict[str, dict[str, str]] = {}
    want: dict[str, int] = {}
    for doc_id, _ in DROP:
        want[doc_id] = want.get(doc_id, 0) + 1
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    out, dropped = [], []
    for line in lines:
        d = json.loads(line)
        if d["id"] in want:
            if d["corpus"] not in corpora:
                path = ROOT.parent / "shared" / "data" / "corpora" / f"{d['corpus']}.jsonl"
                if not path.exists():
                    path = Path("/work/shared/data/corpora") / f"{d['corpus']}.jsonl"
                rows = (json.loads(r) for r in path.read_text(encoding="utf-8").splitlines())
                corpora[d["corpus"]] = {r["id"]: r["text"] for r in rows}
            text = corpora[d["corpus"]][d["id"]]
            keep = [q for q in d["quotes"] if not _is_noun_content(text, q)]
            gone = [q for q in d["quotes"] if _is_noun_content(text, q)]
            assert len(gone) == want[d["id"]], (d["id"], len(gone), want[d["id"]])
            dropped += [(d["id"], q["start"], q["end"], q["sha1"], text[q["start"]:q["end"]]) for q in gone]
            d["quotes"] = keep
            line = json.dumps(d, ensure_ascii=False)
        out.append(line)
    assert len(dropped) == len(DROP), dropped
    GOLD.write_text("\n".join(out) + "\n", encoding="utf-8")
    for row in dropped:
        print(*row[:4], row[4][:60], sep="\t")


if __name__ == "__main__":
    main()
