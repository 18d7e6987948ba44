"""`dictee edition`: every kit of a year, reproducible, incremental, robust to bad input.

Kits are built without PDF (--sans-pdf): LibreOffice writes the time and a random
identifier into each PDF, so only the PDF-less kits can be compared byte for byte.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.docx_text import docx_text

SLUGS = ("luis-manuel", "sasha")


@pytest.fixture
def edition_content(content: Path) -> Path:
    """The Luis Manuel case of `content`, plus Sasha's, with their readings."""
    shutil.copytree(REPO / "texts" / "sasha", content / "texts" / "sasha")
    shutil.copytree(REPO / "audio" / "sasha", content / "audio" / "sasha")
    return content


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(cli, out: Path, *extra: str):
    return cli("edition", "--sortie", str(out), "--sans-pdf", *extra)


def part_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_builds_every_kit_with_index_and_sums(cli, edition_content, tmp_path):
    out = tmp_path / "site"
    result = build(cli, out, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "2 construite(s), 0 inchangée(s), 0 en échec" in " ".join(result.output.split())
    zips = sorted(p.name for p in out.glob("*.zip"))
    assert zips == ["dictee-luis-manuel.zip", "dictee-sasha.zip"]
    with zipfile.ZipFile(out / "dictee-sasha.zip") as archive:
        names = archive.namelist()
    assert "dictee-sasha/manifest.json" in names
    assert {n.split("/")[1] for n in names} >= {"primaire", "secondaire", "LISEZMOI.txt"}
    sums = (out / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert sums == [f"{sha256(out / name)}  {name}" for name in zips]
    page = (out / "index.html").read_text(encoding="utf-8")
    for name in zips:
        assert f'href="{name}"' in page and sha256(out / name) in page
    assert "Aleksandra Skochilenko" in page and "Russie" in page
    assert "Luis Manuel Otero Alcántara" in page and "primaire, secondaire" in page
    assert "Écrire, ça libère" in page and "Édition 2022-2023" in page
    assert part_files(out) == []


def test_two_builds_give_identical_bytes(cli, edition_content, tmp_path):
    first, second = tmp_path / "un", tmp_path / "deux"
    assert build(cli, first, "--jobs", "1").exit_code == 0
    assert build(cli, second, "--jobs", "2").exit_code == 0
    for name in ("dictee-luis-manuel.zip", "dictee-sasha.zip", "SHA256SUMS", "index.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_unchanged_kits_are_not_rebuilt(cli, edition_content, tmp_path):
    out = tmp_path / "site"
    assert build(cli, out).exit_code == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.zip")}
    again = build(cli, out)
    assert again.exit_code == 0
    assert "0 construite(s), 2 inchangée(s)" in " ".join(again.output.split())
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.zip")} == before

    # Without the size-and-time record, the inputs' hash in each manifest still decides.
    (out / ".dictee-edition.json").unlink()
    assert "0 construite(s), 2 inchangée(s)" in " ".join(build(cli, out).output.split())

    for changed_file in (edition_content / "texts" / "sasha" / "primaire.md",
                         edition_content / "audio" / "sasha" / "primaire.labels.txt"):
        changed_file.write_text(changed_file.read_text(encoding="utf-8").replace(
            "très longtemps", "bien longtemps"), encoding="utf-8")
    changed = build(cli, out)
    assert "1 construite(s), 1 inchangée(s)" in " ".join(changed.output.split())
    assert (out / "dictee-luis-manuel.zip").stat().st_mtime_ns == before[
        "dictee-luis-manuel.zip"]
    with zipfile.ZipFile(out / "dictee-sasha.zip") as archive:
        archive.extract("dictee-sasha/primaire/fiche-eleve-a-trous.docx", tmp_path)
    assert "bien longtemps" in docx_text(
        tmp_path / "dictee-sasha" / "primaire" / "fiche-eleve-a-trous.docx")
    assert f"{sha256(out / 'dictee-sasha.zip')}  dictee-sasha.zip" in \
        (out / "SHA256SUMS").read_text(encoding="utf-8")


def test_touched_but_identical_files_do_not_rebuild(cli, content, tmp_path):
    out = tmp_path / "site"
    assert build(cli, out).exit_code == 0
    os.utime(content / "texts" / "luis-manuel" / "cas.yaml")  # e.g. a git checkout
    result = build(cli, out)
    assert "0 construite(s), 1 inchangée(s)" in " ".join(result.output.split())


def test_a_template_change_rebuilds_the_kits(cli, content, tmp_path):
    out = tmp_path / "site"
    assert build(cli, out).exit_code == 0
    readme = content / "templates" / "LISEZMOI.txt.j2"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nBonne dictée !\n",
                      encoding="utf-8")
    result = build(cli, out)
    assert "1 construite(s), 0 inchangée(s)" in " ".join(result.output.split())


def test_a_damaged_kit_is_rebuilt(cli, content, tmp_path):
    out = tmp_path / "site"
    assert build(cli, out).exit_code == 0
    kit = out / "dictee-luis-manuel.zip"
    kit.write_bytes(kit.read_bytes()[:100_000])
    result = build(cli, out)
    assert "1 construite(s), 0 inchangée(s)" in " ".join(result.output.split())
    with zipfile.ZipFile(kit) as archive:
        assert archive.testzip() is None


def test_broken_case_is_reported_and_the_others_are_built(cli, edition_content, tmp_path):
    meta = edition_content / "texts" / "sasha" / "cas.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("pays: Russie\n", ""),
                    encoding="utf-8")
    out = tmp_path / "site"
    result = build(cli, out)
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert "✗ sasha : en échec" in text and "champ « pays »" in text and "cas.yaml" in text
    assert "1 construite(s), 0 inchangée(s), 1 en échec" in text
    assert sorted(p.name for p in out.glob("*.zip")) == ["dictee-luis-manuel.zip"]
    assert "Skochilenko" not in (out / "index.html").read_text(encoding="utf-8")
    assert "Traceback" not in result.output


def test_names_in_the_index_are_escaped(cli, content, tmp_path):
    meta = content / "texts" / "luis-manuel" / "cas.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        "pays: Cuba", "pays: Cuba <script>alert(1)</script>"), encoding="utf-8")
    out = tmp_path / "site"
    assert build(cli, out).exit_code == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_no_case_and_unknown_edition(cli, tmp_path, content):
    empty = tmp_path / "vide"
    (empty / "texts").mkdir(parents=True)
    result = cli("edition", "--contenu", str(empty), "--sortie", str(tmp_path / "o"))
    assert result.exit_code == 1 and "aucun cas dans ce dossier de contenu" in result.output
    result = build(cli, tmp_path / "o", "2030-2031")
    assert result.exit_code == 1
    assert "aucun cas pour l'édition 2030-2031" in result.output
    assert "Éditions disponibles : 2022-2023" in result.output
    assert not (tmp_path / "o").exists()


def test_output_that_is_a_file_is_refused(cli, content, tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("pas un dossier", encoding="utf-8")
    result = build(cli, blocker)
    assert result.exit_code == 1
    assert "impossible de créer le dossier de sortie" in result.output
    assert "Traceback" not in result.output


def test_full_disk_is_reported_and_leaves_no_partial_kit(cli, content, tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("dictee.kit.write_zip", full)
    out = tmp_path / "site"
    result = build(cli, out, "--jobs", "1")
    assert result.exit_code == 1
    assert "disque plein" in result.output
    assert sorted(p.name for p in out.iterdir()) == [".dictee-edition.json", "SHA256SUMS",
                                                     "index.html"]


def test_default_folder_is_named_after_the_edition(cli, content, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("edition", "--sans-pdf")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "kits" / "2022-2023" / "dictee-luis-manuel.zip").is_file()


def _start(content: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "from dictee.cli.app import main; main()", "edition",
         "--sortie", str(out), "--sans-pdf", "--jobs", "1"],
        env={**os.environ, "DICTEE_CONTENU": str(content)}, cwd=out.parent,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _wait_for_first_kit(process: subprocess.Popen, out: Path) -> None:
    deadline = time.monotonic() + 120
    while not list(out.glob("*.zip")):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)


def _whole_kits(out: Path) -> list[str]:
    names = []
    for kit in sorted(out.glob("*.zip")):
        with zipfile.ZipFile(kit) as archive:
            assert archive.testzip() is None, kit
        names.append(kit.name)
    return names


@pytest.fixture
def three_cases(edition_content: Path) -> Path:
    shutil.copytree(REPO / "texts" / "dorgelesse", edition_content / "texts" / "dorgelesse")
    shutil.copytree(REPO / "audio" / "dorgelesse", edition_content / "audio" / "dorgelesse")
    return edition_content


def test_ctrl_c_leaves_whole_kits_only(three_cases, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    process = _start(three_cases, out)
    _wait_for_first_kit(process, out)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode != 0
    assert "interrompu" in err.decode()
    assert part_files(out) == []
    assert len(_whole_kits(out)) in (1, 2)
    sums = (out / "SHA256SUMS").read_text(encoding="utf-8")
    for kit in out.glob("*.zip"):  # the sums describe what is on disk
        assert f"{sha256(kit)}  {kit.name}" in sums


def test_killed_build_is_cleaned_and_completed_by_the_next(three_cases, tmp_path, cli):
    out = tmp_path / "site"
    out.mkdir()
    process = _start(three_cases, out)
    _wait_for_first_kit(process, out)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    for kit in out.glob("*.zip"):  # whatever was renamed into place is whole
        with zipfile.ZipFile(kit) as archive:
            assert archive.testzip() is None
    result = cli("edition", "--sortie", str(out), "--sans-pdf",
                 "--contenu", str(three_cases))
    assert result.exit_code == 0, result.output
    assert part_files(out) == []
    assert _whole_kits(out) == ["dictee-dorgelesse.zip", "dictee-luis-manuel.zip",
                                "dictee-sasha.zip"]
