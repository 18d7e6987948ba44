"""Every mistake a user can make gets a French message, a non-zero exit, no leftovers."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from dictee.content.typography import plain
from tests.conftest import REPO, write_wav
from tests.french_spacing import plain_spaces
from tests.processes import fill_disk_of, processes_mentioning, run_dictee, wait_while_running

DATA = REPO / "tests" / "data"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def assert_clean_failure(result, *phrases: str) -> None:
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "Erreur" in result.output
    assert plain_spaces(result.output) == [], result.output  # « Erreur\u00a0: … »
    for phrase in phrases:
        assert phrase in plain(result.output), result.output


def test_unknown_case_suggests_the_closest(cli, tmp_path):
    result = cli("kit", "luis-manuell", "--sortie", str(tmp_path / "k"))
    assert_clean_failure(result, "cas inconnu", "luis-manuel")
    assert leftovers(tmp_path / "k") == []


@pytest.mark.parametrize("slug", ["../etc", "/tmp/x", "Luis Manuel", "..", "a/b"])
def test_slug_that_looks_like_a_path_is_refused(cli, tmp_path, slug):
    result = cli("kit", slug, "--sortie", str(tmp_path / "k"))
    assert_clean_failure(result, "n'est pas un identifiant de cas")


def test_invalid_case_file_names_file_line_and_field(cli, content, tmp_path):
    meta = content / "texts" / "luis-manuel" / "cas.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("pays: Cuba\n", "").replace("edition: 2022-2023",
                                                            "edition: 2022"),
                    encoding="utf-8")
    result = cli("kit", "luis-manuel", "--sortie", str(tmp_path / "k"))
    assert_clean_failure(result, "cas.yaml", "« pays »", "champ obligatoire manquant",
                         "« edition »", "2022-2023")
    assert "cas.yaml:" in result.output  # a line number is given
    assert leftovers(tmp_path / "k") == []


def test_yaml_syntax_error_gives_line_and_fix(cli, content, tmp_path):
    meta = content / "texts" / "luis-manuel" / "cas.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        "pays: Cuba", "pays: Cuba : La Havane"), encoding="utf-8")
    result = cli("kit", "luis-manuel", "--sortie", str(tmp_path / "k"))
    assert_clean_failure(result, "YAML illisible", "entre guillemets")


def test_missing_recording_is_refused_unless_sans_audio(cli, content, tmp_path):
    for path in (content / "audio" / "luis-manuel").glob("primaire.*"):
        path.unlink()
    result = cli("kit", "luis-manuel", "--sortie", str(tmp_path / "k"))
    assert_clean_failure(result, "aucun enregistrement", "--sans-audio")
    assert leftovers(tmp_path / "k") == []
    result = cli("kit", "luis-manuel", "--sans-audio", "--sans-pdf", "--sortie",
                 str(tmp_path / "k"))
    assert result.exit_code == 0, result.output
    assert leftovers(tmp_path / "k") == ["dictee-luis-manuel.zip"]


def test_corrupt_audio_is_refused(cli, content, tmp_path):
    (content / "audio" / "luis-manuel" / "primaire.mp3").write_bytes(b"ceci n'est pas du son" * 50)
    # One level: the other's audio, made in parallel, would only add its time.
    result = cli("kit", "luis-manuel", "--sans-pdf", "--niveau", "primaire",
                 "--sortie", str(tmp_path / "k"))
    assert_clean_failure(result, "primaire.mp3", "enregistrement audio lisible")
    assert leftovers(tmp_path / "k") == []


def test_silent_audio_is_refused(cli, content, tmp_path):
    (content / "audio" / "luis-manuel" / "primaire.mp3").unlink()
    write_wav(content / "audio" / "luis-manuel" / "primaire.wav", 40, silent=True)
    result = cli("kit", "luis-manuel", "--sans-pdf", "--niveau", "primaire",
                 "--sortie", str(tmp_path / "k"))
    assert_clean_failure(result, "silencieux")
    assert leftovers(tmp_path / "k") == []


@pytest.mark.may_skip
@pytest.mark.skipif(os.geteuid() == 0, reason="root writes everywhere")
def test_unwritable_output_folder(cli, tmp_path):
    locked = tmp_path / "verrou"
    locked.mkdir()
    locked.chmod(0o500)
    result = cli("kit", "luis-manuel", "--sans-pdf", "--sortie", str(locked))
    assert_clean_failure(result, "pas accessible en écriture")


def test_output_path_that_is_a_file(cli, tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("x")
    result = cli("kit", "luis-manuel", "--sans-pdf", "--sortie", str(blocker / "kits"))
    assert_clean_failure(result, "impossible de créer le dossier de sortie")


def test_existing_kit_needs_force(cli, tmp_path):
    out = tmp_path / "k"
    quick = ("kit", "luis-manuel", "--sans-pdf", "--sans-audio", "--niveau", "primaire",
             "--sortie", str(out))
    kit = out / "dictee-luis-manuel-primaire.zip"
    assert cli(*quick).exit_code == 0
    before = kit.read_bytes()
    kit.write_bytes(b"mon fichier")
    result = cli(*quick)
    assert_clean_failure(result, "existe déjà", "--force")
    assert kit.read_bytes() == b"mon fichier"
    assert cli(*quick, "--force").exit_code == 0
    assert kit.read_bytes() == before
    assert leftovers(out) == [kit.name]


def test_unknown_level(cli, tmp_path):
    result = cli("kit", "luis-manuel", "--niveau", "college", "--sortie", str(tmp_path))
    assert_clean_failure(result, "niveau inconnu", "primaire ou secondaire")


def test_content_folder_without_texts(cli, tmp_path):
    result = cli("kit", "luis-manuel", "--contenu", str(tmp_path / "vide"))
    assert_clean_failure(result, "texts/")


def test_failure_midway_leaves_no_partial_zip(cli, content, tmp_path, monkeypatch):
    # A broken template is found only after the audio is done: the kit must vanish.
    shutil.copy(content / "templates" / "LISEZMOI.txt.j2", tmp_path / "sauve")
    (content / "templates" / "LISEZMOI.txt.j2").write_text("{{ variable_inconnue }}",
                                                            encoding="utf-8")
    result = cli("kit", "luis-manuel", "--sans-pdf", "--niveau", "primaire",
                 "--sortie", str(tmp_path / "k"))
    assert_clean_failure(result, "LISEZMOI.txt.j2", "variable_inconnue")
    assert leftovers(tmp_path / "k") == []


def test_full_output_disk_names_the_folder(cli, tmp_path, monkeypatch):
    out = tmp_path / "k"
    fill_disk_of(monkeypatch, out)  # the output disk is full, the temporary one is not
    result = cli("kit", "luis-manuel", "--sans-pdf", "--sans-audio", "--sortie", str(out))
    assert_clean_failure(result, "impossible d'écrire dictee-luis-manuel.zip : le disque est "
                                 "plein", "Libérez de la place")
    assert f"{out} :" in " ".join(result.output.split())
    assert "No space left" not in result.output
    assert leftovers(out) == []


def test_full_temporary_folder_does_not_blame_the_recording(content, tmp_path):
    """ffmpeg cannot write into a full temporary folder: say so, and how to choose another."""
    from dictee.audio.io import ffmpeg

    bin_dir, temporary, out = tmp_path / "bin", tmp_path / "tmp", tmp_path / "k"
    bin_dir.mkdir()
    temporary.mkdir()
    fake = bin_dir / "ffmpeg"  # decodes as the real one; writing a file fails as on a full disk
    fake.write_text((DATA / "ffmpeg-disque-plein.sh").read_text(encoding="utf-8")
                    .replace("@FFMPEG@", ffmpeg()), encoding="utf-8")
    fake.chmod(0o755)
    process = run_dictee("kit", "luis-manuel", "--sans-pdf", "--sortie", str(out),
                         env={"DICTEE_CONTENU": str(content), "TMPDIR": str(temporary),
                              "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"})
    _, err = process.communicate(timeout=300)
    message = " ".join(err.decode().split())
    assert process.returncode == 1, message
    assert f"{temporary} : impossible d'écrire le son : le dossier temporaire est plein" \
        in message
    assert "TMPDIR" in message
    assert "enregistrement" not in message and "No space left" not in message
    assert list(temporary.iterdir()) == [] and leftovers(out) == []


def test_sigterm_removes_the_temporary_folder(content, tmp_path):
    temporary, out = tmp_path / "tmp", tmp_path / "k"
    temporary.mkdir()
    process = run_dictee("kit", "luis-manuel", "--sans-pdf", "--sortie", str(out),
                         env={"DICTEE_CONTENU": str(content), "TMPDIR": str(temporary)})
    wait_while_running(process, lambda: bool(list(temporary.glob("dictee-kit-*/kit/*/audio/*"))))
    os.kill(process.pid, signal.SIGTERM)  # the process only, as `kill PID` does
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrompu" in err.decode()
    assert list(temporary.iterdir()) == [] and leftovers(out) == []


@pytest.mark.pdf
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs Linux's /proc")
def test_sigterm_during_the_pdf_conversion_stops_libreoffice(content, tmp_path):
    """LibreOffice's helpers go too: none keeps writing into a removed temporary folder."""
    temporary, out = tmp_path / "tmp", tmp_path / "k"
    temporary.mkdir()
    process = run_dictee("kit", "luis-manuel", "--sans-audio", "--sortie", str(out),
                         env={"DICTEE_CONTENU": str(content), "TMPDIR": str(temporary)})
    # soffice and its helper soffice.bin, both named after their profile folder
    wait_while_running(process, lambda: len(processes_mentioning(str(temporary))) >= 2)
    os.kill(process.pid, signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and "interrompu" in err.decode()
    assert processes_mentioning(str(temporary)) == []
    assert list(temporary.iterdir()) == [] and leftovers(out) == []


def test_the_next_run_removes_what_a_killed_kit_left(content, tmp_path):
    """Nothing runs after SIGKILL; the next kit removes the dead process's folder."""
    temporary, out = tmp_path / "tmp", tmp_path / "k"
    temporary.mkdir()
    env = {"DICTEE_CONTENU": str(content), "TMPDIR": str(temporary)}
    process = run_dictee("kit", "luis-manuel", "--sans-pdf", "--sortie", str(out), env=env)
    wait_while_running(process, lambda: bool(list(temporary.glob("dictee-kit-*/kit"))))
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    left = list(temporary.glob("dictee-kit-*"))
    assert len(left) == 1 and left[0].name.startswith(f"dictee-kit-{process.pid}-")
    other_user = temporary / "dictee-kit-1-abc"  # pid 1 lives: its folder is not ours to touch
    other_user.mkdir()
    again = run_dictee("kit", "luis-manuel", "--sans-pdf", "--sans-audio", "--niveau",
                       "primaire", "--sortie", str(out), env=env)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err.decode()
    assert list(temporary.iterdir()) == [other_user]


def test_a_missing_template_names_the_content_folder_as_it_is(monkeypatch, tmp_path):
    """The packaged templates gone (a broken installation), a missing one is asked for in
    the content's templates/ folder, named as it is: « Dictées : 2024 ; essai ! ? » is
    written in the hint's text; the words around keep their no-break spaces."""
    from typer.testing import CliRunner

    from dictee.cli.app import app
    from dictee.render import environment
    from tests.french_spacing import plain_spaces_but

    root = tmp_path / "Dictées : 2024 ; essai ! ?"
    shutil.copytree(REPO / "texts" / "luis-manuel", root / "texts" / "luis-manuel")
    shutil.copytree(REPO / "templates", root / "templates")
    (root / "templates" / "guide-enseignant.docx").unlink()
    monkeypatch.setattr(environment, "search_path", lambda content: [content.templates])
    result = CliRunner().invoke(app, ["kit", "luis-manuel", "--contenu", str(root),
                                      "--sortie", str(tmp_path / "k"), "--sans-audio",
                                      "--sans-pdf"],
                                catch_exceptions=False, env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert (f"Erreur\u00a0: modèle introuvable\u00a0: guide-enseignant.docx\n→ Placez "
            f"guide-enseignant.docx dans {root / 'templates'} ou réinstallez dictee.\n"
            ) in result.stderr
    assert plain_spaces_but(result.output, str(root)) == [], result.output
    assert leftovers(tmp_path / "k") == []
