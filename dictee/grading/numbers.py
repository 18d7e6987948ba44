"""The value of a number written in French words (« dix-huit », « trente et un »), so
that a number written in digits where the text spells it, or the reverse, is judged as
the same number: a teacher's choice written in docs/correction.md. correction.js has
the same rule (numberValue)."""

from __future__ import annotations

import re

_WORDS = {
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
        elif word in _WORDS:
            current += _WORDS[word]
        else:
            return None
        previous = word
    return total + current


def digits_value(token: str) -> int | None:
    """The value of a token written in digits only (« 2021 »), else None."""
    return int(token) if token.isascii() and token.isdigit() else None
