"""Versions of the dictation for every pupil, derived from the same text and recording.

layout.py (where each token sits in its group, as printed), choices.py (a real
homophone to tick beside the right word), blanks.py (which words the adapted sheet
leaves to write: the rule and its ratio), grade.py (grading only those words, with
dictee corriger), daily.py (the « phrases du jour » of the week before),
wordbank.py (the words of the story, explained), checks.py (what `dictee verifier`
says about all this). The rules are documented in docs/amenagements.md.
"""
