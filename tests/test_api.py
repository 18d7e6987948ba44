"""The library API: what `dictee kit`, `edition` and `corriger` do, from Python."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

import dictee
from dictee.errors import CaseError
from tests.conftest import REPO


def test_import_is_light():
    """`import dictee` loads none of the heavy machinery (pydantic, numpy, jinja2)."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, dictee; print(' '.join(sys.modules))"],
        capture_output=True, text=True, check=True, cwd=REPO).stdout.split()
    assert not {"pydantic", "numpy", "jinja2", "yaml", "dictee.kit"} & set(loaded)


def test_load_case_and_correct(content):
    case = dictee.load_case("luis-manuel", content=content)
    assert case.meta.pays == "Cuba"
    expected = case.level("primaire").text
    perfect = dictee.correct("luis-manuel", expected, level="primaire", content=content)
    assert perfect.errors == () and perfect.note == perfect.total
    one_wrong = expected.replace("artiste", "artise", 1)
    result = dictee.correct("luis-manuel", one_wrong, level="primaire", content=content)
    assert [(e.expected, e.written) for e in result.errors] == [("artiste", "artise")]


def test_two_levels_need_one_named(content):
    with pytest.raises(CaseError, match="précisez lequel"):
        dictee.correct("luis-manuel", "Luis Manuel", content=content)


def test_build_kit_and_edition(content, tmp_path):
    kit = dictee.build_kit("luis-manuel", content=content, output=tmp_path / "k", pdf=False,
                           audio=False, school="École des Saules", levels=("primaire",))
    assert kit.path == tmp_path / "k" / "dictee-luis-manuel-primaire.zip"
    with zipfile.ZipFile(kit.path) as archive:
        names = archive.namelist()
    assert "dictee-luis-manuel-primaire/manifest.json" in names
    assert not any("/secondaire/" in name for name in names)
    edition = dictee.build_edition(content=content, output=tmp_path / "site", pdf=False,
                                   audio=False)
    assert edition.edition == "2022-2023" and not edition.failed
    assert (tmp_path / "site" / "dictee-luis-manuel.zip").is_file()
