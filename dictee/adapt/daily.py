"""The daily sentences of the week before the dictation (« phrase du jour »).

Each day the class writes one short sentence, then agrees on every spelling
together (« dictée 0 faute »). A series has `SERIES` sentences, each of at most
`MAX_WORDS[level]` words and exercising at least one of the guide's grammar points.
A word of a grammar point counts only where it cannot be mistaken: if the text holds
it more often than the point lists it (« en » preposition and « en » pronoun), no
sentence is chosen, nor discussed, for it.

Authors may write them in the level's file (`phrases_du_jour`, docs/format-des-cas.md).
Otherwise the tool proposes whole sentences of the text (grammatical on their own,
and the story the class will hear) that hold a word of a grammar point: first, for
each point in the guide's order not yet exercised, the sentence that exercises the
most points not yet exercised (then the shortest, then the first); then, to complete
the series, the sentences that exercise the most points. The series is given in the
order of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dictee.adapt.blanks import _runs
from dictee.adapt.choices import CLASSIC_PAIRS
from dictee.content.grammar import expressions
from dictee.content.groups import count_words
from dictee.content.model import LevelText
from dictee.content.typography import french
from dictee.grading.tokens import is_word, tokenize

SERIES = 5  # one sentence per school day of the week before
MAX_WORDS = {"primaire": 18, "secondaire": 22}
MAX_HOMOPHONES = 2  # homophones pointed out per sentence, besides the grammar words


@dataclass(frozen=True)
class Discussion:
    """One point to discuss once the class has written the sentence."""

    word: str
    note: str


@dataclass(frozen=True)
class DailySentence:
    number: int  # the day, from 1
    text: str
    points: tuple[int, ...]  # indexes of the grammar points it exercises
    discuss: tuple[Discussion, ...]
    proposed: bool  # True: chosen by the tool from the text
    source: int | None = None  # index of the sentence in the text (proposed ones)
    entry: int | None = None  # index in `phrases_du_jour` (written by the author)

    @property
    def word_count(self) -> int:
        return count_words(self.text)


def _ambiguous(level: LevelText) -> set[str]:
    """Grammar words the text holds more often than the points list them."""
    tokens = tokenize(level.text)
    listed: dict[str, int] = {}
    for point in level.meta.grammaire:
        for word in point.words:
            listed[word.lower()] = listed.get(word.lower(), 0) + 1
    return {word for word, count in listed.items() if len(_runs(tokens, word)) > count}


def _points_in(level: LevelText, text: str, *, skip: set[str] | None = None
               ) -> dict[int, list[str]]:
    """Grammar point index → its words found in `text` (but those in `skip`)."""
    tokens = tokenize(text)
    found: dict[int, list[str]] = {}
    for index, point in enumerate(level.meta.grammaire):
        for word in point.words:
            if skip and word.lower() in skip:
                continue
            if _runs(tokens, word) and word not in found.get(index, []):
                found.setdefault(index, []).append(word)
    return found


def _discussion(level: LevelText, text: str, words: dict[int, list[str]],
                notes: list[str]) -> tuple[Discussion, ...]:
    items: list[Discussion] = []
    grammar_words = set()
    for index, found in sorted(words.items()):
        for word in found:
            grammar_words.add(word.lower())
        # « rose vif », « avait porté »: the words of a point that follow each other
        # are discussed together, under their rule once.
        for expression in expressions([french(text)], found):
            items.append(Discussion(expression, level.meta.grammaire[index].point))
    # The author's notes are grammar too: with the points, before homophones and names.
    items += [_authored_note(note) for note in notes]
    tokens = tokenize(text)
    board = {i for name in level.meta.tableau for start, end in _runs(tokens, name)
             for i in range(start, end)}
    homophones: list[str] = []
    for index, token in enumerate(tokens):
        lower = token.lower()
        if len(homophones) >= MAX_HOMOPHONES:
            break
        if index in board or not is_word(token) or lower in grammar_words \
                or lower not in CLASSIC_PAIRS or lower in homophones:
            continue
        homophones.append(lower)
        items.append(Discussion(lower, f"homophone : ne pas confondre avec "
                                       f"« {CLASSIC_PAIRS[lower]} »."))
    for name in level.meta.tableau:
        if _runs(tokens, name):
            note = ("nom propre : majuscule, écrit au tableau." if name[:1].isupper()
                    else "mot écrit au tableau.")
            items.append(Discussion(name, note))
    return tuple(items)


_QUOTED_WORD = re.compile(r"«\s*([^»]+?)\s*»\s*:\s*(.+)", re.S)


def _authored_note(note: str) -> Discussion:
    """An author's note, « « purgeait » : imparfait… », laid out like the others: the
    word, then what to say about it; a note about no word in particular stays whole."""
    match = _QUOTED_WORD.fullmatch(note.strip())
    return Discussion(match.group(1), match.group(2)) if match else Discussion("", note)


def authored(level: LevelText) -> list[DailySentence]:
    """The sentences the author wrote, with the points each exercises: the point
    named, with its words found in the sentence or the author's `mots`; otherwise
    every point whose words the sentence holds."""
    series: list[DailySentence] = []
    for entry_index, entry in enumerate(level.meta.phrases_du_jour):
        found = _points_in(level, entry.phrase)
        if entry.point is not None and 1 <= entry.point <= len(level.meta.grammaire):
            index = entry.point - 1
            words = list(entry.mots) or found.get(index, [])
            found = {index: words}
        series.append(DailySentence(
            len(series) + 1, entry.phrase, tuple(sorted(found)),
            _discussion(level, entry.phrase, found, list(entry.a_discuter)),
            proposed=False, entry=entry_index))
    return series


def proposed(level: LevelText) -> list[DailySentence]:
    """Sentences of the text chosen by the rule above (possibly fewer than SERIES)."""
    limit = MAX_WORDS[level.level]
    skip = _ambiguous(level)
    candidates: dict[int, dict[int, list[str]]] = {}
    for index, sentence in enumerate(level.sentences):
        if count_words(sentence) <= limit:
            points = _points_in(level, sentence, skip=skip)
            if points:
                candidates[index] = points
    chosen: list[int] = []
    covered: set[int] = set()

    def rank(index: int) -> tuple[int, int, int]:
        return (-len(set(candidates[index]) - covered),
                count_words(level.sentences[index]), index)

    for point in range(len(level.meta.grammaire)):
        if point in covered or len(chosen) >= SERIES:
            continue
        holding = [i for i in candidates if point in candidates[i] and i not in chosen]
        if holding:
            best = min(holding, key=rank)
            chosen.append(best)
            covered |= set(candidates[best])
    rest = sorted((i for i in candidates if i not in chosen),
                  key=lambda i: (-len(candidates[i]), count_words(level.sentences[i]), i))
    chosen += rest[:SERIES - len(chosen)]
    series = []
    for number, index in enumerate(sorted(chosen), start=1):
        text = level.sentences[index]
        series.append(DailySentence(number, text, tuple(sorted(candidates[index])),
                                    _discussion(level, text, candidates[index], []),
                                    proposed=True, source=index))
    return series


def daily_sentences(level: LevelText) -> list[DailySentence]:
    """The series of the kit: the author's when there is one, else the proposal."""
    return authored(level) or proposed(level)
