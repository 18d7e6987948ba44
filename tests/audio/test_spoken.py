"""How long a group takes to say: numbers and abbreviations count as the words said."""

from __future__ import annotations

from dictee.audio.spoken import said, syllables


def test_numbers_count_as_the_words_a_reader_says():
    # « entre deux mille et deux mille vingt »: far more than the 8 digits' letters say
    assert syllables("Entre 2000 et 2020") == syllables("Entre deux mille et deux mille vingt")
    assert syllables("en 1977") == syllables("en mille neuf cent soixante-dix-sept")


def test_abbreviations_and_symbols_are_said_in_words():
    assert said("Mme Otero a 15 % de chances") == "madame Otero a 15 pour cent de chances"
    assert said("le 1er mai à 8 h") == "le premier mai à 8 heures"
    assert said("M. Dupont, etc.") == "monsieur Dupont, et cetera"
    assert syllables("Mme Otero") == syllables("madame Otero")
    assert syllables("au XXe siècle") > syllables("au siècle")
