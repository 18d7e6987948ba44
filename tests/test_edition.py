"""`dictee edition`: every kit of a year, reproducible, incremental, robust to bad input.

Kits are built without PDF (--sans-pdf): tests/test_pdf.py covers PDFs. The audio
(most of a kit's build time) is made where it is the point: the edition built once
for the module (`built`), the edition killed then completed (`killed_then_completed`),
which is also the second build of the reproducibility test, and the interruption
tests, which need builds long enough to interrupt. Elsewhere --sans-audio.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from dictee.cli.app import app
from dictee.content.loader import ContentRoot
from dictee.content.typography import plain
from dictee.edition_state import STATE_NAME, EditionState, case_inputs
from dictee.render.environment import search_path
from tests.conftest import REPO
from tests.docx_text import docx_text
from tests.french_spacing import plain_spaces_but
from tests.processes import (
    fill_disk_of,
    run_dictee,
    session_processes,
    wait_until,
    wait_while_running,
)

SLUGS = ("luis-manuel", "sasha")
# The options an edition records in its key, for --sans-pdf --sans-audio and nothing else.
QUICK_KEY = {"pdf": False, "audio": False, "banque_de_mots": False, "bareme": None}


def copy_case(root: Path, slug: str) -> None:
    shutil.copytree(REPO / "texts" / slug, root / "texts" / slug)
    shutil.copytree(REPO / "audio" / slug, root / "audio" / slug)


@pytest.fixture
def edition_content(content: Path) -> Path:
    """The Luis Manuel case of `content`, plus Sasha's, with their readings."""
    copy_case(content, "sasha")
    return content


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """Luis Manuel and Sasha, with audio, built once with --jobs 2: (content, edition)."""
    base = tmp_path_factory.mktemp("edition")
    content = base / "contenu"
    for slug in SLUGS:
        copy_case(content, slug)
    shutil.copytree(REPO / "templates", content / "templates")
    out = base / "site"
    result = CliRunner().invoke(app, ["edition", "--contenu", str(content), "--sortie",
                                      str(out), "--sans-pdf", "--jobs", "2"],
                                catch_exceptions=False, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "2 construite(s), 0 inchangée(s), 0 en échec" in " ".join(result.output.split())
    return content, out


@pytest.fixture(scope="module")
def quick_edition(tmp_path_factory) -> tuple[Path, Path]:
    """Luis Manuel's edition without audio, built once for the module (`quick_site`):
    (content, edition)."""
    base = tmp_path_factory.mktemp("rapide")
    content = base / "contenu"
    copy_case(content, "luis-manuel")
    shutil.copytree(REPO / "templates", content / "templates")
    out = base / "site"
    result = CliRunner().invoke(app, ["edition", "--contenu", str(content), "--sortie",
                                      str(out), "--sans-pdf", "--sans-audio"],
                                catch_exceptions=False, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return content, out


@pytest.fixture
def quick_site(quick_edition, content, tmp_path) -> Path:
    """What `build_quick` makes from `content`, without building it: a copy of
    `quick_edition`, made from the same files (copied with their times), whose record of
    sizes and times now names `content`'s files, as a build from there writes it."""
    built_from, edition = quick_edition
    out = Path(shutil.copytree(edition, tmp_path / "site"))  # the zip keeps its time
    record = out / STATE_NAME
    record.write_text(record.read_text(encoding="utf-8").replace(str(built_from),
                                                                  str(content)),
                      encoding="utf-8")
    root = ContentRoot(content)
    assert EditionState(out, QUICK_KEY).fresh(
        "luis-manuel", case_inputs(root, "luis-manuel", search_path(root)),
        out / "dictee-luis-manuel.zip"), "the copied record must hold for `content`"
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(cli, out: Path, *extra: str):
    return cli("edition", "--sortie", str(out), "--sans-pdf", *extra)


def build_quick(cli, out: Path, *extra: str):
    """An edition without recordings: for what does not depend on the audio."""
    return build(cli, out, "--sans-audio", *extra)


def part_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_builds_every_kit_with_index_and_sums(built):
    _, out = built
    zips = sorted(p.name for p in out.glob("*.zip"))
    assert zips == ["dictee-luis-manuel.zip", "dictee-sasha.zip"]
    with zipfile.ZipFile(out / "dictee-sasha.zip") as archive:
        names = archive.namelist()
    assert "dictee-sasha/manifest.json" in names
    assert "dictee-sasha/primaire/audio/dictee-rythmee.mp3" in names
    assert {n.split("/")[1] for n in names} >= {"primaire", "secondaire", "LISEZMOI.txt"}
    sums = (out / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert sums == [f"{sha256(out / name)}  {name}" for name in zips]
    page = (out / "index.html").read_text(encoding="utf-8")
    for name in zips:
        assert f'href="{name}"' in page and sha256(out / name) in page
    assert "Aleksandra Skochilenko" in page and "Russie" in page
    assert "Luis Manuel Otero Alcántara" in page and "primaire, secondaire" in page
    assert "Écrire, ça libère" in page and "Édition 2022-2023" in page
    assert "sans enregistrement" not in page
    assert part_files(out) == []


def test_two_builds_give_identical_bytes(built, killed_then_completed):
    """The second edition is the killed one, completed: each of its kits was built again
    from nothing (one by the killed process, one by the next run), one at a time where
    `built` ran two workers."""
    first, second = built[1], killed_then_completed.out
    for name in ("dictee-luis-manuel.zip", "dictee-sasha.zip", "SHA256SUMS", "index.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_unchanged_kits_are_not_rebuilt(cli, built, tmp_path):
    content, out = tmp_path / "contenu-copie", tmp_path / "site"
    shutil.copytree(built[0], content)  # copytree keeps the files' times
    shutil.copytree(built[1], out)
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.zip")}

    # Without the size-and-time record, the inputs' hash in each manifest decides.
    (out / ".dictee-edition.json").unlink()
    again = build(cli, out, "--contenu", str(content))
    assert again.exit_code == 0
    assert "0 construite(s), 2 inchangée(s)" in " ".join(again.output.split())
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.zip")} == before
    # With it, the same answer.
    assert (out / ".dictee-edition.json").is_file()
    again = build(cli, out, "--contenu", str(content))
    assert "0 construite(s), 2 inchangée(s)" in " ".join(again.output.split())

    for changed_file in (content / "texts" / "sasha" / "primaire.md",
                         content / "audio" / "sasha" / "primaire.labels.txt"):
        changed_file.write_text(changed_file.read_text(encoding="utf-8").replace(
            "très longtemps", "bien longtemps"), encoding="utf-8")
    changed = build(cli, out, "--contenu", str(content))
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
    assert build_quick(cli, out).exit_code == 0
    os.utime(content / "texts" / "luis-manuel" / "cas.yaml")  # e.g. a git checkout
    result = build_quick(cli, out)
    assert "0 construite(s), 1 inchangée(s)" in " ".join(result.output.split())


def test_a_template_change_rebuilds_the_kits(cli, content, tmp_path, quick_site):
    out = quick_site
    readme = content / "templates" / "LISEZMOI.txt.j2"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nBonne dictée !\n",
                      encoding="utf-8")
    result = build_quick(cli, out)
    assert "1 construite(s), 0 inchangée(s)" in " ".join(result.output.split())


def test_word_bank_option_rebuilds_then_is_kept_and_reproducible(cli, content, tmp_path,
                                                                  quick_site):
    """--banque-de-mots is an input of the kit: asking for it rebuilds the kits once (the
    size-and-time record does not hide it), asking again changes nothing, and two
    editions with it give the same bytes."""
    out = quick_site
    result = build_quick(cli, out, "--banque-de-mots")
    assert "1 construite(s), 0 inchangée(s)" in " ".join(result.output.split())
    with zipfile.ZipFile(out / "dictee-luis-manuel.zip") as archive:
        archive.extract("dictee-luis-manuel/primaire/fiche-eleve.docx", tmp_path)
    assert "Les mots de l’histoire" in docx_text(
        tmp_path / "dictee-luis-manuel" / "primaire" / "fiche-eleve.docx")
    again = build_quick(cli, out, "--banque-de-mots")
    assert "0 construite(s), 1 inchangée(s)" in " ".join(again.output.split())
    other = tmp_path / "autre"
    assert build_quick(cli, other, "--banque-de-mots").exit_code == 0
    for name in ("dictee-luis-manuel.zip", "SHA256SUMS"):
        assert (out / name).read_bytes() == (other / name).read_bytes(), name
    back = build_quick(cli, out)
    assert "1 construite(s), 0 inchangée(s)" in " ".join(back.output.split())


def test_scale_option_rebuilds_then_is_kept_and_reproducible(cli, content, tmp_path, quick_site):
    """--bareme is an input of the kit: another preset rebuilds it once, with the guide
    naming that preset; the same preset again changes nothing; naming the default preset
    is the same kit as giving none; two editions with it give the same bytes."""
    out = quick_site
    same = build_quick(cli, out, "--bareme", "demi-faute")
    assert "0 construite(s), 1 inchangée(s)" in " ".join(same.output.split())
    result = build_quick(cli, out, "--bareme", "quebec-erreur-repetee")
    assert "1 construite(s), 0 inchangée(s)" in " ".join(result.output.split())
    with zipfile.ZipFile(out / "dictee-luis-manuel.zip") as archive:
        archive.extract("dictee-luis-manuel/primaire/guide-enseignant.docx", tmp_path)
    guide = docx_text(tmp_path / "dictee-luis-manuel" / "primaire" / "guide-enseignant.docx")
    assert "Erreur répétée comptée une fois (Québec)" in guide
    again = build_quick(cli, out, "--bareme", "quebec-erreur-repetee")
    assert "0 construite(s), 1 inchangée(s)" in " ".join(again.output.split())
    other = tmp_path / "autre"
    assert build_quick(cli, other, "--bareme", "quebec-erreur-repetee").exit_code == 0
    for name in ("dictee-luis-manuel.zip", "SHA256SUMS"):
        assert (out / name).read_bytes() == (other / name).read_bytes(), name
    capped = build_quick(cli, out, "--bareme", "plafond-au-choix")
    assert "1 construite(s), 0 inchangée(s)" in " ".join(capped.output.split())


def test_a_damaged_kit_is_rebuilt(cli, content, tmp_path, quick_site):
    out = quick_site
    kit = out / "dictee-luis-manuel.zip"
    kit.write_bytes(kit.read_bytes()[:100_000])
    result = build_quick(cli, out)
    assert "1 construite(s), 0 inchangée(s)" in " ".join(result.output.split())
    with zipfile.ZipFile(kit) as archive:
        assert archive.testzip() is None


def test_broken_case_is_reported_and_the_others_are_built(cli, edition_content, tmp_path):
    meta = edition_content / "texts" / "sasha" / "cas.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("pays: Russie\n", ""),
                    encoding="utf-8")
    out = tmp_path / "site"
    result = build_quick(cli, out)
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert "✗ sasha : en échec" in text and "champ « pays »" in text and "cas.yaml" in text
    assert "1 construite(s), 0 inchangée(s), 1 en échec" in text
    assert sorted(p.name for p in out.glob("*.zip")) == ["dictee-luis-manuel.zip"]
    assert "Skochilenko" not in (out / "index.html").read_text(encoding="utf-8")
    assert "Traceback" not in result.output


def test_a_failed_kit_names_its_files_as_they_are(tmp_path):
    """In a content folder named « Dictées : 2024 ; essai ! ? », the lines of the kits that
    failed name their files as they are (the folder is in each path their errors write),
    and the folder of a case whose name is not an identifier too; the words around keep
    their no-break spaces."""
    root = tmp_path / "Dictées : 2024 ; essai ! ?"
    copy_case(root, "luis-manuel")
    meta = root / "texts" / "luis-manuel" / "cas.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("pays: Cuba\n", ""),
                    encoding="utf-8")
    name = "Léa : cas ; essai ! ?"
    (root / "texts" / name).mkdir()
    (root / "texts" / name / "cas.yaml").write_text("slug: lea\nedition: 2022-2023\n",
                                                    encoding="utf-8")
    result = CliRunner().invoke(app, ["edition", "--contenu", str(root), "--sortie",
                                      str(tmp_path / "site"), "--sans-pdf", "--sans-audio"],
                                catch_exceptions=False, env={"COLUMNS": "200"})
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"✗ {name}\u00a0: en échec" in lines
    assert (f"    {root / 'texts' / name}\u00a0: le nom du dossier «\u00a0{name}\u00a0» "
            "n'est pas un identifiant de cas") in lines
    assert "✗ luis-manuel\u00a0: en échec" in lines
    assert (f"  • {meta}:2\u00a0: champ «\u00a0pays\u00a0»\u00a0: champ obligatoire "
            "manquant") in lines
    assert plain_spaces_but(result.output, str(root), name) == [], result.output


def test_an_unexpected_error_is_written_as_it_is(tmp_path, monkeypatch):
    """An error nobody foresaw in a kit's build is shown with its own text as it is:
    a path in it (« Classe : 6e B ? ») is not spaced as French, so that the staff can
    find the file and tell the team; the French around keeps its no-break spaces."""
    import dictee.kit

    folder = tmp_path / "Classe : 6e B ?"

    def broken(*_args, **_kwargs):
        raise RuntimeError(f"fichier {folder / 'x.tmp'} verrouillé")

    monkeypatch.setattr(dictee.kit, "build_kit", broken)
    root = tmp_path / "contenu"
    copy_case(root, "luis-manuel")
    result = CliRunner().invoke(app, ["edition", "--contenu", str(root), "--sortie",
                                      str(tmp_path / "site"), "--sans-pdf", "--sans-audio",
                                      "--jobs", "1"],
                                catch_exceptions=False, env={"COLUMNS": "300"})
    assert result.exit_code == 1
    assert "✗ luis-manuel\u00a0: en échec" in result.output.splitlines()
    raw = f"fichier {folder / 'x.tmp'} verrouillé"
    assert f"erreur inattendue (RuntimeError\u00a0: {raw})" in result.output, result.output
    assert plain_spaces_but(result.output, raw) == [], result.output


def test_names_in_the_index_are_escaped(cli, content, tmp_path):
    meta = content / "texts" / "luis-manuel" / "cas.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        "pays: Cuba", "pays: Cuba <script>alert(1)</script>"), encoding="utf-8")
    out = tmp_path / "site"
    assert build_quick(cli, out).exit_code == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Word, sans enregistrement" in page  # built with --sans-audio


def test_no_case_and_unknown_edition(cli, tmp_path, content):
    empty = tmp_path / "vide"
    (empty / "texts").mkdir(parents=True)
    result = cli("edition", "--contenu", str(empty), "--sortie", str(tmp_path / "o"))
    assert result.exit_code == 1 and "aucun cas dans ce dossier de contenu" in result.output
    result = build(cli, tmp_path / "o", "2030-2031")
    assert result.exit_code == 1
    assert "aucun cas pour l'édition 2030-2031" in result.output
    assert "Éditions disponibles : 2022-2023" in plain(result.output)
    assert not (tmp_path / "o").exists()


def test_output_that_is_a_file_is_refused(cli, content, tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("pas un dossier", encoding="utf-8")
    result = build(cli, blocker)
    assert result.exit_code == 1
    assert "impossible de créer le dossier de sortie" in result.output
    assert "Traceback" not in result.output


def test_full_disk_is_reported_and_leaves_no_partial_kit(cli, content, tmp_path, monkeypatch):
    out = tmp_path / "site"
    fill_disk_of(monkeypatch, out)  # the output disk is full, the temporary one is not
    result = build_quick(cli, out, "--jobs", "1")
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert f"{out} : impossible d'écrire dictee-luis-manuel.zip : le disque est plein" in text
    assert "Libérez de la place" in text and "No space left" not in text
    assert sorted(p.name for p in out.iterdir()) == [".dictee-edition.json", "SHA256SUMS",
                                                     "index.html"]


def test_default_folder_is_named_after_the_edition(cli, content, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("edition", "--sans-pdf", "--sans-audio")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "kits" / "2022-2023" / "dictee-luis-manuel.zip").is_file()


def _start(content: Path, out: Path, *, jobs: int = 1,
           temporary: Path | None = None) -> subprocess.Popen:
    env = {"DICTEE_CONTENU": str(content)}
    if temporary is not None:
        env["TMPDIR"] = str(temporary)
    return run_dictee("edition", "--sortie", str(out), "--sans-pdf", "--jobs", str(jobs),
                      env=env, cwd=out.parent)


def _whole_kits(out: Path) -> list[str]:
    names = []
    for kit in sorted(out.glob("*.zip")):
        with zipfile.ZipFile(kit) as archive:
            assert archive.testzip() is None, kit
        names.append(kit.name)
    return names


def test_ctrl_c_leaves_whole_kits_only(built, tmp_path):
    """Ctrl-C while Sasha's kit is being made; Luis Manuel's is current (from `built`),
    and the interrupted run must still write the index and the sums of what is there."""
    content, out, temporary = tmp_path / "contenu", tmp_path / "site", tmp_path / "tmp"
    shutil.copytree(built[0], content)  # copytree keeps the files' times
    shutil.copytree(built[1], out)
    for name in ("dictee-sasha.zip", "SHA256SUMS", "index.html"):
        (out / name).unlink()
    temporary.mkdir()
    process = _start(content, out, temporary=temporary)
    wait_while_running(process, lambda: bool(list(temporary.glob("dictee-kit-*/kit"))))
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode != 0
    assert "interrompu" in err.decode()
    assert part_files(out) == [] and list(temporary.iterdir()) == []
    assert len(_whole_kits(out)) in (1, 2)
    sums = (out / "SHA256SUMS").read_text(encoding="utf-8")
    assert "dictee-luis-manuel.zip" in (out / "index.html").read_text(encoding="utf-8")
    for kit in out.glob("*.zip"):  # the sums describe what is on disk
        assert f"{sha256(kit)}  {kit.name}" in sums


@dataclass
class Killed:
    """An edition killed (SIGKILL) while making its second kit, then run again."""

    out: Path
    whole_after_kill: list[str]  # the zips in place after the kill, each opened and tested
    left_after_kill: list[str]  # what the killed run left in the temporary folder
    next_run: Result
    part_files_after: list[str]
    left_after: list[str]


@pytest.fixture(scope="module")
def killed_then_completed(tmp_path_factory) -> Killed:
    """Luis Manuel and Sasha, with audio: an edition killed during the second kit, then
    completed by the next run (in this process, with the same private TMPDIR)."""
    base = tmp_path_factory.mktemp("tuee")
    content = base / "contenu"
    for slug in SLUGS:
        copy_case(content, slug)
    shutil.copytree(REPO / "templates", content / "templates")
    out, temporary = base / "site", base / "tmp"
    out.mkdir()
    temporary.mkdir()
    process = _start(content, out, temporary=temporary)
    # Killed while the second kit is being made, not in the few milliseconds between two
    # kits where no temporary folder exists: 0.3 s after the first kit is in place, the
    # first kit's folder is long gone, and a folder still there is the second kit's
    # (which takes seconds: its audio).
    def second_under_way() -> bool:
        return bool(list(out.glob("*.zip"))) and bool(list(temporary.iterdir()))

    wait_while_running(process, second_under_way)
    time.sleep(0.3)
    wait_while_running(process, second_under_way)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    whole = _whole_kits(out)  # whatever was renamed into place is whole
    left = sorted(p.name for p in temporary.iterdir())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tempfile, "tempdir", str(temporary))
        result = CliRunner().invoke(app, ["edition", "--sortie", str(out), "--sans-pdf",
                                          "--contenu", str(content)],
                                    catch_exceptions=False, env={"COLUMNS": "200"})
    return Killed(out, whole, left, result, part_files(out),
                  sorted(p.name for p in temporary.iterdir()))


def test_killed_build_is_cleaned_and_completed_by_the_next(killed_then_completed):
    killed = killed_then_completed
    assert killed.whole_after_kill  # the first kit, whole (the fixture opened it)
    assert killed.left_after_kill  # nothing runs after SIGKILL: the next run cleans
    assert killed.next_run.exit_code == 0, killed.next_run.output
    assert killed.part_files_after == [] and killed.left_after == []
    assert _whole_kits(killed.out) == ["dictee-luis-manuel.zip", "dictee-sasha.zip"]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["TERM", "KILL"])
def test_workers_stop_with_the_main_process(edition_content, tmp_path, signum):
    """The signal goes to the main process only (not its group), as `kill PID` does."""
    out, temporary = tmp_path / "site", tmp_path / "tmp"
    out.mkdir()
    temporary.mkdir()
    process = _start(edition_content, out, jobs=2, temporary=temporary)
    wait_while_running(process, lambda: len(list(temporary.glob("dictee-kit-*"))) == 2)
    assert len(session_processes(process.pid)) >= 3  # the command and its two workers
    os.kill(process.pid, signum)
    _, err = process.communicate(timeout=60)
    assert wait_until(lambda: not session_processes(process.pid), 30), \
        "workers (or their ffmpeg) outlived the main process"
    assert list(temporary.iterdir()) == []
    assert part_files(out) == []
    if signum == signal.SIGTERM:
        assert process.returncode == 130
        assert "interrompu" in err.decode()
