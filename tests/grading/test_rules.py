"""The documented rules (docs/correction.md), one example each."""

from __future__ import annotations

import gzip

import pytest

from dictee.grading import correct
from dictee.grading.lexicon import DATA, load
from dictee.grading.numbers import join_numbers, number_value
from dictee.grading.scale import EXAMPLE, Scale, load_scale
from dictee.grading.tokens import fold, key, sketch, tokenize


def test_tokens_as_documented():
    assert tokenize("Écrivons-lui pour qu’il sache… a-t-il l' école ?!") == [
        "Écrivons", "-lui", "pour", "qu'", "il", "sache", "…", "a", "-t", "-il", "l'",
        "école", "?", "!"]
    assert tokenize("Aujourd’hui, presqu'île...") == ["Aujourd'hui", ",", "presqu'île", "…"]
    assert tokenize("e\u0301te\u0301\u00a0!\u00ad") == ["été", "!"]
    assert key("«") == key('"') == key("”") and key("–") == key("—")
    assert fold("Écrivons-lui") == "ecrivonslui" and fold("Œuvres") == "oeuvres"
    assert sketch("drapeau") == sketch("drapo") and sketch("notamment") == "notament"


@pytest.mark.parametrize(("expected", "written", "category"), [
    ("sa", "ca", "homophone"),  # a homophone without its cedilla
    ("été", "etait", "grammaire"),  # a form without its accents
    ("Écrivons", "Ecrivons", "accent"),  # capital and accent: one accent error
    ("pays", "pas", "usage"),  # close enough to be a misspelling
    ("elle part", "ell part", "usage"),  # close on the folded words (sketch « el » is short)
    ("des petits bouts", "des petts bouts", "usage"),
    ("il a été pris", "il a et pris", "mot"),  # another word, not « été » misspelt
    ("artiste", "enfant", "mot"),
    ("la", "l'a", "homophone"),  # split into two tokens
    ("il n'a", "il na", "ponctuation-majuscule"),  # « na » is too rare to be a homophone
    ("dans la rue", "dan la rue", "usage"),  # « d'an » is no word: a missing letter
    # nor is « j'ou »; the verb without its ending is a conjugation error (rule 4 of
    # docs/correction.md, after the blind labels of corpus-aveugle.yaml)
    ("il joue", "il jou", "grammaire"),
    ("Écrivons-lui !", "-lui !", "mot"),  # only « Écrivons » is missing: « -lui » is right
    ("Écrivons-lui !", "Écrivons -Lui !", "ponctuation-majuscule"),  # the capital only
    ("deux cents ans", "deux cent ans", "grammaire"),  # not the homophone « cent »
    ("deux cent trois ans", "deux cents trois ans", "grammaire"),  # cent invariable
    ("quatre-vingts ans", "quatre-vingt ans", "grammaire"),
    ("une grande veillée", "une grande veiller", "homophone"),  # the noun, not the verb
    ("elle fut arrêtée", "elle fut arrêter", "grammaire"),  # the participle
    ("il faut la porter", "il faut la porté", "grammaire"),  # « la »: a pronoun here
    ("Là-bas", "La-bas", "accent"),  # inside a compound word, not « la »
    ("À Hong Kong", "A Hong Kong", "accent"),  # the accent of a capital, not « a »
    ("Où est-il ?", "Ou est-il ?", "homophone"),  # « ou » and « où »
    ("ceux qu'on a perdus", "ceux qu'on a perdu", "grammaire"),
    ("à Pékin, Luis chante", "à Pékin, Lui chante", "usage"),  # a name, not « luire »
])
def test_one_example_per_rule(expected, written, category):
    errors = correct(expected, written).errors
    assert [e.category for e in errors] == [category]


def test_the_lexicon_file_is_sorted_attributed_and_loaded_once():
    with gzip.open(DATA, "rt", encoding="utf-8") as data:
        header = data.readline()
        forms = [line.split("\t", 1)[0] for line in data]
    assert "Lexique 3.83" in header and "CC BY-SA 4.0" in header
    assert forms == sorted(forms) and len(forms) > 100_000  # bisection needs the order
    assert load() is load()
    assert {"une", "un", "des"} <= load().forms_of("+un")


def test_the_documented_scale_example_is_the_default(tmp_path):
    path = tmp_path / "bareme.toml"
    path.write_text(EXAMPLE, encoding="utf-8")
    assert load_scale(path) == Scale.default()
    assert Scale.default().as_toml() == EXAMPLE


def test_the_lexicon_cache_gives_the_same_lexicon(tmp_path, monkeypatch):
    from dictee.grading.lexicon import _cached, _read, cache_file

    monkeypatch.setenv("DICTEE_CACHE", str(tmp_path))
    first = _cached(DATA)  # reads the data file, writes the cache
    assert cache_file() is not None and cache_file().is_file()
    second = _cached(DATA)  # from the cache
    assert second.state() == first.state() == _read(DATA).state()
    assert second.lemmas_of("étais") == first.lemmas_of("étais")
    cache_file().write_bytes(b"abime")  # a damaged cache is read past, then replaced
    assert _cached(DATA).state() == first.state()
    monkeypatch.setenv("DICTEE_CACHE", "")
    assert cache_file() is None


def test_the_word_table_cache_gives_the_same_table(tmp_path, monkeypatch):
    from dictee.grading import table as tables

    text = "Il connaît la flûte ; elle a été arrêtée."
    monkeypatch.setenv("DICTEE_CACHE", str(tmp_path))
    tables._build.cache_clear()
    built = tables.lexicon_table(text)  # computed, then kept
    assert list((tmp_path / "tables").glob("*.json"))
    tables._build.cache_clear()
    assert tables.lexicon_table(text) == built == tables._compute(text)
    tables._build.cache_clear()


def test_the_capped_preset_counts_the_first_fifteen_errors_and_says_it_is_a_choice():
    from dictee.grading.scale import preset, presets

    text = " ".join(f"mot{k}" for k in range(45)) + "."
    copy = " ".join(f"mot{k}" if k % 3 or k >= 30 else "chat" for k in range(45)) + "."
    result = correct(text, copy, preset("plafond-au-choix"))
    assert len(result.errors) == 10 and sum(result.counted.values()) == 10
    # 20 words of 45 replaced: a weak copy, still the dictation (more than one written
    # word in two answers the text: not « sans rapport »).
    copy = " ".join("chat" if k < 20 else f"mot{k}" for k in range(45)) + "."
    result = correct(text, copy, preset("plafond-au-choix"))
    assert len(result.errors) == 20 and sum(result.counted.values()) == 15
    assert result.note == 5
    assert "choix de l'enseignant" in presets()["plafond-au-choix"].title
    assert "Aucune source québécoise" in presets()["plafond-au-choix"].source


@pytest.mark.parametrize(("words", "value"), [
    ("deux mille vingt et un", 2021), ("deux-mille-vingt-et-un", 2021), ("dix-huit", 18),
    ("quatre-vingt-dix-sept", 97), ("quatre-vingts", 80), ("trente et un", 31),
    ("deux cents", 200), ("Onze", 11), ("cinqs", None), ("vingts", None), ("et un", None),
    ("deux milles", None)])
def test_a_number_written_in_words_has_its_value(words, value):
    assert number_value(words) == value


def test_a_number_in_words_for_the_digits_of_the_text_is_one_token():
    text = tokenize("En juillet 2021, il avait vingt-deux ans.")
    copy = tokenize("En juillet deux mille vingt et un, il avait vingt-deux ans.")
    assert join_numbers(copy, text)[2] == "deux mille vingt et un"
    assert join_numbers(copy, text)[6:8] == ["vingt", "-deux"]  # spelt in the text: left
    assert correct("En juillet 2021, il avait vingt-deux ans.",
                   "En juillet deux-mille-vingt-et-un, il avait vingt-deux ans.").errors == ()
    assert [(e.expected, e.written, e.category) for e in correct(
        "Il avait vingt-deux ans et cinq frères.", "Il avait 22 ans et 5 frères.").errors] \
        == [("vingt-deux", "22", "usage"), ("cinq", "5", "usage")]


def test_a_copy_ten_times_the_text_is_flagged_too_long_without_being_aligned():
    """Up to 10 × the text's words, a too-long copy keeps its errors (shown by --json,
    --csv, the page); from 10 ×, it is flagged at once, with none."""
    from dictee.grading.correction import ALIGNED_MAX_PERCENT, TOO_LONG

    assert ALIGNED_MAX_PERCENT == 1000
    twice = correct("Le chat dort.", "Le chat dort. Le chat dort.")
    assert twice.flag == TOO_LONG and len(twice.errors) == 4 and twice.note is None
    below = correct("Le chat dort.", "chat " * 29)
    assert below.flag == TOO_LONG and len(below.errors) >= 28  # aligned: 28 extra words
    at = correct("Le chat dort.", "chat " * 30)
    assert (at.flag, at.errors, at.note) == (TOO_LONG, (), None)
    assert correct("", "").flag == "copie vide"  # not too long: no words at all


def test_a_pasted_megabyte_costs_no_more_memory_than_reading_it():
    """A pupil or a teacher pastes a megabyte (the text over and over): « copie trop
    longue », and the peak memory of correcting it stays within 1.5 × that of cutting it
    into words (aligned, it was 3.7 × and 216 832 errors)."""
    import tracemalloc
    from pathlib import Path

    from dictee.content.loader import ContentRoot
    from dictee.grading.correction import TOO_LONG

    text = ContentRoot(Path(__file__).resolve().parents[2]).load(
        "luis-manuel").levels["primaire"].text
    copy = (text + "\n") * (1_000_000 // len(text.encode()) + 1)
    correct(text, "Le")  # the word table and lexicon, loaded once, are not the copy's cost
    tracemalloc.start()
    try:
        tokenize(copy)
        reading = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        correction = correct(text, copy)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(copy.encode()) >= 1_000_000
    assert (correction.flag, correction.errors, correction.note) == (TOO_LONG, (), None)
    assert peak <= 1.5 * reading, (peak, reading)
