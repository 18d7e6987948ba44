"""PDFs as a teacher prints them: page counts and the text they hold (LibreOffice, poppler)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dictee.cli.app import app
from tests.conftest import REPO

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
        assert pages(sheet) == 1, "a pupil's sheet must print on one page"
        assert "Classe : 6e B" in pdf_text(sheet)
        assert pages(kit / level / "fiche-eleve-a-trous.pdf") == 1
    letter = kit / "lettre-luis-manuel.pdf"
    assert pages(letter) == 1
    assert "Cher Luis Manuel," in pdf_text(letter)


@needs
def test_kits_with_pdfs_are_byte_identical(tmp_path):
    for folder in ("a", "b"):
        result = CliRunner().invoke(app, ["kit", "luis-manuel", "--niveau", "primaire",
                                          "--sortie", str(tmp_path / folder),
                                          "--contenu", str(REPO)])
        assert result.exit_code == 0, result.output
    name = "dictee-luis-manuel-primaire.zip"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
