"""A CheckList suite (Ribeiro et al. 2020) for the Russian and Ukrainian morale indicators (issue 17, session 15).

Templates of the constructions codebook v1.1 defines, written from the codebook and gold/ruuk/README.md's conventions
(never from a gold item), in Russian AND Ukrainian, filled from slot lists and inflected with pymorphy3
(:func:`moralewatch.morphology.analyzer`). Deterministic: :func:`cases` returns the same list on every call.

Test types:

* ``MFT`` (minimum functionality): a soldier's statement of the indicator, bare or framed by a speaker of either army;
  found, with the speaker's army as the subject side where the frame names it («мы», «нас», «у нас» are the
  speaker's own army; codebook: heavy losses "in the speaker's own unit or force").
* ``INV`` (invariance): ``army`` swaps the speaker's army (only the side changes; a prisoner whose army nothing names
  gets ``unknown``: codebook, a side is not guessed); ``clause`` adds a place or a time (nothing changes);
  ``civilian`` puts civilians in the soldiers' place and ``sense`` uses the cue words in another sense (codebook
  exclusions and rule 13: no indicator).
* ``DIR`` (directional): ``hedge`` adds якобы / вроде бы / возможно / нібито / можливо (the item becomes hedged);
  ``negation`` denies the claim («снарядов хватает»; the item disappears or is negated).

Each case names what it expects (:class:`Case`); :func:`verdict` judges a case from the items found on its text and
on its base's text (INV ``army``/``clause``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from moralewatch.morphology import analyzer

LANGS = ("ru", "uk")
#: a neutral first line per language (no cue, no actor, no military word): the document's language is then read from
#: a paragraph of ordinary length, as in a real post, and the case sentence is its own paragraph
HEADER = {"ru": "Обзор событий за сегодня, подробности ниже.", "uk": "Огляд подій за сьогодні, подробиці нижче."}


@dataclass(frozen=True)
class Case:
    id: str
    lang: str
    indicator: str
    test: str  # MFT, INV, DIR
    kind: str  # found, army, clause, civilian, sense, hedge, negation
    template: str  # the template's name (failures are reported by template)
    text: str  # the case sentence (the document is HEADER, a blank line, then this)
    side: str | None = None  # the expected subject side (None: any)
    base: str | None = None  # INV army/clause: the text the case is compared with


Item = tuple[str, str, bool, bool]  # indicator, subject side, hedged, negated


def document(case: Case) -> str:
    return f"{HEADER[case.lang]}\n\n{case.text}"


def verdict(case: Case, items: Sequence[Item], base: Sequence[Item] = ()) -> str | None:
    """None when ``case`` passes on ``items`` (found on its text; ``base``: on its base's), else why it fails."""
    mine = [i for i in items if i[0] == case.indicator]
    if case.kind in ("civilian", "sense"):
        return None if not [i for i in mine if not i[3]] else "found"
    if case.kind == "negation":
        return None if all(i[3] for i in mine) else "found, not negated"
    if not mine:
        return "missed"
    if case.kind == "hedge" and not any(i[2] for i in mine):
        return "not hedged"
    if case.side is not None and case.side not in {i[1] for i in mine}:
        return "side " + "/".join(sorted({i[1] for i in mine}))
    if case.kind == "army" and {i[0] for i in items} != {i[0] for i in base}:
        return "other indicators changed"
    if case.kind == "clause" and sorted(set(items)) != sorted(set(base)):
        return "changed"
    return None


# -- slots -------------------------------------------------------------------------------------------------------

#: supplies: (lemma, number the frames use) per language; a mass noun stays singular
SUPPLIES = {
    "ru": (("снаряд", "plur"), ("боеприпас", "plur"), ("патрон", "plur"), ("еда", "sing"), ("вода", "sing"),
           ("топливо", "sing"), ("бронежилет", "plur"), ("дрон", "plur"), ("лекарство", "plur"), ("мина", "plur"),
           ("аптечка", "plur"), ("бк", "any")),
    "uk": (("снаряд", "plur"), ("боєприпас", "plur"), ("набій", "plur"), ("їжа", "sing"), ("вода", "sing"),
           ("пальне", "sing"), ("бронежилет", "plur"), ("дрон", "plur"), ("ліки", "plur"), ("міна", "plur"),
           ("аптечка", "plur"), ("бк", "any")),
}
#: forms pymorphy3 does not give (an adjective noun, an uncountable Ukrainian noun, an abbreviation)
IRREGULAR = {
    ("uk", "їжа"): {"gent": "їжі", "nomn": "їжа", "accs": "їжу", "ablt": "їжею"},
    ("uk", "пальне"): {"gent": "пального", "nomn": "пальне", "accs": "пальне", "ablt": "пальним"},
    ("ru", "бк"): {"gent": "БК", "nomn": "БК", "accs": "БК", "ablt": "БК"},
    ("uk", "бк"): {"gent": "БК", "nomn": "БК", "accs": "БК", "ablt": "БК"},
}


@cache
def form(lang: str, lemma: str, number: str, case: str) -> str:
    """``lemma`` in ``case`` and ``number`` (pymorphy3; the irregular ones from :data:`IRREGULAR`)."""
    if (lang, lemma) in IRREGULAR:
        return IRREGULAR[(lang, lemma)][case]
    for p in analyzer(lang).parse(lemma):
        if p.tag.POS == "NOUN":
            fixed = number == "any" or "Pltm" in p.tag or "Sgtm" in p.tag
            for want in ([{case}] if fixed else [{case, number}, {case}] if number == "sing" else [{case, number}]):
                got = p.inflect(want)
                if got is not None:
                    return str(got.word)
    raise ValueError(f"cannot inflect {lemma!r} ({lang}) to {case} {number}")


@cache
def ended(lang: str, lemma: str, number: str) -> str:
    """The past-tense ending «закончи-»/«закінчи-» takes with the noun (ru -лись/-лась/-лось/-лся, uk -лися/-лася/
    -лося/-вся: БК is masculine)."""
    if number in ("plur", "any") and lemma != "бк":
        return "лись" if lang == "ru" else "лися"
    tag = next(p.tag for p in analyzer(lang).parse(lemma) if p.tag.POS in ("NOUN", "ADJF")) if lemma != "бк" else ""
    if "femn" in tag:
        return "лась" if lang == "ru" else "лася"
    if "neut" in tag:
        return "лось" if lang == "ru" else "лося"
    return "лся" if lang == "ru" else "вся"


def _with(lang: str, word: str) -> str:
    """«с»/«з» before an instrumental, «со»/«зі» before a cluster («со снарядами», «зі снарядами»)."""
    cluster = len(word) > 1 and word[0].lower() in "сзшжщ" and word[1].lower() not in "аеёиоуыэюяіїєи"
    return ("со" if cluster else "с") if lang == "ru" else ("зі" if cluster else "з")


#: frames of a supply noun: (name, template); {gen} {nom} {acc} {ins} the noun's forms, {end} the verb's ending
SUPPLY_FRAMES = {
    "ru": (("нет X", "{Gen} нет уже неделю"), ("у нас нет X", "У нас нет {gen}"),
           ("X закончились", "{Nom} закончи{end} ещё позавчера"), ("без X", "Сидим на позиции без {gen}"),
           ("X не подвезли", "Нам опять не подвезли {gen}"), ("покупаем сами", "{Acc} покупаем сами, за свои деньги"),
           ("не хватает X", "Нам катастрофически не хватает {gen}")),
    "uk": (("немає X", "{Gen} немає вже тиждень"), ("у нас немає X", "У нас немає {gen}"),
           ("X закінчились", "{Nom} закінчи{end} ще позавчора"), ("без X", "Сидимо на позиції без {gen}"),
           ("X не підвезли", "Нам знову не підвезли {gen}"), ("купуємо самі", "{Acc} купуємо самі, за свої гроші"),
           ("не вистачає X", "Нам катастрофічно не вистачає {gen}")),
}
#: denials of a supply noun (DIR negation)
SUPPLY_DENIALS = {
    "ru": (("X хватает", "{Gen} хватает"), ("с X проблем нет", "{With} {ins} проблем нет")),
    "uk": (("X вистачає", "{Gen} вистачає"), ("з X проблем немає", "{With} {ins} проблем немає")),
}


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _supply(lang: str, lemma: str, number: str, template: str) -> str:
    forms = {c: form(lang, lemma, number, c) for c in ("gent", "nomn", "accs", "ablt")}
    return template.format(gen=forms["gent"], Gen=_cap(forms["gent"]), Nom=_cap(forms["nomn"]),
                           Acc=_cap(forms["accs"]), ins=forms["ablt"], end=ended(lang, lemma, number),
                           With=_cap(_with(lang, forms["ablt"])))


# -- statements ----------------------------------------------------------------------------------------------------
#: per indicator and language: (template name, statement, person) where person 1 speaks as «мы» (a direct quote or a
#: post only) and 3 names the men (also reported speech: «По словам пленного, …»)
STATEMENTS: dict[str, dict[str, tuple[tuple[str, str, int], ...]]] = {
    "heavy_losses": {
        "ru": (("половина роты ранена", "Половина роты ранена", 3), ("половина роты убита", "Половина роты убита", 3),
               ("от роты осталось N", "От роты осталось двенадцать человек", 3),
               ("от батальона осталось N", "От нашего батальона осталось 40 человек", 1),
               ("потеряли N", "Мы потеряли за два дня 60 человек", 1),
               ("из N вернулись M", "Из 120 человек вернулись 12", 3),
               ("огромные потери", "У нас огромные потери", 1),
               ("почти никого не осталось", "В батальоне почти никого не осталось в живых", 3)),
        "uk": (("половина роти поранена", "Половина роти поранена", 3), ("половина роти вбита", "Половина роти вбита", 3),
               ("від роти залишилось N", "Від роти залишилося дванадцять людей", 3),
               ("від батальйону залишилось N", "Від нашого батальйону залишилося 40 людей", 1),
               ("втратили N", "Ми втратили за два дні 60 людей", 1),
               ("з N повернулися M", "Зі 120 людей повернулися 12", 3),
               ("величезні втрати", "У нас величезні втрати", 1),
               ("майже нікого не залишилось", "У батальйоні майже нікого не залишилося живим", 3)),
    },
    "surrender_desertion": {
        "ru": (("хотят сдаться", "Многие в роте хотят сдаться", 3),
               ("собираются дезертировать", "Несколько человек из взвода собираются дезертировать", 3),
               ("думают уйти в СОЧ", "Половина взвода думает, как уйти в СОЧ", 3),
               ("ушли в СЗЧ", "Многие из роты ушли в СЗЧ", 3),
               ("отказываются идти в атаку", "Мобилизованные отказываются идти в атаку", 3),
               ("отказались выходить на позиции", "Рота отказалась выходить на позиции", 3),
               ("прострелили себе ногу", "Двое прострелили себе ногу, чтобы уехать с фронта", 3),
               ("сдались в плен", "Весь взвод сдался в плен", 3)),
        "uk": (("хочуть здатися", "Багато хто в роті хоче здатися", 3),
               ("збираються дезертирувати", "Кілька людей із взводу збираються дезертирувати", 3),
               ("думають піти в СЗЧ", "Половина взводу думає, як піти в СЗЧ", 3),
               ("пішли в СЗЧ", "Багато хто з роти пішов у СЗЧ", 3),
               ("відмовляються йти в атаку", "Мобілізовані відмовляються йти в атаку", 3),
               ("відмовилися виходити на позиції", "Рота відмовилася виходити на позиції", 3),
               ("прострелили собі ногу", "Двоє прострелили собі ногу, щоб поїхати з фронту", 3),
               ("здалися в полон", "Увесь взвод здався в полон", 3)),
    },
    "fear": {
        "ru": (("все в панике", "Все в окопах в панике", 3), ("плачут по ночам", "Ребята в окопах плачут по ночам", 3),
               ("мне страшно", "Мне на позиции очень страшно", 1),
               ("началась паника", "На позициях началась паника", 3),
               ("боимся каждого дрона", "Мы боимся каждого дрона", 1)),
        "uk": (("усі в паніці", "Усі в окопах у паніці", 3), ("плачуть ночами", "Хлопці в окопах плачуть ночами", 3),
               ("мені страшно", "Мені на позиції дуже страшно", 1),
               ("почалася паніка", "На позиціях почалася паніка", 3),
               ("боїмося кожного дрона", "Ми боїмося кожного дрона", 1)),
    },
    "morale_low": {
        "ru": (("боевой дух на нуле", "Боевой дух в роте на нуле", 3), ("деморализованы", "Бойцы деморализованы", 3),
               ("мотивации никакой", "Мотивации у бойцов никакой", 3),
               ("морально выгорели", "Люди в батальоне морально выгорели", 3)),
        "uk": (("бойовий дух на нулі", "Бойовий дух у роті на нулі", 3), ("деморалізовані", "Бійці деморалізовані", 3),
               ("мотивації жодної", "Мотивації у бійців жодної", 3),
               ("морально вигоріли", "Люди в батальйоні морально вигоріли", 3)),
    },
    "betrayed_by_command": {
        "ru": (("командиры бросили и уехали", "Командиры нас бросили и уехали", 1),
               ("офицеры сбежали", "Офицеры сбежали, а нас оставили одних", 1),
               ("начальству наплевать", "Начальству на нас наплевать", 1)),
        "uk": (("командири кинули і поїхали", "Командири нас кинули і поїхали", 1),
               ("офіцери втекли", "Офіцери втекли, а нас залишили самих", 1),
               ("начальству байдуже", "Начальству на нас байдуже", 1)),
    },
    "deceived": {
        "ru": (("сказали учения", "Нам сказали, что едем на учения, а привезли на войну", 1),
               ("обещали тыл", "Нас обманули: обещали службу в тылу, а отправили на передовую", 1),
               ("встретят с цветами", "Нам говорили, что нас встретят с цветами", 1),
               ("война за неделю", "Нам врали, что война закончится за неделю", 1),
               ("командование врёт", "Командование нам постоянно врёт", 1)),  # gold/ruuk README: deception
        "uk": (("сказали навчання", "Нам сказали, що їдемо на навчання, а привезли на війну", 1),
               ("обіцяли тил", "Нас обдурили: обіцяли службу в тилу, а відправили на передову", 1),
               ("зустрінуть з квітами", "Нам казали, що нас зустрінуть з квітами", 1),
               ("війна за тиждень", "Нам брехали, що війна закінчиться за тиждень", 1),
               ("командування бреше", "Командування нам постійно бреше", 1)),
    },
    "expendable": {
        "ru": (("гонят на убой", "Нас гонят на убой", 1), ("пушечное мясо", "Нас используют как пушечное мясо", 1),
               ("мясные штурмы", "Нас бросают в мясные штурмы", 1), ("просто мясо", "Мы для них просто мясо", 1),
               ("на верную смерть", "Нас отправляют на верную смерть", 1)),
        "uk": (("женуть на забій", "Нас женуть на забій", 1), ("гарматне м'ясо", "Нас використовують як гарматне м'ясо", 1),
               ("м'ясні штурми", "Нас кидають у м'ясні штурми", 1), ("просто м'ясо", "Ми для них просто м'ясо", 1),
               ("на вірну смерть", "Нас відправляють на вірну смерть", 1)),
    },
    "coerced": {
        "ru": (("кто отступит расстреляют", "Кто отступит, того расстреляют свои же", 3),
               ("сажают в яму", "За отказ идти на штурм сажают в яму", 3),
               ("заградотряды", "Сзади у нас стоят заградотряды", 1),
               ("угрожают уголовными делами", "Нам угрожают уголовными делами, если не пойдём в атаку", 1)),
        "uk": (("хто відступить розстріляють", "Хто відступить, того розстріляють свої ж", 3),
               ("саджають у яму", "За відмову йти на штурм саджають у яму", 3),
               ("загороджувальні загони", "Позаду в нас стоять загороджувальні загони", 1),
               ("погрожують кримінальними справами", "Нам погрожують кримінальними справами, якщо не підемо в атаку", 1)),
    },
    "unwilling": {
        "ru": (("никто не хочет воевать", "Никто в роте не хочет воевать", 3), ("хотим домой", "Мы просто хотим домой", 1),
               ("хотят мира", "Бойцы хотят только одного: чтобы война закончилась", 3)),
        "uk": (("ніхто не хоче воювати", "Ніхто в роті не хоче воювати", 3), ("хочемо додому", "Ми просто хочемо додому", 1),
               ("хочуть миру", "Бійці хочуть тільки одного: щоб війна закінчилася", 3)),
    },
    "untrained": {
        "ru": (("без подготовки", "Нас отправили на фронт без всякой подготовки", 1),
               ("не учили стрелять", "Нас даже не учили стрелять", 1),
               ("обучение три дня", "Мобилизованных отправили на передовую после трёх дней обучения", 3)),
        "uk": (("без підготовки", "Нас відправили на фронт без жодної підготовки", 1),
               ("не вчили стріляти", "Нас навіть не вчили стріляти", 1),
               ("навчання три дні", "Мобілізованих відправили на передову після трьох днів навчання", 3)),
    },
    "trauma": {
        "ru": (("снятся кошмары", "Мне до сих пор каждую ночь снятся кошмары", 1),
               ("никогда не оправлюсь", "После этих боёв я никогда не оправлюсь", 1)),
        "uk": (("сняться кошмари", "Мені досі щоночі сняться кошмари", 1),
               ("ніколи не оговтаюся", "Після цих боїв я ніколи не оговтаюся", 1)),
    },
    "casualty_concealment": {
        "ru": (("пропавшие без вести", "Убитых записывают в пропавшие без вести, чтобы не платить семьям", 3),
               ("тела не вывозят", "Тела погибших специально не вывозят, чтобы скрыть потери", 3)),
        "uk": (("зниклі безвісти", "Загиблих записують у зниклі безвісти, щоб не платити родинам", 3),
               ("тіла не вивозять", "Тіла загиблих спеціально не вивозять, щоб приховати втрати", 3)),
    },
    "sabotage": {
        "ru": (("ломают технику", "Бойцы специально ломают технику, чтобы не ехать на штурм", 3),
               ("пробили баки", "Водители пробили топливные баки, чтобы не ехать на передовую", 3)),
        "uk": (("ламають техніку", "Бійці навмисно ламають техніку, щоб не їхати на штурм", 3),
               ("пробили баки", "Водії пробили паливні баки, щоб не їхати на передову", 3)),
    },
    "orders_against_civilians": {
        "ru": (("стрелять даже по гражданским", "Нам приказали стрелять по всем, даже по гражданским", 1),
               ("расстреливать мирных", "Командир приказал расстреливать мирных жителей", 3)),
        "uk": (("стріляти навіть по цивільних", "Нам наказали стріляти по всіх, навіть по цивільних", 1),
               ("розстрілювати мирних", "Командир наказав розстрілювати мирних жителів", 3)),
    },
    "morale_high": {
        "ru": (("боевой дух высокий", "Боевой дух в роте высокий", 3), ("стоим до конца", "Мы будем стоять до конца", 1),
               ("устали но не сломлены", "Бойцы устали, но не сломлены", 3)),
        "uk": (("бойовий дух високий", "Бойовий дух у роті високий", 3), ("стоїмо до кінця", "Ми стоятимемо до кінця", 1),
               ("втомилися але не зламані", "Бійці втомилися, але не зламані", 3)),
    },
    "morale_boosting": {
        "ru": (("концерт", "К бойцам на передовую приезжали артисты с концертом", 3),
               ("вручили награды", "Бойцам роты вручили государственные награды", 3)),
        "uk": (("концерт", "До бійців на передову приїжджали артисти з концертом", 3),
               ("вручили нагороди", "Бійцям роти вручили державні нагороди", 3)),
    },
    "supply_shortage": {  # exhaustion from lack of rotation, sleep, food (convention 8); the supply nouns below
        "ru": (("нет ротации", "Ротации нет уже полгода, люди на пределе", 3),
               ("не спали трое суток", "Мы не спали трое суток, смены нет", 1)),
        "uk": (("немає ротації", "Ротації немає вже пів року, люди на межі", 3),
               ("не спали три доби", "Ми не спали три доби, заміни немає", 1)),
    },
    "forced_recruitment": {
        "ru": (("забрали на улице", "Его забрали прямо на улице и через неделю отправили на фронт", 3),
               ("срочников на фронт", "Срочников отправляют на фронт", 3)),
        "uk": (("схопили на вулиці", "Його схопили просто на вулиці й за тиждень відправили на фронт", 3),
               ("строковиків на фронт", "Строковиків відправляють на фронт", 3)),
    },
}

# -- speakers --------------------------------------------------------------------------------------------------------
#: (name, after a direct quote «…», — VERB SPEAKER, «По словам SPEAKER(gen), …», side): the army the frame names
SPEAKERS: dict[str, tuple[tuple[str, str, str, str | None], ...]] = {
    "ru": (("пленный боец ВСУ", "рассказал пленный боец ВСУ", "пленного бойца ВСУ", "ua"),
           ("украинский военный", "сказал украинский военный", "украинского военного", "ua"),
           ("российский военнослужащий", "рассказал российский военнослужащий", "российского военнослужащего", "ru"),
           ("пленный российский солдат", "признался пленный российский солдат", "пленного российского солдата", "ru"),
           ("мобилизованный из Бурятии", "пишет жене мобилизованный из Бурятии", "мобилизованного из Бурятии", None),
           ("боец 155-й бригады", "сказал боец 155-й бригады", "бойца 155-й бригады", None)),
    "uk": (("полонений окупант", "розповів полонений окупант", "полоненого окупанта", "ru"),
           ("російський військовий", "сказав російський військовий", "російського військового", "ru"),
           ("український військовий", "розповів український військовий", "українського військового", "ua"),
           ("боєць ЗСУ", "розповів боєць ЗСУ", "бійця ЗСУ", "ua"),
           ("мобілізований з Тернополя", "пише дружині мобілізований з Тернополя", "мобілізованого з Тернополя", None),
           ("боєць 155-ї бригади", "сказав боєць 155-ї бригади", "бійця 155-ї бригади", None)),
}
#: a prisoner's words that name no army: the side is ``unknown`` (INV army, codebook: not guessed)
PRISONER = {"ru": ("военнопленный", "сказал военнопленный", "военнопленного"),
            "uk": ("полонений", "сказав полонений", "полоненого")}
#: an intercept: (name, text around the statement, side)
INTERCEPTS = {
    "ru": (("перехват оккупанта", "В перехваченном разговоре российский оккупант жалуется: «{s}»", "ru"),),
    "uk": (("перехоплення окупанта", "У перехопленій розмові російський окупант скаржиться: «{s}»", "ru"),),
}
ARMY_SWAP = {"ru": (("боец ВСУ", "сказал боец ВСУ", "ua"), ("российский боец", "сказал российский боец", "ru")),
             "uk": (("боєць ЗСУ", "сказав боєць ЗСУ", "ua"), ("російський боєць", "сказав російський боєць", "ru"))}
REPORTED = {"ru": "По словам {gen}, {s}.", "uk": "За словами {gen}, {s}."}
#: added clauses and places (INV clause): after the statement, or before it
CLAUSES = {"ru": ("{s}, это было под Покровском", "Вчера утром {s_low}", "{s}, и это уже не новость"),
           "uk": ("{s}, це було під Покровськом", "Вчора вранці {s_low}", "{s}, і це вже не новина")}
#: hedges (DIR hedge): a word before the statement
HEDGES = {"ru": ("Якобы", "Вроде бы", "Возможно,"), "uk": ("Нібито", "Можливо,", "Начебто")}

# -- negatives -------------------------------------------------------------------------------------------------------
#: (indicator, template name, text): civilians in the soldiers' place (INV civilian)
CIVILIAN = {
    "ru": (("supply_shortage", "жители без воды", "«Воды нет уже неделю», — сказала жительница Херсона."),
           ("supply_shortage", "пенсионеры без лекарств", "Пенсионеры в посёлке остались без лекарств."),
           ("supply_shortage", "в магазинах нет еды", "В магазинах города нет еды, жалуются местные жители."),
           ("fear", "жители в панике", "Жители города в панике, многие уезжают."),
           ("fear", "дети плачут", "«Дети плачут по ночам от страха», — рассказала мать троих детей."),
           ("morale_low", "настроение в обществе", "Настроение в обществе упадническое, люди деморализованы."),
           ("heavy_losses", "бизнес потерял", "Малый бизнес понёс огромные потери из-за кризиса."),
           ("deceived", "вкладчиков обманули", "Вкладчиков обманули: им обещали высокие проценты."),
           ("unwilling", "студенты домой", "Студенты просто хотят домой на каникулы."),
           ("trauma", "ребёнку снятся кошмары", "Ребёнку после переезда снятся кошмары, рассказала мать.")),
    "uk": (("supply_shortage", "мешканці без води", "«Води немає вже тиждень», — сказала мешканка Херсона."),
           ("supply_shortage", "пенсіонери без ліків", "Пенсіонери в селищі залишилися без ліків."),
           ("supply_shortage", "у магазинах немає їжі", "У магазинах міста немає їжі, скаржаться місцеві мешканці."),
           ("fear", "мешканці в паніці", "Мешканці міста в паніці, багато хто виїжджає."),
           ("fear", "діти плачуть", "«Діти плачуть ночами від страху», — розповіла мати трьох дітей."),
           ("morale_low", "настрій у суспільстві", "Настрій у суспільстві занепадницький, люди деморалізовані."),
           ("heavy_losses", "бізнес втратив", "Малий бізнес зазнав величезних втрат через кризу."),
           ("deceived", "вкладників обдурили", "Вкладників обдурили: їм обіцяли високі відсотки."),
           ("unwilling", "студенти додому", "Студенти просто хочуть додому на канікули."),
           ("trauma", "дитині сняться кошмари", "Дитині після переїзду сняться кошмари, розповіла мати.")),
}
#: (indicator, template name, text): the cue words in another sense (INV sense, codebook rule 13, gold/ruuk README)
SENSES = {
    "ru": (("surrender_desertion", "сдать подписи", "Кандидаты должны сдать подписи до пятницы."),
           ("surrender_desertion", "сдал экзамен", "Сын сдал экзамен по истории на отлично."),
           ("surrender_desertion", "команда сдалась", "Футбольная команда сдалась во втором тайме и проиграла."),
           ("heavy_losses", "потери рынка", "Рынок акций понёс огромные потери за неделю."),
           ("fear", "паника на бирже", "На бирже началась паника, курс упал."),
           ("expendable", "мясорубка выборов", "Выборы превратились в политическую мясорубку."),
           ("morale_low", "дух болельщиков", "Боевой дух болельщиков после поражения упал до нуля."),
           ("trauma", "травма футболиста", "Футболист получил травму головы на тренировке."),
           ("supply_shortage", "бойцы MMA", "Бойцы MMA остались без гонораров после отмены турнира."),
           ("betrayed_by_command", "ротация кадров", "В правительстве прошла ротация кадров, министр ушёл.")),
    "uk": (("surrender_desertion", "здати документи", "Кандидати мають здати документи до п'ятниці."),
           ("surrender_desertion", "склав іспит", "Син склав іспит з історії на відмінно."),
           ("surrender_desertion", "команда здалася", "Футбольна команда здалася в другому таймі й програла."),
           ("heavy_losses", "втрати ринку", "Ринок акцій зазнав величезних втрат за тиждень."),
           ("fear", "паніка на біржі", "На біржі почалася паніка, курс упав."),
           ("expendable", "м'ясорубка виборів", "Вибори перетворилися на політичну м'ясорубку."),
           ("morale_low", "дух уболівальників", "Бойовий дух уболівальників після поразки впав до нуля."),
           ("trauma", "травма футболіста", "Футболіст отримав травму голови на тренуванні."),
           ("supply_shortage", "бійці MMA", "Бійці MMA залишилися без гонорарів після скасування турніру."),
           ("betrayed_by_command", "ротація кадрів", "В уряді відбулася ротація кадрів, міністр пішов.")),
}
#: (indicator, template name, text): the claim denied (DIR negation)
DENIALS = {
    "ru": (("heavy_losses", "потерь нет", "«Потерь у нас нет», — сказал командир роты."),
           ("surrender_desertion", "никто не сдаётся", "«Никто из наших сдаваться не собирается», — сказал боец."),
           ("surrender_desertion", "дезертиров нет", "«Дезертиров в роте нет», — сказал командир."),
           ("betrayed_by_command", "командиры не бросили", "«Командиры нас не бросили», — сказал боец."),
           ("morale_low", "боевой дух не упал", "«Боевой дух в роте не упал», — сказал командир."),
           ("fear", "паники нет", "«Никакой паники на позициях нет», — сказал боец."),
           ("supply_shortage", "у нас всё есть", "«У нас всё есть», — сказал командир батальона.")),
    "uk": (("heavy_losses", "втрат немає", "«Втрат у нас немає», — сказав командир роти."),
           ("surrender_desertion", "ніхто не здається", "«Ніхто з наших здаватися не збирається», — сказав боєць."),
           ("surrender_desertion", "дезертирів немає", "«Дезертирів у роті немає», — сказав командир."),
           ("betrayed_by_command", "командири не кинули", "«Командири нас не кинули», — сказав боєць."),
           ("morale_low", "бойовий дух не впав", "«Бойовий дух у роті не впав», — сказав командир."),
           ("fear", "паніки немає", "«Жодної паніки на позиціях немає», — сказав боєць."),
           ("supply_shortage", "у нас усе є", "«У нас усе є», — сказав командир батальйону.")),
}


def _low(s: str) -> str:
    return s if s[:2].isupper() else s[:1].lower() + s[1:]


def statements(lang: str) -> Iterator[tuple[str, str, str, int, bool]]:
    """(indicator, template name, statement, person, full) for ``lang``: the statements, then the supply frames of
    every supply noun; ``full``: the statement also gets every speaker frame and the INV and DIR variants (each
    statement does; of the supply nouns' frames, one in four, rotating, so that no noun and no frame is left out)."""
    for indicator, by_lang in STATEMENTS.items():
        for name, text, person in by_lang[lang]:
            yield indicator, name, text, person, True
    for i, (lemma, number) in enumerate(SUPPLIES[lang]):
        for j, (name, template) in enumerate(SUPPLY_FRAMES[lang]):
            person = 1 if any(w in template for w in ("нас", "Нам", "Сидим", "сами", "самі")) else 3
            yield "supply_shortage", name, _supply(lang, lemma, number, template), person, (i + j) % 4 == 0


def _cases(lang: str) -> Iterator[Case]:
    n = 0

    def make(indicator: str, test: str, kind: str, template: str, text: str, side: str | None = None,
             base: str | None = None) -> Case:
        nonlocal n
        n += 1
        return Case(f"{lang}-{n:04d}", lang, indicator, test, kind, template, text, side, base)

    speakers = SPEAKERS[lang]
    for k, (indicator, name, s, person, full) in enumerate(statements(lang)):
        yield make(indicator, "MFT", "found", f"{name} / bare", f"{s}.")
        # two speakers per statement, rotating over the list (one of each army where the list alternates)
        for sp_name, after, gen, side in (speakers[(2 * k) % len(speakers)], speakers[(2 * k + 1) % len(speakers)]):
            yield make(indicator, "MFT", "found", f"{name} / {sp_name}", f"«{s}», — {after}.", side)
            if person == 3 and full:
                yield make(indicator, "MFT", "found", f"{name} / по словам {sp_name}",
                           REPORTED[lang].format(gen=gen, s=_low(s)), side)
        if not full:
            continue
        ic_name, around, ic_side = INTERCEPTS[lang][k % len(INTERCEPTS[lang])]
        yield make(indicator, "MFT", "found", f"{name} / {ic_name}", around.format(s=s) + ".", ic_side)
        base = f"«{s}», — {ARMY_SWAP[lang][0][1]}."
        for sp_name, after, side in ARMY_SWAP[lang]:
            yield make(indicator, "INV", "army", f"{name} / army: {sp_name}", f"«{s}», — {after}.", side, base)
        yield make(indicator, "INV", "army", f"{name} / army: {PRISONER[lang][0]}", f"«{s}», — {PRISONER[lang][1]}.",
                   "unknown", base)
        clause = CLAUSES[lang][k % len(CLAUSES[lang])]
        plain = f"«{s}», — {ARMY_SWAP[lang][1][1]}."
        yield make(indicator, "INV", "clause", f"{name} / clause: {clause[:12]}",
                   f"«{clause.format(s=s, s_low=_low(s))}», — {ARMY_SWAP[lang][1][1]}.", None, plain)
        hedge = HEDGES[lang][k % len(HEDGES[lang])]  # the writer's hedge on the claim, or on the soldier's saying it
        text = f"{hedge} {_low(s)}." if person == 3 else f"«{s}», — {_low(hedge)} {ARMY_SWAP[lang][1][1]}."
        yield make(indicator, "DIR", "hedge", f"{name} / hedge: {hedge}", text)
    for lemma, number in SUPPLIES[lang]:
        for name, template in SUPPLY_DENIALS[lang]:
            yield make("supply_shortage", "DIR", "negation", f"{name}",
                       f"«{_supply(lang, lemma, number, template)}», — {ARMY_SWAP[lang][1][1]}.")
    for indicator, name, text in DENIALS[lang]:
        yield make(indicator, "DIR", "negation", name, text)
    for indicator, name, text in CIVILIAN[lang]:
        yield make(indicator, "INV", "civilian", name, text)
    for indicator, name, text in SENSES[lang]:
        yield make(indicator, "INV", "sense", name, text)


@cache
def cases() -> tuple[Case, ...]:
    """Every case of the suite, Russian then Ukrainian, in a fixed order (ids ``ru-0001`` ...)."""
    return tuple(c for lang in LANGS for c in _cases(lang))


__all__ = ["CASES_NOTE", "HEADER", "Case", "Item", "cases", "document", "form", "verdict"]
CASES_NOTE = "templates from codebook v1.1 and gold/ruuk/README.md's conventions; no gold item read"


# -- unseen paraphrases ------------------------------------------------------------------------------------------------
#: (language, indicator, expected side or None, text): written after indicators.ruuk.v13's rules, in wordings the
#: templates do not use, and scored once for v8 and v13 (session 15 report): an estimate of how far the rule families
#: generalise beyond the templates they were written from. Not part of :func:`cases`; never tuned on.
UNSEEN: tuple[tuple[str, str, str | None, str], ...] = (
    ("ru", "supply_shortage", "ua", "«Патроны кончились к обеду, отбивались чем придётся», — рассказал пленный боец ВСУ."),
    ("ru", "supply_shortage", "ru", "«Бронежилетов на всех не хватило, половина пошла без них», — говорит российский контрактник."),
    ("ru", "supply_shortage", None, "«Воду нам не привозили четыре дня, пили из луж», — вспоминает мобилизованный."),
    ("ru", "supply_shortage", None, "«Дроны и рации покупаем на свои деньги», — пишет боец в письме жене."),
    ("ru", "heavy_losses", "ru", "«Из нашего взвода в живых остались трое», — рассказал российский военный."),
    ("ru", "heavy_losses", None, "«За неделю боёв батальон потерял больше половины личного состава», — сказал командир."),
    ("ru", "heavy_losses", "ua", "«Треть роты погибла в первый же день», — признался украинский военнослужащий."),
    ("ru", "surrender_desertion", None, "«Ребята договорились сдаться при первой возможности», — сказал пленный."),
    ("ru", "surrender_desertion", "ua", "По словам пленного бойца ВСУ, из его роты многие сбежали в СЗЧ."),
    ("ru", "surrender_desertion", None, "«Командир приказал идти вперёд, но мы отказались», — рассказал военнопленный."),
    ("ru", "morale_low", "ru", "«Настроение у нас паршивое, боевой дух ниже некуда», — пишет российский солдат."),
    ("ru", "morale_high", "ua", "«Мотивация у парней высокая, рвутся в бой», — говорит украинский командир взвода."),
    ("ru", "fear", None, "«Ночью все сидели в блиндаже и тряслись от страха», — рассказал боец."),
    ("ru", "betrayed_by_command", "ru", "«Офицеры уехали в тыл, а нас оставили на позициях», — рассказал российский солдат."),
    ("ru", "expendable", None, "«Нас кинули в атаку как расходный материал», — говорит мобилизованный."),
    ("ru", "untrained", None, "«Автомат я впервые взял в руки уже на передовой», — признался мобилизованный."),
    ("ru", "unwilling", None, "«Никто из нас не хотел туда ехать, все мечтали вернуться домой», — сказал пленный солдат."),
    ("ru", "deceived", None, "«Нас уверяли, что это будут учения на три дня», — сказал военнопленный."),
    ("ru", "trauma", None, "«До сих пор вскакиваю по ночам от кошмаров после боёв», — говорит ветеран штурмовой роты."),
    ("ru", "coerced", None, "«Тех, кто отказывался идти на штурм, сажали в яму», — рассказал пленный."),
    ("uk", "supply_shortage", "ru", "«Снаряди скінчилися ще в понеділок», — розповів полонений окупант."),
    ("uk", "supply_shortage", None, "«Нам не привозили воду й їжу чотири дні», — каже мобілізований."),
    ("uk", "supply_shortage", "ua", "«Набоїв катастрофічно бракує», — каже український військовий."),
    ("uk", "heavy_losses", "ru", "«З нашого взводу живими лишилися троє», — розповів російський військовий."),
    ("uk", "heavy_losses", "ru", "«Третина роти загинула в перший же день», — зізнався полонений окупант."),
    ("uk", "surrender_desertion", None, "«Хлопці домовилися здатися за першої нагоди», — сказав полонений."),
    ("uk", "surrender_desertion", "ru", "За словами полоненого окупанта, з його роти багато хто втік у СЗЧ."),
    ("uk", "morale_low", "ru", "«Бойовий дух у нас нижче нікуди», — пише російський солдат."),
    ("uk", "fear", None, "«Уночі всі сиділи в бліндажі й тремтіли від страху», — розповів боєць."),
    ("uk", "betrayed_by_command", "ru", "«Офіцери поїхали в тил, а нас залишили на позиціях», — розповів російський солдат."),
    ("uk", "expendable", None, "«Нас кинули в атаку як витратний матеріал», — каже мобілізований."),
    ("uk", "unwilling", None, "«Ніхто з нас не хотів туди їхати, всі мріяли повернутися додому», — сказав полонений."),
    ("uk", "deceived", None, "«Нас запевняли, що це будуть навчання на три дні», — сказав полонений."),
    ("uk", "coerced", None, "«Тих, хто відмовлявся йти на штурм, саджали в яму», — розповів полонений."),
    ("uk", "untrained", None, "«Автомат я вперше взяв до рук уже на передовій», — зізнався мобілізований."),
)


def unseen() -> tuple[Case, ...]:
    """:data:`UNSEEN` as MFT cases (ids ``unseen-01`` ...)."""
    return tuple(Case(f"unseen-{n:02d}", lang, ind, "MFT", "found", "unseen", text, side)
                 for n, (lang, ind, side, text) in enumerate(UNSEEN, 1))
