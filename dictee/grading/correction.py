"""Correct one copy: tokens → word table → alignment → one error per step → score.

Before a mark is given, the copy is looked at whole, as a teacher would: an empty copy,
a copy much longer than the text, or one unrelated to it is flagged and not marked; a
copy that stops early is marked on what was written and flagged « copie incomplète »,
with the sentence where it stops.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple

from dictee.grading import classify
from dictee.grading.alignment import Alignment, Step, align_all, answered
from dictee.grading.classify import CATEGORIES, MOT, PONCTUATION
from dictee.grading.numbers import join_numbers
from dictee.grading.scale import Scale, number
from dictee.grading.table import Table, table_for
from dictee.grading.tokens import fold, is_word, join, tokenize

EMPTY = "copie vide"
INCOMPLETE = "copie incomplète"
TOO_LONG = "copie trop longue"
UNRELATED = "copie sans rapport avec le texte"
# The copy follows another text of the cases (the other level, another case) far better
# than the text chosen: found by others.py when the case is known (`dictee corriger --cas`).
OTHER_TEXT = "copie d'un autre texte"
UNMARKED = (EMPTY, TOO_LONG, UNRELATED, OTHER_TEXT)
# A copy stops early when at least this many expected words are missing after the last
# word it answered (fewer are forgotten words, counted as errors).
INCOMPLETE_MIN_WORDS = 4
STRAGGLERS = 3  # last words of a copy that may be garbled or far from their place (_cuts)
# Written words ≥ 1.75 × expected words: not a dictation (the text pasted twice is 2 ×;
# a pupil who writes a paragraph twice, or adds words, stays far below).
TOO_LONG_PERCENT = 175
# Written words ≥ 10 × expected words (a pasted page, a megabyte): flagged too long
# without being aligned, so it costs its tokenisation only, and shows no errors. Below,
# a too-long copy (the text pasted twice) is aligned as before: its errors are shown
# (--json, --csv, the page) and others.py compares their number with those it has
# against another text, which is then at least ALIGNED_MAX_PERCENT / TOO_LONG_PERCENT
# (5.7) times as long for such a copy to be tried there (shipped texts: 1.85 at most).
ALIGNED_MAX_PERCENT = 1000
# Unrelated: fewer than one written content word in two answers an expected word in
# the alignment (right, or wrong in any way but « mot », so a dyslexic pupil's « mèzon »
# still answers « maison »), or fewer than two do. Function words are left out of the
# count: « le », « du », « sur » are in every text, and a copy of « Le chat dort sur le
# tapis » would pass on them. A copy of function words only is judged on all its words.
# Measured (tests/grading, issue 11): copies of the dictation, dyslexic or with half
# their content words replaced, answer 60 to 100 %; other texts, 0 to 30 % (a sentence
# sharing « joue du piano » with the text, 43 %: one in three let it through).
RELATED_MIN_RATIO = 2
# A copy in English is not a dictation, even where names and cognates (« piano »,
# « guitar », « Havana ») answer the text: English function words that French lacks,
# ENGLISH_MIN_WORDS of them or more and more than the French function words, make it
# unrelated. (« a », « an », « on », « as » are French words too: not in the list.)
ENGLISH_WORDS = frozenset("""
and are at be been but by for from has have he her his in is it its of she that the
their they this to was we were which who with you""".split())
ENGLISH_MIN_WORDS = 3
# The function words: determiners, prepositions, conjunctions, pronouns and auxiliaries
# used at least once in a thousand words, the adverbs of every sentence (« ne », « pas »,
# « plus ») and the elided words, taken from the parts of speech and frequencies of
# Lexique 3.83 by tools/construire_mots_outils.py (data/mots-outils.txt, CC BY-SA 4.0).
# Folded (tokens.fold: no case, accents, ' or -), as they are compared; « à » is « a ».
FUNCTION_WORDS = frozenset(
    line for line in (Path(__file__).resolve().parent / "data" / "mots-outils.txt")
    .read_text(encoding="utf-8").splitlines() if line and not line.startswith("#"))
SENTENCE_ENDS = frozenset(".!?\u2026")


class Error(NamedTuple):
    expected: str  # "" for an added token
    written: str  # "" for a missing token
    category: str
    position: int  # index of the expected token (of the next one, for an added token)

    def as_json(self) -> dict[str, Any]:
        return {"attendu": self.expected, "ecrit": self.written,
                "categorie": self.category, "position": self.position}


class Stop(NamedTuple):
    """Where a copy that stops early stops."""

    position: int  # index of the first expected token not written
    sentence: int  # its sentence in the expected text, from 1
    words: int  # expected words not written from there on

    def as_json(self) -> dict[str, int]:
        return {"phrase": self.sentence, "position": self.position,
                "mots_non_ecrits": self.words}


class Followed(NamedTuple):
    """The text a copy flagged OTHER_TEXT seems to follow."""

    case: str  # its slug
    level: str
    same_case: bool  # the graded case's other level (else another case)

    def as_json(self) -> dict[str, str]:
        return {"cas": self.case, "niveau": self.level}


@dataclass(frozen=True)
class Correction:
    errors: tuple[Error, ...]
    scale: Scale
    flag: str | None = None  # EMPTY, INCOMPLETE, TOO_LONG, UNRELATED, OTHER_TEXT or None
    stop: Stop | None = None  # for INCOMPLETE
    followed: Followed | None = None  # for OTHER_TEXT

    @property
    def marked(self) -> bool:
        """False for a copy flagged rather than marked (empty, too long, unrelated, or
        following another text)."""
        return self.flag not in UNMARKED

    @property
    def counts(self) -> dict[str, int]:
        """Errors found, by category (all of them, whatever the scale counts)."""
        counts = dict.fromkeys(CATEGORIES, 0)
        for error in self.errors:
            counts[error.category] += 1
        return counts

    @property
    def counted(self) -> dict[str, int]:
        """Errors the scale counts, by category (repetition, cap)."""
        return self.scale.counted((e.expected, e.written, e.category) for e in self.errors)

    @property
    def points(self) -> int | float | None:
        return number(self.scale.points(self.counted)) if self.marked else None

    @property
    def note(self) -> int | float | None:
        return number(self.scale.note(self.counted)) if self.marked else None

    @property
    def total(self) -> int | float:
        return number(self.scale.total)

    def as_json(self, name: str) -> dict[str, Any]:
        """The shape `dictee corriger --json` prints for one copy."""
        counted = self.counted
        return {"copie": name, "erreurs": [e.as_json() for e in self.errors],
                "nombre_erreurs": len(self.errors), "par_categorie": self.counts,
                "erreurs_comptees": sum(counted.values()),
                "points": number(self.scale.points(counted)) if self.marked else None,
                "note": number(self.scale.note(counted)) if self.marked else None,
                "sur": self.total, "signalement": self.flag,
                "copie_incomplete": self.stop.as_json() if self.stop else None,
                "autre_texte": self.followed.as_json() if self.followed else None}


_new_error = partial(tuple.__new__, Error)


def _gap(token: str) -> str:
    return MOT if is_word(token) else PONCTUATION


def _errors(table: Table, written: list[str], steps: list[Step]) -> list[Error]:
    gaps: dict[str, str] = {}  # a long copy repeats its tokens: classify each once
    errors: list[Error] = []
    expected = table.tokens
    for step in steps:
        kind = step.kind
        if kind == "pair" and written[step.written] == expected[step.expected]:
            continue  # most of a copy: the word as expected (substitution() says None)
        if kind == "added":
            run = written[step.written:step.written + step.run]
            for token in set(run) - gaps.keys():
                gaps[token] = _gap(token)
            # A 1 MB copy can have 200 000 added words: build their errors without a
            # Python call each (tuple.__new__ skips NamedTuple's constructor).
            errors.extend(map(_new_error, zip(repeat(""), run, map(gaps.__getitem__, run),
                                              repeat(step.expected))))
        else:
            error = _error(table, written, step)
            if error is not None:
                errors.append(error)
    return errors


def _error(table: Table, written: list[str], step: Step) -> Error | None:
    expected = table.tokens
    if step.kind == "pair":
        token = written[step.written]
        category = classify.substitution(table, step.expected, token)
        if category is None:
            return None
        return Error(expected[step.expected], token, category, step.expected)
    if step.kind == "merge":
        token = written[step.written]
        category = classify.merge(table, step.expected, token)
        both = join(expected[step.expected], expected[step.expected + 1])
        return Error(both, token, category or MOT, step.expected)
    if step.kind == "shift":  # « la bandon » for « l'abandon »: one error
        one, two = written[step.written], written[step.written + 1]
        category = classify.shift(table, step.expected, one, two)
        both = join(expected[step.expected], expected[step.expected + 1])
        return Error(both, join(one, two), category or MOT, step.expected)
    if step.kind == "split":
        one, two = written[step.written], written[step.written + 1]
        joined = classify.hyphenated(table, step.expected, one, two)
        if joined is not None:  # « -lui » with its word left out: right, or a typo
            category = classify.substitution(table, step.expected, joined)
            return None if category is None else Error(
                expected[step.expected], joined, category, step.expected)
        category = classify.split(table, step.expected, one, two)
        return Error(expected[step.expected], join(one, two), category or MOT, step.expected)
    if step.kind == "missing":
        token = expected[step.expected]
        return Error(token, "", _gap(token), step.expected)
    token = written[step.written]
    return Error("", token, _gap(token), step.expected)


def sentence_of(tokens: Sequence[str], position: int) -> int:
    """The sentence (from 1) of expected token `position`: a new sentence starts at the
    first word after « . ! ? … »."""
    sentence, ended = 1, False
    for token in tokens[:position + 1]:
        if not is_word(token):
            ended = ended or token in SENTENCE_ENDS
        elif ended:
            sentence, ended = sentence + 1, False
    return sentence


def _answers(table: Table, step: Step) -> bool:
    return step.kind not in ("missing", "added") and is_word(table.tokens[step.expected])


def cost(table: Table, written: list[str], steps: list[Step]) -> int:
    """What the alignment paid for `steps` (classify.py's costs): what one reading of
    the copy costs, to compare it with another."""
    total = 0
    for step in steps:
        if step.kind == "pair":
            paid = classify.substitution_cost(table, step.expected, written[step.written])
        elif step.kind == "merge":
            paid = classify.merge_cost(classify.merge(table, step.expected,
                                                      written[step.written]))
        elif step.kind == "shift":
            paid = classify.shift_cost(classify.shift(table, step.expected,
                                                      written[step.written],
                                                      written[step.written + 1]))
        elif step.kind == "split":
            paid = classify.split_cost(table, step.expected, written[step.written],
                                       written[step.written + 1])
        else:
            paid = classify.GAP * (step.run if step.kind == "added" else 1)
        assert paid is not None, step  # the alignment only takes allowed steps
        total += paid
    return total


def _cuts(table: Table, written: list[str]) -> list[int]:
    """Where a copy that stops early may stop in the text: right after an expected word
    that one of its last words (STRAGGLERS + 1 of them: the last may be garbled)
    answers, plus the tokens the copy wrote after that word. Nearest to the copy's
    length first."""
    found: set[int] = set()
    seen = 0
    for j in range(len(written) - 1, -1, -1):
        if not is_word(written[j]):
            continue
        for i in answered(table, written[j]):  # substitution(…) != MOT, from the costs
            found.add(min(len(table.tokens), i + len(written) - j))
        seen += 1
        if seen > STRAGGLERS:
            break
    return sorted(found, key=lambda cut: (abs(cut - len(written)), cut))


def _reading(table: Table, written: list[str], alignment: Alignment, steps: list[Step]
             ) -> tuple[Table, list[Step], Stop] | None:
    """A copy that stops early, read on the part of the text it covers: the prefix of
    the text its tokens cost least against (the words never reached cost nothing), if
    INCOMPLETE_MIN_WORDS words or more of the text are left after it and the copy does
    not go on with as many words that answer none of them (a garbled ending is errors,
    not an early stop). None for a copy that does not stop early.

    Tried only when the alignment on the whole text leaves INCOMPLETE_MIN_WORDS words
    missing. A prefix longer or shorter than the copy by k tokens costs at least
    GAP × (k − written hyphens) (a hyphen and its word may cost nothing), so prefixes
    are tried nearest first and the search ends when none can cost less."""
    if sum(1 for s in steps if s.kind == "missing" and is_word(table.tokens[s.expected])) \
            < INCOMPLETE_MIN_WORDS:
        return None
    best_cost, best = cost(table, written, steps), (table, steps)
    hyphens = written.count("-")
    for cut in _cuts(table, written):
        if classify.GAP * max(0, abs(cut - len(written)) - hyphens) > best_cost:
            break
        if cut == len(table.tokens):
            continue  # the whole text: already aligned
        prefix = table.prefix(cut)
        on_prefix = alignment.steps(cut)  # the alignment on the prefix: its first rows
        paid = cost(prefix, written, on_prefix)
        if paid < best_cost:
            best_cost, best = paid, (prefix, on_prefix)
    prefix, on_prefix = best
    stop = _stop(table, on_prefix)
    if stop is None:
        return None
    garbled = sum(1 for s in on_prefix if s.kind == "added" and s.expected >= stop.position
                  for t in written[s.written:s.written + s.run] if is_word(t))
    if garbled >= INCOMPLETE_MIN_WORDS:
        return None
    return prefix, on_prefix, stop


def _stop(table: Table, steps: list[Step]) -> Stop | None:
    """Where the copy stops once aligned on the text up to there: the first word after
    the last word it answered, if INCOMPLETE_MIN_WORDS words or more of the text remain
    (`table` is the whole text, `steps` may be on a prefix of it)."""
    last = max((s.expected for s in steps if _answers(table, s)), default=-1)
    words = [i for i in range(last + 1, len(table.tokens)) if is_word(table.tokens[i])]
    if len(words) < INCOMPLETE_MIN_WORDS:
        return None
    return Stop(words[0], sentence_of(table.tokens, words[0]), len(words))


_READS_EXPECTED = frozenset(("pair", "merge", "split", "shift"))  # alignment.Step kinds
_READS_TWO = frozenset(("split", "shift"))  # two written tokens for the step


def _related(table: Table, written: list[str], steps: list[Step], errors: list[Error]
             ) -> bool:
    """Whether one written content word in RELATED_MIN_RATIO or more answers an expected
    word where the alignment put it (in the text's order, not anywhere in it), and at
    least two do: a short unrelated copy (« rappelle les deux. ») often has one word
    that some word of a long text answers by chance (« deux » in « vingt-deux »). Never
    for a copy in English (ENGLISH_WORDS)."""
    wrong = {e.position for e in errors if e.category == MOT and e.expected and e.written}
    answering: set[int] = set()  # written tokens that answer an expected word
    tokens = table.tokens
    for kind, expected, at, _ in steps:
        if kind in _READS_EXPECTED and expected not in wrong and is_word(tokens[expected]):
            answering.add(at)
            if kind in _READS_TWO:  # « la bandon », « super marcher »: both answer
                answering.add(at + 1)
    words = [j for j, token in enumerate(written) if is_word(token)]
    folds = [fold(written[j]) for j in words]
    english = sum(f in ENGLISH_WORDS for f in folds)
    if english >= ENGLISH_MIN_WORDS and english > sum(f in FUNCTION_WORDS for f in folds):
        return False
    content = [j for j, f in zip(words, folds, strict=True) if f not in FUNCTION_WORDS] \
        or words
    hits = sum(j in answering for j in content)
    return hits * RELATED_MIN_RATIO >= len(content) and hits >= min(2, len(content))


def _flag(table: Table, written: list[str], alignment: Alignment, steps: list[Step],
          errors: list[Error]) -> tuple[str | None, tuple[Table, list[Step], Stop] | None]:
    """The flag of a copy looked at whole; for a copy that stops early, its _reading."""
    words = sum(map(is_word, written))
    if not words:
        return EMPTY, None
    if words * 100 >= TOO_LONG_PERCENT * sum(map(is_word, table.tokens)):
        return TOO_LONG, None
    if not _related(table, written, steps, errors):
        return UNRELATED, None
    reading = _reading(table, written, alignment, steps)
    return (INCOMPLETE, reading) if reading else (None, None)


def correct_tokens(table: Table, written: list[str], scale: Scale | None = None) -> Correction:
    """Correct an already tokenised copy against a word table."""
    return correct_all_tokens(table, [written], scale)[0]


def correct_all_tokens(table: Table, copies: Sequence[list[str]],
                       scale: Scale | None = None) -> list[Correction]:
    """Correct already tokenised copies of the same text, in their order: aligned
    together (alignment.align_all), many times faster than one by one."""
    scale = scale or Scale.default()
    if not scale.rectified:
        table = table.traditional_only()
    # « deux mille vingt et un » for « 2021 »: one written token, the number in words.
    copies = [join_numbers(tokens, table.tokens) for tokens in copies]
    results: list[Correction | None] = [None] * len(copies)
    bound = ALIGNED_MAX_PERCENT * sum(map(is_word, table.tokens))
    aligned = []  # indices of the copies aligned; the others are far too long
    for k, written in enumerate(copies):
        words = sum(map(is_word, written))
        if words and words * 100 >= bound:  # never an empty copy (a text without words)
            results[k] = Correction((), scale, TOO_LONG)
        else:
            aligned.append(k)
    for k, alignment in align_all(table, [copies[k] for k in aligned]):
        results[aligned[k]] = _correct(table, copies[aligned[k]], alignment, scale)
    return results  # type: ignore[return-value]  # every copy has had its turn


def _correct(table: Table, written: list[str], alignment: Alignment,
             scale: Scale) -> Correction:
    steps = alignment.steps()
    errors = _errors(table, written, steps)
    flag, reading = _flag(table, written, alignment, steps, errors)
    stop = None
    if flag == EMPTY:
        errors = []
    elif reading is not None:
        # Marked on what was written, against the text up to where the copy stops: the
        # words never reached are not errors, nor the punctuation that closes the copy.
        cut, steps, stop = reading
        errors = [e for e in _errors(cut, written, steps)
                  if e.expected or e.position < stop.position or is_word(e.written)]
        errors = [e for e in errors if e.written or e.position < stop.position]
    return Correction(tuple(errors), scale, flag, stop)


def correct(expected: str, copy: str, scale: Scale | None = None) -> Correction:
    """Every error of `copy` against the `expected` text, classified and scored."""
    return correct_tokens(table_for(expected), tokenize(copy), scale)


def correct_all(expected: str, copies: Sequence[str], scale: Scale | None = None
                ) -> list[Correction]:
    """correct() for each of `copies` (a class), in their order, aligned together."""
    return correct_all_tokens(table_for(expected), [tokenize(c) for c in copies], scale)
