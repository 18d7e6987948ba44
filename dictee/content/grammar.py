"""Where each grammar point is in the text: the occurrence of each word it is about.

A point names words of the text (`grammaire[].mots`). A word that appears once is
found; a word that appears several times is ambiguous unless the author says which
occurrence (`occurrence: 2`) or quotes the words around it (`dans: "il en reste"`).
An ambiguous word points at its first occurrence, and `dictee verifier` warns.
The fill-in sheet blanks these occurrences, and the answer key highlights them.
Matching ignores case (« Née » at the start of a sentence is found from « née »)
and never stops inside a word or a hyphenated compound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dictee.content.model import LevelText, WordRef
from dictee.content.typography import french, times


@dataclass(frozen=True)
class Target:
    """One occurrence a grammar point is about, in the typeset paragraphs."""

    point: int  # index of the grammar point, from 0
    paragraph: int  # index of the paragraph, from 0
    start: int  # offsets in french(paragraph text), end excluded
    end: int

    def overlaps(self, other: Target) -> bool:
        return (self.paragraph == other.paragraph and self.start < other.end
                and other.start < self.end)


@dataclass(frozen=True)
class Issue:
    """A word that cannot be placed for sure: `where` is (point index, word index)."""

    where: tuple[int, int]
    message: str
    hint: str
    error: bool  # False: a warning (the first occurrence is used)
    missing: bool = False  # the word itself is not in the text


def typeset_paragraphs(level: LevelText) -> list[str]:
    """The paragraphs as documents print them (French spacing and apostrophes)."""
    return [french(" ".join(paragraph)) for paragraph in level.paragraphs]


def _pattern(words: str) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(w) for w in french(words).split())
    return re.compile(rf"(?<![\w\-]){body}(?![\w\-])", re.IGNORECASE)


def occurrences(paragraphs: list[str], words: str) -> list[tuple[int, int, int]]:
    """(paragraph, start, end) of every whole-word match of `words`, in reading order."""
    pattern = _pattern(words)
    return [(index, m.start(), m.end()) for index, text in enumerate(paragraphs)
            for m in pattern.finditer(text)]


def expressions(paragraphs: list[str], words: list[str]) -> list[str]:
    """A point's words as a reader takes them in: words that follow each other in the
    text joined into one expression (« rose vif », « avait porté », not « rose, vif »),
    a word named for several occurrences shown once (« ce (deux fois) », not « ce, ce »)."""
    merged: list[str] = []
    for word in words:
        if merged and occurrences(paragraphs, f"{merged[-1]} {word}"):
            merged[-1] = f"{merged[-1]} {word}"
        else:
            merged.append(word)
    counts: dict[str, int] = {}
    for expression in merged:
        counts[expression] = counts.get(expression, 0) + 1
    return [expression if count == 1 else f"{expression} ({times(count)})"
            for expression, count in counts.items()]


def _place(paragraphs: list[str], ref: WordRef) -> tuple[tuple[int, int, int] | None,
                                                        str | None, bool]:
    """The occurrence of `ref`, and a problem (message, is it an error) if any."""
    found = occurrences(paragraphs, ref.mot)
    if not found:
        return None, f"« {ref.mot} » n'est pas dans le texte", True
    if ref.dans is not None:
        around = occurrences(paragraphs, ref.dans)
        inside = [(p, s, e) for p, s, e in found for q, a, b in around
                  if p == q and a <= s and e <= b]
        if not inside:
            return None, (f"« {ref.dans} » (dans) ne se trouve pas dans le texte avec "
                          f"« {ref.mot} »"), True
        if len({(p, s) for p, s, _ in inside}) > 1:
            return inside[0], (f"« {ref.dans} » (dans) apparaît plusieurs fois : « {ref.mot} » "
                               "reste ambigu"), False
        return inside[0], None, False
    if ref.occurrence is not None:
        if ref.occurrence > len(found):
            return None, (f"« {ref.mot} » apparaît {len(found)} fois ; occurrence "
                          f"{ref.occurrence} n'existe pas"), True
        return found[ref.occurrence - 1], None, False
    if len(found) > 1:
        return found[0], f"« {ref.mot} » apparaît {len(found)} fois dans le texte", False
    return found[0], None, False


def locate(level: LevelText) -> tuple[list[Target], list[Issue]]:
    """Every occurrence the grammar points are about, and what could not be placed."""
    paragraphs = typeset_paragraphs(level)
    targets: list[Target] = []
    issues: list[Issue] = []
    for index, point in enumerate(level.meta.grammaire):
        for position, ref in enumerate(point.refs):
            place, problem, error = _place(paragraphs, ref)
            if problem:
                hint = ("Recopiez le mot tel qu'il est écrit dans le texte." if place is None
                        else "Précisez de quelle occurrence parle le point : "
                             f"{{mot: {ref.mot}, dans: \"…quelques mots autour…\"}} ou "
                             f"{{mot: {ref.mot}, occurrence: 2}} (voir docs/format-des-cas.md).")
                missing = place is None and not occurrences(paragraphs, ref.mot)
                issues.append(Issue((index, position), problem, hint, error, missing))
            if place is not None:
                target = Target(index, *place)
                if not any(target.overlaps(t) for t in targets):
                    targets.append(target)
    targets.sort(key=lambda t: (t.paragraph, t.start))
    return targets, issues


def occurrence_numbers(level: LevelText) -> dict[tuple[int, int], int]:
    """(point index, word index) → which occurrence of its word the point is about,
    from 0 in reading order: for code that finds the word's occurrences its own way."""
    paragraphs = typeset_paragraphs(level)
    numbers = {}
    for index, point in enumerate(level.meta.grammaire):
        for position, ref in enumerate(point.refs):
            place, _, _ = _place(paragraphs, ref)
            if place is not None:
                numbers[(index, position)] = occurrences(paragraphs, ref.mot).index(place)
    return numbers
