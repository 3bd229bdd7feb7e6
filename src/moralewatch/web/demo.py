"""A small, realistic store built from hand-made model objects: the tests' fixture and the dashboard's demo.

The quote, indicator and entity stages are still being built, so a store analysed from the example articles is
nearly empty. These articles are written for this fixture (no corpus text is copied); every span is found by
substring search, so ``text == canonical[start:end]`` holds by construction, and everything goes through
:meth:`Store.write`, the same path an ingest takes. ``hostile=True`` adds an article whose title, outlet, quote and
speaker carry script-injection payloads, for the escaping tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Document, Entity, Indicator, Outcome, Quote
from ..store import Store

#: payloads planted by ``hostile=True``; a test asserts none of them runs in the browser
XSS_TITLE = '<img src=x onerror="window.__xss=1">Shelling report'
XSS_OUTLET = "<script>window.__xss=2</script>Daily"
XSS_SPEAKER = '<svg onload="window.__xss=3">Major X'
XSS_QUOTE = '</mark><script>window.__xss=4</script><b onmouseover="window.__xss=5">we have no ammunition</b>'

PLACES: dict[str, tuple[float, float, str]] = {
    "Bakhmut": (48.595, 38.000, "UA"), "Kherson": (46.636, 32.617, "UA"), "Kramatorsk": (48.723, 37.556, "UA"),
    "Avdiivka": (48.139, 37.742, "UA"), "Zaporizhzhia": (47.838, 35.139, "UA"), "Kharkiv": (49.994, 36.230, "UA"),
    "Belgorod": (50.597, 36.585, "RU"), "Kyiv": (50.450, 30.523, "UA"), "Vuhledar": (47.779, 37.248, "UA"),
    "Donetsk": (48.016, 37.803, "UA"), "Rostov-on-Don": (47.236, 39.701, "RU"), "Chernihiv": (51.494, 31.294, "UA"),
}


@dataclass
class Article:
    """An article written as text plus annotations given by the phrases they cover."""

    title: str
    published: str
    outlet: str
    paragraphs: list[str]
    url: str | None = None
    quotes: list[dict[str, Any]] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    places: list[str] = field(default_factory=list)


def _span(text: str, needle: str) -> tuple[int, int]:
    i = text.find(needle)
    if i < 0:
        raise ValueError(f"fixture phrase not in its article: {needle!r}")
    return i, i + len(needle)


def build_document(a: Article) -> Document:
    """A :class:`Document` with quotes, indicators and place entities located by their phrases."""
    text = f"{a.title}\n\n" + "\n\n".join(a.paragraphs)
    doc = Document(text=text, source="fixture", title=a.title, published=a.published, outlet=a.outlet, url=a.url,
                   lang="en", locator=a.title[:40])
    for q in a.quotes:
        s, e = _span(text, q["text"])
        ss, se = _span(text, q["speaker_text"]) if q.get("speaker_text") else (None, None)
        cs, ce = _span(text, q["cue"]) if q.get("cue") else (None, None)
        doc.quotes.append(Quote(s, e, q["text"], kind=q.get("kind", "direct"), speaker=q.get("speaker"),
                                speaker_start=ss, speaker_end=se, speaker_role=q.get("role", "unknown"),
                                side=q.get("side", "unknown"), channel=q.get("channel", "unknown"),
                                via=list(q.get("via", [])), cue=q.get("cue"), cue_start=cs, cue_end=ce,
                                confidence=q.get("confidence", 0.9), place=q.get("place"), rule="fixture"))
    for ind in a.indicators:
        s, e = _span(text, ind["text"])
        qi = ind.get("quote")
        quote = doc.quotes[qi] if qi is not None else None
        doc.indicators.append(Indicator(
            ind["indicator"], s, e, ind["text"], subject_side=ind.get("subject", "ru"),
            claimant=ind.get("claimant", quote.speaker if quote else None),
            claimant_side=ind.get("claimant_side", quote.side if quote else "unknown"),
            channel=ind.get("channel", quote.channel if quote else "news_report"), quote_index=qi,
            hedged=ind.get("hedged", False), negated=ind.get("negated", False),
            confidence=ind.get("confidence", 0.8), rule=ind.get("rule", "cue:" + ind.get("cue", ind["indicator"])),
            cue=ind.get("cue"), place=ind.get("place"), date=ind.get("date", a.published[:10])))
    for name in a.places:
        s, e = _span(text, name)
        lat, lon, country = PLACES[name]
        doc.entities.append(Entity("place", s, e, name, name=name, lat=lat, lon=lon, country=country, rule="fixture"))
    doc.entities.sort(key=lambda x: x.start)
    return doc


def articles() -> list[Article]:
    """The fixture articles (written for this project; any resemblance to a real report is by design only)."""
    return [
        Article(
            "Intercepted call: soldier tells mother unit is 'just meat' near Bakhmut", "2023-01-09",
            "The Kyiv Ledger",
            ["Ukraine's security service on Monday released an intercepted phone call in which a Russian soldier "
             "near Bakhmut tells his mother that his unit is being thrown forward without support.",
             "\u201cWe are just meat here, nobody counts us,\u201d the soldier says in the recording. \u201cOf the "
             "120 who came with me, maybe 30 are left.\u201d",
             "The soldier, who gives his name only as Andrei, says commanders stay in the rear. \u201cOur officers "
             "ran away on the first night and left us,\u201d he says.",
             "The recording could not be independently verified."],
            url="https://example.org/ledger/intercept-bakhmut",
            quotes=[
                {"text": "We are just meat here, nobody counts us", "speaker": "Andrei", "speaker_text": "the soldier",
                 "role": "soldier", "side": "ru", "channel": "phone_call", "via": ["Ukraine's security service"],
                 "cue": "says"},
                {"text": "Of the 120 who came with me, maybe 30 are left.", "speaker": "Andrei", "role": "soldier",
                 "side": "ru", "channel": "phone_call", "via": ["Ukraine's security service"]},
                {"text": "Our officers ran away on the first night and left us", "speaker": "Andrei",
                 "speaker_text": "he says", "role": "soldier", "side": "ru", "channel": "phone_call",
                 "via": ["Ukraine's security service"], "cue": "says"},
            ],
            indicators=[
                {"indicator": "expendable", "text": "We are just meat here", "quote": 0, "cue": "just meat",
                 "hedged": True, "place": "Bakhmut"},
                {"indicator": "heavy_losses", "text": "Of the 120 who came with me, maybe 30 are left.", "quote": 1,
                 "cue": "maybe 30 are left", "hedged": True, "place": "Bakhmut"},
                {"indicator": "betrayed_by_command", "text": "Our officers ran away on the first night", "quote": 2,
                 "cue": "officers ran away", "hedged": True, "place": "Bakhmut"},
            ],
            places=["Bakhmut"],
        ),
        Article(
            "Kremlin says troops near Kherson are 'fully motivated'", "2023-01-10", "Moscow Wire",
            ["Russia's defence ministry said on Tuesday that its forces on the left bank of the Dnipro near Kherson "
             "remained fully motivated and well supplied.",
             "\u201cThe morale of our servicemen is high and they are determined to complete every task,\u201d "
             "spokesman Igor Sokolov told a press briefing.",
             "He denied reports of desertion. \u201cThere are no desertions in our units,\u201d Sokolov said."],
            quotes=[
                {"text": "The morale of our servicemen is high and they are determined to complete every task",
                 "speaker": "Igor Sokolov", "speaker_text": "Igor Sokolov", "role": "official", "side": "ru",
                 "channel": "press_briefing", "cue": "told"},
                {"text": "There are no desertions in our units", "speaker": "Igor Sokolov",
                 "speaker_text": "Sokolov said", "role": "official", "side": "ru", "channel": "press_briefing",
                 "cue": "said"},
            ],
            indicators=[
                {"indicator": "morale_high", "text": "The morale of our servicemen is high", "quote": 0,
                 "cue": "morale ... is high", "place": "Kherson"},
                {"indicator": "surrender_desertion", "text": "There are no desertions in our units", "quote": 1,
                 "cue": "desertions", "negated": True, "place": "Kherson"},
            ],
            places=["Kherson"],
        ),
        Article(
            "Ukrainian brigade near Avdiivka short of shells, commander says", "2023-01-12", "Frontline Review",
            ["A Ukrainian battalion commander near Avdiivka said his men were rationing artillery rounds and "
             "waiting weeks for replacements.",
             "\u201cWe fire one shell for every ten of theirs,\u201d said the commander, Oleh Marchenko, in an "
             "interview. \u201cThe boys are exhausted, but nobody here is talking about leaving.\u201d",
             "Western officials, speaking on condition of anonymity, said supply problems on both sides had "
             "reportedly worsened since December."],
            url="https://example.org/frontline/avdiivka-shells",
            quotes=[
                {"text": "We fire one shell for every ten of theirs", "speaker": "Oleh Marchenko",
                 "speaker_text": "Oleh Marchenko", "role": "commander", "side": "ua", "channel": "interview",
                 "cue": "said"},
                {"text": "The boys are exhausted, but nobody here is talking about leaving.",
                 "speaker": "Oleh Marchenko", "role": "commander", "side": "ua", "channel": "interview"},
            ],
            indicators=[
                {"indicator": "supply_shortage", "text": "We fire one shell for every ten of theirs", "quote": 0,
                 "subject": "ua", "cue": "one shell for every ten", "place": "Avdiivka"},
                {"indicator": "morale_high", "text": "nobody here is talking about leaving", "quote": 1,
                 "subject": "ua", "cue": "nobody ... leaving", "place": "Avdiivka"},
                {"indicator": "supply_shortage", "text": "supply problems on both sides had reportedly worsened",
                 "subject": "ru", "claimant": "Western officials", "claimant_side": "west", "channel": "statement",
                 "hedged": True, "cue": "supply problems"},
            ],
            places=["Avdiivka"],
        ),
        Article(
            "Captured conscripts say they were told it was an exercise", "2023-01-16", "The Kyiv Ledger",
            ["Two Russian prisoners of war held near Kharkiv told journalists they had been sent across the border "
             "without knowing where they were going.",
             "\u201cThey told us we were going for training, for three days,\u201d said one of them, a 20-year-old "
             "conscript from Belgorod. \u201cNobody wanted to fight. We just want to go home.\u201d",
             "A second prisoner said their company had received no body armour and had been told it would be "
             "welcomed with flowers."],
            quotes=[
                {"text": "They told us we were going for training, for three days", "speaker": "a 20-year-old conscript",
                 "speaker_text": "a 20-year-old conscript", "role": "pow", "side": "ru", "channel": "interview",
                 "cue": "said"},
                {"text": "Nobody wanted to fight. We just want to go home.", "speaker": "a 20-year-old conscript",
                 "role": "pow", "side": "ru", "channel": "interview"},
                {"text": "their company had received no body armour and had been told it would be welcomed with flowers",
                 "kind": "indirect", "speaker": "A second prisoner", "speaker_text": "A second prisoner",
                 "role": "pow", "side": "ru", "channel": "interview", "cue": "said"},
            ],
            indicators=[
                {"indicator": "deceived", "text": "They told us we were going for training", "quote": 0,
                 "cue": "going for training", "place": "Kharkiv"},
                {"indicator": "unwilling", "text": "Nobody wanted to fight. We just want to go home.", "quote": 1,
                 "cue": "nobody wanted to fight", "place": "Kharkiv"},
                {"indicator": "supply_shortage", "text": "received no body armour", "quote": 2,
                 "cue": "no body armour", "place": "Kharkiv"},
                {"indicator": "deceived", "text": "told it would be welcomed with flowers", "quote": 2,
                 "cue": "welcomed", "place": "Kharkiv"},
            ],
            places=["Kharkiv", "Belgorod"],
        ),
        Article(
            "Analysts see morale crisis in Russian units around Vuhledar", "2023-01-23", "Strategic Monitor",
            ["Military analysts said Russian units that failed to take Vuhledar appeared demoralized after weeks of "
             "costly assaults.",
             "\u201cWhat we are seeing is a morale crisis, not just a tactical setback,\u201d wrote Anna Keller, a "
             "senior fellow at a London think tank, on social media.",
             "Keller added that reports of barrier troops shooting at retreating men, if confirmed, would point to "
             "coercion on a large scale."],
            quotes=[
                {"text": "What we are seeing is a morale crisis, not just a tactical setback", "speaker": "Anna Keller",
                 "speaker_text": "Anna Keller", "role": "expert", "side": "independent",
                 "channel": "social_media_post", "cue": "wrote"},
                {"text": "reports of barrier troops shooting at retreating men, if confirmed, would point to coercion "
                         "on a large scale", "kind": "indirect", "speaker": "Anna Keller",
                 "speaker_text": "Keller added", "role": "expert", "side": "independent",
                 "channel": "social_media_post", "cue": "added"},
            ],
            indicators=[
                {"indicator": "morale_low", "text": "Russian units that failed to take Vuhledar appeared demoralized",
                 "claimant": "Military analysts", "claimant_side": "independent", "channel": "news_report",
                 "cue": "demoralized", "place": "Vuhledar"},
                {"indicator": "morale_low", "text": "a morale crisis", "quote": 0, "cue": "morale crisis",
                 "place": "Vuhledar"},
                {"indicator": "coerced", "text": "barrier troops shooting at retreating men", "quote": 1,
                 "cue": "barrier troops", "hedged": True},
            ],
            places=["Vuhledar"],
        ),
        Article(
            "Kyiv official: recruits reach Zaporizhzhia front after two weeks of training", "2023-02-02",
            "Frontline Review",
            ["A Ukrainian regional official said new recruits were arriving on the Zaporizhzhia front after as "
             "little as two weeks of training.",
             "\u201cSome of them have never fired a rifle before they get here,\u201d the official told a local "
             "television channel. \u201cBut they want to defend their homes.\u201d"],
            quotes=[
                {"text": "Some of them have never fired a rifle before they get here", "speaker": "a regional official",
                 "speaker_text": "the official", "role": "local_authority", "side": "ua", "channel": "video",
                 "cue": "told"},
                {"text": "But they want to defend their homes.", "speaker": "a regional official",
                 "role": "local_authority", "side": "ua", "channel": "video"},
            ],
            indicators=[
                {"indicator": "untrained", "text": "Some of them have never fired a rifle before they get here",
                 "quote": 0, "subject": "ua", "cue": "never fired a rifle", "place": "Zaporizhzhia"},
                {"indicator": "morale_high", "text": "they want to defend their homes", "quote": 1, "subject": "ua",
                 "cue": "want to defend", "place": "Zaporizhzhia"},
            ],
            places=["Zaporizhzhia"],
        ),
        Article(
            "Relatives of mobilised men protest in Rostov over missing bodies", "2023-02-06", "Moscow Wire",
            ["Dozens of women gathered in Rostov-on-Don on Sunday to demand information about husbands and sons "
             "sent to Donetsk, a local news site reported.",
             "\u201cThey will not give us the bodies. They say he is missing, but his friends saw him die,\u201d "
             "said Svetlana, whose son was mobilised in October. \u201cThey were sent to their deaths.\u201d"],
            quotes=[
                {"text": "They will not give us the bodies. They say he is missing, but his friends saw him die",
                 "speaker": "Svetlana", "speaker_text": "Svetlana", "role": "relative", "side": "ru",
                 "channel": "news_report", "via": ["a local news site"], "cue": "said"},
                {"text": "They were sent to their deaths.", "speaker": "Svetlana", "role": "relative", "side": "ru",
                 "channel": "news_report", "via": ["a local news site"]},
            ],
            indicators=[
                {"indicator": "casualty_concealment", "text": "They will not give us the bodies", "quote": 0,
                 "cue": "bodies", "place": "Rostov-on-Don"},
                {"indicator": "expendable", "text": "They were sent to their deaths.", "quote": 1,
                 "cue": "sent to their deaths", "place": "Donetsk"},
            ],
            places=["Rostov-on-Don", "Donetsk"],
        ),
        Article(
            "Ukraine says Russian unit near Kramatorsk surrendered after drone leaflet drop", "2023-02-07",
            "The Kyiv Ledger",
            ["Ukraine's military intelligence said on Tuesday that eleven Russian soldiers surrendered near "
             "Kramatorsk after following instructions dropped by drone.",
             "The claim, accompanied by a short video, could not be verified. The agency said the men had "
             "complained of hunger and of commanders who threatened to shoot anyone who retreated."],
            quotes=[
                {"text": "the men had complained of hunger and of commanders who threatened to shoot anyone who "
                         "retreated", "kind": "indirect", "speaker": "Ukraine's military intelligence",
                 "speaker_text": "Ukraine's military intelligence", "role": "intelligence_agency", "side": "ua",
                 "channel": "video", "cue": "said"},
            ],
            indicators=[
                {"indicator": "surrender_desertion", "text": "eleven Russian soldiers surrendered near Kramatorsk",
                 "claimant": "Ukraine's military intelligence", "claimant_side": "ua", "channel": "video",
                 "hedged": True, "cue": "surrendered", "place": "Kramatorsk"},
                {"indicator": "supply_shortage", "text": "complained of hunger", "quote": 0, "hedged": True,
                 "cue": "hunger", "place": "Kramatorsk"},
                {"indicator": "coerced", "text": "commanders who threatened to shoot anyone who retreated",
                 "quote": 0, "hedged": True, "cue": "threatened to shoot", "place": "Kramatorsk"},
            ],
            places=["Kramatorsk"],
        ),
    ]


def hostile_article() -> Article:
    """An article whose untrusted fields carry script payloads (the escaping tests plant it)."""
    para = f"A unit commander identified as {XSS_SPEAKER} said: \u201c{XSS_QUOTE}\u201d near Chernihiv."
    return Article(
        XSS_TITLE, "2023-02-08", XSS_OUTLET, [para],
        url="javascript:window.__xss=6",
        quotes=[{"text": XSS_QUOTE, "speaker": XSS_SPEAKER, "speaker_text": XSS_SPEAKER, "role": "commander",
                 "side": "ua", "channel": "statement", "via": ["<i onclick=x>relay</i>"], "cue": "said"}],
        indicators=[{"indicator": "supply_shortage", "text": "we have no ammunition", "quote": 0, "subject": "ua",
                     "cue": "<no ammunition>", "place": "Chernihiv"}],
        places=["Chernihiv"],
    )


def relay_article() -> Article:
    """A copy of the first fixture article relayed by another outlet a day later with a line added (the Copies view
    and the independent-story counts are tested with it)."""
    import dataclasses

    first = articles()[0]
    return dataclasses.replace(first, published="2023-01-10", outlet="Daily Relay", url="https://example.org/relay/1",
                               paragraphs=[*first.paragraphs, "Daily Relay could not reach the ministry for comment."])


def build_fixture_store(path: str | Path, *, hostile: bool = False, copies: bool = False) -> Path:
    """Write the fixture articles into a store at ``path`` (created; re-running adds nothing), and group them into
    stories (the corpus stage). ``copies``: add :func:`relay_article`, a copy of the first."""
    store = Store(path)
    try:
        run = store.start_run({"fixture": "moralewatch.web.demo", "hostile": hostile}, ["fixture"])
        items = articles() + ([hostile_article()] if hostile else []) + ([relay_article()] if copies else [])
        stage_of: dict[str, str | None] = {"quotes": "fixture.v1", "indicators": "fixture.v1",
                                            "entities": "fixture.v1"}
        counts = {"ok": 0, "duplicate": 0}
        for n, a in enumerate(items):
            doc = build_document(a)
            status = store.write(doc, Outcome("fixture", f"article {n}", "ok"), run, stage_of)
            counts[status] = counts.get(status, 0) + 1
        from ..corpus.store import group_store

        group_store(store.conn, run)
        store.finish_run(run, counts)
    finally:
        store.close()
    return Path(path)


if __name__ == "__main__":  # python -m moralewatch.web.demo out/demo-web.db
    import sys

    print(build_fixture_store(sys.argv[1] if len(sys.argv) > 1 else "demo-web.db", hostile="--hostile" in sys.argv))
