"""indicators.ruuk.v14 (session 16): the writer's side from who writes (the document's source, as the knowledge base
knows it), not from the language, and one fallback for both sides decided by the kind of writer. Invented sentences
and invented channel names; the sides come from the knowledge base's real rows (data/kb, quotes_ruuk/sources.tsv,
people.tsv) and writers.tsv."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from moralewatch.errors import PipelineError
from moralewatch.indicators import slavic, slavic_v14
from moralewatch.model import Document
from moralewatch.pipeline import Pipeline
from moralewatch.stages import DEFAULT

ROOT = Path(__file__).resolve().parent.parent
MIRROR = {"ru": "ua", "ua": "ru"}


def _pipe(version: str, unknown_writer: str | None = None) -> Pipeline:
    config = {f"indicators.ruuk.{version}": {"unknown_writer": unknown_writer}} if unknown_writer else None
    return Pipeline([f"indicators.ruuk.{version}" if n.startswith("indicators.ruuk.") else n for n in DEFAULT], config)


@pytest.fixture(scope="module")
def pipes() -> dict[str, Pipeline]:
    return {"v13": _pipe("v13"), "v14": _pipe("v14"), "v14b": _pipe("v14", "none")}


def _sides(pipe: Pipeline, text: str, source: str | None = None) -> list[tuple[str, int, str]]:
    doc = pipe.run(Document(text=text, outlet=source) if source else Document(text=text))
    return [(i.indicator, i.start, i.subject_side) for i in doc.indicators if (i.rule or "").startswith("ruuk:")]


def _address(speaker: str) -> str:
    return f"Official video address, speaker: {speaker}"


# Each pair: two sources of the same KIND of writer, one of each side (the knowledge base's rows).
PAIRS = {
    "own channel": ("Telegram channel: Боец ВС РФ", "Telegram channel: Боец ВСУ"),
    "official": (_address("Владимир Путин"), _address("Володимир Зеленський")),
    "news": ("Telegram channel: РИА Новости", "Telegram channel: Украинская правда"),
}
# No force named: the subject comes from the writer's words (наши, нас, противник) and the fallback alone.
TEXTS = {
    "ru": ("Снарядов нет, нас кинули командиры. Наши парни держатся героически. Противник несёт огромные потери, "
           "тысячи убитых."),
    "uk": ("Снарядів немає, нас кинули командири. Наші хлопці тримаються героїчно. Ворог несе величезні втрати, "
           "тисячі вбитих."),
}


@pytest.mark.parametrize("lang", sorted(TEXTS))
@pytest.mark.parametrize("kind", sorted(PAIRS))
def test_mirror_same_kind_of_writer_on_either_side(pipes: dict[str, Pipeline], kind: str, lang: str) -> None:
    """The same text from a Russian and from a Ukrainian writer of the same kind: every side mirrored."""
    ru_src, ua_src = PAIRS[kind]
    ru = _sides(pipes["v14"], TEXTS[lang], ru_src)
    ua = _sides(pipes["v14"], TEXTS[lang], ua_src)
    assert ru, "the text should carry indicators"
    assert [(i, s, MIRROR.get(side, side)) for i, s, side in ru] == ua
    assert {side for _, _, side in ru} & {"ru", "ua"}, "a mirror of unknowns only would test nothing"


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_fallback_by_kind_not_by_side(lang: str) -> None:
    """A complaint with no force near it: an own channel's is its own side's, an official voice's the other side's
    (praise: its own), a writer of unknown kind gives none; the same for both sides and both languages."""
    doc = Document(text="x")
    for writer in ("ru", "ua"):
        assert slavic_v14.fallback("milblogger", "supply_shortage", writer) == writer
        assert slavic_v14.fallback("news", "heavy_losses", writer) == writer
        assert slavic_v14.fallback("official", "heavy_losses", writer) == MIRROR[writer]
        assert slavic_v14.fallback("official", "morale_high", writer) == writer
        assert slavic_v14.fallback(None, "supply_shortage", writer) is None
    assert slavic_v14.writer_kind(doc) is None


def test_russian_text_from_a_ukrainian_channel_reads_nashi_as_ukraine(pipes: dict[str, Pipeline]) -> None:
    """«наши» in a Russian-language post of a channel the knowledge base gives Ukraine's side (its sources list:
    Украинская правда, ua): Ukraine's forces; v13 read them by the language as Russia's."""
    text = "Наши бойцы держатся героически."
    src = "Telegram channel: Украинская правда"
    v14 = _sides(pipes["v14"], text, src)
    assert v14 and {side for _, _, side in v14} == {"ua"}
    assert {side for _, _, side in _sides(pipes["v13"], text, src)} == {"ru"}


def test_unknown_kind_gives_no_fallback_and_variant_b_no_writer(pipes: dict[str, Pipeline]) -> None:
    """A channel the knowledge base does not know: v13 gives a Russian-language complaint to Russia by its language;
    v14 (variant A) keeps the language's writer for «наши» but gives the unattributed complaint no side, variant B
    neither."""
    src = "Telegram channel: Северный ветер"
    lack = "Снарядов нет."
    assert [s for _, _, s in _sides(pipes["v13"], lack, src)] == ["ru"]
    assert [s for _, _, s in _sides(pipes["v14"], lack, src)] == ["unknown"]
    ours = "Наши бойцы держатся героически."
    assert {s for _, _, s in _sides(pipes["v14"], ours, src)} == {"ru"}
    assert {s for _, _, s in _sides(pipes["v14b"], ours, src)} == {"unknown"}


def test_russian_passage_of_a_ukrainian_address_keeps_the_ukrainian_writer(pipes: dict[str, Pipeline]) -> None:
    text = ("Слава Україні! Наші захисники тримаються героїчно, ми вистояли.\n\n"
            "А теперь к гражданам России. Ваших солдат бросают на убой, их просто не жалеют, тысячи погибших.")
    items = _sides(pipes["v14"], text, _address("Володимир Зеленський"))
    russian = [side for _, start, side in items if start >= text.index("А теперь")]
    assert russian and set(russian) == {"ru"}  # «ваших» soldiers, in a Ukrainian writer's words: Russia's
    assert _sides(pipes["v13"], text, _address("Володимир Зеленський")) == items


def test_v14_with_the_languages_voice_is_v13(pipes: dict[str, Pipeline]) -> None:
    """v14's composition is v13's: with the language's writer and v13's fallback it finds exactly v13's items."""
    for text in (*TEXTS.values(), "Командиры бросили раненых и сбежали. Мобилизованных отправили на штурм без "
                 "подготовки, пехоту перемололи."):
        doc = pipes["v13"].run(Document(text=text))
        v13 = sorted((i.indicator, i.start, i.end, i.subject_side, i.rule) for i in doc.indicators
                     if (i.rule or "").startswith("ruuk:"))
        same = slavic_v14.tag_v14(doc, how=(slavic.WRITER.get(doc.language or ""), slavic.fallback_side))
        assert v13 and sorted((i.indicator, i.start, i.end, i.subject_side, i.rule) for i in same) == v13


def test_bad_option_value_is_refused() -> None:
    with pytest.raises(PipelineError) as e:
        _pipe("v14", "guess").run(Document(text="Снарядов нет, нас кинули командиры."))
    assert e.value.code == "E105"


def test_writers_file_kinds() -> None:
    kinds = slavic_v14.writers()
    assert kinds["стрелков игорь иванович"] == "milblogger" and kinds["mash"] == "news"
    assert set(kinds.values()) <= slavic_v14.KINDS


def test_v13_dump_unchanged(shared: Path, tmp_path: Path) -> None:
    """v13's output over the three ru/uk corpora is the session-15 output (md5 5f0e57a5...): v14's hook in
    :func:`.slavic.tag` changes no earlier version."""
    out = tmp_path / "v13.jsonl"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "ruuk_indicator_dump.py"), "--version",
                    "indicators.ruuk.v13", "--shared", str(shared), "--out", str(out)], check=True,
                   capture_output=True, env={"PYTHONPATH": str(ROOT / "src")})
    assert hashlib.md5(out.read_bytes()).hexdigest().startswith("5f0e57a5")
    assert all(json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines())
