"""The word bank (« Les mots de l'histoire ») as the offline pages show it.

The words and their kinds come from dictee/adapt/wordbank.py (one home); this module
only turns them into what templates/interactif-mots.html.j2 shows, for both pages:
each word typeset in French, with what explains it and the first group that holds it
(the page plays that group's clip: docs/interactif.md says why not the word alone).
"""

from __future__ import annotations

from dictee.adapt.sheets import EXPLANATIONS
from dictee.adapt.wordbank import GLOSSARY, GRAMMAR, word_bank
from dictee.content.model import LevelText
from dictee.content.typography import french


def bank_context(level: LevelText, *, grammar: bool) -> dict:
    """`mots`: names, board words, then the glossary (each with its explanation);
    `regles`: the grammar points' words under their rule, when `grammar` (the adapted
    page leaves them out: they are its blanks). A word is played from the clip of its
    `groupe` (the page's script finds it on the group's button)."""
    words: list[dict] = []
    rules: dict[str, list[dict]] = {}
    for entry in word_bank(level):
        if entry.kind == GRAMMAR and not grammar:
            continue
        shown = {"mot": french(entry.word), "groupe": entry.group}
        if entry.kind == GRAMMAR:
            rules.setdefault(entry.rule or "", []).append(shown)
            continue
        shown["explication"] = french(entry.definition or "") if entry.kind == GLOSSARY \
            else EXPLANATIONS[entry.kind]
        words.append(shown)
    return {"mots": words,
            "regles": [{"regle": french(rule), "mots": found} for rule, found in rules.items()]}
