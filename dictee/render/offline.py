"""What the two offline pages of a kit share: the class's dictation (render/page.py) and
the adapted one (render/adapted_page.py).

Both inline the same grader, the same word tables (packed), the same scale and
categories, show the same word bank, and are filled and compacted the same way. Each
idea has its home here, under a public name; the two page modules only say what is
particular to their page.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup

from dictee.archive import atomic_path
from dictee.content.loader import ContentRoot
from dictee.content.model import Case, LevelText
from dictee.content.typography import decimal, french
from dictee.errors import RenderError
from dictee.render.context import CATEGORY_MEANINGS
from dictee.render.environment import environment, find_template

if TYPE_CHECKING:
    from dictee.grading.scale import Scale

SLOW_RATE = 0.75  # playback rate of the slower variant; the pitch is kept
# Characters school keyboards often lack (English layouts, Chromebooks): interactif.js
# makes one button each, which inserts it at the cursor.
CHARACTERS = "éèêàùçœÉÀÇ«»"
CATEGORY_LABELS = {
    "mot": "Mot", "homophone": "Homophone", "grammaire": "Grammaire", "accent": "Accent",
    "ponctuation-majuscule": "Ponctuation, majuscule", "usage": "Usage",
}

# What people reading the templates need and pupils do not: the indentation of the HTML
# (safe because the templates hold no <pre> and no filled <textarea>), and the comments
# and spaces of the inline styles and scripts, which rcssmin and rjsmin take out as a
# browser reads them (strings, regular expressions and template literals kept as they
# are, a line break kept where JavaScript needs it). The data block, <script
# type="application/json">, is not touched.
_INDENT = re.compile(r"\n[ \t]+")
_INLINE = re.compile(r"(<(script|style)>)(.*?)(</\2>)", re.S)


def points(weight: float) -> str:
    """« 1 point », « ½ point », « 1,5 point » (French: singular below 2)."""
    text = "½" if weight == 0.5 else decimal(weight)
    return f"{text} point{'s' if weight >= 2 else ''}"


def scale_sentence(scale: dict) -> str:
    """The scale as a pupil reads it, under the categories and their points."""
    from dictee.grading.scale import ONCE

    total = f"{scale['sur'] / 100:g}".replace(".", ",")
    repeated = (" Une même faute répétée sur le même mot ne compte qu'une fois."
                if scale["repetition"] == ONCE else "")
    cap = f" Au plus {scale['plafond']} erreurs sont comptées." if scale["plafond"] else ""
    return french(f"La note est sur {total} : chaque erreur retire les points de sa catégorie. "
                  f"Un mot ne compte jamais pour plus d'une erreur.{repeated}{cap}")


def page_scale(scale: Scale | None = None) -> dict:
    """The kit's scale (None: the default of `dictee corriger`) as the page's grader takes
    it, in hundredths of a point (exact sums)."""
    from dictee.grading.scale import Scale

    return (scale or Scale.default()).as_page()


def categories(scale: dict) -> list[dict]:
    """The error categories as a pupil reads them: label, points, meaning."""
    return [{"nom": name, "libelle": CATEGORY_LABELS[name],
             "points": points(scale["poids"][name] / 100), "description": french(text)}
            for name, text in CATEGORY_MEANINGS.items()]


def grader() -> Markup:
    """The grading rules in JavaScript, inlined as is (package code, not a template)."""
    from dictee.grading.script import grader_script

    return Markup(grader_script())


def lexicon_source() -> str:
    """Whom the word tables come from (CC BY-SA: the pages credit it)."""
    from dictee.grading.lexicon import SOURCE

    return SOURCE


def word_table(text: str) -> dict:
    """What the lexicon knows about the expected words: the page's checker needs it."""
    from dictee.grading.table import lexicon_table

    return lexicon_table(text)


def storage_key(case: Case, level: LevelText) -> str:
    """Where the pupil's copy is kept in the browser (localStorage, shared by every page
    opened from file://): per case, edition and level, and per text, so that a corrected
    text never brings back a copy of the old one."""
    digest = hashlib.sha256(level.text.encode("utf-8")).hexdigest()[:10]
    return f"dictee/{case.slug}/{case.meta.edition}/{level.level}/{digest}"


def pack_tables(tables: dict[str, dict]) -> dict:
    """The word tables of all levels, a third of their JSON size, for the size budget.

    Lemma and sound lists are shared between levels and stored once, each as one
    string of space-separated forms (forms are never empty and never hold a space, so
    "" is an empty list); a word's entry
    {"lemmes": L, "sons": S} becomes [L, S]. correction.js `deplieur` undoes exactly this.
    Each table's "source" (the lexicon's credit, the same for all) is stored once, and its
    "jetons" not at all: they are the tokens of the expected text, which the page holds
    and `deplier(paquet, attendu)` tokenizes again (a fifth of the tables' size).
    """
    lemmas: dict[str, list[str]] = {}
    sounds: dict[str, list[str]] = {}
    levels: dict[str, dict] = {}
    for level, table in tables.items():
        lemmas.update(table["lemmes"])
        sounds.update(table["sons"])
        words = [None if w is None else [w["lemmes"], w["sons"]] for w in table["mots"]]
        levels[level] = {k: v for k, v in table.items()
                         if k not in ("lemmes", "sons", "source", "jetons")}
        levels[level]["mots"] = words
    credits = {table["source"] for table in tables.values()}
    assert len(credits) <= 1, credits  # one lexicon per page
    return {"tables": levels, "source": next(iter(credits), ""),
            "lemmes": {k: " ".join(v) for k, v in sorted(lemmas.items())},
            "sons": {k: " ".join(v) for k, v in sorted(sounds.items())}}


def _compact(html: str) -> str:
    """The page a quarter lighter (the size budget): see _INDENT and _INLINE."""
    import rcssmin
    import rjsmin

    minify = {"style": rcssmin.cssmin, "script": rjsmin.jsmin}
    html = _INLINE.sub(lambda m: m.group(1) + "\n" + minify[m.group(2)](m.group(3)).strip()
                       + "\n" + m.group(4), html)
    return _INDENT.sub("\n", html)


def render_html(root: ContentRoot, template: str, context: dict, *, what: str) -> str:
    """Fill an offline page's template (autoescaped) and compact it; both pages of a kit
    go through here. `what` names the page in the French message when the template
    cannot be filled."""
    try:
        env = environment(root, autoescape=True)
        # tojson escapes <, >, & and ' for HTML; keeping accents as UTF-8 halves the size.
        env.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False,
                                            "separators": (",", ":")}
        env.filters["json_script"] = json_script
        html = env.get_template(template).render(context)
    except jinja2.TemplateError as error:
        raise RenderError(f"{what} n'a pas pu être remplie ({error})",
                          path=find_template(root, template),
                          line=getattr(error, "lineno", None)) from error
    return _compact(html)


def json_script(value: object) -> Markup:
    """`value` as JSON for a <script type="application/json"> block. Only « < » needs
    escaping there (the browser reads the block's text up to « </script », and « <!-- »
    changes how it looks for it); tojson also writes every apostrophe as \\u0027, six
    bytes each: about 1 KB of a page whose texts and word tables are French."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c"))


def write_page(target: Path, html: str) -> Path:
    """Write a filled page atomically (never half a page at `target`)."""
    with atomic_path(target) as temporary:
        temporary.write_text(html, encoding="utf-8", newline="\n")
    return target
