"""interactif/dictee.html: the dictation a pupil opens by double-click, with no network.

One self-contained file: styles and behaviour are inlined from templates/ (staff
restyle them there), the grading rules from the package (dictee/grading/correction.js);
the audio stays beside it in the kit and is referenced by relative paths. Jinja
autoescaping is on, so any text from a case file is shown as text, never run as HTML.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from dictee import __version__
from dictee.archive import atomic_path
from dictee.content.loader import ContentRoot
from dictee.content.model import Case, LevelText
from dictee.content.typography import decimal, french
from dictee.errors import RenderError
from dictee.render.context import CATEGORY_MEANINGS, LEVEL_NAMES
from dictee.render.environment import environment, find_template

TEMPLATE = "interactif.html.j2"
# What people reading the templates need and pupils do not: indentation, and comments on
# lines of their own in the inline styles and scripts. Safe because the templates hold no
# <pre>, no filled <textarea> and no multi-line string.
_INDENT = re.compile(r"\n[ \t]+")
_INLINE = re.compile(r"(<(script|style)>)(.*?)(</\2>)", re.S)
_BLOCK_COMMENT = r"/\*(?:(?!\*/).)*\*/[ \t]*\n"  # a /* … */ that ends its line
_COMMENT_LINES = {"style": re.compile(rf"^{_BLOCK_COMMENT}", re.S | re.M),
                  "script": re.compile(rf"^(?://[^\n]*\n|{_BLOCK_COMMENT})", re.S | re.M)}
SLOW_RATE = 0.75  # playback rate of the slower variant; the pitch is kept
# Characters school keyboards often lack (English layouts, Chromebooks): interactif.js
# makes one button each, which inserts it at the cursor.
CHARACTERS = "éèêàùçœÉÀÇ«»"
# What the page does; interactif.js reads it from the embedded JSON (`donnees.page`).
# Another mode (an adapted dictation, a sentence a day) adds its name and its settings here.
MODE = "dictee"
CATEGORY_LABELS = {
    "mot": "Mot", "homophone": "Homophone", "grammaire": "Grammaire", "accent": "Accent",
    "ponctuation-majuscule": "Ponctuation, majuscule", "usage": "Usage",
}


def _points(weight: float) -> str:
    """« 1 point », « ½ point », « 1,5 point » (French: singular below 2)."""
    text = "½" if weight == 0.5 else decimal(weight)
    return f"{text} point{'s' if weight >= 2 else ''}"


def _scale_sentence(scale: dict) -> str:
    """The scale as a pupil reads it, under the categories and their points."""
    total = f"{scale['sur'] / 100:g}".replace(".", ",")
    return french(f"La note est sur {total} : chaque erreur retire les points de sa catégorie. "
                  "Un mot ne compte jamais pour plus d'une erreur.")


def storage_key(case: Case, level: LevelText) -> str:
    """Where the pupil's copy is kept in the browser (localStorage, shared by every page
    opened from file://): per case, edition and level, and per text, so that a corrected
    text never brings back a copy of the old one."""
    digest = hashlib.sha256(level.text.encode("utf-8")).hexdigest()[:10]
    return f"dictee/{case.slug}/{case.meta.edition}/{level.level}/{digest}"


def _word_table(text: str) -> dict:
    """What the lexicon knows about the expected words: the page's checker needs it."""
    from dictee.grading.table import lexicon_table

    return lexicon_table(text)


def _grader() -> Markup:
    """The grading rules in JavaScript, inlined as is (package code, not a template)."""
    from dictee.grading.script import grader_script

    return Markup(grader_script())


def _lexicon_source() -> str:
    from dictee.grading.lexicon import SOURCE

    return SOURCE


def _scale() -> dict:
    """The default scale of `dictee corriger`, in hundredths of a point (exact sums)."""
    from dictee.grading.scale import Scale

    return Scale.default().as_page()


def _check_audio(target: Path, level: LevelText, groups: list[str], reading: str) -> None:
    """Every clip must exist beside the page, one per meaning group, in order."""
    if len(groups) != len(level.groups):
        raise RenderError(
            f"niveau {level.level} : {len(groups)} extraits sonores pour "
            f"{len(level.groups)} groupes de sens", path=target,
            hint="Reconstruisez la trousse : les extraits doivent suivre les groupes du texte.")
    for relative in [*groups, reading]:
        if posixpath.isabs(relative) or "\\" in relative:
            raise RenderError(f"chemin audio non relatif : {relative}", path=target)
        if not (target.parent / relative).is_file():
            raise RenderError(f"extrait sonore introuvable : {relative}", path=target,
                              hint="La page doit être écrite après l'audio de la trousse.")


def _level(level: LevelText, groups: list[str] | None, reading: str | None) -> dict:
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
    }


def pack_tables(tables: dict[str, dict]) -> dict:
    """The word tables of all levels, a third of their JSON size, for the size budget.

    Lemma and sound lists are shared between levels and stored once, each as one
    string of space-separated forms (forms are never empty and never hold a space, so
    "" is an empty list); a word's entry
    {"lemmes": L, "sons": S} becomes [L, S]. interactif.js `deplier` undoes exactly this.
    """
    lemmas: dict[str, list[str]] = {}
    sounds: dict[str, list[str]] = {}
    levels: dict[str, dict] = {}
    for level, table in tables.items():
        lemmas.update(table["lemmes"])
        sounds.update(table["sons"])
        words = [None if w is None else [w["lemmes"], w["sons"]] for w in table["mots"]]
        levels[level] = {k: v for k, v in table.items() if k not in ("lemmes", "sons")}
        levels[level]["mots"] = words
    return {"tables": levels,
            "lemmes": {k: " ".join(v) for k, v in sorted(lemmas.items())},
            "sons": {k: " ".join(v) for k, v in sorted(sounds.items())}}


def page_context(case: Case, levels: list[LevelText], *, replays: int | None,
                 clips: dict[str, list[str]], readings: dict[str, str],
                 word_bank: bool = False) -> dict:
    """What the template receives; `donnees` is embedded as JSON for the script."""
    scale = _scale()
    packed = pack_tables({lv.level: _word_table(lv.text) for lv in levels})
    categories = [{"nom": name, "libelle": CATEGORY_LABELS[name],
                   "points": _points(scale["poids"][name] / 100), "description": french(text)}
                  for name, text in CATEGORY_MEANINGS.items()]
    return {
        "nom": french(case.meta.nom), "edition": case.meta.edition, "version": __version__,
        "niveaux": [_level(lv, clips.get(lv.level), readings.get(lv.level)) for lv in levels],
        "categories": categories,
        "bareme": _scale_sentence(scale),
        "ecoutes": replays,
        "lent": SLOW_RATE,
        "lexique": _lexicon_source(),  # CC BY-SA: the page credits it
        "correcteur": _grader(),
        "banque_de_mots": word_bank,  # the kit asked for the word bank (--banque-de-mots)
        "donnees": {
            "page": {"mode": MODE, "cas": case.slug, "caracteres": CHARACTERS},
            "ecoutes": replays,
            "bareme": scale,
            "categories": [{"nom": c["nom"], "libelle": c["libelle"]} for c in categories],
            "niveaux": {lv.level: {"attendu": lv.text, "lexique": packed["tables"][lv.level],
                                   "cle": storage_key(case, lv)}
                        for lv in levels},
            "lemmes": packed["lemmes"],
            "sons": packed["sons"],
        },
    }


def _compact(html: str) -> str:
    """The page a fifth lighter (the size budget): see _INDENT and _COMMENT_LINES."""
    html = _INDENT.sub("\n", html)
    return _INLINE.sub(lambda m: m.group(1) + _COMMENT_LINES[m.group(2)].sub("", m.group(3))
                       + m.group(4), html)


def render_html(root: ContentRoot, template: str, context: dict, *, what: str) -> str:
    """Fill an offline page's template (autoescaped) and compact it; both pages of a kit
    (the class's and the adapted one) go through here. `what` names the page in the
    French message when the template cannot be filled."""
    try:
        env = environment(root, autoescape=True)
        # tojson escapes <, >, & and ' for HTML; keeping accents as UTF-8 halves the size.
        env.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False,
                                            "separators": (",", ":")}
        html = env.get_template(template).render(context)
    except jinja2.TemplateError as error:
        raise RenderError(f"{what} n'a pas pu être remplie ({error})",
                          path=find_template(root, template),
                          line=getattr(error, "lineno", None)) from error
    return _compact(html)


def render_page(root: ContentRoot, case: Case, levels: list[LevelText], target: Path, *,
                replays: int | None, clips: dict[str, list[str]],
                readings: dict[str, str], word_bank: bool = False) -> Path:
    """Write the interactive dictation at `target` (e.g. <kit>/interactif/dictee.html).

    `clips[level]` lists the meaning-group clips in group order and `readings[level]`
    the whole reading, as paths relative to the page ("../primaire/audio/groupes/01.mp3");
    a level missing from both gets a page without sound (the teacher reads aloud).
    `replays` caps the listenings of each clip (None: no cap). `word_bank`: the kit
    asked for the word bank of the hard words beside the dictation (`--banque-de-mots`),
    as on the class's student sheets.
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
                           word_bank=word_bank)
    html = render_html(root, TEMPLATE, context, what="la page interactive")
    with atomic_path(target) as temporary:
        temporary.write_text(html, encoding="utf-8", newline="\n")
    return target
