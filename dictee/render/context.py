"""What the templates receive: plain dicts of French-typeset strings built from a case."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docxtpl import RichText

from dictee import __version__
from dictee.content.grammar import expressions, locate, typeset_paragraphs
from dictee.content.model import CITATION, Case, LevelText
from dictee.content.typography import decimal, french
from dictee.render.blanks import WORDS_PER_BLANK, blanked_paragraphs, choose_blanks
from dictee.render.ruled import level_pairs

if TYPE_CHECKING:
    from dictee.grading.scale import Scale

# Levels as Quebec schools name them.
LEVEL_NAMES = {"primaire": "3e cycle du primaire (5e et 6e année)",
               "secondaire": "1er cycle du secondaire (1re et 2e secondaire)"}
# Handwritten characters on one line of a pupil's sheet (17.6 cm): 10-12-year-olds
# write larger than print, older pupils a little smaller.
CHARS_PER_LINE = {"primaire": 40, "secondaire": 50}
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
# A day and its month stay on one line: « Le 7 / décembre 2021 » ended a line in the
# guide's « Qui est Dorgelesse ? ».
_DAY_MONTH = re.compile(r"\b(1er|\d{1,2}) (?=(?:" + "|".join(MONTHS) + r")\b)")

# What each category of the correction means to a teacher (docs/correction.md); the
# weights come from the kit's scale (--bareme), so the guide cannot drift from the tool.
CATEGORY_MEANINGS = {
    "mot": "mot oublié, ajouté ou remplacé par un autre",
    "homophone": "mot qui se prononce pareil mais s'écrit autrement (a/à, et/est…)",
    "grammaire": "accord ou terminaison de verbe (genre, nombre, personne, temps)",
    "accent": "seuls les accents, le tréma ou la cédille diffèrent",
    "ponctuation-majuscule":
        "ponctuation, majuscule, apostrophe ou trait d'union manquants ou fautifs",
    "usage": "toute autre erreur d'orthographe du mot",
}
# Their names in the guide (the tool's names, « ponctuation-majuscule », are not a teacher's).
GUIDE_LABELS = {"mot": "Mot", "homophone": "Homophone", "grammaire": "Accord ou conjugaison",
                "accent": "Accent", "ponctuation-majuscule": "Ponctuation ou majuscule",
                "usage": "Orthographe d'usage"}


def _points(hundredths: int) -> str:
    value = "½" if hundredths == 50 else decimal(hundredths / 100)
    return f"{value} point" + ("s" if hundredths >= 200 else "")


def scale_context(scale: Scale | None = None) -> dict:
    """The kit's scale (default: the default preset), said the way a teacher says it (no
    formula, no tool name): its name and its rules. The presets' sources, written for
    docs/correction.md, name the tool's files: they stay out of the guide."""
    from dictee.grading.scale import ONCE, Scale, title

    scale = scale or Scale.default()
    total = decimal(scale.total / 100)
    repeated = ("une même faute répétée sur le même mot ne compte qu'une fois"
                if scale.repetition == ONCE else "une faute répétée compte chaque fois")
    cap = (f" ; au plus {scale.cap} erreurs sont comptées (les premières du texte)"
           if scale.cap else "")
    return {
        "sur_blanc": f"______\u00a0/\u00a0{total}",
        "titre": french(title(scale)),
        "resume": french(
            f"Barème choisi : « {title(scale)} ». La dictée est notée sur {total}. Chaque erreur "
            f"retire des points selon sa nature (ci-dessous) ; on ne compte qu'une erreur "
            f"par mot, {repeated}{cap}, "
            f"et la note ne descend pas sous 0. C'est aussi le barème de la dictée "
            f"interactive."),
        "categories": [{"nom": french(GUIDE_LABELS[name]),
                        "points": _points(scale.weights[name]), "description": french(meaning)}
                       for name, meaning in CATEGORY_MEANINGS.items()],
    }


def source_numbers(case: Case) -> dict[str, int]:
    return {source.cle: number for number, source in enumerate(case.meta.sources, start=1)}


def cited(text: str, numbers: dict[str, int]) -> str:
    """French text with its « [cle, cle] » citations as the guide's numbers « [3, 7] »."""
    def number(match: re.Match[str]) -> str:
        keys = [k.strip() for k in match.group(1).split(",")]
        if not all(k in numbers for k in keys):
            return match.group()  # not a citation (dictee verifier reports unknown keys)
        return "\u00a0[" + ", ".join(str(numbers[k]) for k in keys) + "]"
    return _DAY_MONTH.sub("\\1\u00a0", french(CITATION.sub(number, text)))


def sources_context(case: Case) -> list[dict]:
    """« Titre. Éditeur, date (site). » for each source, numbered as cited."""
    lines = []
    for number, source in enumerate(case.meta.sources, start=1):
        site = (source.url.host or "").removeprefix("www.")
        parts = [p for p in (source.titre, source.editeur) if p]
        line = ". ".join(p.rstrip(".") for p in parts) if parts else site
        line += f", {source.date}" if source.date else ", sans date"
        if parts:
            line += f" ({site})"
        lines.append({"numero": number, "texte": french(line + ".")})
    return lines


def answer_key(level: LevelText) -> list[RichText]:
    """The text with each word a grammar point is about highlighted and followed by the
    point's number, so the teacher corrects at a glance."""
    paragraphs = typeset_paragraphs(level)
    targets, _ = locate(level)
    key = []
    for index, text in enumerate(paragraphs):
        rich, position = RichText(), 0
        for target in (t for t in targets if t.paragraph == index):
            rich.add(text[position:target.start])
            rich.add(text[target.start:target.end], bold=True, highlight="FFE066")
            rich.add(str(target.point + 1), superscript=True, bold=True, color="9C3D00")
            position = target.end
        rich.add(text[position:])
        key.append(rich)
    return key


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
        text = f"{'1er' if int(day) == 1 else int(day)}\u00a0{text}"
    return text


def writing_lines(level: LevelText) -> int:
    """Lines a pupil writes the dictation on: the title, then each paragraph from a new
    line at CHARS_PER_LINE handwritten characters a line. The sheet rules two lines
    for each (one to write on, one left free)."""
    per_line = CHARS_PER_LINE[level.level]
    return 1 + sum(math.ceil(len(french(" ".join(p))) / per_line) for p in level.paragraphs)


def level_context(case: Case, level: LevelText, stamp: Stamp, *,
                  audio_notice: str | None, paced: dict | None,
                  word_bank: dict | None = None, scale: Scale | None = None) -> dict:
    """The context of a level's documents. `word_bank`: the bank printed on the pupil's
    sheet (adapt/sheets.py word_bank_context), which leaves fewer ruled lines on its
    first page; `scale`: the kit's scale (None: the default preset)."""
    meta, lmeta = case.meta, level.meta
    numbers = source_numbers(case)
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
        "avertissement_audio": french(audio_notice or ""),
        "resume": cited(meta.resume, numbers),
        "dates": [{"date": long_date(d.date), "evenement": cited(d.evenement, numbers)}
                  for d in meta.dates],
        "etat_au": meta.depuis.etat_au,
        "depuis": [{"date": long_date(f.date), "texte": cited(f.texte, numbers)}
                   for f in meta.depuis.faits],
        "tableau": [french(w) for w in lmeta.tableau],
        "paragraphes": paragraphs,
        "paragraphes_a_trous": blanked_paragraphs(level, choose_blanks(level)),
        "nombre_mots": level.word_count,
        "phrases": [{"numero": i + 1, "groupes": g} for i, g in sorted(sentences.items())],
        "glossaire": [{"mot": french(g.mot), "definition": french(g.definition)}
                      for g in lmeta.glossaire],
        "grammaire": [{"numero": n, "point": french(g.point),
                       "mots": [french(w) for w in expressions(paragraphs, g.words)]}
                      for n, g in enumerate(lmeta.grammaire, start=1)],
        "corrige": answer_key(level),
        "a_trous": {"nombre": len(choose_blanks(level)),
                  "par_mot": WORDS_PER_BLANK[level.level]},
        "questions": [french(q) for q in lmeta.questions],
        "bareme": scale_context(scale),
        "salutation": french(letter.salutation),
        "appel": french(letter.salutation).rstrip(" ,"),
        "conseils": [french(c) for c in letter.conseils],
        "envoi_enseignant": french(letter.envoi.consigne_enseignant),
        "adresse": list(letter.envoi.adresse) if letter.envoi.adresse_verifiee else [],
        "sources": sources_context(case),
        "lignes": range(level_pairs(level, writing_lines(level), school=bool(stamp.school),
                                    bank=word_bank)),
        "piste": _french_track(paced),
    }


def _french_track(paced: dict | None) -> dict | None:
    """The paced track's timeline with French spacing: its sentence openings are cut
    from words split on every space, no-break ones included (« phrase 1 : … »)."""
    if paced is None:
        return None
    return {**paced, "chronologie": [{**t, "texte": french(t["texte"])}
                                     for t in paced["chronologie"]]}


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
