"""What kind of error a written token is, judged against the expected one.

The categories, in the order they are tried (the first that fits wins):

1. mot: a word missing, added, or replaced by an unrelated word (none of 2-6 fits);
2. homophone: another real word that sounds the same (Lexique), not a form of it;
3. grammaire: another form of the same word (same lemma or closed family), or the
   expected verb with another ending;
4. accent: only accents, diaeresis, cedilla or a ligature (œ, æ) differ;
5. ponctuation-majuscule: punctuation, capitals, a missing apostrophe or hyphen,
   two words glued or one word cut;
6. usage: any other misspelling close enough to the word.

Each category also has an alignment cost, so that the alignment prefers to pair a
written word with the expected word it is an error on.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from dictee.grading.numbers import digits_value, number_value
from dictee.grading.table import Table
from dictee.grading.tokens import base, fold, is_word, key, lookup, sketch

MOT = "mot"
HOMOPHONE = "homophone"
GRAMMAIRE = "grammaire"
ACCENT = "accent"
PONCTUATION = "ponctuation-majuscule"
USAGE = "usage"
CATEGORIES = (MOT, HOMOPHONE, GRAMMAIRE, ACCENT, PONCTUATION, USAGE)

# Alignment costs (integers, so that Python and JavaScript agree exactly).
GAP = 10  # a missing or an added token
TYPO = 1  # a word right but for accents, capitals, apostrophes or hyphens
LEXICAL = 5  # a homophone or another form of the word
PUNCT_CHANGED = 10  # one punctuation mark for another
FAR = 10  # a misspelt or replaced word: FAR + 9 × distance ÷ length, at most 19
# Two expected words written as one, or one written as two: one token more or less
# than a pair, so a gap plus a little, or a long copy would be absorbed two by two.
MERGE_TYPO = GAP + 1  # « lécole » for « l'école », « aété » for « a été »
MERGE_LEXICAL = GAP + 4  # « ses » for « c'est », « l'a » for « la »
MERGE_USAGE = GAP + 8  # « super marcher » for « supermarché »: below a gap and a pair
# Two expected words written as two tokens that part elsewhere (« la bandon » for
# « l'abandon »): the letters are right, only the boundary moved; two typos' worth.
SHIFT_TYPO = 2 * TYPO


def distance(expected: str, written: str) -> tuple[int, int]:
    """Levenshtein distance between the folded words, and the longer folded length."""
    a, b = fold(expected), fold(written)
    return Levenshtein.distance(a, b), max(len(a), len(b), 1)


def is_close(expected: str, written: str) -> bool:
    """A misspelling (usage) rather than another word: at most one edit per three letters
    beyond the first (none for words of one to three letters), on the folded words or on
    their sketches (one spelling per common sound, no double letters: « drapo » for
    « drapeau »), each against its own length: « ell » for « elle », « petts » for
    « petits » are misspellings although their sketches (« el », « pets ») are short.
    Two neighbouring letters swapped are one edit (optimal string alignment distance):
    a dyslexic pupil's « driots » is « droits » misspelt, not another word."""
    a, b = fold(expected), fold(written)
    if OSA.distance(a, b) <= _allowed(max(len(a), len(b))):
        return True
    a, b = _sketch(expected), _sketch(written)
    return OSA.distance(a, b) <= _allowed(max(len(a), len(b)))


def _allowed(length: int) -> int:
    """Edits a misspelling may have (is_close), for the longer word's length: one per
    three letters beyond the first."""
    return (length - 1) // 3


def close_ones(expected: Sequence[str], written: str) -> list[bool]:
    """[is_close(e, written) for e in expected], the distances computed together by
    rapidfuzz (a copy that stops early has its last words compared with every word of
    the text: two Levenshtein calls per word pair cost more than the comparison)."""
    if not expected:
        return []
    close = [False] * len(expected)
    for shape in (fold, _sketch):  # folded first, then sketched, as is_close
        left = [k for k, near in enumerate(close) if not near]
        if not left:
            break
        b = shape(written)
        shapes = [shape(expected[k]) for k in left]
        allowed = [_allowed(max(n, len(b))) for n in range(max(map(len, shapes)) + 1)]
        distances = process.cdist(shapes, [b], scorer=OSA.distance, workers=1)
        for k, a, distance in zip(left, shapes, distances[:, 0].tolist(), strict=True):
            close[k] = distance <= allowed[len(a)]
    return close


@lru_cache(maxsize=1 << 15)
def _sketch(word: str) -> str:
    """sketch(fold(word)), kept: the words of a text are compared again and again."""
    return sketch(fold(word))


def _typographic(expected: str, written: str) -> str:
    return ACCENT if base(expected) != base(written) else PONCTUATION


def _lexical(table: Table, index: int, written: str) -> str | None:
    """Homophone or another form of the word: first as written, then, if the written
    word is not the expected one with other accents, ignoring accents, so that
    « etait » for « été » is still a grammar error."""
    form = lookup(written)
    if table.is_homophone(index, form):
        return HOMOPHONE
    if table.is_form(index, form):
        return GRAMMAIRE
    folded = fold(written)
    if table.is_folded_homophone(index, folded):
        return HOMOPHONE
    if table.is_folded_form(index, folded) or table.is_verb_ending(index, folded):
        return GRAMMAIRE
    if is_agreement_mark(table.folds[index], folded):
        return GRAMMAIRE
    return None


AGREEMENT_MARKS = ("s", "x")


def is_agreement_mark(expected_fold: str, written_fold: str) -> bool:
    """The expected word with a plural mark it does not take: « quatres », « vingts »,
    « milles », « onzes », « juins » (an agreement error, even where the form does not
    exist). Tried after homophones, so « plus » for « plu » stays a homophone."""
    return bool(expected_fold) and any(written_fold == expected_fold + mark
                                       for mark in AGREEMENT_MARKS)


def substitution(table: Table, index: int, written: str) -> str | None:
    """The category of `written` in place of expected token `index`, None if right.
    A word for a punctuation mark (or the reverse) is never a substitution."""
    expected = table.tokens[index]
    if key(expected) == key(written) or table.is_rectified(index, written):
        return None
    if not is_word(expected) or not is_word(written):
        if is_word(expected) or is_word(written):
            raise ValueError("a word and a punctuation mark are never paired")
        return PONCTUATION
    number = digits_value(expected)
    if number is not None and number == number_value(written):
        return None  # « onze » for « 11 »: the number, in words (a teacher's choice)
    lexical = _lexical(table, index, written)
    if lexical:
        return lexical
    if fold(expected) == fold(written):
        return _typographic(expected, written)
    return USAGE if is_close(expected, written) or is_far_usage(expected, written) else MOT


def is_far_usage(expected: str, written: str) -> bool:
    """A misspelling that is_close does not see: the liaison written at the head of the
    word (is_liaison), or the number written in digits (« 5 » for « cinq »: its spelling
    avoided)."""
    number = digits_value(written)
    return is_liaison(expected, written) or (
        number is not None and number == number_value(expected))


LIAISON_CONSONANTS = ("n", "z", "t")
_VOWELS = frozenset("aeiouyh")


def is_liaison(expected: str, written: str) -> bool:
    """The word with the consonant of the liaison heard before it written at its head:
    « un nan » for « un an », « les zenfants », « deux zans » (a spelling of what is
    heard, usage, though the words are too short for is_close)."""
    word, heard = fold(expected), fold(written)
    return word[:1] in _VOWELS and any(heard == consonant + word
                                       for consonant in LIAISON_CONSONANTS)


def substitution_cost(table: Table, index: int, written: str) -> int | None:
    """Alignment cost of pairing `written` with expected token `index`; None if never."""
    expected = table.tokens[index]
    if is_word(expected) != is_word(written):
        return None
    category = substitution(table, index, written)
    if category is None:
        return 0
    if not is_word(expected):
        return PUNCT_CHANGED
    if category in (ACCENT, PONCTUATION):
        return TYPO
    if category in (HOMOPHONE, GRAMMAIRE):
        return LEXICAL
    dist, length = distance(expected, written)
    return FAR + 9 * dist // length


def merge(table: Table, index: int, written: str) -> str | None:
    """Expected tokens `index` and `index + 1` written as one token: « ses » for
    « c'est », « lécole » for « l'école ». None if that reading is not allowed."""
    if index + 1 >= len(table.tokens):
        return None
    first, second = table.tokens[index], table.tokens[index + 1]
    if not (is_word(first) and is_word(second) and is_word(written)):
        return None
    number = digits_value(written)
    if number is not None and number == number_value(first + second):
        return USAGE  # « 22 » for « vingt-deux »
    if table.is_pair_homophone(index, lookup(written)) \
            or is_elision_confusion(written, first, second):
        return HOMOPHONE
    if fold(first + second) == fold(written):
        return _typographic(first + second, written)
    if is_glued_misspelling(first, second, written):
        return USAGE
    return None


def is_glued_misspelling(first: str, second: str, written: str) -> bool:
    """Two words written as one, misspelt: « mondentier » for « monde entier ». Both
    words have at least 3 letters, the written word starts as the first and ends as the
    second (3 letters each), is close to the two together (is_close) and to neither
    alone (else it is that word, and the other is missing)."""
    one, two, glued = fold(first), fold(second), fold(written)
    return (len(one) >= 3 and len(two) >= 3 and not first.endswith("'")
            and not second.startswith("-") and glued[:3] == one[:3]
            and glued[-3:] == two[-3:] and is_close(first + second, written)
            and not is_close(first, written) and not is_close(second, written))


def split(table: Table, index: int, first: str, second: str) -> str | None:
    """Expected token `index` written as two tokens: « c'est » for « ses »,
    « Écrivons lui » is not one (the hyphen token is a 1:1 pair). None if not allowed."""
    expected = table.tokens[index]
    if not (is_word(expected) and is_word(first) and is_word(second)):
        return None
    if first.endswith("'") and not second.startswith("-") \
            and (table.is_homophone(index, lookup(first) + lookup(second))
                 or is_elision_confusion(expected, first, second)):
        return HOMOPHONE
    if fold(first + second) == fold(expected):
        return _typographic(expected, first + second)
    if is_cut_misspelling(expected, first, second):
        return USAGE
    return None


# Spoken alike in everyday French though Lexique transcribes them apart: « qui » and
# « qu'il(s) » (/ki/, /kil/ said /ki/). The other elision confusions (s'est/c'est,
# la/l'a, sans/s'en, ni/n'y) are already homophones through the sounds of the table.
ELISION_CONFUSIONS = {"qui": (("qu'", "il"), ("qu'", "ils"))}


def is_elision_confusion(single: str, first: str, second: str) -> bool:
    """`single` (one word) and `first second` (an elided word and the next) are one of
    ELISION_CONFUSIONS."""
    return (lookup(first), lookup(second)) in ELISION_CONFUSIONS.get(lookup(single), ())


def is_cut_misspelling(expected: str, first: str, second: str) -> bool:
    """One word written in two pieces, misspelt: « super marcher » for « supermarché »,
    « car tier » for « quartier ». The first piece starts the word, or the second ends
    it (at least 3 letters, not the whole word), and the two together are close to it
    (is_close)."""
    head, tail, word = fold(first), fold(second), fold(expected)
    starts = len(head) >= 3 and word.startswith(head) and word != head
    ends = len(tail) >= 3 and word.endswith(tail) and word != tail
    return ((starts or ends) and is_word(first) and not first.endswith("'")
            and not second.startswith("-") and is_close(expected, first + second))


def merge_cost(category: str | None) -> int | None:
    if category is None:
        return None
    if category == USAGE:  # a cut misspelt word: a gap and a little more than a typo
        return MERGE_USAGE
    return MERGE_LEXICAL if category == HOMOPHONE else MERGE_TYPO


def shift(table: Table, index: int, first: str, second: str) -> str | None:
    """Expected tokens `index` and `index + 1` written as `first`, `second`, the same
    letters parted elsewhere: « la bandon » for « l'abandon », « du n » for « d'un ».
    One error: ponctuation-majuscule, or accent if accents differ as well. None if the
    letters differ, or if the words part where they should (two pairs, then)."""
    if index + 1 >= len(table.tokens):
        return None
    one, two = table.tokens[index], table.tokens[index + 1]
    if not (is_word(one) and is_word(two) and is_word(first) and is_word(second)):
        return None
    if fold(first) == fold(one) or fold(first) + fold(second) != fold(one) + fold(two):
        return None
    return ACCENT if base(first) + base(second) != base(one) + base(two) else PONCTUATION


def shift_cost(category: str | None) -> int | None:
    return None if category is None else SHIFT_TYPO


def hyphenated(table: Table, index: int, first: str, second: str) -> str | None:
    """The written « - » and the word after it, read as the hyphenated token `index`
    they stand for: « -lui » when « Écrivons » is left out (the tokenizer starts a
    hyphenated token only after a word), « Écrivons -lui ». None if not that case.
    The word must be the expected one but for typography, so that the candidates are
    those whose folds add up to the expected fold, as for any other split."""
    expected = table.tokens[index]
    if first == "-" and len(expected) > 1 and expected[0] == "-" and is_word(second) \
            and second[0] != "-" and fold(second) == fold(expected):
        return "-" + second
    return None


def split_cost(table: Table, index: int, first: str, second: str) -> int | None:
    """Alignment cost of reading written `first`, `second` as expected token `index`:
    a hyphen and its word cost what the hyphenated token would cost (nothing, if it is
    right); any other split costs merge_cost(). None if not allowed."""
    joined = hyphenated(table, index, first, second)
    if joined is not None:
        return substitution_cost(table, index, joined)
    return merge_cost(split(table, index, first, second))
