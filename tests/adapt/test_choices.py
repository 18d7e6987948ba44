"""Choices to tick: the right word and a real homophone from Lexique, never a made-up form."""

from __future__ import annotations

import pytest

from dictee.adapt.choices import INTERJECTIONS, choice_for, homophones
from dictee.grading import correct
from dictee.grading.lexicon import load


@pytest.mark.parametrize("word, options", [
    ("a", ("a", "à")), ("à", ("a", "à")), ("ses", ("ces", "ses")), ("ces", ("ces", "ses")),
    ("et", ("est", "et")), ("est", ("est", "et")), ("son", ("son", "sont")),
    ("on", ("on", "ont")), ("ou", ("ou", "où")), ("ce", ("ce", "se")), ("la", ("la", "là")),
    ("sa", ("sa", "ça")), ("peu", ("peu", "peut")), ("vingt", ("vin", "vingt")),
])
def test_school_homophones(word, options):
    assert choice_for(word) == options


def test_capital_follows_the_text():
    assert choice_for("À") == ("A", "À")
    assert choice_for("Ce") == ("Ce", "Se")


@pytest.mark.parametrize("word", ["deux", "été", "porter", "rose", "cinq", "maison", "aux",
                                  "dans"])
def test_no_choice_without_a_school_homophone(word):
    # « de » sounds only close to « deux »; « porté » is a form of « porter », not a
    # homophone; « aux / eau » and « dans / dents » are homophones no lesson pairs.
    assert choice_for(word) is None


def test_a_listed_pair_must_still_be_homophones_in_the_lexicon(monkeypatch):
    from dictee.adapt import choices

    monkeypatch.setitem(choices.CLASSIC_PAIRS, "chat", "chien")
    monkeypatch.setitem(choices.CLASSIC_PAIRS, "mot", "maux")  # a homophone, but rare
    choice_for.cache_clear()
    try:
        assert choice_for("chat") is None and choice_for("mot") is None
    finally:
        choice_for.cache_clear()


@pytest.mark.parametrize("word", ["a", "ses", "et", "on", "mois", "sans", "prix", "fin", "vers",
                                  "peu", "sur", "des", "ans"])
def test_every_option_is_a_frequent_word_heard_the_same(word):
    lexicon = load()
    options = choice_for(word)
    assert options is not None and word in options and len(options) == 2
    other = next(o for o in options if o != word)
    assert lexicon.frequency_of(other.lower()) >= 100
    assert other not in INTERJECTIONS
    assert not lexicon.lemmas_of(other) & lexicon.lemmas_of(word)
    # dictee corriger grades the other option, written in place of the word, as a
    # homophone: ticking the wrong box costs what writing it would.
    errors = correct(f"Le {word} vu.", f"Le {other} vu.").errors
    assert [e.category for e in errors] == ["homophone"]


def test_interjections_never_offered():
    assert "ah" not in homophones(load(), "a")
    assert "oh" not in homophones(load(), "aux")
