"""Worst-case text (session 12, h-hostile8): does any stage of the default pipeline take super-linear time?

For each adversarial family of text (English and Russian/Ukrainian: huge paragraphs, sentences and tokens,
repeated sentences and cue phrases of every indicator rule group, unbalanced and nested quotation marks, dialogue
dashes, names, numbers, places, page furniture, interviews of thousands of turns, Unicode oddities, punctuation)
this builds one document of N, 2N, 4N and 8N characters (5 KB to 40 KB), runs it through the cleaning step and
every stage of the default pipeline as ``analyze`` does (a ``.txt`` input), timing each step by CPU time, and
reports the growth exponent: log2 of the time ratio per doubling of the text, fitted over the four sizes (1 is
linear, 2 quadratic). An exponent above 1.3 is flagged, for the whole document and for a step that takes a
noticeable share of it. Where the four sizes are cheap, the family also runs at 1 MB in a forked child, whose
peak resident memory is reported with its time; the exponent from 8N to 1 MB shows a super-linear term too small
to see below 40 KB.

Timings are reported, never asserted (tests/test_growth.py and tests/test_linear_time.py assert bounds loose
enough for a shared machine). Results go to bench/complexity.json. Under three minutes on an idle core:

    PYTHONPATH=src .venv/bin/python bench/complexity.py            # every family
    PYTHONPATH=src .venv/bin/python bench/complexity.py -k "quote|said"   # families whose name holds either
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from moralewatch import lexicons
from moralewatch.clean import to_document
from moralewatch.clean.document import RejectedInput
from moralewatch.ingest import RawInput
from moralewatch.pipeline import Pipeline
from moralewatch.runner import DocumentTimeout, time_budget
from moralewatch.stages import REGISTRY, default_pipeline

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "moralewatch" / "data"
KB = 1000
SIZES = (5 * KB, 10 * KB, 20 * KB, 40 * KB)
BIG = 1_000_000
#: growth exponents above this are flagged
FLAG = 1.3
#: a step is judged only when it takes at least this share of the document's time at 8N, and this many seconds
#: (a step of a millisecond is all noise)
STEP_SHARE, STEP_SECONDS = 0.1, 0.02
#: a run that takes longer than this is a hang: the family stops there
HANG = 30
#: the 1 MB point runs when the 40 KB run, scaled linearly to 1 MB, would take less than this (CPU seconds)
BIG_BUDGET = 4.0
#: small runs are repeated until this much CPU time is spent (at most REPEATS times); the fastest counts
MIN_SPENT, REPEATS = 0.2, 5


# -- the families -------------------------------------------------------------------------------------------------

def repeated(unit: str) -> Callable[[int], str]:
    def make(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]
    return make


def framed(head: str, unit: str, tail: str) -> Callable[[int], str]:
    """A head, one unit repeated, a tail: one huge quote, one huge token in a sentence."""
    def make(size: int) -> str:
        body = size - len(head) - len(tail)
        return head + (unit * (body // len(unit) + 1))[:body] + tail
    return make


def interleaved(units: list[str]) -> Callable[[int], str]:
    """The units in turn, repeated: one example of every rule of a group, again and again."""
    return repeated("".join(units))


# The cue phrases: real triggers of the rules, one family per rule group (the English cue files and the sections of
# the Russian/Ukrainian cues.txt). Each is checked against its group's rules when the bench starts (a phrase that no
# longer matches would test nothing): see check_triggers.
EN_TRIGGERS: dict[str, list[str]] = {
    "betrayed_by_command": ["abandoned by their commanders", "our commanders betrayed us", "left to die by the command"],
    "casualty_concealment": ["the bodies were never returned", "hid the real losses", "families were not told"],
    "coerced": ["threatened to shoot them if they retreated", "forced at gunpoint to attack", "barrier troops"],
    "deceived": ["they were lied to", "they were deceived by their commanders"],
    "expendable": ["cannon fodder", "thrown into meat assaults", "used as cannon fodder"],
    "fear": ["the soldiers are terrified", "fear of being killed", "they are afraid to go to the front"],
    "forced_recruitment": ["forcibly mobilised", "rounded up men in the street", "recruiting prisoners"],
    "heavy_losses": ["suffered heavy losses", "lost hundreds of men", "the brigade was wiped out"],
    "morale_boosting": ["medals to boost morale", "awarded the Order of Courage"],
    "morale_high": ["morale is high", "the troops are in high spirits", "determined to fight to the end"],
    "morale_low": ["morale is low", "the soldiers are exhausted", "demoralised troops"],
    "orders_against_civilians": ["ordered to shoot civilians", "ordered to kill anyone"],
    "sabotage": ["sabotaged their own vehicles", "punctured their own fuel tanks"],
    "supply_shortage": ["ran out of ammunition", "no food and no water", "a shortage of shells"],
    "surrender_desertion": ["surrendered", "soldiers deserted their posts", "refused to fight", "raised a white flag"],
    "trauma": ["suffering from PTSD", "shell-shocked soldiers", "nightmares about the front"],
    "untrained": ["sent to the front with no training", "untrained recruits", "barely trained conscripts"],
    "unwilling": ["did not want to fight", "did not know why they were fighting", "unwilling to fight"],
}
RU_TRIGGERS: dict[str, list[str]] = {  # the sections of data/ruuk/indicators/cues.txt (Russian and Ukrainian)
    "expendable": ["пушечное мясо", "гарматне м'ясо", "любой ценой", "отправляют на смерть"],
    "surrender_desertion": ["сдались в плен", "здалися в полон", "дезертиры", "отказались воевать", "бегут с позиций"],
    "betrayed_by_command": ["нас бросили", "нас кинули", "предательство командования"],
    "coerced": ["заградотряды", "под угрозой расстрела", "в яму"],
    "forced_recruitment": ["хватают на улицах", "бусифікація", "насильно мобилизованы"],
    "heavy_losses": ["огромные потери", "великі втрати", "двухсотые"],
    "supply_shortage": ["нет снарядов", "немає снарядів", "не хватает боеприпасов", "без еды и воды"],
    "morale_low": ["моральный дух упал", "устали воевать", "втомилися воювати"],
    "morale_high": ["боевой дух высок", "міцно тримають позиції"],
    "fear": ["боятся идти на штурм", "в ужасе"],
    "untrained": ["без подготовки", "необученные мобилизованные"],
    "unwilling": ["не хотят воевать", "не хочуть воювати"],
    "deceived": ["обманули контрактников", "бессрочный контракт"],
}


def distinct_places(size: int) -> str:
    """Ukrainian towns of the gazetteer, each named once, one paragraph ("Fighting near A, B, C, ..."), as many as
    fit (5,173 towns: about 60 KB; then they come round again)."""
    names = _ukrainian_towns()
    parts, n, k = ["Fighting near "], 14, 0
    while n < size:
        parts.append(names[k % len(names)] + ", ")
        n += len(parts[-1])
        k += 1
    return "".join(parts)[:size]


_TOWNS: list[str] = []


def _ukrainian_towns() -> list[str]:
    if not _TOWNS:
        with open(DATA / "gazetteer" / "places.tsv", encoding="utf-8") as fh:
            for line in fh:
                row = line.split("\t")
                if len(row) > 3 and row[2] == "city" and row[3] == "UA" and row[1].isalpha():
                    _TOWNS.append(row[1])
    return _TOWNS


def _cue_sentences_en(examples: list[str]) -> list[str]:
    return [f"Russian soldiers said {e}. " for e in examples]


def _cue_sentences_ru(examples: list[str]) -> list[str]:
    return [f"Российские солдаты рассказали, что {e}. " for e in examples]


def families() -> dict[tuple[str, str], Callable[[int], str]]:
    """(name, language) -> make(size)."""
    fam: dict[tuple[str, str], Callable[[int], str]] = {}

    def add(name: str, lang: str, make: Callable[[int], str]) -> None:
        assert (name, lang) not in fam, (name, lang)
        fam[name, lang] = make

    # long paragraphs, sentences, tokens
    add("paragraph without sentence ends (lines)", "en", repeated("the soldiers walked along the road and talked\n"))
    add("paragraph without sentence ends (lines)", "ru", repeated("солдаты шли по дороге и говорили о доме\n"))
    add("one huge sentence", "en", framed("The soldiers", " walked and talked, and said", "."))
    add("one huge sentence", "ru", framed("Солдаты", " шли и говорили, и сказали", "."))
    add("one huge sentence", "uk", framed("Солдати", " йшли і говорили, і сказали", "."))
    add("huge token: letters", "en", framed("The word ", "a", " ends here."))
    add("huge token: letters", "ru", framed("Слово ", "ж", " конец."))
    add("huge token: digits", "en", framed("The number ", "7", " ends here."))
    add("huge token: punctuation", "en", framed("The mark ", "!?.,;:", " ends here."))
    add("huge token: a URL", "en", framed("See https://example.com/", "a/b-c_d", " for more."))
    add("huge token: hyphenated", "en", framed("A ", "Word-", "end."))
    # repeated sentences
    add("repeated sentences", "en", repeated("The soldiers said they were tired of the war. "))
    add("repeated sentences", "ru", repeated("Солдаты сказали, что устали от войны. "))
    add("repeated sentences", "uk", repeated("Солдати сказали, що втомилися від війни. "))
    add("repeated paragraphs", "en", repeated("The soldiers said they were tired of the war.\n\n"))
    # the cue phrases of every rule group
    for group, examples in EN_TRIGGERS.items():
        add(f"cues: {group}", "en", interleaved(_cue_sentences_en(examples)))
    for group, examples in RU_TRIGGERS.items():
        add(f"cues: {group}", "ru/uk", interleaved(_cue_sentences_ru(examples)))
    add("cues of every group, no sentence end", "en",
        interleaved([f"{e}, " for ex in EN_TRIGGERS.values() for e in ex]))
    add("cues of every group, no sentence end", "ru/uk",
        interleaved([f"{e}, " for ex in RU_TRIGGERS.values() for e in ex]))
    add("cue repeated, no sentence end", "en", repeated("surrendered the "))
    add("cue repeated, no sentence end", "ru", repeated("сдались в плен "))
    # quotation marks
    add("unbalanced quote", "en", framed('He said: "', "we are tired and ", "."))
    add("unbalanced quote", "ru", framed("Он сказал: «", "мы устали и ", "."))
    add("deeply nested quotes", "en", framed("He said ", "“she said ‘", "we are tired.’”"))
    add("deeply nested quotes", "ru", framed("Он сказал ", "«она сказала „", "мы устали“»."))
    add("nested quotes, balanced", "en", repeated("“He said ‘we are tired’ and left,” she said. "))
    add("nested quotes, balanced", "ru", repeated("«Он сказал „мы устали“ и ушёл», — сказала она. "))
    add("thousands of quote marks: straight", "en", repeated('"'))
    add("thousands of quote marks: curly", "en", repeated("“”"))
    add("thousands of quote marks: guillemets", "ru", repeated("«»"))
    add("thousands of quote marks: low-high", "uk", repeated("„“"))
    add("thousands of quote marks: apostrophes", "en", repeated("'"))
    add("quote marks between words", "en", repeated('" we ” said ‘ they ’ '))
    add("quoted sentences with speakers", "en", repeated("“We have no shells,” a soldier said. "))
    add("quoted sentences with speakers", "ru", repeated("«У нас нет снарядов», — сказал боец. "))
    add("one huge quote", "en", framed("“", "We are tired and we have no shells and ", "” he said."))
    add("one huge quote", "ru", framed("«", "Мы устали и у нас нет снарядов и ", "», — сказал боец."))
    # dialogue dashes
    add("«…, об этом сказали» repeated, one sentence", "ru", framed("Бойцы", " шли, об этом сказали", "."))
    add("dialogue dashes", "ru", repeated("— Мы устали, — сказал боец.\n"))
    add("dialogue dashes", "uk", repeated("— Ми втомилися, — сказав боєць.\n"))
    add("dialogue dashes", "en", repeated("— We are tired, the soldier said.\n"))
    add("dashes without text", "en", repeated("— "))
    # names, titles, numbers, dates, places
    add("titles and names said", "en", repeated("President Volodymyr Zelensky said "))
    add("titles and names said", "ru", repeated("Президент Владимир Путин заявил, что "))
    add("titles and names said", "uk", repeated("Президент Володимир Зеленський заявив, що "))
    add("titles run together", "en", repeated("Colonel General Lieutenant "))
    add("capitalised words", "en", repeated("Word Another Name "))
    add("capitalised words", "ru", repeated("Слово Иванов Петров "))
    add("numbers and dates", "en", repeated("On March 3, 2022, 1,234 soldiers and 56 tanks "))
    add("numbers and dates", "ru", repeated("3 марта 2022 года 1234 солдата и 56 танков "))
    add("relative dates", "en", repeated("last Tuesday, two days later, in the spring of 2022, "))
    add("place names", "en", repeated("Bakhmut, Avdiivka, Kharkiv, Kupiansk, "))
    add("place names", "ru", repeated("в Бахмуте, Авдеевке, Харькове, Купянске, "))
    add("place names", "uk", repeated("у Бахмуті, Авдіївці, Харкові, Куп'янську, "))
    add("distinct place names (the gazetteer's Ukrainian towns)", "en", distinct_places)
    add("single-reading places in context", "ru", repeated("Купянск, Торецк, Курахово, Андреевка, Зелёное, "))
    for v in ("v5", "v6"):
        add(f"single-reading places in context (entities.ruuk.{v})", "ru",
            repeated("Купянск, Торецк, Курахово, Андреевка, Зелёное, "))
    add("organisations", "en", repeated("the Ministry of Defence of Russia and the Armed Forces of Ukraine "))
    # furniture, interviews
    add("menu lines", "en", repeated("Home | News | World | Sport | Video\n"))
    add("markdown nav", "en", repeated("* [Home](/) [News](/news) [World](/world)\n"))
    add("html-ish furniture", "en", repeated("<li><a href='/news'>News</a></li>\n"))
    add("repeated nav around text", "en", repeated("Share this article\nThe soldiers said they were tired.\n"))
    add("interview: Name: turns", "en", repeated("SMITH: We are tired.\nJONES: Why are you tired?\n"))
    add("interview: Q/A turns", "en", repeated("Q: Are you tired?\nA: Yes, we have no shells.\n"))
    add("interview: Name: turns", "ru", repeated("Иванов: Мы устали.\nПетров: Почему вы устали?\n"))
    add("interview: one speaker", "en", repeated("Soldier: We have no shells and no food.\n"))
    add("timestamped transcript", "en", repeated("[00:01:02] SPEAKER 1: We have no shells.\n"))
    # Unicode
    add("mixed scripts", "en", repeated("aж Bakhmutбахмут солдатsoldier "))
    add("combining characters", "en", repeated("e\u0301\u0302\u0303 "))
    add("combining characters in a word", "ru", repeated("сол\u0301дат\u0300"))
    add("zero-width joiners", "en", repeated("sol\u200ddi\u200cer\u200b "))
    add("RTL marks", "en", repeated("\u200fword \u202eдраw\u202c \u200e"))
    add("emoji", "en", repeated("😀👍🏽👨‍👩‍👧 🇺🇦 "))
    add("emoji in sentences", "ru", repeated("Бойцы 🇺🇦 устали 😢 нет снарядов 💥. "))
    # punctuation
    add("lines of only punctuation", "en", repeated("-----\n*****\n.....\n=====\n"))
    add("punctuation without lines", "en", repeated("!?.,;:-()[]{}"))
    add("ellipses", "en", repeated("wait... "))
    add("brackets", "en", repeated("(a [b {c "))
    return fam


#: families that exercise a stage version the default pipeline does not run: that version in its family's place
#: (entities.ruuk.v2-v5 weigh places in context, session 13; the default runs v1)
VERSIONS = {("single-reading places in context", "ru"): "entities.ruuk.v3",
            # session 13, h-hostile9b: v4-v6's support asked every anchor for each mention
            ("single-reading places in context (entities.ruuk.v5)", "ru"): "entities.ruuk.v5",
            ("single-reading places in context (entities.ruuk.v6)", "ru"): "entities.ruuk.v6"}


def pipeline_for(name: str, lang: str, default: Pipeline) -> Pipeline:
    version = VERSIONS.get((name, lang))
    if version is None:
        return default
    family = version.rsplit(".", 1)[0] + "."
    return Pipeline(tuple(version if n.startswith(family) else n for n in default.names), None, REGISTRY)


#: the families that also run at 1 MB (one of each kind; when their 40 KB run is cheap and not flagged)
BIG_FAMILIES = {
    ("paragraph without sentence ends (lines)", "en"), ("huge token: letters", "en"), ("huge token: a URL", "en"),
    ("repeated sentences", "en"), ("repeated sentences", "ru"), ("cues: surrender_desertion", "en"),
    ("cues: supply_shortage", "ru/uk"), ("unbalanced quote", "en"), ("one huge quote", "en"),
    ("thousands of quote marks: straight", "en"), ("thousands of quote marks: guillemets", "ru"),
    ("dialogue dashes", "ru"), ("titles and names said", "en"), ("place names", "en"), ("place names", "uk"),
    ("menu lines", "en"), ("interview: Name: turns", "en"), ("mixed scripts", "en"), ("combining characters", "en"),
    ("zero-width joiners", "en"), ("emoji", "en"), ("lines of only punctuation", "en"),
}


def check_triggers() -> list[str]:
    """The cue phrases that match none of their group's rules (a stale list tests nothing): reported in the JSON."""
    stale: list[str] = []
    for group, examples in EN_TRIGGERS.items():
        lines = (DATA / "indicators" / "cues" / f"{group}.txt").read_text(encoding="utf-8").lower()
        for e in examples:
            if not _any_rule_matches(lines, e.lower(), en=True):
                stale.append(f"en {group}: {e}")
    ru = (DATA / "ruuk" / "indicators" / "cues.txt").read_text(encoding="utf-8")
    for group, examples in RU_TRIGGERS.items():
        rules = [ln.split(" :: ", 1)[1] for ln in ru.splitlines()
                 if " :: " in ln and not ln.startswith("#") and group in ln.split()[0].split(",")]
        for e in examples:
            if not any(re.search(r"(?<!\w)(?:" + r + ")", e.lower()) for r in rules):
                stale.append(f"ru/uk {group}: {e}")
    return stale


def _any_rule_matches(lines: str, example: str, en: bool) -> bool:
    for ln in lines.splitlines():
        if " :: " not in ln or ln.startswith("#"):
            continue
        pattern = ln.split(" :: ")[1]
        pattern = re.sub(r"\{[a-z_]+\}", r"\\w+", pattern)  # a macro ({force}) stands for some word
        try:
            if re.search(pattern, example):
                return True
        except re.error:
            continue
    return False


# -- timing -------------------------------------------------------------------------------------------------------

def run_once(pipe: Pipeline, text: str) -> dict[str, float]:
    """CPU seconds of the cleaning step and of each stage, as ``Pipeline.run`` runs them (the stages themselves)."""
    times: dict[str, float] = {}
    t = time.process_time()
    try:
        doc = to_document(RawInput("-", format="txt", text=text))
    except RejectedInput:
        times["clean"] = time.process_time() - t
        return times
    times["clean"] = time.process_time() - t
    for st in pipe.stages:
        outer = lexicons.loading_for(st.name)  # as Pipeline.run: a stage loads only the data files it declares
        t = time.process_time()
        try:
            st.func(doc, pipe.configs[st.name])
        finally:
            lexicons.loading_for(outer)
        times[st.name] = time.process_time() - t
        doc.done.update(st.provides)
    return times


def best_of(pipe: Pipeline, text: str) -> dict[str, float]:
    """The fastest of a few runs, per step (other work on the machine only ever adds time)."""
    best: dict[str, float] = {}
    spent = 0.0
    for _ in range(REPEATS):
        gc.collect()
        with time_budget(HANG):
            times = run_once(pipe, text)
        for k, v in times.items():
            best[k] = min(best.get(k, v), v)
        spent += sum(times.values())
        if spent >= MIN_SPENT:
            break
    best["total"] = sum(v for k, v in best.items() if k != "total")
    return best


def exponent(sizes: list[int], secs: list[float]) -> float | None:
    """The least-squares slope of log(time) over log(size): the growth exponent (1 linear, 2 quadratic)."""
    pts = [(math.log(n), math.log(s)) for n, s in zip(sizes, secs) if s > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    den = sum((x - mx) ** 2 for x, _ in pts)
    return round(sum((x - mx) * (y - my) for x, y in pts) / den, 2) if den else None


def big_point(pipe: Pipeline, text: str) -> dict[str, Any]:
    """One run at 1 MB in a forked child: its CPU time per step and its peak RSS (and the parent's RSS at the fork,
    which the child starts with)."""
    base_kb = _rss_kb()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, write the times, leave without cleanup
        os.close(r)
        try:
            with time_budget(HANG * 4):
                out: dict[str, Any] = run_once(pipe, text)
        except DocumentTimeout:
            out = {"hang": True}
        except BaseException as e:  # noqa: BLE001 - reported, not raised
            out = {"error": f"{type(e).__name__}: {e}"[:300]}
        os.write(w, json.dumps(out).encode())
        os._exit(0)
    os.close(w)
    chunks = []
    while chunk := os.read(r, 65536):
        chunks.append(chunk)
    os.close(r)
    _, _, usage = os.wait4(pid, 0)
    result: dict[str, Any] = json.loads(b"".join(chunks) or b'{"error": "no result"}')
    if "hang" not in result and "error" not in result:
        result["total"] = sum(result.values())
    result["peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)
    result["rss_at_fork_mb"] = round(base_kb / 1024, 1)
    return result


def _rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def measure(name: str, lang: str, make: Callable[[int], str], pipe: Pipeline, big: bool) -> dict[str, Any]:
    row: dict[str, Any] = {"family": name, "lang": lang, "sizes": list(SIZES), "seconds": [], "steps": {}}
    per_step: dict[str, list[float]] = {}
    for n in SIZES:
        text = make(n)
        assert len(text) == n, (name, len(text), n)
        try:
            best = best_of(pipe, text)
        except DocumentTimeout:
            row["hang_at"] = n
            break
        row["seconds"].append(round(best["total"], 5))
        for k, v in best.items():
            if k != "total":
                per_step.setdefault(k, []).append(v)
    secs = row["seconds"]
    row["exponent"] = exponent(list(SIZES[:len(secs)]), secs)
    row["per_doubling"] = [round(math.log2(b / a), 2) if a > 0 and b > 0 else None for a, b in zip(secs, secs[1:])]
    total_8n = secs[-1] if secs else 0.0
    for step, vals in per_step.items():
        if len(vals) != len(secs):
            continue  # rejected as furniture at some sizes
        e = exponent(list(SIZES[:len(vals)]), vals)
        judged = vals[-1] >= STEP_SECONDS and vals[-1] >= STEP_SHARE * total_8n
        row["steps"][step] = {"seconds": [round(v, 5) for v in vals], "exponent": e, "judged": judged}
    flagged_steps = [s for s, d in row["steps"].items() if d["judged"] and (d["exponent"] or 0) > FLAG]
    row["flagged_steps"] = flagged_steps
    row["flag"] = "hang_at" in row or (row["exponent"] or 0) > FLAG or bool(flagged_steps)
    projected = secs[-1] * BIG / SIZES[-1] if secs else math.inf
    if big and row["flag"]:
        row["big_skipped"] = "super-linear below 40 KB"
    elif big and projected >= BIG_BUDGET:
        row["big_skipped"] = f"about {projected:.0f} s at 1 MB"
    if big and "big_skipped" not in row:
        b = big_point(pipe, make(BIG))
        row["big"] = {"size": BIG, **b}
        if "total" in b and secs[-1] > 0:
            row["big"]["exponent_from_8n"] = round(math.log(b["total"] / secs[-1]) / math.log(BIG / SIZES[-1]), 2)
            if row["big"]["exponent_from_8n"] > FLAG:
                row["flag"] = True
        elif "hang" in b or "error" in b:
            row["flag"] = True
    return row


def _fmt(row: dict[str, Any]) -> str:
    secs = " ".join(f"{s * 1000:8.1f}" for s in row["seconds"])
    big = row.get("big", {})
    big_s = (f"{big['total']:7.2f}s {big.get('exponent_from_8n', 0):4.2f} {big['peak_rss_mb']:5.0f}MB"
             if "total" in big else (" hang" if "hang" in big else ""))
    e = row["exponent"]
    mark = " <-- " + ", ".join(row["flagged_steps"] or ["total"]) if row["flag"] else ""
    hang = f" HANG at {row['hang_at']}" if "hang_at" in row else ""
    return f"{row['lang']:5} {row['family'][:44]:44} {secs} ms  e={e if e is not None else '-':<5}{big_s}{hang}{mark}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-k", default="", help="only the families whose name contains this (or whose language is it); "
                    "several separated by |")
    ap.add_argument("--no-big", action="store_true", help="skip the 1 MB points")
    ap.add_argument("--out", default=str(ROOT / "bench" / "complexity.json"))
    ap.add_argument("--commit", default="", help="the commit of the sources measured (default: this tree's HEAD)")
    args = ap.parse_args(argv)
    pipe = default_pipeline()
    best_of(pipe, "Warm-up. «Разогрев», — сказал он. “Warm,” he said. Зеленський заявив, що бійці втомилися.")
    fam = families()
    t0, cpu0 = time.perf_counter(), time.process_time()
    rows = []
    print(f"{'lang':5} {'family':44} {'  '.join(f'{n // KB:>5} KB' for n in SIZES)}  exponent  1 MB: CPU s, exponent "
          "from 40 KB, peak RSS")
    for (name, lang), make in fam.items():
        if args.k and not any(k in name or k == lang for k in args.k.split("|")):
            continue
        row = measure(name, lang, make, pipeline_for(name, lang, pipe),
                      big=not args.no_big and (name, lang) in BIG_FAMILIES)
        if (name, lang) in VERSIONS:
            row["stage"] = VERSIONS[name, lang]
        rows.append(row)
        print(_fmt(row), flush=True)
    flagged = [f"{r['lang']} {r['family']}" for r in rows if r["flag"]]
    out = {
        "what": "growth of the default pipeline's CPU time with the size of adversarial documents (bench/complexity.py)",
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": args.commit or _commit(),
        "python": platform.python_version(),
        "load_before": os.getloadavg()[0],
        "pipeline": pipe.names,
        "sizes": list(SIZES), "big": BIG, "flag_above": FLAG,
        "seconds_total": round(time.perf_counter() - t0, 1),
        "cpu_seconds_total": round(time.process_time() - cpu0 + _children_cpu(), 1),
        "stale_triggers": check_triggers(),
        "flagged": flagged,
        "families": rows,
    }
    Path(args.out).write_text(dumps(out), encoding="utf-8")
    print(f"{len(rows)} families in {out['seconds_total']} s ({out['cpu_seconds_total']} CPU s); flagged (exponent > {FLAG}): {len(flagged)}"
          + "".join(f"\n  {f}" for f in flagged))
    if out["stale_triggers"]:
        print("cue phrases that match no rule of their group:", *out["stale_triggers"], sep="\n  ")
    print(f"peak RSS at 1 MB: max {max((r['big']['peak_rss_mb'] for r in rows if 'big' in r), default=0):.0f} MB")
    return 0


def dumps(out: dict[str, Any]) -> str:
    """The results as JSON, one line a family."""
    head = json.dumps({k: v for k, v in out.items() if k != "families"}, indent=1, ensure_ascii=False)
    rows = ",\n  ".join(json.dumps(r, ensure_ascii=False) for r in out["families"])
    return head[:-2] + f',\n "families": [\n  {rows}\n ]\n}}\n'


def _children_cpu() -> float:
    """CPU seconds of the forked 1 MB runs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=False).stdout.strip()
    except OSError:
        return ""


if __name__ == "__main__":
    sys.exit(main())
