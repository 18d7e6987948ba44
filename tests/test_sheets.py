"""The pupils' sheets of every shipped text: blanks where the grammar is, lines enough."""

from __future__ import annotations

import math
import re

import pytest

from dictee.content.grammar import expressions, locate, occurrences, typeset_paragraphs
from dictee.content.loader import ContentRoot
from dictee.content.typography import french
from dictee.render.blanks import (
    BLANK_WIDTH,
    WORDS_PER_BLANK,
    blank_count,
    blanked_paragraphs,
    choose_blanks,
)
from dictee.render.context import CHARS_PER_LINE, writing_lines
from tests.conftest import REPO

ROOT = ContentRoot(REPO)
LEVELS = [(slug, name) for slug in ("luis-manuel", "sasha", "chow-hang-tung", "dorgelesse")
          for name in ("primaire", "secondaire")]


def level_of(slug: str, name: str):
    return ROOT.load(slug).levels[name]


@pytest.mark.parametrize("slug, name", LEVELS)
def test_every_grammar_word_is_blanked_where_the_point_is(slug, name):
    level = level_of(slug, name)
    targets, issues = locate(level)
    assert not issues, [i.message for i in issues]  # shipped cases say which occurrence
    blanks = choose_blanks(level)
    spans = {(b.paragraph, b.start, b.end) for b in blanks}
    for target in targets:
        assert (target.paragraph, target.start, target.end) in spans
    words = sum(len(point.mots) for point in level.meta.grammaire)
    assert len(targets) == words


@pytest.mark.parametrize("slug, name", LEVELS)
def test_a_useful_number_of_blanks_sized_from_their_word(slug, name):
    level = level_of(slug, name)
    blanks = choose_blanks(level)
    # Rule: about one word in WORDS_PER_BLANK; never fewer than one in 14.
    assert level.word_count / 14 <= len(blanks) <= max(blank_count(level),
                                                       len(locate(level)[0]))
    assert blank_count(level) == round(level.word_count / WORDS_PER_BLANK[name])
    paragraphs = typeset_paragraphs(level)
    sheet = blanked_paragraphs(level, blanks)
    runs = [m.group() for text in sheet for m in re.finditer("_+", text)]
    hidden = [paragraphs[b.paragraph][b.start:b.end] for b in blanks]
    assert len(runs) == len(hidden)
    for run, word in zip(runs, hidden):
        assert len(run) >= len(word) * BLANK_WIDTH
    assert len(set(map(len, runs))) > 1, "blanks follow their word, not one fixed length"


@pytest.mark.parametrize("slug, name", LEVELS)
def test_never_two_blanks_side_by_side_unless_the_grammar_asks(slug, name):
    level = level_of(slug, name)
    board = {w.lower() for entry in level.meta.tableau for w in french(entry).split()}
    paragraphs = typeset_paragraphs(level)
    blanks = choose_blanks(level)
    for blank in blanks:
        word = paragraphs[blank.paragraph][blank.start:blank.end]
        if blank.point is None:  # added by the rule: a verb, never a name or a board word
            assert not word[0].isupper() and word.lower() not in board
    added = [b for b in blanks if b.point is None]
    for a, b in zip(added, added[1:]):
        if a.paragraph == b.paragraph:
            assert re.search(r"\w", paragraphs[a.paragraph][a.end:b.start])


def test_a_point_on_a_pronoun_does_not_blank_the_prepositions():
    """« en » is a pronoun once (« on en allume ») and a preposition four times."""
    level = level_of("chow-hang-tung", "secondaire")
    sheet = " ".join(blanked_paragraphs(level, choose_blanks(level)))
    assert len(occurrences(typeset_paragraphs(level), "en")) == 5
    assert re.search(r"on _+ allume", sheet)
    for preposition in ("en mémoire des victimes", "en 1989", "en 2022", "en mémoire des morts"):
        assert preposition in sheet


def test_the_guide_shows_a_points_words_as_one_reads_them():
    """« rose vif », not « rose, vif »; « ce (deux fois) », not « ce, ce »."""
    def shown(slug, name, point):
        level = level_of(slug, name)
        return expressions(typeset_paragraphs(level), level.meta.grammaire[point].words)

    assert shown("luis-manuel", "primaire", 3) == ["rose vif"]
    assert shown("luis-manuel", "secondaire", 1) == ["avait porté"]
    assert shown("dorgelesse", "secondaire", 3) == ["ce (deux fois)"]
    assert shown("luis-manuel", "primaire", 4) == ["étudié", "porter", "porté"]


def test_a_capitalised_occurrence_is_blanked():
    level = level_of("luis-manuel", "secondaire")
    sheet = blanked_paragraphs(level, choose_blanks(level))
    assert re.match(r"_+ à La Havane en 1987", sheet[0])


@pytest.mark.parametrize("slug, name", LEVELS)
def test_the_sheet_has_a_line_pair_for_each_line_of_text(slug, name, tmp_path):
    """Every other line: one line to write on and one left free, for the whole text."""
    level = level_of(slug, name)
    lines = writing_lines(level)
    per_line = CHARS_PER_LINE[name]
    needed = sum(math.ceil(len(text) / per_line) for text in typeset_paragraphs(level))
    assert lines == needed + 1  # + the title
    assert lines * per_line >= len(french(level.text))
