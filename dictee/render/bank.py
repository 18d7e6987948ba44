"""The word bank (« Les mots de l'histoire ») as the offline pages show it.

The same bank as the class's student sheets (dictee/adapt/sheets.py `word_bank_context`,
from dictee/adapt/wordbank.py): the words on the board, the glossary's words with their
simpler explanation, and the grammar points' words in alphabetical order (a bank to
choose from, not the answers in the order of the text). Each board or glossary word
knows the first group that holds it: the page plays that group's clip (docs/interactif.md
says why not the word alone). The grammar words have no button: their group would tell
where each goes.
"""

from __future__ import annotations

from dictee.adapt.sheets import word_bank_context
from dictee.content.model import LevelText


def bank_context(level: LevelText, *, grammar: bool) -> dict:
    """`tableau`: names and other board words; `expliques`: the glossary's words and
    their explanation; `a_ecrire`: the grammar words, when `grammar` (the adapted page
    leaves them out: they are its blanks)."""
    bank = word_bank_context(level)
    return {
        "tableau": [{"mot": w["mot"], "groupe": w["groupe"]} for w in bank["noms"]],
        "expliques": [{"mot": w["mot"], "groupe": w["groupe"], "explication": w["definition"]}
                      for w in bank["mots_expliques"]],
        "a_ecrire": bank["mots_a_ecrire_abc"] if grammar else [],
    }
