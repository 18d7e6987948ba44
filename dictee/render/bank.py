"""The word bank (« Les mots de l'histoire ») as the offline pages show it.

The words and their kinds come from dictee/adapt/wordbank.py (one home); this module
only turns them into what templates/interactif-mots.html.j2 shows, for both pages:
each word typeset in French, with what explains it and the first group that holds it
(the page plays that group's clip: docs/interactif.md says why not the word alone).
"""

from __future__ import annotations

from dictee.adapt.wordbank import GLOSSARY, GRAMMAR, word_bank
from dictee.content.model import LevelText
from dictee.content.typography import french


def bank_context(level: LevelText, *, grammar: bool) -> dict:
    """`tableau`: the names and other words on the board; `expliques`: the glossary's
    words with their simpler explanation; `regles`: the grammar points' words under
    their rule, when `grammar` (the adapted page leaves them out: they are its blanks).
    Each word is played from the clip of its `groupe` (the page's script finds it on
    the group's button)."""
    board: list[dict] = []
    explained: list[dict] = []
    rules: dict[str, list[dict]] = {}
    for entry in word_bank(level):
        shown = {"mot": french(entry.word), "groupe": entry.group}
        if entry.kind == GLOSSARY:
            explained.append({**shown, "explication": french(entry.definition or "")})
        elif entry.kind == GRAMMAR:
            if grammar:
                rules.setdefault(entry.rule or "", []).append(shown)
        else:
            board.append(shown)
    return {"tableau": board, "expliques": explained,
            "regles": [{"regle": french(rule), "mots": found} for rule, found in rules.items()]}
