"""The per-text word table: everything the classifier knows about the expected words.

It is computed from the expected text only, so the offline page can carry it
instead of a whole lexicon, and both implementations classify through it:

    forms(i)  = ⋃ lemmes[l] for l in mots[i].lemmes      (→ grammaire)
    sounds(i) = ⋃ sons[s] for s in mots[i].sons          (→ homophone, if not a form)
    pair(i)   = ⋃ sons[s] for s in paires[i].sons        (elided word i and word i+1)

The JSON shape is documented in docs/correction.md.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from dictee.archive import atomic_path
from dictee.grading.lexicon import (
    RECTIFICATIONS,
    SOURCE,
    Lexicon,
    cache_folder,
    data_digest,
    load,
    rectifications,
)
from dictee.grading.numbers import NUMERALS
from dictee.grading.tokens import fold, is_word, lookup, single, strip_accents, tokenize
from dictee.grading.tokens import stems as stems_of

FORMAT = "dictee-corriger/1"
# What the table is computed with, besides the data files: a new rule in _compute()
# (not a new format) starts a new cache entry.
RULES = "10"

# The 1990 reform joins every part of a compound numeral with hyphens (« vingt-et-un »,
# « deux-cents », « trente-deux-mille »); traditionally only the parts below a hundred
# are joined, without « et » (« vingt-deux », « quatre-vingt-dix », « vingt et un »,
# « deux cents »). « million » and « milliard » are nouns: the reform leaves them apart.
_NOT_JOINED_BEFORE_REFORM = frozenset(("cent", "cents", "mille", "et"))
# « et » is part of a numeral only in « vingt et un » … « soixante et onze ».
_TENS_WITH_ET = frozenset(("vingt", "trente", "quarante", "cinquante", "soixante"))
_AFTER_ET = frozenset(("un", "une", "onze"))


# Lexique lists the names of the letters (« o », « i », « u », « k »…): « o » for « au »
# is a spelling of the sound, not another word. The one-letter words that are words.
ONE_LETTER_WORDS = frozenset(("a", "à", "y"))


def _entry(lexicon: Lexicon, form: str) -> tuple[set[str], set[str]]:
    return lexicon.lemmas_of(form), lexicon.sounds_of(form)


def _cached_table(text: str) -> Path | None:
    """Where the word table of `text` is kept between runs: a class graded twice, or a
    kit built after a correction, does not load the lexicon again. The name carries the
    text, the data files and the table format."""
    folder = cache_folder()
    if folder is None:
        return None
    key = hashlib.sha256("\n".join((FORMAT, RULES, data_digest(), data_digest(RECTIFICATIONS),
                                    text)).encode()).hexdigest()[:32]
    return folder / "tables" / f"{key}.json"


@lru_cache(maxsize=16)
def _build(text: str) -> dict[str, Any]:
    """The word table of `text`: from the cache when it is there, else from the lexicon
    (and then kept in the cache)."""
    cached = _cached_table(text)
    if cached is not None:
        try:
            data = json.loads(cached.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT:
                return data
        except (OSError, ValueError):
            pass  # not there yet, or damaged: build it again
    data = _compute(text)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(cached) as temporary:
                temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # a read-only home: the next run builds it again
    return data


# A word that is both a noun (or adjective) and a form of a verb (« veillée », « arrêté »)
# is read as the noun right after a determiner, or after a determiner and one of the
# adjectives French usually puts before the noun (« une grande veillée »): then another
# form of the verb (« veiller ») is a homophone of the noun, not an agreement error. A
# determiner that follows a subject pronoun or « ne » is an object pronoun (« il la
# porte »), and the word after it a verb.
DETERMINERS = frozenset((
    "le", "la", "les", "l'", "un", "une", "des", "du", "au", "aux", "ce", "cet", "cette",
    "ces", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos",
    "votre", "vos", "leur", "leurs", "chaque", "quelques", "plusieurs"))
_BEFORE_OBJECT_PRONOUN = frozenset((
    "je", "j'", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "ne", "n'"))
_OBJECT_PRONOUNS = frozenset(("le", "la", "les", "l'", "leur"))
PRENOMINAL_ADJECTIVES = frozenset((
    "grand", "petit", "bon", "beau", "bel", "nouveau", "nouvel", "vieux", "vieil", "jeune",
    "long", "gros", "premier", "dernier", "deuxième", "autre", "même", "seul", "vrai",
    "mauvais", "joli", "haut", "simple", "immense", "grave", "gentil", "meilleur",
    "prochain", "ancien", "certain", "pauvre", "cher", "faux", "court", "énorme", "double"))


def _noun_position(tokens: list[str], index: int, lexicon: Lexicon) -> bool:
    """Token `index` comes where a noun comes: after a determiner, or after a determiner
    and a prenominal adjective (any form of one), the determiner not being an object
    pronoun."""
    def determiner(at: int) -> bool:
        return (at >= 0 and lookup(tokens[at]) in DETERMINERS
                and (at == 0 or lookup(tokens[at - 1]) not in _BEFORE_OBJECT_PRONOUN))

    if determiner(index - 1):
        # « pour la porter », « il faut les aider »: « le », « la », « les », « l' »,
        # « leur » before an infinitive are object pronouns.
        word = lookup(tokens[index])
        return not (lookup(tokens[index - 1]) in _OBJECT_PRONOUNS and word in lexicon.verbs)
    if index < 2 or not is_word(tokens[index - 1]):
        return False
    adjective = lookup(tokens[index - 1])
    return determiner(index - 2) and (adjective in PRENOMINAL_ADJECTIVES or any(
        lemma in PRENOMINAL_ADJECTIVES for lemma in lexicon.lemmas_of(adjective)))


def _read_as_noun(lemmas: set[str], form: str, lexicon: Lexicon) -> set[str]:
    """The lemmas of a word in noun position: without its verbs, if it is also a form of
    a lemma that is not a verb (« veillée » of « veillée », not only of « veiller »)."""
    nouns = {lemma for lemma in lemmas if lemma not in lexicon.verbs
             and form in lexicon.forms_of(lemma)}
    return nouns if nouns and len(nouns) < len(lemmas) else lemmas


_SENTENCE_ENDS = frozenset(".!?\u2026")


def names(tokens: list[str]) -> frozenset[str]:
    """The words the text writes with a capital in mid-sentence (« Luis », « Havane »,
    « Amnistie »): names, wherever they occur. A name is not a form of a common word
    (« Luis » is not « je luis » of « luire »), nor its homophone: a name misspelt is a
    misspelling (usage), its capital left out a capital. The function words of a name
    (« La » of « La Havane ») stay words (_compute)."""
    found = set()
    start = True
    for token in tokens:
        if not is_word(token):
            start = start or token in _SENTENCE_ENDS
            continue
        if not start and token.lstrip("-")[:1].isupper():
            found.add(token.lstrip("-"))
        start = False
    return frozenset(found)


def _numeral_part(tokens: list[str], index: int) -> bool:
    """Token `index` is a word of a compound numeral: a numeral word, or the « et » of
    « vingt et un » (written « et » or « -et »)."""
    if index < 0 or index >= len(tokens) or not is_word(tokens[index]):
        return False
    word = lookup(tokens[index])
    if word != "et":
        return word in NUMERALS
    return (index + 1 < len(tokens) and lookup(tokens[index - 1]) in _TENS_WITH_ET
            and lookup(tokens[index + 1]) in _AFTER_ET)


def numeral_spellings(tokens: list[str]) -> dict[int, str]:
    """The other spelling of each token of a compound numeral under the 1990 reform,
    as a rule rather than a list: « -et », « -un », « -cents », « -mille » for « et »,
    « un », « cents », « mille » after another part of the numeral; and, for a text
    written with the reform's hyphens, the traditional token without its hyphen where
    tradition puts none (« cents » for « -cents »), never where it does (« -deux » of
    « vingt-deux » stays)."""
    found: dict[int, str] = {}
    for index, token in enumerate(tokens):
        if not (_numeral_part(tokens, index) and _numeral_part(tokens, index - 1)):
            continue
        if not token.startswith("-"):
            found[index] = "-" + token
        elif {lookup(token), lookup(tokens[index - 1])} & _NOT_JOINED_BEFORE_REFORM:
            found[index] = token[1:]
    return found


def _compute(text: str) -> dict[str, Any]:
    lexicon = load()
    tokens = tokenize(text)
    words: list[dict[str, list[str]] | None] = []
    pairs: dict[str, dict[str, list[str]]] = {}
    lemma_forms: dict[str, list[str]] = {}
    sound_forms: dict[str, list[str]] = {}

    def need_sound(phon: str) -> None:
        if phon not in sound_forms:
            sound_forms[phon] = sorted(f for f in lexicon.spellings_of(phon)
                                       if len(f) > 1 or f in ONE_LETTER_WORDS)

    rectified: dict[str, list[str]] = {}
    spellings = rectifications()
    numerals = numeral_spellings(tokens)
    proper = names(tokens)
    for index, token in enumerate(tokens):
        if not is_word(token):
            words.append(None)
            continue
        variants = spellings.get(token.lower().lstrip("-"))
        if variants:  # the other spelling of the 1990 reform, capitalised as the word is
            hyphen = "-" if token.startswith("-") else ""
            rectified[str(index)] = sorted(
                hyphen + (v[:1].upper() + v[1:] if token.lstrip("-")[:1].isupper() else v)
                for v in variants)
        if index in numerals:
            rectified[str(index)] = sorted({*rectified.get(str(index), ()), numerals[index]})
        lemmas, phons = _entry(lexicon, lookup(token))
        if token.lstrip("-") in proper and not any(lemma.startswith("+") for lemma in lemmas):
            lemmas, phons = set(), set()  # a name, but « La » of « La Havane » is « la »
        elif _noun_position(tokens, index, lexicon):
            lemmas = _read_as_noun(lemmas, lookup(token), lexicon)
        for lemma in lemmas:
            if lemma not in lemma_forms:
                lemma_forms[lemma] = sorted(lexicon.forms_of(lemma))
        for phon in phons:
            need_sound(phon)
        words.append({"lemmes": sorted(lemmas), "sons": sorted(phons)})
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token.endswith("'") and following and is_word(following) \
                and not following.startswith("-"):
            head = _entry(lexicon, lookup(token))[1]
            tail = _entry(lexicon, lookup(following))[1]
            joined = sorted({h + t for h in head for t in tail})
            for phon in joined:
                need_sound(phon)
            if joined:
                pairs[str(index)] = {"sons": joined}
    return {
        "format": FORMAT,
        "source": SOURCE,
        "jetons": tokens,
        "mots": words,
        "paires": pairs,
        "lemmes": dict(sorted(lemma_forms.items())),
        "verbes": sorted(lemma for lemma in lemma_forms if lemma in lexicon.verbs),
        "sons": dict(sorted(sound_forms.items())),
        "rectifiees": rectified,
    }


def lexicon_table(text: str) -> dict[str, Any]:
    """The word table of `text` as JSON-able data (a fresh copy each call)."""
    import copy

    return copy.deepcopy(_build(text))


def in_compound(tokens: tuple[str, ...] | list[str], index: int) -> bool:
    """Token `index` is a word of a hyphenated word: « Là » and « -bas » of « Là-bas »."""
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    return is_word(token) and (token.startswith("-") or (
        following.startswith("-") and is_word(following)))


def accent_only(tokens: tuple[str, ...] | list[str], index: int) -> bool:
    """Token `index` is a word that the same letters without accents can only be a
    misspelling of, not a homophone: a word of a hyphenated word (« La-bas » for
    « Là-bas », « jour-la »), or a word whose capital carries the accent (« A Hong
    Kong » for « À Hong Kong »: the verb « a » cannot start the sentence)."""
    first = tokens[index].lstrip("-")[:1]
    return in_compound(tokens, index) or (first.isupper() and strip_accents(first) != first)


@dataclass(frozen=True)
class Table:
    """A word table ready for lookups; built only from the JSON-able data."""

    tokens: tuple[str, ...]
    lookups: tuple[str, ...]
    forms: tuple[frozenset[str], ...]
    sounds: tuple[frozenset[str], ...]
    pairs: Mapping[int, frozenset[str]]
    folds: tuple[str, ...]
    folded_forms: tuple[frozenset[str], ...]  # fold() of forms, but not of the word
    folded_sounds: tuple[frozenset[str], ...]  # fold() of homophones, but not of the word
    stems: tuple[frozenset[str], ...]  # stems(fold()) of a verb form, empty otherwise
    # The word's other spelling under the 1990 reform (not an error), as written tokens.
    rectified: tuple[frozenset[str], ...] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Table:
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown word table format: {data.get('format')!r}")
        lemmes, sons = data["lemmes"], data["sons"]
        verbs = set(data["verbes"])
        forms, sounds, stems = [], [], []
        tokens = tuple(data["jetons"])
        for index, (token, word) in enumerate(zip(tokens, data["mots"])):
            word = word or {"lemmes": [], "sons": []}
            forms.append(frozenset(f for lem in word["lemmes"] for f in lemmes[lem]))
            heard = frozenset(f for s in word["sons"] for f in sons[s])
            if accent_only(tokens, index):
                own = fold(token)
                heard = frozenset(f for f in heard if fold(f) != own)
            sounds.append(heard)
            is_verb = any(lem in verbs for lem in word["lemmes"])
            stems.append(stems_of(fold(token)) if is_verb else frozenset())
        pairs = {int(i): frozenset(f for s in pair["sons"] for f in sons[s])
                 for i, pair in data["paires"].items()}
        folds = tuple(fold(t) for t in tokens)
        folded_forms = tuple(frozenset(fold(f) for f in fs) - {own}
                             for fs, own in zip(forms, folds))
        # Without their apostrophe, an elided word and the next one are no word: « d'an »
        # folds to « dan », « j'ou » to « jou », which are « dans » and « joue » missing
        # their last letter (usage), not homophones. Homophones written without accents
        # are single words only.
        folded_sounds = tuple(frozenset(fold(f) for f in ss - fs if "'" not in f) - {own}
                              for ss, fs, own in zip(sounds, forms, folds))
        given = data.get("rectifiees", {})
        rectified = tuple(frozenset(given.get(str(i), ())) for i in range(len(tokens)))
        return cls(tokens=tokens, lookups=tuple(lookup(t) for t in tokens),
                   forms=tuple(forms), sounds=tuple(sounds), pairs=pairs, folds=folds,
                   folded_forms=folded_forms, folded_sounds=folded_sounds,
                   stems=tuple(stems), rectified=rectified)

    def traditional_only(self) -> Table:
        """The same table with the rectified spellings counted as errors (a teacher's
        stricter choice: orthographe_rectifiee = false in the scale)."""
        return replace(self, rectified=tuple(frozenset() for _ in self.tokens))

    def is_rectified(self, index: int, written: str) -> bool:
        """The expected word in its other spelling of the 1990 reform."""
        return written in self.rectified[index]

    def prefix(self, size: int) -> Table:
        """The table of the first `size` tokens (a copy that stops early is marked on
        the text up to where it stops)."""
        cut = slice(0, size)
        return Table(tokens=self.tokens[cut], lookups=self.lookups[cut], forms=self.forms[cut],
                     sounds=self.sounds[cut],
                     pairs={i: v for i, v in self.pairs.items() if i + 1 < size},
                     folds=self.folds[cut], folded_forms=self.folded_forms[cut],
                     folded_sounds=self.folded_sounds[cut], stems=self.stems[cut],
                     rectified=self.rectified[cut])

    def is_form(self, index: int, form: str) -> bool:
        """Another form of the expected word (same lemma or family)."""
        return form != self.lookups[index] and form in self.forms[index]

    def is_homophone(self, index: int, form: str) -> bool:
        """Sounds like the expected word but is not one of its forms."""
        return (form != self.lookups[index] and form not in self.forms[index]
                and form in self.sounds[index])

    def is_folded_form(self, index: int, folded: str) -> bool:
        """Another form of the word, written without its accents (« etait » for « été »)."""
        return folded in self.folded_forms[index]

    def is_folded_homophone(self, index: int, folded: str) -> bool:
        """A homophone written without its accents or cedilla (« ca » for « sa »)."""
        return folded in self.folded_sounds[index]

    def is_verb_ending(self, index: int, folded: str) -> bool:
        """The expected verb with another ending, even one that does not exist:
        « pensont » for « pensons » (a common stem « pens », another ending), « atteind »
        for « atteint », or with none: « pein » for « peint », « jou » for « joue »."""
        if folded == self.folds[index] or not self.stems[index]:
            return False
        if folded in self.stems[index] or not self.stems[index].isdisjoint(stems_of(folded)):
            return True
        # The same with double letters single (« appeller » for « appelé »), unless that
        # is all that differs (« portter » for « porter » is a misspelling).
        own, written = single(self.folds[index]), single(folded)
        if own == written:
            return False
        roots = stems_of(own)
        return written in roots or not roots.isdisjoint(stems_of(written))

    def is_pair_homophone(self, index: int, form: str) -> bool:
        """Sounds like the elided word `index` and the next one read together."""
        sounds = self.pairs.get(index)
        if not sounds:
            return False
        return form != self.lookups[index] + self.lookups[index + 1] and form in sounds


@lru_cache(maxsize=16)
def table_for(text: str) -> Table:
    """The Table of `text`, built through its JSON-able data (one code path)."""
    return Table.from_data(_build(text))
