"""What the templates receive: plain dicts of French-typeset strings built from a case."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from dictee import __version__
from dictee.content.model import Case, LevelText
from dictee.content.typography import decimal, french
from dictee.render.blanks import blanked_paragraphs, choose_blanks

LEVEL_NAMES = {"primaire": "primaire (5e-6e année)", "secondaire": "secondaire"}
# Handwritten characters on one line of a pupil's sheet (17.6 cm): 10-12-year-olds
# write larger than print, older pupils a little smaller.
CHARS_PER_LINE = {"primaire": 40, "secondaire": 50}
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")

# What each category of `dictee corriger` means to a teacher (docs/correction.md);
# the weights come from its default scale, so the guide cannot drift from the tool.
CATEGORY_MEANINGS = {
    "mot": "mot oublié, ajouté ou remplacé par un autre",
    "homophone": "mot qui se prononce pareil mais s'écrit autrement (a/à, et/est…)",
    "grammaire": "accord ou terminaison de verbe (genre, nombre, personne, temps)",
    "accent": "seuls les accents, le tréma ou la cédille diffèrent",
    "ponctuation-majuscule":
        "ponctuation, majuscule, apostrophe ou trait d'union manquants ou fautifs",
    "usage": "toute autre erreur d'orthographe du mot",
}


def _points(hundredths: int) -> str:
    return "½" if hundredths == 50 else decimal(hundredths / 100)


def scale_context() -> dict:
    from dictee.grading.scale import Scale

    scale = Scale.default()
    return {
        "sur_blanc": f"______ / {_points(scale.total)}",
        "resume": french(
            f"Une seule erreur par mot ; note = {_points(scale.total)} − points (au minimum 0), "
            f"sur {_points(scale.total)}. Même barème que « dictee corriger »."),
        "categories": [{"nom": name, "points": _points(scale.weights[name]),
                        "description": french(meaning)}
                       for name, meaning in CATEGORY_MEANINGS.items()],
    }


@dataclass(frozen=True)
class Stamp:
    """Who the kit is for: printed on sheets and in the guide."""

    school: str | None = None
    klass: str | None = None

    def line(self) -> str:
        parts = [p for p in (self.school, f"classe {self.klass}" if self.klass else None) if p]
        return " — ".join(parts)


def _common(case: Case, stamp: Stamp) -> dict:
    meta = case.meta
    return {
        "nom": french(meta.nom), "prenom": french(meta.prenom), "pays": french(meta.pays),
        "edition": meta.edition, "version": __version__,
        "ecole": french(stamp.school or ""), "classe": french(stamp.klass or ""),
        "ecole_classe": french(stamp.line()),
    }


def long_date(value: str) -> str:
    """« 2021-07-11 » → « 11 juillet 2021 »; « 2021-07 » → « juillet 2021 »; else as is."""
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        return value
    year, month, day = match.groups()
    text = f"{MONTHS[int(month) - 1]} {year}"
    if day:
        text = f"{'1er' if int(day) == 1 else int(day)} {text}"
    return text


def writing_lines(level: LevelText) -> int:
    """Lines a pupil writes the dictation on: the title, then each paragraph from a new
    line at CHARS_PER_LINE handwritten characters a line. The sheet rules two lines
    for each (one to write on, one left free)."""
    per_line = CHARS_PER_LINE[level.level]
    return 1 + sum(math.ceil(len(french(" ".join(p))) / per_line) for p in level.paragraphs)


def level_context(case: Case, level: LevelText, stamp: Stamp, *,
                  audio_notice: str | None, paced: dict | None) -> dict:
    meta, lmeta = case.meta, level.meta
    sentences: dict[int, list[str]] = {}
    for group in level.groups:
        sentences.setdefault(group.sentence, []).append(french(group.text))
    paragraphs = [french(" ".join(p)) for p in level.paragraphs]
    letter = meta.lettre
    return {
        **_common(case, stamp),
        "titre": french(lmeta.titre),
        "niveau": level.level,
        "niveau_nom": LEVEL_NAMES[level.level],
        "synthetique": lmeta.enregistrement.synthetique,
        "avertissement_audio": audio_notice or "",
        "resume": french(meta.resume),
        "dates": [{"date": long_date(d.date), "evenement": french(d.evenement)}
                  for d in meta.dates],
        "etat_au": meta.depuis.etat_au,
        "depuis": [{"date": long_date(f.date), "texte": french(f.texte)}
                   for f in meta.depuis.faits],
        "tableau": [french(w) for w in lmeta.tableau],
        "paragraphes": paragraphs,
        "paragraphes_a_trous": blanked_paragraphs(level, choose_blanks(level)),
        "nombre_mots": level.word_count,
        "phrases": [{"numero": i + 1, "groupes": g} for i, g in sorted(sentences.items())],
        "glossaire": [{"mot": french(g.mot), "definition": french(g.definition)}
                      for g in lmeta.glossaire],
        "grammaire": [{"point": french(g.point), "mots": [french(r.mot) for r in g.refs]}
                      for g in lmeta.grammaire],
        "questions": [french(q) for q in lmeta.questions],
        "bareme": scale_context(),
        "salutation": french(letter.salutation),
        "conseils": [french(c) for c in letter.conseils],
        "envoi_enseignant": french(letter.envoi.consigne_enseignant),
        "adresse": list(letter.envoi.adresse) if letter.envoi.adresse_verifiee else [],
        "sources": [f"[{s.cle}] {s.url}" for s in meta.sources],
        "lignes": range(writing_lines(level)),
        "piste": paced,
    }


# The two letter layouts: writing lines when the salutation fits on one line.
LETTER_LINES = {"lettre.docx": 12, "lettre-dessin.docx": 5}
# Characters of the salutation (24 pt bold) that fit on one line of the letter.
SALUTATION_CHARS_PER_LINE = 34


def letter_lines(template: str, salutation: str) -> int:
    """Writing lines on a letter layout: one fewer for each extra line the salutation
    takes, so that the letter stays on one page (at least 2 lines remain)."""
    extra = max(0, math.ceil(len(salutation) / SALUTATION_CHARS_PER_LINE) - 1)
    return max(2, LETTER_LINES[template] - extra)


def letter_context(case: Case, stamp: Stamp, template: str) -> dict:
    """The letter that is mailed: only the salutation and its writing lines."""
    salutation = french(case.meta.lettre.salutation)
    return {"salutation": salutation, "lignes": range(letter_lines(template, salutation))}


def advice_context(case: Case, stamp: Stamp) -> dict:
    """The pupils' sheet « Avant d'écrire ta lettre »: advice and where the letter goes."""
    letter = case.meta.lettre
    return {
        **_common(case, stamp),
        "appel": french(letter.salutation).rstrip(" ,"),
        "conseils": [french(c) for c in letter.conseils],
        "envoi_eleve": french(letter.envoi.consigne_eleve),
    }
