"""The daily sentences: short, each on a grammar point of the guide, the series covering them."""

from __future__ import annotations

import pytest

from dictee.adapt.daily import MAX_WORDS, SERIES, authored, daily_sentences, proposed
from dictee.content.groups import count_words
from tests.adapt.conftest import SHIPPED, shipped

GRAMMAR = """grammaire:
  - point: Le participe passé employé avec « être » s'accorde avec le sujet.
    mots: [arrêté, condamné, partie]
  - point: L'imparfait décrit une habitude du passé.
    mots: [était]
  - point: Après une préposition, le verbe se met à l'infinitif.
    mots: [rejoindre]"""
TEXT = ("Luis Manuel est un artiste. Sa maison était toujours ouverte aux voisins du "
        "quartier. En juillet 2021, il a été arrêté avant de rejoindre une grande "
        "manifestation dans les rues. Un an plus tard, il a été condamné. Il "
        "n'a jamais étudié dans une école d'art. Ce soir-là, sa sœur est partie "
        "chercher ses amis, ses voisins et tous les artistes du quartier de San Isidro "
        "pour une très grande fête.")


@pytest.mark.parametrize("slug, level", SHIPPED)
def test_shipped_series_exercise_every_grammar_point(slug, level):
    text = shipped(slug, level)
    series = daily_sentences(text)
    assert len(series) == SERIES
    assert [s.number for s in series] == list(range(1, SERIES + 1))
    assert {p for s in series for p in s.points} == set(range(len(text.meta.grammaire)))
    for sentence in series:
        assert sentence.points, sentence.text
        assert count_words(sentence.text) <= MAX_WORDS[level]
        words = [d.word for d in sentence.discuss if d.word]
        for point in sentence.points:
            rule = text.meta.grammaire[point].point
            assert any(d.note == rule for d in sentence.discuss), sentence.text
        assert all(w.lower() in sentence.text.lower() for w in words)


def test_proposed_sentences_are_whole_sentences_of_the_text(make_level):
    level = make_level(TEXT, GRAMMAR)
    series = proposed(level)
    assert [s.text for s in series] == [
        "Sa maison était toujours ouverte aux voisins du quartier.",
        "En juillet 2021, il a été arrêté avant de rejoindre une grande manifestation "
        "dans les rues.",
        "Un an plus tard, il a été condamné."]
    # The last sentence carries a point (« partie ») but is longer than the limit; it
    # says nothing else.
    assert count_words(level.sentences[-1]) > MAX_WORDS["primaire"]
    assert [s.points for s in series] == [(1,), (0, 2), (0,)]
    assert all(s.proposed and s.source is not None for s in series)
    assert daily_sentences(level) == series


def test_a_word_used_twice_in_the_text_is_not_a_reason_to_choose(make_level):
    level = make_level("Il vit en ville. Sa maison est grande. Il en a deux, en réalité. "
                       "Son chat dort souvent au soleil de la cour. " * 2,
                       "grammaire:\n  - point: Le pronom « en ».\n    mots: [en]")
    assert proposed(level) == []


def test_author_series_replaces_the_proposal(make_level):
    extra = """phrases_du_jour:
  - phrase: La porte était ouverte.
  - phrase: Il voulait rejoindre la fête.
    point: 3
    a_discuter: [« voulait » est aussi à l'imparfait.]
  - phrase: Elle est partie.
    point: 1
    mots: [partie]"""
    level = make_level(TEXT, GRAMMAR, extra)
    series = daily_sentences(level)
    assert [s.text for s in series] == ["La porte était ouverte.", "Il voulait rejoindre la fête.",
                                       "Elle est partie."]
    assert [s.points for s in series] == [(1,), (2,), (0,)]
    assert not any(s.proposed for s in series) and series == authored(level)
    notes = [(d.word, d.note) for d in series[1].discuss]
    assert ("rejoindre", "Après une préposition, le verbe se met à l'infinitif.") in notes
    assert ("", "« voulait » est aussi à l'imparfait.") in notes
    assert [d.word for d in series[2].discuss][0] == "partie"


def test_homophones_and_names_are_pointed_out(make_level):
    level = make_level(TEXT, GRAMMAR)
    sentence = proposed(level)[1]
    notes = {d.word: d.note for d in sentence.discuss}
    assert notes["a"] == "homophone : ne pas confondre avec « à »."
    assert notes["arrêté"].startswith("Le participe passé")


def test_an_authors_note_on_a_word_is_laid_out_like_the_others():
    """« « purgeait » : imparfait… » shows as the word, then the note, with the grammar
    points (not as a line of its own after the names)."""
    day = daily_sentences(shipped("chow-hang-tung", "secondaire"))[2]
    words = [d.word for d in day.discuss]
    assert ("purgeait", "imparfait, une situation qui dure dans le passé.") in [
        (d.word, d.note) for d in day.discuss]
    assert words.index("purgeait") == 1 and "" not in words


def test_words_of_a_point_side_by_side_are_discussed_together():
    day = daily_sentences(shipped("luis-manuel", "primaire"))[1]
    assert day.discuss[0].word == "rose vif"
    assert [d.word for d in day.discuss].count("vif") == 0
