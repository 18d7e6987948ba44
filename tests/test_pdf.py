"""PDFs as a teacher prints them: page counts and the text they hold (LibreOffice, poppler)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dictee.cli.app import app
from dictee.content.loader import ContentRoot
from dictee.content.typography import french
from dictee.kit import KitOptions, build_kit
from dictee.render.pdf import convert_to_pdf
from tests.conftest import REPO

SHIPPED = ("luis-manuel", "sasha", "chow-hang-tung", "dorgelesse")

pytestmark = pytest.mark.pdf
needs = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                           reason="LibreOffice and poppler-utils are installed by .ci/run")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines()
                    if line.startswith("Pages:")))


# The documents of a level these tests read as PDF; the versions' documents are printed by
# tests/adapt/test_pdf_pages.py, and every document of a kit by the kit tests below.
LEVEL_DOCUMENTS = ("guide-enseignant.docx", "fiche-eleve.docx", "fiche-eleve-a-trous.docx")


def to_print(base: Path) -> tuple[dict[str, Path], list[Path]]:
    """Every shipped case built without audio, unzipped, and the documents read here (the
    kit's letters and advice sheet, each level's guide and sheets), for `print_run`."""
    root = ContentRoot(REPO)
    kits = {}
    for slug in SHIPPED:
        result = build_kit(root, slug, KitOptions(output=base / "zips", pdf=False,
                                                  audio=False))
        with zipfile.ZipFile(result.path) as opened:
            opened.extractall(base / "x")
        kits[slug] = base / "x" / result.path.stem
    documents = sorted(base.glob("x/*/*.docx")) + sorted(
        path for path in base.glob("x/*/*/*.docx") if path.name in LEVEL_DOCUMENTS)
    return kits, documents


@pytest.fixture(scope="module")
def shipped(print_run) -> dict[str, Path]:
    """{slug: unzipped kit folder}, its documents converted to PDF (tests/conftest.py)."""
    return print_run[Path(__file__).name]


@pytest.mark.parametrize("slug", SHIPPED)
@pytest.mark.parametrize("layout", ["lettre", "lettre-dessin"])
def test_every_letter_is_one_page_with_nothing_but_the_greeting(shipped, slug, layout):
    letter = shipped[slug] / f"{layout}-{slug}.pdf"
    assert pages(letter) == 1
    words = pdf_text(letter).split()
    salutation = ContentRoot(REPO).load(slug).meta.lettre.salutation
    # Only what reaches the person: date, salutation, writing space, first name.
    assert " ".join(words).replace("_", "").split() == ["Date", ":", *salutation.split(),
                                                        "Prénom", ":"]


@pytest.mark.parametrize("slug", SHIPPED)
def test_advice_sheet_is_one_page_with_every_piece_of_advice(shipped, slug):
    sheet = shipped[slug] / "avant-d-ecrire-ta-lettre.pdf"
    assert pages(sheet) == 1
    text = " ".join(pdf_text(sheet).split())
    letter = ContentRoot(REPO).load(slug).meta.lettre
    assert "Avant d’écrire ta lettre" in text
    for advice in [*letter.conseils, letter.envoi.consigne_eleve]:
        assert " ".join(french(advice).split()) in text


@pytest.mark.parametrize("slug", SHIPPED)
def test_pupil_sheets_fit_one_sheet_of_paper(shipped, slug):
    for level in ("primaire", "secondaire"):
        assert pages(shipped[slug] / level / "fiche-eleve.pdf") <= 2  # recto verso
        blanks = shipped[slug] / level / "fiche-eleve-a-trous.pdf"
        assert pages(blanks) == 1
        assert "Note : ______ / 20" in pdf_text(blanks).replace("\u00a0", " ")


GUIDE_HEADINGS = ("Dates clés", "Depuis la campagne", "Quelle fiche, pour qui", "Déroulement",
                  "La piste rythmée", "Au tableau", "Le texte à lire", "Le texte découpé",
                  "Lexique", "Points de grammaire", "Corrigé", "Barème", "Questions pour",
                  "Les lettres d’encouragement", "Sources")


def page_texts(path: Path) -> list[str]:
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
                           capture_output=True, text=True, check=True).stdout
            for n in range(1, pages(path) + 1)]


@pytest.mark.parametrize("slug", SHIPPED)
def test_guides_are_numbered_and_keep_headings_and_answer_key_together(shipped, slug):
    case = ContentRoot(REPO).load(slug)
    for level in case.levels.values():
        guide = shipped[slug] / level.level / "guide-enseignant.pdf"
        texts = page_texts(guide)
        for number, text in enumerate(texts, start=1):
            assert f"page {number} de {len(texts)}" in text
            body = [line.strip() for line in text.splitlines() if line.strip()][:-1]
            assert not body[-1].startswith(GUIDE_HEADINGS), f"heading alone: page {number}"
        # The answer key, from its heading to its last word, on one page.
        last_words = " ".join(french(level.paragraphs[-1][-1]).split()[-3:])
        holding = [t for t in texts if "Corrigé" in map(str.strip, t.splitlines())]
        assert len(holding) == 1
        # The point numbers after highlighted words (« portées1 ») aside:
        flat = re.sub(r"(?<=[^\W\d])\d+", "", " ".join(holding[0].split()))
        end = last_words.rstrip("!?.»").strip()
        assert flat.index("Corrigé Les mots surlignés") < flat.rindex(end)
        # The sources, from their heading to the last, on one page: the last one.
        heading = re.search(r"^\s*Sources\s*$", texts[-1], re.M)
        assert heading, "the sources begin on an earlier page"
        numbers = re.findall(r"^\s*(\d+)\. ", texts[-1][heading.end():], re.M)
        assert numbers == [str(n) for n in range(1, len(case.meta.sources) + 1)]


@needs
def test_a_long_salutation_still_leaves_a_one_page_letter(content, tmp_path):
    meta = content / "texts" / "luis-manuel" / "cas.yaml"
    long = "Cher Luis Manuel Otero Alcántara, artiste de San Isidro et ami des voisins,"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        "salutation: Cher Luis Manuel,", f"salutation: {long}"), encoding="utf-8")
    result = build_kit(ContentRoot(content), "luis-manuel",
                       KitOptions(output=tmp_path / "zips", audio=False, pdf=False,
                                  levels=("primaire",)))
    with zipfile.ZipFile(result.path) as opened:
        opened.extractall(tmp_path / "x")
    kit = tmp_path / "x" / result.path.stem
    letters = [kit / "lettre-luis-manuel.docx", kit / "lettre-dessin-luis-manuel.docx"]
    for produced in convert_to_pdf(letters, tmp_path):
        assert pages(produced) == 1
        assert "ami des voisins," in pdf_text(produced)


@needs
def test_kit_pdfs_have_the_expected_pages_and_text(tmp_path):
    result = CliRunner().invoke(app, ["kit", "luis-manuel", "--sortie", str(tmp_path),
                                      "--classe", "6e B", "--contenu", str(REPO)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "dictee-luis-manuel.zip") as opened:
        opened.extractall(tmp_path / "x")
    kit = tmp_path / "x" / "dictee-luis-manuel"
    for level in ("primaire", "secondaire"):
        guide = kit / level / "guide-enseignant.pdf"
        assert 2 <= pages(guide) <= 8
        text = pdf_text(guide)
        assert "Qui est Luis Manuel" in text and "Barème" in text
        sheet = kit / level / "fiche-eleve.pdf"
        assert pages(sheet) <= 2, "a pupil's sheet prints on one sheet of paper"
        assert "Groupe : 6e B" in pdf_text(sheet)
        assert pages(kit / level / "fiche-eleve-a-trous.pdf") == 1
    for name in ("lettre-luis-manuel", "lettre-dessin-luis-manuel",
                 "avant-d-ecrire-ta-lettre"):
        assert pages(kit / f"{name}.pdf") == 1
    assert "Cher Luis Manuel," in pdf_text(kit / "lettre-luis-manuel.pdf")


@needs
def test_kits_with_pdfs_are_byte_identical(tmp_path):
    """LibreOffice's clock and random ID must not reach the zip (the audio's bytes are
    tests/test_kit.py's and tests/test_edition.py's)."""
    for folder in ("a", "b"):
        result = CliRunner().invoke(app, ["kit", "luis-manuel", "--niveau", "primaire",
                                          "--sans-audio", "--sortie", str(tmp_path / folder),
                                          "--contenu", str(REPO)])
        assert result.exit_code == 0, result.output
    name = "dictee-luis-manuel-primaire.zip"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
