"""`dictee kit` chooses the versions; LISEZMOI.txt says what each file is for."""

from __future__ import annotations

import re
import zipfile

from docx import Document

from dictee.adapt.versions import CREAM, TEMPLATES, VERSIONS
from dictee.content.loader import ContentRoot
from dictee.kit_plan import KitOptions, inputs_digest
from tests.docx_text import docx_text


def _kit(cli, tmp_path, *extra: str) -> dict[str, bytes]:
    result = cli("kit", "luis-manuel", "--sans-audio", "--sans-pdf", "--sortie",
                 str(tmp_path), "--force", *extra)
    assert result.exit_code == 0, result.output
    name = "dictee-luis-manuel-primaire.zip" if "--niveau" in extra else "dictee-luis-manuel.zip"
    with zipfile.ZipFile(tmp_path / name) as archive:
        return {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}


def _documents_described(readme: str, files: dict[str, bytes]) -> None:
    """Every document of the zip is named in LISEZMOI.txt, with a line saying what for."""
    for name in files:
        stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if name.endswith(".docx"):
            assert re.search(rf"^ *{re.escape(stem)} \(", readme, re.M), stem


def test_default_kit_holds_every_version(cli, tmp_path):
    files = _kit(cli, tmp_path)
    for level in ("primaire", "secondaire"):
        for template in TEMPLATES:
            assert f"{level}/{template}" in files
    assert "interactif/dictee-amenagee.html" in files
    readme = files["LISEZMOI.txt"].decode("utf-8")
    _documents_described(readme, files)
    assert "interactif/dictee-amenagee.html" in readme
    # Each file on a line of its own, as the teacher scans the list (not « …vérifie sa
    # copieinteractif/dictee-amenagee.html »).
    for name in ("interactif/dictee.html", "interactif/dictee-amenagee.html"):
        assert re.search(rf"^{re.escape(name)}\r?$", readme, re.M), name
    assert "dictée aménagée" in readme and "apprennent le français" in readme
    assert "dictée 0 faute" in readme


def test_versions_left_out(cli, tmp_path, content):
    files = _kit(cli, tmp_path, "--sans", "amenagee", "--sans", "phrases-du-jour")
    assert "primaire/mots-de-l-histoire.docx" in files
    assert not any("amenagee" in name or "phrases-du-jour" in name for name in files)
    assert "interactif/dictee.html" in files
    readme = files["LISEZMOI.txt"].decode("utf-8")
    _documents_described(readme, files)
    assert "fiche-eleve-amenagee" not in readme and "phrases-du-jour" not in readme
    guide = tmp_path / "guide.docx"
    guide.write_bytes(files["primaire/guide-enseignant.docx"])
    text = docx_text(guide)
    assert "Les mots de l’histoire" in text and "La dictée aménagée" not in text


def test_unknown_version_is_refused(cli, tmp_path):
    out_dir = tmp_path / "kits"
    result = cli("kit", "luis-manuel", "--sans-audio", "--sortie", str(out_dir),
                 "--sans", "amenage")
    assert result.exit_code == 1
    out = " ".join(result.output.split())
    assert "version inconnue : « amenage »" in out
    assert "amenagee, mots, phrases-du-jour" in out
    assert not out_dir.exists()


def test_cream_pages(cli, tmp_path):
    files = _kit(cli, tmp_path, "--creme", "--niveau", "primaire")
    for template in TEMPLATES:
        path = tmp_path / template
        path.write_bytes(files[f"primaire/{template}"])
        xml = Document(str(path)).element.xml
        assert (f'w:color="{CREAM}"' in xml) == (template != "phrases-du-jour-enseignant.docx")
    guide = tmp_path / "guide.docx"
    guide.write_bytes(files["primaire/guide-enseignant.docx"])
    assert "<w:background" not in Document(str(guide)).element.xml
    assert "page crème" in files["LISEZMOI.txt"].decode("utf-8")


def test_versions_and_cream_change_the_inputs(content):
    root = ContentRoot(content)
    case = root.load("luis-manuel")
    levels = list(case.levels.values())
    digests = {inputs_digest(root, case, levels, options) for options in (
        KitOptions(), KitOptions(versions=VERSIONS[1:]), KitOptions(cream=True))}
    assert len(digests) == 3
