"""Which of the guide's grammar points an error belongs to (for the class report).

A case lists, for each grammar point of its text, the words that illustrate it. An error
belongs to a point when the point lists the word and the error is not in its spelling
(usage, accent) or a missing word; otherwise, when the error is of the
kind the point teaches, recognised from the point's rule and from the word's place in
the text:

- a past participle after « être », after « avoir », or with no auxiliary (the three
  agreement rules), for an agreement error (grammaire) on it;
- « -é » / « -er » at the end of a verb (the « son é » point), whatever the category;
- a verb in the imperfect (« -ait », « -aient »…), for a grammar error or a homophone;
- an infinitive after a preposition (« de », « à », « pour »…), for a grammar error;
- a numeral (in letters or digits), for the numeral points;
- « ce » / « se » confused, for the point that tells them apart.

Points the text alone cannot recognise (the subjunctive after « pour que », the
conditional, the attribute…) keep their listed words only. The first point that fits,
in the guide's order, wins: the guide lists its points from the most important.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from dictee.grading.classify import ACCENT, GRAMMAIRE, HOMOPHONE, MOT, USAGE
from dictee.grading.numbers import NUMERALS
from dictee.grading.table import Table
from dictee.grading.tokens import fold, is_word, lookup

ETRE = frozenset(("est", "sont", "suis", "es", "sommes", "êtes", "été", "était", "étaient",
                  "étais", "être", "soit", "soient", "sera", "seront", "serait", "fut",
                  "furent"))
AVOIR = frozenset(("a", "ai", "as", "avons", "avez", "ont", "avait", "avaient", "avais",
                   "avoir", "aura", "auront", "aurait", "eu"))
PREPOSITIONS = frozenset(("de", "d'", "à", "pour", "sans", "par", "avant", "après"))
_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues",
                       "t", "te", "ts", "tes")
_E_ENDINGS = ("é", "ée", "és", "ées", "er", "ez")
_IMPERFECT_ENDINGS = ("ais", "ait", "aient")
# A listed word misspelt (« ouuverte », « arretée ») is an error of its spelling, not of
# the rule it illustrates.
_SPELLING = frozenset((USAGE, ACCENT, MOT))
_AUXILIARY_WINDOW = 3  # « a été arrêtée », « n'est pas rentrée »: the auxiliary is close


def _words_before(tokens: Sequence[str], index: int) -> list[str]:
    found = []
    for k in range(index - 1, -1, -1):
        if is_word(tokens[k]):
            found.append(lookup(tokens[k]))
            if len(found) == _AUXILIARY_WINDOW:
                break
        elif tokens[k] in ".!?…;:":
            break
    return found


def _is_participle(table: Table, index: int) -> bool:
    token = table.tokens[index].lower()
    return bool(table.stems[index]) and token.endswith(_PARTICIPLE_ENDINGS)


def _after(table: Table, index: int, auxiliary: frozenset[str]) -> bool:
    return any(word in auxiliary for word in _words_before(table.tokens, index))


Check = Callable[[Table, int, str, str], bool]


def _with_etre(table: Table, index: int, written: str, category: str) -> bool:
    return category == GRAMMAIRE and _is_participle(table, index) and _after(table, index, ETRE)


def _with_avoir(table: Table, index: int, written: str, category: str) -> bool:
    return (category == GRAMMAIRE and _is_participle(table, index)
            and _after(table, index, AVOIR) and not _after(table, index, ETRE))


def _alone(table: Table, index: int, written: str, category: str) -> bool:
    return (category == GRAMMAIRE and _is_participle(table, index)
            and not _after(table, index, ETRE | AVOIR))


def _e_sound(table: Table, index: int, written: str, category: str) -> bool:
    expected = table.tokens[index].lower()
    written = written.lower()
    return (bool(table.stems[index]) and expected.endswith(_E_ENDINGS)
            and written.endswith(_E_ENDINGS)
            and expected.endswith("er") != written.endswith("er"))


def _imperfect(table: Table, index: int, written: str, category: str) -> bool:
    return (category in (GRAMMAIRE, HOMOPHONE) and bool(table.stems[index])
            and fold(table.tokens[index]).endswith(_IMPERFECT_ENDINGS))


def _infinitive(table: Table, index: int, written: str, category: str) -> bool:
    before = _words_before(table.tokens, index)
    return (category == GRAMMAIRE and bool(table.stems[index])
            and fold(table.tokens[index]).endswith(("er", "ir", "re", "oir"))
            and bool(before) and before[0] in PREPOSITIONS)


def _numeral(table: Table, index: int, written: str, category: str) -> bool:
    word = lookup(table.tokens[index])
    return category != MOT and (word in NUMERALS or word.isdigit())


def _ce_se(table: Table, index: int, written: str, category: str) -> bool:
    return category == HOMOPHONE and lookup(table.tokens[index]) in ("ce", "se", "c'", "s'")


# What a point's statement says it teaches → how to recognise an error of that kind.
KINDS: tuple[tuple[tuple[str, ...], Check], ...] = (
    (("avec « être »",), _with_etre),
    (("avec « avoir »",), _with_avoir),
    (("sans auxiliaire",), _alone),
    (("son « é »",), _e_sound),
    (("imparfait",), _imperfect),
    (("infinitif",), _infinitive),
    (("nombres composés", "numéraux"), _numeral),
    (("« ce »",), _ce_se),
)


def _check_of(point: str) -> Check | None:
    lowered = point.lower()
    for phrases, check in KINDS:
        if any(phrase in lowered for phrase in phrases):
            return check
    return None


def point_of(points: Sequence[tuple[str, Sequence[str]]], table: Table, position: int,
             expected: str, written: str, category: str) -> str:
    """The guide's grammar point of one error, "" if none fits. `position` is the index
    of the expected token in `table`."""
    word = lookup(expected)
    if category not in _SPELLING:
        for point, words in points:
            if word in {lookup(w) for w in words}:
                return point
    if not 0 <= position < len(table.tokens) or not is_word(table.tokens[position]):
        return ""
    for point, _ in points:
        check = _check_of(point)
        if check is not None and check(table, position, written, category):
            return point
    return ""
