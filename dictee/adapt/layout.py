"""Where each token of a level sits: in which group, at which characters.

The adapted sheet prints the text as the pupil hears it, group by group, with some
words replaced by a blank or a choice. The tokens are those of `dictee corriger`
(grading/tokens.py), so that a blank is exactly the stretch of tokens the grading
looks at; this module only finds them back in the printed group texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from dictee.content.model import LevelText
from dictee.grading.tokens import is_word, join, normalize, tokenize


@dataclass(frozen=True)
class GroupTokens:
    """One meaning group: its text (normalised) and its tokens' places in it."""

    number: int  # from 1, as the clips audio/groupes/01.mp3… and the guide number them
    sentence: int  # index of the sentence, from 0
    paragraph: int  # index of the paragraph, from 0
    text: str
    first: int  # index of its first token in the level's tokens
    spans: tuple[tuple[int, int], ...]  # (start, end) characters of each token in `text`

    @property
    def tokens(self) -> list[str]:
        return [self.text[a:b] for a, b in self.spans]

    @property
    def last(self) -> int:
        """Index (in the level's tokens) just after its last token."""
        return self.first + len(self.spans)


def spans(text: str) -> list[tuple[int, int]]:
    """Character spans of tokenize(text) in `text`, which must already be normalised."""
    found: list[tuple[int, int]] = []
    position = 0
    for token in tokenize(text):
        start = text.index(token, position)
        found.append((start, start + len(token)))
        position = start + len(token)
    return found


def level_groups(level: LevelText) -> list[GroupTokens]:
    """The level's groups with their tokens; the tokens of all groups, in order, are
    the tokens of the whole text (what `dictee corriger` compares a copy with)."""
    groups = []
    first = 0
    for number, group in enumerate(level.groups, start=1):
        text = normalize(group.text)
        places = spans(text)
        groups.append(GroupTokens(number, group.sentence, group.paragraph, text, first,
                                  tuple(places)))
        first += len(places)
    return groups


def spell(tokens: list[str] | tuple[str, ...]) -> str:
    """Tokens written back as one reads them: « s'éteigne », « vingt-deux », « a été »."""
    text = ""
    for token in tokens:
        text = join(text, token) if text else token
    return text


def words_of(tokens: list[str] | tuple[str, ...]) -> list[str]:
    return [t for t in tokens if is_word(t)]
