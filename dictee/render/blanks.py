"""The fill-in sheet: which words become blanks, and how long each blank is.

The rule, in docs/format-des-cas.md and in the teacher's guide:
1. every occurrence a grammar point is about is a blank (dictee.content.grammar);
2. then, up to about one word in WORDS_PER_BLANK[level], verbs of the text: first
   the forms in « é / er » sounds (participles and infinitives), then conjugated
   forms with a silent ending (-ait, -aient, -ent…), spread over the whole text;
3. never a proper noun or a word on the board, never a capitalised word, never two
   blanks side by side;
4. a blank is long enough for the word written by hand (BLANK_WIDTH underscores per
   printed letter, at least MIN_BLANK).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from dictee.content.grammar import Target, locate, typeset_paragraphs
from dictee.content.model import LevelText
from dictee.content.typography import french

# One blank for about this many words of text, grammar points included.
WORDS_PER_BLANK = {"primaire": 8, "secondaire": 10}
# Handwriting takes more room than print: underscores per letter of the hidden word.
BLANK_WIDTH = 1.7
MIN_BLANK = 8
_WORD = re.compile(r"(?<![\w’'\-])[^\W\d_]{4,}(?![\w’'\-])")
_E_SOUND = ("é", "ée", "és", "ées", "er")
# Endings of conjugated forms (imperfect, present plural, passé simple, future,
# conditional): a noun that is also a verb form (« peine », « livre ») is left alone.
_CONJUGATED = ("ait", "aient", "ais", "ent", "ont", "it", "is", "ons", "ez", "ra", "rait",
               "raient", "ront")


@dataclass(frozen=True)
class Blank:
    paragraph: int
    start: int
    end: int
    point: int | None  # the grammar point it belongs to, None for a verb added by rule 2


def blank_count(level: LevelText) -> int:
    """How many blanks the sheet aims at (more when the grammar points name more)."""
    return round(level.word_count / WORDS_PER_BLANK[level.level])


def underscores(word: str) -> str:
    return "_" * max(MIN_BLANK, math.ceil(len(word) * BLANK_WIDTH))


def _verb_tier(word: str) -> int | None:
    """1 for a verb form in « é / er », 2 for another verb form, None otherwise."""
    from dictee.grading import lexicon

    words = lexicon.load()
    lower = word.lower()
    if not words.lemmas_of(lower) & words.verbs:
        return None
    if lower.endswith(_E_SOUND):
        return 1
    return 2 if lower.endswith(_CONJUGATED) and lower not in words.verbs else None


def choose_blanks(level: LevelText) -> list[Blank]:
    """The blanks of the fill-in sheet, in reading order (rules in the module doc)."""
    paragraphs = typeset_paragraphs(level)
    targets, _ = locate(level)
    chosen = [Blank(t.paragraph, t.start, t.end, t.point) for t in targets]
    board = {w.lower() for entry in level.meta.tableau for w in french(entry).split()}
    candidates: dict[int, list[Blank]] = {1: [], 2: []}
    for index, text in enumerate(paragraphs):
        for match in _WORD.finditer(text):
            word = match.group()
            if word[0].isupper() or word.lower() in board:
                continue
            tier = _verb_tier(word)
            if tier is not None:
                candidates[tier].append(Blank(index, match.start(), match.end(), None))
    wanted = blank_count(level) - len(chosen)
    for tier in (1, 2):
        free = [c for c in candidates[tier] if not any(_near(c, b, paragraphs) for b in chosen)]
        for blank in _spread(free, wanted):
            if wanted > 0 and not any(_near(blank, b, paragraphs) for b in chosen):
                chosen.append(blank)
                wanted -= 1
    return sorted(chosen, key=lambda b: (b.paragraph, b.start))


def _spread(items: list[Blank], count: int) -> list[Blank]:
    """`count` items taken evenly across the list (all of them when there are fewer),
    then the rest, so that a later refusal can fall back on a neighbour."""
    if count <= 0 or not items:
        return []
    if len(items) <= count:
        return items
    step = len(items) / count
    first = [items[int(i * step + step / 2)] for i in range(count)]
    return first + [i for i in items if i not in first]


def _near(a: Blank, b: Blank, paragraphs: list[str]) -> bool:
    """True when the two blanks overlap or only spaces or an apostrophe separate them."""
    if a.paragraph != b.paragraph:
        return False
    left, right = (a, b) if a.start <= b.start else (b, a)
    if right.start < left.end:
        return True
    return not re.search(r"[\w,.;:!?«»]", paragraphs[a.paragraph][left.end:right.start])


def blanked_paragraphs(level: LevelText, blanks: list[Blank]) -> list[str]:
    """The typeset paragraphs with each blank replaced by its underscores."""
    paragraphs = typeset_paragraphs(level)
    for blank in sorted(blanks, key=lambda b: (b.paragraph, -b.start)):
        text = paragraphs[blank.paragraph]
        word = text[blank.start:blank.end]
        paragraphs[blank.paragraph] = text[:blank.start] + underscores(word) + text[blank.end:]
    return paragraphs


__all__ = ["Blank", "Target", "blank_count", "blanked_paragraphs", "choose_blanks",
           "underscores"]
