"""The words of the story, for pupils learning French (« Les mots de l'histoire »).

A bank of the text's hard words, in three kinds: the names and words written on the
board (`tableau`), the glossary's words with their simple explanation, and the words
of the grammar points. Each word knows the first meaning group that holds it, so the
page can play it from the recording (the group's clip).

`harder_words` measures a definition against the word it explains with Lexique's
frequencies: a definition should use words a pupil meets more often than the word
explained, not rarer ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from dictee.adapt.layout import GroupTokens, level_groups
from dictee.content.grammar import expressions, typeset_paragraphs
from dictee.content.model import GlossaryEntry, LevelText
from dictee.grading.lexicon import Lexicon, load
from dictee.grading.tokens import is_word, lookup, tokenize

NAME = "nom"  # a name on the board: person, place, organisation
BOARD = "tableau"  # another word on the board
GLOSSARY = "lexique"
GRAMMAR = "grammaire"

# A word of a definition is « harder » when it is more than this many times rarer
# than the word it explains (Lexique, occurrences per million words). The word
# explained is measured as written in the text; a word of the definition by its
# lemma (« jouées » is as easy as « jouer »), so inflections do not raise alarms.
HARDER_FACTOR = 2


@dataclass(frozen=True)
class BankWord:
    word: str  # as written in the text (case file)
    kind: str  # NAME, BOARD, GLOSSARY or GRAMMAR
    definition: str | None = None  # GLOSSARY: the explanation in simpler words
    rule: str | None = None  # GRAMMAR: the grammar point it illustrates
    group: int | None = None  # number (from 1) of the first group holding it


def _first_group(groups: list[GroupTokens], word: str) -> int | None:
    wanted = [t.lower() for t in tokenize(word)]
    for group in groups:
        tokens = [t.lower() for t in group.tokens]
        for i in range(len(tokens) - len(wanted) + 1):
            if wanted and tokens[i:i + len(wanted)] == wanted:
                return group.number
    return None


def word_bank(level: LevelText) -> list[BankWord]:
    """Board words first (names, then other words), then the glossary, then the
    grammar words; each word once (the glossary wins: it explains)."""
    groups = level_groups(level)
    glossary = {entry.mot.lower() for entry in level.meta.glossaire}
    bank: list[BankWord] = []
    seen: set[str] = set()

    def add(entry: BankWord) -> None:
        if entry.word.lower() not in seen:
            seen.add(entry.word.lower())
            bank.append(entry)

    board = [w for w in level.meta.tableau if w.lower() not in glossary]
    for word in sorted(board, key=lambda w: not w[:1].isupper()):
        add(BankWord(word, NAME if word[:1].isupper() else BOARD,
                     group=_first_group(groups, word)))
    for entry in level.meta.glossaire:
        add(BankWord(entry.mot, GLOSSARY, definition=entry.definition,
                     group=_first_group(groups, entry.mot)))
    for point in level.meta.grammaire:
        for word in _joined(level, point.words):
            add(BankWord(word, GRAMMAR, rule=point.point, group=_first_group(groups, word)))
    return bank



def _joined(level: LevelText, words: list[str]) -> list[str]:
    """A point's words, those that follow each other in the text as one expression
    (« rose vif »), each once: the bank lists what to learn, not occurrences."""
    return expressions(typeset_paragraphs(level), list(dict.fromkeys(words)))

def _lemma_frequency(lexicon: Lexicon, form: str) -> int:
    """How often one meets the word in any of its forms: the most frequent of its
    lemmas, summed over that lemma's forms (per million words)."""
    totals = [sum(lexicon.frequency_of(f) for f in lexicon.forms_of(lemma))
              for lemma in lexicon.lemmas_of(form) if not lemma.startswith("+")]
    return max([lexicon.frequency_of(form), *totals])


def _mentioned(definition: str) -> set[int]:
    """Indexes of the tokens inside « … »: words quoted are mentioned, not used."""
    inside, quoted = False, set()
    for index, token in enumerate(tokenize(definition)):
        if token == "«":
            inside = True
        elif token == "»":
            inside = False
        elif inside:
            quoted.add(index)
    return quoted


@dataclass(frozen=True)
class HardWord:
    word: str  # the word of the definition
    frequency: int  # its lemma's frequency (per million words)
    explained: int  # the frequency of the word explained, as written


def harder_words(entry: GlossaryEntry) -> list[HardWord]:
    """Words of `entry.definition` much rarer than `entry.mot` (HARDER_FACTOR).
    Names (a capital inside the sentence) and words in quotes are left out, and so are
    the explained word's own forms."""
    lexicon = load()
    explained_words = [lookup(t) for t in tokenize(entry.mot) if is_word(t)]
    if not explained_words:
        return []
    explained = min(lexicon.frequency_of(w) for w in explained_words)
    own = set().union(*(lexicon.lemmas_of(w) for w in explained_words))
    quoted = _mentioned(entry.definition)
    found: list[HardWord] = []
    for index, token in enumerate(tokenize(entry.definition)):
        if index in quoted or not is_word(token) or not token.isalpha():
            continue
        if index > 0 and token[:1].isupper():
            continue
        form = lookup(token)
        if lexicon.lemmas_of(form) & own:
            continue
        frequency = _lemma_frequency(lexicon, form)
        if frequency * HARDER_FACTOR < explained and all(h.word != token for h in found):
            found.append(HardWord(token, frequency, explained))
    return found
