"""scripts/labelling/corpus_overlap.py (docs/data-request.md): a candidate document that repeats an existing one, or
an earlier candidate, is reported with the document it repeats; unrelated and too-short documents are not."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BASE = (
    "Бойцы третьей роты жалуются на усталость и нехватку ротаций, командир обещает замену к концу месяца, "
    "но в штабе говорят, что резервов нет и смены не будет до весны, а потери за неделю выросли вдвое"
)
OTHER = (
    "Курс рубля на торгах в понедельник снизился, аналитики связывают это с ценами на нефть и с выплатами "
    "по внешнему долгу крупных компаний, которые приходятся на конец квартала"
)


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("corpus_overlap", ROOT / "scripts" / "labelling" / "corpus_overlap.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_shingles_are_deterministic_sampled_and_empty_for_short_text() -> None:
    mod = _script()
    assert mod.shingles(BASE) == mod.shingles(BASE.upper())
    assert mod.shingles("один два три", n=8) == set()
    sampled = mod.shingles(BASE, keep=3)
    assert sampled <= mod.shingles(BASE) and all(h % 3 == 0 for h in sampled)


def test_a_relayed_copy_is_reported_with_its_source_and_an_unrelated_text_is_not() -> None:
    mod = _script()
    index = mod.Index(n=8, keep=1)
    index.add("shared.jsonl", "tg-1", BASE)
    relayed = "Как сообщает канал, " + BASE + ". Подписывайтесь."
    cands = [("new.jsonl", "voa-1", relayed), ("new.jsonl", "voa-2", OTHER), ("new.jsonl", "voa-3", "коротко")]
    out = list(mod.screen(cands, index, 0.5))
    assert [(r["id"], r["match_file"], r["match_id"]) for r in out] == [("voa-1", "shared.jsonl", "tg-1")]
    assert out[0]["share"] >= 0.8


def test_a_repeat_inside_the_candidates_is_reported_against_the_earlier_one(tmp_path: Path) -> None:
    mod = _script()
    new = tmp_path / "new.jsonl"
    new.write_text(
        "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in [("a", OTHER), ("b", OTHER)]),
        encoding="utf-8",
    )
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "c.jsonl").write_text(json.dumps({"id": "x", "text": BASE}) + "\n", encoding="utf-8")
    index = mod.Index(n=8, keep=1)
    for file, doc_id, text in mod.read_jsonl([tmp_path / "shared"]):
        index.add(file, doc_id, text)
    out = list(mod.screen(mod.read_jsonl([new]), index, 0.5))
    assert [(r["id"], r["match_id"], r["share"]) for r in out] == [("b", "a", 1.0)]
