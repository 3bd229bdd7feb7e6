"""Building blocks of patterns that run in linear time (issue 14: no regex of the pipeline may backtrack its way
into a hang; tests/test_linear_time.py checks every pattern on adversarial input)."""

from __future__ import annotations


def words_until(word: str, sep: str, most: int, then: str) -> str:
    """``((?:WORD SEP){1,MOST}?)(?=THEN)`` in linear time, with the same match.

    The lazy form tries more words first and, when ``MOST`` words never reach ``THEN``, backtracks into every way
    of cutting the words into pieces: exponential in the length of a word ("according to" and 40 letters without a
    stop took seconds; 60 never ended). Its order of trials is: the words whole (more of them each time), then, from
    the last word reached back to the first, the separator given back and then the word cut shorter. The first
    alternative below is the first part (words and separators possessive); the second is the rest in the same order,
    each word but the last possessive (a word cut short ends where ``THEN`` can only match at a stop inside it)."""
    whole = rf"(?:{word}++{sep}+){{1,{most}}}?(?={then})"
    back = (rf"(?:(?P<first>{word}++{sep})(?:{word}++{sep}){{0,{most - 2}}})?(?P<last>{word}+{sep})?"
            rf"(?(first)|(?(last)|(?!)))(?={then})")
    return rf"({whole}|{back})"
