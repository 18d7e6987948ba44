"""The 1990 reform's spellings are right by default, as in Quebec, and errors under a
teacher's stricter scale (orthographe_rectifiee = false)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dictee.grading import correct
from dictee.grading.lexicon import rectifications
from dictee.grading.scale import Scale
from dictee.grading.table import numeral_spellings
from dictee.grading.tokens import tokenize

STRICT = replace(Scale.default(), rectified=False)

# (expected text, the same with the other spelling): both ways round, one word each.
WORDS = [
    ("Il mange un oignon.", "Il mange un ognon."),
    ("Un nénuphar flotte.", "Un nénufar flotte."),
    ("Un événement rare.", "Un évènement rare."),
    ("Elle veut connaître la ville.", "Elle veut connaitre la ville."),
    ("Elle joue de la flûte.", "Elle joue de la flute."),
    ("Il connaît la route.", "Il connait la route."),
    ("Le chariot roule.", "Le charriot roule."),
    ("Il faut s'asseoir.", "Il faut s'assoir."),
    ("Des oignons frits.", "Des ognons frits."),
]
NUMERALS = [
    ("Il a vingt et un ans.", "Il a vingt-et-un ans."),
    ("Deux cents personnes.", "Deux-cents personnes."),
    ("Trente-deux mille personnes.", "Trente-deux-mille personnes."),
    ("Soixante et onze élèves.", "Soixante-et-onze élèves."),
    ("En deux mille vingt-deux.", "En deux-mille-vingt-deux."),
    ("Quatre cent trois jours.", "Quatre-cent-trois jours."),
]


@pytest.mark.parametrize(("traditional", "rectified"), WORDS + NUMERALS)
def test_a_rectified_spelling_is_right_by_default_and_wrong_when_strict(traditional, rectified):
    for expected, written in ((traditional, rectified), (rectified, traditional)):
        assert correct(expected, written).errors == (), (expected, written)
        strict = correct(expected, written, STRICT).errors
        assert strict, (expected, written)
        assert all(e.category != "mot" for e in strict)


def test_the_numeral_rule_joins_every_part_and_only_numerals():
    tokens = tokenize("vingt et un, deux cents, trente-deux mille, entre deux et trois, "
                      "un million")
    found = {tokens[i]: spelling for i, spelling in numeral_spellings(tokens).items()}
    assert found == {"et": "-et", "un": "-un", "cents": "-cents", "mille": "-mille"}


@pytest.mark.parametrize(("expected", "written"), [
    ("Il a vingt-deux ans.", "Il a vingt deux ans."),  # joined before the reform too
    ("Il a quatre-vingt-dix ans.", "Il a quatre vingt dix ans."),
    ("Entre deux et trois heures.", "Entre deux-et-trois heures."),  # not a numeral
])
def test_hyphens_tradition_also_requires_are_still_required(expected, written):
    errors = correct(expected, written).errors
    assert errors and all(e.category == "ponctuation-majuscule" for e in errors)


def test_the_list_holds_the_reform_forms_and_not_guesses():
    spellings = rectifications()
    for traditional, rectified in [("oignons", "ognons"), ("nénuphar", "nénufar"),
                                   ("interpellait", "interpelait"), ("asseoir", "assoir")]:
        assert rectified in spellings[traditional]
    # « il interpèle » takes a grave accent under the reform: « interpele » is not a word;
    # « asseyait » keeps its « e ».
    assert "interpelle" not in spellings and "asseyait" not in spellings
