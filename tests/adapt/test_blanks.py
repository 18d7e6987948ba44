"""The adapted sheet's blanks follow the documented rule on every shipped text."""

from __future__ import annotations

import math

import pytest

from dictee.adapt import blanks as rule
from dictee.adapt.blanks import FREQUENT, GRAMMAR, adapt
from dictee.grading.correction import correct_tokens
from dictee.grading.lexicon import load
from dictee.grading.table import table_for
from dictee.grading.tokens import is_word, lookup, tokenize
from tests.adapt.conftest import SHIPPED, shipped


def _occurrences(tokens: list[str], word: str) -> int:
    wanted = [t.lower() for t in tokenize(word)]
    lowered = [t.lower() for t in tokens]
    return sum(lowered[i:i + len(wanted)] == wanted for i in range(len(tokens)))


@pytest.mark.parametrize("slug, level", SHIPPED)
def test_every_grammar_word_is_a_blank(slug, level):
    text = shipped(slug, level)
    adapted = adapt(text)
    grammar = [b for b in adapted.blanks if b.reason == GRAMMAR]
    tokens = list(adapted.tokens)
    words = {w.lower() for point in text.meta.grammaire for w in point.words}
    # One blank per word a point names: the occurrence it is about, not every homograph.
    assert len(grammar) == sum(len(point.words) for point in text.meta.grammaire)
    assert {b.answer.lower() for b in grammar} == words
    for blank in adapted.blanks:
        assert blank.answer == "".join(
            t if t.startswith("-") or not i or tokens[blank.start + i - 1].endswith("'")
            else " " + t for i, t in enumerate(tokens[blank.start:blank.end])).strip()


@pytest.mark.parametrize("slug, level", SHIPPED)
def test_ratio_and_one_blank_per_group(slug, level):
    text = shipped(slug, level)
    adapted = adapt(text)
    grammar = sum(1 for b in adapted.blanks if b.reason == GRAMMAR)
    assert len(adapted.blanks) <= max(grammar, math.floor(rule.RATIO * text.word_count))
    assert 0.1 < adapted.ratio <= rule.RATIO + 0.01
    with_blank = {b.group for b in adapted.blanks}
    lexicon = load()
    for group in adapted.groups:
        if group.number in with_blank:
            continue
        # a group left without a blank has no word the rule could take
        assert not any(t.islower() and t.isalpha() and len(t) >= rule.MIN_LETTERS
                       and lexicon.frequency_of(lookup(t)) >= rule.FREQUENT_WORD
                       for t in group.tokens), group.text
    starts = [b.start for b in adapted.blanks]
    assert starts == sorted(starts) and [b.number for b in adapted.blanks] == list(
        range(1, len(adapted.blanks) + 1))
    assert all(a.end <= b.start for a, b in zip(adapted.blanks, adapted.blanks[1:]))


@pytest.mark.parametrize("slug, level", SHIPPED)
def test_frequent_words_follow_the_rule(slug, level):
    text = shipped(slug, level)
    adapted = adapt(text)
    lexicon = load()
    tokens = [t.lower() for t in adapted.tokens]
    board = set()
    for word in text.meta.tableau + [g.mot for g in text.meta.glossaire]:
        wanted = [t.lower() for t in tokenize(word)]
        for i in range(len(tokens)):
            if tokens[i:i + len(wanted)] == wanted:
                board.update(range(i, i + len(wanted)))
    for blank in adapted.blanks:
        if blank.reason != FREQUENT:
            continue
        word = adapted.tokens[blank.start]
        assert blank.end == blank.start + 1 and word.islower() and is_word(word)
        assert lexicon.frequency_of(lookup(word)) >= rule.FREQUENT_WORD
        assert blank.choices is not None or len(word) >= rule.MIN_LETTERS
        assert blank.start not in board
        following = adapted.tokens[blank.end] if blank.end < len(adapted.tokens) else ""
        assert not following.startswith("-")  # never half of « peut-elle »


@pytest.mark.parametrize("slug, level", SHIPPED)
def test_choices_hold_the_answer_and_a_homophone(slug, level):
    text = shipped(slug, level)
    adapted = adapt(text)
    choices = [b for b in adapted.blanks if b.choices]
    assert choices, "each shipped text has frequent homophones (a/à, et/est…)"
    pairs: dict[tuple[str, ...], int] = {}
    for blank in choices:
        assert blank.answer in blank.choices and len(blank.choices) == 2
        other = next(o for o in blank.choices if o != blank.answer)
        # Ticking the other option is graded « homophone » by dictee corriger.
        tokens = list(adapted.tokens)
        tokens[blank.start] = other
        errors = correct_tokens(table_for(text.text), tokens).errors
        assert [(e.category, e.expected, e.written) for e in errors] == [
            ("homophone", blank.answer, other)]
        if blank.reason == FREQUENT:
            key = tuple(o.lower() for o in blank.choices)
            pairs[key] = pairs.get(key, 0) + 1
    assert max(pairs.values(), default=0) <= rule.SAME_CHOICE


def test_grammar_word_is_a_choice_only_when_its_point_names_both():
    adapted = adapt(shipped("dorgelesse", "secondaire"))
    ce = [b for b in adapted.blanks if b.reason == GRAMMAR and b.answer == "ce"]
    assert ce and all(b.choices == ("ce", "se") for b in ce)
    others = [b for b in adapted.blanks if b.reason == GRAMMAR and b.answer != "ce"]
    assert all(b.choices is None for b in others)


def test_groups_are_numbered_like_the_clips(make_level):
    level = make_level("Il a porté le drapeau de son pays sur lui pendant un mois. "
                       "Sa maison était toujours ouverte aux voisins du quartier.",
                       "grammaire:\n  - point: L'imparfait.\n    mots: [était]")
    adapted = adapt(level)
    assert [g.number for g in adapted.groups] == list(range(1, len(level.groups) + 1))
    assert [g.text for g in adapted.groups] == [g.text for g in level.groups]
    blank = next(b for b in adapted.blanks if b.answer == "était")
    holder = adapted.groups[blank.group - 1]
    assert holder.first <= blank.start < holder.last and "était" in holder.text


def test_multiword_grammar_words_make_one_blank(make_level):
    level = make_level("Elle a passé vingt-deux mois en prison pour que ce souvenir ne "
                       "s'éteigne pas dans la ville.",
                       "grammaire:\n  - point: Nombres.\n    mots: [vingt-deux, s'éteigne]")
    adapted = adapt(level)
    answers = [b.answer for b in adapted.blanks if b.reason == GRAMMAR]
    assert answers == ["vingt-deux", "s'éteigne"]
    assert all(b.end - b.start == 2 for b in adapted.blanks if b.reason == GRAMMAR)
