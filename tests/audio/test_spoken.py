"""How long a group takes to say: numbers and abbreviations count as the words said."""

from __future__ import annotations

from dictee.audio.spoken import (
    for_voice,
    letters,
    number_words,
    ordinal_words,
    said,
    syllables,
)


def test_numbers_count_as_the_words_a_reader_says():
    # « entre deux mille et deux mille vingt »: far more than the 8 digits' letters say
    assert syllables("Entre 2000 et 2020") == syllables("Entre deux mille et deux mille vingt")
    assert syllables("en 1977") == syllables("en mille neuf cent soixante-dix-sept")


def test_numbers_are_said_in_words_and_counted_in_letters_as_said():
    assert said("à Pékin, en 1989.") == "à Pékin, en mille neuf cent quatre-vingt-neuf."
    assert letters("en 1989") == letters("en mille neuf cent quatre-vingt-neuf") == 30
    assert said("10 000 personnes, 2,5 km") == "dix mille personnes, deux virgule cinq kilomètres"
    assert [number_words(n) for n in (21, 71, 80, 81, 200, 201, 80_000, 2_000_000)] == [
        "vingt et un", "soixante et onze", "quatre-vingts", "quatre-vingt-un", "deux cents",
        "deux cent un", "quatre-vingt mille", "deux millions"]


def test_articles_are_not_taken_for_roman_numerals():
    assert said("Le 4 juin, Ce geste") == "Le quatre juin, Ce geste"
    assert said("au XXe siècle") == "au vingtième siècle"


def test_a_synthetic_voice_is_not_given_a_quote_after_an_elision():
    assert for_voice("accusée d'« incitation »") == "accusée d'incitation »"
    assert for_voice("il a dit : « non »") == "il a dit : « non »"


def test_abbreviations_and_symbols_are_said_in_words():
    assert said("Mme Otero a 15 % de chances") == "madame Otero a quinze pour cent de chances"
    assert said("le 1er mai à 8 h") == "le premier mai à huit heures"
    assert said("M. Dupont, etc.") == "monsieur Dupont, et cetera"
    assert syllables("Mme Otero") == syllables("madame Otero")
    assert syllables("au XXe siècle") > syllables("au siècle")


def test_ordinals_are_said_as_a_reader_says_them():
    assert said("la 6e année, au XIXe siècle") == "la sixième année, au dix-neuvième siècle"
    assert said("la 1re secondaire, le 21e jour, la 5e") \
        == "la première secondaire, le vingt et unième jour, la cinquième"
    assert said("le IIIe, le 9e et le 80e") == "le troisième, le neuvième et le quatre-vingtième"


def test_a_synthetic_voice_is_given_what_it_would_misread_in_words():
    # espeak-ng says « M. » as the letter M and a full stop (a pause after it), « MM. »
    # as « millimètre », « XXe » letter by letter, « 6e » as « six, e », « 8 h » as
    # « huit, ache »: a reader says none of these, and the model must say what he says.
    assert for_voice("Le 8 mars, M. Tremblay et MM. Roy et Paré") \
        == "Le 8 mars, monsieur Tremblay et messieurs Roy et Paré"
    assert for_voice("Mmes Roy, la 1re secondaire, la 6e année, au XXe siècle, à 8 h") \
        == ("mesdames Roy, la première secondaire, la sixième année, au vingtième siècle, "
            "à 8 heures")
    assert for_voice("Le 4 juin, 73 % des 12 000 élèves") == "Le 4 juin, 73 % des 12 000 élèves"


def test_a_king_s_or_a_pope_s_number_is_said_as_a_number():
    # espeak-ng says « Louis XIV » as « Louis quatorze romain », « Ier » as « ié ».
    assert for_voice("Louis XIV, Jean-Paul II et François Ier. Louis XVIII.") \
        == "Louis quatorze, Jean-Paul deux et François premier. Louis dix-huit."
    # Not an initial, nor a word, nor a letter after an article.
    assert for_voice("Jean C. Roy, Mon CV, Le V de la victoire") \
        == "Jean C. Roy, Mon CV, Le V de la victoire"


def test_thousands_are_said_right():
    assert said("3000 et 80 000") == "trois mille et quatre-vingt mille"
    assert ordinal_words(2_000_000) == "deux millionième"


def test_a_month_abbreviated_before_its_year_is_said_whole():
    assert for_voice("le 19 sept. 2022, le 7 févr. 2023") \
        == "le 19 septembre 2022, le 7 février 2023"
    assert for_voice("Il en a sept. Puis huit.") == "Il en a sept. Puis huit."
