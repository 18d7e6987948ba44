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
from typing import Any, NamedTuple

from dictee.grading import classify
from dictee.grading.alignment import Alignment, Step, align_all
from dictee.grading.classify import CATEGORIES, MOT, PONCTUATION
from dictee.grading.scale import Scale, number
from dictee.grading.table import Table, table_for
from dictee.grading.tokens import is_word, join, tokenize

EMPTY = "copie vide"
INCOMPLETE = "copie incomplète"
TOO_LONG = "copie trop longue"
UNRELATED = "copie sans rapport avec le texte"
UNMARKED = (EMPTY, TOO_LONG, UNRELATED)
# A copy stops early when at least this many expected words are missing after the last
# word it answered (fewer are forgotten words, counted as errors).
INCOMPLETE_MIN_WORDS = 4
STRAGGLERS = 3  # last words of a copy the alignment may pair far away (_stopping_gap)
TOO_LONG_RATIO = 3  # written words > 3 × expected words: not a dictation
# Unrelated: fewer than one written word in three answers an expected word (right, or
# wrong in any way but « mot »).
RELATED_MIN_RATIO = 3
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


@dataclass(frozen=True)
class Correction:
    errors: tuple[Error, ...]
    scale: Scale
    flag: str | None = None  # EMPTY, INCOMPLETE, TOO_LONG, UNRELATED or None
    stop: Stop | None = None  # for INCOMPLETE

    @property
    def marked(self) -> bool:
        """False for a copy flagged rather than marked (empty, too long, unrelated)."""
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
                "copie_incomplete": self.stop.as_json() if self.stop else None}


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


def _stopping_gap(table: Table, steps: list[Step]) -> tuple[int, int] | None:
    """Where a copy that stops early stops: the first expected position of the earliest
    run of at least INCOMPLETE_MIN_WORDS missing words followed only by isolated answered
    words (at most STRAGGLERS, each followed by missing words or last), and how many
    written tokens come after that run. The stragglers are the copy's last words, which
    the alignment may pair with later occurrences of the same words (« elle », « ce »):
    on equal costs it pairs as late as it can."""
    best: tuple[int, int] | None = None  # (first position, index of the step after it)
    run: list[int] = []
    answered = 0
    for k in range(len(steps) - 1, -2, -1):
        step = steps[k] if k >= 0 else None
        if step is not None and step.kind == "missing":
            if is_word(table.tokens[step.expected]):
                run.append(step.expected)
            continue
        if step is not None and not _answers(table, step):
            continue
        if len(run) >= INCOMPLETE_MIN_WORDS:
            best = (min(run), k + 1)
        if step is None or not (run or answered == 0):
            break  # the start, or an answered word right before the next one
        answered += 1
        run = []
        if answered > STRAGGLERS:
            break
    if best is None:
        return None
    after = sum(s.run if s.kind == "added" else 2 if s.kind == "split" else 1
                for s in steps[best[1]:] if s.kind != "missing")
    return best[0], after


def _stop(table: Table, steps: list[Step]) -> Stop | None:
    """Where the copy stops once aligned on the text up to there: the first word after
    the last word it answered, if INCOMPLETE_MIN_WORDS words or more of the text remain."""
    last = max((s.expected for s in steps if _answers(table, s)), default=-1)
    words = [i for i in range(last + 1, len(table.tokens)) if is_word(table.tokens[i])]
    if len(words) < INCOMPLETE_MIN_WORDS:
        return None
    return Stop(words[0], sentence_of(table.tokens, words[0]), len(words))


def _flag(table: Table, written: list[str], steps: list[Step],
          errors: list[Error]) -> tuple[str | None, Stop | None]:
    words = sum(map(is_word, written))
    if not words:
        return EMPTY, None
    if words > TOO_LONG_RATIO * sum(map(is_word, table.tokens)):
        return TOO_LONG, None
    wrong = {e.position for e in errors if e.category == MOT and e.expected and e.written}
    related = sum(1 + (s.kind == "split") for s in steps
                  if s.kind in ("pair", "merge", "split") and s.expected not in wrong
                  and is_word(table.tokens[s.expected]))
    if related * RELATED_MIN_RATIO < words:
        return UNRELATED, None
    return (INCOMPLETE, None) if _stopping_gap(table, steps) else (None, None)


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
    results: list[Correction | None] = [None] * len(copies)
    for k, alignment in align_all(table, copies):
        results[k] = _correct(table, copies[k], alignment, scale)
    return results  # type: ignore[return-value]  # every copy has had its turn


def _correct(table: Table, written: list[str], alignment: Alignment,
             scale: Scale) -> Correction:
    steps = alignment.steps()
    errors = _errors(table, written, steps)
    flag, stop = _flag(table, written, steps, errors)
    if flag == EMPTY:
        errors = []
    elif flag == INCOMPLETE:
        # Marked on what was written: against the text up to where the copy stops (and
        # as many tokens further as the copy wrote after that), so that the words never
        # reached are not errors and its last words are placed where they were written.
        gap = _stopping_gap(table, steps)
        assert gap is not None
        start, after = gap
        size = min(len(table.tokens), start + after)
        cut = table.prefix(size)
        steps = alignment.steps(size)  # the alignment on the prefix: its first rows
        stop = _stop(table, steps)  # steps on the prefix, words counted to the end
        if stop is None:  # its last words were the rest of the text after all
            flag = None
        else:
            # Punctuation after the last word closes the copy: not an error either.
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
