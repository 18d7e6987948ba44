"""The pupil's sheet is ruled to the foot of its last page: never a page half ruled,
never a page of its own for a pair or two (LibreOffice, poppler), for every shipped
level, with or without the school's name and the word bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from dictee.adapt.sheets import word_bank_context
from dictee.adapt.versions import VERSIONS
from dictee.content.loader import ContentRoot
from dictee.kit_plan import edition_stamp
from dictee.render.adapted import version_context
from dictee.render.context import Stamp, level_context, writing_lines
from dictee.render.documents import render_docx
from dictee.render.ruled import FIRST_PAGE, NEXT_PAGE
from tests.adapt.conftest import SHIPPED
from tests.conftest import REPO
from tests.test_pdf import pages

pytestmark = pytest.mark.pdf
VARIANTS = {"plain": (Stamp(), False), "bank": (Stamp(), True),
            "school-bank": (Stamp("École des Saules", "6e B"), True)}
EXTRA = 2  # pairs past the computed ones: they must start a new page


def to_print(folder: Path) -> tuple[dict, list[Path]]:
    """Each shipped level's sheet in each variant, as built and with EXTRA pairs more,
    for `print_run`: (slug, level, variant) → (pairs ruled, PDF as built, PDF with EXTRA
    pairs more)."""
    root = ContentRoot(REPO)
    documents, found = [], {}
    for slug, name in SHIPPED:
        case = root.load(slug)
        level = case.level(name)
        for variant, (stamp, bank) in VARIANTS.items():
            context = level_context(case, level, stamp, audio_notice=None, paced=None,
                                    word_bank=word_bank_context(level) if bank else None)
            context.update(version_context(level, VERSIONS, word_bank=bank))
            pairs = len(context["lignes"])
            paths = []
            for extra in (0, EXTRA):
                context["lignes"] = range(pairs + extra)
                path = folder / f"{slug}-{name}-{variant}-{extra}.docx"
                render_docx(root, "fiche-eleve.docx", context, path,
                            stamp=edition_stamp(case.meta.edition), title="")
                documents.append(path)
                paths.append(path.with_suffix(".pdf"))
            found[(slug, name, variant)] = (pairs, paths[0], paths[1])
    return found, documents


@pytest.fixture(scope="module")
def printed(print_run) -> dict[tuple[str, str, str], tuple[int, Path, Path]]:
    """(slug, level, variant) → (pairs ruled, PDF as built, PDF with EXTRA pairs more)."""
    return print_run[Path(__file__).name]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("slug, level", SHIPPED)
def test_the_last_page_is_ruled_to_its_foot(printed, slug, level, variant):
    pairs, built, more = printed[(slug, level, variant)]
    assert pairs >= writing_lines(ContentRoot(REPO).load(slug).level(level))
    count = pages(built)
    assert count == 2  # every shipped text needs more than the first page
    assert pairs <= FIRST_PAGE + NEXT_PAGE * (count - 1)
    # Two pairs more would not fit: the last page was full, give or take one pair.
    assert pages(more) == count + 1
