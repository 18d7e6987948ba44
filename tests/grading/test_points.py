"""Errors are attached to the guide's grammar points by the kind of rule each point
teaches, not only through the words the point lists (the class report's column)."""

from __future__ import annotations

import pytest

from dictee.grading import correct
from dictee.grading.points import point_of
from dictee.grading.table import table_for

TEXT = ("Elle est partie hier soir. Ils ont mangé des pommes. Il marchait pour oublier. "
        "Ce soir, en 2021, elle est arrivée à vingt-deux heures.")
ETRE = "Le participe passé employé avec « être » s'accorde avec le sujet."
AVOIR = "Le participe passé employé avec « avoir » ne s'accorde pas avec le sujet."
IMPARFAIT = "L'imparfait décrit une action qui dure dans le passé."
INFINITIF = "Après une préposition (de, pour), le verbe se met à l'infinitif."
NOMBRES = "Les adjectifs numéraux cardinaux sont invariables."
CE_SE = "« Ce » (déterminant) devant un nom, « se » (pronom) devant un verbe."
POINTS = [(ETRE, ("arrivée",)), (AVOIR, ()), (IMPARFAIT, ()), (INFINITIF, ()),
          (NOMBRES, ()), (CE_SE, ())]


@pytest.mark.parametrize(("before", "after", "point"), [
    ("est partie", "est parti", ETRE),  # not listed: a participle after « être »
    ("est arrivée", "est arrivé", ETRE),  # listed
    ("ont mangé", "ont mangés", AVOIR),
    ("Il marchait", "Il marchais", IMPARFAIT),
    ("pour oublier", "pour oublié", INFINITIF),
    ("en 2021", "en 2021s", NOMBRES),
    ("Ce soir", "Se soir", CE_SE),
    ("est arrivée", "est arivée", ""),  # the listed word misspelt: its spelling, not the rule
    ("des pommes", "des pomme", ""),  # no point of the guide on the plural of nouns
])
def test_an_error_belongs_to_the_point_that_teaches_its_rule(before, after, point):
    copy = TEXT.replace(before, after)
    errors = correct(TEXT, copy).errors
    assert len(errors) == 1, errors
    error = errors[0]
    found = point_of(POINTS, table_for(TEXT), error.position, error.expected, error.written,
                     error.category)
    assert found == point
