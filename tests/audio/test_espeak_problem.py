"""espeak.problem: why espeak-ng cannot say texts here, for the user who sees every join
of a reading flagged (dictee audio segmenter). The aligner never stops on espeak-ng's
failure; without this, a broken installation only showed as groups to check."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dictee.audio import espeak

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fake programs are scripts")


@pytest.fixture(autouse=True)
def _asked_afresh():
    espeak.problem.cache_clear()
    yield
    espeak.problem.cache_clear()


def _program(tmp_path: Path, body: str) -> list[str]:
    """A stand-in for espeak-ng: a Python script whose body is `body`."""
    script = tmp_path / "espeak-ng"
    script.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return [str(script)]


def test_a_working_espeak_ng_has_no_problem():
    """The real one, whichever is here (program or wheel), says the probe."""
    if espeak.command() is None:
        pytest.skip("no espeak-ng here")
    assert espeak.problem() is None


def test_none_found_says_what_to_install(monkeypatch):
    monkeypatch.setattr(espeak, "command", lambda: None)
    found = espeak.problem()
    assert found.reason == "introuvable sur cet ordinateur"
    assert found.hint == espeak.INSTALL_HINT


def test_a_failing_program_is_named_with_what_it_said(tmp_path, monkeypatch):
    """Its last line of errors, without the name it gives itself, and how to try it."""
    fake = _program(tmp_path, 'print("espeak-ng: cannot load phoneme data", file=sys.stderr)\n'
                              "sys.exit(3)")
    monkeypatch.setattr(espeak, "command", lambda: fake)
    found = espeak.problem()
    assert found.reason == ("le programme a échoué, code de sortie 3, message « cannot load "
                            "phoneme data »")
    assert 'espeak-ng -v fr -w essai.wav "Bonjour"' in found.hint
    assert "apt-get install --reinstall espeak-ng espeak-ng-data" in found.hint
    assert "(" not in found.reason  # it is said inside parentheses


def test_a_program_that_says_nothing_is_named(tmp_path, monkeypatch):
    """Exit code 0 and an empty WAV file: nothing to align against."""
    fake = _program(tmp_path, "import wave\n"
                              "out = wave.open(sys.argv[sys.argv.index('-w') + 1], 'wb')\n"
                              "out.setnchannels(1); out.setsampwidth(2); out.setframerate(22050)\n"
                              "out.close()")
    monkeypatch.setattr(espeak, "command", lambda: fake)
    assert espeak.problem().reason == "le programme ne dit rien"


def test_a_program_that_crashes_is_named_with_its_signal(tmp_path, monkeypatch):
    fake = _program(tmp_path, "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)")
    monkeypatch.setattr(espeak, "command", lambda: fake)
    assert espeak.problem().reason == "le programme s'est arrêté brutalement, signal 11"


def test_a_program_that_cannot_start_is_named_in_french(tmp_path, monkeypatch):
    """Not executable: the system's error in French, not « Permission denied »."""
    fake = _program(tmp_path, "")
    Path(fake[0]).chmod(0o644)
    monkeypatch.setattr(espeak, "command", lambda: fake)
    reason = espeak.problem().reason
    assert reason.startswith("le programme ne démarre pas, ") and "Permission" not in reason


def test_a_program_that_hangs_is_stopped(tmp_path, monkeypatch):
    fake = _program(tmp_path, "time.sleep(60)")
    monkeypatch.setattr(espeak, "command", lambda: fake)
    monkeypatch.setattr(espeak, "PROBE_TIMEOUT_S", 0.5)
    assert espeak.problem().reason.startswith("le programme ne répond pas, arrêté après")


@pytest.mark.skipif(espeak.bundled() is None, reason="the espeakng-loader wheel is not here")
def test_the_wheel_without_its_data_says_so_and_how_to_reinstall(monkeypatch):
    """The wheel's library pointed at a data folder that is not there: its own French
    error, and the hint names the package to reinstall and the program to install."""
    library, _ = espeak.bundled()
    monkeypatch.setattr(espeak, "command", lambda: [
        sys.executable, "-I", "-S", espeak.__file__, "--library", library,
        "--data", "/dossier/absent"])
    found = espeak.problem()
    assert found.reason.startswith("la bibliothèque installée avec dictee a échoué, code "
                                   "de sortie 1, message « libespeak-ng ne démarre pas avec "
                                   "les données /dossier/absent »")
    assert "pip install --force-reinstall espeakng-loader" in found.hint
    assert "apt-get install espeak-ng" in found.hint
