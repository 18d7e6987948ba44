"""The value of a number written in French words (« dix-huit », « trente et un »), so
that a number written in digits where the text spells it, or the reverse, is judged as
the same number: a teacher's choice written in docs/correction.md. correction.js has
the same rule (numberValue)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

WORDS = {
    "zero": 0, "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
    "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60}
_SEPARATORS = re.compile(r"[\s-]+")


def number_value(text: str) -> int | None:
    """The number that `text` spells in French words, traditional or rectified spelling
    (« deux mille vingt et un », « deux-mille-vingt-et-un », « quatre-vingts »); None if
    it is not only number words. Lenient about hyphens: they are judged elsewhere."""
    words = [w for w in _SEPARATORS.split(text.lower()) if w]
    if not words or words[0] == "et" or words[-1] == "et":
        return None
    total = current = 0
    previous = ""
    for word in words:
        if word == "et":
            pass
        elif word in ("cent", "cents"):
            current = (current or 1) * 100
        elif word == "mille":
            total += (current or 1) * 1000
            current = 0
        elif word in ("vingt", "vingts") and previous == "quatre":
            current += 76  # « quatre-vingt(s) »: 4 becomes 80
        elif word == "vingts":
            return None
        elif word in WORDS:
            current += WORDS[word]
        else:
            return None
        previous = word
    return total + current


def digits_value(token: str) -> int | None:
    """The value of a token written in digits only (« 2021 »), else None."""
    return int(token) if token.isascii() and token.isdigit() else None


PARTS = frozenset((*WORDS, "cent", "cents", "mille", "vingts", "et"))
# The words a compound numeral is made of (« zéro » never is one, « et » only links two
# of them): the hyphen rule of table.py and the invariable numerals of points.py.
NUMERALS = PARTS - {"zero", "zéro", "et"}
# The longest run of written tokens read as one number (« quatre-vingt-dix-sept mille
# trois cent quarante et un » is 12).
LONGEST_RUN = 12


@lru_cache(maxsize=1 << 14)
def _part(token: str) -> bool:
    """A word of a number (the copies of a class repeat their words: kept)."""
    return token.lower().lstrip("-") in PARTS


def _runs(tokens: list[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each maximal run of number words, « et » never at its ends."""
    p = 0
    while p < len(tokens):
        if not _part(tokens[p]) or tokens[p].lower().lstrip("-") == "et":
            p += 1
            continue
        q = p
        while q < len(tokens) and _part(tokens[q]) and q - p < LONGEST_RUN:
            q += 1
        yield p, q
        p = q


def _value(tokens: list[str]) -> int | None:
    return number_value(" ".join(tokens))


def join_numbers(written: list[str], expected: Sequence[str]) -> list[str]:
    """The written tokens with each run of two words or more that spells a number the
    text writes in digits (and nowhere in words) read as one token, as `join` reads
    them: « deux mille vingt et un » for « 2021 », « vingt-deux » for « 22 ». The run
    taken is the longest that spells such a number, from its first word."""
    values = _in_digits(tuple(expected))
    if not values or not any(map(_part, written)):
        return written
    found: list[str] = []
    p = 0
    while p < len(written):
        end = _longest(written, p, values)
        if end:
            token = written[p]
            for following in written[p + 1:end]:
                token += ("" if following.startswith("-") else " ") + following
            found.append(token)
            p = end
        else:
            found.append(written[p])
            p += 1
    return found


@lru_cache(maxsize=16)
def _in_digits(expected: tuple[str, ...]) -> frozenset[int]:
    """The numbers the text writes in digits and never in words (a run of two number
    words or more)."""
    values = {digits_value(t) for t in expected} - {None}
    spelt = {_value(list(expected[p:end])) for start, stop in _runs(list(expected))
             for p in range(start, stop) for end in range(p + 2, stop + 1)}
    return frozenset(v for v in values - spelt if v is not None)


def _longest(written: list[str], p: int, values: frozenset[int]) -> int:
    """The end of the longest run from `p` (two tokens or more) spelling one of
    `values`, else 0."""
    if not _part(written[p]) or written[p].lower().lstrip("-") == "et":
        return 0
    q = p
    while q < len(written) and _part(written[q]) and q - p < LONGEST_RUN:
        q += 1
    for end in range(q, p + 1, -1):
        if written[end - 1].lower().lstrip("-") != "et" and _value(written[p:end]) in values:
            return end
    return 0
