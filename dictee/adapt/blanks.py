"""Which words the pupil writes on the adapted sheet (« dictée aménagée »).

The rule (docs/amenagements.md says the same to teachers):

1. The occurrence each grammar point is about is a blank (dictee.content.grammar:
   the same words as the « dictée à trous »; never every homograph).
2. Then every meaning group that has no blank yet gets one frequent word: a word of
   the group written in lower case, of at least three letters or with a homophone,
   at least `FREQUENT_WORD` times per million words in Lexique, not on the board,
   not in the glossary, not joined by a hyphen to the next word (« peut-elle »); the
   word with a homophone first (as long as the same pair,
   « la / là », has been offered fewer than `SAME_CHOICE` times), then the most
   frequent, then the first. So each group the class hears leaves the pupil something
   to do, and the choices vary.
3. Blanks stop at `RATIO` of the words of the text (one word in five): when there
   are fewer places left than groups without a blank, those groups are taken evenly
   spread over the text. The grammar words are always kept, even above the ratio.

A blank whose word has a frequent homophone (choices.py) is a choice to tick,
« ☐ a  ☐ à », except a grammar word: the pupil writes it, unless its grammar point
names both spellings (« Ce » (déterminant) devant un nom, « se » (pronom)…), which
makes the point a homophone to choose.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from dictee.adapt.choices import choice_for
from dictee.adapt.layout import GroupTokens, level_groups, spell
from dictee.content.grammar import occurrence_numbers
from dictee.content.model import LevelText
from dictee.grading.lexicon import load
from dictee.grading.tokens import is_word, lookup, tokenize

RATIO = 0.2  # at most one word of the text in five is left to write (grammar words aside)
FREQUENT_WORD = 200  # occurrences per million words: a word pupils meet every day
MIN_LETTERS = 3  # a frequent word to write has at least this many letters
SAME_CHOICE = 2  # the same pair of homophones offered at most this often (frequent words)

GRAMMAR = "grammaire"
FREQUENT = "fréquent"


@dataclass(frozen=True)
class Blank:
    """Tokens start..end-1 of the text, left for the pupil to write or tick."""

    number: int  # from 1, in the order of the text
    start: int
    end: int
    answer: str  # the words as the text spells them
    reason: str  # GRAMMAR or FREQUENT
    group: int  # number of the group that holds it (from 1)
    choices: tuple[str, ...] | None = None  # the options to tick, the answer among them
    point: int | None = None  # index of its grammar point, for GRAMMAR blanks


@dataclass(frozen=True)
class AdaptedText:
    tokens: tuple[str, ...]
    groups: tuple[GroupTokens, ...]
    blanks: tuple[Blank, ...]
    word_count: int  # words of the text, counted as the guide counts them

    @property
    def ratio(self) -> float:
        """Share of the text's words the pupil writes or ticks."""
        words = sum(len([t for t in self.tokens[b.start:b.end] if is_word(t)])
                    for b in self.blanks)
        return words / self.word_count if self.word_count else 0.0

    def blank_at(self, index: int) -> Blank | None:
        return next((b for b in self.blanks if b.start <= index < b.end), None)


def _runs(tokens: list[str], word: str) -> list[tuple[int, int]]:
    """Every place where `word` (one or more tokens) stands in the text, case aside."""
    wanted = [t.lower() for t in tokenize(word)]
    lowered = [t.lower() for t in tokens]
    size = len(wanted)
    return [(i, i + size) for i in range(len(tokens) - size + 1)
            if size and lowered[i:i + size] == wanted]


def _names_both(point: str, options: tuple[str, ...]) -> bool:
    """The grammar point quotes every option: « ce » … « se »."""
    quoted = point.lower().replace("\u00a0", " ")
    return all(f"« {option.lower()} »" in quoted for option in options)


def _covered(tokens: list[str], words: list[str]) -> set[int]:
    return {i for word in words for start, end in _runs(tokens, word)
            for i in range(start, end)}


def _candidate(token: str, frequency: int) -> bool:
    if not is_word(token) or token.endswith("'") or token.startswith("-"):
        return False
    return token == token.lower() and token.isalpha() and frequency >= FREQUENT_WORD


def _spread(count: int, among: int) -> list[int]:
    """`count` indexes out of range(among), evenly spread (the middle of equal slices)."""
    if count >= among:
        return list(range(among))
    return [math.floor((k + 0.5) * among / count) for k in range(count)]


def adapt(level: LevelText) -> AdaptedText:
    """The blanks of `level`'s adapted sheet, by the rule above."""
    groups = level_groups(level)
    tokens = [t for g in groups for t in g.tokens]
    group_of = {i: g.number for g in groups for i in range(g.first, g.last)}
    taken: dict[int, tuple[int, int]] = {}  # start → (end, grammar point)
    which = occurrence_numbers(level)  # the occurrence each point is about
    for index, grammar in enumerate(level.meta.grammaire):
        for position, word in enumerate(grammar.words):
            runs = _runs(tokens, word)
            nth = which.get((index, position), 0)
            for start, end in runs[nth:nth + 1] or runs[:1]:
                if not any(s < end and start < e for s, (e, _) in taken.items()):
                    taken[start] = (end, index)
    blanks: list[tuple[int, int, str, int | None]] = [
        (start, end, GRAMMAR, point) for start, (end, point) in sorted(taken.items())]

    known = _covered(tokens, list(level.meta.tableau)
                     + [entry.mot for entry in level.meta.glossaire])
    with_blank = {group_of[start] for start, *_ in blanks}
    lexicon = load()
    picks: list[tuple[int, tuple[str, ...] | None]] = []
    offered: dict[tuple[str, ...], int] = {}  # pair (lower case) → times offered
    for group in groups:
        if group.number in with_blank:
            continue
        best: tuple[bool, int, int] | None = None
        best_choice = None
        for index in range(group.first, group.last):
            token = tokens[index]
            frequency = lexicon.frequency_of(lookup(token))
            if index in known or not _candidate(token, frequency):
                continue
            if index + 1 < group.last and tokens[index + 1].startswith("-"):
                continue  # « peut-elle », « jour-là »: one word on paper
            choice = choice_for(token)
            if choice and offered.get(tuple(o.lower() for o in choice), 0) >= SAME_CHOICE:
                choice = None
            if choice is None and len(token) < MIN_LETTERS:
                continue
            score = (choice is not None, frequency, -index)
            if best is None or score > best:
                best, best_choice = score, choice
        if best is not None:
            picks.append((-best[2], best_choice))
            if best_choice:
                pair = tuple(o.lower() for o in best_choice)
                offered[pair] = offered.get(pair, 0) + 1
    room = max(0, math.floor(RATIO * level.word_count) - len(blanks))
    chosen: dict[int, tuple[str, ...] | None] = {}
    for position in _spread(room, len(picks)) if room else []:
        index, choice = picks[position]
        blanks.append((index, index + 1, FREQUENT, None))
        chosen[index] = choice
    blanks.sort()

    result = []
    for number, (start, end, reason, point) in enumerate(blanks, start=1):
        run = tokens[start:end]
        if reason == FREQUENT:
            choices = chosen[start]
        else:
            assert point is not None
            choices = choice_for(run[0]) if len(run) == 1 else None
            if choices and not _names_both(level.meta.grammaire[point].point, choices):
                choices = None
        result.append(Blank(number, start, end, spell(run), reason, group_of[start],
                            choices, point))
    return AdaptedText(tuple(tokens), tuple(groups), tuple(result), level.word_count)
