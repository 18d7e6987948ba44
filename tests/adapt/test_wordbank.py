"""The word bank: names, glossary words explained simply, grammar words, each with its group."""

from __future__ import annotations

import pytest

from dictee.adapt.wordbank import BOARD, GLOSSARY, GRAMMAR, NAME, harder_words, word_bank
from dictee.content.model import GlossaryEntry
from tests.adapt.conftest import SHIPPED, shipped


@pytest.mark.parametrize("slug, level", SHIPPED)
def test_bank_holds_the_hard_words_once_each_with_its_group(slug, level):
    text = shipped(slug, level)
    bank = word_bank(text)
    words = [b.word.lower() for b in bank]
    assert len(words) == len(set(words))
    expected = {w.lower() for w in text.meta.tableau} | {
        g.mot.lower() for g in text.meta.glossaire} | {
        w.lower() for p in text.meta.grammaire for w in p.words}
    # A grammar point's words side by side in the text are one expression (« rose vif »).
    found = {w for b in bank for w in (b.word.lower().split() if b.kind == GRAMMAR
                                      and b.word.lower() not in expected else [b.word.lower()])}
    assert found == expected
    for entry in bank:
        assert entry.group is not None
        group = text.groups[entry.group - 1].text.lower()
        assert entry.word.lower() in group.replace("’", "'"), (entry.word, group)
        if entry.kind == GLOSSARY:
            assert entry.definition
        if entry.kind == GRAMMAR:
            assert entry.rule in [p.point for p in text.meta.grammaire]
    kinds = [b.kind for b in bank]
    assert kinds == sorted(kinds, key=[NAME, BOARD, GLOSSARY, GRAMMAR].index)


def test_board_word_in_lower_case_is_not_a_name():
    bank = word_bank(shipped("luis-manuel", "secondaire"))
    assert next(b for b in bank if b.word == "artiviste").kind == BOARD
    assert next(b for b in bank if b.word == "La Havane").kind == NAME


@pytest.mark.parametrize("slug, level", SHIPPED)
def test_shipped_definitions_use_easier_words(slug, level):
    assert all(not harder_words(g) for g in shipped(slug, level).meta.glossaire)


def test_a_rare_word_in_a_definition_is_found():
    entry = GlossaryEntry(mot="condamné", definition="Puni par une juridiction, qui a décidé "
                                                     "d'une peine.")
    found = harder_words(entry)
    assert [h.word for h in found] == ["juridiction"]
    assert found[0].frequency * 2 < found[0].explained


def test_quoted_words_names_and_own_forms_are_not_measured():
    entry = GlossaryEntry(mot="victimes", definition="Personnes qui ont subi un malheur à "
                                                     "Artemisa ; on dit aussi « sinistrés ».")
    assert harder_words(entry) == []
    assert [h.word for h in harder_words(GlossaryEntry(
        mot="victimes", definition="Personnes sinistrées."))] == ["sinistrées"]
    assert harder_words(GlossaryEntry(mot="victimes", definition="La victime a souffert.")) == []


def test_words_side_by_side_are_one_expression():
    """« rose vif » is learnt whole: not « rose » and « vif » as if two words to learn."""
    primaire = [b.word for b in word_bank(shipped("luis-manuel", "primaire"))
                if b.kind == GRAMMAR]
    assert "rose vif" in primaire and "rose" not in primaire and "vif" not in primaire
    assert "porter" in primaire and "porté" in primaire  # apart in the text: apart here
    secondaire = [b.word for b in word_bank(shipped("luis-manuel", "secondaire"))]
    assert "avait porté" in secondaire
