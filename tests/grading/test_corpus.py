"""The tool agrees with a teacher on the hand-labelled copies of the four cases (a few
known disagreements are marked with their reason and expected to fail)."""

from __future__ import annotations

from collections import Counter

import pytest

from dictee.grading import CATEGORIES

from .corpus import corpus, judge

COPIES = corpus()


def _case(labelled):
    marks = [pytest.mark.xfail(reason=labelled.disagreement, strict=True)] \
        if labelled.disagreement else []
    return pytest.param(labelled, id=labelled.name, marks=marks)


@pytest.mark.parametrize("labelled", [_case(c) for c in COPIES])
def test_the_tool_agrees_with_the_teacher(labelled):
    result = judge(labelled)  # with the other texts at hand, as `dictee corriger --cas`
    found = [(e.expected, e.written, e.category) for e in result.errors]
    if labelled.errors is not None:
        assert found == labelled.errors
    assert result.flag == labelled.flag
    assert (result.stop.sentence if result.stop else None) == labelled.sentence
    followed = f"{result.followed.case}/{result.followed.level}" if result.followed else None
    assert followed == labelled.other


def test_the_corpus_is_broad_enough():
    """At least 40 copies, both levels, every category many times, mixed copies."""
    assert len(COPIES) >= 90
    assert {c.case for c in COPIES} == {"luis-manuel", "sasha", "chow-hang-tung", "dorgelesse"}
    assert sum(1 for c in COPIES if c.disagreement) <= 5  # known, each with its reason
    assert {c.level for c in COPIES} == {"primaire", "secondaire"}
    per_category = Counter(e[2] for c in COPIES if c.errors and len(c.errors) < 50
                           for e in c.errors)
    assert all(per_category[category] >= 8 for category in CATEGORIES), per_category
    mixed = [c for c in COPIES if len({e[2] for e in c.errors or ()}) >= 4]
    assert len(mixed) >= 6
    assert any(not c.copy for c in COPIES)  # an empty copy
    flags = {c.flag for c in COPIES}
    assert {"copie vide", "copie incomplète", "copie trop longue",
            "copie sans rapport avec le texte"} <= flags
    assert any(len(c.copy) > 2 * len(c.expected_text) for c in COPIES)  # a very long one
    assert sum(1 for c in COPIES if not c.errors and c.copy != c.expected_text) >= 3
