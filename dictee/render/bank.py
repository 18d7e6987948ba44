"""The word bank (« Les mots de l'histoire ») as the offline pages show it.

The words and their kinds come from dictee/adapt/wordbank.py (one home); this module
only turns them into what templates/interactif-mots.html.j2 shows, for both pages:
each word typeset in French, with what explains it and what plays it (the clip of the
first group that holds it, and where a word's own time in that clip is known, the slice
to play: see dictee/audio/words.py).
"""

from __future__ import annotations

from dictee.adapt.sheets import EXPLANATIONS
from dictee.adapt.wordbank import GLOSSARY, GRAMMAR, word_bank
from dictee.content.model import LevelText
from dictee.content.typography import french

# Where a bank word sits in its group's clip, in seconds from the clip's start:
# (start, end), or None when the page plays the whole group.
Slice = tuple[float, float] | None


def bank_context(level: LevelText, *, grammar: bool,
                 slices: dict[str, Slice] | None = None) -> dict:
    """`mots`: names, board words, then the glossary (each with its explanation);
    `regles`: the grammar points' words under their rule, when `grammar` (the adapted
    page leaves them out: they are its blanks). A word is played from the clip of its
    `groupe` (the page's script finds it on the group's button); `slices[word]`: where
    to play the word inside that clip."""
    words: list[dict] = []
    rules: dict[str, list[dict]] = {}
    for number, entry in enumerate(word_bank(level)):
        if entry.kind == GRAMMAR and not grammar:
            continue
        where = (slices or {}).get(entry.word)
        shown = {
            "numero": number,
            "mot": french(entry.word),
            "groupe": entry.group,
            "debut": f"{where[0]:.2f}" if where else "",
            "fin": f"{where[1]:.2f}" if where else "",
        }
        if entry.kind == GRAMMAR:
            rules.setdefault(entry.rule or "", []).append(shown)
            continue
        shown["explication"] = french(entry.definition or "") if entry.kind == GLOSSARY \
            else EXPLANATIONS[entry.kind]
        words.append(shown)
    return {"mots": words,
            "regles": [{"regle": french(rule), "mots": found} for rule, found in rules.items()]}
