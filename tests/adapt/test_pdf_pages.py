"""The versions' documents as printed (LibreOffice, poppler): how many pages, and no day of
the teacher's daily sheet cut from its points, for every shipped case and level."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dictee.adapt.versions import VERSIONS
from dictee.content.loader import ContentRoot
from dictee.kit_plan import edition_stamp
from dictee.render.adapted import render_versions, version_context
from dictee.render.context import Stamp, level_context
from dictee.render.documents import render_docx
from tests.adapt.conftest import REPO, SHIPPED
from tests.test_pdf import page_texts, pages, pdf_text

pytestmark = pytest.mark.pdf
CLASS_SHEETS = ("fiche-eleve.docx", "fiche-eleve-a-trous.docx")


def to_print(base: Path) -> tuple[dict[tuple[str, str], Path], list[Path]]:
    """The versions' documents of every shipped level, and the class's sheets with the
    word bank, for `print_run`: {(slug, level): folder of the documents}."""
    root = ContentRoot(REPO)
    folders, documents = {}, []
    for slug, name in SHIPPED:
        case = root.load(slug)
        level = case.level(name)
        folder = base / f"{slug}-{name}"
        folder.mkdir()
        context = level_context(case, level, Stamp("École des Saules", "6e B"),
                                audio_notice=None, paced=None)
        context.update(version_context(level, VERSIONS, word_bank=True))
        stamp = edition_stamp(case.meta.edition)
        class_sheets = []
        for template in CLASS_SHEETS:  # with the word bank (--banque-de-mots)
            render_docx(root, template, context, folder / template, stamp=stamp, title="")
            class_sheets.append(folder / template)
        documents += class_sheets + render_versions(root, case, level, context, folder,
                                                    versions=VERSIONS, cream=False,
                                                    stamp=stamp)
        folders[(slug, name)] = folder
    return folders, documents


@pytest.fixture(scope="module")
def printed(print_run) -> dict[tuple[str, str], Path]:
    """{(slug, level): folder of PDFs named like the documents} (tests/conftest.py)."""
    return print_run[Path(__file__).name]


@pytest.mark.parametrize("slug, level", SHIPPED)
def test_pupil_sheets_print_on_one_sheet_of_paper(printed, slug, level):
    folder = printed[(slug, level)]
    assert pages(folder / "phrases-du-jour-eleve.pdf") == 1, "the five days on one page"
    # The adapted sheet: recto verso, never a third page for a few lines. The words of
    # the story: one page, that the pupil keeps under their eyes on the day.
    assert pages(folder / "fiche-eleve-amenagee.pdf") <= 2
    assert pages(folder / "mots-de-l-histoire.pdf") == 1
    text = pdf_text(folder / "phrases-du-jour-eleve.pdf")
    for number in range(1, 6):
        assert f"Jour {number} —" in text


@pytest.mark.parametrize("slug, level", SHIPPED)
def test_teacher_daily_sheet_keeps_each_day_with_its_points(printed, slug, level):
    """A day's heading, its sentence and « Points à discuter » are on one page: the
    sentence is never alone at the bottom of a page with its points on the next."""
    path = printed[(slug, level)] / "phrases-du-jour-enseignant.pdf"
    seen = []
    for number, page in enumerate(page_texts(path), start=1):
        for match in re.finditer(r"Jour (\d) —", page):
            seen.append(int(match.group(1)))
            following = page[match.end():]
            following = following.split("Jour ", 1)[0]
            assert "Points à discuter" in following, (number, match.group(0))
    assert seen == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("slug, level", SHIPPED)
def test_class_sheets_with_the_word_bank_still_print_as_before(printed, slug, level):
    """The bank sits whole on the first page, under the board's words; the fill-in sheet
    stays on one page, so that it is still a single sheet to hand out."""
    folder = printed[(slug, level)]
    assert pages(folder / "fiche-eleve-a-trous.pdf") == 1
    first = page_texts(folder / "fiche-eleve.pdf")[0]
    assert "Les mots de l’histoire" in first and "Mots à bien écrire" in first
