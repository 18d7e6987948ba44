"""interactif/dictee.html: the dictation a pupil opens by double-click, with no network.

One self-contained file: styles and behaviour are inlined from templates/ (staff
restyle them there), the grading rules from the package (dictee/grading/correction.js);
the audio stays beside it in the kit and is referenced by relative paths. Jinja
autoescaping is on, so any text from a case file is shown as text, never run as HTML.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from dictee import __version__
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

TEMPLATE = "interactif.html.j2"
# What the page does; interactif.js reads it from the embedded JSON (`donnees.page`).
# Another mode (an adapted dictation, a sentence a day) adds its name and its settings here.
MODE = "dictee"


def _check_audio(target: Path, level: LevelText, groups: list[str], reading: str) -> None:
    """Every clip must exist beside the page, one per meaning group, in order."""
    if len(groups) != len(level.groups):
        raise RenderError(
            f"niveau {level.level} : {len(groups)} extraits sonores pour "
            f"{len(level.groups)} groupes de sens", path=target,
            hint="Reconstruisez la trousse : les extraits doivent suivre les groupes du texte.")
    for relative in [*groups, reading]:
        if posixpath.isabs(relative) or "\\" in relative:
            raise RenderError(f"chemin audio non relatif : {relative}", path=target,
                              names=[relative])
        if not (target.parent / relative).is_file():
            raise RenderError(f"extrait sonore introuvable : {relative}", path=target,
                              names=[relative],
                              hint="La page doit être écrite après l'audio de la trousse.")


def _level(level: LevelText, groups: list[str] | None, reading: str | None, *,
           word_bank: bool) -> dict:
    # Clips share a folder: write it once on the toolbar, only the file name on each button.
    folder = posixpath.dirname(groups[0]) + "/" if groups else ""
    if not all(clip.startswith(folder) for clip in groups or []):
        folder = ""
    sentences: dict[int, list[dict]] = {}
    for index, group in enumerate(level.groups):
        source = groups[index][len(folder):] if groups else ""
        sentences.setdefault(group.sentence, []).append({"index": index, "source": source})
    return {
        "niveau": level.level,
        "nom": LEVEL_NAMES[level.level],
        "titre": french(level.meta.titre),
        "tableau": [french(word) for word in level.meta.tableau],
        "paragraphes": [french(" ".join(p)) for p in level.paragraphs],
        "phrases": [{"numero": number + 1, "groupes": g}
                    for number, (_, g) in enumerate(sorted(sentences.items()))],
        "audio": bool(groups),
        "dossier": folder,
        "lecture": reading or "",
        "mots": bank_context(level, grammar=True) if word_bank else None,
    }


def page_context(case: Case, levels: list[LevelText], *, replays: int | None,
                 clips: dict[str, list[str]], readings: dict[str, str],
                 word_bank: bool = False, scale_given: Scale | None = None) -> dict:
    """What the template receives; `donnees` is embedded as JSON for the script;
    `scale_given`: the kit's scale (None: the default preset)."""
    scale = page_scale(scale_given)
    packed = pack_tables({lv.level: word_table(lv.text) for lv in levels})
    shown = categories(scale)
    return {
        "nom": french(case.meta.nom), "edition": case.meta.edition, "version": __version__,
        "niveaux": [_level(lv, clips.get(lv.level), readings.get(lv.level),
                           word_bank=word_bank) for lv in levels],
        "categories": shown,
        "bareme": scale_sentence(scale),
        "ecoutes": replays,
        "lent": SLOW_RATE,
        "lexique": lexicon_source(),  # CC BY-SA: the page credits it
        "correcteur": grader(),
        "mots_ouverts": False,
        "donnees": {
            "page": {"mode": MODE, "cas": case.slug, "caracteres": CHARACTERS},
            "ecoutes": replays,
            "bareme": scale,
            "categories": [{"nom": c["nom"], "libelle": c["libelle"]} for c in shown],
            "niveaux": {lv.level: {"attendu": lv.text, "lexique": packed["tables"][lv.level],
                                   "cle": storage_key(case, lv)}
                        for lv in levels},
            "source": packed["source"],
            "lemmes": packed["lemmes"],
            "sons": packed["sons"],
        },
    }


def render_page(root: ContentRoot, case: Case, levels: list[LevelText], target: Path, *,
                replays: int | None, clips: dict[str, list[str]],
                readings: dict[str, str], word_bank: bool = False,
                scale: Scale | None = None) -> Path:
    """Write the interactive dictation at `target` (e.g. <kit>/interactif/dictee.html).

    `clips[level]` lists the meaning-group clips in group order and `readings[level]`
    the whole reading, as paths relative to the page ("../primaire/audio/groupes/01.mp3");
    a level missing from both gets a page without sound (the teacher reads aloud).
    `replays` caps the listenings of each clip (None: no cap). `word_bank` adds « Les
    mots de l'histoire » (the kit's option for pupils learning French), folded under
    the board words, each word playable from the recording. `scale`: the kit's scale
    (--bareme), the same as the guide's (None: the default preset).
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    for level in levels:
        groups, reading = clips.get(level.level), readings.get(level.level)
        if groups or reading:
            if not groups or not reading:
                raise RenderError(f"niveau {level.level} : il faut à la fois les extraits des "
                                  "groupes et la lecture entière", path=target)
            _check_audio(target, level, groups, reading)
    if replays is not None and replays < 1:
        raise RenderError("le nombre d'écoutes doit être au moins 1", path=target)
    context = page_context(case, levels, replays=replays, clips=clips, readings=readings,
                           word_bank=word_bank, scale_given=scale)
    return write_page(target, render_html(root, TEMPLATE, context, what="la page interactive"))
