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
from collections.abc import Callable, Sequence

import numpy as np

from dictee.content.groups import MONTHS, ORDINAL

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
                if unit == 1000 and words.endswith(("vingts mille", "cents mille")):
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


def ordinal_words(value: int) -> str:
    """`value` (1 and up) as an ordinal: 1 → « premier », 6 → « sixième », 21 → « vingt
    et unième », 80 → « quatre-vingtième », 200 → « deux centième »."""
    if value == 1:
        return "premier"
    words = number_words(value)
    if words.endswith(("vingts", "cents", "millions")):
        words = words[:-1]
    elif words.endswith("cinq"):
        words += "u"
    elif words.endswith("neuf"):
        words = words[:-1] + "v"
    elif words.endswith("e"):
        words = words[:-1]
    return words + "ième"


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman_value(numeral: str) -> int:
    """A roman numeral's value: « XIX » → 19."""
    values = [_ROMAN[letter] for letter in numeral]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0]))


def _regnal_said(match: re.Match[str]) -> str:
    """« Louis XIV » → « Louis quatorze », « Jean-Paul II » → « Jean-Paul deux »: a
    numeral after a name (at most REGNAL_MAX, written as a numeral should be), which
    espeak-ng says « quatorze romain »; else as written (« Mon CV »)."""
    value = _roman_value(match.group(2))
    if value > REGNAL_MAX or _roman(value) != match.group(2) \
            or match.group(1).lower() in _NOT_NAMES:
        return match.group()
    return f"{match.group(1)} {number_words(value)}"


REGNAL_MAX = 39  # XXXIX: kings and popes; « CV », « XL » after a name are not numerals
# Capitalised at a sentence's start, not names: « Le V de la victoire ».
_NOT_NAMES = frozenset("le la les un une du des de au aux en et ce cette son sa ses mon ma "
                       "à".split())


def _roman(value: int) -> str:
    """`value` (1 to 399) in roman numerals, as they are written: 14 → « XIV »."""
    out = ""
    for number, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
                            (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, value = divmod(value, number)
        out += letters * count
    return out


def _ordinal_said(match: re.Match[str]) -> str:
    number, ending = match.group(1), match.group(2)
    value = int(number) if number.isdigit() else _roman_value(number)
    if value == 1 and ending in ("re", "ère", "res"):
        return "première"
    return ordinal_words(value)


# Written forms that espeak-ng says otherwise than a reader: « M. » as the letter M and
# a full stop (a pause), « MM. » as « millimètre », « Mmes » as « m », « 1re » as « un
# re », « XXe » letter by letter, « 6e » as « six, e », « 8 h » as « huit, ache »,
# « Louis XIV » as « quatorze romain », « François Ier » as « ié », « 19 sept. 2022 »
# as « dix-neuf sept » and a pause. Given to it as a reader says them (for_voice), and
# counted so (said).
_READER_FORMS: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (re.compile(r"\bMM\.\s"), "messieurs "), (re.compile(r"\bM\.\s"), "monsieur "),
    (re.compile(r"\bMmes\b"), "mesdames"),
    (re.compile(rf"\b{ORDINAL}\b"), _ordinal_said),
    (re.compile(r"\bIer\b"), "premier"), (re.compile(r"\bIre\b"), "première"),
    (re.compile(r"\b(" + "|".join(MONTHS) + r")\. (?=\d)"),
     lambda match: MONTHS[match.group(1)] + " "),
    # A numeral of one letter before a full stop is an initial (« Jean C. Roy »).
    (re.compile(r"\b([A-ZÀ-ÖØ-Þ][\w-]*) ([IVXLC]{2,}(?![\w’'-])|[IVXLC](?![\w.’'-]))"),
     _regnal_said),
    (re.compile(r"(?<=\d)\s?h\b"), " heures"),
]
# Written forms a reader says as words, which espeak-ng says right: abbreviations and
# symbols, counted as words (said).
_SAID: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bMme\b"), "madame"), (re.compile(r"\bMlle\b"), "mademoiselle"),
    (re.compile(r"\bDr\b"), "docteur"),
    (re.compile(r"\betc\."), "et cetera"), (re.compile(r"\s?%"), " pour cent"),
    (re.compile(r"(?<=\d)\s?km\b"), " kilomètres"), (re.compile(r"(?<=\d)\s?kg\b"), " kilos"),
    (re.compile(r"\s?\$"), " dollars"), (re.compile(r"\s?€"), " euros"),
    (re.compile(r"&"), " et "),
]


def _reader_forms(text: str) -> str:
    for pattern, words in _READER_FORMS:
        text = pattern.sub(words, text)
    return text


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
    text = _reader_forms(text)
    for pattern, words in _SAID:
        text = pattern.sub(words, text)
    return _NUMBER.sub(_number_said, text)


_QUOTE_AFTER_ELISION = re.compile(r"(?<=\w['’])\s*[«“\"]\s*")


def for_voice(text: str) -> str:
    """`text` as a synthetic voice (espeak-ng) should be given it: what it would misread
    in words (_READER_FORMS: « M. Tremblay » → « monsieur Tremblay »), and an opening
    quote right after an elision taken out. espeak-ng says « d'« incitation » as « de »,
    280 ms of silence, then « incitation », where a reader says « d'incitation »."""
    return _reader_forms(_QUOTE_AFTER_ELISION.sub("", text))


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
