"""What `dictee verifier` says about the adapted versions, daily sentences and word bank.

Errors: a daily sentence that names a grammar point the guide does not have, or words
it does not hold. Warnings: a daily sentence too long or without a grammar point, a
series shorter than `daily.SERIES` or leaving a grammar point out, a definition that
uses a word much rarer than the word it explains. Information: the daily sentences the
tool chose, when the author wrote none, so that the author can read them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dictee.adapt.blanks import _runs
from dictee.adapt.daily import MAX_WORDS, SERIES, authored, proposed
from dictee.adapt.wordbank import harder_words
from dictee.content.model import LevelText
from dictee.content.problem import ERROR, INFO, WARNING, Problem
from dictee.grading.tokens import tokenize

LineOf = Callable[[tuple], "int | None"]
DAILY = "phrases du jour"
BANK = "mots de l'histoire"


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def adapt_problems(slug: str, level: LevelText, path: Path, line_of: LineOf) -> list[Problem]:
    found: list[Problem] = []

    def add(category: str, message: str, loc: tuple, hint: str | None,
            severity: str = WARNING) -> None:
        found.append(Problem(slug, category, message, path, line_of(loc), hint, severity))

    for index, glossed in enumerate(level.meta.glossaire):
        for hard in harder_words(glossed):
            add(BANK, f"la définition de « {glossed.mot} » utilise « {hard.word} », bien plus "
                f"rare que le mot expliqué ({hard.frequency} contre {hard.explained} "
                "occurrences par million de mots dans Lexique)",
                ("glossaire", index, "definition"),
                "Expliquez avec des mots plus courants : les élèves qui apprennent le "
                "français lisent cette définition dans « Les mots de l'histoire ».")

    points = len(level.meta.grammaire)
    limit = MAX_WORDS[level.level]
    for index, entry in enumerate(level.meta.phrases_du_jour):
        loc: tuple = ("phrases_du_jour", index)
        if entry.point is not None and entry.point > points:
            add(DAILY, f"phrase du jour {index + 1} : le point {entry.point} n'existe pas "
                f"(le guide en a {points})", loc + ("point",),
                f"Donnez le numéro d'un point de « grammaire », de 1 à {points}.", ERROR)
        tokens = tokenize(entry.phrase)
        for position, word in enumerate(entry.mots):
            if not _runs(tokens, word):
                add(DAILY, f"phrase du jour {index + 1} : « {word} » n'est pas dans la phrase",
                    loc + ("mots", position),
                    "Recopiez le mot tel qu'il est écrit dans la phrase.", ERROR)
    series = authored(level)
    for sentence in series:
        assert sentence.entry is not None
        where = ("phrases_du_jour", sentence.entry, "phrase")
        if sentence.word_count > limit:
            add(DAILY, f"phrase du jour {sentence.number} : {sentence.word_count} mots, "
                f"{limit} au plus au {level.level}", where,
                "Raccourcissez-la : une phrase du jour s'écrit et se discute en quelques "
                "minutes.")
        if not sentence.points:
            add(DAILY, f"phrase du jour {sentence.number} : aucun point de grammaire du "
                "guide", where,
                "Indiquez « point » (son numéro) et « mots », ou employez un mot d'un point "
                "de grammaire.")
    if not series:
        series = proposed(level)
        for sentence in series:
            add(DAILY, f"phrase du jour {sentence.number} proposée (phrase "
                f"{(sentence.source or 0) + 1} du texte, point"
                f"{'s' if len(sentence.points) > 1 else ''} "
                f"{', '.join(str(p + 1) for p in sentence.points)}) : "
                f"« {_short(sentence.text)} »", ("titre",), None, INFO)
    hint = ("Écrivez vos phrases sous « phrases_du_jour » (docs/format-des-cas.md)."
            if not level.meta.phrases_du_jour else
            "Ajoutez une phrase sous « phrases_du_jour ».")
    if len(series) < SERIES:
        add(DAILY, f"{len(series)} phrase{'s' if len(series) > 1 else ''} du jour sur "
            f"{SERIES} : le texte n'a pas assez de phrases courtes qui portent un point de "
            "grammaire" if not level.meta.phrases_du_jour else
            f"{len(series)} phrase{'s' if len(series) > 1 else ''} du jour sur {SERIES}",
            ("phrases_du_jour",) if level.meta.phrases_du_jour else ("titre",), hint)
    exercised = {p for sentence in series for p in sentence.points}
    for point in range(points):
        if point not in exercised:
            add(DAILY, f"le point de grammaire {point + 1} n'est exercé par aucune phrase "
                "du jour", ("grammaire", point, "point"), hint)
    return found
