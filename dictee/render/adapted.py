"""The documents of the versions for every pupil: adapted sheet, word bank, daily sentences.

One call per level, from the kit; which documents are made is the kit's choice
(`versions`). The adapted sheet and the word bank are printed for dyslexic readers,
on a cream page when asked (the British Dyslexia Association recommends cream or a
soft pastel to white).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dictee.adapt.sheets import adapted_context, daily_context, word_bank_context
from dictee.adapt.versions import ADAPTED, CREAM, DAILY, DOCUMENTS, VERSIONS, WORD_BANK
from dictee.content.loader import ContentRoot
from dictee.content.model import Case, LevelText
from dictee.render.documents import render_docx


def version_context(level: LevelText, versions: tuple[str, ...] | frozenset[str], *,
                    word_bank: bool = False) -> dict:
    """What the new templates (and the guide, which says what the kit holds) receive.
    `word_bank`: the class's student sheets carry the word bank too (`banque_de_mots`),
    from the same words as « Les mots de l'histoire »."""
    context: dict = {"versions": {name.replace("-", "_"): name in versions
                                  for name in VERSIONS},
                     "banque_de_mots": word_bank}
    if ADAPTED in versions:
        context.update(adapted_context(level))
    if WORD_BANK in versions or word_bank:
        context.update(word_bank_context(level))
    if DAILY in versions:
        context.update(daily_context(level))
    return context


def render_versions(root: ContentRoot, case: Case, level: LevelText, context: dict,
                    folder: Path, *, versions: tuple[str, ...] | frozenset[str], cream: bool,
                    stamp: dt.datetime) -> list[Path]:
    """Write the chosen versions' documents of `level` into `folder`; `context` is the
    level's usual context (render/context.py) updated with version_context()."""
    written = []
    for template, title, version, creamable in DOCUMENTS:
        if version not in versions:
            continue
        target = folder / template
        render_docx(root, template, context, target, stamp=stamp,
                    title=f"{title} — {case.meta.nom} ({level.level})",
                    page_colour=CREAM if cream and creamable else None)
        written.append(target)
    return written
