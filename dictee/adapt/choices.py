"""A choice to tick instead of a word to write: the right word and one real homophone.

« ☐ a  ☐ à », « ☐ ses  ☐ ces »: both options are single words Lexique knows, with
the same transcription in Lexique (é and è counted as one sound, as school teaches
« et / est »; no other merge, so « de » is not offered for « deux »), that are not
forms of one another (« arrêté » / « arrêtée » is an agreement to write, not a
homophone to choose). A wrong tick is therefore graded « homophone » by
`dictee corriger`. Nothing is ever made up: the other option is a written form found
in the lexicon, frequent enough for pupils to know it.
"""

from __future__ import annotations

from functools import lru_cache

from dictee.grading.lexicon import Lexicon, load
from dictee.grading.tokens import lookup

# A homophone is offered only if pupils meet it often: occurrences per million words.
CHOICE_FREQUENCY = 100
# Interjections are frequent in Lexique's film subtitles but make silly options
# (« aux / oh », « a / ah »): never offered.
INTERJECTIONS = frozenset({"ah", "oh", "eh", "hé", "ha", "ho", "hein", "euh", "hum", "bah",
                           "hep", "ô", "aïe"})

# The homophones taught in school, in the pair teachers use. Only these become choices:
# Lexique also knows « aux / eau » or « dans / dents », which are homophones but make
# silly options. Each pair is still checked against the lexicon (choice_for): a pair
# whose words do not sound alike there, or one of which is rare, is never offered.
CLASSIC_PAIRS: dict[str, str] = {}
for _first, _second in (("a", "à"), ("et", "est"), ("son", "sont"), ("on", "ont"),
                        ("ou", "où"), ("ses", "ces"), ("ce", "se"), ("la", "là"),
                        ("sa", "ça"), ("mes", "mais"), ("peu", "peut"), ("quand", "quant"),
                        ("sur", "sûr"), ("des", "dès"), ("du", "dû"), ("nom", "non"),
                        ("an", "en"), ("ans", "en"), ("mois", "moi"), ("vingt", "vin"),
                        ("cent", "sang"), ("sans", "sang"), ("prix", "pris"),
                        ("près", "prêt"), ("vers", "verre"), ("fin", "faim"),
                        ("mer", "mère"), ("voix", "voie"), ("pain", "pin"),
                        ("tant", "temps"), ("champ", "chant")):
    CLASSIC_PAIRS.setdefault(_first, _second)
    CLASSIC_PAIRS.setdefault(_second, _first)

# Lexique writes è and é apart (E, e); pupils are taught « et / est » as homophones.
_SCHOOL_SOUND = str.maketrans({"E": "e"})


def _school_sounds(lexicon: Lexicon, form: str) -> set[str]:
    return {s.translate(_SCHOOL_SOUND) for s in lexicon.exact_sounds_of(form)}


def _cased_like(form: str, model: str) -> str:
    """`form` with the capital of `model` (« À » beside « A » at a sentence start)."""
    return form[:1].upper() + form[1:] if model[:1].isupper() else form


def homophones(lexicon: Lexicon, word: str, *, exact: bool = True) -> list[str]:
    """Frequent single-word homophones of `word` that are not forms of it, most
    frequent first (ties: alphabetical), lower case as Lexique writes them. With
    `exact`, the transcriptions must match (é = è); without, the sounds `dictee corriger`
    merges are enough."""
    form = lookup(word)
    lemmas = lexicon.lemmas_of(form)
    if not lemmas:
        return []
    own_forms = set().union(*(lexicon.forms_of(lemma) for lemma in lemmas))
    own_sounds = _school_sounds(lexicon, form)
    found = set()
    for sound in lexicon.sounds_of(form):
        for other in lexicon.spellings_of(sound):
            if other == form or other in own_forms or "'" in other or other in INTERJECTIONS:
                continue
            if lexicon.lemmas_of(other) & lemmas:
                continue
            if lexicon.frequency_of(other) < CHOICE_FREQUENCY:
                continue
            if not exact or own_sounds & _school_sounds(lexicon, other):
                found.add(other)
    return sorted(found, key=lambda o: (-lexicon.frequency_of(o), o))


@lru_cache(maxsize=4096)
def choice_for(word: str) -> tuple[str, ...] | None:
    """The two options of a choice for `word` (one token), in alphabetical order so
    that the right one is not always first; None when it is not one of a school pair.

    The pair must be homophones for `dictee corriger` (Lexique writes « ce » and « se »
    with different vowels, which the correction merges), the other word frequent, and
    not a form of the same word."""
    form = lookup(word)
    other = CLASSIC_PAIRS.get(form)
    if other is None or other not in homophones(load(), word, exact=False):
        return None
    options = {word, _cased_like(other, word)}
    return tuple(sorted(options, key=lambda o: (lookup(o), o)))
