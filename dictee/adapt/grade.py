"""Grade an adapted sheet: only what the pupil wrote or ticked counts.

The pupil's answers are put back into the text in place of their blanks, the tokens
written back as one text (`copy_text`), and that copy is corrected by `dictee
corriger` (same tokens, alignment, categories and scale): the printed words are copied
exactly, so every error found is an error on an answer. Each error is then given to
the blank it belongs to. The adapted page (interactif/dictee-amenagee.html) builds the
same copy and grades it with the same rules in JavaScript.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dictee.adapt.blanks import AdaptedText, Blank
from dictee.adapt.layout import spell
from dictee.grading.correction import Correction, Error, correct
from dictee.grading.scale import Scale
from dictee.grading.tokens import tokenize


@dataclass(frozen=True)
class AdaptedCorrection:
    correction: Correction  # categories, points and mark, as dictee corriger gives them
    by_blank: tuple[tuple[Error, ...], ...]  # the errors of each blank, in blank order
    lines: tuple[int, ...] = ()  # the sheet's line (group) of each blank, in blank order

    def line_of(self, error: Error) -> int | None:
        """The numbered line of the sheet where the pupil made `error`."""
        for line, errors in zip(self.lines, self.by_blank):
            if error in errors:
                return line
        return None

    @property
    def right(self) -> int:
        """Blanks answered without any error."""
        return sum(1 for errors in self.by_blank if not errors)

    def as_json(self, name: str) -> dict:
        data = self.correction.as_json(name)
        data["trous"] = len(self.by_blank)
        data["trous_justes"] = self.right
        data["erreurs_par_trou"] = [[e.as_json() for e in errors] for errors in self.by_blank]
        data["ligne_de_chaque_trou"] = list(self.lines)
        return data


def filled_tokens(adapted: AdaptedText, answers: Sequence[str]) -> list[str]:
    """The text's tokens with each blank replaced by the tokens of its answer."""
    if len(answers) != len(adapted.blanks):
        raise ValueError(f"{len(answers)} answers for {len(adapted.blanks)} blanks")
    written: list[str] = []
    position = 0
    for blank, answer in zip(adapted.blanks, answers):
        written += adapted.tokens[position:blank.start]
        written += tokenize(answer)
        position = blank.end
    written += adapted.tokens[position:]
    return written


def copy_text(adapted: AdaptedText, answers: Sequence[str]) -> str:
    """The whole copy the answers make, as one text."""
    return spell(filled_tokens(adapted, answers))


def _owner(blanks: Sequence[Blank], error: Error) -> int:
    """Index of the blank an error belongs to: the one holding its position; an added
    word belongs to the blank it follows or precedes."""
    for number, blank in enumerate(blanks):
        if blank.start <= error.position < blank.end:
            return number
    if not error.expected:  # added: its position is the next expected token
        for number, blank in enumerate(blanks):
            if error.position in (blank.end, blank.start):
                return number
    return min(range(len(blanks)), key=lambda n: min(abs(blanks[n].start - error.position),
                                                     abs(blanks[n].end - error.position)))


def grade(adapted: AdaptedText, text: str, answers: Sequence[str],
          scale: Scale | None = None) -> AdaptedCorrection:
    """Correct the answers given for each blank (in order; "" for one left empty;
    for a choice, the option ticked, "" if none, both joined by a space if both)."""
    correction = correct(text, copy_text(adapted, answers), scale)
    by_blank: list[list[Error]] = [[] for _ in adapted.blanks]
    for error in correction.errors:
        by_blank[_owner(adapted.blanks, error)].append(error)
    return AdaptedCorrection(correction, tuple(tuple(errors) for errors in by_blank),
                             tuple(blank.group for blank in adapted.blanks))
