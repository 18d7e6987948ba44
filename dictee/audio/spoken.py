"""How long a group takes to say, as a share of the whole text.

Alignment only needs shares (this group holds 6 % of the text), so rough counts
do: syllables (vowel groups, minus the mute final « e ») and letters, averaged,
both of the text as said: abbreviations, symbols and numbers in words (« 1989 »
is 30 letters said, not 4 digits). On the shipped texts read by espeak-ng, the
average predicts a group's length to within 9 % (standard deviation of the log
ratio, worst 0.35; syllables alone 13 %, letters alone 11 %).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import numpy as np

_VOWELS = "aeiouyàâäéèêëîïôöùûüÿœæ"
_VOWEL_GROUP = re.compile(f"[{_VOWELS}]+")
_WORD = re.compile(r"[a-zà-öø-ÿœæ]+")  # of the text as said: no digit is left
_SHORT_E = frozenset("le de que je ce ne me se te".split())  # their « e » is spoken


_UNITS = ("zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize "
          "quatorze quinze seize").split()
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def number_words(value: int) -> str:
    """`value` (0 to 999,999,999) as a reader says it: 1989 → « mille neuf cent
    quatre-vingt-neuf », 2021 → « deux mille vingt et un » (traditional spelling)."""
    if value < 100:
        return _below_hundred(value)
    for unit, name in ((1_000_000, "million"), (1000, "mille"), (100, "cent")):
        if value >= unit:
            head, rest = divmod(value, unit)
            if unit == 1_000_000:
                words = f"{number_words(head)} million{'s' if head > 1 else ''}"
            elif head == 1:
                words = name  # « mille », « cent », never « un mille »
            else:
                words = f"{number_words(head)} {name}"
                if unit == 1000 and words.endswith("s mille"):
                    words = words[:-7] + " mille"  # « quatre-vingt mille », « deux cent mille »
                if unit == 100 and not rest:
                    words += "s"  # « deux cents », but « deux cent un »
            return f"{words} {number_words(rest)}" if rest else words
    raise AssertionError(value)


def _below_hundred(n: int) -> str:
    """0-99 in words: 71 → « soixante et onze », 80 → « quatre-vingts »."""
    if n <= 16:
        return _UNITS[n]
    if n < 20:
        return f"dix-{_UNITS[n - 10]}"
    tens, unit = divmod(n, 10)
    if tens in (7, 9):  # « soixante-dix », « quatre-vingt-onze »
        head = "soixante" if tens == 7 else "quatre-vingt"
        joint = " et " if n == 71 else "-"
        return f"{head}{joint}{_below_hundred(10 + unit)}"
    if tens == 8:
        return f"quatre-vingt-{_UNITS[unit]}" if unit else "quatre-vingts"
    if unit == 0:
        return _TENS[tens]
    return f"{_TENS[tens]}{' et ' if unit == 1 else '-'}{_UNITS[unit]}"


@functools.lru_cache(maxsize=8192)  # a text repeats its words: « le », « de », « la »
def word_syllables(word: str) -> int:
    count = len(_VOWEL_GROUP.findall(word))
    if count > 1 and word not in _SHORT_E and re.search(r"[^aeiouyéè]e(s|nt)?$", word):
        count -= 1  # mute final e: « porte », « portes », « portent »
    return count  # 0 for an elided « n’ », « d’ », « qu’ »: it joins the next word


# Written forms a reader says as words (French): abbreviations, symbols, ordinals.
_SAID = [
    (re.compile(r"\bMmes\b"), "mesdames"), (re.compile(r"\bMme\b"), "madame"),
    (re.compile(r"\bMlle\b"), "mademoiselle"), (re.compile(r"\bMM\.\s"), "messieurs "),
    (re.compile(r"\bM\.\s"), "monsieur "), (re.compile(r"\bDr\b"), "docteur"),
    (re.compile(r"\betc\."), "et cetera"), (re.compile(r"\s?%"), " pour cent"),
    (re.compile(r"(?<=\d)\s?km\b"), " kilomètres"), (re.compile(r"(?<=\d)\s?kg\b"), " kilos"),
    (re.compile(r"(?<=\d)\s?h\b"), " heures"), (re.compile(r"\b1(er|re)\b"), "premier"),
    # « XXe siècle »: about 3 syllables; one letter only for V and X (« Le », « Ce »).
    (re.compile(r"\b(?:[IVXLC]{2,}|[VX])(e|ème)\b"), "vingtième"),
    (re.compile(r"(?<=\d)(e|ème)\b"), "ième"), (re.compile(r"\s?\$"), " dollars"),
    (re.compile(r"\s?€"), " euros"), (re.compile(r"&"), " et "),
]


# A number in digits, its thousands perhaps set apart (« 10 000 », with a space or a
# non-breaking one), perhaps with decimals (« 2,5 »).
_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?")


def _number_said(match: re.Match[str]) -> str:
    whole, _, decimals = match.group().partition(",")
    words = _digits_said(re.sub(r"\D", "", whole))
    return f"{words} virgule {_digits_said(decimals)}" if decimals else words


def _digits_said(digits: str) -> str:
    """Digits in words: a number up to 999,999,999, or beyond, digit by digit."""
    if len(digits) > 9:
        return " ".join(_UNITS[int(d)] for d in digits)
    return number_words(int(digits))


@functools.lru_cache(maxsize=4096)  # each group is counted in syllables and in letters
def said(text: str) -> str:
    """`text` with what a reader says in words: abbreviations and symbols (« Mme » →
    « madame », « 15 % » → « quinze pour cent ») and numbers (« en 1989 » → « en mille
    neuf cent quatre-vingt-neuf »: 30 letters and 7 syllables where the digits have 4
    characters)."""
    for pattern, words in _SAID:
        text = pattern.sub(words, text)
    return _NUMBER.sub(_number_said, text)


_QUOTE_AFTER_ELISION = re.compile(r"(?<=\w['’])\s*[«“\"]\s*")


def for_voice(text: str) -> str:
    """`text` as a synthetic voice (espeak-ng) should be given it: an opening quote
    right after an elision taken out. espeak-ng says « d'« incitation » as « de »,
    280 ms of silence, then « incitation », where a reader says « d'incitation »."""
    return _QUOTE_AFTER_ELISION.sub("", text)


@functools.lru_cache(maxsize=4096)  # a group is counted for its share, its speed, its doubt
def syllables(text: str) -> int:
    """Spoken syllables of a group, at least 1."""
    words = _WORD.findall(said(text).lower().replace("’", " ").replace("'", " "))
    return max(1, sum(word_syllables(w) for w in words))


@functools.lru_cache(maxsize=4096)
def letters(text: str) -> int:
    """Letters as said (numbers in words, see `said`)."""
    return len(re.findall(r"[^\W\d_]", said(text)))


def shares(texts: Sequence[str]) -> np.ndarray:
    """Each text's expected share of the speaking time (sums to 1)."""
    syl = np.array([syllables(t) for t in texts], dtype=float)
    let = np.array([max(letters(t), 1) for t in texts], dtype=float)
    return (syl / syl.sum() + let / let.sum()) / 2
