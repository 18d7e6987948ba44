"""The shared vectors are up to date, and Python gives exactly their verdicts."""

from __future__ import annotations

import json
from types import MappingProxyType

import pytest

from dictee.grading import Scale, correct, lexicon_table
from dictee.grading.others import OtherText, follow_other_texts
from dictee.grading.tokens import tokenize

from .vectors import FOLDER, dump, vectors

FILES = sorted(FOLDER.glob("*.json"))


def _scale(data) -> Scale:
    return Scale(MappingProxyType({c: round(w * 100) for c, w in data["poids"].items()}),
                 round(data["sur"] * 100), data["repetition"], data["plafond"])


def test_the_vectors_are_generated_from_the_current_corpus_and_rules():
    expected = vectors()
    assert sorted(p.name for p in FILES) == sorted(expected)
    for path in FILES:
        assert path.read_text(encoding="utf-8") == dump(expected[path.name]), (
            f"{path.name} n'est plus à jour : python -m tests.grading.vectors")


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_python_gives_the_verdicts_of_the_vectors(path):
    vector = json.loads(path.read_text(encoding="utf-8"))
    assert lexicon_table(vector["texte"]) == vector["table"]
    scale = _scale(vector["bareme"])
    others = [OtherText(o["cas"], o["niveau"], o["texte"], o["cas"] == vector["cas"])
              for o in vector.get("autres", [])]
    for o in vector.get("autres", []):
        assert lexicon_table(o["texte"]) == o["table"]
    for entry in vector["copies"]:
        correction = correct(vector["texte"], entry["copie"], scale)
        if others:
            correction = follow_other_texts([tokenize(entry["copie"])], [correction],
                                            lambda: others, scale)[0]
        verdict = correction.as_json(entry["nom"])
        del verdict["copie"]
        assert verdict == entry["attendu"], entry["nom"]
