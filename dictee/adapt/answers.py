"""A pupil's adapted sheet typed by the teacher, for `dictee corriger --amenagee`.

The file follows the sheet: one line per numbered line of the sheet that has blanks,
its number, then what the pupil wrote or ticked there; the blanks of one line in their
order, separated by « / » (docs/correction.md shows it to teachers):

    # Léa, dictée aménagée
    2. est
    7. rose / vif
    9. était / ouvert

- « 7. », « 7 : », « 7) » or « 7 » alone before the answers: all the same.
- A choice (☐ a  ☐ à): the word ticked; nothing when none is; both when both are.
- A blank left empty: nothing in its place (« 9. / ouverte »); a line of the sheet left
  out of the file: every blank of it empty.
- Blanks side by side in the text may be typed as the answer key shows them, without
  « / » (« 7. rose vif »), when each word falls in its blank.
- Empty lines, and lines starting with « # », are not read.

Every problem of every file is found before anything is graded: a typing slip (a line
number that has no blank, a word that is not one of the choices) would otherwise be
marked as the pupil's error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dictee.adapt.blanks import AdaptedText, Blank
from dictee.adapt.grade import AdaptedCorrection, grade
from dictee.adapt.layout import spell
from dictee.content.model import LevelText
from dictee.content.typography import french
from dictee.errors import GradingError
from dictee.grading.copies import Copy
from dictee.grading.scale import Scale
from dictee.grading.tokens import tokenize

SEPARATOR = "/"
_LINE = re.compile(r"\s*(\d+)\s*[.:)]?(?:\s+|$)(.*)")
FORMAT_HINT = ("Une ligne par ligne de la fiche qui a des trous : son numéro, puis les "
               "réponses séparées par « / », par exemple « 7. rose / vif » "
               "(docs/correction.md).")


class AnswerError(GradingError):
    """Raised when typed answers cannot be read: every problem of every file, each
    with its file and line."""

    def __init__(self, problems: list[GradingError]) -> None:
        self.problems = problems
        files = len({p.path for p in problems})
        super().__init__(f"{len(problems)} problème{'s' if len(problems) > 1 else ''} dans "
                         f"{files} fichier{'s' if files > 1 else ''} de réponses : aucune "
                         "copie n'a été corrigée", hint=FORMAT_HINT)

    def locations(self) -> list[str]:
        return super().locations() + [where for p in self.problems for where in p.locations()]

    def describe(self) -> str:
        lines = [self.message, *(f"  • {p.describe()}" for p in self.problems)]
        return "\n".join(lines) + f"\n→ {self.hint}"


def _lines_with_blanks(adapted: AdaptedText) -> dict[int, list[Blank]]:
    lines: dict[int, list[Blank]] = {}
    for blank in adapted.blanks:
        lines.setdefault(blank.group, []).append(blank)
    return lines


def _numbers(numbers: Sequence[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _check_choice(blank: Blank, answer: str) -> str | None:
    """What is wrong with a choice's answer, if anything: only its options may be typed."""
    assert blank.choices is not None
    allowed = {t.lower() for option in blank.choices for t in tokenize(option)}
    if all(t.lower() in allowed for t in tokenize(answer)):
        return None
    shown = " ou ".join(f"« {french(o)} »" for o in blank.choices)
    return (f"« {answer} » n'est pas un des mots à cocher ({shown}) ; tapez le mot coché, "
            "rien si aucun ne l'est, les deux si les deux le sont")


def _side_by_side(blanks: list[Blank], rest: str) -> list[str] | None:
    """« 7. rose vif » typed as the answer key shows it: blanks that follow each other in
    the text, given without « / », split by their number of tokens when it matches."""
    tokens = tokenize(rest)
    sizes = [blank.end - blank.start for blank in blanks]
    joined = all(a.end == b.start for a, b in zip(blanks, blanks[1:]))
    if not joined or len(tokens) != sum(sizes):
        return None
    parts, position = [], 0
    for size in sizes:
        parts.append(spell(tokens[position:position + size]))
        position += size
    return parts


def read_answers(text: str, adapted: AdaptedText, name: str) -> list[str]:
    """The answer to each blank, in blank order ("" for one left empty), from a typed
    file; raises AnswerError naming every line that cannot be read."""
    lines = _lines_with_blanks(adapted)
    given: dict[int, int] = {}  # sheet line → line of the file
    answers: dict[int, str] = {}  # blank number → answer
    problems: list[GradingError] = []

    def problem(line: int, message: str) -> None:
        problems.append(GradingError(message, path=name, line=line))

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            problem(number, f"« {line} » ne commence pas par le numéro d'une ligne de la fiche")
            continue
        group, rest = int(match.group(1)), match.group(2).strip()
        if group not in lines:
            problem(number, f"la ligne {group} de la fiche n'a pas de trou (lignes avec des "
                            f"trous : {_numbers(sorted(lines))})")
            continue
        if group in given:
            problem(number, f"la ligne {group} de la fiche est déjà donnée à la ligne "
                            f"{given[group]}")
            continue
        given[group] = number
        blanks = lines[group]
        parts = [p.strip() for p in rest.split(SEPARATOR)] if rest else [""]
        if len(parts) == 1 < len(blanks):
            parts = _side_by_side(blanks, rest) or parts
        if len(parts) != len(blanks):
            problem(number, f"la ligne {group} de la fiche a {len(blanks)} trou"
                            f"{'s' if len(blanks) > 1 else ''}, et on lit ici {len(parts)} "
                            f"réponse{'s' if len(parts) > 1 else ''} (séparez-les par "
                            f"« {SEPARATOR} », même vides)")
            continue
        for blank, answer in zip(blanks, parts):
            wrong = _check_choice(blank, answer) if blank.choices and answer else None
            if wrong:
                problem(number, f"ligne {group} de la fiche : {wrong}")
            answers[blank.number] = answer
    if problems:
        raise AnswerError(problems)
    return [answers.get(blank.number, "") for blank in adapted.blanks]


def grade_copies(level: LevelText, adapted: AdaptedText, copies: Sequence[Copy],
                 scale: Scale | None = None) -> list[AdaptedCorrection]:
    """Grade each typed sheet like the adapted page does (grade.py); nothing is graded
    while a file has a problem (AnswerError lists them all)."""
    read: list[list[str]] = []
    problems: list[GradingError] = []
    for copy in copies:
        try:
            read.append(read_answers(copy.text, adapted, copy.name))
        except AnswerError as error:
            problems += error.problems
    if problems:
        raise AnswerError(problems)
    return [grade(adapted, level.text, answers, scale) for answers in read]
