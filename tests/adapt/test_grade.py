"""Grading the adapted sheet: only the blanks count, as dictee corriger counts them."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from dictee.adapt.blanks import adapt
from dictee.adapt.grade import filled_tokens, grade
from dictee.adapt.layout import spell
from dictee.grading import Scale, correct
from dictee.grading.classify import CATEGORIES
from tests.adapt.conftest import SHIPPED, shipped


@pytest.mark.parametrize("slug, level", SHIPPED)
def test_right_answers_get_the_full_mark(slug, level):
    text = shipped(slug, level)
    adapted = adapt(text)
    result = grade(adapted, text.text, [b.answer for b in adapted.blanks])
    assert result.correction.errors == () and result.correction.note == 20
    assert result.right == len(adapted.blanks)


def test_each_wrong_answer_is_an_error_of_its_blank_with_corriger_categories():
    text = shipped("luis-manuel", "primaire")
    adapted = adapt(text)
    answers = [b.answer for b in adapted.blanks]
    by_answer = {b.answer: i for i, b in enumerate(adapted.blanks)}
    wrong = {by_answer["porter"]: "porté",  # grammaire: another form
             by_answer["ses"]: "ces",  # homophone: the other box ticked
             by_answer["vif"]: "",  # mot: left empty
             by_answer["rose"]: "roze",  # usage
             by_answer["était"]: "etait"}  # accent
    for index, answer in wrong.items():
        answers[index] = answer
    result = grade(adapted, text.text, answers)
    got = {i: [e.category for e in errors] for i, errors in enumerate(result.by_blank) if errors}
    assert got == {by_answer["porter"]: ["grammaire"], by_answer["ses"]: ["homophone"],
                   by_answer["vif"]: ["mot"], by_answer["rose"]: ["usage"],
                   by_answer["était"]: ["accent"]}
    assert result.right == len(adapted.blanks) - 5
    # The same errors, counted and weighted, as dictee corriger on the whole copy.
    whole = correct(text.text, spell(filled_tokens(adapted, answers)))
    assert result.correction.counts == whole.counts
    assert result.correction.note == 20 - 4.5  # four errors of 1, an accent of ½


def test_scale_is_the_teachers():
    text = shipped("sasha", "primaire")
    adapted = adapt(text)
    answers = [b.answer for b in adapted.blanks]
    answers[0] = ""
    weights = MappingProxyType(dict.fromkeys(CATEGORIES, 250))
    result = grade(adapted, text.text, answers, Scale(weights, 1000))
    assert result.correction.note == 7.5 and result.correction.total == 10
    data = result.as_json("copie")
    assert data["trous"] == len(adapted.blanks) and data["trous_justes"] == len(answers) - 1
    assert data["par_categorie"]["mot"] == 1


def test_extra_words_belong_to_their_blank():
    text = shipped("dorgelesse", "primaire")
    adapted = adapt(text)
    answers = [b.answer for b in adapted.blanks]
    answers[2] = answers[2] + " bien"
    result = grade(adapted, text.text, answers)
    assert [len(e) for e in result.by_blank] == [0, 0, 1] + [0] * (len(answers) - 3)
    assert result.by_blank[2][0].written == "bien"


def test_answers_must_match_the_blanks():
    text = shipped("sasha", "primaire")
    with pytest.raises(ValueError):
        grade(adapt(text), text.text, ["a"])
