"""Correct pupils' copies of a dictation like a careful teacher.

    from dictee.grading import correct, lexicon_table
    correct(expected_text, copy_text).as_json("copie.txt")

tokens.py (what is a token, what is not an error), lexicon.py (Lexique 3.83),
table.py (the per-text word table shared with the browser version), classify.py
(categories and costs), alignment.py (which written token answers which expected
one), scale.py (the barème), correction.py (putting it together), copies.py
(reading the pupils' files). The rules are in docs/correction.md.
"""

from dictee.grading.classify import CATEGORIES
from dictee.grading.correction import Correction, Error, correct
from dictee.grading.scale import Scale, load_scale
from dictee.grading.table import lexicon_table

__all__ = ["CATEGORIES", "Correction", "Error", "Scale", "correct", "lexicon_table",
           "load_scale"]
