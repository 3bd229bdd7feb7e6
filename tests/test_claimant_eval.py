"""`moralewatch eval indicators`: the claimant of matched items (side, and name where the gold names one)."""

from __future__ import annotations

from moralewatch.eval.indicators import GoldDoc, own_names, same_claimant, score


def item(ind: str, s: int, e: int, claimant: str | None, side: str, **kw: object) -> dict:
    return {"indicator": ind, "start": s, "end": e, "subject_side": "ru", "claimant": claimant,
            "claimant_side": side, **kw}


def test_names_fold_case_endings_spellings_and_surnames() -> None:
    assert same_claimant("Стрелков", "Стрелкова")  # the quote stage's case endings
    assert same_claimant("Игорь Стрелков", "Стрелков") and same_claimant("Стрелков", "Игорь Стрелков")
    assert same_claimant("Володимир Зеленський", "Зеленский")  # the Ukrainian and Russian spellings
    assert same_claimant("РДС (источник в 87-м полку)", "РДС")  # a parenthesis is a description
    assert same_claimant("минобороны рф", "Минобороны РФ")
    assert not same_claimant("Минобороны РФ", "РФ")  # an acronym is no surname
    assert not same_claimant("Стрелков", "Шойгу") and not same_claimant("Стрелков", None)


def test_own_voice_is_writer_or_the_channel_or_speaker_of_the_source() -> None:
    channel = "Telegram channel: Русский Манифест | Пресса РДС"
    assert own_names(channel) == ["Русский Манифест | Пресса РДС", "Русский Манифест", "Пресса РДС"]
    assert same_claimant("writer", "writer")
    assert same_claimant("Русский Манифест (РДС)", "writer", channel)
    assert same_claimant("writer", "Русский Манифест", channel)
    assert not same_claimant("Mash", "writer", channel)  # another channel is not this one's own voice
    address = "Ukrainian official video address, speaker: Володимир Зеленський (compiled by resistinua)"
    assert same_claimant("Володимир Зеленський", "writer", address)
    assert not same_claimant("Шмигаль", "writer", address)


def test_score_counts_claimant_side_and_name_on_matches_only() -> None:
    gold = GoldDoc("d", "x" * 100, [item("fear", 0, 10, "Стрелков", "ru"), item("trauma", 20, 30, "writer", "ru"),
                                    item("expendable", 40, 50, "", "ua"), item("coerced", 60, 70, "Mash", "ru")],
                   source="Telegram channel: Mash")
    preds = {"d": [item("fear", 0, 10, "Стрелкова", "ua"), item("trauma", 20, 30, "writer", "ru"),
                   item("expendable", 40, 50, None, "ua"), item("morale_low", 60, 70, "writer", "ru")]}
    s = score([gold], preds).as_dict()
    assert s["tp"] == 3  # morale_low is no match: its claimant is not scored
    assert (s["claimant_side_right"], s["claimant_side_agreement"]) == (2, 0.6667)
    assert (s["claimant_named"], s["claimant_right"], s["claimant_accuracy"]) == (2, 2, 1.0)
    assert s["claimant_predicted"] == 2
