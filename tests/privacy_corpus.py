"""Synthetic testimony for the privacy tests: invented people only (no real private person is named here).

Each article names captives, their relatives, private soldiers and civilians (with call signs and phone numbers),
and public figures of the knowledge base with their titles. ``PRIVATE`` and ``PUBLIC`` say who is who, by
construction, so that the tests can count what an export or a report leaks and what it keeps.
"""

from __future__ import annotations

import random

GIVEN = ["Artyom", "Bogdan", "Denis", "Egor", "Fyodor", "Gleb", "Kirill", "Lev", "Matvei", "Nikita", "Pavel",
         "Roman", "Stepan", "Timur", "Vadim", "Yaroslav", "Zakhar", "Arseny", "Daniil", "Ilya"]
FAMILY = ["Zhukovtsev", "Brusnikin", "Kolokoltsov", "Lapshinov", "Mironchuk", "Nesterkin", "Ogurtsov",
          "Pryanikov", "Rybnikov", "Sapozhkov", "Tulupov", "Ukhabov", "Valenkin", "Shchukarev", "Yablochkin",
          "Dudnikov", "Gorshkov", "Kvashnin", "Lopukhov", "Myasnikov"]
WOMEN = ["Galina", "Irina", "Larisa", "Nadezhda", "Svetlana", "Tamara", "Valentina", "Zoya"]
SIGNS = ["Grach", "Kedr", "Shmel", "Barsuk", "Filin", "Yastreb", "Sokol", "Tsaplya", "Volchok", "Surok"]
#: public figures of the knowledge base, as articles name them, with the title that goes before the name
PUBLIC_FIGURES = [("President", "Volodymyr Zelensky"), ("President", "Vladimir Putin"),
                  ("Defence Minister", "Sergei Shoigu"), ("Kremlin spokesman", "Dmitry Peskov")]


def feminine(family: str) -> str:
    return family + "a"


def article(i: int, rng: random.Random) -> tuple[str, list[str], list[str]]:
    """Article ``i``: its text, the private names it mentions (one entry per mention) and the public ones."""
    g1, g2, g3 = rng.sample(GIVEN, 3)
    f1, f2, f3 = rng.sample(FAMILY, 3)
    mother = rng.choice(WOMEN)
    sign = rng.choice(SIGNS)
    phone = f"+7 9{rng.randint(10, 99)} {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"
    civ_g, civ_f = rng.choice(WOMEN), feminine(rng.choice(FAMILY))
    title, public = PUBLIC_FIGURES[i % len(PUBLIC_FIGURES)]
    captive, soldier, relative, civilian = f"{g1} {f1}", f"{g2} {f2}", f"{mother} {feminine(f1)}", f"{civ_g} {civ_f}"
    text = (
        f"Captured soldiers describe collapse of morale near the front\n\n"
        f"KYIV, March {1 + i % 28}, 2023 - A captured Russian soldier, {captive}, 22, said in a video released by "
        f"Ukraine's security service that his unit had no food for a week. \"We were sent to die, nobody told us "
        f"anything,\" {captive} said.\n\n"
        f"His mother, {relative}, told the channel by phone from Kursk: \"I just want my son home alive.\" She "
        f"gave her number, {phone}, to the interviewer.\n\n"
        f"Private {soldier}, call sign \"{sign}\", said in an intercepted call that half of his company had "
        f"deserted. \"Everyone is running away, the officers too,\" {soldier} said. Comrades know him as {sign}.\n\n"
        f"A local resident, {civilian}, said: \"They took everything from our cellar and shot at the houses.\"\n\n"
        f"{title} {public} said on Monday that \"the morale of the enemy is broken.\"\n\n"
        f"Another prisoner, {g3} {f3}, said he had been told the war would last three days.\n"
    )
    private = [captive, captive, relative, soldier, soldier, sign, sign, phone, civilian, f"{g3} {f3}"]
    return text, private, [public]


def corpus(n: int = 20, seed: int = 19) -> list[tuple[str, list[str], list[str]]]:
    rng = random.Random(seed)
    return [article(i, rng) for i in range(n)]


def transcript(i: int, rng: random.Random) -> tuple[str, str, list[str], list[str]]:
    """Transcript ``i`` (plain text with speaker turns, or SRT): its file suffix, text, private and public names."""
    g1, g2 = rng.sample(GIVEN, 2)
    f1, f2 = rng.sample(FAMILY, 2)
    mother = rng.choice(WOMEN)
    sign = rng.choice(SIGNS)
    phone = f"+7 9{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    captive, relative, comrade = f"{g1} {f1}", f"{mother} {feminine(f1)}", f"{g2} {f2}"
    if i % 2:
        text = (
            f"Intercepted call: captured soldier {captive} and his mother\n"
            f"Published by the SBU. The call was made from {phone}.\n\n"
            f"{captive}: Mum, it's me. They took us prisoner near Izium.\n"
            f"{relative}: Oh God. Are you hurt? Where is {comrade}?\n"
            f"{captive}: {comrade} is dead. Our commander, call sign {sign}, ran away the first night.\n"
            f"{relative}: [crying] I will call the ministry. President Vladimir Putin said you were volunteers.\n"
            f"{captive}: Nobody volunteered. We were lied to.\n"
        )
        private = [captive, captive, captive, captive, relative, relative, comrade, comrade, sign, phone]
        return ".txt", text, private, ["Vladimir Putin"]
    text = (
        "1\n00:00:01,000 --> 00:00:04,000\n"
        f"Q: What is your name and unit?\n\n"
        "2\n00:00:04,500 --> 00:00:09,000\n"
        f"A: {captive}, call sign {sign}, private of the 1st company.\n\n"
        "3\n00:00:09,500 --> 00:00:14,000\n"
        f"A: My mother {relative} does not know I am here. Her number is {phone}.\n\n"
        "4\n00:00:14,500 --> 00:00:19,000\n"
        f"Q: What did Defence Minister Sergei Shoigu tell you?\n\n"
        "5\n00:00:19,500 --> 00:00:24,000\n"
        f"A: Nothing. {comrade} and I were told it was an exercise.\n"
    )
    return ".srt", text, [captive, relative, comrade, sign, phone], ["Sergei Shoigu"]


def transcripts(n: int = 12, seed: int = 3) -> list[tuple[str, str, list[str], list[str]]]:
    rng = random.Random(seed)
    return [transcript(i, rng) for i in range(n)]
