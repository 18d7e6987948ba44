"""Correct one copy: tokens → word table → alignment → one error per step → score."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from itertools import repeat
from typing import Any, NamedTuple

from dictee.grading import classify
from dictee.grading.alignment import Step, align
from dictee.grading.classify import CATEGORIES, MOT, PONCTUATION
from dictee.grading.scale import Scale, number
from dictee.grading.table import Table, table_for
from dictee.grading.tokens import is_word, join, tokenize


class Error(NamedTuple):
    expected: str  # "" for an added token
    written: str  # "" for a missing token
    category: str
    position: int  # index of the expected token (of the next one, for an added token)

    def as_json(self) -> dict[str, Any]:
        return {"attendu": self.expected, "ecrit": self.written,
                "categorie": self.category, "position": self.position}


@dataclass(frozen=True)
class Correction:
    errors: tuple[Error, ...]
    scale: Scale

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(CATEGORIES, 0)
        for error in self.errors:
            counts[error.category] += 1
        return counts

    @property
    def points(self) -> int | float:
        return number(self.scale.points(self.counts))

    @property
    def note(self) -> int | float:
        return number(self.scale.note(self.counts))

    @property
    def total(self) -> int | float:
        return number(self.scale.total)

    def as_json(self, name: str) -> dict[str, Any]:
        """The shape `dictee corriger --json` prints for one copy."""
        counts = self.counts
        return {"copie": name, "erreurs": [e.as_json() for e in self.errors],
                "nombre_erreurs": len(self.errors), "par_categorie": counts,
                "points": number(self.scale.points(counts)),
                "note": number(self.scale.note(counts)), "sur": self.total}


_new_error = partial(tuple.__new__, Error)


def _gap(token: str) -> str:
    return MOT if is_word(token) else PONCTUATION


def _errors(table: Table, written: list[str], steps: list[Step]) -> list[Error]:
    gaps: dict[str, str] = {}  # a long copy repeats its tokens: classify each once
    errors: list[Error] = []
    for step in steps:
        if step.kind == "added":
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


def correct_tokens(table: Table, written: list[str], scale: Scale | None = None) -> Correction:
    """Correct an already tokenised copy against a word table."""
    steps = align(table, written)
    return Correction(tuple(_errors(table, written, steps)), scale or Scale.default())


def correct(expected: str, copy: str, scale: Scale | None = None) -> Correction:
    """Every error of `copy` against the `expected` text, classified and scored."""
    return correct_tokens(table_for(expected), tokenize(copy), scale)
