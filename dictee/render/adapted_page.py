"""interactif/dictee-amenagee.html: the adapted dictation, the word bank and the daily
sentences, offline, for the pupils a teacher chooses.

A page of its own (not a switch on the class's page), so that a pupil cannot turn the
adaptation on or off by accident: the teacher gives this file to those who need it.
The same blanks and choices as the adapted sheet (dictee/adapt/blanks.py), larger text
and wider spacing, the slower speed checked by default. The answers are graded as
dictee/adapt/grade.py grades them: put back into the text and corrected by the rules
of `dictee corriger`, in JavaScript (dictee/grading/correction.js).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dictee import __version__
from dictee.adapt.blanks import adapt
from dictee.adapt.daily import daily_sentences
from dictee.adapt.sheets import DAYS, line_pieces
from dictee.content.loader import ContentRoot
from dictee.content.model import Case, LevelText
from dictee.content.typography import french
from dictee.errors import RenderError
from dictee.grading.scale import Scale
from dictee.render.bank import bank_context
from dictee.render.context import LEVEL_NAMES
from dictee.render.offline import (
    CHARACTERS,
    SLOW_RATE,
    categories,
    grader,
    lexicon_source,
    pack_tables,
    page_scale,
    render_html,
    scale_sentence,
    storage_key,
    word_table,
    write_page,
)

TEMPLATE = "interactif-amenagee.html.j2"
NAME = "dictee-amenagee.html"
MODE = "amenagee"


def _page_line(adapted, number: int) -> list[dict]:
    """A group's line for the page: printed text, or a blank / a choice by its number."""
    pieces = []
    blanks = iter(b for b in adapted.blanks if b.group == number)
    for piece in line_pieces(adapted, number):
        if piece["choix"] or set(piece["texte"]) == {"_"}:
            blank = next(blanks)
            pieces.append({"trou": blank.number - 1, "reponse_longueur": len(blank.answer),
                           "options": [french(o) for o in blank.choices or ()]})
        else:
            pieces.append({"texte": piece["texte"]})
    return pieces


def _level(level: LevelText, clips: list[str] | None) -> dict:
    adapted = adapt(level)
    names = [c.rsplit("/", 1)[-1] for c in clips] if clips else []
    folder = clips[0][: -len(names[0])] if clips else ""
    return {
        "niveau": level.level,
        "nom": LEVEL_NAMES[level.level],
        "titre": french(level.meta.titre),
        "tableau": [french(w) for w in level.meta.tableau],
        "dossier": folder,
        "lignes": [{"numero": g.number, "source": names[g.number - 1] if names else "",
                    "morceaux": _page_line(adapted, g.number)} for g in adapted.groups],
        "nombre_trous": len(adapted.blanks),
        # Not the grammar points' words: they are this page's blanks.
        "mots": bank_context(level, grammar=False),
        "phrases_du_jour": [{"numero": s.number, "jour": DAYS[s.number - 1]
                             if s.number <= len(DAYS) else "", "phrase": french(s.text)}
                            for s in daily_sentences(level)],
        "audio": bool(clips),
    }


def page_context(case: Case, levels: list[LevelText], *, clips: dict[str, list[str]],
                 scale_given: Scale | None = None) -> dict:
    scale = page_scale(scale_given)
    tables: dict[str, dict] = {}
    data_levels: dict[str, dict[str, Any]] = {}
    for level in levels:
        adapted = adapt(level)
        series = daily_sentences(level)
        tables[level.level] = word_table(level.text)
        for sentence in series:
            tables[f"{level.level}/{sentence.number}"] = word_table(sentence.text)
        data_levels[level.level] = {
            "attendu": level.text,
            "trous": [[b.start, b.end] for b in adapted.blanks],
            "cle": storage_key(case, level).replace("dictee/", "dictee-amenagee/", 1),
            "phrases": [{"attendu": s.text} for s in series],
        }
    packed = pack_tables(tables)
    for name, table in packed["tables"].items():
        level, _, number = name.partition("/")
        if number:
            data_levels[level]["phrases"][int(number) - 1]["lexique"] = table
        else:
            data_levels[level]["lexique"] = table
    shown = categories(scale)
    return {
        "nom": french(case.meta.nom), "edition": case.meta.edition, "version": __version__,
        "niveaux": [_level(lv, clips.get(lv.level)) for lv in levels],
        "categories": shown,
        "bareme": scale_sentence(scale),  # the kit's scale, as on the class's page
        "lent": SLOW_RATE,
        "lexique": lexicon_source(),
        "correcteur": grader(),
        "mots_ouverts": True,
        "donnees": {
            "page": {"mode": MODE, "cas": case.slug, "caracteres": CHARACTERS},
            "bareme": scale,
            "categories": [{"nom": c["nom"], "libelle": c["libelle"]} for c in shown],
            "niveaux": data_levels,
            "source": packed["source"],
            "lemmes": packed["lemmes"],
            "sons": packed["sons"],
        },
    }


def render_adapted_page(root: ContentRoot, case: Case, levels: list[LevelText], target: Path,
                        *, clips: dict[str, list[str]], scale: Scale | None = None) -> Path:
    """Write the adapted page at `target`; `clips[level]` are the group clips relative to
    the page, as for the class's page (a level without clips: the teacher reads);
    `scale`: the kit's scale, as on the class's page (None: the default preset)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    for level in levels:
        for clip in clips.get(level.level, []):
            if not (target.parent / clip).is_file():
                raise RenderError(f"extrait sonore introuvable : {clip}", path=target,
                                  names=[clip],
                                  hint="La page doit être écrite après l'audio de la trousse.")
    context = page_context(case, levels, clips=clips, scale_given=scale)
    return write_page(target, render_html(root, TEMPLATE, context,
                                          what="la page interactive aménagée"))
