"""Rewrite the numeric lines of gold/train/CARD_a.md from the label files (run from the worktree root)."""
import collections as C
import json
import re

ROWS = [json.loads(l) for l in open("gold/train/indicators_train_a.jsonl")]
POOL = [json.loads(l) for l in open("gold/train/pool_a.jsonl")]
SYN = [json.loads(l) for l in open("gold/train/synthetic_a.jsonl")]
IND = ["fear", "deceived", "coerced", "betrayed_by_command", "expendable", "heavy_losses", "unwilling",
       "surrender_desertion", "sabotage", "untrained", "supply_shortage", "casualty_concealment", "forced_recruitment",
       "trauma", "orders_against_civilians", "morale_low", "morale_boosting", "morale_high"]
f = lambda n: f"{n:,}"
pos = lambda r: bool(r["labels"])
N, P = len(ROWS), sum(map(pos, ROWS))
L = [l for r in ROWS for l in r["labels"]]
card = open("gold/train/CARD_a.md").read()


def sub(pattern, repl):
    global card
    new, n = re.subn(pattern, repl, card, flags=re.M)
    assert n == 1, (pattern, n)
    card = new


cor, corp = C.Counter(r["corpus"] for r in ROWS), C.Counter(r["corpus"] for r in ROWS if pos(r))
for c, label in (("zelensky-addresses-en", "zelensky-addresses-en"),
                 ("whitehouse-ukraine-en", r"whitehouse-ukraine-en \(file lines 0–238 only\)"),
                 ("press-releases-2022-en", "press-releases-2022-en"),
                 ("resistinua-addresses", r"resistinua-addresses \(English items only\)")):
    sub(r"^\| (%s) \| [\d,]+ \| [\d,]+ \|" % label, lambda m, c=c: f"| {m.group(1)} | {f(cor[c])} | {f(corp[c])} |")
sub(r"\b[\d,]+ documents\ncontribute", f"{len({r['id'] for r in ROWS}):,} documents\ncontribute")
sel, selp = C.Counter(r["selection"] for r in ROWS), C.Counter(r["selection"] for r in ROWS if pos(r))
for s in ("keyword", "hard_negative", "random"):
    extra = lambda s=s: f" ({round(100 * selp[s] / sel[s])}%)" if s == "keyword" else ""
    sub(r"^\| %s \| [\d,]+ \(\d+%%\) \| [\d,]+( \(\d+%%\))? \|" % s,
        lambda m, s=s: f"| {s} | {f(sel[s])} ({round(100 * sel[s] / N)}%) | {f(selp[s])}{extra()} |")
ph, php = C.Counter(), C.Counter()
for p, r in zip(POOL, ROWS):
    ph[p.get("phase", 1)] += 1
    php[p.get("phase", 1)] += pos(r)
parts = [(f"{k} = {f(ph[k])} sentences ({php[k]} positive)" if k == 1 else f"{k} = {f(ph[k])} ({php[k]})") for k in sorted(ph)]
sub(r"^Phases: .*\n.*\. Seeds", "Phases: " + ", ".join(parts[:5]) + ",\n" + ", ".join(parts[5:]) + ". Seeds")
sc = C.Counter((l["subject_side"], l["claimant_side"]) for l in L)
sub(r"^[\d,]+ sentences, \*\*[\d,]+ positive\*\* \([\d.]+%\), [\d,]+ labels",
    f"{f(N)} sentences, **{f(P)} positive** ({100 * P / N:.1f}%), {f(len(L))} labels")
sides = ", ".join(f"{a}/{b} {n}" for (a, b), n in sc.most_common())
sub(r"^Hedged \d+, negated \d+\. Subject side × claimant side: .*\n.*No `unknown` subject side was needed\.",
    f"Hedged {sum(l['hedged'] for l in L)}, negated {sum(l['negated'] for l in L)}. Subject side × claimant side: "
    + sides[:60] + sides[60:].replace(", ", ",\n", 1) + ". No `unknown` subject side was needed.")
t = C.Counter((l["indicator"], l["subject_side"]) for l in L)
hn = C.Counter(l["indicator"] for l in L if l["hedged"] or l["negated"])
s_ = C.Counter((l["indicator"], l["subject_side"]) for r in SYN for l in r["labels"])
tot = [0] * 6
for i in IND:
    v = [t[(i, "ru")], t[(i, "ua")], sum(n for (a, _), n in t.items() if a == i), hn[i], s_[(i, "ru")], s_[(i, "ua")]]
    tot = [a + b for a, b in zip(tot, v)]
    sub(r"^\| %s \| .*\|$" % i, "| " + i + " | " + " | ".join(map(str, v)) + " |")
sub(r"^\| \*\*all\*\* \| .*\|$", "| **all** | " + " | ".join(f(x) for x in tot) + " |")
st, stp = C.Counter(r["source_type"] for r in ROWS), C.Counter(r["source_type"] for r in ROWS if pos(r))
sub(r"^\*\*Source type\.\*\* official [\d,]+ \([\d,]+ positive\); news [\d,]+ ",
    f"**Source type.** official {f(st['official'])} ({f(stp['official'])} positive); news {f(st['news'])} ")
sub(r"briefing: a journalist's voice at the sentence level; \d+ positive\)",
    f"briefing: a journalist's voice at the sentence level; {stp['news']} positive)")
sub(r"\*\*Testimony share: [\d.]+% of sentences \(\d+ of [\d,]+\)\.\*\*",
    f"**Testimony share: {100 * st['testimony'] / N:.2f}% of sentences ({st['testimony']} of {f(N)}).**")
sub(r"\d+ sentences \(all positive\) carry `borderline`",
    f"{sum('borderline' in r.get('note', '') for r in ROWS)} sentences (all positive) carry `borderline`")
sub(r"\d+ `morale_boosting` \(ua\) sentences carry `thanks`",
    f"{sum(1 for r in ROWS if 'thanks' in r.get('note', '') and any(l['indicator'] == 'morale_boosting' and l['subject_side'] == 'ua' for l in r['labels']))} `morale_boosting` (ua) sentences carry `thanks`")
g = lambda i: sum(n for (a, _), n in t.items() if a == i)
sub(r"^\*\*Gaps\.\*\* Real positives for .*\n.*are far",
    f"**Gaps.** Real positives for fear ({g('fear')}), deceived ({g('deceived')}), coerced ({g('coerced')}), betrayed_by_command ({g('betrayed_by_command')}), unwilling ({g('unwilling')}),\n"
    f"surrender_desertion ({g('surrender_desertion')}), sabotage ({g('sabotage')}), untrained ({g('untrained')}), casualty_concealment ({g('casualty_concealment')}), trauma ({g('trauma')}) and morale_low ({g('morale_low')}) are far")
sub(r"`morale_boosting`/ua \(\d+\) and\n`orders_against_civilians`/ru \(\d+\) dominate; heavy_losses reaches \d+ \(\d+ ru\)\.",
    f"`morale_boosting`/ua ({t[('morale_boosting', 'ua')]}) and\n`orders_against_civilians`/ru ({t[('orders_against_civilians', 'ru')]}) dominate; heavy_losses reaches {g('heavy_losses')} ({t[('heavy_losses', 'ru')]} ru).")
open("gold/train/CARD_a.md", "w").write(card)
print("card updated:", N, "sentences", P, "positive")
